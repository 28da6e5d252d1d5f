package audit

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTripJSON encodes v, decodes it into a fresh value and requires the two
// to be equal.
func roundTripJSON[T any](t *testing.T, v T) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("JSON round trip mismatch (-want +got):\n%s\n%s", diff, data)
	}
	return data
}

func TestFindingsJSONRoundTrip(t *testing.T) {
	a := recordIn(t, StateCompleted)
	a.Findings = append(a.Findings,
		findingIn(t, nonconformity("F-5", Minor, policyRef, "E-2"), FindingDisputed),
		findingIn(t, nonconformity("F-6", Major, clause92, "E-2", "E-6"), FindingResolved),
		findingIn(t, observation("F-7", controlA51), FindingDraft))
	a.Conclusion.ObjectivesAchieved, a.Conclusion.ObjectivesNote = false, "the data centre was not visited"
	a.Conclusion.ScopeCovered, a.Conclusion.NotCovered = false, []string{"data centre: access refused"}
	a.Conclusion.Recurring = []string{"log retention in two units"}
	u := &a.FollowUps[0]
	u.EarlierPlans = []CorrectiveActionRecord{{Plan: CorrectiveActionPlan{Correction: "c", DueAt: dueAt}, RecordedAt: plannedAt, RecordedBy: "ciso"}}
	u.Verifications = append([]Verification{{At: plannedAt, By: auditorID, Evidence: []ismsaudit.EvidenceID{"E-3"}, Reason: "still failing"}}, u.Verifications...)

	data := roundTripJSON(t, a.Findings)
	assert.Contains(t, string(data), `"grade":"major"`, "enums marshal as their tokens")
	assert.Contains(t, string(data), `"state":"disputed"`)
	assert.Contains(t, string(data), `"kind":"nonconformity"`)
	assert.NotContains(t, string(data), `"grade":""`, "no grade, no field")
	roundTripJSON(t, a.Conclusion)
	roundTripJSON(t, a.FollowUps)
	roundTripJSON(t, a)

	cmpResult, err := Compare(previousAudit(t), a)
	require.NoError(t, err)
	roundTripJSON(t, cmpResult)
	roundTripJSON(t, previousAudit(t).BaselineFocus())
	roundTripJSON(t, []Recurrence{{Criterion: controlA815, Areas: []string{"a", "b"}, Findings: []FindingID{"F-1", "F-2"}}})
	var rules []RecommendationRule
	for r := range RecommendationRules() {
		rules = append(rules, r)
	}
	roundTripJSON(t, rules)
	roundTripJSON(t, actionPlan)
}

func TestFindingsJSONStrict(t *testing.T) {
	tests := []struct {
		name string
		into any
		json string
	}{
		{"unknown grade", &Finding{}, `{"id":"F-1","grade":"critical"}`},
		{"unknown kind", &Finding{}, `{"kind":"remark"}`},
		{"unknown finding state", &Finding{}, `{"state":"open"}`},
		{"unknown event in history", &Finding{}, `{"history":[{"from":"draft","event":"approve","to":"confirmed"}]}`},
		{"unknown fulfilment", &Conclusion{}, `{"fulfilment":"mostly"}`},
		{"unknown recommendation", &Conclusion{}, `{"recommendation":"maybe"}`},
		{"unknown follow-up state", &FollowUp{}, `{"state":"done"}`},
		{"unknown criterion kind", &Finding{}, `{"criteria":[{"kind":"paragraph","id":"1"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.json), tt.into)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var pe *ismsaudit.ParseError
			require.ErrorAs(t, err, &pe)
			assert.NotEmpty(t, pe.Valid, "the error lists the valid values")
		})
	}
	t.Run("an invalid value is never written", func(t *testing.T) {
		_, err := json.Marshal(Finding{Kind: "remark"})
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
		_, err = json.Marshal(Conclusion{Recommendation: "maybe"})
		require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	})
	t.Run("parse errors name the valid values", func(t *testing.T) {
		_, err := ParseRecommendation("maybe")
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, []string{"recommend", "recommend-after-accepted-plans", "recommend-after-verified-correction", "not-recommend"}, pe.Valid)
	})
	t.Run("a decoded record verifies like the original", func(t *testing.T) {
		a := recordIn(t, StateFollowUp)
		a.Findings[0].Reason = ""
		data, err := json.Marshal(a)
		require.NoError(t, err)
		var back Audit
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, findingsViolations(a, nil), findingsViolations(&back, nil))
		assert.Equal(t, []string{"Findings[0].Reason " + string(RuleNCStatement)}, findingsViolations(&back, nil))
		assert.True(t, strings.Contains(string(data), `"followUps"`))
	})
}

// The finding, conclusion and follow-up lifecycles, stated independently of the tables
// in lifecycle_finding.go: where each accepted (state, event) leads.
var (
	wantFinding = map[FindingState]map[FindingEvent]FindingState{
		FindingDraft:     {FindingConfirm: FindingConfirmed, FindingWithdraw: FindingWithdrawn},
		FindingConfirmed: {FindingPresent: FindingPresented, FindingWithdraw: FindingWithdrawn},
		FindingPresented: {FindingAcknowledge: FindingAcknowledged, FindingDispute: FindingDisputed},
		FindingDisputed:  {FindingResolve: FindingResolved},
	}
	wantConclusion = map[ConclusionState]map[ConclusionEvent]ConclusionState{
		ConclusionDraft:  {ConclusionAgree: ConclusionAgreed},
		ConclusionAgreed: {ConclusionPresent: ConclusionPresented, ConclusionRevise: ConclusionDraft},
	}
	wantFollowUp = map[FollowUpState]map[FollowUpEvent]FollowUpState{
		FollowUpPlanning:    {FollowUpAcceptPlan: FollowUpAccepted},
		FollowUpAccepted:    {FollowUpImplement: FollowUpImplemented},
		FollowUpImplemented: {FollowUpVerifyEffective: FollowUpClosed, FollowUpVerifyIneffective: FollowUpPlanning},
	}
)

func TestFindingMachineMatrix(t *testing.T) {
	a := stage2Audit(t, StateClosing)
	a.Conclusion = conclusionIn(t, RecommendAfterPlans, ConclusionAgreed)
	f := nonconformity("F-1", Minor, controlA815, "E-1")
	machineMatrix(t, findingMachine, RuleFindingOrder, findingSubject{a: a, f: &f, in: findingInput{given: true, text: "why", by: leadID}}, wantFinding)
}

func TestFindingGuardsCiteCatalogueRules(t *testing.T) {
	var cited []string
	for r := range findingMachine.Rules() {
		cited = append(cited, string(r))
	}
	for r := range conclusionMachine.Rules() {
		cited = append(cited, string(r))
	}
	for r := range followUpMachine.Rules() {
		cited = append(cited, string(r))
	}
	for rr := range RecommendationRules() {
		cited = append(cited, string(rr.Rule))
	}
	require.NotEmpty(t, cited)
	for _, id := range cited {
		_, ok := LookupRule(ismsaudit.RuleID(id))
		assert.True(t, ok, "rule %s is cited but not in the catalogue", id)
	}
	for _, r := range append(findingRules, followUpRules...) {
		got, ok := LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
		assert.NotContains(t, r.Text, "\n")
	}
}

func TestFindingMermaid(t *testing.T) {
	tests := []struct {
		mermaid string
		lines   []string
	}{
		{findingMachine.Mermaid(), []string{
			"[*] --> draft",
			"draft --> confirmed: confirm [confirmed-by-team, criteria-in-plan, nc-evidence-verified, evidence-verified, nc-statement, nc-graded]",
			"disputed --> resolved: resolve [resolution-recorded, report-not-issued]",
			"withdrawn --> [*]",
		}},
		{conclusionMachine.Mermaid(), []string{
			"draft --> agreed: agree [conclusions-complete, findings-settled, fulfilment-matches-findings, effectiveness-matches-findings, objectives-explained, checklist-matches-findings]",
			"agreed --> draft: revise",
		}},
		{followUpMachine.Mermaid(), []string{
			"planning --> accepted: accept-plan [plan-complete]",
			"implemented --> closed: verify-effective [verifier-on-team, verified-evidence, evidence-verified, evidence-after-implementation]",
			"implemented --> planning: verify-ineffective [verifier-on-team, reason-recorded, evidence-verified, evidence-after-implementation]",
			"closed --> [*]",
		}},
	}
	for _, tt := range tests {
		for _, l := range tt.lines {
			assert.True(t, strings.Contains(tt.mermaid, "    "+l+"\n"), "missing %q in\n%s", l, tt.mermaid)
		}
	}
}

// findingOps are the finding operations by event, each on an audit set
// up so that only the finding's state can refuse it.
var findingOps = map[FindingEvent]struct {
	audit State
	agree bool // the conclusions are agreed
	do    func(*Audit) error
}{
	FindingConfirm: {StateFindings, false, func(a *Audit) error { return a.ConfirmFinding("F-1", byLead(agreeAt)) }},
	FindingWithdraw: {StateFindings, false, func(a *Audit) error {
		return a.WithdrawFinding("F-1", "n", byLead(agreeAt))
	}},
	FindingAcknowledge: {StateClosing, false, func(a *Audit) error { return a.AcknowledgeFinding("F-1", ismsaudit.Meta{At: resolveAt, By: "ciso"}) }},
	FindingDispute:     {StateClosing, false, func(a *Audit) error { return a.DisputeFinding("F-1", "no", ismsaudit.Meta{At: resolveAt, By: "ciso"}) }},
	FindingResolve:     {StateClosing, false, func(a *Audit) error { return a.ResolveDispute("F-1", "yes", byLead(resolveAt)) }},
	FindingPresent: {StateFindings, true, func(a *Audit) error {
		apply, err := a.prepareClosingPresentation(byLead(closingAt))
		if err == nil {
			apply()
		}
		return err
	}},
}

// TestFindingOperationsMatrix runs the operation behind every event on a
// finding in every state: accepted exactly where the table has a row,
// leading where it says and adding one history entry; refused otherwise,
// changing nothing. The closing presentation does not fire present on
// findings that are not confirmed: it skips withdrawn and already
// presented ones, and refuses while a draft remains.
func TestFindingOperationsMatrix(t *testing.T) {
	for s := range FindingStates() {
		for e := range FindingEvents() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				op := findingOps[e]
				a := stage2Audit(t, op.audit)
				a.Findings = []Finding{findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), s)}
				if op.agree {
					a.Conclusion = conclusionIn(t, RecommendAfterPlans, ConclusionAgreed)
				}
				to, ok := wantFinding[s][e]
				switch {
				case ok:
					before := len(a.Findings[0].History)
					require.NoError(t, op.do(a))
					assert.Equal(t, to, a.Findings[0].State)
					require.Len(t, a.Findings[0].History, before+1)
					last := a.Findings[0].History[before]
					assert.Equal(t, [3]string{string(s), string(e), string(to)}, [3]string{string(last.From), string(last.Event), string(last.To)})
				case e == FindingPresent && s != FindingDraft:
					before := deepCopy(a.Findings)
					require.NoError(t, op.do(a))
					assert.Equal(t, before, a.Findings, "present skips a %s finding", s)
				case e == FindingPresent:
					requireRefused(t, refuses(t, a, func() error { return op.do(a) }), ismsaudit.ReasonGuard, RuleConclusionAfterFindings)
				case findingMachine.IsTerminal(s):
					requireRefused(t, refuses(t, a, func() error { return op.do(a) }), ismsaudit.ReasonTerminal, RuleFindingOrder)
				default:
					requireRefused(t, refuses(t, a, func() error { return op.do(a) }), ismsaudit.ReasonNoTransition, RuleFindingOrder)
				}
			})
		}
	}
}

func TestAddFinding(t *testing.T) {
	m := ismsaudit.Meta{At: raisedAt.Add(time.Minute), By: auditorID}
	t.Run("appended in draft", func(t *testing.T) {
		a := stage2Audit(t, StateFieldwork)
		in := nonconformity("F-1", Major, controlA815, "E-1", "E-3")
		require.NoError(t, a.AddFinding(in, m))
		require.Len(t, a.Findings, 1)
		want := in
		want.State, want.History = FindingDraft, []FindingEntry{}
		if diff := cmp.Diff(want, a.Findings[0]); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		// The record keeps its own copies of the caller's slices.
		in.Criteria[0], in.Evidence[0] = notPlanned, "E-9"
		assert.Equal(t, controlA815, a.Findings[0].Criteria[0])
		assert.Equal(t, ismsaudit.EvidenceID("E-1"), a.Findings[0].Evidence[0])
	})
	t.Run("in the findings stage too", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		require.NoError(t, a.AddFinding(observation("F-1", controlA51), m))
		assert.Nil(t, a.Findings[0].Evidence, "no evidence stays nil, as JSON gives it back")
	})

	tests := []struct {
		name   string
		change func(*Finding)
		meta   *ismsaudit.Meta
		want   []problem // path, rule
	}{
		{"no id", func(f *Finding) { f.ID = " " }, nil, []problem{{"ID", "required"}}},
		{"duplicate id", func(f *Finding) { f.ID = "F-0" }, nil, []problem{{"ID", "unique"}}},
		{"no kind", func(f *Finding) { f.Kind, f.Grade = "", "" }, nil, []problem{{"Kind", "required"}}},
		{"unknown kind", func(f *Finding) { f.Kind, f.Grade = "remark", "" }, nil, []problem{{"Kind", "enum"}}},
		{"nonconformity without grade", func(f *Finding) { f.Grade = "" }, nil, []problem{{"Grade", RuleNCGrade}}},
		{"unknown grade", func(f *Finding) { f.Grade = "critical" }, nil, []problem{{"Grade", RuleNCGrade}}},
		{"graded observation", func(f *Finding) { f.Kind = Observation }, nil, []problem{{"Grade", RuleNCGrade}}},
		{"no criteria", func(f *Finding) { f.Criteria = nil }, nil, []problem{{"Criteria", RuleFindingCriterion}}},
		{"unknown control", func(f *Finding) { f.Criteria = []annexa.Ref{annexa.RefToControl("9.9")} }, nil, []problem{{"Criteria[0].ID", "unknown"}}},
		{"reference without kind", func(f *Finding) { f.Criteria = []annexa.Ref{{ID: "5.1"}} }, nil, []problem{{"Criteria[0].Kind", "required"}}},
		{"criterion twice", func(f *Finding) { f.Criteria = []annexa.Ref{controlA815, controlA815} }, nil, []problem{{"Criteria[1]", "unique"}}},
		{"unknown evidence", func(f *Finding) { f.Evidence = []ismsaudit.EvidenceID{"E-1", "E-99"} }, nil, []problem{{"Evidence[1]", "unknown"}}},
		{"evidence twice", func(f *Finding) { f.Evidence = []ismsaudit.EvidenceID{"E-1", "E-1"} }, nil, []problem{{"Evidence[1]", "unique"}}},
		{"nothing found", func(f *Finding) { f.Found = "\t" }, nil, []problem{{"Found", "required"}}},
		{"opinion given", func(f *Finding) { f.DivergingOpinion = "no" }, nil, []problem{{"DivergingOpinion", "empty"}}},
		{"resolution given", func(f *Finding) { f.Resolution = "ok" }, nil, []problem{{"Resolution", "empty"}}},
		{"raised after recording", func(f *Finding) { f.RaisedAt = m.At.Add(time.Second) }, nil, []problem{{"RaisedAt", "not-after-event"}}},
		{"state given", func(f *Finding) { f.State = FindingConfirmed }, nil, []problem{{"State", "empty"}}},
		{"history given", func(f *Finding) { f.History = []FindingEntry{} }, nil, []problem{{"History", "empty"}}},
		{"no meta", func(*Finding) {}, &ismsaudit.Meta{}, []problem{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note with nowhere to go", func(*Finding) {}, &ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, []problem{{"Meta.Note", "empty"}}},
		{"everything at once", func(f *Finding) { *f = Finding{Kind: Nonconformity, State: FindingDraft} }, nil, []problem{
			{"ID", "required"}, {"Grade", RuleNCGrade}, {"Criteria", RuleFindingCriterion}, {"Found", "required"},
			{"State", "empty"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stage2Audit(t, StateFieldwork)
			a.Findings = []Finding{findingIn(t, observation("F-0", controlA51), FindingDraft)}
			f := nonconformity("F-1", Major, controlA815, "E-1")
			tt.change(&f)
			meta := m
			if tt.meta != nil {
				meta = *tt.meta
			}
			ve := requireInvalid(t, refuses(t, a, func() error { return a.AddFinding(f, meta) }), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("unknown evidence is also not found", func(t *testing.T) {
		a := stage2Audit(t, StateFieldwork)
		err := a.AddFinding(nonconformity("F-1", Major, controlA815, "E-99"), m)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	})
	t.Run("refused outside fieldwork and findings", func(t *testing.T) {
		for s := range States() {
			if s == StateFieldwork || s == StateFindings {
				continue
			}
			a := stage2Audit(t, StateFieldwork)
			a.State = s
			requireRefused(t, refuses(t, a, func() error { return a.AddFinding(nonconformity("F-1", Major, controlA815, "E-1"), m) }), ismsaudit.ReasonWrongState, RuleFindingPhase, "state %s", s)
		}
	})
	t.Run("refused while the conclusions stand agreed", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
		requireRefused(t, refuses(t, a, func() error { return a.AddFinding(observation("F-1", controlA51), m) }), ismsaudit.ReasonWrongState, RuleFindingPhase)
	})
}

func TestConfirmFinding(t *testing.T) {
	m := byLead(confirmAt)
	tests := []struct {
		name  string
		f     Finding
		setup func(*Audit)
		rule  ismsaudit.RuleID // "" when accepted
	}{
		{"nonconformity", nonconformity("F-1", Minor, controlA815, "E-1"), nil, ""},
		{"nonconformity with corrected evidence", nonconformity("F-1", Minor, controlA815, "E-6"), nil, ""},
		{"every item verified", nonconformity("F-1", Minor, controlA815, "E-2", "E-1"), nil, ""},
		{"one verified item among others", nonconformity("F-1", Minor, controlA815, "E-3", "E-4", "E-2"), nil, RuleEvidenceVerified},
		{"observation without evidence", observation("F-1", policyRef), nil, ""},
		{"observation on verified evidence", func() Finding {
			f := observation("F-1", policyRef)
			f.Evidence = []ismsaudit.EvidenceID{"E-1"}
			return f
		}(), nil, ""},
		{"observation on collected evidence", func() Finding {
			f := observation("F-1", policyRef)
			f.Evidence = []ismsaudit.EvidenceID{"E-3"}
			return f
		}(), nil, RuleEvidenceVerified},
		{"conformity on rejected evidence", func() Finding {
			f := observation("F-1", policyRef)
			f.Kind, f.Evidence = Conformity, []ismsaudit.EvidenceID{"E-1", "E-4"}
			return f
		}(), nil, RuleEvidenceVerified},
		{"criterion outside the plan", nonconformity("F-1", Minor, notPlanned, "E-1"), nil, RuleFindingCriterion},
		{"no plan", observation("F-1", controlA51), func(a *Audit) { a.Plan = nil }, RuleFindingCriterion},
		{"no criteria", func() Finding { f := observation("F-1", controlA51); f.Criteria = nil; return f }(), nil, RuleFindingCriterion},
		{"no evidence", nonconformity("F-1", Minor, controlA815), nil, RuleNCEvidence},
		{"collected evidence only", nonconformity("F-1", Minor, controlA815, "E-3"), nil, RuleNCEvidence},
		{"rejected evidence only", nonconformity("F-1", Minor, controlA815, "E-4"), nil, RuleNCEvidence},
		{"superseded evidence only", nonconformity("F-1", Minor, controlA815, "E-5"), nil, RuleNCEvidence},
		{"missing evidence", nonconformity("F-1", Minor, controlA815, "E-1"), func(a *Audit) { a.Evidence = a.Evidence[1:] }, RuleNCEvidence},
		{"evidence verified only after the confirmation", nonconformity("F-1", Minor, controlA815, "E-1"), func(a *Audit) {
			a.Evidence[0].History[0].At = confirmAt.Add(time.Minute)
		}, RuleNCEvidence},
		// Every item cited, not only the one a nonconformity needs, is audit
		// evidence at the confirmation: verified by then, not superseded.
		{"a superseded item among verified ones", nonconformity("F-1", Minor, controlA815, "E-1", "E-5"), nil, RuleEvidenceVerified},
		{"observation on superseded evidence", func() Finding {
			f := observation("F-1", policyRef)
			f.Evidence = []ismsaudit.EvidenceID{"E-5"}
			return f
		}(), nil, RuleEvidenceVerified},
		{"an item verified only after the confirmation among verified ones", nonconformity("F-1", Minor, controlA815, "E-1", "E-2"), func(a *Audit) {
			a.Evidence[1].History[0].At = confirmAt.Add(time.Minute)
		}, RuleEvidenceVerified},
		{"observation on evidence verified only after the confirmation", func() Finding {
			f := observation("F-1", policyRef)
			f.Evidence = []ismsaudit.EvidenceID{"E-1"}
			return f
		}(), func(a *Audit) { a.Evidence[0].History[0].At = confirmAt.Add(time.Minute) }, RuleEvidenceVerified},
		{"evidence verified at the confirmation's instant", nonconformity("F-1", Minor, controlA815, "E-1", "E-2"), func(a *Audit) {
			a.Evidence[0].History[0].At = confirmAt
			a.Evidence[1].History[0].At = confirmAt
		}, ""},
		{"no requirement", func() Finding { f := nonconformity("F-1", Minor, controlA815, "E-1"); f.Requirement = ""; return f }(), nil, RuleNCStatement},
		{"no reason", func() Finding { f := nonconformity("F-1", Minor, controlA815, "E-1"); f.Reason = " "; return f }(), nil, RuleNCStatement},
		{"no found", func() Finding { f := nonconformity("F-1", Minor, controlA815, "E-1"); f.Found = ""; return f }(), nil, RuleNCStatement},
		{"no grade", nonconformity("F-1", "", controlA815, "E-1"), nil, RuleNCGrade},
		{"graded observation", func() Finding { f := observation("F-1", controlA51); f.Grade = Minor; return f }(), nil, RuleNCGrade},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stage2Audit(t, StateFindings)
			a.Findings = []Finding{findingIn(t, tt.f, FindingDraft)}
			if tt.setup != nil {
				tt.setup(a)
			}
			if tt.rule == "" {
				require.NoError(t, a.ConfirmFinding("F-1", m))
				assert.Equal(t, FindingConfirmed, a.Findings[0].State)
				want := []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: m.At, By: m.By}}
				if diff := cmp.Diff(want, a.Findings[0].History); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
				}
				return
			}
			requireRefused(t, refuses(t, a, func() error { return a.ConfirmFinding("F-1", m) }), ismsaudit.ReasonGuard, tt.rule)
		})
	}
	t.Run("confirmed by the team only", func(t *testing.T) {
		for _, by := range []string{expertID, outsiderID, "Gus Guide"} {
			a := stage2Audit(t, StateFindings)
			a.Findings = []Finding{findingIn(t, observation("F-1", controlA51), FindingDraft)}
			requireRefused(t, refuses(t, a, func() error { return a.ConfirmFinding("F-1", ismsaudit.Meta{At: confirmAt, By: by}) }), ismsaudit.ReasonGuard, RuleFindingConfirmed, by)
		}
	})
	t.Run("unknown finding", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		err := refuses(t, a, func() error { return a.ConfirmFinding("F-9", m) })
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
		var nf *ismsaudit.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, "F-9", nf.ID)
	})
	t.Run("time before the last entry", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		f := findingIn(t, observation("F-1", controlA51), FindingDraft)
		f.History = []FindingEntry{}
		a.Findings = []Finding{f}
		require.NoError(t, a.ConfirmFinding("F-1", m))
		require.NoError(t, a.WithdrawFinding("F-1", "same instant is fine", byLead(m.At)))
		b := stage2Audit(t, StateFindings)
		g := findingIn(t, observation("F-1", controlA51), FindingDraft)
		b.Findings = []Finding{g}
		require.NoError(t, b.ConfirmFinding("F-1", m))
		requireRefused(t, refuses(t, b, func() error {
			return b.WithdrawFinding("F-1", "too early", byLead(m.At.Add(-time.Second)))
		}), ismsaudit.ReasonMeta, RuleRecordWhoWhen)
	})
	t.Run("not before the finding was raised", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		a.Findings = []Finding{findingIn(t, observation("F-1", controlA51), FindingDraft)}
		requireRefused(t, refuses(t, a, func() error { return a.ConfirmFinding("F-1", byLead(raisedAt.Add(-time.Second))) }), ismsaudit.ReasonMeta, RuleRecordWhoWhen)
	})
	t.Run("refused while the conclusions stand agreed", func(t *testing.T) {
		a := stage2Audit(t, StateFindings)
		a.Findings = []Finding{findingIn(t, observation("F-1", controlA51), FindingDraft)}
		a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
		requireRefused(t, refuses(t, a, func() error { return a.ConfirmFinding("F-1", m) }), ismsaudit.ReasonWrongState, RuleFindingPhase)
	})
}

func TestWithdrawFinding(t *testing.T) {
	for _, from := range []FindingState{FindingDraft, FindingConfirmed} {
		t.Run(string(from), func(t *testing.T) {
			a := stage2Audit(t, StateFindings)
			a.Findings = []Finding{findingIn(t, observation("F-1", controlA51), from)}
			for _, blank := range []string{"", " \t\n"} {
				requireRefused(t, refuses(t, a, func() error { return a.WithdrawFinding("F-1", blank, byLead(agreeAt)) }), ismsaudit.ReasonGuard, RuleFindingWithdrawn, "a withdrawal needs a reason")
			}

			m := ismsaudit.Meta{At: agreeAt, By: leadID, Note: "at the team meeting"}
			require.NoError(t, a.WithdrawFinding("F-1", "raised twice", m))
			f := a.Findings[0]
			assert.Equal(t, FindingWithdrawn, f.State)
			assert.Equal(t, FindingEntry{From: from, Event: FindingWithdraw, To: FindingWithdrawn, At: m.At, By: m.By, Note: m.Note, Reason: "raised twice"}, f.History[len(f.History)-1])
		})
	}
}

// presentedAudit returns an audit in state s whose findings F-1 (minor
// nonconformity) and F-2 (observation) were presented.
func presentedAudit(t tb, s State) *Audit {
	a := stage2Audit(t, s)
	a.Findings = []Finding{
		findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), FindingPresented),
		findingIn(t, observation("F-2", controlA51), FindingPresented),
	}
	a.Conclusion = conclusionIn(t, RecommendAfterPlans, ConclusionPresented)
	return a
}

func TestAcknowledgeDisputeResolve(t *testing.T) {
	m := ismsaudit.Meta{At: responseAt, By: "auditee-ciso"}
	t.Run("acknowledge", func(t *testing.T) {
		a := presentedAudit(t, StateClosing)
		require.NoError(t, a.AcknowledgeFinding("F-1", m))
		assert.Equal(t, FindingAcknowledged, a.Findings[0].State)
		assert.Equal(t, FindingPresented, a.Findings[1].State)
	})
	t.Run("dispute records the opinion", func(t *testing.T) {
		a := presentedAudit(t, StateReported)
		requireRefused(t, refuses(t, a, func() error { return a.DisputeFinding("F-1", "  ", m) }), ismsaudit.ReasonGuard, RuleDisputeRecorded)
		require.NoError(t, a.DisputeFinding("F-1", "the provider sets retention", m))
		assert.Equal(t, FindingDisputed, a.Findings[0].State)
		assert.Equal(t, "the provider sets retention", a.Findings[0].DivergingOpinion)
	})
	t.Run("resolve records the resolution, before the report only", func(t *testing.T) {
		a := presentedAudit(t, StateClosing)
		require.NoError(t, a.DisputeFinding("F-1", "the provider sets retention", m))
		requireRefused(t, refuses(t, a, func() error { return a.ResolveDispute("F-1", "", byLead(resolveAt)) }), ismsaudit.ReasonGuard, RuleDisputeRecorded)

		issued := deepCopy(a)
		issued.State = StateReported
		requireRefused(t, refuses(t, issued, func() error {
			return issued.ResolveDispute("F-1", "agreed", byLead(resolveAt))
		}), ismsaudit.ReasonGuard, RuleDisputeBeforeReport, "unresolved disputes stay disputed for the report")

		require.NoError(t, a.ResolveDispute("F-1", "agreed: 90 days", byLead(resolveAt)))
		assert.Equal(t, FindingResolved, a.Findings[0].State)
		assert.Equal(t, "agreed: 90 days", a.Findings[0].Resolution)
		assert.Len(t, a.Findings[0].History, 4)
	})
	t.Run("only after the closing meeting", func(t *testing.T) {
		ops := map[string]func(*Audit) error{
			"acknowledge": func(a *Audit) error { return a.AcknowledgeFinding("F-1", m) },
			"dispute":     func(a *Audit) error { return a.DisputeFinding("F-1", "no", m) },
			"resolve":     func(a *Audit) error { return a.ResolveDispute("F-1", "yes", m) },
		}
		for name, op := range ops {
			for _, s := range []State{StateInitiation, StatePreparation, StateFieldwork, StateFindings, StateClosed, StateTerminated} {
				a := presentedAudit(t, StateClosing)
				a.State = s
				requireRefused(t, refuses(t, a, func() error { return op(a) }), ismsaudit.ReasonWrongState, RuleFindingResponse, "%s in %s", name, s)
			}
		}
	})
}

func TestFindingLookups(t *testing.T) {
	a := recordIn(t, StateClosing)
	a.Findings = append(a.Findings, findingIn(t, nonconformity("F-5", Minor, controlA815, "E-1"), FindingWithdrawn))

	f, ok := a.Finding("F-1")
	require.True(t, ok)
	if diff := cmp.Diff(a.Findings[0], f); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	f.Criteria[0], f.Evidence[0], f.History[0].By = notPlanned, "E-9", "mallory"
	assert.Equal(t, controlA815, a.Findings[0].Criteria[0], "Finding returns a copy")
	assert.Equal(t, ismsaudit.EvidenceID("E-1"), a.Findings[0].Evidence[0])
	assert.Equal(t, leadID, a.Findings[0].History[0].By)

	_, ok = a.Finding("F-9")
	assert.False(t, ok)

	ids := func(seq func(func(Finding) bool)) []FindingID {
		var out []FindingID
		for f := range seq {
			out = append(out, f.ID)
		}
		return out
	}
	assert.Equal(t, []FindingID{"F-1", "F-2"}, ids(a.Nonconformities()), "withdrawn ones do not stand")
	for f := range a.Nonconformities() {
		f.Criteria[0] = notPlanned
		break
	}
	assert.Equal(t, controlA815, a.Findings[0].Criteria[0], "iterators yield copies")
}

func TestRecurringFindings(t *testing.T) {
	a := stage2Audit(t, StateFindings)
	nc := func(id FindingID, area string, s FindingState, refs ...annexa.Ref) Finding {
		f := nonconformity(id, Minor, refs[0], "E-1")
		f.Criteria, f.Area = refs, area
		return findingIn(t, f, s)
	}
	a.Findings = []Finding{
		nc("F-1", "London", FindingConfirmed, controlA815, clause92),
		nc("F-2", "Leeds", FindingConfirmed, controlA815),
		nc("F-3", "London", FindingConfirmed, clause92),
		nc("F-4", "Paris", FindingWithdrawn, clause92),
		nc("F-5", "", FindingConfirmed, clause92),
		nc("F-6", "Leeds", FindingDraft, controlA51),
		nc("F-7", "York", FindingConfirmed, controlA51),
		findingIn(t, observation("F-8", controlA51), FindingConfirmed),
		nc("F-9", "York", FindingConfirmed, controlA815),
	}
	a.Findings[7].Area = "Leeds"
	want := []Recurrence{{Criterion: controlA815, Areas: []string{"London", "Leeds", "York"}, Findings: []FindingID{"F-1", "F-2", "F-9"}}}
	if diff := cmp.Diff(want, a.RecurringFindings()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	assert.Empty(t, stage2Audit(t, StateFindings).RecurringFindings())
	assert.True(t, slices.IsSortedFunc(want[0].Findings, func(x, y FindingID) int { return a.findingAt(x) - a.findingAt(y) }))
}

// TestVerifyFindingsConformingRecords checks that the fixture record
// conforms, as far as findings, conclusions and follow-ups go, in every
// audit state.
func TestVerifyFindingsConformingRecords(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			a := recordIn(t, s)
			before := deepCopy(a)
			assert.Empty(t, findingsViolations(a, nil))
			assert.Empty(t, findingsViolations(a, &VerifyOptions{At: dueAt}))
			if diff := cmp.Diff(before, a); diff != "" {
				t.Errorf("Verify changed the record: mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyFindingsViolations(t *testing.T) {
	type change func(t *testing.T, a *Audit)
	tests := []struct {
		name   string
		state  State
		opts   *VerifyOptions
		change change
		want   []string
	}{
		// Findings.
		{"duplicate id", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].ID = "F-1" },
			[]string{"Findings[2].ID AUD-RECORD-SHAPE"}},
		{"blank id", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Findings[2].ID = "" },
			[]string{"Findings[2].ID AUD-RECORD-SHAPE"}},
		{"unknown kind", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Kind = "remark" },
			[]string{"Findings[2].Kind AUD-RECORD-SHAPE"}},
		{"nonconformity without grade", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[1].Grade = "" },
			[]string{"Findings[1].Grade AUD-NC-GRADE"}},
		{"graded observation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Grade = Minor },
			[]string{"Findings[2].Grade AUD-NC-GRADE"}},
		{"no criteria", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = nil },
			[]string{"Findings[2].Criteria AUD-FINDING-CRITERION"}},
		{"criterion outside the plan", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{notPlanned} },
			[]string{"Findings[2].Criteria[0] AUD-FINDING-CRITERION"}},
		{"a draft may cite any criterion", StateFieldwork, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{notPlanned} },
			nil},
		{"invalid reference", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Criteria = []annexa.Ref{annexa.RefToControl("9.9")} },
			[]string{"Findings[2].Criteria[0] AUD-RECORD-SHAPE"}},
		{"unknown evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-99"} },
			[]string{"Findings[0].Evidence[1] AUD-RECORD-SHAPE"}},
		{"evidence twice", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-1"} },
			[]string{"Findings[0].Evidence[1] AUD-RECORD-SHAPE"}},
		{"nonconformity on unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-3", "E-4"} },
			[]string{"Findings[0].Evidence AUD-NC-EVIDENCE", "Findings[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "Findings[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"evidence verified only after the confirmation", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Evidence[0].History[0].At = confirmAt.Add(time.Minute)
		}, []string{"Findings[0].Evidence AUD-NC-EVIDENCE", "Findings[0].Evidence[0] AUD-EVIDENCE-VERIFIED"}},
		{"nonconformity on verified and unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-3"} },
			[]string{"Findings[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"observation on rejected evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Evidence = []ismsaudit.EvidenceID{"E-4"} },
			[]string{"Findings[2].Evidence[0] AUD-EVIDENCE-VERIFIED"}},
		{"evidence verified then, superseded since", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Evidence = []ismsaudit.EvidenceID{"E-5"} },
			nil},
		{"nonconformity without reason", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[0].Reason = " " },
			[]string{"Findings[0].Reason AUD-NC-STATEMENT"}},
		{"nonconformity statement empty", StateClosing, nil, func(_ *testing.T, a *Audit) {
			a.Findings[1].Requirement, a.Findings[1].Found, a.Findings[1].Reason = "", "", ""
		}, []string{"Findings[1].Requirement AUD-NC-STATEMENT", "Findings[1].Found AUD-NC-STATEMENT", "Findings[1].Reason AUD-NC-STATEMENT"}},
		{"observation without what was found", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].Found = "" },
			[]string{"Findings[2].Found AUD-RECORD-SHAPE"}},
		{"no author", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].RaisedBy, a.Findings[2].RaisedAt = "", time.Time{} },
			[]string{"Findings[2].RaisedBy AUD-RECORD-SHAPE", "Findings[2].RaisedAt AUD-RECORD-SHAPE"}},
		{"raised after its first event", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].RaisedAt = closingAt },
			[]string{"Findings[2].History[0].At AUD-HISTORY-VALID", "Findings[2].RaisedAt AUD-FINDING-PHASE"}},
		{"unknown state", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].State = "open" },
			[]string{"Findings[2].State AUD-RECORD-SHAPE"}},
		{"history with a gap", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History = a.Findings[2].History[1:] },
			[]string{"Findings[2].History[0] AUD-HISTORY-VALID"}},
		{"history ending elsewhere", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].State = FindingPresented },
			[]string{"Findings[2].State AUD-HISTORY-VALID"}},
		{"history in the wrong order", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History[2].At = confirmAt },
			[]string{"Findings[2].History[2] AUD-HISTORY-VALID"}},
		{"disputed without opinion", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingDisputed)
			a.Findings[2].DivergingOpinion = ""
		}, []string{"Findings[2].DivergingOpinion AUD-DISPUTE-RECORDED"}},
		{"opinion without dispute", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].DivergingOpinion = "no" },
			[]string{"Findings[2].DivergingOpinion AUD-DISPUTE-RECORDED"}},
		{"resolved without resolution", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingResolved)
			a.Findings[2].Resolution = ""
		}, []string{"Findings[2].Resolution AUD-DISPUTE-RECORDED"}},
		{"resolution without resolving", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingDisputed)
			a.Findings[2].Resolution = "settled"
		}, []string{"Findings[2].Resolution AUD-DISPUTE-RECORDED"}},
		{"resolved before the report", StateDistributed, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingResolved)
		}, nil},
		{"resolved after the report", StateDistributed, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingResolved)
			a.Findings[2].History[3].At = reportAt.Add(time.Hour)
		}, []string{"Findings[2].History[3] AUD-DISPUTE-BEFORE-REPORT"}},
		{"confirmed by someone off the team", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[2].History[0].By = expertID },
			[]string{"Findings[2].History[0].By AUD-FINDING-CONFIRMED"}},
		{"withdrawn without reason", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Findings[3].History[0].Reason = "" },
			[]string{"Findings[3].History[0].Reason AUD-FINDING-WITHDRAWN"}},
		{"a finding before fieldwork", StatePreparation, nil, func(t *testing.T, a *Audit) {
			a.Findings = []Finding{findingIn(t, observation("F-1", controlA51), FindingDraft)}
		}, []string{"Findings[0] AUD-FINDING-PHASE"}},
		{"presented during fieldwork", StateFieldwork, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingPresented)
		}, []string{"Findings[2].State AUD-CLOSING-MEETING"}},
		{"a draft after the closing meeting", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingDraft)
		}, []string{"Findings[2].State AUD-CONCLUSION-AFTER-FINDINGS"}},
		{"confirmed but not presented", StateReported, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingConfirmed)
		}, []string{"Findings[2].State AUD-CLOSING-MEETING"}},
		{"terminated audits keep what they had", StateTerminated, nil, func(t *testing.T, a *Audit) {
			a.Findings[2] = findingIn(t, observation("F-3", controlA51), FindingConfirmed)
		}, nil},

		// Conclusions.
		{"closing without conclusions: the audit lifecycle's check", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion = nil },
			nil},
		{"conclusion history missing", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.History = nil },
			[]string{"Conclusion.State AUD-HISTORY-VALID"}},
		{"unknown conclusion state", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.State = "final" },
			[]string{"Conclusion.State AUD-RECORD-SHAPE"}},
		{"unknown fulfilment", StateClosing, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Fulfilment = "mostly" },
			[]string{"Conclusion.Fulfilment AUD-RECORD-SHAPE", "Conclusion.Fulfilment AUD-CONCLUSION-COMPLETE"}},
		{"incomplete", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Conclusion.Extent, a.Conclusion.ObjectivesAchieved, a.Conclusion.ScopeCovered = "", false, false
		}, []string{"Conclusion.Extent AUD-CONCLUSION-COMPLETE", "Conclusion.ObjectivesNote AUD-CONCLUSION-COMPLETE", "Conclusion.NotCovered AUD-CONCLUSION-COMPLETE"}},
		{"a draft may be incomplete", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = &Conclusion{State: ConclusionDraft, History: []ConclusionEntry{}}
		}, nil},
		{"blank recurring note", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recurring = []string{" "} },
			[]string{"Conclusion.Recurring[0] AUD-RECORD-SHAPE"}},
		{"recommendation not derived", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = Recommend },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"recommendation missing", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = "" },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"unknown recommendation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Recommendation = "maybe" },
			[]string{"Conclusion.Recommendation AUD-RECORD-SHAPE"}},
		{"internal audit with a recommendation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Kind = annexa.Internal },
			[]string{"Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"internal audit without", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Kind, a.Conclusion.Recommendation = annexa.Internal, "" },
			nil},
		{"conclusions during fieldwork", StateFieldwork, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionDraft)
		}, []string{"Conclusion AUD-CONCLUSION-PHASE"}},
		{"presented before the closing meeting", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionPresented)
		}, []string{"Conclusion.State AUD-CLOSING-MEETING"}},
		{"not presented at the closing meeting", StateClosing, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = conclusionIn(t, RecommendAfterVerification, ConclusionAgreed)
		}, []string{"Conclusion.State AUD-CLOSING-MEETING"}},
		{"fulfilled with a major nonconformity", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Fulfilment = Fulfilled },
			[]string{"Conclusion.Fulfilment AUD-CONCLUSION-FULFILMENT"}},
		{"largely fulfilled with a major nonconformity", StateFindings, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Fulfilment = LargelyFulfilled },
			[]string{"Conclusion.Fulfilment AUD-CONCLUSION-FULFILMENT"}},
		{"not fulfilled with a major nonconformity", StateClosed, nil, func(_ *testing.T, a *Audit) { a.Conclusion.Fulfilment = NotFulfilled },
			nil},
		{"fulfilled with a minor nonconformity", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Kind, a.Conclusion.Recommendation = annexa.Internal, ""
			a.Findings[0].Grade, a.Conclusion.Fulfilment = Minor, Fulfilled
		}, []string{"Conclusion.Fulfilment AUD-CONCLUSION-FULFILMENT"}},
		{"largely fulfilled with minor nonconformities", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Kind, a.Conclusion.Recommendation = annexa.Internal, ""
			a.Findings[0].Grade, a.Conclusion.Fulfilment = Minor, LargelyFulfilled
		}, nil},
		{"a draft may say anything", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.Conclusion = conclusionIn(t, "", ConclusionDraft)
			a.Conclusion.Fulfilment = Fulfilled
		}, nil},
		{"objectives achieved, scope not covered, no note", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Conclusion.ScopeCovered, a.Conclusion.NotCovered = false, []string{"the data centre: access refused"}
		}, []string{"Conclusion.ObjectivesNote AUD-CONCLUSION-OBJECTIVES"}},
		{"objectives achieved, scope not covered, with a note", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Conclusion.ScopeCovered, a.Conclusion.NotCovered = false, []string{"the data centre: access refused"}
			a.Conclusion.ObjectivesNote = "the data centre's controls were audited remotely"
		}, nil},
		{"objectives not achieved, scope not covered", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Conclusion.ScopeCovered, a.Conclusion.NotCovered = false, []string{"the data centre: access refused"}
			a.Conclusion.ObjectivesAchieved, a.Conclusion.ObjectivesNote = false, "the data centre could not be audited"
		}, nil},
		{"a major confirmed after the agreement", StateFindings, nil, func(_ *testing.T, a *Audit) {
			a.Findings[0].History[0].At = agreeAt.Add(time.Minute)
		}, []string{"Findings[0].History[0] AUD-FINDING-PHASE", "Conclusion.Recommendation AUD-RECOMMENDATION-DERIVED"}},
		{"a finding raised after the agreement", StateFindings, nil, func(_ *testing.T, a *Audit) {
			a.Findings[3].RaisedAt, a.Findings[3].History[0].At = agreeAt.Add(time.Minute), agreeAt.Add(time.Minute)
		}, []string{"Findings[3].RaisedAt AUD-FINDING-PHASE", "Findings[3].History[0] AUD-FINDING-PHASE"}},
		{"findings settled when the conclusions were agreed", StateFindings, nil, func(_ *testing.T, a *Audit) {
			a.Findings[0].History[0].At = agreeAt
		}, nil},

		// Follow-ups.
		{"follow-up of an unknown finding", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Finding = "F-9" },
			[]string{"FollowUps[0].Finding AUD-RECORD-SHAPE"}},
		{"follow-up of an observation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[1].Finding = "F-3" },
			[]string{"FollowUps[1].Finding AUD-FOLLOWUP-PHASE"}},
		{"two follow-ups of one nonconformity", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps = append(a.FollowUps, followUpIn(t, "F-1", FollowUpClosed))
		}, []string{"FollowUps[2].Finding AUD-FOLLOWUP-ONE-PER-NC"}},
		{"a nonconformity without follow-up once completed", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps = a.FollowUps[:1] },
			nil},
		{"follow-up history missing", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].History = nil },
			[]string{"FollowUps[0].State AUD-HISTORY-VALID", "FollowUps[0].Verifications AUD-HISTORY-VALID"}},
		{"unknown follow-up state", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].State = "done" },
			[]string{"FollowUps[0].State AUD-RECORD-SHAPE", "FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"planned before the presentation", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[1].PlannedAt = confirmAt },
			[]string{"FollowUps[1].PlannedAt AUD-FOLLOWUP-PHASE"}},
		{"accepted plan without root cause", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].RootCause = "" },
			[]string{"FollowUps[0].RootCause AUD-FOLLOWUP-PLAN"}},
		{"a plan in planning may be partial", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = followUpIn(t, "F-2", FollowUpPlanning)
			a.FollowUps[1].RootCause, a.FollowUps[1].DueAt = "", time.Time{}
		}, nil},
		{"verified by a technical expert", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			u := &a.FollowUps[0]
			u.History[2].By, u.VerifiedBy, u.Verifications[0].By = expertID, expertID, expertID
		}, []string{"FollowUps[0].History[2].By AUD-FOLLOWUP-VERIFIED"}},
		{"verified on unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-3"}, []ismsaudit.EvidenceID{"E-3"}
		}, []string{"FollowUps[0].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED", "FollowUps[0].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"verified on verified and unverified evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-7", "E-3"}, []ismsaudit.EvidenceID{"E-7", "E-3"}
		}, []string{"FollowUps[0].Verifications[0].Evidence[1] AUD-EVIDENCE-VERIFIED"}},
		{"verified before the evidence was", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.Evidence[len(a.Evidence)-1].History[0].At = verifyAt.Add(time.Minute)
		}, []string{
			"FollowUps[0].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED", "FollowUps[0].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE",
			"FollowUps[1].Verifications[0].Evidence[0] AUD-EVIDENCE-VERIFIED", "FollowUps[1].Evidence AUD-FOLLOWUP-VERIFIED", "FollowUps[1].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE",
		}},
		{"verification on unknown evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-99"}, []ismsaudit.EvidenceID{"E-99"}
		}, []string{"FollowUps[0].Evidence[0] AUD-RECORD-SHAPE", "FollowUps[0].Evidence AUD-FOLLOWUP-VERIFIED", "FollowUps[0].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"verified on evidence from before the implementation", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-1"}, []ismsaudit.EvidenceID{"E-1"}
		}, []string{"FollowUps[0].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"verified on old and new evidence", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications[0].Evidence = []ismsaudit.EvidenceID{"E-1", "E-7"}, []ismsaudit.EvidenceID{"E-1", "E-7"}
		}, nil},
		{"unlogged verification on evidence from before the implementation", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].Evidence, a.FollowUps[0].Verifications = []ismsaudit.EvidenceID{"E-2"}, nil
		}, []string{"FollowUps[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"evidence collected the moment the action was implemented", StateCompleted, nil, func(_ *testing.T, a *Audit) {
			a.FollowUps[0].History[1].At = followUpEvidenceAt
		}, nil},
		{"found ineffective on evidence from before the implementation", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = ineffectiveFollowUp(t, "F-2", "E-2")
		}, []string{"FollowUps[1].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"found ineffective on no evidence", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = ineffectiveFollowUp(t, "F-2")
		}, []string{"FollowUps[1].Verifications[0].Evidence AUD-FOLLOWUP-NEW-EVIDENCE"}},
		{"found ineffective on evidence collected since", StateCompleted, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = ineffectiveFollowUp(t, "F-2", "E-7")
		}, nil},
		{"verifier differs from the history", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].VerifiedBy = auditorID },
			[]string{"FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"verification log differs from the history", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Verifications[0].Effective = false },
			[]string{"FollowUps[0].Verifications[0] AUD-HISTORY-VALID"}},
		{"no verification log is allowed", StateCompleted, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].Verifications = nil },
			nil},
		{"ineffective without why", StateCompleted, nil, func(t *testing.T, a *Audit) {
			u := followUpIn(t, "F-2", FollowUpImplemented)
			u.History = append(u.History, FollowUpEntry{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning, At: verifyAt, By: auditorID})
			u.State = FollowUpPlanning
			a.FollowUps[1] = u
		}, []string{"FollowUps[1].History[2].Reason AUD-FOLLOWUP-INEFFECTIVE"}},
		{"verified, yet open", StateReported, nil, func(_ *testing.T, a *Audit) { a.FollowUps[0].VerifiedBy = leadID },
			[]string{"FollowUps[0].VerifiedBy AUD-FOLLOWUP-VERIFIED"}},
		{"a follow-up before the closing meeting", StateFindings, nil, func(t *testing.T, a *Audit) {
			a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpPlanning)}
		}, []string{"FollowUps[0] AUD-FOLLOWUP-PHASE", "FollowUps[0].Finding AUD-FOLLOWUP-PHASE"}},
		{"closed with an open follow-up: the audit lifecycle's check", StateClosed, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[1] = followUpIn(t, "F-2", FollowUpAccepted)
		}, nil},
		{"a major overdue at the given time", StateDistributed, &VerifyOptions{At: dueAt.Add(time.Hour)}, nil,
			[]string{"FollowUps[0].DueAt AUD-MAJOR-OVERDUE-BLOCKS"}},
		{"a major not overdue yet", StateDistributed, &VerifyOptions{At: dueAt}, nil, nil},
		{"a major overdue at the latest recorded time", StateFollowUp, nil, func(t *testing.T, a *Audit) {
			a.FollowUps[0] = followUpIn(t, "F-1", FollowUpImplemented)
			a.FollowUps[0].History[1].At = dueAt.Add(time.Hour)
		}, []string{"FollowUps[0].DueAt AUD-MAJOR-OVERDUE-BLOCKS"}},
		{"an overdue minor does not block", StateDistributed, &VerifyOptions{At: closeAt}, func(t *testing.T, a *Audit) {
			a.FollowUps[0].Finding = "F-2"
			a.FollowUps = append(a.FollowUps, followUpIn(t, "F-1", FollowUpClosed))
			a.Evidence = append(a.Evidence, evidenceIn(t, "E-7", EvidenceVerified, followUpEvidenceAt))
		}, nil},
		{"internal audits are not blocked", StateDistributed, &VerifyOptions{At: closeAt}, func(_ *testing.T, a *Audit) {
			a.Kind, a.Conclusion.Recommendation = annexa.Internal, ""
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := recordIn(t, tt.state)
			if tt.change != nil {
				tt.change(t, a)
			}
			got := findingsViolations(a, tt.opts)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("violations mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// ineffectiveFollowUp is the follow-up of finding found ineffective at
// verifyAt, after its implementation on April 10, on the evidence given.
func ineffectiveFollowUp(t *testing.T, finding FindingID, evidence ...ismsaudit.EvidenceID) FollowUp {
	u := followUpIn(t, finding, FollowUpImplemented)
	const why = "two servers still keep 7 days of logs"
	u.History = append(u.History, FollowUpEntry{From: FollowUpImplemented, Event: FollowUpVerifyIneffective, To: FollowUpPlanning, At: verifyAt, By: auditorID, Reason: why})
	u.Verifications = []Verification{{At: verifyAt, By: auditorID, Evidence: evidence, Reason: why}}
	u.State = FollowUpPlanning
	return u
}

func TestVerifyFindingsReportsEverything(t *testing.T) {
	a := recordIn(t, StateCompleted)
	a.Findings[0].Reason = ""
	a.Findings[2].Kind = "remark"
	a.Conclusion.Extent = ""
	a.FollowUps[1].RootCause = ""
	err := Verify(a, nil)
	ve := requireInvalid(t, err,
		problem{"Findings[0].Reason", RuleNCStatement}, problem{"Findings[2].Kind", RuleRecordShape},
		problem{"Conclusion.Extent", RuleConclusionComplete}, problem{"FollowUps[1].RootCause", RuleFollowUpPlan},
	)
	for _, f := range ve.Fields {
		_, ok := LookupRule(f.Rule)
		require.True(t, ok, "Verify cites %s, which is not in the catalogue", f.Rule)
	}
}

// TestFindingPresentedAt: the time of the history's presentation, whatever
// followed it; none before the closing meeting.
func TestFindingPresentedAt(t *testing.T) {
	confirmed := time.Date(2026, 3, 3, 16, 30, 0, 0, time.UTC)
	presented := time.Date(2026, 3, 5, 15, 0, 0, 0, time.UTC)
	f := Finding{History: []FindingEntry{
		{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: confirmed, By: "lead"},
		{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: presented, By: "lead"},
		{From: FindingPresented, Event: FindingDispute, To: FindingDisputed, At: presented.Add(25 * time.Minute), By: "auditee"},
	}}
	at, ok := f.PresentedAt()
	assert.True(t, ok)
	assert.Equal(t, presented, at)
	f.History = f.History[:1]
	at, ok = f.PresentedAt()
	assert.False(t, ok, "confirmed, not presented yet")
	assert.True(t, at.IsZero())
}
