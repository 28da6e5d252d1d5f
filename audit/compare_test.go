package audit

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// previousAudit returns last year's audit of the fixture auditee: major F-1
// on A.8.15 (follow-up closed), minor F-2 on clause 9.2 and the policy
// (follow-up accepted), minor F-3 on A.5.1 (closed), observation F-4 on
// the policy, and a withdrawn F-5 on A.5.1.
func previousAudit(t tb) *Audit {
	a := recordIn(t, StateFollowUp)
	a.ID = "A-2025-07"
	f2 := nonconformity("F-2", Minor, clause92, "E-2")
	f2.Criteria = append(f2.Criteria, policyRef)
	a.Findings = []Finding{
		findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingAcknowledged),
		findingIn(t, f2, FindingAcknowledged),
		findingIn(t, nonconformity("F-3", Minor, controlA51, "E-1"), FindingAcknowledged),
		findingIn(t, observation("F-4", policyRef), FindingAcknowledged),
		findingIn(t, nonconformity("F-5", Minor, controlA51, "E-1"), FindingWithdrawn),
	}
	a.FollowUps = []FollowUp{followUpIn(t, "F-1", FollowUpClosed), followUpIn(t, "F-2", FollowUpAccepted), followUpIn(t, "F-3", FollowUpClosed)}
	return a
}

func TestCompare(t *testing.T) {
	prev := previousAudit(t)
	cur := stage2Audit(t, StateFindings)
	cur.Baseline = prev.ID
	cur.Findings = []Finding{
		findingIn(t, nonconformity("N-1", Minor, policyRef, "E-1"), FindingConfirmed),                   // policy: previous NC F-2 -> recurring
		findingIn(t, nonconformity("N-2", Major, notPlanned, "E-1"), FindingDraft),                      // drafts do not count
		findingIn(t, nonconformity("N-3", Minor, controlA815, "E-1"), FindingWithdrawn),                 // withdrawn do not count
		findingIn(t, observation("N-4", controlA815), FindingConfirmed),                                 // not a nonconformity
		findingIn(t, nonconformity("N-5", Major, annexa.RefToClause("6.1.2"), "E-2"), FindingConfirmed), // new
	}
	f6 := nonconformity("N-6", Minor, controlA815, "E-2")
	f6.Criteria = []annexa.Ref{controlA815, policyRef}
	cur.Findings = append(cur.Findings, findingIn(t, f6, FindingConfirmed)) // A.8.15 (F-1) and policy (F-2, F-4): recurring
	cur.Plan.Content.Criteria = append(cur.Plan.Content.Criteria, Criterion{Ref: annexa.RefToClause("6.1.2")})
	cur.Plan.Content.Criteria = cur.Plan.Content.Criteria[1:] // clause 9.2 not covered this time

	before := deepCopy(prev)
	got, err := Compare(prev, cur)
	require.NoError(t, err)
	want := Comparison{
		Previous: "A-2025-07", Current: "A-2026-07", Auditee: "Example Ltd",
		New: []ComparedFinding{{Finding: "N-5", Grade: Major, Criteria: []annexa.Ref{annexa.RefToClause("6.1.2")}}},
		Recurring: []ComparedFinding{
			{Finding: "N-1", Grade: Minor, Criteria: []annexa.Ref{policyRef}, Related: []FindingID{"F-2"}},
			{Finding: "N-6", Grade: Minor, Criteria: []annexa.Ref{controlA815, policyRef}, Related: []FindingID{"F-1", "F-2"}},
		},
		Resolved: []ComparedFinding{{Finding: "F-3", Grade: Minor, Criteria: []annexa.Ref{controlA51}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, prev); diff != "" {
		t.Errorf("Compare changed the previous audit: mismatch (-want +got):\n%s", diff)
	}

	t.Run("not covered now: unassessed, not resolved", func(t *testing.T) {
		cur := stage2Audit(t, StateFindings)
		cur.Plan.Content.Criteria = []Criterion{{Ref: controlA815}}
		got, err := Compare(prev, cur)
		require.NoError(t, err)
		require.Len(t, got.Resolved, 1)
		assert.Equal(t, FindingID("F-1"), got.Resolved[0].Finding, "A.8.15 is covered and clear")
		var ids []FindingID
		for _, c := range got.Unassessed {
			ids = append(ids, c.Finding)
		}
		assert.Equal(t, []FindingID{"F-2", "F-3"}, ids)
	})
	t.Run("an observation turned nonconformity is new, with the observation related", func(t *testing.T) {
		cur := stage2Audit(t, StateFindings)
		prev := previousAudit(t)
		prev.Findings = prev.Findings[3:4] // only the observation on the policy
		cur.Findings = []Finding{findingIn(t, nonconformity("N-1", Minor, policyRef, "E-1"), FindingConfirmed)}
		got, err := Compare(prev, cur)
		require.NoError(t, err)
		want := []ComparedFinding{{Finding: "N-1", Grade: Minor, Criteria: []annexa.Ref{policyRef}, Related: []FindingID{"F-4"}}}
		if diff := cmp.Diff(want, got.New); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		again, err := Compare(prev, cur)
		require.NoError(t, err)
		if diff := cmp.Diff(got, again); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("refused", func(t *testing.T) {
		other := stage2Audit(t, StateFindings)
		other.Auditee = "Other plc"
		tests := []struct {
			name      string
			prev, cur *Audit
			path      string
			rule      ismsaudit.RuleID
		}{
			{"different auditee", prev, other, "Current.Auditee", "same-auditee"},
			{"no previous", nil, cur, "Previous", "required"},
			{"no current", prev, nil, "Current", "required"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := Compare(tt.prev, tt.cur)
				requireInvalid(t, err, problem{tt.path, tt.rule})
				assert.Equal(t, Comparison{}, got)
			})
		}
	})
}

func TestBaselineFocus(t *testing.T) {
	prev := previousAudit(t)
	before := deepCopy(prev)
	want := []FocusItem{
		{Criterion: clause92, Findings: []FindingID{"F-2"}, Grade: Minor, Open: true},
		{Criterion: policyRef, Findings: []FindingID{"F-2"}, Grade: Minor, Open: true},
		{Criterion: controlA815, Findings: []FindingID{"F-1"}, Grade: Major},
		{Criterion: controlA51, Findings: []FindingID{"F-3"}, Grade: Minor},
	}
	if diff := cmp.Diff(want, prev.BaselineFocus()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, prev); diff != "" {
		t.Errorf("BaselineFocus changed the audit: mismatch (-want +got):\n%s", diff)
	}
	t.Run("most severe grade, open when any follow-up is", func(t *testing.T) {
		a := previousAudit(t)
		a.Findings = append(a.Findings, findingIn(t, nonconformity("F-6", Minor, controlA815, "E-1"), FindingAcknowledged))
		a.Findings = append(a.Findings, findingIn(t, nonconformity("F-7", Major, controlA51, "E-1"), FindingAcknowledged))
		got := a.BaselineFocus()
		require.Len(t, got, 4)
		assert.Equal(t, FocusItem{Criterion: controlA815, Findings: []FindingID{"F-1", "F-6"}, Grade: Major, Open: true}, got[0], "all open now: first-cited order")
		assert.Equal(t, FocusItem{Criterion: controlA51, Findings: []FindingID{"F-3", "F-7"}, Grade: Major, Open: true}, got[3])
	})
	assert.Empty(t, stage2Audit(t, StateClosed).BaselineFocus())
}

func TestFromBaseline(t *testing.T) {
	prev := previousAudit(t)
	m := byLead(time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC))
	t.Run("takes auditee and baseline from the previous audit", func(t *testing.T) {
		a, err := FromBaseline(prev, NewOptions{ID: "A-2027-02", Kind: annexa.Surveillance, Client: "Certification body"}, m)
		require.NoError(t, err)
		want, err := New(NewOptions{ID: "A-2027-02", Kind: annexa.Surveillance, Client: "Certification body", Auditee: "Example Ltd", Baseline: "A-2025-07"}, m)
		require.NoError(t, err)
		if diff := cmp.Diff(want, a); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("matching auditee and baseline may be given", func(t *testing.T) {
		_, err := FromBaseline(prev, NewOptions{ID: "A-2027-02", Kind: annexa.Surveillance, Client: "CB", Auditee: "Example Ltd", Baseline: "A-2025-07"}, m)
		require.NoError(t, err)
	})
	tests := []struct {
		name string
		opts NewOptions
		meta ismsaudit.Meta
		want []problem
	}{
		{"other auditee", NewOptions{ID: "X", Kind: annexa.Surveillance, Client: "CB", Auditee: "Other plc"}, m, []problem{{"Auditee", "same-auditee"}}},
		{"other baseline", NewOptions{ID: "X", Kind: annexa.Surveillance, Client: "CB", Baseline: "A-1999"}, m, []problem{{"Baseline", "same-baseline"}}},
		{"New's own checks", NewOptions{Kind: "stage3"}, ismsaudit.Meta{}, []problem{{"ID", "required"}, {"Client", "required"}, {"Kind", "enum"}, {"Meta.At", "required"}, {"Meta.By", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromBaseline(prev, tt.opts, tt.meta)
			assert.Nil(t, a)
			ve := requireInvalid(t, err, tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "%v", ve.Fields)
		})
	}
	t.Run("the previous audit has presented its findings", func(t *testing.T) {
		for _, s := range []State{StateInitiation, StatePreparation, StateFieldwork, StateFindings, StateTerminated} {
			p := previousAudit(t)
			p.State = s
			a, err := FromBaseline(p, NewOptions{ID: "X", Kind: annexa.Surveillance, Client: "CB"}, m)
			assert.Nil(t, a)
			requireRefused(t, err, ismsaudit.ReasonWrongState, RuleBaselinePresented, "%s", s)
		}
		_, err := FromBaseline(nil, NewOptions{ID: "X"}, m)
		requireInvalid(t, err, problem{"Previous", "required"})
	})
}
