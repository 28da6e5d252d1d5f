package audit

import (
	"strings"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evModel is an independent statement of the evidence lifecycle (19011
// 6.4.7): where each (state, event) leads, or "" when the table has no
// such row.
var evModel = map[EvidenceState]map[EvidenceEvent]EvidenceState{
	EvidenceCollected:  {EvidenceVerify: EvidenceVerified, EvidenceReject: EvidenceRejected, EvidenceSupersede: EvidenceSuperseded},
	EvidenceVerified:   {EvidenceSupersede: EvidenceSuperseded},
	EvidenceRejected:   {EvidenceSupersede: EvidenceSuperseded},
	EvidenceSuperseded: {},
}

// evModelReason is why the model refuses (state, event).
func evModelReason(s EvidenceState) ismsaudit.Reason {
	if s == EvidenceSuperseded {
		return ismsaudit.ReasonTerminal
	}
	return ismsaudit.ReasonNoTransition
}

func TestEvidenceMachineEveryStateAndEvent(t *testing.T) {
	require.Len(t, evModel, evidenceStateSet.Len(), "the model covers every state")
	for s := range EvidenceStates() {
		for ev := range EvidenceEvents() {
			t.Run(string(s)+"/"+string(ev), func(t *testing.T) {
				e := evLogged("E-1")
				next := evLogged("E-2")
				next.Supersedes = "E-1"
				subject := evidenceSubject{a: evAudit(StateFieldwork), e: &e, note: "why", successor: &next}
				entry, err := evidenceMachine.Fire(subject, s, evAt(11, 12), ev, ismsaudit.Meta{At: evAt(11, 13), By: "lead", Note: "why"})
				to, ok := evModel[s][ev]
				if !ok {
					evRequireRefused(t, err, evModelReason(s), "")
					return
				}
				require.NoError(t, err)
				assert.Equal(t, EvidenceEntry{From: s, Event: ev, To: to, At: evAt(11, 13), By: "lead", Note: "why"}, entry)
			})
		}
	}
}

func TestEvidenceOperationsEveryStateAndEvent(t *testing.T) {
	ops := map[EvidenceEvent]func(a *Audit) error{
		EvidenceVerify: func(a *Audit) error { return a.VerifyEvidence("E-1", evMeta(12, 9)) },
		EvidenceReject: func(a *Audit) error {
			return a.RejectEvidence("E-1", ismsaudit.Meta{At: evAt(12, 9), By: "lead", Note: "not traceable"})
		},
		EvidenceSupersede: func(a *Audit) error { return a.CorrectEvidence("E-1", evItem("E-3"), evMeta(12, 9)) },
	}
	require.Len(t, ops, evidenceEventSet.Len(), "an operation per event")
	for s := range EvidenceStates() {
		for ev := range EvidenceEvents() {
			t.Run(string(s)+"/"+string(ev), func(t *testing.T) {
				a := evWithItem(s)
				before := evDeepCopy(a)
				err := ops[ev](a)
				to, ok := evModel[s][ev]
				if !ok {
					evRequireRefused(t, err, evModelReason(s), "")
					evUnchanged(t, before, a)
					return
				}
				require.NoError(t, err)
				item, _ := a.EvidenceItem("E-1")
				assert.Equal(t, to, item.State)
				assert.Len(t, item.History, len(before.Evidence[0].History)+1, "one history entry per accepted event")
				assert.Empty(t, evVerify(a), "the record still conforms")
			})
		}
	}
}

func TestEvidenceGuards(t *testing.T) {
	a := evAudit(StateFieldwork)
	e := evLogged("E-1")
	good := evLogged("E-2")
	good.Supersedes = "E-1"
	selfRef := evLogged("E-1")
	selfRef.Supersedes = "E-1"
	other := evLogged("E-2")
	other.Supersedes = "E-7"
	outside := evLogged("E-1")
	outside.Supports = append(outside.Supports, evNotInPlan)
	tests := []struct {
		name    string
		subject evidenceSubject
		from    EvidenceState
		event   EvidenceEvent
		rule    ismsaudit.RuleID
	}{
		{"verify outside the plan", evidenceSubject{a: a, e: &outside}, EvidenceCollected, EvidenceVerify, RuleEvidenceCriteria},
		{"reject without note", evidenceSubject{a: a, e: &e}, EvidenceCollected, EvidenceReject, RuleEvidenceRejectReason},
		{"supersede without successor", evidenceSubject{a: a, e: &e}, EvidenceVerified, EvidenceSupersede, RuleEvidenceAppendOnly},
		{"supersede by itself", evidenceSubject{a: a, e: &e, successor: &selfRef}, EvidenceRejected, EvidenceSupersede, RuleEvidenceAppendOnly},
		{"supersede by an item pointing elsewhere", evidenceSubject{a: a, e: &e, successor: &other}, EvidenceCollected, EvidenceSupersede, RuleEvidenceAppendOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := evidenceMachine.Fire(tt.subject, tt.from, evAt(11, 12), tt.event, evMeta(11, 13))
			te := evRequireRefused(t, err, ismsaudit.ReasonGuard, tt.rule)
			assert.NotEmpty(t, te.Guard)
			assert.True(t, evidenceMachine.Can(evidenceSubject{a: a, e: &e, note: "n", successor: &good}, tt.from, tt.event), "passes with a good subject")
		})
	}
	t.Run("no plan: any criterion verifies", func(t *testing.T) {
		noPlan := evAudit(StateFieldwork)
		noPlan.Plan = nil
		assert.True(t, evidenceMachine.Can(evidenceSubject{a: noPlan, e: &outside}, EvidenceCollected, EvidenceVerify))
	})
}

func TestEvidenceRulesAreCatalogued(t *testing.T) {
	for r := range evidenceMachine.Rules() {
		_, ok := LookupRule(r)
		assert.Truef(t, ok, "guard rule %s is in the catalogue", r)
	}
	for _, r := range evidenceRules {
		got, ok := LookupRule(r.ID)
		require.True(t, ok, r.ID)
		assert.Equal(t, r, got)
		assert.True(t, strings.HasPrefix(string(r.Clause), "19011:"), "%s cites a 19011 clause", r.ID)
	}
	for _, id := range []ismsaudit.RuleID{RuleSamplingRecorded, RuleSamplingReproducible, RuleHistoryValid, RuleRecordShape} {
		_, ok := LookupRule(id)
		assert.Truef(t, ok, "rule %s cited by the evidence code is in the catalogue", id)
	}
	mermaid := evidenceMachine.Mermaid()
	for _, g := range []string{"supports-plan-criteria", "reason-recorded", "successor-points-back"} {
		assert.Contains(t, mermaid, g, "the diagram shows the guard")
	}
}
