package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/report"
)

// hostileSoA is a complete SoA whose text tries to become markup.
func hostileSoA(t *testing.T) *annexa.SoA {
	t.Helper()
	s, err := annexa.NewSoA("Example <Ltd> | *Group*", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Chosen by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	require.NoError(t, err)
	s.Version = "v<2>"
	require.NoError(t, s.Exclude("7.12", "<script>alert(1)</script> | no [cabling](http://x) of *ours*\n# heading"))
	require.NoError(t, s.Include("5.31", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisContractual},
		Justification: "Data protection law & contracts",
		Status:        annexa.PartiallyImplemented,
	}))
	return s
}

func TestWriteSoAMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteSoA(&buf, hostileSoA(t), report.Markdown))
	out := buf.String()
	lines := strings.Split(out, "\n")
	assert.Equal(t, `# Statement of Applicability: Example \<Ltd\> \| \*Group\*`, lines[0])
	assert.Contains(t, out, "Version v\\<2\\>.")
	assert.Contains(t, out, "Controls: 93 · applicable: 92 · excluded: 1 · partially implemented: 1 · implemented: 91\n")
	for _, h := range []string{"## Annex A.5 Organizational controls", "## Annex A.6 People controls", "## Annex A.7 Physical controls", "## Annex A.8 Technological controls"} {
		assert.Contains(t, lines, h)
	}
	rows := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "| A.") {
			rows++
			assert.Equal(t, 6, strings.Count(l, " |"), "six cells, no stray column: %s", l)
		}
	}
	assert.Equal(t, annexa.ControlCount, rows)
	assert.Contains(t, out, `| A.7.12 | Cabling security | excluded | \<script\>alert(1)\</script\> \| no \[cabling\](http://x) of \*ours\* \# heading |  |  |`)
	assert.Contains(t, out, "| A.5.31 | Legal, statutory, regulatory and contractual requirements | applicable | Data protection law & contracts | partially implemented | legal or regulatory requirement; contractual requirement |")
	assert.NotContains(t, out, "<script>")
}

func TestWriteSoAHTML(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteSoA(&buf, hostileSoA(t), report.HTML))
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "<Ltd>")
	assert.Contains(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Contains(t, out, "<title>Statement of Applicability: Example &lt;Ltd&gt; | *Group*</title>")
	assert.Equal(t, annexa.ControlCount, strings.Count(out, "<tr><td>A."))
	assert.Equal(t, 4, strings.Count(out, "<table>"))
	assert.Equal(t, 4, strings.Count(out, "</table>"), "each theme's table closed, once")
	assert.Less(t, strings.Index(out, "<table>"), strings.Index(out, "</table>"))
	assert.True(t, strings.HasSuffix(out, "</html>\n"))
}

func TestWriteSoARefuses(t *testing.T) {
	for _, f := range []report.Format{report.CSV, report.JSON, "pdf"} {
		var buf bytes.Buffer
		err := report.WriteSoA(&buf, hostileSoA(t), f)
		require.ErrorIs(t, err, ismsaudit.ErrInvalid, f)
		assert.Zero(t, buf.Len())
	}
	incomplete := hostileSoA(t)
	incomplete.Decisions = incomplete.Decisions[:90]
	var buf bytes.Buffer
	err := report.WriteSoA(&buf, incomplete, report.Markdown)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Decisions", annexa.RuleSoAComplete))
	assert.Zero(t, buf.Len(), "nothing is written")
}

// failWriter fails every write.
type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteSoAWriteError(t *testing.T) {
	for _, f := range []report.Format{report.Markdown, report.HTML} {
		require.ErrorIs(t, report.WriteSoA(failWriter{}, hostileSoA(t), f), errDiskFull)
	}
}

func TestWriteSoADeterministic(t *testing.T) {
	for _, f := range []report.Format{report.Markdown, report.HTML} {
		var a, b bytes.Buffer
		require.NoError(t, report.WriteSoA(&a, hostileSoA(t), f))
		s := hostileSoA(t)
		// The same decisions in another order give the same output.
		for i, j := 0, len(s.Decisions)-1; i < j; i, j = i+1, j-1 {
			s.Decisions[i], s.Decisions[j] = s.Decisions[j], s.Decisions[i]
		}
		require.NoError(t, report.WriteSoA(&b, s, f))
		assert.Equal(t, a.String(), b.String())
	}
}

func ExampleWriteSoA() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Chosen by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := soa.Exclude("7.12", "No cabling of our own: the offices are rented"); err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteSoA(&buf, soa, report.Markdown); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "Controls") || strings.Contains(line, "A.7.12") || strings.Contains(line, "A.5.1 ") {
			fmt.Println(line)
		}
	}
	// Output:
	// # Statement of Applicability: Example Ltd
	// Controls: 93 · applicable: 92 · excluded: 1 · implemented: 92
	// ## Annex A.5 Organizational controls
	// | A.5.1 | Policies for information security | applicable | Chosen by the risk treatment plan | implemented | risk treatment |
	// ## Annex A.6 People controls
	// ## Annex A.7 Physical controls
	// | A.7.12 | Cabling security | excluded | No cabling of our own: the offices are rented |  |  |
	// ## Annex A.8 Technological controls
}
