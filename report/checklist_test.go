package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// filledChecklist is a small internal-audit checklist with every kind of
// entry, including text that must be escaped.
func filledChecklist(t *testing.T) *annexa.Checklist {
	t.Helper()
	soa, err := annexa.NewSoA("Example <Ltd> | *Group*", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by the risk treatment plan", Status: annexa.Implemented})
	require.NoError(t, err)
	soa.Version = "7"
	require.NoError(t, soa.Exclude("8.30", "No outsourced development"))
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{
		Kind: annexa.Internal, Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"5.15", "7.4", "8.8"},
	})
	require.NoError(t, err)
	require.NoError(t, cl.Assess(annexa.RefToClause("9.2.1"), annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-1"}}))
	require.NoError(t, cl.Assess(annexa.RefToControl("8.8"), annexa.Assessment{
		Result: annexa.MinorNonconformity, Notes: "=HYPERLINK(\"x\") 3 of 25 servers miss patches\nsee _ticket_ #42",
		EvidenceRefs: []ismsaudit.EvidenceID{"EV-2", "-EV-3"},
	}))
	require.NoError(t, cl.MarkNotAudited(annexa.RefToControl("7.4"), "site closed for works"))
	return cl
}

func TestWriteChecklistGolden(t *testing.T) {
	cl := filledChecklist(t)
	for _, tt := range []struct {
		f    Format
		file string
	}{{Markdown, "checklist.md"}, {CSV, "checklist.csv"}, {JSON, "checklist.json"}} {
		t.Run(tt.f.String(), func(t *testing.T) {
			var a, b bytes.Buffer
			require.NoError(t, WriteChecklist(&a, cl, tt.f))
			require.NoError(t, WriteChecklist(&b, cl, tt.f))
			assert.Equal(t, a.String(), b.String(), "deterministic")
			golden(t, tt.file, a.Bytes())
		})
	}
}

func TestChecklistMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteChecklist(&buf, filledChecklist(t), Markdown))
	out := buf.String()
	assert.Contains(t, out, `Example \<Ltd\> \| \*Group\*`)
	assertInertMarkdown(t, out)
	assert.Contains(t, out, `see \_ticket\_ \#42`, "line break folded, markup escaped")
	assert.Contains(t, out, "## Clause 9 Performance evaluation")
	assert.Contains(t, out, "## Annex A.8 Technological controls")
}

// TestChecklistMarkdownLeavesOutEmpty: an item without methods or
// evidence hints (a checklist built or decoded elsewhere) gets no empty
// "Methods" or "Evidence to look for" line, and a checklist with every
// item audited says nothing of items not audited.
func TestChecklistMarkdownLeavesOutEmpty(t *testing.T) {
	cl := filledChecklist(t)
	var buf bytes.Buffer
	require.NoError(t, WriteChecklist(&buf, cl, Markdown))
	require.Contains(t, buf.String(), " · not audited: 1")
	for i := range cl.Items {
		cl.Items[i].Methods, cl.Items[i].EvidenceHints = nil, nil
		cl.Items[i].NotAuditedReason = ""
	}
	buf.Reset()
	require.NoError(t, WriteChecklist(&buf, cl, Markdown))
	out := buf.String()
	assert.NotContains(t, out, "Methods:")
	assert.NotContains(t, out, "Evidence to look for")
	assert.NotContains(t, out, "not audited")
}

func TestChecklistCSV(t *testing.T) {
	var buf bytes.Buffer
	cl := filledChecklist(t)
	require.NoError(t, WriteChecklist(&buf, cl, CSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(cl.Items)+1)
	assert.Equal(t, ChecklistCSVHeader(), rows[0])
	byRef := map[string][]string{}
	for _, r := range rows[1:] {
		require.Len(t, r, len(ChecklistCSVHeader()))
		byRef[r[0]] = r
	}
	nc := byRef["A.8.8"]
	assert.Equal(t, "minor-nonconformity", nc[7])
	assert.True(t, strings.HasPrefix(nc[8], "'="), "formula neutralised: %q", nc[8])
	assert.Equal(t, "EV-2;'-EV-3", nc[9])
	assert.Equal(t, "site closed for works", byRef["A.7.4"][10])
	assert.Equal(t, strings.Join(cl.Items[0].Questions, "\n"), rows[1][5])
}

func TestChecklistJSONReadsBack(t *testing.T) {
	cl := filledChecklist(t)
	var buf bytes.Buffer
	require.NoError(t, WriteChecklist(&buf, cl, JSON))
	back, err := annexa.DecodeChecklist(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(cl, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteChecklistRefusesInvalidInput(t *testing.T) {
	cl := filledChecklist(t)
	cl.Items[0].Result = "great"
	var buf bytes.Buffer
	err := WriteChecklist(&buf, cl, Markdown)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.Zero(t, buf.Len(), "nothing written")

	err = WriteChecklist(&buf, filledChecklist(t), "pdf")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("", ismsaudit.RuleEnum))
	assert.Zero(t, buf.Len())
}

func TestWriteErrorsAreReturned(t *testing.T) {
	cl := filledChecklist(t)
	for _, f := range []Format{Markdown, CSV, JSON} { // the formats WriteChecklist writes
		for _, n := range []int{0, 10, 500} {
			err := WriteChecklist(&failAfter{n: n}, cl, f)
			require.ErrorIs(t, err, errDisk, "%s after %d bytes", f, n)
		}
	}
	for name, fn := range map[string]func(w *failAfter) error{
		"controls": func(w *failAfter) error { return ControlsCSV(w) },
		"clauses":  func(w *failAfter) error { return ClausesCSV(w) },
		"map2013":  func(w *failAfter) error { return Map2013CSV(w) },
	} {
		require.ErrorIs(t, fn(&failAfter{n: 100}), errDisk, name)
	}
}
