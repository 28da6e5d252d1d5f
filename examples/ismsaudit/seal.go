package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
)

// sealResult is what seal prints as JSON.
type sealResult struct {
	ID string `json:"id"`
	// Copy is true for a recipient's copy.
	Copy bool `json:"copy"`
	// Intact is true when VerifySeal passed; SealError says why not.
	Intact    bool             `json:"intact"`
	SealError *audit.SealError `json:"sealError,omitempty"`
	Algorithm string           `json:"algorithm,omitempty"`
	// Head, Size and HeadHash describe the last head.
	Head     int    `json:"head,omitempty"`
	Size     int64  `json:"size,omitempty"`
	HeadHash string `json:"headHash,omitempty"`
	// Unsealed counts the operations since the last head.
	Unsealed int `json:"unsealed"`
	// SignaturesChecked is false when no key was given.
	SignaturesChecked bool                  `json:"signaturesChecked"`
	Signatures        []audit.Signature     `json:"signatures"`
	SignatureError    *audit.SignatureError `json:"signatureError,omitempty"`
	// SignatureProblem holds an error of VerifySignatures that is not a
	// *audit.SignatureError.
	SignatureProblem string `json:"signatureProblem,omitempty"`
	// Proven and Withheld are, on a recipient's copy, the number of parts
	// proven against the last head and the paths of those withheld.
	Proven   int      `json:"proven"`
	Withheld []string `json:"withheld"`
	// OK is true when every check made passed.
	OK bool `json:"ok"`
}

func runSeal(e env, args []string) int {
	c := lookup("seal")
	fs := newFlagSet(c, e.stderr)
	var keys listFlag
	fs.Var(&keys, "key", "a file of trusted public keys, one note verifier key a line (as examples/seal writes keys.txt); repeat for more files. Without -key the signatures are not checked")
	format := newChoice("text", "text", "json")
	fs.Var(format, "format", "output format: text|json")
	pos, code, goOn := parse(fs, args, 1, "FILE or - (standard input)")
	if !goOn {
		return code
	}
	verifiers, err := readAllKeys(e, keys)
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit seal:", err)
		return cli.Usage
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit seal:", err)
		return cli.Usage
	}
	a, err := audit.Decode(data)
	if err != nil {
		printDecodeError(e.stderr, "ismsaudit seal", pos[0], err)
		return cli.Usage
	}
	res := checkSeal(a, verifiers, len(keys) > 0)
	if format.value == "json" {
		out, err := json.MarshalIndent(res, "", "  ")
		if err == nil {
			_, err = fmt.Fprintf(e.stdout, "%s\n", out)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit seal:", err)
			return cli.Failed
		}
	} else if err := writeSealResult(e.stdout, res); err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit seal:", err)
		return cli.Failed
	}
	if !res.OK {
		return cli.Failed
	}
	return cli.OK
}

// readAllKeys reads the verifier keys of every file named.
func readAllKeys(e env, names []string) ([]note.Verifier, error) {
	var verifiers []note.Verifier
	for _, name := range names {
		vs, err := readKeys(e, name)
		if err != nil {
			return nil, err
		}
		verifiers = append(verifiers, vs...)
	}
	return verifiers, nil
}

// readKeys reads the note verifier keys in the named file (or standard
// input), one a line.
func readKeys(e env, name string) ([]note.Verifier, error) {
	data, err := readInput(e, name)
	if err != nil {
		return nil, err
	}
	var vs []note.Verifier
	for _, line := range strings.Fields(string(data)) {
		v, err := note.NewVerifier(line)
		if err != nil {
			return nil, fmt.Errorf("%s: key %q is not a note verifier key: %w", name, line, err)
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s holds no key", name)
	}
	return vs, nil
}

// checkSeal checks the seal and, when keys were given, the signatures.
func checkSeal(a *audit.Audit, verifiers []note.Verifier, checkSignatures bool) sealResult {
	res := sealResult{ID: string(a.ID), Signatures: []audit.Signature{}, Withheld: []string{}}
	if a.Seal != nil {
		res.Copy = a.Seal.IsCopy()
		res.Algorithm = a.Seal.Algorithm
		res.Unsealed = a.Seal.Unsealed()
		if h, ok := a.Seal.Last(); ok {
			res.Head, res.Size, res.HeadHash = h.Number, h.Size, h.Head
		}
		if res.Copy {
			res.Proven = len(a.Seal.Proofs)
			res.Withheld = append(res.Withheld, a.Seal.Withheld...)
		}
	}
	err := a.VerifySeal()
	res.Intact = err == nil
	if err != nil {
		var se *audit.SealError
		if !errors.As(err, &se) {
			se = &audit.SealError{Problem: "error", Detail: err.Error(), Index: -1, Entry: -1}
		}
		res.SealError = se
	}
	res.OK = res.Intact
	if checkSignatures {
		res.SignaturesChecked = true
		sigs, err := a.VerifySignatures(note.VerifierList(verifiers...))
		if err != nil {
			res.OK = false
			var ge *audit.SignatureError
			if errors.As(err, &ge) {
				res.SignatureError = ge
			} else {
				res.SignatureProblem = err.Error()
			}
		} else {
			res.Signatures = append(res.Signatures, sigs...)
		}
	}
	return res
}

// writeSealResult writes the result as text.
func writeSealResult(w io.Writer, res sealResult) error {
	sw := &stickyWriter{w: w}
	what := "audit record"
	if res.Copy {
		what = "recipient's copy of audit record"
	}
	sw.printf("%s %s\n", what, res.ID)
	switch {
	case res.Intact:
		sw.printf("seal: intact (%s): head %d over %d leaves, head hash %s; %d %s since the last head\n",
			res.Algorithm, res.Head, res.Size, res.HeadHash, res.Unsealed, plural(res.Unsealed, "operation", "operations"))
	case res.SealError.Path != "":
		sw.printf("seal: FAILED: %s at %s", res.SealError.Problem, res.SealError.Path)
	default:
		sw.printf("seal: FAILED: %s", res.SealError.Problem)
	}
	if !res.Intact {
		if res.SealError.Detail != "" {
			sw.printf(" (%s)", res.SealError.Detail)
		}
		sw.printf("\n")
	}
	switch {
	case !res.SignaturesChecked:
		sw.printf("signatures: not checked (no -key given)\n")
	case res.SignatureError != nil:
		ge := res.SignatureError
		sw.printf("signatures: FAILED: %s", ge.Problem)
		if ge.Key != "" {
			sw.printf(": key %s", ge.Key)
		}
		sw.printf(" on head %d\n", ge.Head)
	case res.SignatureProblem != "":
		sw.printf("signatures: FAILED: %s\n", res.SignatureProblem)
	default:
		var signers []string
		for _, s := range res.Signatures {
			signers = append(signers, fmt.Sprintf("%s (key %08x, head %d)", s.Name, s.Hash, s.Head))
		}
		sw.printf("signatures: %d verified: %s\n", len(res.Signatures), strings.Join(signers, ", "))
	}
	if res.Copy {
		sw.printf("copy: %d %s proven against head %d, %d withheld", res.Proven, plural(res.Proven, "part", "parts"), res.Head, len(res.Withheld))
		if len(res.Withheld) > 0 {
			sw.printf(": %s", strings.Join(res.Withheld, ", "))
		}
		sw.printf("\n")
	}
	if res.OK {
		sw.printf("result: ok\n")
	} else {
		sw.printf("result: FAILED\n")
	}
	return sw.err
}
