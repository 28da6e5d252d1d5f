package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestEvaluation(t *testing.T) {
	code, out, errs := runArgs()
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	for _, line := range []string{
		"Competence evaluation: Meridian Certification Ltd, 2026-01-12\n",
		// A decision per person and criteria set, every criterion in brief.
		"Marta Nowak (MER-01)\n  ISMS auditor: competent, re-evaluation due 2029-01-12 (competent; methods review-of-records, interview, observation)\n",
		"  ISMS audit team leader: competent, re-evaluation due 2029-01-12",
		"    met     guided-lead-audits: 3 audits led under guidance in the last 36 months, required 3\n",
		"Sam Rivers (MER-05)\n  ISMS auditor: not yet competent (not-yet-competent;",
		"    NOT MET lead-auditor-course: longest \"ISO/IEC 27001 Lead Auditor (online)\" (32 hours, 2025-04-04) completed, required 40 hours\n",
		"    NOT MET isms-audits: 2 audits in the last 36 months, required 4\n",
		"    action  Take part in at least four more ISO/IEC 27001 audits as a trainee under a team leader. (isms-audits, isms-audit-days; by 2027-01-12)\n",
		"    next    [re-evaluate withdraw]\n",
		"Dr Priya Raman (MER-09): technical expert; not evaluated as an auditor",
		// Standing on the audit day, and later.
		"  Marta Nowak      isms-audit-team-leader   competent until 2029-01-12\n",
		"  Sam Rivers       isms-auditor             not-yet-competent",
		"on 2029-02-12 Marta Nowak would no longer be: re-evaluation-due",
		// The team and why.
		"Chosen (exact search, 3 members, the fewest possible: 3):\n",
		"  Marta Nowak      team leader       the only competent team leader;",
		"  Dr Priya Raman   technical expert  covers knowledge iso27001-requirements>=proficient, knowledge technology-threats>=expert",
		"  Luis Ortega      not independent: consulted for \"Harbourline Logistics Group Ltd\", ended 2025-03-28, within the 24-month cooling-off period\n",
		"The team passes every team rule (Pool.CheckTeam).\n",
		"  language fr: nobody-has (CMP-TEAM-COVERS)\n",
	} {
		assert.Contains(t, out, line)
	}
	assert.Equal(t, 5, strings.Count(out, "  ISMS auditor: "), "five auditors evaluated")
	assert.Equal(t, 5, strings.Count(out, "    NOT MET ")-2, "Sam Rivers misses five criteria (and two groups)")

	_, again, _ := runArgs()
	assert.Equal(t, out, again, "deterministic")
}

func TestArgumentsRefused(t *testing.T) {
	code, out, errs := runArgs("extra")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "takes none")

	code, out, errs = runArgs("-format", "html")
	assert.Equal(t, 2, code, "the command has no flags")
	assert.Empty(t, out)
	assert.Contains(t, errs, "-format")
}

// -h and -help print the usage and exit 0, like the Go tools.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		code, out, errs := runArgs(arg)
		assert.Equal(t, 0, code, arg)
		assert.Empty(t, out, arg)
		assert.Contains(t, errs, "usage: ", arg)
		assert.Contains(t, errs, "exit status", arg)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorExitsOne(t *testing.T) {
	var errb bytes.Buffer
	assert.Equal(t, 1, run(nil, failingWriter{}, &errb))
	assert.Contains(t, errb.String(), "disk full")
}
