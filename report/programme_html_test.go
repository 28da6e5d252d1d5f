package report

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// prHostile is the fixture report with arHostilePrefix in front of every
// non-empty string of free text and every host id (enumerations and
// catalogue references left alone, as Check refuses invalid ones), and a
// nonconformity against a document whose id is hostile, so that chart
// labels carry it too.
func prHostile(t testing.TB) *ProgrammeReport {
	t.Helper()
	audits := prAudits(t)
	doc := annexa.RefToDocument(arHostilePrefix + "POL-7")
	f := &audits[2].Findings[0]
	f.Criteria = append(f.Criteria, doc)
	r, err := BuildProgrammeReport(prProgramme(t), audits, prOptions(t))
	require.NoError(t, err)
	arPrefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}

// prAllowedTags are the elements the programme page may hold: the audit
// report's and the charts'.
var prAllowedTags = map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
	"h1": true, "h2": true, "h3": true, "p": true, "ul": true, "li": true, "strong": true, "code": true, "a": true, "span": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "article": true,
	"figure": true, "figcaption": true, "svg": true, "g": true, "rect": true, "line": true, "text": true}

func TestProgrammeHTMLEscapesEveryField(t *testing.T) {
	r := prHostile(t)
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, HTML))
	out := buf.String()
	for _, raw := range []string{"<script", "<img", "onerror=alert(1)>", `"q"`, "'a'", "&amp; "} {
		arAbsent(t, out, raw)
	}
	prContains(t, out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;")
	prContains(t, out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp; &#34;q&#34; &#39;a&#39; | *b* _i_ #h [l](javascript:x) `c`\r\n-- POL-7: 1 nonconformity (1 minor)</title>",
		"the chart's tooltip carries the hostile document id, escaped")
	prContains(t, out, `text-anchor="end">=HYPERLINK(&#34;http://ev…</text>`, "the chart's label is shortened and escaped")
	for _, m := range regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`).FindAllStringSubmatch(out, -1) {
		assert.True(t, prAllowedTags[strings.ToLower(m[2])], "unexpected tag <%s%s>", m[1], m[2])
	}
	for _, m := range regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		assert.NotContains(t, m[2], "<", m[0])
		if m[1] == "href" {
			assert.True(t, strings.HasPrefix(m[2], "#"), "only in-page links: %s", m[0])
		}
	}
	for _, el := range []string{"p", "ul", "li", "table", "tr", "td", "strong", "span", "h2", "h3", "figure", "figcaption", "svg", "g", "text", "title"} {
		open := strings.Count(out, "<"+el+">") + strings.Count(out, "<"+el+" ")
		assert.Equal(t, open, strings.Count(out, "</"+el+">"), el)
	}
}

func TestProgrammeMarkdownEscapesEveryField(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, prHostile(t), Markdown))
	out := buf.String()
	arAbsent(t, out, "<script")
	arAbsent(t, out, "<img")
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	head := 0
	for i, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|"):
			n := len(pipes.FindAllString(line, -1))
			if head == 0 {
				head = n
			}
			assert.Equal(t, head, n, "line %d: a row has as many cells as its header: %s", i+1, line)
		default:
			head = 0
		}
		assert.False(t, strings.HasPrefix(line, "-- "), "line %d: a line break in a value leaked: %s", i+1, line)
	}
}

func TestProgrammeHTMLSharesTheAuditReportStyle(t *testing.T) {
	var prog, aud bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&prog, prReport(t), HTML))
	require.NoError(t, WriteAuditReport(&aud, arReport(t), HTML))
	head := func(s string) string { return s[:strings.Index(s, "<title>")] }
	assert.Equal(t, head(aud.String()), head(prog.String()), "same document head and security policy")
	prContains(t, prog.String(), "<style>\n"+htmlStyle+chartStyle+"</style>")
}

// TestProgrammeHTMLInChromium loads the programme page in headless
// Chromium: it loads without console errors (no blocked resource, no
// script), the DOM holds the schedule and both charts, a hostile report
// gains no element from its data, and a screenshot is produced.
func TestProgrammeHTMLInChromium(t *testing.T) {
	bin := arChromium(t)
	dir := t.TempDir()
	write := func(name string, r *ProgrammeReport) string {
		var buf bytes.Buffer
		require.NoError(t, WriteProgrammeReport(&buf, r, HTML))
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return path
	}
	page := write("programme.html", prReport(t))

	dom, _ := arRunChromium(t, bin, page, "--dump-dom")
	prContains(t, dom, "<title>Audit programme status: ISMS-AP-2026</title>")
	prContains(t, dom, `<h2 id="schedule">Audit schedule</h2>`)
	assert.Equal(t, 2, strings.Count(dom, "<svg "), "two charts")
	prContains(t, dom, `<title id="chart-1-title">Nonconformities by clause and control</title>`)
	prContains(t, dom, "<title>A.8.8 Management of technical vulnerabilities: 3 nonconformities (2 major, 1 minor)</title>")

	shot := filepath.Join(dir, "programme.png")
	arRunChromium(t, bin, page, "--screenshot="+shot, "--window-size=1280,3000")
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	require.Greater(t, len(png), 1000)
	assert.Equal(t, []byte("\x89PNG\r\n\x1a\n"), png[:8], "a PNG image")

	hostile := write("hostile.html", prHostile(t))
	dom, _ = arRunChromium(t, bin, hostile, "--dump-dom")
	arAbsent(t, dom, "<script")
	arAbsent(t, dom, "<img")
	prContains(t, dom, "&lt;script&gt;alert('x')&lt;/script&gt;")
	assert.Equal(t, 2, strings.Count(dom, "<svg "), "the hostile data adds no chart")
}

func TestProgrammeHTMLCharts(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, prReport(t), HTML))
	out := buf.String()
	svg := out[strings.Index(out, "<svg "):]
	svg = svg[:strings.Index(svg, "</svg>")]
	// One bar group per criterion with nonconformities, and the legend.
	assert.Equal(t, 6, strings.Count(svg, "<g>"))
	prContains(t, svg, `<rect x="150" y="8" width="12" height="12" fill="#b3261e"/>`)
	// The histogram marks the median and the 90th percentile of the
	// figures.
	prContains(t, out, ">median 41.0</text>")
	prContains(t, out, ">90th percentile 73.2</text>")
	n := 0
	for _, a := range prReport(t).Actions {
		if !a.Open() {
			n++
		}
	}
	assert.Equal(t, 7, n)
	assert.Equal(t, 6, strings.Count(out, `fill="#1f4e79"/>`), "one bar per non-empty bin: 6 bins hold the 7 closures")
}

// prContains fails when s does not occur in out, without printing out
// whole.
func prContains(t testing.TB, out, s string, msg ...any) {
	t.Helper()
	if !strings.Contains(out, s) {
		t.Errorf("%q not found in the %d bytes of output %v", s, len(out), msg)
	}
}
