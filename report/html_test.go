package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
)

func TestHTMLEscapesEveryField(t *testing.T) {
	r := hostileReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, HTML))
	out := buf.String()
	for _, raw := range []string{"<script", "<img", "onerror=alert(1)>", `"q"`, "'a'", "&amp; "} {
		assertAbsent(t, out, raw)
	}
	assert.True(t, strings.Contains(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp; &#34;q&#34; &#39;a&#39;"))
	assert.True(t, strings.Contains(out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;"))
	// Every tag in the page is one the renderer writes itself.
	tags := regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`).FindAllStringSubmatch(out, -1)
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
		"h1": true, "h2": true, "h3": true, "p": true, "ul": true, "li": true, "strong": true, "code": true, "a": true, "span": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "article": true, "br": true}
	for _, m := range tags {
		assert.True(t, allowed[strings.ToLower(m[2])], "unexpected tag <%s%s>", m[1], m[2])
	}
	// Attribute values are quoted and hold no quote or angle bracket.
	for _, m := range regexp.MustCompile(`\s(id|href|class)="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		assert.NotContains(t, m[2], "<", m[0])
		if m[1] == "href" {
			assert.True(t, strings.HasPrefix(m[2], "#"), "only in-page links: %s", m[0])
		}
	}
	// Opening and closing tags balance.
	for _, el := range []string{"p", "ul", "li", "table", "tr", "td", "article", "strong", "code", "a", "span", "h2", "h3"} {
		open := strings.Count(out, "<"+el+">") + strings.Count(out, "<"+el+" ")
		assert.Equal(t, open, strings.Count(out, "</"+el+">"), el)
	}
}

// chromium returns the path of a Chromium to test with, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("chromium not installed (Debian: apt-get install -y chromium)")
	return ""
}

// runChromium runs headless Chromium on page with extra flags and
// returns its stdout and stderr.
func runChromium(t *testing.T, bin, page string, extra ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--enable-logging=stderr", "--v=0", "--user-data-dir=" + t.TempDir(),
	}, extra...)
	args = append(args, "file://"+page)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "chromium failed: %s", errOut.String())
	for _, line := range strings.Split(errOut.String(), "\n") {
		assert.NotContains(t, line, ":CONSOLE", "the page logged a console message (an error, a blocked resource or script)")
	}
	return out.String(), errOut.String()
}

// TestHTMLInChromium loads the rendered page in headless Chromium: the page
// loads without console errors, the DOM holds the report, a hostile report
// gains no element from its data, and a screenshot is produced.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	write := func(name string, r *AuditReport) string {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, HTML))
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return path
	}
	page := write("report.html", internalReport(t))

	dom, _ := runChromium(t, bin, page, "--dump-dom")
	assert.Contains(t, dom, "<title>Internal audit report: Northwind Analytics Ltd</title>")
	assert.Contains(t, dom, `<h3 id="f-F-02">F-02 · Nonconformity (major)</h3>`)
	assert.Contains(t, dom, `<strong id="e-EV-03">EV-03</strong>`)

	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, page, "--screenshot="+shot, "--window-size=1280,2000")
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	require.Greater(t, len(png), 1000)
	assert.Equal(t, []byte("\x89PNG\r\n\x1a\n"), png[:8], "a PNG image")

	hostile := write("hostile.html", hostileReport(t))
	dom, _ = runChromium(t, bin, hostile, "--dump-dom")
	assertAbsent(t, dom, "<script")
	assertAbsent(t, dom, "<img")
	assert.True(t, strings.Contains(dom, "&lt;script&gt;alert('x')&lt;/script&gt;"))
}

func TestEvidenceOfCopyInHTML(t *testing.T) {
	c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, c, HTML))
	out := buf.String()
	assert.Contains(t, out, `<p class="note"><strong>Copy for Priya Shah</strong>, cleared for internal material; 2 evidence items above that clearance are shown by reference only.</p>`)
	assert.Contains(t, out, `<strong id="e-EV-03">EV-03</strong> (record, restricted, verified, collected 2026-03-03 11:00 +00:00) <span class="badge badge-withheld">withheld</span>`)
	assert.NotContains(t, out, "L-07 J. Doe")
	assert.NotContains(t, out, "9f2c1be4a7d05e3c")
	assert.Contains(t, out, "Patch status of 25 production servers", "internal items stay")
}

// FuzzAppendAnchor checks appendAnchor, which copies runs, against the
// definition of an anchor byte by byte.
func FuzzAppendAnchor(f *testing.F) {
	for _, s := range []string{"", "F-1", "EV-00004-0", "F_1", "F 1/2", "é", "abcdefghijklmnop#", hostilePrefix} {
		f.Add(s)
	}
	every := make([]byte, 256) // every byte, the edges of the kept ranges among them
	for i := range every {
		every[i] = byte(i)
	}
	f.Add(string(every))
	f.Fuzz(func(t *testing.T, id string) {
		want := "e-"
		for i := 0; i < len(id); i++ {
			c := id[i]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
				want += string(c)
			} else {
				want += fmt.Sprintf("_%02x", c)
			}
		}
		if got := string(appendAnchor([]byte("x"), "e", id)); got != "x"+want {
			t.Fatalf("appendAnchor(%q) = %q, want %q", id, got, "x"+want)
		}
	})
}

func TestAnchorsAreDistinct(t *testing.T) {
	ids := []string{"F-1", "F_1", "F 1", "F/1", "f-1", "F-1 ", "", "é"}
	seen := map[string]string{}
	for _, id := range ids {
		a := anchor("f", id)
		assert.Regexp(t, `^f-[A-Za-z0-9_-]*$`, a)
		if prev, dup := seen[a]; dup {
			t.Errorf("%q and %q share anchor %q", prev, id, a)
		}
		seen[a] = id
	}
}

// allowedTags are the elements the programme page may hold: the audit
// report's and the charts'.
var allowedTags = map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
	"h1": true, "h2": true, "h3": true, "p": true, "ul": true, "li": true, "strong": true, "code": true, "a": true, "span": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "article": true,
	"figure": true, "figcaption": true, "svg": true, "g": true, "rect": true, "line": true, "text": true}

func TestProgrammeHTMLEscapesEveryField(t *testing.T) {
	r := hostileProgrammeReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, r, HTML))
	out := buf.String()
	for _, raw := range []string{"<script", "<img", "onerror=alert(1)>", `"q"`, "'a'", "&amp; "} {
		assertAbsent(t, out, raw)
	}
	assertContains(t, out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;")
	assertContains(t, out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp; &#34;q&#34; &#39;a&#39; | *b* _i_ #h [l](javascript:x) `c`\r\n-- POL-7: 1 nonconformity (1 minor)</title>",
		"the chart's tooltip carries the hostile document id, escaped")
	assertContains(t, out, `text-anchor="end">=HYPERLINK(&#34;http://ev…</text>`, "the chart's label is shortened and escaped")
	for _, m := range regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`).FindAllStringSubmatch(out, -1) {
		assert.True(t, allowedTags[strings.ToLower(m[2])], "unexpected tag <%s%s>", m[1], m[2])
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

func TestProgrammeHTMLSharesTheAuditReportStyle(t *testing.T) {
	var prog, aud bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&prog, programmeReport(t), HTML))
	require.NoError(t, WriteAuditReport(&aud, internalReport(t), HTML))
	head := func(s string) string { return s[:strings.Index(s, "<title>")] }
	assert.Equal(t, head(aud.String()), head(prog.String()), "same document head and security policy")
	assertContains(t, prog.String(), "<style>\n"+htmlStyle+chartStyle+"</style>")
}

// TestProgrammeHTMLInChromium loads the programme page in headless
// Chromium: it loads without console errors (no blocked resource, no
// script), the DOM holds the schedule and both charts, a hostile report
// gains no element from its data, and a screenshot is produced.
func TestProgrammeHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	write := func(name string, r *ProgrammeReport) string {
		var buf bytes.Buffer
		require.NoError(t, WriteProgrammeReport(&buf, r, HTML))
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return path
	}
	page := write("programme.html", programmeReport(t))

	dom, _ := runChromium(t, bin, page, "--dump-dom")
	assertContains(t, dom, "<title>Audit programme status: ISMS-AP-2026</title>")
	assertContains(t, dom, `<h2 id="schedule">Audit schedule</h2>`)
	assert.Equal(t, 2, strings.Count(dom, "<svg "), "two charts")
	assertContains(t, dom, `<title id="chart-1-title">Nonconformities by clause and control</title>`)
	assertContains(t, dom, "<title>A.8.8 Management of technical vulnerabilities: 3 nonconformities (2 major, 1 minor)</title>")

	shot := filepath.Join(dir, "programme.png")
	runChromium(t, bin, page, "--screenshot="+shot, "--window-size=1280,3000")
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	require.Greater(t, len(png), 1000)
	assert.Equal(t, []byte("\x89PNG\r\n\x1a\n"), png[:8], "a PNG image")

	hostile := write("hostile.html", hostileProgrammeReport(t))
	dom, _ = runChromium(t, bin, hostile, "--dump-dom")
	assertAbsent(t, dom, "<script")
	assertAbsent(t, dom, "<img")
	assertContains(t, dom, "&lt;script&gt;alert('x')&lt;/script&gt;")
	assert.Equal(t, 2, strings.Count(dom, "<svg "), "the hostile data adds no chart")
}
