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

func TestPlan(t *testing.T) {
	code, out, errs := runArgs()
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	for _, line := range []string{
		"Certification plan: Harbourline Logistics Group Ltd\n",
		// Audit time: 300 identical operatives count as 18, so 358
		// persons; +30 % on the 15-day band.
		"Persons in scope: 640, counted as 358.\n",
		"Table band: 276 to 425 persons, 15 auditor days.\n",
		"Initial audit: 19.5 days (stage 1 3, stage 2 16.5); surveillance 6.5 days a year; recertification 13 days.\n",
		// Site samples: the central function and the high-risk depot every
		// time; the surveillance visits a depot stage 2 did not.
		"  Felixstowe HQ  central    PRG-SAMPLE-CENTRAL ",
		"  Dover          high-risk  PRG-SAMPLE-HIGH-RISK ",
		"  Glasgow        rotation   PRG-SAMPLE-VARY ",
		// The cycle.
		"Certification decision 2026-04-20; the certificate expires 2029-04-20.\n",
		"  HLG-surveillance-1     surveillance audit       due 2027-01-20 to 2027-04-20       6.5 days  Felixstowe HQ, Dover, Newcastle, Glasgow\n",
		"  HLG-recertification    recertification audit    due 2029-01-01 to 2029-03-21        13 days  sites chosen nearer the date\n",
		"The cycle keeps every certification rule (checked by Programme.AddCycle).\n",
		// Teams: the only team leader leads both stages; the consultant
		// and the candidate are left out, each with the reason.
		"HLG-stage2: on site 2026-03-16 to 2026-03-24, 8.25 days charged to each member\n",
		"  Dr Priya Raman   technical expert  covers knowledge iso27001-requirements>=proficient, knowledge technology-threats>=expert\n",
		"  Luis Ortega      (not chosen)      not independent: consulted for \"Harbourline Logistics Group Ltd\", ended 2025-03-28",
		"  Sam Rivers       (not chosen)      not competent as ISMS auditor: not-yet-competent\n",
	} {
		assert.Contains(t, out, line)
	}
	assert.Equal(t, 2, strings.Count(out, "  Marta Nowak      team leader "), "she leads stage 1 and stage 2")

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
