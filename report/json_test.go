package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuditReportJSONRoundTrip(t *testing.T) {
	copyFor := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal})
		require.NoError(t, err)
		return c
	}
	sealedCopy := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(sealedReport(t), audit.Recipient{Name: "Karl Braun", Clearance: audit.ConfidentialityInternal})
		require.NoError(t, err)
		return c
	}
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport, "copy": copyFor,
		"sealed": sealedReport, "sealed copy": sealedCopy} {
		t.Run(name, func(t *testing.T) {
			r := build(t)
			var buf bytes.Buffer
			require.NoError(t, WriteAuditReport(&buf, r, JSON))
			back, err := DecodeAuditReport(buf.Bytes())
			require.NoError(t, err)
			if diff := cmp.Diff(r, back); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeAuditReportRefuses(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, internalReport(t), JSON))
	good := buf.String()
	for _, tt := range []struct {
		name, doc, path string
		rule            ismsaudit.RuleID
	}{
		{"syntax", good[:100], "", "json-syntax"},
		{"trailing", good + "{}", "", "json-trailing"},
		{"unknown field", strings.Replace(good, `"title"`, `"titel"`, 1), "", "unknown-field"},
		{"enum", strings.Replace(good, `"kind": "internal"`, `"kind": "inner"`, 1), "Kind", ismsaudit.RuleEnum},
		{"incomplete", strings.Replace(good, `"client": "Omar Farouk, Chief Executive, Northwind Analytics Ltd"`, `"client": ""`, 1), "Client", RuleClient},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecodeAuditReport([]byte(tt.doc))
			assert.Nil(t, r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%s %s in %v", tt.path, tt.rule, ve.Fields)
		})
	}
}

func TestHostileReportRoundTripsAndExports(t *testing.T) {
	r := hostileReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, JSON))
	back, err := DecodeAuditReport(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	shape := loadOSCALShape(t)
	buf.Reset()
	require.NoError(t, AssessmentResults(&buf, r))
	checkOSCALShape(t, shape, buf.Bytes())
	buf.Reset()
	require.NoError(t, PlanOfActionAndMilestones(&buf, r))
	checkOSCALShape(t, shape, buf.Bytes())
}

func TestProgrammeReportJSONRoundTrip(t *testing.T) {
	r := programmeReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, JSON))
	back, err := DecodeProgrammeReport(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	_, err = DecodeProgrammeReport([]byte(`{"title": "x", "surprise": 1}`))
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	_, err = DecodeProgrammeReport(bytes.Replace(buf.Bytes(), []byte(`"status": "completed"`), []byte(`"status": "finished"`), 1))
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}
