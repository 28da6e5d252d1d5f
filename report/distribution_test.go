package report

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

func TestRecipientCopyRedaction(t *testing.T) {
	for _, tt := range []struct {
		clearance audit.Confidentiality
		withheld  []ismsaudit.EvidenceID
	}{
		{audit.ConfidentialityRestricted, nil},
		{audit.ConfidentialityInternal, []ismsaudit.EvidenceID{"EV-03", "EV-10"}},
		{audit.ConfidentialityPublic, []ismsaudit.EvidenceID{"EV-01", "EV-03", "EV-04", "EV-07", "EV-09", "EV-10", "EV-11"}},
	} {
		t.Run(string(tt.clearance), func(t *testing.T) {
			r := internalReport(t)
			rec := audit.Recipient{Name: "Reader", Organization: "Org", Clearance: tt.clearance}
			c, err := RecipientCopy(r, rec)
			require.NoError(t, err)
			require.NoError(t, c.Check(), "a copy is a complete report")
			if diff := cmp.Diff(internalReport(t), r); diff != "" {
				t.Fatalf("the original changed (-want +got):\n%s", diff)
			}
			assert.Equal(t, &AuditCopy{Recipient: rec, Withheld: len(tt.withheld)}, c.Copy)
			var got []ismsaudit.EvidenceID
			for i, e := range c.Evidence {
				orig := r.Evidence[i]
				if !e.Withheld {
					if diff := cmp.Diff(orig, e); diff != "" {
						t.Errorf("%s changed (-want +got):\n%s", e.ID, diff)
					}
					continue
				}
				got = append(got, e.ID)
				want := AuditEvidence{ID: orig.ID, Source: orig.Source, Confidentiality: orig.Confidentiality, State: orig.State, CollectedAt: orig.CollectedAt, Withheld: true}
				assert.Equal(t, want, e, "by reference only")
			}
			assert.Equal(t, tt.withheld, got)
			// Everything but the evidence is the original's.
			c.Evidence, c.Copy = r.Evidence, nil
			if diff := cmp.Diff(r, c); diff != "" {
				t.Errorf("copy differs beyond redaction (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecipientCopyRefuses(t *testing.T) {
	r := internalReport(t)
	for _, tt := range []struct {
		name string
		r    *AuditReport
		rec  audit.Recipient
		path string
		rule ismsaudit.RuleID
	}{
		{"no name", r, audit.Recipient{Name: " ", Clearance: audit.ConfidentialityPublic}, "Recipient.Name", ismsaudit.RuleRequired},
		{"no clearance", r, audit.Recipient{Name: "A"}, "Recipient.Clearance", ismsaudit.RuleRequired},
		{"bad clearance", r, audit.Recipient{Name: "A", Clearance: "secret"}, "Recipient.Clearance", ismsaudit.RuleEnum},
		{"incomplete report", func() *AuditReport { x := internalReport(t); x.Objectives = nil; return x }(), audit.Recipient{Name: "A", Clearance: audit.ConfidentialityPublic}, "Report.Objectives", RuleObjectives},
		{"nil report", nil, audit.Recipient{Name: "A", Clearance: audit.ConfidentialityPublic}, "Report", ismsaudit.RuleRequired},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := RecipientCopy(tt.r, tt.rec)
			assert.Nil(t, c)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "%s %s in %v", tt.path, tt.rule, ve.Fields)
		})
	}
	first, err := RecipientCopy(r, audit.Recipient{Name: "A", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	_, err = RecipientCopy(first, audit.Recipient{Name: "B", Clearance: audit.ConfidentialityRestricted})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Report.Copy", RuleRedaction), "a copy cannot be copied again")
}

func TestCheckCatchesLeakyCopy(t *testing.T) {
	c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "A", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	c.Evidence[2] = internalReport(t).Evidence[2] // EV-03 restored in full
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, c.Check(), &ve)
	assert.True(t, ve.Has("Evidence[2]", RuleRedaction))
	assert.True(t, ve.Has("Copy.Withheld", RuleRedaction))
}

func TestRecipientCopies(t *testing.T) {
	r := internalReport(t)
	copies, err := RecipientCopies(r)
	require.NoError(t, err)
	require.Len(t, copies, len(r.Distribution))
	var got []string
	for _, c := range copies {
		got = append(got, fmt.Sprintf("%s:%d", c.Copy.Recipient.Name, c.Copy.Withheld))
		assert.Equal(t, r.Distribution, c.Distribution, "each copy records the whole distribution")
	}
	assert.Equal(t, []string{"Audit committee:0", "Priya Shah:2", "Jordan Blake:7"}, got)

	none, err := RecipientCopies(certificationReport(t))
	require.NoError(t, err)
	assert.Empty(t, none, "not yet distributed")

	bad := internalReport(t)
	bad.Client = ""
	_, err = RecipientCopies(bad)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

// TestRecipientCopyProperty: whatever the confidentiality of each item and
// the recipient's clearance, exactly the items above the clearance are
// withheld, none of their content reaches any rendering of the copy, the
// original is untouched and the copy is a complete report.
func TestRecipientCopyProperty(t *testing.T) {
	levels := []audit.Confidentiality{audit.ConfidentialityPublic, audit.ConfidentialityInternal, audit.ConfidentialityRestricted}
	rapid.Check(t, func(rt *rapid.T) {
		r := internalReport(t)
		markers := make([]string, len(r.Evidence)) // no character any format escapes
		digests := make([]string, len(r.Evidence))
		for i := range r.Evidence {
			r.Evidence[i].Confidentiality = rapid.SampledFrom(levels).Draw(rt, "confidentiality")
			n := rapid.IntRange(0, 1<<30).Draw(rt, "marker")
			markers[i] = fmt.Sprintf("zq%dq%dqz", i, n)
			r.Evidence[i].Description += " " + markers[i]
			digests[i] = fmt.Sprintf("%056x%08x", n, i)
			r.Evidence[i].Digest = digests[i]
		}
		before := r.clone()
		rec := audit.Recipient{Name: "R", Clearance: rapid.SampledFrom(levels).Draw(rt, "clearance")}
		c, err := RecipientCopy(r, rec)
		if err != nil {
			rt.Fatalf("copy refused: %v", err)
		}
		if diff := cmp.Diff(before, r); diff != "" {
			rt.Fatalf("original changed (-want +got):\n%s", diff)
		}
		if err := c.Check(); err != nil {
			rt.Fatalf("copy incomplete: %v", err)
		}
		var out bytes.Buffer
		for f := range Formats() {
			if err := WriteAuditReport(&out, c, f); err != nil {
				rt.Fatalf("%s: %v", f, err)
			}
		}
		if err := WriteNonconformityActions(&out, c); err != nil {
			rt.Fatal(err)
		}
		if err := AssessmentResults(&out, c); err != nil {
			rt.Fatal(err)
		}
		text := out.String()
		withheld := 0
		for i, e := range c.Evidence {
			above := r.Evidence[i].Confidentiality.Compare(rec.Clearance) > 0
			if e.Withheld != above {
				rt.Fatalf("%s (%s) withheld=%v for clearance %s", e.ID, r.Evidence[i].Confidentiality, e.Withheld, rec.Clearance)
			}
			if above {
				withheld++
				if strings.Contains(text, markers[i]) || strings.Contains(text, digests[i]) {
					rt.Fatalf("%s: withheld content %s leaked", e.ID, markers[i])
				}
			} else if !strings.Contains(text, markers[i]) || !strings.Contains(text, digests[i]) {
				rt.Fatalf("%s: content %s missing though the recipient is cleared for it", e.ID, markers[i])
			}
		}
		if c.Copy.Withheld != withheld {
			rt.Fatalf("copy counts %d withheld, want %d", c.Copy.Withheld, withheld)
		}
	})
}

func TestCloneSharesNothing(t *testing.T) {
	r := internalReport(t)
	c := r.clone()
	if diff := cmp.Diff(r, c); diff != "" {
		t.Fatalf("clone mismatch (-want +got):\n%s", diff)
	}
	mutateStrings(reflect.ValueOf(c))
	if diff := cmp.Diff(internalReport(t), r); diff != "" {
		t.Errorf("changing the clone changed the original (-want +got):\n%s", diff)
	}
}
