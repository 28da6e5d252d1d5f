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
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip encodes v to JSON and decodes it strictly into a new T.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	col := errs.NewCollector("audit", "round trip")
	require.True(t, validate.JSON(col, data, &back), "decode: %v", col.Err())
	return back
}

func TestEvidenceTypesRoundTripJSON(t *testing.T) {
	a := conformingEvidenceAudit(t)
	a.Sampling[0].Seed = 1<<64 - 1 // beyond float64 precision
	require.NoError(t, a.SealRecord(byLead(march(15, 9))))

	if diff := cmp.Diff(a.Evidence, roundTrip(t, a.Evidence)); diff != "" {
		t.Errorf("evidence mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Sampling, roundTrip(t, a.Sampling)); diff != "" {
		t.Errorf("sampling plans mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Seal, roundTrip(t, a.Seal)); diff != "" {
		t.Errorf("seal mismatch (-want +got):\n%s", diff)
	}
	se := SealError{Log: "evidence", Index: 0, Entry: 3, Problem: SealEntryChanged, Detail: "d"}
	if diff := cmp.Diff(se, roundTrip(t, se)); diff != "" {
		t.Errorf("seal error mismatch (-want +got):\n%s", diff)
	}
}

func TestVerifyIncludesEvidenceRules(t *testing.T) {
	a := conformingEvidenceAudit(t)
	require.NoError(t, a.SealRecord(byLead(march(15, 9))))
	a.Evidence[1].History[0].Reason = ""
	a.Sampling[0].Selected[0] = "leaver-01"
	err := Verify(a, nil)
	requireInvalid(t, err,
		problem{"Evidence[1].History[0].Reason", RuleEvidenceRejectReason},
		problem{"Sampling[0].Selected", RuleSamplingReproducible},
		problem{"Evidence[1].History", RuleSealIntact},  // the rejection's reason is sealed
		problem{"Sampling[0].Selected", RuleSealIntact}, // and so is the sample
	)
}

// evidenceModel is an independent statement of the evidence lifecycle (19011
// 6.4.7): where each (state, event) leads, or "" when the table has no
// such row.
var evidenceModel = map[EvidenceState]map[EvidenceEvent]EvidenceState{
	EvidenceCollected:  {EvidenceVerify: EvidenceVerified, EvidenceReject: EvidenceRejected, EvidenceSupersede: EvidenceSuperseded},
	EvidenceVerified:   {EvidenceSupersede: EvidenceSuperseded},
	EvidenceRejected:   {EvidenceSupersede: EvidenceSuperseded},
	EvidenceSuperseded: {},
}

// evidenceModelReason is why the model refuses (state, event).
func evidenceModelReason(s EvidenceState) ismsaudit.Reason {
	if s == EvidenceSuperseded {
		return ismsaudit.ReasonTerminal
	}
	return ismsaudit.ReasonNoTransition
}

func TestEvidenceMachineEveryStateAndEvent(t *testing.T) {
	require.Len(t, evidenceModel, evidenceStateSet.Len(), "the model covers every state")
	for s := range EvidenceStates() {
		for ev := range EvidenceEvents() {
			t.Run(string(s)+"/"+string(ev), func(t *testing.T) {
				e := loggedItem("E-1")
				next := loggedItem("E-2")
				next.Supersedes = "E-1"
				subject := evidenceSubject{a: evidenceAudit(StateFieldwork), e: &e, in: evidenceInput{given: true, reason: "why", successor: &next}}
				entry, err := evidenceMachine.Fire(subject, s, march(11, 12), ev, ismsaudit.Meta{At: march(11, 13), By: "lead", Note: "why"})
				to, ok := evidenceModel[s][ev]
				if !ok {
					requireRefused(t, err, evidenceModelReason(s), RuleEvidenceOrder)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, EvidenceEntry{From: s, Event: ev, To: to, At: march(11, 13), By: "lead", Note: "why"}, entry)
			})
		}
	}
}

func TestEvidenceOperationsEveryStateAndEvent(t *testing.T) {
	ops := map[EvidenceEvent]func(a *Audit) error{
		EvidenceVerify: func(a *Audit) error { return a.VerifyEvidence("E-1", byLead(march(12, 9))) },
		EvidenceReject: func(a *Audit) error {
			return a.RejectEvidence("E-1", "not traceable", byLead(march(12, 9)))
		},
		EvidenceSupersede: func(a *Audit) error { return a.CorrectEvidence("E-1", newItem("E-3"), byLead(march(12, 9))) },
	}
	require.Len(t, ops, evidenceEventSet.Len(), "an operation per event")
	for s := range EvidenceStates() {
		for ev := range EvidenceEvents() {
			t.Run(string(s)+"/"+string(ev), func(t *testing.T) {
				a := auditWithItem(s)
				before := deepCopy(a)
				err := ops[ev](a)
				to, ok := evidenceModel[s][ev]
				if !ok {
					requireRefused(t, err, evidenceModelReason(s), RuleEvidenceOrder)
					unchanged(t, before, a)
					return
				}
				require.NoError(t, err)
				item, _ := a.EvidenceItem("E-1")
				assert.Equal(t, to, item.State)
				assert.Len(t, item.History, len(before.Evidence[0].History)+1, "one history entry per accepted event")
				assert.Empty(t, evidenceViolations(a), "the record still conforms")
			})
		}
	}
}

func TestEvidenceGuards(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	e := loggedItem("E-1")
	good := loggedItem("E-2")
	good.Supersedes = "E-1"
	selfRef := loggedItem("E-1")
	selfRef.Supersedes = "E-1"
	other := loggedItem("E-2")
	other.Supersedes = "E-7"
	outside := loggedItem("E-1")
	outside.Supports = append(outside.Supports, itemNotInPlan)
	tests := []struct {
		name    string
		subject evidenceSubject
		from    EvidenceState
		event   EvidenceEvent
		rule    ismsaudit.RuleID
	}{
		{"verify outside the plan", evidenceSubject{a: a, e: &outside}, EvidenceCollected, EvidenceVerify, RuleEvidenceCriteria},
		{"reject without reason", evidenceSubject{a: a, e: &e, in: evidenceInput{given: true}}, EvidenceCollected, EvidenceReject, RuleEvidenceRejectReason},
		{"supersede without successor", evidenceSubject{a: a, e: &e, in: evidenceInput{given: true}}, EvidenceVerified, EvidenceSupersede, RuleEvidenceAppendOnly},
		{"supersede by itself", evidenceSubject{a: a, e: &e, in: evidenceInput{given: true, successor: &selfRef}}, EvidenceRejected, EvidenceSupersede, RuleEvidenceAppendOnly},
		{"supersede by an item pointing elsewhere", evidenceSubject{a: a, e: &e, in: evidenceInput{given: true, successor: &other}}, EvidenceCollected, EvidenceSupersede, RuleEvidenceAppendOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := evidenceMachine.Fire(tt.subject, tt.from, march(11, 12), tt.event, byLead(march(11, 13)))
			te := requireRefused(t, err, ismsaudit.ReasonGuard, tt.rule)
			assert.NotEmpty(t, te.Guard)
			assert.True(t, evidenceMachine.Can(evidenceSubject{a: a, e: &e, in: evidenceInput{given: true, reason: "n", successor: &good}}, tt.from, tt.event), "passes with a good subject")
		})
	}
	t.Run("no plan: any criterion verifies", func(t *testing.T) {
		noPlan := evidenceAudit(StateFieldwork)
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

func TestCollectEvidenceAppends(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	in := newItem("E-1")
	require.NoError(t, a.CollectEvidence(in, byLead(march(11, 11))))

	want := newItem("E-1")
	want.State = EvidenceCollected
	want.History = []EvidenceEntry{}
	require.Len(t, a.Evidence, 1)
	if diff := cmp.Diff(want, a.Evidence[0]); diff != "" {
		t.Fatalf("logged item mismatch (-want +got):\n%s", diff)
	}

	// The log keeps its own copy: changing the caller's value later
	// changes nothing in the record.
	in.Supports[0] = itemNotInPlan
	in.Covers.From = march(1, 1)
	in.Sampling.SampleSize = 99
	if diff := cmp.Diff(want, a.Evidence[0]); diff != "" {
		t.Errorf("the record shares memory with the caller's item: mismatch (-want +got):\n%s", diff)
	}
}

func TestCollectEvidenceWithoutPlanAcceptsAnyValidCriterion(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	a.Plan = nil
	e := newItem("E-1")
	e.Supports = []annexa.Ref{itemNotInPlan, annexa.RefToDocument("contract-12")}
	require.NoError(t, a.CollectEvidence(e, byLead(march(11, 11))))
	assert.Len(t, a.Evidence, 1)
}

func TestCollectEvidenceOptionalPartsMayBeLeftOut(t *testing.T) {
	a := evidenceAudit(StateFindings)
	e := newItem("E-1")
	e.Covers, e.Sampling, e.Digest = nil, nil, ""
	e.Covers = &Period{From: march(3, 0)} // a single date
	require.NoError(t, a.CollectEvidence(e, byLead(march(11, 11))))
	e2 := newItem("E-2")
	e2.Sampling.Plan = "" // sampled outside any plan
	e2.Sampling.Method = Judgemental
	require.NoError(t, a.CollectEvidence(e2, byLead(march(11, 11))))
	assert.Len(t, a.Evidence, 2)
}

func TestCollectEvidenceRefusesBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(e *Evidence, m *ismsaudit.Meta)
		want   []problem
	}{
		{"empty id", func(e *Evidence, _ *ismsaudit.Meta) { e.ID = " " }, []problem{{"ID", "required"}}},
		{"duplicate id", func(e *Evidence, _ *ismsaudit.Meta) { e.ID = "E-0" }, []problem{{"ID", "unique"}}},
		{"no source", func(e *Evidence, _ *ismsaudit.Meta) { e.Source = "" }, []problem{{"Source", "required"}}},
		{"unknown source", func(e *Evidence, _ *ismsaudit.Meta) { e.Source = "rumour" }, []problem{{"Source", "enum"}}},
		{"no description", func(e *Evidence, _ *ismsaudit.Meta) { e.Description = "\t" }, []problem{{"Description", "required"}}},
		{"no criterion", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = nil }, []problem{{"Supports", "required"}}},
		{"unknown control", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{annexa.RefToControl("9.99")} }, []problem{{"Supports[0].ID", "unknown"}}},
		{"reference without kind", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{{ID: "5.15"}} }, []problem{{"Supports[0].Kind", "required"}}},
		{"criterion not in plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{itemControl, itemNotInPlan} }, []problem{{"Supports[1]", RuleEvidenceCriteria}}},
		{"criterion twice", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{itemControl, itemControl} }, []problem{{"Supports[1]", "unique"}}},
		{"collected after logging", func(e *Evidence, m *ismsaudit.Meta) { e.CollectedAt = m.At.Add(time.Nanosecond) }, []problem{{"CollectedAt", "not-after-event"}}},
		{"period without start", func(e *Evidence, _ *ismsaudit.Meta) { e.Covers = &Period{To: march(1, 0)} }, []problem{{"Covers.From", "required"}}},
		{"period backwards", func(e *Evidence, _ *ismsaudit.Meta) { e.Covers = &Period{From: march(2, 0), To: march(1, 0)} }, []problem{{"Covers.To", "after-start"}}},
		{"sample without population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Population = "" }, []problem{{"Sampling.Population", RuleEvidenceSampling}}},
		{"sample of empty population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.PopulationSize = 0 }, []problem{{"Sampling.PopulationSize", RuleEvidenceSampling}}},
		{"empty sample", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.SampleSize = -1 }, []problem{{"Sampling.SampleSize", RuleEvidenceSampling}}},
		{"sample above population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.SampleSize = 21 }, []problem{{"Sampling.SampleSize", RuleEvidenceSampling}}},
		{"sample without method", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = "" }, []problem{{"Sampling.Method", RuleEvidenceSampling}}},
		{"sample with unknown method", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = "random" }, []problem{{"Sampling.Method", "enum"}}},
		{"sample of unknown plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Plan = "S-9" }, []problem{{"Sampling.Plan", "unknown"}}},
		{"sample method unlike plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = Judgemental }, []problem{{"Sampling.Method", RuleEvidenceSampling}}},
		{"no confidentiality", func(e *Evidence, _ *ismsaudit.Meta) { e.Confidentiality = "" }, []problem{{"Confidentiality", "required"}}},
		{"unknown confidentiality", func(e *Evidence, _ *ismsaudit.Meta) { e.Confidentiality = "secret" }, []problem{{"Confidentiality", "enum"}}},
		{"short digest", func(e *Evidence, _ *ismsaudit.Meta) { e.Digest = "abc" }, []problem{{"Digest", "sha256-hex"}}},
		{"upper-case digest", func(e *Evidence, _ *ismsaudit.Meta) { e.Digest = strings.ToUpper(e.Digest) }, []problem{{"Digest", "sha256-hex"}}},
		{"supersedes given", func(e *Evidence, _ *ismsaudit.Meta) { e.Supersedes = "E-0" }, []problem{{"Supersedes", "library-set"}}},
		{"state given", func(e *Evidence, _ *ismsaudit.Meta) { e.State = EvidenceVerified }, []problem{{"State", "library-set"}}},
		{"history given", func(e *Evidence, _ *ismsaudit.Meta) { e.History = []EvidenceEntry{{}} }, []problem{{"History", "library-set"}}},
		{"no time", func(_ *Evidence, m *ismsaudit.Meta) { m.At = time.Time{} }, []problem{{"Meta.At", "required"}}},
		{"no actor", func(_ *Evidence, m *ismsaudit.Meta) { m.By = " " }, []problem{{"Meta.By", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evidenceAudit(StateFieldwork)
			a.Evidence = []Evidence{loggedItem("E-0")}
			e, m := newItem("E-1"), byLead(march(11, 11))
			tt.change(&e, &m)
			before := deepCopy(a)
			err := a.CollectEvidence(e, m)
			ve := requireInvalid(t, err, tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
			unchanged(t, before, a)
		})
	}
}

func TestCollectEvidenceReportsEveryProblemAtOnce(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	before := deepCopy(a)
	err := a.CollectEvidence(Evidence{Digest: "x", State: EvidenceRejected}, ismsaudit.Meta{})
	requireInvalid(t, err,
		problem{"Meta.At", "required"}, problem{"Meta.By", "required"},
		problem{"ID", "required"}, problem{"Source", "required"}, problem{"Description", "required"},
		problem{"Supports", "required"}, problem{"CollectedBy", "required"}, problem{"CollectedAt", "required"},
		problem{"Confidentiality", "required"}, problem{"Digest", "sha256-hex"}, problem{"State", "library-set"},
	)
	unchanged(t, before, a)
}

func TestCollectEvidenceUnknownCriterionUnwrapsToNotFound(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	e := newItem("E-1")
	e.Supports = []annexa.Ref{annexa.RefToClause("11.1")}
	err := a.CollectEvidence(e, byLead(march(11, 11)))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
}

// evidenceOps are the evidence operations, each run on an audit prepared by
// auditWithItem(EvidenceCollected), for the wrong-state tests.
var evidenceOps = map[string]func(a *Audit) error{
	"collect": func(a *Audit) error { return a.CollectEvidence(newItem("E-2"), byLead(march(11, 20))) },
	"verify":  func(a *Audit) error { return a.VerifyEvidence("E-1", byLead(march(11, 20))) },
	"reject": func(a *Audit) error {
		return a.RejectEvidence("E-1", "illegible", byLead(march(11, 20)))
	},
	"correct": func(a *Audit) error { return a.CorrectEvidence("E-1", newItem("E-2"), byLead(march(11, 20))) },
}

func TestEvidenceOperationsOnlyWhileTheAuditCollects(t *testing.T) {
	for name, op := range evidenceOps {
		for s := range States() {
			t.Run(name+"/"+string(s), func(t *testing.T) {
				a := auditWithItem(EvidenceCollected)
				a.State = s
				before := deepCopy(a)
				err := op(a)
				if slices.Contains([]State{StateFieldwork, StateFindings, StateFollowUp}, s) {
					require.NoError(t, err)
					return
				}
				requireRefused(t, err, ismsaudit.ReasonWrongState, RuleEvidenceDuringAudit)
				unchanged(t, before, a)
			})
		}
	}
}

func TestVerifyEvidence(t *testing.T) {
	a := auditWithItem(EvidenceCollected)
	require.NoError(t, a.VerifyEvidence("E-1", byLead(march(11, 20))))
	want := []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: march(11, 20), By: "lead"}}
	if diff := cmp.Diff(want, a.Evidence[0].History); diff != "" {
		t.Fatalf("history mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, EvidenceVerified, a.Evidence[0].State)
	assert.True(t, a.IsAuditEvidence("E-1"))
}

func TestEvidenceEventRefusals(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(a *Audit)
		op     func(a *Audit) error
		reason ismsaudit.Reason
		rule   ismsaudit.RuleID
	}{
		{"verify before collection", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", byLead(march(11, 9))) }, ismsaudit.ReasonMeta, RuleRecordWhoWhen},
		{"verify without actor", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", ismsaudit.Meta{At: march(11, 20)}) }, ismsaudit.ReasonMeta, RuleRecordWhoWhen},
		{"verify without time", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", ismsaudit.Meta{By: "lead"}) }, ismsaudit.ReasonMeta, RuleRecordWhoWhen},
		{"verify after the plan dropped the criterion", func(a *Audit) { a.Plan.Content.Criteria = a.Plan.Content.Criteria[:1] },
			func(a *Audit) error { return a.VerifyEvidence("E-1", byLead(march(11, 20))) }, ismsaudit.ReasonGuard, RuleEvidenceCriteria},
		{"reject without reason", nil, func(a *Audit) error { return a.RejectEvidence("E-1", "", byLead(march(11, 20))) }, ismsaudit.ReasonGuard, RuleEvidenceRejectReason},
		{"reject with a blank reason", nil, func(a *Audit) error {
			return a.RejectEvidence("E-1", "  ", byLead(march(11, 20)))
		}, ismsaudit.ReasonGuard, RuleEvidenceRejectReason},
		{"verify twice", func(a *Audit) { a.Evidence[0] = loggedItem("E-1", EvidenceVerify) },
			func(a *Audit) error { return a.VerifyEvidence("E-1", byLead(march(11, 20))) }, ismsaudit.ReasonNoTransition, RuleEvidenceOrder},
		{"reject a verified item", func(a *Audit) { a.Evidence[0] = loggedItem("E-1", EvidenceVerify) },
			func(a *Audit) error {
				return a.RejectEvidence("E-1", "x", byLead(march(11, 20)))
			}, ismsaudit.ReasonNoTransition, RuleEvidenceOrder},
		{"correct before the last entry", func(a *Audit) { a.Evidence[0] = loggedItem("E-1", EvidenceReject) },
			func(a *Audit) error {
				return a.CorrectEvidence("E-1", newItem("E-2"), byLead(march(11, 11)))
			}, ismsaudit.ReasonMeta, RuleRecordWhoWhen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditWithItem(EvidenceCollected)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := deepCopy(a)
			requireRefused(t, tt.op(a), tt.reason, tt.rule)
			unchanged(t, before, a)
		})
	}
}

func TestEvidenceUnknownID(t *testing.T) {
	for name, op := range map[string]func(a *Audit) error{
		"verify": func(a *Audit) error { return a.VerifyEvidence("E-9", byLead(march(11, 20))) },
		"reject": func(a *Audit) error {
			return a.RejectEvidence("E-9", "n", ismsaudit.Meta{At: march(11, 20), By: "x"})
		},
		"correct": func(a *Audit) error { return a.CorrectEvidence("E-9", newItem("E-2"), byLead(march(11, 20))) },
	} {
		t.Run(name, func(t *testing.T) {
			a := auditWithItem(EvidenceCollected)
			before := deepCopy(a)
			err := op(a)
			require.ErrorIs(t, err, ismsaudit.ErrNotFound)
			var nf *ismsaudit.NotFoundError
			require.ErrorAs(t, err, &nf)
			assert.Equal(t, "E-9", nf.ID)
			unchanged(t, before, a)
		})
	}
}

func TestRejectEvidenceKeepsTheReason(t *testing.T) {
	a := auditWithItem(EvidenceCollected)
	require.NoError(t, a.RejectEvidence("E-1", "export cannot be traced to the system", byLead(march(11, 20))))
	assert.Equal(t, EvidenceRejected, a.Evidence[0].State)
	require.Len(t, a.Evidence[0].History, 1)
	assert.Equal(t, "export cannot be traced to the system", a.Evidence[0].History[0].Reason)
	assert.False(t, a.IsAuditEvidence("E-1"))
}

func TestCorrectEvidence(t *testing.T) {
	for _, given := range []ismsaudit.EvidenceID{"", "E-1"} {
		t.Run("supersedes given as "+string(given), func(t *testing.T) {
			a := auditWithItem(EvidenceVerified)
			e := newItem("E-2")
			e.Supersedes = given
			e.Description = "access removal tickets, full export"
			m := ismsaudit.Meta{At: march(12, 9), By: "lead", Note: "the first export missed December"}
			require.NoError(t, a.CorrectEvidence("E-1", e, m))

			require.Len(t, a.Evidence, 2)
			old := a.Evidence[0]
			assert.Equal(t, EvidenceSuperseded, old.State)
			wantEntry := EvidenceEntry{From: EvidenceVerified, Event: EvidenceSupersede, To: EvidenceSuperseded, At: m.At, By: m.By, Note: m.Note}
			if diff := cmp.Diff(wantEntry, old.History[len(old.History)-1]); diff != "" {
				t.Errorf("supersede entry mismatch (-want +got):\n%s", diff)
			}
			want := newItem("E-2")
			want.Description = e.Description
			want.Supersedes = "E-1"
			want.State = EvidenceCollected
			want.History = []EvidenceEntry{}
			if diff := cmp.Diff(want, a.Evidence[1]); diff != "" {
				t.Errorf("correcting item mismatch (-want +got):\n%s", diff)
			}
			next, ok := a.Successor("E-1")
			assert.True(t, ok)
			assert.Equal(t, ismsaudit.EvidenceID("E-2"), next)
			assert.False(t, a.IsAuditEvidence("E-1"), "a superseded item is no longer audit evidence")
			assert.Empty(t, evidenceViolations(a))
		})
	}
}

func TestCorrectEvidenceRefusals(t *testing.T) {
	tests := []struct {
		name  string
		state EvidenceState
		item  func() Evidence
		check func(t *testing.T, err error)
	}{
		{"already superseded", EvidenceSuperseded, func() Evidence { return newItem("E-2") }, func(t *testing.T, err error) {
			requireRefused(t, err, ismsaudit.ReasonTerminal, RuleEvidenceOrder)
		}},
		{"supersedes another item", EvidenceVerified, func() Evidence { e := newItem("E-2"); e.Supersedes = "E-7"; return e }, func(t *testing.T, err error) {
			requireInvalid(t, err, problem{"Supersedes", "library-set"})
		}},
		{"reuses the old id", EvidenceVerified, func() Evidence { return newItem("E-1") }, func(t *testing.T, err error) {
			requireInvalid(t, err, problem{"ID", "unique"})
		}},
		{"invalid correction", EvidenceRejected, func() Evidence { e := newItem("E-2"); e.Source = ""; return e }, func(t *testing.T, err error) {
			requireInvalid(t, err, problem{"Source", "required"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := auditWithItem(tt.state)
			before := deepCopy(a)
			tt.check(t, a.CorrectEvidence("E-1", tt.item(), byLead(march(12, 9))))
			unchanged(t, before, a)
		})
	}
}

func TestEvidenceLookups(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	a.Evidence = []Evidence{
		loggedItem("E-1", EvidenceVerify, EvidenceSupersede),
		loggedItem("E-2", EvidenceVerify),
		loggedItem("E-3", EvidenceReject),
		loggedItem("E-4"),
		loggedItem("E-5", EvidenceVerify),
	}
	a.Evidence[1].Supersedes = "E-1"
	a.Evidence[4].Supports = []annexa.Ref{itemClause}

	t.Run("item is a copy", func(t *testing.T) {
		e, ok := a.EvidenceItem("E-2")
		require.True(t, ok)
		want := deepCopy(a.Evidence[1])
		e.Supports[0] = itemNotInPlan
		e.History[0].By = "someone else"
		e.Covers.To = march(2, 2)
		e.Sampling.Plan = "S-2"
		if diff := cmp.Diff(want, a.Evidence[1]); diff != "" {
			t.Fatalf("EvidenceItem shares memory with the record: mismatch (-want +got):\n%s", diff)
		}
		_, ok = a.EvidenceItem("E-9")
		assert.False(t, ok)
	})
	t.Run("audit evidence", func(t *testing.T) {
		for id, want := range map[ismsaudit.EvidenceID]bool{"E-1": false, "E-2": true, "E-3": false, "E-4": false, "E-5": true, "E-9": false} {
			assert.Equal(t, want, a.IsAuditEvidence(id), "IsAuditEvidence(%s)", id)
		}
	})
	t.Run("successor", func(t *testing.T) {
		next, ok := a.Successor("E-1")
		assert.True(t, ok)
		assert.Equal(t, ismsaudit.EvidenceID("E-2"), next)
		_, ok = a.Successor("E-2")
		assert.False(t, ok)
		_, ok = a.Successor("")
		assert.False(t, ok)
	})
	t.Run("verified evidence", func(t *testing.T) {
		var ids []ismsaudit.EvidenceID
		for e := range a.VerifiedEvidence() {
			ids = append(ids, e.ID)
		}
		assert.Equal(t, []ismsaudit.EvidenceID{"E-2", "E-5"}, ids)
		for range a.VerifiedEvidence() {
			break // stopping early is fine
		}
	})
	t.Run("evidence for a criterion", func(t *testing.T) {
		var ids []ismsaudit.EvidenceID
		for e := range a.EvidenceFor(itemControl) {
			ids = append(ids, e.ID)
		}
		assert.Equal(t, []ismsaudit.EvidenceID{"E-2"}, ids)
		ids = nil
		for e := range a.EvidenceFor(itemClause) {
			ids = append(ids, e.ID)
			break
		}
		assert.Equal(t, []ismsaudit.EvidenceID{"E-5"}, ids)
	})
}

func TestDigestOf(t *testing.T) {
	// FIPS 180-2, appendix B.1.
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DigestOf([]byte("abc")))
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DigestOf(nil))
	assert.True(t, isDigest(DigestOf([]byte("x"))))
}

// TestIsDigest checks the eight-bytes-at-a-time test against a plain
// one, for every byte in every position class.
func TestIsDigest(t *testing.T) {
	plain := func(s string) bool {
		if len(s) != 64 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	good := DigestOf([]byte("x"))
	require.True(t, isDigest(good))
	for _, pos := range []int{0, 7, 8, 31, 63} {
		for c := range 256 {
			b := []byte(good)
			b[pos] = byte(c)
			s := string(b)
			require.Equal(t, plain(s), isDigest(s), "byte %#x at %d", c, pos)
		}
	}
	for _, s := range []string{"", good[:63], good + "0", strings.ToUpper(good)} {
		assert.False(t, isDigest(s), s)
	}
}

// conformingEvidenceAudit is the seal fixture with both samples taken, unsealed.
func conformingEvidenceAudit(t *testing.T) *Audit {
	t.Helper()
	a := sealFixture()
	a.State = StateFieldwork
	require.NoError(t, a.DrawSample("S-1", byLead(march(11, 9))))
	require.NoError(t, a.RecordSelection("S-2", []string{"root", "deploy"}, byLead(march(11, 9))))
	a.State = StateFindings
	return a
}

func TestVerifyEvidenceConforming(t *testing.T) {
	a := conformingEvidenceAudit(t)
	assert.Empty(t, evidenceViolations(a))
	require.NoError(t, a.SealRecord(byLead(march(15, 9))))
	assert.Empty(t, evidenceViolations(a))
}

func TestVerifyEvidenceViolations(t *testing.T) {
	tests := []struct {
		name   string
		change func(a *Audit)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"evidence before fieldwork", func(a *Audit) { a.State = StatePreparation }, "Evidence", RuleEvidenceDuringAudit},
		{"blank id", func(a *Audit) { a.Evidence[3].ID = "" }, "Evidence[3].ID", RuleRecordShape},
		{"repeated id", func(a *Audit) { a.Evidence[3].ID = "E-1" }, "Evidence[3].ID", RuleRecordShape},
		{"unknown source", func(a *Audit) { a.Evidence[0].Source = "gossip" }, "Evidence[0].Source", RuleRecordShape},
		{"no description", func(a *Audit) { a.Evidence[0].Description = "" }, "Evidence[0].Description", RuleRecordShape},
		{"no criterion", func(a *Audit) { a.Evidence[0].Supports = nil }, "Evidence[0].Supports", RuleRecordShape},
		{"unknown clause", func(a *Audit) { a.Evidence[0].Supports[0] = annexa.RefToClause("3") }, "Evidence[0].Supports[0].ID", RuleRecordShape},
		{"verified item outside the plan", func(a *Audit) { a.Evidence[0].Supports[0] = itemNotInPlan }, "Evidence[0].Supports[0]", RuleEvidenceCriteria},
		{"no collector", func(a *Audit) { a.Evidence[1].CollectedBy = "" }, "Evidence[1].CollectedBy", RuleRecordShape},
		{"backwards period", func(a *Audit) { a.Evidence[1].Covers.To = a.Evidence[1].Covers.From.AddDate(0, 0, -1) }, "Evidence[1].Covers.To", RuleRecordShape},
		{"sample without size", func(a *Audit) { a.Evidence[1].Sampling.SampleSize = 0 }, "Evidence[1].Sampling.SampleSize", RuleEvidenceSampling},
		{"sample of unknown plan", func(a *Audit) { a.Evidence[1].Sampling.Plan = "S-9" }, "Evidence[1].Sampling.Plan", RuleRecordShape},
		{"bad digest", func(a *Audit) { a.Evidence[1].Digest = "00" }, "Evidence[1].Digest", RuleRecordShape},
		{"upper-case digest", func(a *Audit) { a.Evidence[1].Digest = strings.ToUpper(a.Evidence[1].Digest) }, "Evidence[1].Digest", RuleRecordShape},
		{"digest with a letter past f", func(a *Audit) { a.Evidence[1].Digest = "g" + a.Evidence[1].Digest[1:] }, "Evidence[1].Digest", RuleRecordShape},
		{"digest one digit too long", func(a *Audit) { a.Evidence[1].Digest += "0" }, "Evidence[1].Digest", RuleRecordShape},
		{"digest of non-ASCII text", func(a *Audit) { a.Evidence[1].Digest = "é" + a.Evidence[1].Digest[2:] }, "Evidence[1].Digest", RuleRecordShape},
		{"no confidentiality", func(a *Audit) { a.Evidence[1].Confidentiality = "" }, "Evidence[1].Confidentiality", RuleRecordShape},
		{"no state", func(a *Audit) { a.Evidence[3].State = "" }, "Evidence[3].State", RuleRecordShape},
		{"state without history", func(a *Audit) { a.Evidence[3].State = EvidenceRejected }, "Evidence[3].State", RuleHistoryValid},
		{"history off the table", func(a *Audit) { a.Evidence[0].History[0].To = EvidenceRejected }, "Evidence[0].History[0]", RuleHistoryValid},
		{"history before collection", func(a *Audit) { a.Evidence[0].History[0].At = a.Evidence[0].CollectedAt.Add(-1) }, "Evidence[0].History[0].At", RuleHistoryValid},
		{"rejection without reason", func(a *Audit) { a.Evidence[1].History[0].Reason = "" }, "Evidence[1].History[0].Reason", RuleEvidenceRejectReason},
		{"correction of an unknown item", func(a *Audit) { a.Evidence[4].Supersedes = "E-0" }, "Evidence[4].Supersedes", RuleEvidenceAppendOnly},
		{"correction of a later item", func(a *Audit) { a.Evidence[0].Supersedes = "E-3" }, "Evidence[0].Supersedes", RuleEvidenceAppendOnly},
		{"correction of a live item", func(a *Audit) { a.Evidence[4].Supersedes = "E-1" }, "Evidence[4].Supersedes", RuleEvidenceAppendOnly},
		{"superseded without successor", func(a *Audit) { a.Evidence[4].Supersedes = "" }, "Evidence[2].State", RuleEvidenceAppendOnly},
		{"two successors", func(a *Audit) {
			e := loggedItem("E-3c")
			e.Supersedes = "E-3"
			a.Evidence = append(a.Evidence, e)
		}, "Evidence[5].Supersedes", RuleEvidenceAppendOnly},
		{"sampling plans before preparation", func(a *Audit) { a.State = StateInitiation }, "Sampling", RuleSamplingBeforeFindings},
		{"plan without id", func(a *Audit) { a.Sampling[1].ID = "" }, "Sampling[1].ID", RuleRecordShape},
		{"plan id repeated", func(a *Audit) { a.Sampling[1].ID = "S-1" }, "Sampling[1].ID", RuleRecordShape},
		{"plan without frame", func(a *Audit) { a.Sampling[0].Frame = "" }, "Sampling[0].Frame", RuleSamplingRecorded},
		{"plan without rationale", func(a *Audit) { a.Sampling[1].Rationale = "" }, "Sampling[1].Rationale", RuleSamplingRecorded},
		{"plan size above the frame", func(a *Audit) { a.Sampling[1].Size = 5 }, "Sampling[1].Size", RuleSamplingRecorded},
		{"statistical sample altered", func(a *Audit) { a.Sampling[0].Selected[0] = "leaver-01" }, "Sampling[0].Selected", RuleSamplingReproducible},
		{"statistical sample reseeded", func(a *Audit) { a.Sampling[0].Seed++ }, "Sampling[0].Selected", RuleSamplingReproducible},
		{"unknown generator", func(a *Audit) { a.Sampling[0].Generator = "math/rand" }, "Sampling[0].Generator", RuleSamplingReproducible},
		{"sample item outside the population", func(a *Audit) { a.Sampling[1].Selected[1] = "guest" }, "Sampling[1].Selected[1]", RuleSamplingRecorded},
		{"sample of excluded item", func(a *Audit) { a.Sampling[0].Selected[0] = "leaver-07" }, "Sampling[0].Selected[0]", RuleSamplingRecorded},
		{"sample of the wrong size", func(a *Audit) { a.Sampling[1].Selected = a.Sampling[1].Selected[:1] }, "Sampling[1].Selected", RuleSamplingRecorded},
		{"sample without time", func(a *Audit) { a.Sampling[1].SelectedAt = time.Time{} }, "Sampling[1].SelectedAt", RuleRecordShape},
		{"sample without selector", func(a *Audit) { a.Sampling[1].SelectedBy = "" }, "Sampling[1].SelectedBy", RuleRecordShape},
		{"judgemental sample with generator", func(a *Audit) { a.Sampling[1].Generator = SamplingGenerator }, "Sampling[1].Generator", RuleRecordShape},
		{"draw recorded without sample", func(a *Audit) { a.Sampling[0].Selected = nil }, "Sampling[0].Selected", RuleRecordShape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := conformingEvidenceAudit(t)
			tt.change(a)
			got := evidenceViolations(a)
			assert.Truef(t, hasViolation(got, tt.path, tt.rule), "want %s at %s; got %v", tt.rule, tt.path, got)
		})
	}
}
