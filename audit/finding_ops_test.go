package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

func TestAddFinding(t *testing.T) {
	m := fdMeta(fdRaisedAt.Add(time.Minute), fdAuditor)
	t.Run("appended in draft", func(t *testing.T) {
		a := fdAudit(t, StateFieldwork)
		in := fdNC("F-1", Major, fdA815, "E-1", "E-3")
		require.NoError(t, a.AddFinding(in, m))
		require.Len(t, a.Findings, 1)
		want := in
		want.State, want.History = FindingDraft, []FindingEntry{}
		if diff := cmp.Diff(want, a.Findings[0]); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
		// The record keeps its own copies of the caller's slices.
		in.Criteria[0], in.Evidence[0] = fdNotPlanned, "E-9"
		assert.Equal(t, fdA815, a.Findings[0].Criteria[0])
		assert.Equal(t, ismsaudit.EvidenceID("E-1"), a.Findings[0].Evidence[0])
	})
	t.Run("in the findings stage too", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		require.NoError(t, a.AddFinding(fdObservation("F-1", fdA51), m))
		assert.Nil(t, a.Findings[0].Evidence, "no evidence stays nil, as JSON gives it back")
	})

	tests := []struct {
		name   string
		change func(*Finding)
		meta   *ismsaudit.Meta
		want   [][2]string // path, rule
	}{
		{"no id", func(f *Finding) { f.ID = " " }, nil, [][2]string{{"ID", "required"}}},
		{"duplicate id", func(f *Finding) { f.ID = "F-0" }, nil, [][2]string{{"ID", "unique"}}},
		{"no kind", func(f *Finding) { f.Kind, f.Grade = "", "" }, nil, [][2]string{{"Kind", "required"}}},
		{"unknown kind", func(f *Finding) { f.Kind, f.Grade = "remark", "" }, nil, [][2]string{{"Kind", "enum"}}},
		{"nonconformity without grade", func(f *Finding) { f.Grade = "" }, nil, [][2]string{{"Grade", string(RuleNCGrade)}}},
		{"unknown grade", func(f *Finding) { f.Grade = "critical" }, nil, [][2]string{{"Grade", string(RuleNCGrade)}}},
		{"graded observation", func(f *Finding) { f.Kind = Observation }, nil, [][2]string{{"Grade", string(RuleNCGrade)}}},
		{"no criteria", func(f *Finding) { f.Criteria = nil }, nil, [][2]string{{"Criteria", string(RuleFindingCriterion)}}},
		{"unknown control", func(f *Finding) { f.Criteria = []annexa.Ref{annexa.RefToControl("9.9")} }, nil, [][2]string{{"Criteria[0].ID", "unknown"}}},
		{"reference without kind", func(f *Finding) { f.Criteria = []annexa.Ref{{ID: "5.1"}} }, nil, [][2]string{{"Criteria[0].Kind", "required"}}},
		{"criterion twice", func(f *Finding) { f.Criteria = []annexa.Ref{fdA815, fdA815} }, nil, [][2]string{{"Criteria[1]", "unique"}}},
		{"unknown evidence", func(f *Finding) { f.Evidence = []ismsaudit.EvidenceID{"E-1", "E-99"} }, nil, [][2]string{{"Evidence[1]", "unknown"}}},
		{"evidence twice", func(f *Finding) { f.Evidence = []ismsaudit.EvidenceID{"E-1", "E-1"} }, nil, [][2]string{{"Evidence[1]", "unique"}}},
		{"nothing found", func(f *Finding) { f.Found = "\t" }, nil, [][2]string{{"Found", "required"}}},
		{"opinion given", func(f *Finding) { f.DivergingOpinion = "no" }, nil, [][2]string{{"DivergingOpinion", "empty"}}},
		{"resolution given", func(f *Finding) { f.Resolution = "ok" }, nil, [][2]string{{"Resolution", "empty"}}},
		{"no author", func(f *Finding) { f.RaisedBy = "" }, nil, [][2]string{{"RaisedBy", "required"}}},
		{"no time", func(f *Finding) { f.RaisedAt = time.Time{} }, nil, [][2]string{{"RaisedAt", "required"}}},
		{"raised after recording", func(f *Finding) { f.RaisedAt = m.At.Add(time.Second) }, nil, [][2]string{{"RaisedAt", "not-after-event"}}},
		{"state given", func(f *Finding) { f.State = FindingConfirmed }, nil, [][2]string{{"State", "empty"}}},
		{"history given", func(f *Finding) { f.History = []FindingEntry{} }, nil, [][2]string{{"History", "empty"}}},
		{"no meta", func(*Finding) {}, &ismsaudit.Meta{}, [][2]string{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"a note with nowhere to go", func(*Finding) {}, &ismsaudit.Meta{At: m.At, By: m.By, Note: "n"}, [][2]string{{"Meta.Note", "empty"}}},
		{"everything at once", func(f *Finding) { *f = Finding{Kind: Nonconformity, State: FindingDraft} }, nil, [][2]string{
			{"ID", "required"}, {"Grade", string(RuleNCGrade)}, {"Criteria", string(RuleFindingCriterion)}, {"Found", "required"},
			{"RaisedBy", "required"}, {"RaisedAt", "required"}, {"State", "empty"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdAudit(t, StateFieldwork)
			a.Findings = []Finding{fdFindingIn(t, fdObservation("F-0", fdA51), FindingDraft)}
			f := fdNC("F-1", Major, fdA815, "E-1")
			tt.change(&f)
			meta := m
			if tt.meta != nil {
				meta = *tt.meta
			}
			ve := fdValidation(t, fdRefuses(t, a, func() error { return a.AddFinding(f, meta) }))
			for _, w := range tt.want {
				assert.True(t, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s %s in %v", w[0], w[1], ve.Fields)
			}
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("unknown evidence is also not found", func(t *testing.T) {
		a := fdAudit(t, StateFieldwork)
		err := a.AddFinding(fdNC("F-1", Major, fdA815, "E-99"), m)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	})
	t.Run("refused outside fieldwork and findings", func(t *testing.T) {
		for s := range States() {
			if s == StateFieldwork || s == StateFindings {
				continue
			}
			a := fdAudit(t, StateFieldwork)
			a.State = s
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AddFinding(fdNC("F-1", Major, fdA815, "E-1"), m) }))
			assert.Equal(t, RuleFindingPhase, rule, "state %s", s)
			assert.Equal(t, ismsaudit.ReasonWrongState, reason)
		}
	})
	t.Run("refused while the conclusions stand agreed", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionAgreed)
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.AddFinding(fdObservation("F-1", fdA51), m) }))
		assert.Equal(t, RuleFindingPhase, rule)
	})
}

func TestConfirmFinding(t *testing.T) {
	m := fdMeta(fdConfirmAt, fdLead)
	tests := []struct {
		name  string
		f     Finding
		setup func(*Audit)
		rule  ismsaudit.RuleID // "" when accepted
	}{
		{"nonconformity", fdNC("F-1", Minor, fdA815, "E-1"), nil, ""},
		{"nonconformity with corrected evidence", fdNC("F-1", Minor, fdA815, "E-6"), nil, ""},
		{"every item verified", fdNC("F-1", Minor, fdA815, "E-2", "E-1"), nil, ""},
		{"one verified item among others", fdNC("F-1", Minor, fdA815, "E-3", "E-4", "E-2"), nil, RuleEvidenceVerified},
		{"observation without evidence", fdObservation("F-1", fdPolicy), nil, ""},
		{"observation on verified evidence", func() Finding {
			f := fdObservation("F-1", fdPolicy)
			f.Evidence = []ismsaudit.EvidenceID{"E-1"}
			return f
		}(), nil, ""},
		{"observation on collected evidence", func() Finding {
			f := fdObservation("F-1", fdPolicy)
			f.Evidence = []ismsaudit.EvidenceID{"E-3"}
			return f
		}(), nil, RuleEvidenceVerified},
		{"conformity on rejected evidence", func() Finding {
			f := fdObservation("F-1", fdPolicy)
			f.Kind, f.Evidence = Conformity, []ismsaudit.EvidenceID{"E-1", "E-4"}
			return f
		}(), nil, RuleEvidenceVerified},
		{"criterion outside the plan", fdNC("F-1", Minor, fdNotPlanned, "E-1"), nil, RuleFindingCriterion},
		{"no plan", fdObservation("F-1", fdA51), func(a *Audit) { a.Plan = nil }, RuleFindingCriterion},
		{"no criteria", func() Finding { f := fdObservation("F-1", fdA51); f.Criteria = nil; return f }(), nil, RuleFindingCriterion},
		{"no evidence", fdNC("F-1", Minor, fdA815), nil, RuleNCEvidence},
		{"collected evidence only", fdNC("F-1", Minor, fdA815, "E-3"), nil, RuleNCEvidence},
		{"rejected evidence only", fdNC("F-1", Minor, fdA815, "E-4"), nil, RuleNCEvidence},
		{"superseded evidence only", fdNC("F-1", Minor, fdA815, "E-5"), nil, RuleNCEvidence},
		{"missing evidence", fdNC("F-1", Minor, fdA815, "E-1"), func(a *Audit) { a.Evidence = a.Evidence[1:] }, RuleNCEvidence},
		{"evidence verified only after the confirmation", fdNC("F-1", Minor, fdA815, "E-1"), func(a *Audit) {
			a.Evidence[0].History[0].At = fdConfirmAt.Add(time.Minute)
		}, RuleNCEvidence},
		{"no requirement", func() Finding { f := fdNC("F-1", Minor, fdA815, "E-1"); f.Requirement = ""; return f }(), nil, RuleNCStatement},
		{"no reason", func() Finding { f := fdNC("F-1", Minor, fdA815, "E-1"); f.Reason = " "; return f }(), nil, RuleNCStatement},
		{"no found", func() Finding { f := fdNC("F-1", Minor, fdA815, "E-1"); f.Found = ""; return f }(), nil, RuleNCStatement},
		{"no grade", fdNC("F-1", "", fdA815, "E-1"), nil, RuleNCGrade},
		{"graded observation", func() Finding { f := fdObservation("F-1", fdA51); f.Grade = Minor; return f }(), nil, RuleNCGrade},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fdAudit(t, StateFindings)
			a.Findings = []Finding{fdFindingIn(t, tt.f, FindingDraft)}
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
			rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.ConfirmFinding("F-1", m) }))
			assert.Equal(t, tt.rule, rule)
			assert.Equal(t, ismsaudit.ReasonGuard, reason)
		})
	}
	t.Run("confirmed by the team only", func(t *testing.T) {
		for _, by := range []string{fdExpert, fdOutsider, "Gus Guide"} {
			a := fdAudit(t, StateFindings)
			a.Findings = []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)}
			rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.ConfirmFinding("F-1", fdMeta(fdConfirmAt, by)) }))
			assert.Equal(t, RuleFindingConfirmed, rule, by)
		}
	})
	t.Run("unknown finding", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		err := fdRefuses(t, a, func() error { return a.ConfirmFinding("F-9", m) })
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
		var nf *ismsaudit.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, "F-9", nf.ID)
	})
	t.Run("time before the last entry", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		f := fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)
		f.History = []FindingEntry{}
		a.Findings = []Finding{f}
		require.NoError(t, a.ConfirmFinding("F-1", m))
		require.NoError(t, a.WithdrawFinding("F-1", ismsaudit.Meta{At: m.At, By: fdLead, Note: "same instant is fine"}))
		b := fdAudit(t, StateFindings)
		g := fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)
		b.Findings = []Finding{g}
		require.NoError(t, b.ConfirmFinding("F-1", m))
		_, reason := fdTransitionRule(t, fdRefuses(t, b, func() error {
			return b.WithdrawFinding("F-1", ismsaudit.Meta{At: m.At.Add(-time.Second), By: fdLead, Note: "too early"})
		}))
		assert.Equal(t, ismsaudit.ReasonMeta, reason)
	})
	t.Run("not before the finding was raised", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		a.Findings = []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)}
		_, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.ConfirmFinding("F-1", fdMeta(fdRaisedAt.Add(-time.Second), fdLead)) }))
		assert.Equal(t, ismsaudit.ReasonMeta, reason)
	})
	t.Run("refused while the conclusions stand agreed", func(t *testing.T) {
		a := fdAudit(t, StateFindings)
		a.Findings = []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), FindingDraft)}
		a.Conclusion = fdConclusion(t, RecommendAfterVerification, ConclusionAgreed)
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.ConfirmFinding("F-1", m) }))
		assert.Equal(t, RuleFindingPhase, rule)
	})
}

func TestWithdrawFinding(t *testing.T) {
	for _, from := range []FindingState{FindingDraft, FindingConfirmed} {
		t.Run(string(from), func(t *testing.T) {
			a := fdAudit(t, StateFindings)
			a.Findings = []Finding{fdFindingIn(t, fdObservation("F-1", fdA51), from)}
			rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.WithdrawFinding("F-1", fdMeta(fdAgreeAt, fdLead)) }))
			assert.Equal(t, RuleFindingWithdrawn, rule, "a withdrawal needs a reason")

			m := ismsaudit.Meta{At: fdAgreeAt, By: fdLead, Note: "raised twice"}
			require.NoError(t, a.WithdrawFinding("F-1", m))
			f := a.Findings[0]
			assert.Equal(t, FindingWithdrawn, f.State)
			assert.Equal(t, FindingEntry{From: from, Event: FindingWithdraw, To: FindingWithdrawn, At: m.At, By: m.By, Note: m.Note}, f.History[len(f.History)-1])
		})
	}
}

// fdPresented returns an audit in state s whose findings F-1 (minor
// nonconformity) and F-2 (observation) were presented.
func fdPresented(t fdT, s State) *Audit {
	a := fdAudit(t, s)
	a.Findings = []Finding{
		fdFindingIn(t, fdNC("F-1", Minor, fdA815, "E-1"), FindingPresented),
		fdFindingIn(t, fdObservation("F-2", fdA51), FindingPresented),
	}
	a.Conclusion = fdConclusion(t, RecommendAfterPlans, ConclusionPresented)
	return a
}

func TestAcknowledgeDisputeResolve(t *testing.T) {
	m := fdMeta(fdResponseAt, "auditee-ciso")
	t.Run("acknowledge", func(t *testing.T) {
		a := fdPresented(t, StateClosing)
		require.NoError(t, a.AcknowledgeFinding("F-1", m))
		assert.Equal(t, FindingAcknowledged, a.Findings[0].State)
		assert.Equal(t, FindingPresented, a.Findings[1].State)
	})
	t.Run("dispute records the opinion", func(t *testing.T) {
		a := fdPresented(t, StateReported)
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.DisputeFinding("F-1", "  ", m) }))
		assert.Equal(t, RuleDisputeRecorded, rule)
		require.NoError(t, a.DisputeFinding("F-1", "the provider sets retention", m))
		assert.Equal(t, FindingDisputed, a.Findings[0].State)
		assert.Equal(t, "the provider sets retention", a.Findings[0].DivergingOpinion)
	})
	t.Run("resolve records the resolution, before the report only", func(t *testing.T) {
		a := fdPresented(t, StateClosing)
		require.NoError(t, a.DisputeFinding("F-1", "the provider sets retention", m))
		rule, _ := fdTransitionRule(t, fdRefuses(t, a, func() error { return a.ResolveDispute("F-1", "", fdMeta(fdResolveAt, fdLead)) }))
		assert.Equal(t, RuleDisputeRecorded, rule)

		issued := fdClone(a)
		issued.State = StateReported
		rule, reason := fdTransitionRule(t, fdRefuses(t, issued, func() error {
			return issued.ResolveDispute("F-1", "agreed", fdMeta(fdResolveAt, fdLead))
		}))
		assert.Equal(t, RuleDisputeBeforeReport, rule, "unresolved disputes stay disputed for the report")
		assert.Equal(t, ismsaudit.ReasonGuard, reason)

		require.NoError(t, a.ResolveDispute("F-1", "agreed: 90 days", fdMeta(fdResolveAt, fdLead)))
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
				a := fdPresented(t, StateClosing)
				a.State = s
				rule, reason := fdTransitionRule(t, fdRefuses(t, a, func() error { return op(a) }))
				assert.Equal(t, RuleFindingResponse, rule, "%s in %s", name, s)
				assert.Equal(t, ismsaudit.ReasonWrongState, reason)
			}
		}
	})
}

func TestFindingLookups(t *testing.T) {
	a := fdRecord(t, StateClosing)
	a.Findings = append(a.Findings, fdFindingIn(t, fdNC("F-5", Minor, fdA815, "E-1"), FindingWithdrawn))

	f, ok := a.Finding("F-1")
	require.True(t, ok)
	if diff := cmp.Diff(a.Findings[0], f); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	f.Criteria[0], f.Evidence[0], f.History[0].By = fdNotPlanned, "E-9", "mallory"
	assert.Equal(t, fdA815, a.Findings[0].Criteria[0], "Finding returns a copy")
	assert.Equal(t, ismsaudit.EvidenceID("E-1"), a.Findings[0].Evidence[0])
	assert.Equal(t, fdLead, a.Findings[0].History[0].By)

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
	assert.Equal(t, []FindingID{"F-4", "F-5"}, ids(a.FindingsInState(FindingWithdrawn)))
	for f := range a.Nonconformities() {
		f.Criteria[0] = fdNotPlanned
		break
	}
	assert.Equal(t, fdA815, a.Findings[0].Criteria[0], "iterators yield copies")
}

func TestRecurringFindings(t *testing.T) {
	a := fdAudit(t, StateFindings)
	nc := func(id FindingID, area string, s FindingState, refs ...annexa.Ref) Finding {
		f := fdNC(id, Minor, refs[0], "E-1")
		f.Criteria, f.Area = refs, area
		return fdFindingIn(t, f, s)
	}
	a.Findings = []Finding{
		nc("F-1", "London", FindingConfirmed, fdA815, fdClause92),
		nc("F-2", "Leeds", FindingConfirmed, fdA815),
		nc("F-3", "London", FindingConfirmed, fdClause92),
		nc("F-4", "Paris", FindingWithdrawn, fdClause92),
		nc("F-5", "", FindingConfirmed, fdClause92),
		nc("F-6", "Leeds", FindingDraft, fdA51),
		nc("F-7", "York", FindingConfirmed, fdA51),
		fdFindingIn(t, fdObservation("F-8", fdA51), FindingConfirmed),
		nc("F-9", "York", FindingConfirmed, fdA815),
	}
	a.Findings[7].Area = "Leeds"
	want := []Recurrence{{Criterion: fdA815, Areas: []string{"London", "Leeds", "York"}, Findings: []FindingID{"F-1", "F-2", "F-9"}}}
	if diff := cmp.Diff(want, a.RecurringFindings()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	assert.Empty(t, fdAudit(t, StateFindings).RecurringFindings())
	assert.True(t, slices.IsSortedFunc(want[0].Findings, func(x, y FindingID) int { return a.findingAt(x) - a.findingAt(y) }))
}
