package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// sealAt is when the closed fixture is sealed: after everything in it.
var sealAt = march(20, 9)

// closedSealed is the closed lifecycle fixture sealed with SealAlgorithm.
func closedSealed(t testing.TB) *Audit {
	t.Helper()
	a := auditIn(t, StateClosed)
	require.NoError(t, a.SealRecord(byLead(sealAt)))
	require.NoError(t, a.VerifySeal())
	return a
}

// requireSealError requires err to be a *SealError and returns it.
func requireSealError(t testing.TB, err error, msgAndArgs ...any) *SealError {
	t.Helper()
	var se *SealError
	require.ErrorAs(t, err, &se, msgAndArgs...)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	return se
}

// within reports whether the reported path is the changed field's or one
// of its ancestors'.
func within(reported, changed string) bool {
	return reported == changed || strings.HasPrefix(changed, reported+".") || strings.HasPrefix(changed, reported+"[")
}

// TestSealCatchesTampering makes the edits that the log-chain seal let
// through, in a sealed closed audit, and a few more: each is found and
// located.
func TestSealCatchesTampering(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(a *Audit)
		path    string
		problem string
	}{
		{"a major nonconformity graded minor", func(a *Audit) { a.Findings[0].Grade = Major }, "Findings[0].Grade", SealPartChanged},
		{"the finding's text softened", func(a *Audit) { a.Findings[0].Found = "a small lapse" }, "Findings[0].Found", SealPartChanged},
		{"the finding's criteria", func(a *Audit) { a.Findings[0].Criteria = []annexa.Ref{refRisk} }, "Findings[0].Criteria", SealPartChanged},
		{"the finding's evidence", func(a *Audit) { a.Findings[0].Evidence = nil }, "Findings[0].Evidence", SealPartChanged},
		{"the conclusion set to fulfilled", func(a *Audit) { a.Conclusion.Fulfilment = Fulfilled }, "Conclusion.Fulfilment", SealPartChanged},
		{"the checklist deleted", func(a *Audit) { a.Checklist = nil }, "Checklist", SealPartMissing},
		{"a checklist result", func(a *Audit) { a.Checklist.Items[0].Result = annexa.NotApplicable }, "Checklist.Items", SealPartChanged},
		{"the follow-up's action", func(a *Audit) { a.FollowUps[0].Action = "nothing" }, "FollowUps[0].Action", SealPartChanged},
		{"who verified the follow-up", func(a *Audit) { a.FollowUps[0].VerifiedBy = auditorID }, "FollowUps[0].VerifiedBy", SealPartChanged},
		{"the plan", func(a *Audit) { a.Plan.Content.Scope = Scope{} }, "Plan.Content", SealPartChanged},
		{"the team", func(a *Audit) { a.Team[0].Name = "someone else" }, "Team[0].Name", SealPartChanged},
		{"an attendee of the closing meeting", func(a *Audit) { a.Closing.Attendees = a.Closing.Attendees[:0] }, "Closing.Attendees", SealPartChanged},
		{"a recipient", func(a *Audit) { a.Report.Distribution[0].Recipient.Name = "someone else" }, "Report.Distribution", SealPartChanged},
		{"the completion", func(a *Audit) { a.Completion.Records = "shredded" }, "Completion.Records", SealPartChanged},
		{"the state", func(a *Audit) { a.State = StateFollowUp }, "State", SealPartChanged},
		{"an evidence item removed", func(a *Audit) { a.Evidence = nil }, "Evidence[0]", SealPartMissing},
		{"an evidence item added", func(a *Audit) { a.Evidence = append(a.Evidence, newItem("E-9")) }, "Evidence[2]", SealPartAdded},
		{"a termination added", func(a *Audit) { a.Termination = &Termination{} }, "Termination", SealPartAdded},
		{"a history entry", func(a *Audit) { a.History[2].By = "someone else" }, "History[2].By", SealPartChanged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := closedSealed(t)
			tt.edit(a)
			se := requireSealError(t, a.VerifySeal())
			assert.True(t, within(se.Path, tt.path), "reported at %q, want %q", se.Path, tt.path)
			assert.Equal(t, tt.problem, se.Problem)
			require.Error(t, Verify(a, nil), "Verify reports it too")
			assert.True(t, hasViolation(violationsOf(Verify(a, nil)), se.Path, RuleSealIntact), "Verify cites %s at %s", RuleSealIntact, se.Path)
		})
	}
}

// violationsOf returns the fields of a *ismsaudit.ValidationError.
func violationsOf(err error) []ismsaudit.FieldError {
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}

// TestSealCoversEveryFieldOfTheRecord walks every exported field reachable
// from Audit, through every pointer and slice type (setting absent ones
// so that their fields are reached too), changes it in a sealed record
// and requires VerifySeal to report the change at the field's path or one
// of its ancestors. A field the seal did not cover would fail here.
func TestSealCoversEveryFieldOfTheRecord(t *testing.T) {
	a := closedSealed(t)
	v := reflect.ValueOf(a).Elem()
	changed := 0
	check := func(path string) {
		t.Helper()
		changed++
		var se *SealError
		if assert.ErrorAs(t, a.VerifySeal(), &se, "a change of %s", path) {
			assert.True(t, within(se.Path, path), "%s changed, reported at %q", path, se.Path)
		}
	}
	// An element removed from a top-level array is reported at the
	// element's path.
	checkRemoved := func(path string) {
		t.Helper()
		changed++
		var se *SealError
		if assert.ErrorAs(t, a.VerifySeal(), &se, "an element of %s removed", path) {
			assert.True(t, within(se.Path, path) || within(path, se.Path), "an element of %s removed, reported at %q", path, se.Path)
		}
	}
	var walk func(v reflect.Value, path string, depth int)
	walk = func(v reflect.Value, path string, depth int) {
		require.Less(t, depth, 16, "the record's types nest no deeper: %s", path)
		switch typ := v.Type(); {
		case typ == timeType:
			old := v.Interface().(time.Time)
			v.Set(reflect.ValueOf(old.Add(time.Second)))
			check(path)
			v.Set(reflect.ValueOf(old))
		case typ.Kind() == reflect.String:
			old := v.String()
			v.SetString(old + "x")
			check(path)
			v.SetString(old)
		case typ.Kind() == reflect.Bool:
			v.SetBool(!v.Bool())
			check(path)
			v.SetBool(!v.Bool())
		case typ.Kind() >= reflect.Int && typ.Kind() <= reflect.Int64:
			v.SetInt(v.Int() + 1)
			check(path)
			v.SetInt(v.Int() - 1)
		case typ.Kind() >= reflect.Uint && typ.Kind() <= reflect.Uint64:
			v.SetUint(v.Uint() + 1)
			check(path)
			v.SetUint(v.Uint() - 1)
		case typ.Kind() == reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path, depth+1)
				return
			}
			v.Set(reflect.New(typ.Elem()))
			if canonIsObject(typ.Elem()) {
				check(path) // an empty section differs from none
			}
			walk(v.Elem(), path, depth+1)
			v.SetZero()
		case typ.Kind() == reflect.Slice:
			if v.Len() == 0 {
				old := v.Interface()
				v.Set(reflect.MakeSlice(typ, 1, 1))
				walk(v.Index(0), path+"[0]", depth+1)
				v.Set(reflect.ValueOf(old))
				return
			}
			old := v.Interface()
			v.Set(v.Slice(0, v.Len()-1))
			checkRemoved(path)
			v.Set(reflect.ValueOf(old))
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
			}
		case typ.Kind() == reflect.Struct && !typ.Implements(textMarshal):
			for i := range typ.NumField() {
				f := typ.Field(i)
				// The seal and the document's envelope are not parts of
				// the record (SealAlgorithm); TestSealLeavesOutTheEnvelope
				// covers the envelope.
				if !f.IsExported() || (depth == 0 && (f.Name == "Seal" || f.Name == "DocumentKind" || f.Name == "FormatVersion")) {
					continue
				}
				require.NotEqual(t, "-", f.Tag.Get("json"), "%s.%s is left out of the JSON, so out of the seal", path, f.Name)
				walk(v.Field(i), strings.TrimPrefix(path+"."+f.Name, "."), depth+1)
			}
		default:
			t.Fatalf("%s: the walk does not know how to change a %s", path, typ)
		}
	}
	walk(v, "", 0)
	assert.Greater(t, changed, 400, "changes made")
	require.NoError(t, a.VerifySeal(), "every change was undone")
}

// TestSealedOperationsPass: from every state, the record sealed, every
// operation the lifecycle permits, done through the library, leaves the
// seal verifying; and the change is recorded with the parts it touched.
func TestSealedOperationsPass(t *testing.T) {
	for _, s := range []State{StatePreparation, StateFieldwork, StateFindings, StateClosing, StateReported, StateDistributed, StateCompleted} {
		a := auditIn(t, s)
		if s == StateCompleted {
			closeFollowUps(a, march(8, 15))
		}
		at := stageAt[s].Add(6 * time.Hour) // after the fixture's steps in that stage
		require.NoError(t, a.SealRecord(byLead(at)))
		for _, e := range a.Permitted() {
			t.Run(string(s)+"/"+string(e), func(t *testing.T) {
				b := deepCopy(a)
				require.NoError(t, fire(b, e, byLead(at.Add(time.Hour))))
				require.NoError(t, b.VerifySeal())
				require.NotEmpty(t, b.Seal.Changes)
				last := b.Seal.Changes[len(b.Seal.Changes)-1]
				assert.Equal(t, byLead(at.Add(time.Hour)).At, last.At)
				assert.Equal(t, leadID, last.By)
				assert.NotEmpty(t, last.Parts)
				assert.Equal(t, 1, b.Seal.Unsealed())
				require.NoError(t, b.SealRecord(byLead(at.Add(2*time.Hour))), "sealed again")
				require.NoError(t, b.VerifySeal())
				assert.Len(t, b.Seal.Heads, 2)
				assert.Zero(t, b.Seal.Unsealed())
			})
		}
	}
}

// TestSealedOperationsProperty: any sequence of operations on a sealed
// record, accepted or refused, in any order and with sealings between,
// leaves VerifySeal nil; a refused operation changes nothing, seal
// included.
func TestSealedOperationsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		start := rapid.SampledFrom([]State{StatePreparation, StateFieldwork, StateFindings, StateClosing, StateReported}).Draw(rt, "state")
		a := auditIn(rt, start)
		clock := stageAt[start].Add(time.Hour)
		require.NoError(rt, a.SealRecord(byLead(clock)))
		for i := range rapid.IntRange(1, 25).Draw(rt, "steps") {
			clock = clock.Add(time.Duration(rapid.IntRange(0, 90).Draw(rt, "minutes")) * time.Minute)
			m := byLead(clock)
			id := ismsaudit.EvidenceID(fmt.Sprintf("E-%d", rapid.IntRange(1, 4).Draw(rt, "evidence")))
			fid := FindingID(fmt.Sprintf("F-%d", rapid.IntRange(1, 3).Draw(rt, "finding")))
			ops := map[string]func() error{
				"event": func() error { return fire(a, rapid.SampledFrom(allEvents).Draw(rt, "event"), m) },
				"collect": func() error {
					e := newItem(id)
					e.CollectedAt, e.CollectedBy = clock, auditorID
					return a.CollectEvidence(e, m)
				},
				"verify-evidence": func() error { return a.VerifyEvidence(id, m) },
				"reject-evidence": func() error { return a.RejectEvidence(id, "illegible", m) },
				"result": func() error {
					return a.RecordResult(refAccess, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, m)
				},
				"add-finding": func() error {
					return a.AddFinding(nonconformity(fid, Minor, refAccess, "E-1"), m)
				},
				"confirm-finding":  func() error { return a.ConfirmFinding(fid, m) },
				"withdraw-finding": func() error { return a.WithdrawFinding(fid, "duplicate", m) },
				"plan-action": func() error {
					return a.PlanCorrectiveAction("F-1", CorrectiveActionPlan{Correction: "c", RootCause: "r", Action: "a", DueAt: clock.AddDate(0, 1, 0)}, m)
				},
				"accept-action":    func() error { return a.AcceptCorrectiveAction("F-1", m) },
				"implement-action": func() error { return a.MarkImplemented("F-1", m) },
				"seal":             func() error { return a.SealRecord(m) },
				"revise-plan":      func() error { return a.RevisePlan(m) },
				"escalate-risk": func() error {
					return a.EscalateRisk(EscalatedRisk{ID: "R-9", Description: "d", FoundAt: clock, FoundBy: auditorID, EscalatedAt: clock, EscalatedTo: "Carl CISO"}, m)
				},
				"draft-conclusion":    func() error { return a.DraftConclusion(*agreedConclusion(clock), m) },
				"agree-conclusion":    func() error { return a.AgreeConclusion(m) },
				"revise-conclusion":   func() error { return a.ReviseConclusion(m) },
				"mark-not-audited":    func() error { return a.MarkNotAudited(refRisk, "out of time", m) },
				"acknowledge-finding": func() error { return a.AcknowledgeFinding(fid, m) },
			}
			names := slices.Sorted(maps.Keys(ops))
			op := rapid.SampledFrom(names).Draw(rt, fmt.Sprintf("op %d", i))
			before := deepCopy(a)
			if err := ops[op](); err != nil {
				if d := cmp.Diff(before, a, cmpopts.EquateEmpty()); d != "" {
					rt.Fatalf("%s refused (%v) but changed the record:\n%s", op, err, d)
				}
			}
			require.NoError(rt, a.VerifySeal(), "after %s", op)
		}
		if a.Seal.Unsealed() > 0 {
			require.NoError(rt, a.SealRecord(byLead(clock.Add(time.Minute))))
		}
		require.NoError(rt, a.VerifySeal())
		data, err := json.Marshal(a)
		require.NoError(rt, err)
		var back Audit
		require.NoError(rt, json.Unmarshal(data, &back))
		require.NoError(rt, back.VerifySeal(), "the record read back from its JSON")
	})
}

// allEvents lists the audit's lifecycle events.
var allEvents = []Event{EventPrepare, EventOpen, EventEndFieldwork, EventHoldClosingMeeting, EventIssueReport,
	EventDistribute, EventComplete, EventStartFollowUp, EventClose, EventTerminate}

// TestSealRefusesOperationsOnATamperedRecord: an operation on a sealed
// record that no longer matches its seal is refused with the *SealError,
// and changes nothing, so the edit cannot be laundered as an operation.
func TestSealRefusesOperationsOnATamperedRecord(t *testing.T) {
	a := auditIn(t, StateReported)
	require.NoError(t, a.SealRecord(byLead(stageAt[StateReported].Add(time.Hour))))
	a.Findings[0].Grade = Major
	before := deepCopy(a)
	se := requireSealError(t, a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	assert.Equal(t, "Findings[0].Grade", se.Path)
	assert.Empty(t, cmp.Diff(before, a), "nothing changed")
	se = requireSealError(t, a.SealRecord(byLead(stageAt[StateDistributed])), "nor can it be sealed over")
	assert.Equal(t, "Findings[0].Grade", se.Path)
}

// TestSealRecordExtends: sealing again adds a head that names the last
// one and proves the tree only grew; the parts sealed first stay as they
// were; a record sealed with the log chain seals on into the tree.
func TestSealRecordExtends(t *testing.T) {
	a := auditIn(t, StateReported)
	first := stageAt[StateReported].Add(time.Hour)
	require.NoError(t, a.SealRecord(byLead(first)))
	parts := slices.Clone(a.Seal.Parts)
	require.NoError(t, a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	require.NoError(t, a.SealRecord(byLead(stageAt[StateDistributed].Add(time.Hour))))
	require.NoError(t, a.VerifySeal())
	require.Len(t, a.Seal.Heads, 2)
	h1, h2 := a.Seal.Heads[0], a.Seal.Heads[1]
	assert.Equal(t, h1.Head, h2.Previous)
	assert.Greater(t, h2.Size, h1.Size)
	assert.NotEmpty(t, h2.Consistency)
	assert.Empty(t, cmp.Diff(parts, a.Seal.Parts), "the first sealing's parts are kept")
	require.NoError(t, sealCheckConsistency(h2.Consistency, h1, h2))

	t.Run("a bad consistency proof", func(t *testing.T) {
		b := deepCopy(a)
		b.Seal.Heads[1].Consistency[0] = strings.Repeat("0", 64)
		se := requireSealError(t, b.VerifySeal())
		assert.Equal(t, "Seal.Heads[1].Consistency", se.Path)
		assert.Equal(t, SealHeadMismatch, se.Problem)
	})
	t.Run("a change record dropped", func(t *testing.T) {
		b := deepCopy(a)
		b.Seal.Changes = nil
		requireSealError(t, b.VerifySeal())
	})
	t.Run("a head re-rooted", func(t *testing.T) {
		b := deepCopy(a)
		b.Seal.Heads[0].Root = strings.Repeat("1", 64)
		se := requireSealError(t, b.VerifySeal())
		assert.Equal(t, SealHeadMismatch, se.Problem)
	})
	t.Run("sealing before the last change is refused", func(t *testing.T) {
		b := deepCopy(a)
		requireInvalid(t, b.SealRecord(byLead(first)), problem{"Meta.At", "not-before-seal"})
		assert.Empty(t, cmp.Diff(a, b))
	})

	t.Run("from the log chain", func(t *testing.T) {
		b := auditIn(t, StateReported)
		sealV2(b, byLead(first))
		require.NoError(t, b.VerifySeal())
		old := b.Seal.Head
		require.NoError(t, b.SealRecord(byLead(first.Add(time.Hour))))
		assert.Equal(t, SealAlgorithm, b.Seal.Algorithm)
		assert.Equal(t, old, b.Seal.Heads[0].Previous)
		require.NoError(t, b.VerifySeal())

		c := auditIn(t, StateReported)
		sealV2(c, byLead(first))
		c.Evidence[0].Description = "edited"
		requireSealError(t, c.SealRecord(byLead(first.Add(time.Hour))), "a broken log chain is not sealed over")
	})
}

// TestSealedRecordSurvivesJSON: the seal verifies on the record read back
// from its JSON, indented or not, and from JSON with its members
// reordered.
func TestSealedRecordSurvivesJSON(t *testing.T) {
	a := closedSealed(t)
	data, err := json.MarshalIndent(a, "", "\t")
	require.NoError(t, err)
	var back Audit
	require.NoError(t, json.Unmarshal(data, &back))
	require.NoError(t, back.VerifySeal())

	var generic map[string]any
	require.NoError(t, json.Unmarshal(data, &generic))
	reordered, err := json.Marshal(generic) // members in sorted order
	require.NoError(t, err)
	var again Audit
	require.NoError(t, json.Unmarshal(reordered, &again))
	require.NoError(t, again.VerifySeal())
}

// TestUnsealedChangesAreOnlyAsSafeAsStorage shows the limit the docs
// state: the changes recorded since the last head are bound by nothing
// yet, so whoever can rewrite the record can rewrite them with it. Sealing
// again (and signing, or keeping, the new head) closes the gap.
func TestUnsealedChangesAreOnlyAsSafeAsStorage(t *testing.T) {
	a := auditIn(t, StateReported)
	require.NoError(t, a.SealRecord(byLead(stageAt[StateReported].Add(time.Hour))))
	require.NoError(t, a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	require.Equal(t, 1, a.Seal.Unsealed())
	// forge edits the distribution and rewrites the change that recorded
	// it to match.
	forge := func(a *Audit) *Audit {
		f := deepCopy(a)
		f.Report.Distribution[0].Recipient.Name = "someone else"
		parts := f.Seal.Changes[0].Parts
		i := slices.IndexFunc(parts, func(p SealedPart) bool { return p.Path == "report" })
		require.GreaterOrEqual(t, i, 0)
		for _, q := range recordParts(f, true) {
			if q.path() == "report" {
				parts[i] = q.sealed()
			}
		}
		return f
	}
	assert.NoError(t, forge(a).VerifySeal(), "an unsealed change rewritten with the record passes")

	require.NoError(t, a.SealRecord(byLead(stageAt[StateDistributed].Add(time.Hour))))
	se := requireSealError(t, forge(a).VerifySeal(), "once sealed, the same forgery breaks the head")
	assert.Equal(t, SealHeadMismatch, se.Problem)
}

// FuzzSealedRecordJSON mutates the JSON of a sealed record: it cuts n
// bytes at a position and puts others there. Either the record read from
// the result is the one sealed, or VerifySeal reports. (The inputs are
// the edit, not the whole record: the fuzzer's engine is slow with large
// inputs.)
func FuzzSealedRecordJSON(f *testing.F) {
	a := auditIn(f, StateReported)
	require.NoError(f, a.SealRecord(byLead(stageAt[StateReported].Add(time.Hour))))
	require.NoError(f, a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	// Sealed again, so that the change is under a head too: changes
	// recorded since the last head are only as safe as the storage (see
	// TestUnsealedChangesAreOnlyAsSafeAsStorage).
	require.NoError(f, a.SealRecord(byLead(stageAt[StateDistributed].Add(time.Hour))))
	sealed, err := json.Marshal(a)
	require.NoError(f, err)
	var want Audit // the record as any holder of its JSON has it
	require.NoError(f, json.Unmarshal(sealed, &want))
	seed := func(old, new string) {
		at := strings.Index(string(sealed), old)
		require.GreaterOrEqual(f, at, 0, old)
		f.Add(uint32(at), uint16(len(old)), []byte(new))
	}
	seed(`"minor"`, `"major"`)
	seed(`"closing":{`, `"termination":{},"closing":{`)
	seed(`Z"`, `+00:00"`)
	seed(`"checklist":`, `"checklist":null,"x":`)
	seed(`"op":"distribute"`, `"op":"distribut\u0065"`)
	seed(`{`, `{"State":"closed",`)
	f.Fuzz(func(t *testing.T, at uint32, cut uint16, insert []byte) {
		start := min(int(at), len(sealed))
		end := min(start+int(cut), len(sealed))
		data := slices.Concat(sealed[:start], insert, sealed[end:])
		var got Audit
		if json.Unmarshal(data, &got) != nil || got.VerifySeal() != nil {
			return
		}
		// The seal's marks locate changes and prove nothing: they may
		// differ; the record's envelope says how it is written and is
		// not sealed (see SealAlgorithm): it may differ too.
		opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(SealedPart{}, "Marks"), cmpopts.IgnoreFields(Audit{}, "DocumentKind", "FormatVersion")}
		if d := cmp.Diff(&want, &got, opts); d != "" {
			t.Fatalf("the seal verifies a record that differs from the one sealed:\n%s", d)
		}
	})
}

// TestSealVerifiesWhatJSONEncodes: two records whose JSON is the same
// seal alike, and every value encoding/json writes differently seals
// differently, for the encodings the doc names.
func TestSealEncoding(t *testing.T) {
	enc := func(v any) string {
		b, _ := canonAppend(nil, reflect.ValueOf(v))
		return string(b)
	}
	type inner struct {
		B string `json:"b,omitempty"`
	}
	type rec struct {
		Z  string    `json:"z,omitempty"`
		A  int       `json:"a,omitempty"`
		T  time.Time `json:"t"`
		O  time.Time `json:"o,omitzero"`
		P  *inner    `json:"p,omitempty"`
		L  []string  `json:"l,omitempty"`
		OK bool      `json:"ok,omitempty"`
	}
	at := time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC)
	assert.Equal(t, "o"+"k\x01a"+"n\x0212"+"k\x01l"+"as\x01xze"+"k\x02ok"+"t"+"k\x01p"+"oe"+"k\x01t"+"s\x1e2026-03-04T05:06:07.000000008Z"+"k\x01z"+"s\x01y"+"e",
		enc(rec{Z: "y", A: 12, T: at, P: &inner{}, L: []string{"x", ""}, OK: true}), "members in the byte order of their names")
	assert.Equal(t, "o"+"k\x01t"+"s\x140001-01-01T00:00:00Z"+"e", enc(rec{}), "the zero time is written unless omitted when zero")
	assert.NotEqual(t, enc(rec{P: &inner{}}), enc(rec{}), "an empty section differs from none")
	assert.Equal(t, enc(rec{L: []string{}}), enc(rec{}), "an empty array is none")
	paris := time.FixedZone("CET", 3600)
	assert.NotEqual(t, enc(rec{T: at}), enc(rec{T: at.In(paris)}), "a time with another offset is written differently")
	long := strings.Repeat("x", 300)
	assert.Equal(t, "s\xac\x02"+long, enc(long), "lengths are unsigned varints")
	assert.Equal(t, "n\x02-3", enc(-3))
	assert.Equal(t, "", enc(""), "the empty string carries nothing")

	// Every type of the record encodes.
	assert.NotPanics(t, func() { enc(*auditIn(t, StateClosed)) })
}

// TestAppendRFC3339Nano: the seal's time text is time.RFC3339Nano's, for
// UTC times (its fast path) and others.
func TestAppendRFC3339Nano(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	for _, tm := range []time.Time{
		{}, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), time.Date(2026, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2026, 3, 4, 5, 6, 7, 120000000, time.UTC), time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 4, 5, 6, 7, 8, paris), time.Date(2026, 3, 4, 5, 6, 7, 8, time.Local),
	} {
		assert.Equal(t, tm.Format(time.RFC3339Nano), string(appendRFC3339Nano(nil, tm)), "%v", tm)
	}
	rapid.Check(t, func(rt *rapid.T) {
		tm := time.Unix(rapid.Int64Range(-62135596800, 253402300799).Draw(rt, "s"), rapid.Int64Range(0, 999999999).Draw(rt, "ns")).UTC()
		if got := string(appendRFC3339Nano(nil, tm)); got != tm.Format(time.RFC3339Nano) {
			rt.Fatalf("%s, want %s", got, tm.Format(time.RFC3339Nano))
		}
	})
}
