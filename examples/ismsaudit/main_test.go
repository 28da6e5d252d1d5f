package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
)

// readFile reads a file the test needs.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// edited writes the file at path with the first old replaced by new into
// the test's directory and returns the new file's path.
func edited(t *testing.T, path, old, new string) string {
	t.Helper()
	data := readFile(t, path)
	changed := bytes.Replace(data, []byte(old), []byte(new), 1)
	require.NotEqual(t, data, changed, "%s holds no %s", path, old)
	out := filepath.Join(t.TempDir(), "edited-"+filepath.Base(path))
	require.NoError(t, os.WriteFile(out, changed, 0o644))
	return out
}

func TestNoCommandPrintsUsage(t *testing.T) {
	r := runCommand(t, nil)
	assert.Equal(t, 0, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "usage: ismsaudit <command>"), r.stdout)
	assert.Empty(t, r.stderr)
	for _, c := range commands {
		assert.Contains(t, r.stdout, "\n  "+c.name+" ")
	}

	r = runCommand(t, nil, "help")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "usage: ismsaudit <command>")
}

// -h on the command and on each subcommand prints the usage and exits 0.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		r := runCommand(t, nil, arg)
		assert.Equal(t, 0, r.code, arg)
		assert.Empty(t, r.stdout, arg)
		assert.Contains(t, r.stderr, "usage: ismsaudit <command>", arg)
	}
	r := runCommand(t, nil, "help", "-h")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stderr, "usage: ismsaudit help")
	for _, c := range commands {
		if c.name == "help" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			r := runCommand(t, nil, c.name, "-h")
			assert.Equal(t, 0, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, "usage: ismsaudit "+c.name+" ")
			assert.Contains(t, r.stderr, "exit status")

			r = runCommand(t, nil, "help", c.name)
			assert.Equal(t, 0, r.code)
			assert.Contains(t, r.stdout, "usage: ismsaudit "+c.name+" ")
		})
	}
}

// A wrong command line exits 2 and names what is valid.
func TestBadCommandLineExitsTwo(t *testing.T) {
	dir := samples(t)
	record := filepath.Join(dir, recordFile)
	tests := []struct {
		args []string
		want string // on stderr
	}{
		{[]string{"frobnicate"}, "valid: verify, seal, report, checklist, catalogue, "},
		{[]string{"-no-such-flag"}, "valid commands: verify, seal"},
		{[]string{"help", "frobnicate"}, "valid: verify, seal"},
		{[]string{"verify"}, "missing FILE"},
		{[]string{"verify", record, record}, "unexpected argument"},
		{[]string{"verify", "-no-such-flag", record}, "-no-such-flag"},
		{[]string{"verify", "-format", "xml", record}, "valid: text, json"},
		{[]string{"verify", "-at", "yesterday", record}, "RFC 3339"},
		{[]string{"seal", "-format", "xml", record}, "valid: text, json"},
		{[]string{"seal", record, "-key", filepath.Join(dir, "no-such-keys.txt")}, "no-such-keys.txt"},
		{[]string{"seal", record, "-key", record}, "not a note verifier key"},
		{[]string{"report", "-format", "pdf", record}, "valid: markdown, html, json, csv, oscal, poam, actions, seal"},
		{[]string{"report"}, "missing FILE"},
		{[]string{"checklist", "-kind", "stage3"}, "valid: stage1, stage2"},
		{[]string{"checklist", "-kind", "special"}, "valid: stage1, stage2"},
		{[]string{"checklist", "-format", "pdf"}, "valid: markdown, csv, json"},
		{[]string{"checklist", "-catalogue", "people"}, "valid: controls, clauses, map2013"},
		{[]string{"checklist", "extra"}, `"extra"`},
		{[]string{"catalogue"}, "missing a catalogue name"},
		{[]string{"catalogue", "people"}, "valid: controls, clauses, map2013"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCommand(t, nil, tt.args...)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, tt.want)
		})
	}
}

// The committed example records verify and their seal and signatures
// check out: go run ./examples/ismsaudit verify testdata/internal-audit.json.
func TestCommittedRecords(t *testing.T) {
	r := runCommand(t, nil, "verify", filepath.Join("testdata", recordFile))
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "audit IA-2026-01 conforms: no violation of the process rules\n", r.stdout)

	for _, name := range []string{recordFile, copyFile} {
		r := runCommand(t, nil, "seal", filepath.Join("testdata", name), "-key", filepath.Join("testdata", keysFile))
		require.Equal(t, 0, r.code, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "signatures: 2 verified: northwind-audit-lead (key 8eb9a7cd, head 1), northwind-quality-review (key 3b515b43, head 1)\n")
		assert.True(t, strings.HasSuffix(r.stdout, "result: ok\n"))
	}
}

func TestVerify(t *testing.T) {
	dir := samples(t)
	record := filepath.Join(dir, recordFile)

	t.Run("conforming", func(t *testing.T) {
		r := runCommand(t, nil, "verify", record)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "audit IA-2026-01 conforms: no violation of the process rules\n", r.stdout)
		assert.Empty(t, r.stderr)

		stdin := runCommand(t, readFile(t, record), "verify", "-")
		assert.Equal(t, r, stdin, "standard input reads as the file")

		r = runCommand(t, nil, "verify", "-format", "json", "-at", "2026-12-31T00:00:00Z", record)
		require.Equal(t, 0, r.code, r.stderr)
		var res verifyResult
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
		assert.Equal(t, verifyResult{Document: "audit", ID: "IA-2026-01", Conforms: true, Violations: []violation{}}, res)
	})

	// The major nonconformity on A.8.8 graded minor without an operation:
	// the seal and the checklist no longer agree with it.
	bad := edited(t, record, `"grade": "major"`, `"grade": "minor"`)
	t.Run("violations", func(t *testing.T) {
		r := runCommand(t, nil, "verify", bad)
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, r.stdout, "Findings[6].Grade: AUD-SEAL-INTACT (19011:5.5.7): ")
		assert.Contains(t, r.stdout, "Checklist.Items[6].Result: AUD-CHECKLIST-FINDINGS (19011:6.3.4, 6.4.8) value \"major-nonconformity\": ")
		assert.Regexp(t, `audit IA-2026-01: \d+ violations\n$`, r.stdout)

		r = runCommand(t, nil, "verify", "-format", "json", bad)
		assert.Equal(t, 1, r.code, r.stderr)
		var res verifyResult
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
		assert.False(t, res.Conforms)
		assert.Contains(t, res.Violations, violation{Path: "Findings[6].Grade", Rule: "AUD-SEAL-INTACT", Clause: "19011:5.5.7",
			Detail: "the record differs here from what was sealed or last recorded by an operation [part-changed]"})
	})

	t.Run("a recipient's copy", func(t *testing.T) {
		r := runCommand(t, nil, "verify", filepath.Join(dir, copyFile))
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "recipient's copy")
		assert.Contains(t, r.stdout, "AUD-RECORD-SHAPE")
	})

	t.Run("unreadable", func(t *testing.T) {
		for name, input := range map[string]string{
			"not JSON":      "this is not a record",
			"unknown field": `{"id": "A-1", "colour": "blue"}`,
			"bad enum":      `{"id": "A-1", "state": "dreaming"}`,
		} {
			r := runCommand(t, []byte(input), "verify", "-")
			assert.Equal(t, 2, r.code, name)
			assert.Empty(t, r.stdout, name)
			assert.Contains(t, r.stderr, "standard input is not a valid record", name)
		}
		r := runCommand(t, nil, "verify", filepath.Join(dir, "no-such-record.json"))
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "no-such-record.json")
	})
}

func TestSeal(t *testing.T) {
	dir := samples(t)
	record, cp, keys := filepath.Join(dir, recordFile), filepath.Join(dir, copyFile), filepath.Join(dir, keysFile)

	t.Run("record", func(t *testing.T) {
		r := runCommand(t, nil, "seal", record, "-key", keys)
		require.Equal(t, 0, r.code, r.stdout+r.stderr)
		assert.Regexp(t, `^audit record IA-2026-01
seal: intact \(sha256-record-tree-v3\): head 1 over \d+ leaves, head hash [0-9a-f]{64}; 0 operations since the last head
signatures: 2 verified: northwind-audit-lead \(key 8eb9a7cd, head 1\), northwind-quality-review \(key 3b515b43, head 1\)
result: ok
$`, r.stdout)
	})

	t.Run("copy", func(t *testing.T) {
		r := runCommand(t, readFile(t, cp), "seal", "-key", keys, "-")
		require.Equal(t, 0, r.code, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "recipient's copy of audit record IA-2026-01\n")
		assert.Regexp(t, `copy: \d+ parts proven against head 1, 12 withheld: evidence\[0\], `, r.stdout)

		r = runCommand(t, nil, "seal", "-format", "json", "-key", keys, cp)
		require.Equal(t, 0, r.code, r.stderr)
		var res sealResult
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
		assert.True(t, res.OK)
		assert.True(t, res.Copy)
		assert.Len(t, res.Withheld, 12)
		assert.Positive(t, res.Proven)
		assert.Len(t, res.Signatures, 2)
	})

	t.Run("without keys", func(t *testing.T) {
		r := runCommand(t, nil, "seal", record)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, "signatures: not checked (no -key given)\n")
	})

	t.Run("edited copy", func(t *testing.T) {
		r := runCommand(t, nil, "seal", edited(t, cp, `"grade": "major"`, `"grade": "minor"`), "-key", keys)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "seal: FAILED: proof-failed at Findings[")
		assert.True(t, strings.HasSuffix(r.stdout, "result: FAILED\n"))

		r = runCommand(t, nil, "seal", "-format", "json", edited(t, cp, `"grade": "major"`, `"grade": "minor"`))
		assert.Equal(t, 1, r.code)
		var res sealResult
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
		require.NotNil(t, res.SealError)
		assert.Equal(t, "proof-failed", res.SealError.Problem)
	})

	t.Run("untrusted key", func(t *testing.T) {
		_, vkey, err := exampleKey("someone-else")
		require.NoError(t, err)
		other := filepath.Join(t.TempDir(), "other.txt")
		require.NoError(t, os.WriteFile(other, []byte(vkey+"\n"), 0o644))
		r := runCommand(t, nil, "seal", record, "-key", other)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "seal: intact")
		assert.Contains(t, r.stdout, "signatures: FAILED: unknown-key: key northwind-audit-lead")
	})

	t.Run("unreadable", func(t *testing.T) {
		r := runCommand(t, []byte("{"), "seal", "-", "-key", keys)
		assert.Equal(t, 2, r.code)
		assert.Empty(t, r.stdout)
	})
}

func TestReport(t *testing.T) {
	dir := samples(t)
	record, keys := filepath.Join(dir, recordFile), filepath.Join(dir, keysFile)

	for _, f := range reportFormats {
		t.Run(f.name, func(t *testing.T) {
			r := runCommand(t, nil, "report", "-format", f.name, record)
			if f.name == "poam" {
				// The sample audit closed every corrective action: a POA&M
				// has nothing to plan and OSCAL wants at least one item.
				assert.Equal(t, 1, r.code)
				assert.Empty(t, r.stdout)
				assert.Contains(t, r.stderr, "no open nonconformity")
				return
			}
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			again := runCommand(t, readFile(t, record), "report", "-format", f.name, "-")
			assert.Equal(t, r.stdout, again.stdout, "deterministic, and standard input reads as the file")
			switch f.name {
			case "markdown":
				assert.True(t, strings.HasPrefix(r.stdout, "# Internal audit report: Northwind Analytics Ltd\n"), r.stdout[:80])
			case "html":
				assert.True(t, strings.HasPrefix(r.stdout, "<!DOCTYPE html>"))
			case "json":
				rep, err := report.DecodeAuditReport([]byte(r.stdout))
				require.NoError(t, err)
				assert.False(t, rep.Draft)
			case "oscal":
				var doc map[string]any
				require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
				assert.Contains(t, doc, "assessment-results")
			default:
				rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
				require.NoError(t, err)
				assert.Greater(t, len(rows), 1)
			}
		})
	}

	t.Run("verified signers", func(t *testing.T) {
		r := runCommand(t, nil, "report", "-format", "seal", "-key", keys, record)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, "northwind-audit-lead+8eb9a7cd;northwind-quality-review+3b515b43")
	})

	t.Run("recipient's copy", func(t *testing.T) {
		r := runCommand(t, nil, "report", "-format", "json", "-recipient", "Jordan Blake", record)
		require.Equal(t, 0, r.code, r.stderr)
		rep, err := report.DecodeAuditReport([]byte(r.stdout))
		require.NoError(t, err)
		require.NotNil(t, rep.Copy)
		require.NotNil(t, rep.Seal)
		r = runCommand(t, nil, "report", "-format", "seal", "-recipient", "Jordan Blake", record)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Regexp(t, `,\d+,12\n$`, r.stdout, "proven and withheld parts")

		r = runCommand(t, nil, "report", "-recipient", "Nobody", record)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "valid: Audit committee, Priya Shah, Jordan Blake")
	})

	bad := edited(t, record, `"grade": "major"`, `"grade": "minor"`)
	t.Run("refused", func(t *testing.T) {
		r := runCommand(t, nil, "report", bad)
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "audit IA-2026-01 does not verify")
		assert.Contains(t, r.stderr, "  Findings[6].Grade: AUD-SEAL-INTACT (19011:5.5.7): ")
	})
	t.Run("draft", func(t *testing.T) {
		r := runCommand(t, nil, "report", "-draft", "-format", "json", bad)
		require.Equal(t, 0, r.code, r.stderr)
		rep, err := report.DecodeAuditReport([]byte(r.stdout))
		require.NoError(t, err)
		assert.True(t, rep.Draft)
		assert.NotEmpty(t, rep.Violations)
	})
	t.Run("unreadable", func(t *testing.T) {
		r := runCommand(t, []byte(`[]`), "report", "-")
		assert.Equal(t, 2, r.code)
		assert.Empty(t, r.stdout)
	})
}

// checklist and catalogue print what go run ./examples/checklist prints.
func TestChecklistAsExamplesChecklist(t *testing.T) {
	checklist := filepath.Join(t.TempDir(), "checklist")
	out, err := exec.Command("go", "build", "-o", checklist, "../checklist").CombinedOutput()
	require.NoError(t, err, "%s", out)
	want := func(args ...string) string {
		out, err := exec.Command(checklist, args...).Output()
		require.NoError(t, err)
		return string(out)
	}
	var cases [][]string
	cases = append(cases, nil)
	for _, k := range checklistKinds {
		for _, f := range []string{"markdown", "csv", "json"} {
			cases = append(cases, []string{"-kind", k.String(), "-format", f})
		}
	}
	for _, c := range catalogues {
		cases = append(cases, []string{"-catalogue", c.name})
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCommand(t, nil, append([]string{"checklist"}, args...)...)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, want(args...), r.stdout)
		})
	}
	for _, c := range catalogues {
		t.Run("catalogue "+c.name, func(t *testing.T) {
			r := runCommand(t, nil, "catalogue", c.name)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, want("-catalogue", c.name), r.stdout)
		})
	}

	r := runCommand(t, nil, "checklist", "-kind", "internal", "-format", "json")
	cl, err := annexa.DecodeChecklist([]byte(r.stdout))
	require.NoError(t, err)
	assert.Equal(t, annexa.Internal, cl.Kind)
}

// verify reads a programme when the document is one.
func TestVerifyProgramme(t *testing.T) {
	p, err := programme.New(programme.NewOptions{ID: "NW-IA-2026"}, ismsaudit.Meta{At: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), By: "programme manager"})
	require.NoError(t, err)
	data, err := json.MarshalIndent(p, "", "  ")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "programme.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))

	r := runCommand(t, nil, "verify", path)
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.Equal(t, "programme NW-IA-2026 conforms: no violation of the process rules\n", r.stdout)

	// A draft said to be approved, with nothing an approval needs.
	r = runCommand(t, nil, "verify", "-format", "json", edited(t, path, `"state": "draft"`, `"state": "approved"`))
	assert.Equal(t, 1, r.code, r.stderr)
	var res verifyResult
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
	assert.Equal(t, "programme", res.Document)
	assert.Contains(t, res.Violations, violation{Path: "Objectives", Rule: "PRG-OBJECTIVES", Clause: "19011:5.2", Detail: "the programme has no objectives"})
}
