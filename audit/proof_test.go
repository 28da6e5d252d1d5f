package audit

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/tlog"
)

// freshMixed is the follow-up fixture with evidence of every
// confidentiality (E-1 internal, E-2 restricted, E-3 public, E-4
// restricted, then the follow-up's internal E-FU-0308T15), sealed, then closed by its operation and sealed again, so
// that proofs reach the leaves of changes too.
func freshMixed(t testing.TB) *Audit {
	t.Helper()
	a := auditIn(t, StateFollowUp)
	for i, c := range []Confidentiality{ConfidentialityRestricted, ConfidentialityPublic, ConfidentialityRestricted} {
		e := evidenceIn(t, ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i+2)), EvidenceVerified, march(3, 16), refAccess)
		e.Confidentiality = c
		a.Evidence = append(a.Evidence, e)
	}
	closeFollowUps(a, march(8, 15))
	require.NoError(t, a.SealRecord(byLead(march(9, 9))))
	require.NoError(t, a.Close(byLead(march(10, 17))))
	require.NoError(t, a.SealRecord(byLead(march(10, 18))))
	require.NoError(t, a.VerifySeal())
	return a
}

func TestRecipientCopy(t *testing.T) {
	a := freshMixed(t)
	tests := []struct {
		clearance Confidentiality
		shown     []ismsaudit.EvidenceID
		withheld  []string
	}{
		{ConfidentialityPublic, []ismsaudit.EvidenceID{"E-3"}, []string{"evidence[0]", "evidence[1]", "evidence[3]", "evidence[4]"}},
		{ConfidentialityInternal, []ismsaudit.EvidenceID{"E-1", "E-3", "E-FU-0308T15"}, []string{"evidence[1]", "evidence[3]"}},
		{ConfidentialityRestricted, []ismsaudit.EvidenceID{"E-1", "E-2", "E-3", "E-4", "E-FU-0308T15"}, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.clearance), func(t *testing.T) {
			before := deepCopy(a)
			c, err := a.RecipientCopy(tt.clearance)
			require.NoError(t, err)
			assert.Empty(t, cmp.Diff(before, a), "the record is not changed")
			var ids []ismsaudit.EvidenceID
			for _, e := range c.Evidence {
				ids = append(ids, e.ID)
			}
			assert.Equal(t, tt.shown, ids)
			assert.Equal(t, tt.withheld, c.Seal.Withheld)
			assert.True(t, c.Seal.IsCopy())
			assert.Empty(t, c.Seal.Parts, "a copy does not list the parts it withholds")
			assert.Empty(t, cmp.Diff(a.Seal.Heads, c.Seal.Heads), "the heads, signatures and all")
			require.NoError(t, c.VerifySeal(), "every shown part proves against the last head")

			// Through JSON, as the recipient gets it.
			data, err := json.Marshal(c)
			require.NoError(t, err)
			for _, e := range a.Evidence {
				shown := slices.Contains(tt.shown, e.ID)
				assert.Equal(t, shown, strings.Contains(string(data), `"description":"`+e.Description+`"`), "%s travels only when shown", e.ID)
			}
			var got Audit
			require.NoError(t, json.Unmarshal(data, &got))
			require.NoError(t, got.VerifySeal())
		})
	}
}

// TestRecipientCopyTampering: a shown part changed, a proof altered,
// removed or pointing elsewhere, a withheld part put back, a part added:
// each is reported.
func TestRecipientCopyTampering(t *testing.T) {
	a := freshMixed(t)
	copyOf := func(t *testing.T) *Audit {
		c, err := a.RecipientCopy(ConfidentialityInternal)
		require.NoError(t, err)
		return c
	}
	proof := func(c *Audit, path string) *SealProof {
		i := slices.IndexFunc(c.Seal.Proofs, func(p SealProof) bool { return p.Path == path })
		require.GreaterOrEqual(t, i, 0, path)
		return &c.Seal.Proofs[i]
	}
	tests := []struct {
		name    string
		edit    func(c *Audit)
		path    string
		problem string
	}{
		{"a finding's grade", func(c *Audit) { c.Findings[0].Grade = Major }, "Findings[0]", SealProofFailed},
		{"a shown evidence item", func(c *Audit) { c.Evidence[1].Description = "other" }, "Evidence[1]", SealProofFailed},
		{"the state", func(c *Audit) { c.State = StateFollowUp }, "", SealProofFailed},
		{"a proof's hash", func(c *Audit) { p := proof(c, "findings[0]"); p.Hashes[0] = strings.Repeat("0", 64) }, "Findings[0]", SealProofFailed},
		{"a proof's leaf", func(c *Audit) { proof(c, "findings[0]").Leaf++ }, "Findings[0]", SealProofFailed},
		{"a part without a proof", func(c *Audit) {
			c.Seal.Proofs = slices.DeleteFunc(c.Seal.Proofs, func(p SealProof) bool { return p.Path == "findings[0]" })
		}, "Findings[0]", SealProofFailed},
		{"a proven part removed", func(c *Audit) { c.Checklist = nil }, "Checklist", SealPartMissing},
		{"a withheld item put back", func(c *Audit) {
			e := c.Evidence[0]
			e.ID, e.Confidentiality = "E-2", ConfidentialityRestricted
			c.Evidence = slices.Insert(c.Evidence, 1, e)
		}, "Evidence[1]", SealProofFailed},
		{"a head altered", func(c *Audit) { c.Seal.Heads[1].At = c.Seal.Heads[1].At.Add(time.Second) }, "Seal.Heads[1]", SealHeadMismatch},
		{"no head", func(c *Audit) { c.Seal.Heads = nil }, "Seal.Heads", SealMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := copyOf(t)
			tt.edit(c)
			se := requireSealError(t, c.VerifySeal())
			assert.Equal(t, tt.path, se.Path)
			assert.Equal(t, tt.problem, se.Problem)
		})
	}
}

func TestRecipientCopyRefusals(t *testing.T) {
	a := freshMixed(t)
	tests := []struct {
		name      string
		record    func() *Audit
		clearance Confidentiality
		want      problem
	}{
		{"no clearance", func() *Audit { return deepCopy(a) }, "", problem{"clearance", ismsaudit.RuleRequired}},
		{"an unknown clearance", func() *Audit { return deepCopy(a) }, "secret", problem{"clearance", ismsaudit.RuleEnum}},
		{"an unsealed record", func() *Audit { return auditIn(t, StateClosed) }, ConfidentialityPublic, problem{"Seal", RuleSealIntact}},
		{"the log chain", func() *Audit { b := auditIn(t, StateClosed); sealV2(b, byLead(sealAt)); return b }, ConfidentialityPublic, problem{"Seal", RuleSealIntact}},
		{"changes since the last sealing", func() *Audit {
			b := auditIn(t, StateFollowUp)
			closeFollowUps(b, march(8, 15))
			require.NoError(t, b.SealRecord(byLead(march(9, 9))))
			require.NoError(t, b.Close(byLead(march(10, 17))))
			return b
		}, ConfidentialityPublic, problem{"Seal", RuleSealIntact}},
		{"a copy of a copy", func() *Audit {
			c, err := a.RecipientCopy(ConfidentialityInternal)
			require.NoError(t, err)
			return c
		}, ConfidentialityPublic, problem{"Seal", RuleSealIntact}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.record()
			before := deepCopy(r)
			c, err := r.RecipientCopy(tt.clearance)
			assert.Nil(t, c)
			requireInvalid(t, err, tt.want)
			assert.Empty(t, cmp.Diff(before, r))
		})
	}
	t.Run("a tampered record", func(t *testing.T) {
		b := deepCopy(a)
		b.Findings[0].Grade = Major
		c, err := b.RecipientCopy(ConfidentialityPublic)
		assert.Nil(t, c)
		assert.Equal(t, "Findings[0].Grade", requireSealError(t, err).Path)
	})
	t.Run("a copy cannot be sealed or operated on as the record", func(t *testing.T) {
		c, err := a.RecipientCopy(ConfidentialityPublic)
		require.NoError(t, err)
		requireInvalid(t, c.SealRecord(byLead(march(11, 9))), problem{"Seal", RuleSealIntact})
	})
}

// TestRecipientCopyProvesEveryFinding: a copy of a record with many
// findings proves each, and the proofs are logarithmic in the record.
func TestRecipientCopyProvesEveryFinding(t *testing.T) {
	a := bigSealedAudit(t, 500)
	c, err := a.RecipientCopy(ConfidentialityPublic)
	require.NoError(t, err)
	require.NoError(t, c.VerifySeal())
	head, _ := c.Seal.Last()
	for _, p := range c.Seal.Proofs {
		assert.LessOrEqual(t, len(p.Hashes), bits.Len64(uint64(head.Size)), "proof of %s", p.Path)
	}
	assert.Len(t, c.Seal.Withheld, len(a.Evidence)-len(c.Evidence))
}

// TestSealTreeComputedEqualsStored: the tree that computes the hashes tlog
// reads from the leaves gives the roots and proofs of the tree tlog
// stores, and both give RFC 6962's root by its definition (mth).
func TestSealTreeComputedEqualsStored(t *testing.T) {
	var leaves []tlog.Hash
	for n := 1; n <= 70; n++ {
		leaves = append(leaves, tlog.RecordHash([]byte(fmt.Sprint(n))))
		computed, stored := newSealTree(leaves), newSealTree(leaves).store()
		root := stored.root()
		require.Equal(t, root, computed.root(), "size %d", n)
		require.Equal(t, tlog.Hash(mth(hashesOf(leaves))), root, "size %d", n)
		for m := int64(1); m < int64(n); m += 7 {
			a, err := computed.consistency(m)
			require.NoError(t, err)
			b, err := stored.consistency(m)
			require.NoError(t, err)
			require.Equal(t, b, a, "consistency %d of %d", m, n)
			p, err := computed.prove(m)
			require.NoError(t, err)
			q, err := stored.prove(m)
			require.NoError(t, err)
			require.Equal(t, q, p, "inclusion of %d in %d", m, n)
		}
	}
}

func hashesOf(hs []tlog.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}
