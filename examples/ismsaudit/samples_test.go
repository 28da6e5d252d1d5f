package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
)

// The committed sample files were written before documents carried their
// kind and format version (format version 0): they show that verify, seal
// and report read an older record and that migrate upgrades it. -update
// rewrites them in the current format version.
var update = flag.Bool("update", false, "rewrite the sample files in testdata, in the current format version")

// The sample files, in testdata and in each test's directory.
const (
	recordFile = "internal-audit.json"
	copyFile   = "internal-audit-copy-jordan-blake.json"
	keysFile   = "keys.txt"
)

// bin is the built command, shared by the tests.
var bin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "ismsaudit-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "ismsaudit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	if *update {
		if err := writeSamples("testdata"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeSamples writes the sample internal audit, closed, sealed and signed
// by the team leader and the quality reviewer (with the keys
// examples/seal derives), its copy for the external adviser and the public
// keys to dir.
func writeSamples(dir string) error {
	story := sample.InternalAudit()
	a, err := sample.Conduct(story)
	if err != nil {
		return err
	}
	var public bytes.Buffer
	for _, name := range []string{"northwind-audit-lead", "northwind-quality-review"} {
		signer, vkey, err := exampleKey(name)
		if err != nil {
			return err
		}
		if err := a.SignSeal(signer); err != nil {
			return err
		}
		public.WriteString(vkey + "\n")
	}
	c, err := a.RecipientCopy(audit.ConfidentialityPublic)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, v := range map[string]any{recordFile: a, copyFile: c} {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, keysFile), public.Bytes(), 0o644)
}

// exampleKey derives the named key from a fixed seed, as examples/seal
// does, and returns its signer and its public key.
func exampleKey(name string) (note.Signer, string, error) {
	seed := sha256.Sum256([]byte("ismsaudit example key " + name))
	skey, vkey, err := note.GenerateKey(bytes.NewReader(seed[:]), name)
	if err != nil {
		return nil, "", err
	}
	signer, err := note.NewSigner(skey)
	return signer, vkey, err
}

// samples writes the sample files into a new directory of the test.
func samples(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeSamples(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// result is one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// runCommand runs the built command with args and stdin.
func runCommand(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// writeFile writes text to path.
func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }
