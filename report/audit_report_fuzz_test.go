package report

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// FuzzDecodeAuditReport feeds DecodeAuditReport outside data. A report it
// accepts is complete, renders in every format, exports to OSCAL (unless a
// date falls outside OSCAL's range, or nothing is open for a POA&M) and
// reads back from its own JSON unchanged.
func FuzzDecodeAuditReport(f *testing.F) {
	copyFor := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "Jordan Blake", Clearance: audit.ConfidentialityPublic})
		require.NoError(f, err)
		return c
	}
	sealedCopy := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(sealedReport(t), audit.Recipient{Name: "Accreditation witness", Clearance: audit.ConfidentialityPublic})
		require.NoError(f, err)
		return c
	}
	for _, build := range []func(testing.TB) *AuditReport{internalReport, certificationReport, hostileReport, copyFor, draftReport, sealedReport, sealedCopy} {
		var buf bytes.Buffer
		require.NoError(f, WriteAuditReport(&buf, build(f), JSON))
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"title": "x", "findings": [{"id": "F"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeAuditReport(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.Nil(t, r)
			return
		}
		require.NoError(t, r.Check())
		var first, again bytes.Buffer
		for format := range Formats() {
			first.Reset()
			again.Reset()
			require.NoError(t, WriteAuditReport(&first, r, format), format)
			require.NoError(t, WriteAuditReport(&again, r, format), format)
			require.Equal(t, first.String(), again.String(), "%s is deterministic", format)
		}
		require.NoError(t, WriteNonconformityActions(&bytes.Buffer{}, r))
		for name, export := range map[string]func(*bytes.Buffer) error{
			"assessment results": func(w *bytes.Buffer) error { return AssessmentResults(w, r) },
			"poam":               func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) },
		} {
			var out bytes.Buffer
			if err := export(&out); err != nil {
				var ve *ismsaudit.ValidationError
				require.ErrorAs(t, err, &ve, name)
				for _, fe := range ve.Fields {
					outOfRange := fe.Rule == ismsaudit.RuleRange
					nothingOpen := name == "poam" && fe.Rule == ismsaudit.RuleRequired && fe.Path == "Findings"
					require.True(t, outOfRange || nothingOpen, "%s: %v", name, fe)
				}
				require.Zero(t, out.Len())
			}
		}
		first.Reset()
		require.NoError(t, WriteAuditReport(&first, r, JSON))
		back, err := DecodeAuditReport(first.Bytes())
		require.NoError(t, err)
		if diff := cmp.Diff(r, back); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}
