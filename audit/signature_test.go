package audit

import (
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"
)

// testKey is a signing key made for a test (the library never makes
// keys): its signer and its verifier.
type testKey struct {
	signer   note.Signer
	verifier note.Verifier
}

func newTestKey(t testing.TB, name string) testKey {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	require.NoError(t, err)
	signer, err := note.NewSigner(skey)
	require.NoError(t, err)
	verifier, err := note.NewVerifier(vkey)
	require.NoError(t, err)
	return testKey{signer, verifier}
}

func requireSignatureError(t testing.TB, err error, problem string) *SignatureError {
	t.Helper()
	var se *SignatureError
	require.ErrorAs(t, err, &se)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.Equal(t, problem, se.Problem)
	return se
}

func TestSignSeal(t *testing.T) {
	lead, body := newTestKey(t, "team-leader"), newTestKey(t, "cert-body")
	a := closedSealed(t)
	require.NoError(t, a.SignSeal(lead.signer))
	require.NoError(t, a.SignSeal(body.signer))
	require.NoError(t, a.VerifySeal(), "signing changes nothing the seal covers")
	assert.Equal(t, []string{"team-leader", "cert-body"}, a.Seal.Signers(1))

	sigs, err := a.VerifySignatures(note.VerifierList(lead.verifier, body.verifier))
	require.NoError(t, err)
	want := []Signature{{Head: 1, Name: "team-leader", Hash: lead.verifier.KeyHash()}, {Head: 1, Name: "cert-body", Hash: body.verifier.KeyHash()}}
	assert.Empty(t, cmp.Diff(want, sigs))

	// The note opens with the note package alone.
	msg, ok := a.Note(1)
	require.True(t, ok)
	n, err := note.Open(msg, note.VerifierList(body.verifier, lead.verifier))
	require.NoError(t, err)
	assert.Len(t, n.Sigs, 2)
	assert.True(t, strings.HasPrefix(n.Text, "ismsaudit seal "+SealAlgorithm+"\n"))

	t.Run("a later head is signed on its own", func(t *testing.T) {
		b := deepCopy(a)
		require.NoError(t, b.SealRecord(byLead(sealAt.Add(24*time.Hour))))
		require.NoError(t, b.SignSeal(lead.signer))
		assert.Equal(t, []string{"team-leader"}, b.Seal.Signers(2))
		sigs, err := b.VerifySignatures(note.VerifierList(lead.verifier, body.verifier))
		require.NoError(t, err)
		assert.Len(t, sigs, 3)
	})
}

func TestSignatureRefusals(t *testing.T) {
	lead, body, stranger := newTestKey(t, "team-leader"), newTestKey(t, "cert-body"), newTestKey(t, "stranger")
	signed := func(t *testing.T) *Audit {
		a := closedSealed(t)
		require.NoError(t, a.SignSeal(lead.signer))
		return a
	}
	t.Run("an unknown key", func(t *testing.T) {
		a := signed(t)
		require.NoError(t, a.SignSeal(stranger.signer))
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier))
		se := requireSignatureError(t, err, SignatureUnknownKey)
		assert.Contains(t, se.Key, "stranger")
		assert.Equal(t, 1, se.Head)
	})
	t.Run("a key of the right name but another secret", func(t *testing.T) {
		a := signed(t)
		impostor := newTestKey(t, "cert-body")
		require.NoError(t, a.SignSeal(impostor.signer))
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier, body.verifier))
		requireSignatureError(t, err, SignatureUnknownKey) // its key hash is not the trusted key's
	})
	t.Run("a tampered head", func(t *testing.T) {
		a := signed(t)
		a.Seal.Heads[0].By = "someone else"
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier))
		se := requireSignatureError(t, err, SignatureInvalid)
		assert.Contains(t, se.Key, "team-leader")
		requireSealError(t, a.VerifySeal(), "the seal notices too")
	})
	t.Run("a tampered signature", func(t *testing.T) {
		a := signed(t)
		line := a.Seal.Heads[0].Signatures[0]
		i := strings.LastIndexByte(line, ' ') + 10
		flipped := line[:i] + string(rune(line[i]^1)) + line[i+1:]
		a.Seal.Heads[0].Signatures[0] = flipped
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier))
		var se *SignatureError
		require.ErrorAs(t, err, &se)
		assert.Contains(t, []string{SignatureInvalid, SignatureMalformed}, se.Problem)
	})
	t.Run("malformed lines", func(t *testing.T) {
		a := signed(t)
		a.Seal.Heads[0].Signatures = append(a.Seal.Heads[0].Signatures, "not a signature\n")
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier))
		requireSignatureError(t, err, SignatureMalformed)
	})
	t.Run("no signature", func(t *testing.T) {
		a := closedSealed(t)
		_, err := a.VerifySignatures(note.VerifierList(lead.verifier))
		requireSignatureError(t, err, SignatureNone)
	})
	t.Run("no verifiers", func(t *testing.T) {
		_, err := signed(t).VerifySignatures(nil)
		requireInvalid(t, err, problem{"verifiers", ismsaudit.RuleRequired})
	})
	t.Run("signing refused", func(t *testing.T) {
		a := signed(t)
		before := deepCopy(a)
		requireInvalid(t, a.SignSeal(lead.signer), problem{"signer", ismsaudit.RuleUnique})
		requireInvalid(t, a.SignSeal(nil), problem{"signer", ismsaudit.RuleRequired})
		assert.Empty(t, cmp.Diff(before, a))
		unsealed := auditIn(t, StateClosed)
		requireInvalid(t, unsealed.SignSeal(lead.signer), problem{"Seal", RuleSealIntact})
		a.Findings[0].Grade = Major
		requireSealError(t, a.SignSeal(body.signer), "a tampered record is not signed")
	})
}

// TestThirdPartyVerifiesARedactedCopy: with the copy's JSON and the
// public keys only, a recipient checks the heads' signatures and every
// shown part.
func TestThirdPartyVerifiesARedactedCopy(t *testing.T) {
	lead := newTestKey(t, "team-leader")
	a := freshMixed(t)
	require.NoError(t, a.SignSeal(lead.signer))
	c, err := a.RecipientCopy(ConfidentialityPublic)
	require.NoError(t, err)
	sigs, err := c.VerifySignatures(note.VerifierList(lead.verifier))
	require.NoError(t, err)
	assert.Equal(t, []Signature{{Head: 2, Name: "team-leader", Hash: lead.verifier.KeyHash()}}, sigs)
	require.NoError(t, c.VerifySeal())
}
