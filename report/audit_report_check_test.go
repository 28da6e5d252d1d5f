package report

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// TestCheckCitedEvidence covers the ways findings cite evidence items:
// in the report's order (found without the index), in another order,
// twice, and ids the report does not hold, blank ones included.
func TestCheckCitedEvidence(t *testing.T) {
	type field struct {
		path string
		rule ismsaudit.RuleID
	}
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
		want   []field
	}{
		{"in order", func(r *AuditReport) {}, nil},
		{"reversed", func(r *AuditReport) {
			for i := range r.Findings {
				slices.Reverse(r.Findings[i].Evidence)
			}
		}, nil},
		{"cited twice", func(r *AuditReport) {
			r.Findings[1].Evidence = append(r.Findings[1].Evidence, r.Findings[1].Evidence[0], r.Findings[0].Evidence[4])
		}, nil},
		{"unknown", func(r *AuditReport) { r.Findings[1].Evidence[2] = "EV-99" }, []field{{"Findings[1].Evidence[2]", errs.RuleUnknown}}},
		{"blank id cited where the item is blank", func(r *AuditReport) {
			r.Evidence[6].ID = " "
			r.Findings[1].Evidence[1] = " "
		}, []field{{"Evidence[6].ID", "required"}, {"Findings[1].Evidence[1]", errs.RuleUnknown}}},
		{"empty id cited where the item is empty", func(r *AuditReport) {
			r.Evidence[5].ID = ""
			r.Findings[1].Evidence[0] = ""
		}, []field{{"Evidence[5].ID", "required"}, {"Findings[1].Evidence[0]", errs.RuleUnknown}}},
		{"duplicate id", func(r *AuditReport) { r.Evidence[7].ID = r.Evidence[2].ID }, []field{
			{"Evidence[7].ID", "unique"}, {"Findings[1].Evidence[2]", errs.RuleUnknown},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := BuildAuditReport(arLargeAudit(t, 4), &AuditReportOptions{At: arAsOf})
			require.NoError(t, err)
			tt.change(r)
			err = r.Check()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []field
			for _, f := range ve.Fields {
				if strings.HasPrefix(f.Path, "Evidence") || strings.HasPrefix(f.Path, "Findings") {
					got = append(got, field{f.Path, f.Rule})
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBlank(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", true}, {" ", true}, {" \t\n\v\f\r", true}, {"\u00a0\u0085\u2003", true}, {" \u3000 ", true},
		{"a", false}, {"  a  ", false}, {" \u00a0x", false}, {"\xff", false}, {" é", false},
	} {
		assert.Equal(t, tt.want, blank(tt.s), "%q", tt.s)
	}
}

// FuzzBlank checks blank against its definition.
func FuzzBlank(f *testing.F) {
	for _, s := range []string{"", " ", "a", " \u00a0", "\xff", "\t\u2028 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
	})
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// FuzzIsSHA256Hex checks the digest format check against a regular
// expression.
func FuzzIsSHA256Hex(f *testing.F) {
	for _, s := range []string{"", "9f2c", strings.Repeat("a", 64), strings.Repeat("A", 64), strings.Repeat("0", 63) + "g", strings.Repeat("f", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isSHA256Hex(s), sha256Hex.MatchString(s); got != want {
			t.Fatalf("isSHA256Hex(%q) = %v, want %v", s, got, want)
		}
	})
}
