// Command seal shows a record a third party can trust: it runs the sample
// internal audit of Northwind Analytics Ltd to its close, seals it, has
// the team leader and the quality reviewer sign the seal's head, writes
// the whole record, a redacted copy for the external recipient (the
// restricted and internal evidence left out, every part shown carrying
// its inclusion proof) and the two public keys to a directory, then
// verifies both files as a third party would, with nothing but the files
// and the public keys, and prints what it checked. Last, it shows that a
// finding edited in the copy, or a signature by a key nobody trusts, is
// refused.
//
// Usage:
//
//	go run ./examples/seal [-dir DIR]
//
// -dir is where the files go (created if needed); by default a new
// temporary directory, whose name the program prints. The keys are
// derived from fixed seeds so that the output is the same on every run: a
// host keeps its signing keys in its key store, and the library never
// makes or reads keys itself.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"golang.org/x/mod/sumdb/note"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// The files the program writes.
const (
	recordFile = "record.json"
	copyFile   = "copy-for-jordan-blake.json"
	keysFile   = "keys.txt"
)

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("seal", "Seals and signs the sample audit, writes the record, a redacted recipient copy and the public keys, and verifies them with the public keys only.", stderr)
	dir := fs.String("dir", "", "directory for the files (default: a new temporary directory)")
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	out := bufio.NewWriter(stdout)
	err := seal(out, *dir)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "seal:", err)
		return cli.Failed
	}
	return cli.OK
}

// seal does the holder's part, then the third party's.
func seal(w io.Writer, dir string) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "ismsaudit-seal-")
		if err != nil {
			return err
		}
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	// The holder: the audit run to its close and sealed by its last
	// operation (sample.Conduct), then signed by two parties.
	story := sample.InternalAudit()
	a, err := sample.Conduct(story)
	if err != nil {
		return fmt.Errorf("running the sample audit: %w", err)
	}
	lead, err := exampleKey("northwind-audit-lead")
	if err != nil {
		return err
	}
	reviewer, err := exampleKey("northwind-quality-review")
	if err != nil {
		return err
	}
	for _, k := range []key{lead, reviewer} {
		if err := a.SignSeal(k.signer); err != nil {
			return fmt.Errorf("signing with %s: %w", k.signer.Name(), err)
		}
	}
	head, _ := a.Seal.Last()
	fmt.Fprintf(w, "The holder sealed and signed %s audit %s of %s (%s):\n", a.Kind, a.ID, a.Auditee, a.State)
	fmt.Fprintf(w, "  seal %s, head %d over %d leaves, head hash %s\n", a.Seal.Algorithm, head.Number, head.Size, head.Head)
	fmt.Fprintf(w, "  signed by %s\n", strings.Join(a.Seal.Signers(head.Number), " and "))

	// The copy for the external adviser, whose clearance is public.
	var recipient audit.Recipient
	for _, r := range story.Recipients {
		if r.Name == "Jordan Blake" {
			recipient = r
		}
	}
	c, err := a.RecipientCopy(recipient.Clearance)
	if err != nil {
		return fmt.Errorf("the recipient's copy: %w", err)
	}
	files := []struct {
		name string
		what string
		v    any
	}{
		{recordFile, "the whole record", a},
		{copyFile, fmt.Sprintf("the copy for %s (clearance %s): %d of %d evidence items withheld", recipient.Name, recipient.Clearance, len(c.Seal.Withheld), len(a.Evidence)), c},
	}
	fmt.Fprintf(w, "\nWrote to %s:\n", dir)
	for _, f := range files {
		data, err := json.MarshalIndent(f.v, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-28s %s\n", f.name, f.what)
	}
	keys := lead.public + "\n" + reviewer.public + "\n"
	if err := os.WriteFile(filepath.Join(dir, keysFile), []byte(keys), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "  %-28s the signers' public keys\n", keysFile)

	// The third party: the files and the public keys, nothing else.
	fmt.Fprintln(w, "\nA third party checks them with the public keys only:")
	for _, name := range []string{recordFile, copyFile} {
		report, err := check(filepath.Join(dir, name), filepath.Join(dir, keysFile))
		if err != nil {
			return fmt.Errorf("%s does not verify: %w", name, err)
		}
		fmt.Fprintf(w, "  %s\n", name)
		for _, line := range report {
			fmt.Fprintf(w, "    - %s\n", line)
		}
	}

	// What the checks catch.
	fmt.Fprintln(w, "\nAnd refuses what was not sealed or not signed by a trusted key:")
	copyJSON, err := os.ReadFile(filepath.Join(dir, copyFile))
	if err != nil {
		return err
	}
	edited := bytes.Replace(copyJSON, []byte(`"grade": "major"`), []byte(`"grade": "minor"`), 1)
	if bytes.Equal(edited, copyJSON) {
		return errors.New("the copy has no major nonconformity to edit")
	}
	tampered := filepath.Join(dir, "copy-edited.json")
	if err := os.WriteFile(tampered, edited, 0o644); err != nil {
		return err
	}
	_, err = check(tampered, filepath.Join(dir, keysFile))
	fmt.Fprintf(w, "  the copy with its major nonconformity edited to minor: %v\n", refusal(err))

	stranger, err := exampleKey("someone-else")
	if err != nil {
		return err
	}
	if err := c.SignSeal(stranger.signer); err != nil {
		return err
	}
	_, err = c.VerifySignatures(verifiers(lead, reviewer))
	fmt.Fprintf(w, "  the copy signed again by a key nobody trusts: %v\n", refusal(err))
	return nil
}

// check verifies a record or a recipient's copy from its file, with the
// public keys in keysFile only, and says what it checked.
func check(recordPath, keysPath string) ([]string, error) {
	data, err := os.ReadFile(recordPath)
	if err != nil {
		return nil, err
	}
	keyText, err := os.ReadFile(keysPath)
	if err != nil {
		return nil, err
	}
	var vs []note.Verifier
	for _, line := range strings.Fields(string(keyText)) {
		v, err := note.NewVerifier(line)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", line, err)
		}
		vs = append(vs, v)
	}
	a, err := audit.Decode(data)
	if err != nil {
		return nil, err
	}
	sigs, err := a.VerifySignatures(note.VerifierList(vs...))
	if err != nil {
		return nil, err
	}
	if err := a.VerifySeal(); err != nil {
		return nil, err
	}
	head, _ := a.Seal.Last()
	var signers []string
	for _, s := range sigs {
		signers = append(signers, fmt.Sprintf("%s (key %08x, head %d)", s.Name, s.Hash, s.Head))
	}
	lines := []string{
		fmt.Sprintf("signatures verified: %s", strings.Join(signers, ", ")),
		fmt.Sprintf("heads chained and consistent: %d, the last %s over %d leaves", len(a.Seal.Heads), head.Head[:16]+"…", head.Size),
	}
	if a.Seal.IsCopy() {
		lines = append(lines,
			fmt.Sprintf("every part shown proven against head %d: %d inclusion proofs (%d findings, %d evidence items)", head.Number, len(a.Seal.Proofs), len(a.Findings), len(a.Evidence)),
			fmt.Sprintf("withheld, not seen: %s", strings.Join(a.Seal.Withheld, ", ")),
		)
		return lines, nil
	}
	if err := audit.Verify(a, nil); err != nil {
		return nil, err
	}
	lines = append(lines,
		fmt.Sprintf("every part of the record as sealed: %d parts, %d changes by operations since", len(a.Seal.Parts), len(a.Seal.Changes)),
		"the process rules kept (audit.Verify)",
	)
	return lines, nil
}

// refusal shows the error a check ended with, or says it passed.
func refusal(err error) string {
	if err == nil {
		return "passed (it should not have)"
	}
	var se *audit.SealError
	var ge *audit.SignatureError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("refused, %s at %s", se.Problem, se.Path)
	case errors.As(err, &ge):
		return fmt.Sprintf("refused, %s: %s on head %d", ge.Problem, ge.Key, ge.Head)
	}
	return "refused: " + err.Error()
}

// key is a signing key of the example: its signer and its public key in
// the note verifier format.
type key struct {
	signer note.Signer
	public string
}

// exampleKey derives the named key from a fixed seed, so that the
// example's output is stable. A host uses the keys it keeps instead.
func exampleKey(name string) (key, error) {
	seed := sha256.Sum256([]byte("ismsaudit example key " + name))
	skey, vkey, err := note.GenerateKey(bytes.NewReader(seed[:]), name)
	if err != nil {
		return key{}, err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return key{}, err
	}
	return key{signer: signer, public: vkey}, nil
}

// verifiers trusts the given keys.
func verifiers(keys ...key) note.Verifiers {
	var vs []note.Verifier
	for _, k := range keys {
		v, err := note.NewVerifier(k.public)
		if err != nil {
			panic(err) // the keys were made by note.GenerateKey
		}
		vs = append(vs, v)
	}
	return note.VerifierList(vs...)
}
