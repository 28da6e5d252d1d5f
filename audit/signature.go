package audit

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"golang.org/x/mod/sumdb/note"
)

// Problems a SignatureError reports.
const (
	SignatureUnknownKey = "unknown-key" // signed by a key the verifiers do not know
	SignatureInvalid    = "invalid"     // a known key's signature does not verify: the head or the signature was altered
	SignatureMalformed  = "malformed"   // the signature lines are not a signed note's
	SignatureNone       = "unsigned"    // the head has no signature
)

// SignatureError reports a head whose signatures do not all verify. It
// unwraps to ismsaudit.ErrInvalid.
type SignatureError struct {
	// Head is the head's number.
	Head int `json:"head"`
	// Key names the key ("name+hash" for a verifier's key, or the name on
	// the signature line), when one is at fault.
	Key string `json:"key,omitempty"`
	// Problem is one of the Signature... constants.
	Problem string `json:"problem"`
	// Err is the note package's error, when there is one.
	Err error `json:"-"`
}

// Error names the head, the key and the problem.
func (e *SignatureError) Error() string {
	s := fmt.Sprintf("audit: seal head %d: signature", e.Head)
	if e.Key != "" {
		s += " by " + e.Key
	}
	s += ": " + e.Problem
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns ismsaudit.ErrInvalid and the note package's error.
func (e *SignatureError) Unwrap() []error { return []error{ismsaudit.ErrInvalid, e.Err} }

// Signature is one verified signature on a head.
type Signature struct {
	// Head is the head's number.
	Head int `json:"head"`
	// Name and Hash identify the key, as in a note verifier key.
	Name string `json:"name"`
	Hash uint32 `json:"hash"`
}

// Note returns head number n's checkpoint (see SealAlgorithm) as a signed
// note of golang.org/x/mod/sumdb/note: its text, then a blank line and its
// signatures. A host keeps it where the record's holder cannot change it,
// or hands it to a third party, who opens it with note.Open and the
// signers' public keys. The second result is false when there is no such
// head.
func (a *Audit) Note(n int) ([]byte, bool) {
	s := a.Seal
	if s == nil || s.Algorithm != SealAlgorithm || n < 1 || n > len(s.Heads) {
		return nil, false
	}
	h := &s.Heads[n-1]
	var b bytes.Buffer
	b.WriteString(h.text(a.ID))
	b.WriteByte('\n')
	for _, sig := range h.Signatures {
		b.WriteString(sig)
	}
	return b.Bytes(), true
}

// SignSeal signs the last head of the record's seal with the host's
// signer (a note.Signer, e.g. from note.NewSigner with an Ed25519 key the
// host holds; the library never makes or stores keys) and adds the
// signature to the head. Several parties sign one head in turn (the team
// leader, then the certification body).
//
// Refused, with nothing changed, when the record has no SealAlgorithm
// head, the record does not match its seal (*SealError), the signer is nil
// or has already signed the head (*ismsaudit.ValidationError), or signing
// fails (the signer's error).
func (a *Audit) SignSeal(signer note.Signer) error {
	ch := &checker{subject: "seal signature"}
	s := a.Seal
	switch {
	case s == nil || s.Algorithm != SealAlgorithm || len(s.Heads) == 0:
		ch.add("Seal", RuleSealIntact, "", "only a record sealed with "+SealAlgorithm+" can be signed: seal it first")
	case signer == nil:
		ch.add("signer", ismsaudit.RuleRequired, "", "the host's note.Signer")
	}
	if err := ch.err(); err != nil {
		return err
	}
	if err := a.VerifySeal(); err != nil {
		return err
	}
	h := &s.Heads[len(s.Heads)-1]
	for _, line := range h.Signatures {
		if name, hash, ok := signatureKey(line); ok && name == signer.Name() && hash == signer.KeyHash() {
			ch.add("signer", ismsaudit.RuleUnique, signer.Name(), "this key has already signed the head")
			return ch.err()
		}
	}
	signed, err := note.Sign(&note.Note{Text: h.text(a.ID)}, signer)
	if err != nil {
		return err
	}
	_, sigs, _ := bytes.Cut(signed, []byte("\n\n"))
	h.Signatures = append(h.Signatures, string(sigs))
	return nil
}

// signatureKey reads the key name and hash of a signature line.
func signatureKey(line string) (name string, hash uint32, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "— ")
	if !ok {
		return "", 0, false
	}
	name, b64, ok := strings.Cut(rest, " ")
	if !ok {
		return "", 0, false
	}
	sig, err := decodeBase64(b64)
	if err != nil || len(sig) < 4 {
		return "", 0, false
	}
	return name, uint32(sig[0])<<24 | uint32(sig[1])<<16 | uint32(sig[2])<<8 | uint32(sig[3]), true
}

// VerifySignatures checks every signature on every head of the seal with
// the host's verifiers (a note.Verifiers, e.g. note.VerifierList of
// note.NewVerifier for each trusted public key) and returns the
// signatures that verified, head by head. A signature by a key the
// verifiers do not know, one that does not verify, or malformed signature
// lines are refused with a *SignatureError naming the head and the key;
// so is a seal none of whose heads is signed. Whether the heads match the
// record is VerifySeal's to check: call both.
func (a *Audit) VerifySignatures(verifiers note.Verifiers) ([]Signature, error) {
	s := a.Seal
	if s == nil || s.Algorithm != SealAlgorithm || len(s.Heads) == 0 {
		return nil, &SealError{Index: -1, Entry: -1, Problem: SealNotSealed, Detail: "no " + SealAlgorithm + " head to verify"}
	}
	if verifiers == nil {
		return nil, &ismsaudit.ValidationError{Pkg: "audit", Subject: "seal signatures", Fields: []ismsaudit.FieldError{{Path: "verifiers", Rule: ismsaudit.RuleRequired, Detail: "the host's note.Verifiers"}}}
	}
	var out []Signature
	for i := range s.Heads {
		h := &s.Heads[i]
		if len(h.Signatures) == 0 {
			continue
		}
		msg, _ := a.Note(h.Number)
		n, err := note.Open(msg, verifiers)
		if err != nil {
			return nil, signatureError(h.Number, err)
		}
		if len(n.UnverifiedSigs) > 0 {
			u := n.UnverifiedSigs[0]
			return nil, &SignatureError{Head: h.Number, Key: fmt.Sprintf("%s+%08x", u.Name, u.Hash), Problem: SignatureUnknownKey}
		}
		if len(n.Sigs) != len(h.Signatures) {
			return nil, &SignatureError{Head: h.Number, Problem: SignatureMalformed, Err: errors.New("the signature lines do not each hold one signature")}
		}
		for _, sig := range n.Sigs {
			out = append(out, Signature{Head: h.Number, Name: sig.Name, Hash: sig.Hash})
		}
	}
	if out == nil {
		return nil, &SignatureError{Head: len(s.Heads), Problem: SignatureNone}
	}
	return out, nil
}

// signatureError turns the note package's errors into a SignatureError.
func signatureError(head int, err error) *SignatureError {
	var invalid *note.InvalidSignatureError
	var unverified *note.UnverifiedNoteError
	switch {
	case errors.As(err, &invalid):
		return &SignatureError{Head: head, Key: fmt.Sprintf("%s+%08x", invalid.Name, invalid.Hash), Problem: SignatureInvalid, Err: err}
	case errors.As(err, &unverified):
		key := ""
		if sigs := unverified.Note.UnverifiedSigs; len(sigs) > 0 {
			key = fmt.Sprintf("%s+%08x", sigs[0].Name, sigs[0].Hash)
		}
		return &SignatureError{Head: head, Key: key, Problem: SignatureUnknownKey, Err: err}
	}
	return &SignatureError{Head: head, Problem: SignatureMalformed, Err: err}
}

// signersOf lists the names on a head's signature lines.
func signersOf(h SealHead) []string {
	var names []string
	for _, line := range h.Signatures {
		if name, _, ok := signatureKey(line); ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// Signers lists the names on the signature lines of head number n, as
// written (unverified: VerifySignatures checks them).
func (s *Seal) Signers(n int) []string {
	if s == nil || n < 1 || n > len(s.Heads) {
		return nil
	}
	return signersOf(s.Heads[n-1])
}

// decodeBase64 decodes standard, padded base64, as signed notes write it.
func decodeBase64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
