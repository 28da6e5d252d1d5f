package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestSealSignCopyVerify(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runArgs("-dir", dir)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	for _, want := range []string{
		"seal sha256-record-tree-v3, head 1 over ",
		"signed by northwind-audit-lead and northwind-quality-review\n",
		"copy-for-jordan-blake.json   the copy for Jordan Blake (clearance public): 12 of 14 evidence items withheld\n",
		"    - signatures verified: northwind-audit-lead (key ",
		"    - the process rules kept (audit.Verify)\n",
		"    - every part shown proven against head 1: ",
		"the copy with its major nonconformity edited to minor: refused, proof-failed at Findings[",
		"the copy signed again by a key nobody trusts: refused, unknown-key: someone-else+",
	} {
		assert.Contains(t, out, want)
	}

	// The files are what the program says: the copy holds no withheld
	// item and verifies on its own.
	data, err := os.ReadFile(filepath.Join(dir, copyFile))
	require.NoError(t, err)
	c, err := audit.Decode(data)
	require.NoError(t, err)
	require.NoError(t, c.VerifySeal())
	assert.True(t, c.Seal.IsCopy())
	for _, e := range c.Evidence {
		assert.Equal(t, audit.ConfidentialityPublic, e.Confidentiality, e.ID)
	}
	var record audit.Audit
	data, err = os.ReadFile(filepath.Join(dir, recordFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &record))
	assert.Len(t, record.Evidence, 14)
	keys, err := os.ReadFile(filepath.Join(dir, keysFile))
	require.NoError(t, err)
	assert.Len(t, strings.Fields(string(keys)), 2)

	// The same output on every run, but for the directory.
	_, again, _ := runArgs("-dir", dir)
	assert.Equal(t, out, again)
}

func TestCommandLine(t *testing.T) {
	code, out, errs := runArgs("-h")
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "usage: seal [flags]")
	code, _, errs = runArgs("-bogus")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "flag provided but not defined: -bogus")
	code, _, errs = runArgs("extra")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `unexpected argument "extra"`)
}
