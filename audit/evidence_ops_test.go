package audit

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

func TestCollectEvidenceAppends(t *testing.T) {
	a := evAudit(StateFieldwork)
	in := evItem("E-1")
	require.NoError(t, a.CollectEvidence(in, evMeta(11, 11)))

	want := evItem("E-1")
	want.State = EvidenceCollected
	want.History = []EvidenceEntry{}
	require.Len(t, a.Evidence, 1)
	if diff := cmp.Diff(want, a.Evidence[0]); diff != "" {
		t.Fatalf("logged item mismatch (-want +got):\n%s", diff)
	}

	// The log keeps its own copy: changing the caller's value later
	// changes nothing in the record.
	in.Supports[0] = evNotInPlan
	in.Covers.From = evAt(1, 1)
	in.Sampling.SampleSize = 99
	if diff := cmp.Diff(want, a.Evidence[0]); diff != "" {
		t.Errorf("the record shares memory with the caller's item: mismatch (-want +got):\n%s", diff)
	}
}

func TestCollectEvidenceWithoutPlanAcceptsAnyValidCriterion(t *testing.T) {
	a := evAudit(StateFieldwork)
	a.Plan = nil
	e := evItem("E-1")
	e.Supports = []annexa.Ref{evNotInPlan, annexa.RefToDocument("contract-12")}
	require.NoError(t, a.CollectEvidence(e, evMeta(11, 11)))
	assert.Len(t, a.Evidence, 1)
}

func TestCollectEvidenceOptionalPartsMayBeLeftOut(t *testing.T) {
	a := evAudit(StateFindings)
	e := evItem("E-1")
	e.Covers, e.Sampling, e.Digest = nil, nil, ""
	e.Covers = &Period{From: evAt(3, 0)} // a single date
	require.NoError(t, a.CollectEvidence(e, evMeta(11, 11)))
	e2 := evItem("E-2")
	e2.Sampling.Plan = "" // sampled outside any plan
	e2.Sampling.Method = Judgemental
	require.NoError(t, a.CollectEvidence(e2, evMeta(11, 11)))
	assert.Len(t, a.Evidence, 2)
}

func TestCollectEvidenceRefusesBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(e *Evidence, m *ismsaudit.Meta)
		want   [][2]string
	}{
		{"empty id", func(e *Evidence, _ *ismsaudit.Meta) { e.ID = " " }, [][2]string{{"ID", "required"}}},
		{"duplicate id", func(e *Evidence, _ *ismsaudit.Meta) { e.ID = "E-0" }, [][2]string{{"ID", "unique"}}},
		{"no source", func(e *Evidence, _ *ismsaudit.Meta) { e.Source = "" }, [][2]string{{"Source", "required"}}},
		{"unknown source", func(e *Evidence, _ *ismsaudit.Meta) { e.Source = "rumour" }, [][2]string{{"Source", "enum"}}},
		{"no description", func(e *Evidence, _ *ismsaudit.Meta) { e.Description = "\t" }, [][2]string{{"Description", "required"}}},
		{"no criterion", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = nil }, [][2]string{{"Supports", "required"}}},
		{"unknown control", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{annexa.RefToControl("9.99")} }, [][2]string{{"Supports[0].ID", "unknown"}}},
		{"reference without kind", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{{ID: "5.15"}} }, [][2]string{{"Supports[0].Kind", "required"}}},
		{"criterion not in plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{evControl, evNotInPlan} }, [][2]string{{"Supports[1]", string(RuleEvidenceCriteria)}}},
		{"criterion twice", func(e *Evidence, _ *ismsaudit.Meta) { e.Supports = []annexa.Ref{evControl, evControl} }, [][2]string{{"Supports[1]", "unique"}}},
		{"no collector", func(e *Evidence, _ *ismsaudit.Meta) { e.CollectedBy = "" }, [][2]string{{"CollectedBy", "required"}}},
		{"no collection time", func(e *Evidence, _ *ismsaudit.Meta) { e.CollectedAt = time.Time{} }, [][2]string{{"CollectedAt", "required"}}},
		{"collected after logging", func(e *Evidence, m *ismsaudit.Meta) { e.CollectedAt = m.At.Add(time.Nanosecond) }, [][2]string{{"CollectedAt", "not-after-event"}}},
		{"period without start", func(e *Evidence, _ *ismsaudit.Meta) { e.Covers = &Period{To: evAt(1, 0)} }, [][2]string{{"Covers.From", "required"}}},
		{"period backwards", func(e *Evidence, _ *ismsaudit.Meta) { e.Covers = &Period{From: evAt(2, 0), To: evAt(1, 0)} }, [][2]string{{"Covers.To", "after-start"}}},
		{"sample without population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Population = "" }, [][2]string{{"Sampling.Population", string(RuleEvidenceSampling)}}},
		{"sample of empty population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.PopulationSize = 0 }, [][2]string{{"Sampling.PopulationSize", string(RuleEvidenceSampling)}}},
		{"empty sample", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.SampleSize = -1 }, [][2]string{{"Sampling.SampleSize", string(RuleEvidenceSampling)}}},
		{"sample above population", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.SampleSize = 21 }, [][2]string{{"Sampling.SampleSize", string(RuleEvidenceSampling)}}},
		{"sample without method", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = "" }, [][2]string{{"Sampling.Method", string(RuleEvidenceSampling)}}},
		{"sample with unknown method", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = "random" }, [][2]string{{"Sampling.Method", "enum"}}},
		{"sample of unknown plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Plan = "S-9" }, [][2]string{{"Sampling.Plan", "unknown"}}},
		{"sample method unlike plan", func(e *Evidence, _ *ismsaudit.Meta) { e.Sampling.Method = Judgemental }, [][2]string{{"Sampling.Method", string(RuleEvidenceSampling)}}},
		{"no confidentiality", func(e *Evidence, _ *ismsaudit.Meta) { e.Confidentiality = "" }, [][2]string{{"Confidentiality", "required"}}},
		{"unknown confidentiality", func(e *Evidence, _ *ismsaudit.Meta) { e.Confidentiality = "secret" }, [][2]string{{"Confidentiality", "enum"}}},
		{"short digest", func(e *Evidence, _ *ismsaudit.Meta) { e.Digest = "abc" }, [][2]string{{"Digest", "sha256-hex"}}},
		{"upper-case digest", func(e *Evidence, _ *ismsaudit.Meta) { e.Digest = strings.ToUpper(e.Digest) }, [][2]string{{"Digest", "sha256-hex"}}},
		{"supersedes given", func(e *Evidence, _ *ismsaudit.Meta) { e.Supersedes = "E-0" }, [][2]string{{"Supersedes", "library-set"}}},
		{"state given", func(e *Evidence, _ *ismsaudit.Meta) { e.State = EvidenceVerified }, [][2]string{{"State", "library-set"}}},
		{"history given", func(e *Evidence, _ *ismsaudit.Meta) { e.History = []EvidenceEntry{{}} }, [][2]string{{"History", "library-set"}}},
		{"no time", func(_ *Evidence, m *ismsaudit.Meta) { m.At = time.Time{} }, [][2]string{{"Meta.At", "required"}}},
		{"no actor", func(_ *Evidence, m *ismsaudit.Meta) { m.By = " " }, [][2]string{{"Meta.By", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evAudit(StateFieldwork)
			a.Evidence = []Evidence{evLogged("E-0")}
			e, m := evItem("E-1"), evMeta(11, 11)
			tt.change(&e, &m)
			before := evDeepCopy(a)
			err := a.CollectEvidence(e, m)
			ve := evRequireInvalid(t, err, tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
			evUnchanged(t, before, a)
		})
	}
}

func TestCollectEvidenceReportsEveryProblemAtOnce(t *testing.T) {
	a := evAudit(StateFieldwork)
	before := evDeepCopy(a)
	err := a.CollectEvidence(Evidence{Digest: "x", State: EvidenceRejected}, ismsaudit.Meta{})
	evRequireInvalid(t, err,
		[2]string{"Meta.At", "required"}, [2]string{"Meta.By", "required"},
		[2]string{"ID", "required"}, [2]string{"Source", "required"}, [2]string{"Description", "required"},
		[2]string{"Supports", "required"}, [2]string{"CollectedBy", "required"}, [2]string{"CollectedAt", "required"},
		[2]string{"Confidentiality", "required"}, [2]string{"Digest", "sha256-hex"}, [2]string{"State", "library-set"},
	)
	evUnchanged(t, before, a)
}

func TestCollectEvidenceUnknownCriterionUnwrapsToNotFound(t *testing.T) {
	a := evAudit(StateFieldwork)
	e := evItem("E-1")
	e.Supports = []annexa.Ref{annexa.RefToClause("11.1")}
	err := a.CollectEvidence(e, evMeta(11, 11))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
}

// evOps are the evidence operations, each run on an audit prepared by
// evWithItem(EvidenceCollected), for the wrong-state tests.
var evOps = map[string]func(a *Audit) error{
	"collect": func(a *Audit) error { return a.CollectEvidence(evItem("E-2"), evMeta(11, 20)) },
	"verify":  func(a *Audit) error { return a.VerifyEvidence("E-1", evMeta(11, 20)) },
	"reject": func(a *Audit) error {
		return a.RejectEvidence("E-1", ismsaudit.Meta{At: evAt(11, 20), By: "lead", Note: "illegible"})
	},
	"correct": func(a *Audit) error { return a.CorrectEvidence("E-1", evItem("E-2"), evMeta(11, 20)) },
}

func TestEvidenceOperationsOnlyWhileTheAuditCollects(t *testing.T) {
	for name, op := range evOps {
		for s := range States() {
			t.Run(name+"/"+string(s), func(t *testing.T) {
				a := evWithItem(EvidenceCollected)
				a.State = s
				before := evDeepCopy(a)
				err := op(a)
				if slices.Contains([]State{StateFieldwork, StateFindings, StateFollowUp}, s) {
					require.NoError(t, err)
					return
				}
				evRequireRefused(t, err, ismsaudit.ReasonWrongState, RuleEvidenceDuringAudit)
				evUnchanged(t, before, a)
			})
		}
	}
}

func TestVerifyEvidence(t *testing.T) {
	a := evWithItem(EvidenceCollected)
	require.NoError(t, a.VerifyEvidence("E-1", evMeta(11, 20)))
	want := []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: evAt(11, 20), By: "lead"}}
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
		{"verify before collection", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", evMeta(11, 9)) }, ismsaudit.ReasonMeta, ""},
		{"verify without actor", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", ismsaudit.Meta{At: evAt(11, 20)}) }, ismsaudit.ReasonMeta, ""},
		{"verify without time", nil, func(a *Audit) error { return a.VerifyEvidence("E-1", ismsaudit.Meta{By: "lead"}) }, ismsaudit.ReasonMeta, ""},
		{"verify after the plan dropped the criterion", func(a *Audit) { a.Plan.Content.Criteria = a.Plan.Content.Criteria[:1] },
			func(a *Audit) error { return a.VerifyEvidence("E-1", evMeta(11, 20)) }, ismsaudit.ReasonGuard, RuleEvidenceCriteria},
		{"reject without reason", nil, func(a *Audit) error { return a.RejectEvidence("E-1", evMeta(11, 20)) }, ismsaudit.ReasonGuard, RuleEvidenceRejectReason},
		{"reject with a blank reason", nil, func(a *Audit) error {
			return a.RejectEvidence("E-1", ismsaudit.Meta{At: evAt(11, 20), By: "lead", Note: "  "})
		}, ismsaudit.ReasonGuard, RuleEvidenceRejectReason},
		{"verify twice", func(a *Audit) { a.Evidence[0] = evLogged("E-1", EvidenceVerify) },
			func(a *Audit) error { return a.VerifyEvidence("E-1", evMeta(11, 20)) }, ismsaudit.ReasonNoTransition, ""},
		{"reject a verified item", func(a *Audit) { a.Evidence[0] = evLogged("E-1", EvidenceVerify) },
			func(a *Audit) error {
				return a.RejectEvidence("E-1", ismsaudit.Meta{At: evAt(11, 20), By: "lead", Note: "x"})
			}, ismsaudit.ReasonNoTransition, ""},
		{"correct before the last entry", func(a *Audit) { a.Evidence[0] = evLogged("E-1", EvidenceReject) },
			func(a *Audit) error {
				return a.CorrectEvidence("E-1", evItem("E-2"), ismsaudit.Meta{At: evAt(11, 11), By: "lead"})
			}, ismsaudit.ReasonMeta, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evWithItem(EvidenceCollected)
			if tt.setup != nil {
				tt.setup(a)
			}
			before := evDeepCopy(a)
			evRequireRefused(t, tt.op(a), tt.reason, tt.rule)
			evUnchanged(t, before, a)
		})
	}
}

func TestEvidenceUnknownID(t *testing.T) {
	for name, op := range map[string]func(a *Audit) error{
		"verify": func(a *Audit) error { return a.VerifyEvidence("E-9", evMeta(11, 20)) },
		"reject": func(a *Audit) error {
			return a.RejectEvidence("E-9", ismsaudit.Meta{At: evAt(11, 20), By: "x", Note: "n"})
		},
		"correct": func(a *Audit) error { return a.CorrectEvidence("E-9", evItem("E-2"), evMeta(11, 20)) },
	} {
		t.Run(name, func(t *testing.T) {
			a := evWithItem(EvidenceCollected)
			before := evDeepCopy(a)
			err := op(a)
			require.ErrorIs(t, err, ismsaudit.ErrNotFound)
			var nf *ismsaudit.NotFoundError
			require.ErrorAs(t, err, &nf)
			assert.Equal(t, "E-9", nf.ID)
			evUnchanged(t, before, a)
		})
	}
}

func TestRejectEvidenceKeepsTheReason(t *testing.T) {
	a := evWithItem(EvidenceCollected)
	require.NoError(t, a.RejectEvidence("E-1", ismsaudit.Meta{At: evAt(11, 20), By: "lead", Note: "export cannot be traced to the system"}))
	assert.Equal(t, EvidenceRejected, a.Evidence[0].State)
	require.Len(t, a.Evidence[0].History, 1)
	assert.Equal(t, "export cannot be traced to the system", a.Evidence[0].History[0].Note)
	assert.False(t, a.IsAuditEvidence("E-1"))
}

func TestCorrectEvidence(t *testing.T) {
	for _, given := range []ismsaudit.EvidenceID{"", "E-1"} {
		t.Run("supersedes given as "+string(given), func(t *testing.T) {
			a := evWithItem(EvidenceVerified)
			e := evItem("E-2")
			e.Supersedes = given
			e.Description = "access removal tickets, full export"
			m := ismsaudit.Meta{At: evAt(12, 9), By: "lead", Note: "the first export missed December"}
			require.NoError(t, a.CorrectEvidence("E-1", e, m))

			require.Len(t, a.Evidence, 2)
			old := a.Evidence[0]
			assert.Equal(t, EvidenceSuperseded, old.State)
			wantEntry := EvidenceEntry{From: EvidenceVerified, Event: EvidenceSupersede, To: EvidenceSuperseded, At: m.At, By: m.By, Note: m.Note}
			if diff := cmp.Diff(wantEntry, old.History[len(old.History)-1]); diff != "" {
				t.Errorf("supersede entry mismatch (-want +got):\n%s", diff)
			}
			want := evItem("E-2")
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
			assert.Empty(t, evVerify(a))
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
		{"already superseded", EvidenceSuperseded, func() Evidence { return evItem("E-2") }, func(t *testing.T, err error) {
			evRequireRefused(t, err, ismsaudit.ReasonTerminal, "")
		}},
		{"supersedes another item", EvidenceVerified, func() Evidence { e := evItem("E-2"); e.Supersedes = "E-7"; return e }, func(t *testing.T, err error) {
			evRequireInvalid(t, err, [2]string{"Supersedes", "library-set"})
		}},
		{"reuses the old id", EvidenceVerified, func() Evidence { return evItem("E-1") }, func(t *testing.T, err error) {
			evRequireInvalid(t, err, [2]string{"ID", "unique"})
		}},
		{"invalid correction", EvidenceRejected, func() Evidence { e := evItem("E-2"); e.Source = ""; return e }, func(t *testing.T, err error) {
			evRequireInvalid(t, err, [2]string{"Source", "required"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evWithItem(tt.state)
			before := evDeepCopy(a)
			tt.check(t, a.CorrectEvidence("E-1", tt.item(), evMeta(12, 9)))
			evUnchanged(t, before, a)
		})
	}
}

func TestEvidenceLookups(t *testing.T) {
	a := evAudit(StateFieldwork)
	a.Evidence = []Evidence{
		evLogged("E-1", EvidenceVerify, EvidenceSupersede),
		evLogged("E-2", EvidenceVerify),
		evLogged("E-3", EvidenceReject),
		evLogged("E-4"),
		evLogged("E-5", EvidenceVerify),
	}
	a.Evidence[1].Supersedes = "E-1"
	a.Evidence[4].Supports = []annexa.Ref{evClause92}

	t.Run("item is a copy", func(t *testing.T) {
		e, ok := a.EvidenceItem("E-2")
		require.True(t, ok)
		want := evDeepCopy(a.Evidence[1])
		e.Supports[0] = evNotInPlan
		e.History[0].By = "someone else"
		e.Covers.To = evAt(2, 2)
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
		for e := range a.EvidenceFor(evControl) {
			ids = append(ids, e.ID)
		}
		assert.Equal(t, []ismsaudit.EvidenceID{"E-2"}, ids)
		ids = nil
		for e := range a.EvidenceFor(evClause92) {
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

// TestEvIsDigest checks the eight-bytes-at-a-time test against a plain
// one, for every byte in every position class.
func TestEvIsDigest(t *testing.T) {
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

// TestIsBlank checks the early-stopping blank test against
// strings.TrimSpace, for ASCII and other white space.
func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "x", " x", "x ", "\u00a0", " \u0085 ", "\u2003x", "é", " é", "\u00a0\u00a0\t", "\x80", " \xff"} {
		assert.Equal(t, strings.TrimSpace(s) == "", isBlank(s), "%q", s)
	}
}
