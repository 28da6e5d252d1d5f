package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// sealFixture is a record with something in every log: the audit and
// plan histories, evidence with histories (one corrected), findings, the
// conclusions and a follow-up.
func sealFixture() *Audit {
	a := evidenceAudit(StateFindings)
	a.History = append(a.History, Entry{From: StateFieldwork, Event: EventEndFieldwork, To: StateFindings, At: march(14, 17), By: "lead"})
	a.Evidence = []Evidence{
		loggedItem("E-1", EvidenceVerify),
		loggedItem("E-2", EvidenceReject),
		loggedItem("E-3", EvidenceVerify, EvidenceSupersede),
		loggedItem("E-4"),
		loggedItem("E-3b", EvidenceVerify),
	}
	a.Evidence[4].Supersedes = "E-3"
	a.Evidence[4].Covers = nil
	a.Evidence[4].Sampling = nil
	a.Findings = []Finding{
		{
			ID: "F-1", Kind: Nonconformity, Grade: Minor, Criteria: []annexa.Ref{itemControl}, Evidence: []ismsaudit.EvidenceID{"E-1"},
			Requirement: "access removed on leaving", Found: "two leavers kept VPN access", Reason: "removal not triggered by HR",
			RaisedBy: "auditor-1", RaisedAt: march(14, 10), State: FindingConfirmed,
			History: []FindingEntry{{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: march(14, 15), By: "lead"}},
		},
		{ID: "F-2", Kind: Conformity, Criteria: []annexa.Ref{itemClause}, Found: "programme in place", RaisedBy: "auditor-1", RaisedAt: march(14, 11), State: FindingDraft, History: []FindingEntry{}},
	}
	a.Conclusion = &Conclusion{
		Fulfilment: LargelyFulfilled, Extent: "largely", Effectiveness: "effective", ObjectivesAchieved: true, ScopeCovered: true,
		State: ConclusionAgreed,
		History: []ConclusionEntry{
			{From: ConclusionDraft, Event: ConclusionAgree, To: ConclusionAgreed, At: march(14, 16), By: "lead"},
		},
	}
	a.FollowUps = []FollowUp{{
		Finding: "F-1", Correction: "access removed", RootCause: "no HR trigger", Action: "automate", DueAt: march(30, 0),
		State: FollowUpAccepted, History: []FollowUpEntry{{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted, At: march(14, 16), By: "lead"}},
	}}
	return a
}

// sealedFixture returns the fixture sealed at March 15, 09:00.
func sealedFixture(t *testing.T) *Audit {
	t.Helper()
	a := sealFixture()
	sealV2(a, marchMeta(15, 9))
	return a
}

// sealV2 seals the record with SealAlgorithmV2, as SealRecord did before
// SealAlgorithm: the records these tests verify were sealed so.
func sealV2(a *Audit, m ismsaudit.Meta) { a.Seal = sealCompute(a, m.At, m.By) }

func TestSealRecord(t *testing.T) {
	a := sealedFixture(t)
	require.NoError(t, a.VerifySeal())
	s := a.Seal
	assert.Equal(t, SealAlgorithmV2, s.Algorithm)
	assert.Equal(t, march(15, 9), s.At)
	assert.Equal(t, "lead", s.By)
	type log struct {
		Name  string
		Count int
	}
	var got []log
	for _, l := range s.Logs {
		got = append(got, log{l.Name, l.Count})
		assert.Len(t, l.Marks, sealMarkLen*l.Count, l.Name)
		assert.True(t, sealIsHex(l.Marks), l.Name)
	}
	assert.True(t, isDigest(s.Head))
	want := []log{
		{"evidence", 5}, {"history", 3}, {"plan.history", 2},
		{"evidence[E-1].history", 1}, {"evidence[E-2].history", 1}, {"evidence[E-3].history", 2}, {"evidence[E-4].history", 0}, {"evidence[E-3b].history", 1},
		{"findings[F-1].history", 1}, {"findings[F-2].history", 0}, {"conclusion.history", 1}, {"followUps[F-1].history", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("sealed logs mismatch (-want +got):\n%s", diff)
	}
	assert.Empty(t, evidenceViolations(a), "a sealed record conforms")
}

// TestSealIsFixedForEver rebuilds the chain of a small record byte by
// byte from the encoding documented on SealAlgorithm, with hash/crc64 for
// the marks, and pins its head: a change to the encoding would break
// every existing seal, so it must come with a new SealAlgorithm, never
// silently.
func TestSealIsFixedForEver(t *testing.T) {
	at := time.Date(2026, 3, 11, 10, 30, 0, 123456789, time.FixedZone("CET", 3600))
	a := &Audit{
		ID: "A-7", State: StateFieldwork,
		History: []Entry{{From: StateInitiation, Event: EventPrepare, To: StatePreparation, At: at, By: "lead", Note: "go"}},
		Evidence: []Evidence{{
			ID: "E-1", Source: SourceDocument, Description: "policy", Supports: []annexa.Ref{itemPolicy},
			CollectedBy: "aud", CollectedAt: at, Sampling: &SampleRecord{Population: "p", PopulationSize: 3, SampleSize: 1, Method: Judgemental},
			Confidentiality: ConfidentialityPublic, State: EvidenceCollected,
		}},
	}
	sealV2(a, ismsaudit.Meta{At: at, By: "lead"})

	i64 := func(b []byte, n uint64) []byte { return binary.BigEndian.AppendUint64(b, n) }
	str := func(b []byte, s string) []byte { return append(append(b, byte(len(s))), s...) } // all shorter than 128
	tm := func(b []byte) []byte {                                                           // 2026-03-11T09:30:00.123456789Z
		return binary.BigEndian.AppendUint32(i64(b, 1773221400), 123456789)
	}
	mark := func(enc []byte) string {
		return fmt.Sprintf("%08x", crc32.Checksum(enc, crc32.MakeTable(crc32.Castagnoli)))
	}
	log := func(name string, entries ...[]byte) ([]byte, string) {
		b := i64(str(nil, name), uint64(len(entries)))
		marks := ""
		for _, e := range entries {
			b = append(b, e...)
			marks += mark(e)
		}
		return str(b, marks), marks
	}
	link := func(prev [32]byte, logs ...[]byte) [32]byte {
		b := append([]byte(nil), prev[:]...)
		for _, l := range logs {
			b = append(b, l...)
		}
		return sha256.Sum256(b)
	}
	var item []byte
	item = str(str(str(item, "E-1"), "document"), "policy")
	item = str(str(i64(item, 1), "document"), "access-policy")
	item = tm(str(item, "aud"))
	item = append(item, 0) // no Covers
	item = append(item, 1) // Sampling
	item = str(i64(i64(str(str(item, ""), "p"), 3), 1), "judgemental")
	item = str(str(str(item, "public"), ""), "")
	entry := str(tm(str(str(str(nil, "initiation"), "prepare"), "preparation")), "lead")
	entry = str(entry, "go")

	evidenceLog, evidenceMarks := log("evidence", item)
	historyLog, historyMarks := log("history", entry)
	itemLog, itemMarks := log("evidence[E-1].history")
	c := sha256.Sum256(i64(str(tm(str(str(nil, "ismsaudit/seal/sha256-log-chain-v2"), "A-7")), "lead"), 3))
	c = link(c, evidenceLog) // the evidence log
	c = link(c, historyLog)  // the audit's history
	c = link(c)              // no plan
	c = link(c, itemLog)     // the items' histories
	c = link(c)              // no findings
	c = link(c)              // no conclusions
	c = link(c)              // no follow-ups

	want := []SealedLog{
		{Name: "evidence", Count: 1, Marks: evidenceMarks},
		{Name: "history", Count: 1, Marks: historyMarks},
		{Name: "evidence[E-1].history", Count: 0, Marks: itemMarks},
	}
	if diff := cmp.Diff(want, a.Seal.Logs); diff != "" {
		t.Errorf("sealed logs mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, SealAlgorithmV2, "sha256-log-chain-v2")
	assert.Equal(t, hex.EncodeToString(c[:]), a.Seal.Head)
	assert.Equal(t, "a5f75d3ae85c4806263afdfa9781d8b6bb7da3bb333873f1cad519fe43431a19", a.Seal.Head, "pinned")
}

// TestSealMarks checks the marks' checksum against its published check
// value and their form.
func TestSealMarks(t *testing.T) {
	assert.Equal(t, uint32(0xe3069283), crc32.Checksum([]byte("123456789"), sealCastagnoli), "the CRC-32C check value")
	var m [sealMarkLen]byte
	sealFormatMark(&m, 0x00abcdef)
	assert.Equal(t, "00abcdef", string(m[:]))
	assert.Equal(t, "ffffffff00000001", string(sealAppendMark(sealAppendMark(nil, 0xffffffff), 1)))
}

func TestSealAllowsAppending(t *testing.T) {
	a := sealedFixture(t)
	a.State = StateClosing
	a.History = append(a.History, Entry{From: StateFindings, Event: EventHoldClosingMeeting, To: StateClosing, At: march(16, 9), By: "lead"})
	a.Evidence = append(a.Evidence, loggedItem("E-5", EvidenceVerify))
	a.Evidence[3].History = append(a.Evidence[3].History, EvidenceEntry{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: march(16, 9), By: "lead"})
	a.Evidence[3].State = EvidenceVerified
	a.Findings[1].History = append(a.Findings[1].History, FindingEntry{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: march(16, 9), By: "lead"})
	a.Findings = append(a.Findings, Finding{ID: "F-3", Kind: Observation, Criteria: []annexa.Ref{itemPolicy}, Found: "x", RaisedBy: "a", RaisedAt: march(16, 9), State: FindingDraft})
	a.Conclusion.History = append(a.Conclusion.History, ConclusionEntry{From: ConclusionAgreed, Event: ConclusionPresent, To: ConclusionPresented, At: march(16, 9), By: "lead"})
	a.FollowUps[0].History = append(a.FollowUps[0].History, FollowUpEntry{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented, At: march(16, 9), By: "lead"})
	a.FollowUps = append(a.FollowUps, FollowUp{Finding: "F-3"})
	// Mutable fields outside the logs are not sealed.
	a.Findings[0].DivergingOpinion = "the auditee disagrees"
	a.Sampling[0].Selected = []string{"leaver-01"}
	require.NoError(t, a.VerifySeal())

	// Sealing again verifies the old seal and starts a SealAlgorithm
	// seal whose first head names the old head.
	old := a.Seal.Head
	require.NoError(t, a.SealRecord(marchMeta(16, 10)))
	require.NoError(t, a.VerifySeal())
	assert.Equal(t, SealAlgorithm, a.Seal.Algorithm)
	assert.Equal(t, old, a.Seal.Heads[0].Previous)
}

func TestSealDetectsTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(a *Audit)
		want   SealError
	}{
		{"evidence changed", func(a *Audit) { a.Evidence[2].Description += "!" }, SealError{Log: "evidence", Index: 0, Entry: 2, Problem: SealEntryChanged}},
		{"evidence removed", func(a *Audit) { a.Evidence = slices.Delete(a.Evidence, 1, 2) }, SealError{Log: "evidence", Index: 0, Entry: 1, Problem: SealEntryChanged}},
		{"last evidence removed", func(a *Audit) { a.Evidence = a.Evidence[:4] }, SealError{Log: "evidence", Index: 0, Entry: 4, Problem: SealEntriesMissing}},
		{"evidence reordered", func(a *Audit) { a.Evidence[0], a.Evidence[1] = a.Evidence[1], a.Evidence[0] }, SealError{Log: "evidence", Index: 0, Entry: 0, Problem: SealEntryChanged}},
		{"evidence emptied", func(a *Audit) { a.Evidence = nil }, SealError{Log: "evidence", Index: 0, Entry: 0, Problem: SealEntriesMissing}},
		{"audit history changed", func(a *Audit) { a.History[1].By = "someone" }, SealError{Log: "history", Index: 1, Entry: 1, Problem: SealEntryChanged}},
		{"audit history truncated", func(a *Audit) { a.History = a.History[:2] }, SealError{Log: "history", Index: 1, Entry: 2, Problem: SealEntriesMissing}},
		{"audit history reordered", func(a *Audit) { a.History[1], a.History[2] = a.History[2], a.History[1] }, SealError{Log: "history", Index: 1, Entry: 1, Problem: SealEntryChanged}},
		{"plan history changed", func(a *Audit) { a.Plan.History[0].At = a.Plan.History[0].At.Add(time.Nanosecond) }, SealError{Log: "plan.history", Index: 2, Entry: 0, Problem: SealEntryChanged}},
		{"plan removed", func(a *Audit) { a.Plan = nil }, SealError{Log: "plan.history", Index: 2, Entry: -1, Problem: SealLogMissing}},
		{"evidence history note changed", func(a *Audit) { a.Evidence[1].History[0].Note = "different reason" }, SealError{Log: "evidence[E-2].history", Index: 4, Entry: 0, Problem: SealEntryChanged}},
		{"evidence history removed", func(a *Audit) { a.Evidence[2].History = a.Evidence[2].History[1:] }, SealError{Log: "evidence[E-3].history", Index: 5, Entry: 0, Problem: SealEntryChanged}},
		{"evidence history reordered", func(a *Audit) {
			h := a.Evidence[2].History
			h[0], h[1] = h[1], h[0]
		}, SealError{Log: "evidence[E-3].history", Index: 5, Entry: 0, Problem: SealEntryChanged}},
		{"finding history changed", func(a *Audit) { a.Findings[0].History[0].Event = FindingWithdraw }, SealError{Log: "findings[F-1].history", Index: 8, Entry: 0, Problem: SealEntryChanged}},
		{"finding history emptied", func(a *Audit) { a.Findings[0].History = nil }, SealError{Log: "findings[F-1].history", Index: 8, Entry: 0, Problem: SealEntriesMissing}},
		{"finding removed", func(a *Audit) { a.Findings = a.Findings[:1] }, SealError{Log: "findings[F-2].history", Index: 9, Entry: -1, Problem: SealLogMissing}},
		{"finding renamed", func(a *Audit) { a.Findings[1].ID = "F-9" }, SealError{Log: "findings[F-2].history", Index: 9, Entry: -1, Problem: SealLogMissing}},
		{"conclusion history changed", func(a *Audit) { a.Conclusion.History[0].To = ConclusionPresented }, SealError{Log: "conclusion.history", Index: 10, Entry: 0, Problem: SealEntryChanged}},
		{"conclusion removed", func(a *Audit) { a.Conclusion = nil }, SealError{Log: "conclusion.history", Index: 10, Entry: -1, Problem: SealLogMissing}},
		{"follow-up history changed", func(a *Audit) { a.FollowUps[0].History[0].From = FollowUpImplemented }, SealError{Log: "followUps[F-1].history", Index: 11, Entry: 0, Problem: SealEntryChanged}},
		{"seal time changed", func(a *Audit) { a.Seal.At = a.Seal.At.Add(time.Hour) }, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
		{"seal actor changed", func(a *Audit) { a.Seal.By = "mallory" }, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
		{"audit id changed", func(a *Audit) { a.ID = "A-2" }, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
		{"sealed count lowered", func(a *Audit) {
			a.Seal.Logs[0].Count--
			a.Seal.Logs[0].Marks = a.Seal.Logs[0].Marks[:len(a.Seal.Logs[0].Marks)-sealMarkLen]
		}, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
		{"sealed log dropped", func(a *Audit) { a.Seal.Logs = slices.Delete(a.Seal.Logs, 3, 4) }, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
		{"unknown algorithm", func(a *Audit) { a.Seal.Algorithm = "md5" }, SealError{Index: -1, Entry: -1, Problem: SealUnknownAlg}},
		{"head not hex", func(a *Audit) { a.Seal.Head = strings.ToUpper(a.Seal.Head) }, SealError{Index: -1, Entry: -1, Problem: SealMalformed}},
		{"head too short", func(a *Audit) { a.Seal.Head = a.Seal.Head[2:] }, SealError{Index: -1, Entry: -1, Problem: SealMalformed}},
		{"marks too short", func(a *Audit) { a.Seal.Logs[1].Marks = a.Seal.Logs[1].Marks[1:] }, SealError{Log: "history", Index: 1, Entry: -1, Problem: SealMalformed}},
		{"marks not hex", func(a *Audit) { a.Seal.Logs[2].Marks = strings.ToUpper(a.Seal.Logs[2].Marks) }, SealError{Log: "plan.history", Index: 2, Entry: -1, Problem: SealMalformed}},
		{"negative count", func(a *Audit) { a.Seal.Logs[1].Count = -1 }, SealError{Log: "history", Index: 1, Entry: -1, Problem: SealMalformed}},
		{"log sealed twice", func(a *Audit) { a.Seal.Logs[2] = a.Seal.Logs[1]; reHead(a) }, SealError{Log: "history", Index: 2, Entry: -1, Problem: SealMalformed}},
		{"logs out of order", func(a *Audit) {
			a.Seal.Logs[2], a.Seal.Logs[3] = a.Seal.Logs[3], a.Seal.Logs[2]
			reHead(a)
		}, SealError{Log: "plan.history", Index: 3, Entry: -1, Problem: SealMalformed}},
		{"mark altered", func(a *Audit) {
			// The entry is intact, but nothing tells a mark from its entry:
			// the diagnosis names the entry.
			a.Seal.Logs[3].Marks = "01234567"
		}, SealError{Log: "evidence[E-1].history", Index: 3, Entry: 0, Problem: SealEntryChanged}},
		{"entry and its mark forged", func(a *Audit) {
			// The marks no longer locate the change, but the head still
			// detects it.
			a.Evidence[0].History[0].Note = "forged"
			a.Seal.Logs[3].Marks = string(sealAppendMark(nil, crc32.Checksum(sealEncodeEntry(nil, &a.Evidence[0].History[0]), sealCastagnoli)))
		}, SealError{Index: -1, Entry: -1, Problem: SealHeadMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sealedFixture(t)
			tt.tamper(a)
			err := a.VerifySeal()
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var se *SealError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.want.Log, se.Log, "log: %v", err)
			assert.Equal(t, tt.want.Index, se.Index, "index: %v", err)
			assert.Equal(t, tt.want.Entry, se.Entry, "entry: %v", err)
			assert.Equal(t, tt.want.Problem, se.Problem, "problem: %v", err)
			assert.True(t, hasViolation(evidenceViolations(a), sealLogPath(se.Index), RuleSealIntact), "Verify reports it: %v", evidenceViolations(a))

			// A broken seal is never replaced.
			before := deepCopy(a)
			require.ErrorAs(t, a.SealRecord(marchMeta(20, 9)), &se)
			unchanged(t, before, a)
		})
	}
}

// reHead recomputes the seal's head after a test forged its logs, as a
// forger who can rewrite the whole record would: over the seal's logs as
// they now stand. A log sealed twice or missing is left as it is.
func reHead(a *Audit) {
	logs := sealLogs(a)
	at := sealMatch(a, a.Seal, logs)
	for j, k := range at {
		if k < 0 || logs[k].len(a) < a.Seal.Logs[j].Count {
			return
		}
	}
	a.Seal.Head = hex.EncodeToString(sealChainOf(a, a.Seal, logs, at)[:])
}

// TestSealIsNotASignature shows what the seal's documentation says: whoever
// can rewrite the record, its marks and its head makes a seal that
// verifies, and only a copy of the head kept elsewhere shows the change.
func TestSealIsNotASignature(t *testing.T) {
	a := sealedFixture(t)
	kept := a.Seal.Head
	a.Evidence[0].History[0].Note = "forged"
	a.Seal.Logs[3].Marks = string(sealAppendMark(nil, crc32.Checksum(sealEncodeEntry(nil, &a.Evidence[0].History[0]), sealCastagnoli)))
	reHead(a)
	require.NoError(t, a.VerifySeal())
	assert.NotEqual(t, kept, a.Seal.Head, "the head kept elsewhere no longer matches")
}

// sealLogPath is the path Verify reports a seal problem at.
func sealLogPath(index int) string {
	if index < 0 {
		return "Seal"
	}
	return errs.Index("Seal.Logs", index)
}

func TestSealSurvivesJSON(t *testing.T) {
	a := sealedFixture(t)
	// Times in another zone, as another tool might write them.
	paris := time.FixedZone("CET", 3600)
	a.Evidence[0].CollectedAt = a.Evidence[0].CollectedAt.In(paris)
	a.History[0].At = a.History[0].At.In(paris)
	require.NoError(t, a.VerifySeal(), "the zone of a time is not part of the seal")

	data, err := json.Marshal(a)
	require.NoError(t, err)
	var back Audit
	require.NoError(t, json.Unmarshal(data, &back))
	require.NoError(t, back.VerifySeal())
	if diff := cmp.Diff(a.Seal, back.Seal); diff != "" {
		t.Fatalf("seal mismatch after a JSON round trip (-want +got):\n%s", diff)
	}
}

func TestSealRecordRefusals(t *testing.T) {
	t.Run("meta", func(t *testing.T) {
		a := sealFixture()
		requireProblems(t, a.SealRecord(ismsaudit.Meta{}), [2]string{"Meta.At", "required"}, [2]string{"Meta.By", "required"})
		assert.Nil(t, a.Seal)
	})
	t.Run("before the previous seal", func(t *testing.T) {
		a := sealedFixture(t)
		before := deepCopy(a)
		requireProblems(t, a.SealRecord(marchMeta(15, 8)), [2]string{"Meta.At", "not-before-seal"})
		unchanged(t, before, a)
	})
	t.Run("not sealed", func(t *testing.T) {
		var se *SealError
		require.ErrorAs(t, sealFixture().VerifySeal(), &se)
		assert.Equal(t, SealNotSealed, se.Problem)
		assert.Empty(t, evidenceViolations(sealFixture()), "an unsealed record is not a violation")
	})
}

func TestSealLeavesStateToTheHistory(t *testing.T) {
	// An item's State is not sealed (it moves after sealing); a State
	// changed without its history is caught by Verify instead.
	a := sealedFixture(t)
	a.Evidence[3].State = EvidenceVerified
	require.NoError(t, a.VerifySeal())
	assert.True(t, hasViolation(evidenceViolations(a), "Evidence[3].State", RuleHistoryValid))
}

// fieldLeaves lists the paths of the leaf fields of t, as the seal encoding
// must cover them ("Supports[].Kind").
func fieldLeaves(t reflect.Type, prefix string) []string {
	switch t.Kind() {
	case reflect.Pointer:
		return fieldLeaves(t.Elem(), prefix)
	case reflect.Slice:
		return fieldLeaves(t.Elem(), prefix+"[]")
	case reflect.Struct:
		if t == reflect.TypeFor[time.Time]() {
			return []string{prefix}
		}
		var out []string
		for f := range t.Fields() {
			if f.IsExported() {
				out = append(out, fieldLeaves(f.Type, strings.TrimPrefix(prefix+"."+f.Name, "."))...)
			}
		}
		return out
	}
	return []string{prefix}
}

// TestSealCoversEveryField changes each field of a sealed evidence item
// and of a sealed history entry in turn and checks the seal notices. The
// list of changes must name every field the types have: a field added to
// Evidence or to a history entry must be added to the encoding (under a
// new SealAlgorithm) or consciously left out here.
func TestSealCoversEveryField(t *testing.T) {
	itemChanges := map[string]func(e *Evidence){
		"ID":                      func(e *Evidence) { e.ID += "x" },
		"Source":                  func(e *Evidence) { e.Source = SourceInterview },
		"Description":             func(e *Evidence) { e.Description += "." },
		"Supports[].Kind":         func(e *Evidence) { e.Supports[0].Kind = annexa.DocumentRef },
		"Supports[].ID":           func(e *Evidence) { e.Supports[0].ID = "5.16" },
		"CollectedBy":             func(e *Evidence) { e.CollectedBy = "auditor-2" },
		"CollectedAt":             func(e *Evidence) { e.CollectedAt = e.CollectedAt.Add(time.Nanosecond) },
		"Covers.From":             func(e *Evidence) { e.Covers.From = e.Covers.From.Add(time.Second) },
		"Covers.To":               func(e *Evidence) { e.Covers.To = time.Time{} },
		"Sampling.Plan":           func(e *Evidence) { e.Sampling.Plan = "" },
		"Sampling.Population":     func(e *Evidence) { e.Sampling.Population += " " },
		"Sampling.PopulationSize": func(e *Evidence) { e.Sampling.PopulationSize++ },
		"Sampling.SampleSize":     func(e *Evidence) { e.Sampling.SampleSize-- },
		"Sampling.Method":         func(e *Evidence) { e.Sampling.Method = Judgemental },
		"Confidentiality":         func(e *Evidence) { e.Confidentiality = ConfidentialityRestricted },
		"Digest":                  func(e *Evidence) { e.Digest = "" },
		"Supersedes":              func(e *Evidence) { e.Supersedes = "E-0" },
		"Origin.Tool":             func(e *Evidence) { e.Origin.Tool += "x" },
		"Origin.Document":         func(e *Evidence) { e.Origin.Document += "x" },
		"Origin.Item":             func(e *Evidence) { e.Origin.Item += "x" },
		"Origin.Modified":         func(e *Evidence) { e.Origin.Modified = e.Origin.Modified.Add(time.Second) },
	}
	// Whole parts added, removed or reordered.
	partChanges := map[string]func(e *Evidence){
		"Supports added":     func(e *Evidence) { e.Supports = append(e.Supports, itemPolicy) },
		"Supports reordered": func(e *Evidence) { e.Supports = []annexa.Ref{itemPolicy, itemControl} },
		"Covers removed":     func(e *Evidence) { e.Covers = nil },
		"Sampling removed":   func(e *Evidence) { e.Sampling = nil },
		"Origin added":       func(e *Evidence) { e.Origin = &Origin{} },
	}
	entryChanges := map[string]func(h *FindingEntry){
		"From":   func(h *FindingEntry) { h.From = FindingPresented },
		"Event":  func(h *FindingEntry) { h.Event = FindingPresent },
		"To":     func(h *FindingEntry) { h.To = FindingPresented },
		"At":     func(h *FindingEntry) { h.At = h.At.Add(time.Nanosecond) },
		"By":     func(h *FindingEntry) { h.By = "lead2" },
		"Note":   func(h *FindingEntry) { h.Note = "n" },
		"Reason": func(h *FindingEntry) { h.Reason = "r" },
	}
	var leaves []string
	for _, l := range fieldLeaves(reflect.TypeFor[Evidence](), "") {
		if l != "State" && !strings.HasPrefix(l, "History") {
			leaves = append(leaves, l)
		}
	}
	assert.ElementsMatch(t, leaves, slices.Collect(maps.Keys(itemChanges)), "every field of an evidence item is sealed")
	assert.ElementsMatch(t, fieldLeaves(reflect.TypeFor[FindingEntry](), ""), slices.Collect(maps.Keys(entryChanges)), "every field of a history entry is sealed")

	for name, change := range itemChanges {
		t.Run("item "+name, func(t *testing.T) {
			a := sealedFixture(t)
			a.Evidence[4].Covers = &Period{From: march(1, 0), To: march(2, 0)}
			a.Evidence[4].Sampling = &SampleRecord{Plan: "S-1", Population: "p", PopulationSize: 20, SampleSize: 5, Method: Statistical}
			a.Evidence[4].Supports = []annexa.Ref{itemControl, itemPolicy}
			a.Evidence[4].Digest = DigestOf([]byte("x"))
			a.Evidence[4].Origin = &Origin{Tool: "scanner", Document: "d", Item: "i", Modified: march(3, 0)}
			sealV2(a, marchMeta(15, 9))
			change(&a.Evidence[4])
			var se *SealError
			require.ErrorAs(t, a.VerifySeal(), &se)
			assert.Equal(t, SealError{Log: "evidence", Index: 0, Entry: 4, Problem: SealEntryChanged}, *se)
		})
	}
	for name, change := range partChanges {
		t.Run(name, func(t *testing.T) {
			a := sealedFixture(t)
			change(&a.Evidence[0])
			var se *SealError
			require.ErrorAs(t, a.VerifySeal(), &se)
			assert.Equal(t, SealError{Log: "evidence", Index: 0, Entry: 0, Problem: SealEntryChanged}, *se)
		})
	}
	for name, change := range entryChanges {
		t.Run("entry "+name, func(t *testing.T) {
			a := sealedFixture(t)
			change(&a.Findings[0].History[0])
			var se *SealError
			require.ErrorAs(t, a.VerifySeal(), &se)
			assert.Equal(t, SealError{Log: "findings[F-1].history", Index: 8, Entry: 0, Problem: SealEntryChanged}, *se)
		})
	}
}

func TestVerifyReportsEveryBrokenLog(t *testing.T) {
	a := sealedFixture(t)
	a.Evidence[0].Description = "changed"
	a.Findings[0].History[0].By = "changed"
	a.FollowUps[0].History = nil
	got := evidenceViolations(a)
	for _, path := range []string{"Seal.Logs[0]", "Seal.Logs[8]", "Seal.Logs[11]"} {
		assert.True(t, hasViolation(got, path, RuleSealIntact), "%s reported: %v", path, got)
	}
	assert.False(t, hasViolation(got, "Seal", RuleSealIntact), "located changes are not reported again as the seal's")

	a = sealedFixture(t)
	a.Seal.At, a.Seal.By = time.Time{}, ""
	got = evidenceViolations(a)
	assert.True(t, hasViolation(got, "Seal.At", RuleRecordShape))
	assert.True(t, hasViolation(got, "Seal.By", RuleRecordShape))
	assert.True(t, hasViolation(got, "Seal", RuleSealIntact), "the seal's own head no longer matches")
}

// TestSealTimeEncoding checks time(t): the same instant encodes the same
// in every zone, and distinct instants differ.
func TestSealTimeEncoding(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 890, time.UTC)
	paris := time.FixedZone("CET", 3600)
	assert.Equal(t, sealTime(nil, at), sealTime(nil, at.In(paris)))
	assert.Len(t, sealTime(nil, at), 12)
	assert.NotEqual(t, sealTime(nil, at), sealTime(nil, at.Add(1)))
	assert.Equal(t, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, sealTime(nil, time.Unix(0, 1)))
}
