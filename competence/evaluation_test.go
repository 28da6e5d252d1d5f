package competence_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

const (
	evaluatedAuditor competence.AuditorID     = "alice"
	evaluatedSet     competence.CriteriaSetID = "isms-auditor"
)

func at(days int) time.Time { return evaluationDay.AddDate(0, 0, days) }

func meta(days int, note string) ismsaudit.Meta {
	return ismsaudit.Meta{At: at(days), By: "cb", Note: note}
}

// twoCriteriaResult is a method result informing the two criteria of twoCriteriaAssessment.
func twoCriteriaResult(m competence.Method, days int) competence.MethodResult {
	return competence.MethodResult{Method: m, At: at(days), By: "evaluator", Findings: []competence.Finding{
		{Criterion: "c1", Met: true}, {Criterion: "c2", Met: true},
	}}
}

// twoCriteriaAssessment is a two-criterion assessment, competent or with c2 unmet.
func twoCriteriaAssessment(competent bool, days int) competence.Assessment {
	a := competence.Assessment{
		Auditor: evaluatedAuditor, Criteria: evaluatedSet, EvaluatedAt: at(days),
		Results: []competence.CriterionResult{
			{Criterion: "c1", Kind: competence.KnowledgeCriterion, Met: true, Why: "recorded level working", InformedBy: []competence.Method{competence.Interview}},
			{Criterion: "c2", Kind: competence.AuditCount, Met: competent, Why: "2 audits, required 2", InformedBy: []competence.Method{competence.ReviewOfRecords}},
		},
		Methods:   []competence.Method{competence.ReviewOfRecords, competence.Interview},
		Competent: competent,
	}
	if competent {
		a.DueAt = at(days).AddDate(3, 0, 0)
	}
	return a
}

func twoCriteriaDecision(competent bool, days int) competence.Decision {
	d := competence.Decision{Assessment: twoCriteriaAssessment(competent, days)}
	if !competent {
		d.Actions = []competence.DevelopmentAction{{Action: "two more audits as trainee", Criteria: []competence.CriterionID{"c2"}}}
	}
	return d
}

// inState returns an evaluation brought to state s through valid events.
func inState(t *testing.T, s competence.EvaluationState) competence.Evaluation {
	t.Helper()
	ev, err := competence.NewEvaluation("ev-1", evaluatedAuditor, evaluatedSet)
	require.NoError(t, err)
	started := func() {
		require.NoError(t, ev.Fire(competence.Start, meta(0, "")))
		require.NoError(t, ev.Record(twoCriteriaResult(competence.ReviewOfRecords, 1)))
		require.NoError(t, ev.Record(twoCriteriaResult(competence.Interview, 2)))
	}
	switch s {
	case competence.Planned:
	case competence.InProgress:
		started()
	case competence.Competent:
		started()
		require.NoError(t, ev.Decide(twoCriteriaDecision(true, 3), meta(3, "")))
	case competence.NotYetCompetent:
		started()
		require.NoError(t, ev.Decide(twoCriteriaDecision(false, 3), meta(3, "")))
	case competence.Suspended:
		started()
		require.NoError(t, ev.Decide(twoCriteriaDecision(true, 3), meta(3, "")))
		require.NoError(t, ev.Suspend("complaint under investigation", meta(4, "")))
	case competence.Withdrawn:
		require.NoError(t, ev.Withdraw("left the organisation", meta(0, "")))
	default:
		t.Fatalf("no path to %q", s)
	}
	require.Equal(t, s, ev.State)
	require.NoError(t, ev.Validate())
	return ev
}

// fireGood fires event with input that satisfies every guard.
func fireGood(ev *competence.Evaluation, e competence.EvaluationEvent) error {
	switch e {
	case competence.DecideCompetent:
		return ev.Decide(twoCriteriaDecision(true, 10), meta(10, ""))
	case competence.DecideNotYetCompetent:
		return ev.Decide(twoCriteriaDecision(false, 10), meta(10, ""))
	}
	return fireWith(ev, e, "stated reason", meta(10, ""))
}

// fireWith applies an event that carries no decision through its
// operation: Suspend, Reinstate and Withdraw with the reason, the others
// through Fire.
func fireWith(ev *competence.Evaluation, e competence.EvaluationEvent, reason string, m ismsaudit.Meta) error {
	switch e {
	case competence.Suspend:
		return ev.Suspend(reason, m)
	case competence.Reinstate:
		return ev.Reinstate(reason, m)
	case competence.Withdraw:
		return ev.Withdraw(reason, m)
	}
	return ev.Fire(e, m)
}

// evaluationLifecycle is the lifecycle as the package describes it.
var evaluationLifecycle, _ = competence.LookupLifecycle("competence.evaluation")

// next returns the state the lifecycle table leads to from s on e.
func next(s competence.EvaluationState, e competence.EvaluationEvent) (competence.EvaluationState, bool) {
	for _, t := range evaluationLifecycle.Transitions {
		if t.From == string(s) && t.Event == string(e) {
			return competence.EvaluationState(t.To), true
		}
	}
	return "", false
}

// takesReason reports whether e is fired by an operation with a reason.
func takesReason(e competence.EvaluationEvent) bool {
	return e == competence.Suspend || e == competence.Reinstate || e == competence.Withdraw
}

// TestEvaluationEveryStateEvent covers every (state, event) pair: with
// input meeting every guard, an event fires exactly when the table has a
// row, and a refused event changes nothing.
func TestEvaluationEveryStateEvent(t *testing.T) {
	want := map[competence.EvaluationState]map[competence.EvaluationEvent]competence.EvaluationState{
		competence.Planned:         {competence.Start: competence.InProgress, competence.Withdraw: competence.Withdrawn},
		competence.InProgress:      {competence.DecideCompetent: competence.Competent, competence.DecideNotYetCompetent: competence.NotYetCompetent, competence.Withdraw: competence.Withdrawn},
		competence.Competent:       {competence.ReEvaluate: competence.InProgress, competence.Suspend: competence.Suspended, competence.Withdraw: competence.Withdrawn},
		competence.NotYetCompetent: {competence.ReEvaluate: competence.InProgress, competence.Withdraw: competence.Withdrawn},
		competence.Suspended:       {competence.Reinstate: competence.Competent, competence.ReEvaluate: competence.InProgress, competence.Withdraw: competence.Withdrawn},
		competence.Withdrawn:       {},
	}
	for s := range competence.EvaluationStates() {
		for e := range competence.EvaluationEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				ev := inState(t, s)
				before := cloneEvaluation(ev)
				err := fireGood(&ev, e)
				to, ok := want[s][e]
				next, row := next(s, e)
				assert.Equal(t, ok, row, "table row")
				if ok {
					require.NoError(t, err)
					assert.Equal(t, to, next)
					assert.Equal(t, to, ev.State)
					require.Len(t, ev.History, len(before.History)+1)
					last := ev.History[len(ev.History)-1]
					want := competence.EvaluationEntry{From: s, Event: e, To: to, At: at(10), By: "cb"}
					if takesReason(e) {
						want.Reason = "stated reason"
					}
					assert.Equal(t, want, last)
					require.NoError(t, ev.Validate())
					return
				}
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, string(s), te.State)
				assert.Equal(t, string(e), te.Event)
				wantReason := ismsaudit.ReasonNoTransition
				if evaluationLifecycle.IsTerminal(string(s)) {
					wantReason = ismsaudit.ReasonTerminal
				}
				assert.Equal(t, wantReason, te.Reason)
				assert.Equal(t, competence.RuleEvalOrder, te.Rule, "an event out of order cites the lifecycle's order")
				if d := cmp.Diff(before, ev, equateEmpty); d != "" {
					t.Errorf("refused event changed the evaluation (-before +after):\n%s", d)
				}
			})
		}
	}
}

// cloneEvaluation deep-copies an evaluation through JSON-free copying of
// its append-only slices.
func cloneEvaluation(e competence.Evaluation) competence.Evaluation {
	c := e
	c.Results = slices.Clone(e.Results)
	c.Decisions = slices.Clone(e.Decisions)
	c.History = slices.Clone(e.History)
	return c
}

func TestEvaluationGuards(t *testing.T) {
	competent := func(mut func(*competence.Decision)) func(*competence.Evaluation) error {
		return func(ev *competence.Evaluation) error {
			d := twoCriteriaDecision(true, 10)
			mut(&d)
			return ev.Decide(d, meta(10, ""))
		}
	}
	notYet := func(mut func(*competence.Decision)) func(*competence.Evaluation) error {
		return func(ev *competence.Evaluation) error {
			d := twoCriteriaDecision(false, 10)
			mut(&d)
			return ev.Decide(d, meta(10, ""))
		}
	}
	tests := []struct {
		name  string
		state competence.EvaluationState
		setup func(*competence.Evaluation)
		fire  func(*competence.Evaluation) error
		rule  ismsaudit.RuleID
	}{
		{"decision event without decision", competence.InProgress, nil,
			func(ev *competence.Evaluation) error { return ev.Fire(competence.DecideCompetent, meta(10, "")) }, competence.RuleEvalDecisionGiven},
		{"one method only", competence.Planned,
			func(ev *competence.Evaluation) {
				require.NoError(t, ev.Fire(competence.Start, meta(0, "")))
				require.NoError(t, ev.Record(twoCriteriaResult(competence.Interview, 1)))
				require.NoError(t, ev.Record(twoCriteriaResult(competence.Interview, 2)))
			},
			competent(func(*competence.Decision) {}), competence.RuleEvalTwoMethods},
		{"methods from an earlier round do not count", competence.NotYetCompetent,
			func(ev *competence.Evaluation) {
				require.NoError(t, ev.Fire(competence.ReEvaluate, meta(5, "")))
				require.NoError(t, ev.Record(twoCriteriaResult(competence.Testing, 6)))
			},
			competent(func(*competence.Decision) {}), competence.RuleEvalTwoMethods},
		{"assessment with one method", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.Methods = d.Assessment.Methods[:1] }), competence.RuleEvalTwoMethods},
		{"other auditor", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.Auditor = "bob" }), competence.RuleEvalSameSubject},
		{"other set", competence.InProgress, nil,
			notYet(func(d *competence.Decision) { d.Assessment.Criteria = "other" }), competence.RuleEvalSameSubject},
		{"result without why", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.Results[1].Why = " " }), competence.RuleEvalExplained},
		{"criterion twice", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.Results[1].Criterion = "c1" }), competence.RuleEvalExplained},
		{"competent with an unmet criterion", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.Results[1].Met = false }), competence.RuleEvalAllMet},
		{"competent without due date", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.DueAt = time.Time{} }), competence.RuleEvalDueDate},
		{"due date before the decision", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.DueAt = at(9) }), competence.RuleEvalDueDate},
		{"due date after the assessment but before the decision", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.EvaluatedAt, d.Assessment.DueAt = at(5), at(8) }), competence.RuleEvalDueDate},
		{"due date on the decision day", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.EvaluatedAt, d.Assessment.DueAt = at(5), at(10) }), competence.RuleEvalDueDate},
		{"due date not after the assessment", competence.InProgress, nil,
			competent(func(d *competence.Decision) { d.Assessment.EvaluatedAt, d.Assessment.DueAt = at(12), at(12) }), competence.RuleEvalDueDate},
		{"not yet competent with nothing unmet", competence.InProgress, nil,
			notYet(func(d *competence.Decision) { d.Assessment.Results[1].Met = true }), competence.RuleEvalUnmetListed},
		{"not yet competent without actions", competence.InProgress, nil,
			notYet(func(d *competence.Decision) { d.Actions = nil }), competence.RuleEvalDevelopmentActions},
		{"suspend without reason", competence.Competent, nil,
			func(ev *competence.Evaluation) error { return ev.Suspend("  ", meta(10, "")) }, competence.RuleSuspendReason},
		{"suspend through Fire", competence.Competent, nil,
			func(ev *competence.Evaluation) error {
				return ev.Fire(competence.Suspend, meta(10, "a note is no reason"))
			}, competence.RuleSuspendReason},
		{"withdraw without reason", competence.Planned, nil,
			func(ev *competence.Evaluation) error { return ev.Withdraw("", meta(10, "")) }, competence.RuleWithdrawReason},
		{"withdraw with white space only", competence.Competent, nil,
			func(ev *competence.Evaluation) error { return ev.Withdraw("\t\n ", meta(10, "")) }, competence.RuleWithdrawReason},
		{"withdraw through Fire", competence.InProgress, nil,
			func(ev *competence.Evaluation) error { return ev.Fire(competence.Withdraw, meta(10, "")) }, competence.RuleWithdrawReason},
		{"reinstate without reason", competence.Suspended, nil,
			func(ev *competence.Evaluation) error { return ev.Reinstate("", meta(10, "")) }, competence.RuleReinstateReason},
		{"reinstate through Fire", competence.Suspended, nil,
			func(ev *competence.Evaluation) error { return ev.Fire(competence.Reinstate, meta(10, "")) }, competence.RuleReinstateReason},
		{"reinstate after re-evaluation fell due", competence.Suspended, nil,
			func(ev *competence.Evaluation) error {
				return ev.Reinstate("cleared", ismsaudit.Meta{At: at(3).AddDate(3, 0, 0), By: "cb"})
			}, competence.RuleReinstateNotDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := inState(t, tt.state)
			if tt.setup != nil {
				tt.setup(&ev)
			}
			before := cloneEvaluation(ev)
			err := tt.fire(&ev)
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.Reason("guard"), te.Reason)
			assert.Equal(t, tt.rule, te.Rule)
			assert.NotEmpty(t, te.Detail)
			if d := cmp.Diff(before, ev, equateEmpty); d != "" {
				t.Errorf("refused event changed the evaluation (-before +after):\n%s", d)
			}
		})
	}
}

func TestEvaluationMeta(t *testing.T) {
	tests := []struct {
		name string
		m    ismsaudit.Meta
	}{
		{"no time", ismsaudit.Meta{By: "cb"}},
		{"no actor", ismsaudit.Meta{At: at(1)}},
		{"before the last entry", ismsaudit.Meta{At: at(-1), By: "cb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := inState(t, competence.Competent)
			before := cloneEvaluation(ev)
			err := ev.Fire(competence.ReEvaluate, tt.m)
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonMeta, te.Reason)
			assert.Equal(t, competence.RuleEvalHistory, te.Rule)
			if d := cmp.Diff(before, ev, equateEmpty); d != "" {
				t.Errorf("(-before +after):\n%s", d)
			}
		})
	}
}

func TestEvaluationRecord(t *testing.T) {
	tests := []struct {
		name  string
		state competence.EvaluationState
		r     competence.MethodResult
		path  string
		rule  ismsaudit.RuleID
	}{
		{"invalid method", competence.InProgress, func() competence.MethodResult {
			r := twoCriteriaResult(competence.Interview, 3)
			r.Method = "gut-feeling"
			return r
		}(), "Method", "enum"},
		{"no evaluator", competence.InProgress, func() competence.MethodResult {
			r := twoCriteriaResult(competence.Interview, 3)
			r.By = ""
			return r
		}(), "By", "required"},
		{"no findings", competence.InProgress, func() competence.MethodResult {
			r := twoCriteriaResult(competence.Interview, 3)
			r.Findings = nil
			return r
		}(), "Findings", "required"},
		{"repeated criterion", competence.InProgress, func() competence.MethodResult {
			r := twoCriteriaResult(competence.Interview, 3)
			r.Findings[1].Criterion = "c1"
			return r
		}(), "Findings[1].Criterion", "unique"},
		{"before the round began", competence.InProgress, twoCriteriaResult(competence.Interview, -1), "At", "not-before-round"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := inState(t, tt.state)
			before := cloneEvaluation(ev)
			err := ev.Record(tt.r)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
			if d := cmp.Diff(before, ev, equateEmpty); d != "" {
				t.Errorf("(-before +after):\n%s", d)
			}
		})
	}
	for _, s := range []competence.EvaluationState{competence.Planned, competence.Competent, competence.NotYetCompetent, competence.Suspended, competence.Withdrawn} {
		t.Run("refused when "+string(s), func(t *testing.T) {
			ev := inState(t, s)
			before := cloneEvaluation(ev)
			err := ev.Record(twoCriteriaResult(competence.Interview, 11))
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, competence.RuleEvalRecordInProgress, te.Rule)
			assert.Equal(t, ismsaudit.Reason("wrong-state"), te.Reason)
			assert.Equal(t, string(s), te.State)
			if d := cmp.Diff(before, ev, equateEmpty); d != "" {
				t.Errorf("(-before +after):\n%s", d)
			}
		})
	}
	t.Run("sets the round and copies the findings", func(t *testing.T) {
		ev := inState(t, competence.NotYetCompetent)
		require.NoError(t, ev.Fire(competence.ReEvaluate, meta(5, "")))
		r := twoCriteriaResult(competence.Testing, 6)
		require.NoError(t, ev.Record(r))
		r.Findings[0].Met = false
		got := ev.Results[len(ev.Results)-1]
		assert.Equal(t, 2, got.Round)
		assert.True(t, got.Findings[0].Met)
		assert.Len(t, ev.RoundResults(), 1)
		assert.Equal(t, 2, ev.Round())
	})
}

func TestEvaluationPermitted(t *testing.T) {
	tests := []struct {
		state competence.EvaluationState
		want  []competence.EvaluationEvent
	}{
		{competence.Planned, []competence.EvaluationEvent{competence.Start, competence.Withdraw}},
		{competence.InProgress, []competence.EvaluationEvent{competence.DecideCompetent, competence.DecideNotYetCompetent, competence.Withdraw}},
		{competence.Competent, []competence.EvaluationEvent{competence.ReEvaluate, competence.Suspend, competence.Withdraw}},
		{competence.NotYetCompetent, []competence.EvaluationEvent{competence.ReEvaluate, competence.Withdraw}},
		{competence.Suspended, []competence.EvaluationEvent{competence.ReEvaluate, competence.Reinstate, competence.Withdraw}},
		{competence.Withdrawn, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			ev := inState(t, tt.state)
			if d := cmp.Diff(tt.want, ev.Permitted(), equateEmpty); d != "" {
				t.Errorf("mismatch (-want +got):\n%s", d)
			}
			for e := range competence.EvaluationEvents() {
				assert.Equal(t, slices.Contains(tt.want, e), ev.Can(e), e)
			}
		})
	}
	t.Run("in progress with one method", func(t *testing.T) {
		ev, err := competence.NewEvaluation("ev", evaluatedAuditor, evaluatedSet)
		require.NoError(t, err)
		require.NoError(t, ev.Fire(competence.Start, meta(0, "")))
		require.NoError(t, ev.Record(twoCriteriaResult(competence.Interview, 1)))
		assert.Equal(t, []competence.EvaluationEvent{competence.Withdraw}, ev.Permitted())
	})
}

// TestEvaluationCheck holds Check to Can and to the refusal Fire returns:
// nil exactly when Can says yes, else the same kind of refusal, citing a
// rule, that the operation returns for the same event.
func TestEvaluationCheck(t *testing.T) {
	for s := range competence.EvaluationStates() {
		for e := range competence.EvaluationEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				ev := inState(t, s)
				err := ev.Check(e)
				if ev.Can(e) {
					require.NoError(t, err)
					return
				}
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.NotEmpty(t, te.Rule, "every refusal names a rule")
				assert.Equal(t, string(s), te.State)
				assert.Equal(t, string(e), te.Event)
				fired := fireGood(&ev, e)
				var fe *ismsaudit.TransitionError
				require.ErrorAs(t, fired, &fe)
				assert.Equal(t, te.Reason, fe.Reason)
				assert.Equal(t, te.Rule, fe.Rule)
			})
		}
	}
	t.Run("in progress with one method", func(t *testing.T) {
		ev, err := competence.NewEvaluation("ev", evaluatedAuditor, evaluatedSet)
		require.NoError(t, err)
		require.NoError(t, ev.Fire(competence.Start, meta(0, "")))
		require.NoError(t, ev.Record(twoCriteriaResult(competence.Interview, 1)))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, ev.Check(competence.DecideCompetent), &te)
		assert.Equal(t, ismsaudit.ReasonGuard, te.Reason)
		assert.Equal(t, competence.RuleEvalTwoMethods, te.Rule)
	})
}

// TestEvaluationReasons: the operations that take a reason keep it in the
// history entry's Reason, apart from the Meta's note, and Standing reports
// it.
func TestEvaluationReasons(t *testing.T) {
	tests := []struct {
		name  string
		state competence.EvaluationState
		op    func(*competence.Evaluation, string, ismsaudit.Meta) error
		event competence.EvaluationEvent
	}{
		{"suspend", competence.Competent, (*competence.Evaluation).Suspend, competence.Suspend},
		{"reinstate", competence.Suspended, (*competence.Evaluation).Reinstate, competence.Reinstate},
		{"withdraw", competence.NotYetCompetent, (*competence.Evaluation).Withdraw, competence.Withdraw},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := inState(t, tt.state)
			require.NoError(t, tt.op(&ev, "complaint upheld", ismsaudit.Meta{At: at(10), By: "panel", Note: "minuted"}))
			last := ev.History[len(ev.History)-1]
			assert.Equal(t, tt.event, last.Event)
			assert.Equal(t, "complaint upheld", last.Reason)
			assert.Equal(t, "minuted", last.Note)
			require.NoError(t, ev.Validate())
		})
	}
}

func TestEvaluationValidate(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*competence.Evaluation)
		path string
		rule ismsaudit.RuleID
		n    int // problems reported in all
	}{
		{"state disagrees with history", func(e *competence.Evaluation) { e.State = competence.Suspended }, "State", "lifecycle", 1},
		{"history skips a step", func(e *competence.Evaluation) { e.History = e.History[1:] }, "History[0]", "lifecycle", 4},
		{"decision missing", func(e *competence.Evaluation) { e.Decisions = nil }, "Decisions", "lifecycle", 1},
		{"decision of the wrong kind", func(e *competence.Evaluation) { e.Decisions[0].Assessment.Competent = false }, "Decisions[0].Assessment.Competent", "lifecycle", 1},
		{"decision of another auditor", func(e *competence.Evaluation) { e.Decisions[0].Assessment.Auditor = "bob" }, "Decisions[0].Assessment", competence.RuleEvalSameSubject, 1},
		{"decision against another set", func(e *competence.Evaluation) { e.Decisions[0].Assessment.Criteria = "other" }, "Decisions[0].Assessment", competence.RuleEvalSameSubject, 1},
		{"decision without auditor", func(e *competence.Evaluation) { e.Decisions[0].Assessment.Auditor = "" }, "Decisions[0].Assessment.Auditor", "required", 1},
		{"decision without set", func(e *competence.Evaluation) { e.Decisions[0].Assessment.Criteria = "" }, "Decisions[0].Assessment.Criteria", "required", 1},
		{"result of no round", func(e *competence.Evaluation) { e.Results[0].Round = 7 }, "Results[0].Round", "lifecycle", 1},
		{"no id", func(e *competence.Evaluation) { e.ID = "" }, "ID", "required", 1},
		{"bad state", func(e *competence.Evaluation) { e.State = "limbo" }, "State", "enum", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := inState(t, competence.Competent)
			tt.mut(&ev)
			err := ev.Validate()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%v", ve.Fields)
			assert.Len(t, ve.Fields, tt.n, "%v", ve.Fields)
		})
	}
	_, err := competence.NewEvaluation("", "", "")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 3)
}

func TestEvaluationDueAt(t *testing.T) {
	ev := inState(t, competence.Competent)
	due := at(3).AddDate(3, 0, 0)
	assert.Equal(t, due, ev.DueAt())
	nyc := inState(t, competence.NotYetCompetent)
	assert.True(t, nyc.DueAt().IsZero())
	nyc.Decisions[0].Assessment.DueAt = due // as a record from elsewhere might carry
	assert.True(t, nyc.DueAt().IsZero(), "only a competent decision sets a due date")
	planned := inState(t, competence.Planned)
	assert.True(t, planned.DueAt().IsZero(), "no decision yet")
	d, ok := nyc.LastDecision()
	require.True(t, ok)
	assert.Equal(t, 1, d.Round)
	assert.Equal(t, at(3), d.At)
	assert.Equal(t, "cb", d.By)
}

// TestEvaluationLifecycleRapid fires random events with random input and
// checks after each: an accepted event moves along a row of the table and
// appends one entry; a refused one changes nothing; the history always
// replays to the state, and the state is never one the table cannot
// reach from the previous one.
func TestEvaluationLifecycleRapid(t *testing.T) {
	events := slices.Collect(competence.EvaluationEvents())
	methods := slices.Collect(competence.Methods())
	rapid.Check(t, func(rt *rapid.T) {
		ev, err := competence.NewEvaluation("ev", evaluatedAuditor, evaluatedSet)
		require.NoError(rt, err)
		day := 0
		steps := rapid.IntRange(1, 40).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			day += rapid.IntRange(-2, 30).Draw(rt, "dt")
			before := cloneEvaluation(ev)
			var err error
			kind := rapid.IntRange(0, 2).Draw(rt, "op")
			var event competence.EvaluationEvent
			switch kind {
			case 0:
				event = rapid.SampledFrom(events).Draw(rt, "event")
				reason := rapid.SampledFrom([]string{"", " ", "reason"}).Draw(rt, "reason")
				if rapid.Bool().Draw(rt, "fire") {
					err = ev.Fire(event, meta(day, reason))
				} else {
					err = fireWith(&ev, event, reason, meta(day, ""))
				}
			case 1:
				r := twoCriteriaResult(rapid.SampledFrom(methods).Draw(rt, "method"), day)
				if rapid.Bool().Draw(rt, "bad") {
					r.By = ""
				}
				err = ev.Record(r)
			case 2:
				competent := rapid.Bool().Draw(rt, "competent")
				d := twoCriteriaDecision(competent, day)
				if rapid.IntRange(0, 3).Draw(rt, "flaw") == 0 {
					d.Actions = nil
					d.Assessment.DueAt = time.Time{}
				}
				event = competence.DecideNotYetCompetent
				if competent {
					event = competence.DecideCompetent
				}
				err = ev.Decide(d, meta(day, ""))
			}
			if err != nil {
				if d := cmp.Diff(before, ev, equateEmpty); d != "" {
					rt.Fatalf("refused operation changed the evaluation (-before +after):\n%s", d)
				}
			} else if kind != 1 {
				to, ok := next(before.State, event)
				if !ok || ev.State != to {
					rt.Fatalf("%s --%s--> %s is not in the table", before.State, event, ev.State)
				}
				if last := ev.History[len(ev.History)-1]; takesReason(event) && strings.TrimSpace(last.Reason) == "" {
					rt.Fatalf("%s accepted without a reason", event)
				}
				if len(ev.History) != len(before.History)+1 {
					rt.Fatalf("history grew by %d", len(ev.History)-len(before.History))
				}
			}
			if !ev.State.IsValid() {
				rt.Fatalf("invalid state %q", ev.State)
			}
			if err := ev.Validate(); err != nil {
				rt.Fatalf("inconsistent evaluation: %v", err)
			}
			if evaluationLifecycle.IsTerminal(string(ev.State)) && len(ev.Permitted()) != 0 {
				rt.Fatalf("terminal state permits %v", ev.Permitted())
			}
		}
	})
}

func TestEvaluationDecideInvalid(t *testing.T) {
	ev := inState(t, competence.InProgress)
	before := cloneEvaluation(ev)
	d := twoCriteriaDecision(true, 10)
	d.Assessment.Auditor = ""
	d.Assessment.Results[0].Criterion = ""
	d.Assessment.Results[1].Kind = "vibes"
	err := ev.Decide(d, meta(10, ""))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 3)
	assert.True(t, ve.Has("Assessment.Auditor", "required"))
	assert.True(t, ve.Has("Assessment.Results[0].Criterion", "required"))
	assert.True(t, ve.Has("Assessment.Results[1].Kind", "enum"))
	if d := cmp.Diff(before, ev, equateEmpty); d != "" {
		t.Errorf("(-before +after):\n%s", d)
	}
}
