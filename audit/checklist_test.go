package audit

import (
	"slices"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnknownChecklistItem checks that a result for a reference the
// checklist lacks is a *ismsaudit.NotFoundError.
func TestUnknownChecklistItem(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	before := deepCopy(a)
	err := a.RecordResult(annexa.RefToControl("5.1"), annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(march(4, 1)))
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var nf *ismsaudit.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "A.5.1", nf.ID)
	require.ErrorIs(t, a.MarkNotAudited(annexa.RefToControl("5.1"), "closed", byLead(march(4, 1))), ismsaudit.ErrNotFound)
	unchanged(t, before, a)
}

// TestAttachChecklistRefusesBadInput checks the checklist's input checks:
// planned kind and criteria, nothing filled in yet, a valid checklist.
func TestAttachChecklistRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "checklist of another kind", state: StatePreparation, op: func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Kind = annexa.Stage2
			return a.AttachChecklist(cl, byLead(march(3, 5)))
		}, want: []problem{{"Checklist.Kind", RuleChecklistPlanned}}},
		{name: "checklist beyond the plan", state: StatePreparation, op: func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items = append(cl.Items, annexa.Item{Ref: annexa.RefToControl("5.1"), Title: "Policies", Result: annexa.NotAssessed})
			return a.AttachChecklist(cl, byLead(march(3, 5)))
		}, want: []problem{{"Checklist.Items[5].Ref", RuleChecklistPlanned}}},
		{name: "checklist already filled in", state: StatePreparation, op: func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items[0].NotAuditedReason = "no time"
			return a.AttachChecklist(cl, byLead(march(3, 5)))
		}, want: []problem{{"Checklist.Items[0]", RuleChecklistFieldwork}}},
		{name: "invalid checklist", state: StatePreparation, op: func(a *Audit) error {
			cl := fixtureChecklist()
			cl.Items[1].Title = ""
			return a.AttachChecklist(cl, byLead(march(3, 5)))
		}, want: []problem{{"Checklist.Items[1].Title", "required"}}},
		{name: "no checklist", state: StatePreparation, op: func(a *Audit) error { return a.AttachChecklist(nil, byLead(march(3, 5))) },
			want: []problem{{"Checklist", "required"}}},
	})
}

// TestAttachChecklistRefusesWrongState checks that the checklist is
// attached in preparation only.
func TestAttachChecklistRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"checklist in fieldwork", StateFieldwork, func(a *Audit) error { return a.AttachChecklist(fixtureChecklist(), byLead(march(4, 1))) }, RuleChecklistPlanned},
	})
}

// TestAttachChecklistKeepsACopy checks that the audit keeps its own copy
// of the checklist: changing the caller's afterwards changes nothing in
// the record.
func TestAttachChecklistKeepsACopy(t *testing.T) {
	a := auditIn(t, StateInitiation)
	require.NoError(t, a.Prepare(byLead(march(2, 19))))
	require.NoError(t, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	require.NoError(t, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
	require.NoError(t, a.CommunicatePlan(byLead(march(2, 22))))
	cl := fixtureChecklist()
	require.NoError(t, a.AttachChecklist(cl, byLead(march(2, 23))))
	cl.Items[0].Title = "changed"
	assert.NotEqual(t, "changed", a.Checklist.Items[0].Title)
}

// TestRecordResultRefusesBadInput checks a result's input checks.
func TestRecordResultRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "result on unknown evidence", state: StateFieldwork, op: func(a *Audit) error {
			return a.RecordResult(refVuln, annexa.Assessment{Result: annexa.MajorNonconformity, EvidenceRefs: []ismsaudit.EvidenceID{"E-404"}}, byLead(march(4, 1)))
		}, want: []problem{{"EvidenceRefs[0]", "unknown"}, {"Notes", annexa.RuleAssessmentNotes}}},
	})
}

// TestRecordResultRefusesWrongState checks that results are recorded
// during fieldwork only.
func TestRecordResultRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"result in preparation", StatePreparation, func(a *Audit) error {
			return a.RecordResult(refRisk, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, byLead(march(3, 5)))
		}, RuleChecklistFieldwork},
	})
}

// TestMarkNotAuditedRefusesBadInput checks that an item left unaudited
// needs a reason.
func TestMarkNotAuditedRefusesBadInput(t *testing.T) {
	testBadInput(t, []badInputCase{
		{name: "not-audited without reason", state: StateFieldwork,
			setup: func(a *Audit) { require.NoError(t, a.Checklist.Reset(refVuln)) },
			op:    func(a *Audit) error { return a.MarkNotAudited(refVuln, "", byLead(march(4, 1))) },
			want:  []problem{{"Reason", "required"}}},
	})
}

// TestMarkNotAuditedRefusesWrongState checks that items are marked not
// audited during fieldwork only.
func TestMarkNotAuditedRefusesWrongState(t *testing.T) {
	testWrongState(t, []wrongStateCase{
		{"not audited after fieldwork", StateFindings, func(a *Audit) error { return a.MarkNotAudited(refRisk, "no time", byLead(march(5, 7))) }, RuleChecklistFieldwork},
	})
}

// TestAttachChecklistIsAnEvent checks that attaching a checklist appends
// one entry to the audit's history, from preparation to preparation, as
// every audit event does: a Meta without time or actor, or dated before
// the latest entry, is refused; a plan must be drafted first.
func TestAttachChecklistIsAnEvent(t *testing.T) {
	a := auditIn(t, StatePreparation)
	last := a.History[len(a.History)-1]
	assert.Equal(t, Entry{From: StatePreparation, Event: EventAttachChecklist, To: StatePreparation, At: march(2, 23), By: leadID}, last)

	// Attaching another checklist replaces it and adds an entry.
	cl := fixtureChecklist()
	cl.Items = cl.Items[:3]
	require.NoError(t, a.AttachChecklist(cl, byLead(march(3, 1))))
	assert.Len(t, a.Checklist.Items, 3)
	assert.Equal(t, EventAttachChecklist, a.History[len(a.History)-1].Event)
	require.NoError(t, Verify(a, nil))

	for _, m := range []ismsaudit.Meta{{By: leadID}, {At: march(3, 2)}, byLead(march(3, 0))} {
		requireRefused(t, refuses(t, a, func() error { return a.AttachChecklist(fixtureChecklist(), m) }), ismsaudit.ReasonMeta, RuleRecordWhoWhen, "%+v", m)
	}

	b := auditIn(t, StateInitiation)
	require.NoError(t, b.Prepare(byLead(march(2, 19))))
	assert.False(t, b.Can(EventAttachChecklist), "no plan to prepare it from")
	requireRefused(t, b.Check(EventAttachChecklist), ismsaudit.ReasonGuard, RuleChecklistPlanned)
	requireInvalid(t, refuses(t, b, func() error { return b.AttachChecklist(fixtureChecklist(), byLead(march(2, 20))) }), problem{"Plan", RuleChecklistPlanned})
}

// TestChecklistKept checks that Verify reports a checklist the history
// says was attached and the record no longer holds, and that a record
// written before attaching was an event (a checklist, no entry) still
// verifies.
func TestChecklistKept(t *testing.T) {
	for _, s := range []State{StatePreparation, StateFindings, StateClosed} {
		a := auditIn(t, s)
		require.NoError(t, Verify(a, nil))
		a.Checklist = nil
		requireInvalid(t, Verify(a, nil), problem{"Checklist", RuleChecklistKept})
	}
	a := auditIn(t, StateClosed)
	i := slices.IndexFunc(a.History, func(e Entry) bool { return e.Event == EventAttachChecklist })
	a.History = slices.Delete(a.History, i, i+1)
	require.NoError(t, Verify(a, nil), "a checklist attached before attaching was an event")
}

// TestChecklistAgreesWithFindings checks AUD-CHECKLIST-FINDINGS both
// ways: the agreement of the conclusions refuses a checklist that
// disagrees with the standing nonconformities, and accepts one that
// agrees, which then verifies. The lifecycle fixture's F-1 is a minor
// nonconformity on A.5.15 (Checklist.Items[2]).
func TestChecklistAgreesWithFindings(t *testing.T) {
	minor := annexa.Assessment{Result: annexa.MinorNonconformity, Notes: "reviews missed", EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
	major := annexa.Assessment{Result: annexa.MajorNonconformity, Notes: "no reviews at all", EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
	conforms := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
	tests := []struct {
		name  string
		setup func(t *testing.T, a *Audit)
		want  []problem // nil: the agreement is accepted
	}{
		{"the item shows the nonconformity", nil, nil},
		{"the item conforms", func(t *testing.T, a *Audit) {
			require.NoError(t, a.RecordResult(refAccess, conforms, byLead(march(3, 20))))
		}, []problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"the item shows a major one", func(t *testing.T, a *Audit) {
			require.NoError(t, a.RecordResult(refAccess, major, byLead(march(3, 20))))
		}, []problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"another item shows a nonconformity no finding states", func(t *testing.T, a *Audit) {
			require.NoError(t, a.RecordResult(refVuln, minor, byLead(march(3, 20))))
		}, []problem{{"Checklist.Items[3].Result", RuleChecklistFindings}}},
		{"the nonconformity withdrawn, the item conforming", func(t *testing.T, a *Audit) {
			require.NoError(t, a.WithdrawFinding("F-1", "the reviews were found later", byLead(march(3, 20))))
			require.NoError(t, a.RecordResult(refAccess, conforms, byLead(march(3, 20))))
		}, nil},
		{"the nonconformity withdrawn, the item still nonconforming", func(t *testing.T, a *Audit) {
			require.NoError(t, a.WithdrawFinding("F-1", "the reviews were found later", byLead(march(3, 20))))
		}, []problem{{"Checklist.Items[2].Result", RuleChecklistFindings}}},
		{"a major one beside the minor, the item major", func(t *testing.T, a *Audit) {
			f := nonconformity("F-2", Major, refAccess, "E-1")
			f.RaisedAt = march(3, 20)
			require.NoError(t, a.AddFinding(f, byLead(march(3, 20))))
			require.NoError(t, a.ConfirmFinding("F-2", byLead(march(3, 20))))
			require.NoError(t, a.RecordResult(refAccess, major, byLead(march(3, 20))))
		}, nil},
		{"an observation on an item that conforms", func(t *testing.T, a *Audit) {
			f := observation("F-2", refVuln)
			f.RaisedAt = march(3, 20)
			require.NoError(t, a.AddFinding(f, byLead(march(3, 20))))
			require.NoError(t, a.ConfirmFinding("F-2", byLead(march(3, 20))))
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditIn(t, StateFieldwork)
			if tt.setup != nil {
				tt.setup(t, a)
			}
			require.NoError(t, Verify(a, nil), "the checklist is not judged before the conclusions are agreed")
			require.NoError(t, a.EndFieldwork(byLead(march(4, 21))))
			require.NoError(t, a.DraftConclusion(consistentConclusion(a), byLead(march(4, 22))))
			if tt.want == nil {
				require.NoError(t, a.AgreeConclusion(byLead(march(4, 23))))
				require.NoError(t, Verify(a, nil))
				return
			}
			err := refuses(t, a, func() error { return a.AgreeConclusion(byLead(march(4, 23))) })
			requireRefused(t, err, ismsaudit.ReasonGuard, RuleChecklistFindings)
			requireInvalid(t, err, tt.want...)
		})
	}
}
