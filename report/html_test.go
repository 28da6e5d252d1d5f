package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// arHostilePrefix is put in front of every text of a report: markup,
// quotes, entities, Markdown and table syntax, a spreadsheet formula and
// line breaks.
const arHostilePrefix = "=HYPERLINK(\"http://evil.example\")<script>alert('x')</script><img src=x onerror=alert(1)>&amp; \"q\" 'a' | *b* _i_ #h [l](javascript:x) `c`\r\n-- "

// arHostile returns the internal audit's report with arHostilePrefix in
// front of every non-empty string of free text and every host id (digests,
// which must be hex, excepted). Ids
// get the same prefix everywhere, so references still resolve;
// enumeration values and catalogue references are left alone, as the
// report refuses invalid ones.
func arHostile(t testing.TB) *AuditReport {
	t.Helper()
	r := arReport(t)
	arPrefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}

func arPrefixStrings(v reflect.Value) {
	validator := reflect.TypeFor[interface{ IsValid() bool }]()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			arPrefixStrings(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() || v.Type() == reflect.TypeFor[annexa.Ref]() {
			return
		}
		for i := range v.NumField() {
			// A digest must be lower-case hex: the report refuses anything
			// else, so it carries no text of its own.
			if f := v.Type().Field(i); f.IsExported() && f.Name != "Digest" {
				arPrefixStrings(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			arPrefixStrings(v.Index(i))
		}
	case reflect.String:
		if v.Type().Implements(validator) || v.Len() == 0 || !v.CanSet() {
			return
		}
		v.SetString(arHostilePrefix + v.String())
	}
}

func TestHTMLEscapesEveryField(t *testing.T) {
	r := arHostile(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, HTML))
	out := buf.String()
	for _, raw := range []string{"<script", "<img", "onerror=alert(1)>", `"q"`, "'a'", "&amp; "} {
		arAbsent(t, out, raw)
	}
	assert.True(t, strings.Contains(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp; &#34;q&#34; &#39;a&#39;"))
	assert.True(t, strings.Contains(out, "<title>=HYPERLINK(&#34;http://evil.example&#34;)&lt;script&gt;"))
	// Every tag in the page is one the renderer writes itself.
	tags := regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`).FindAllStringSubmatch(out, -1)
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
		"h1": true, "h2": true, "h3": true, "p": true, "ul": true, "li": true, "strong": true, "code": true, "a": true, "span": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "article": true}
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

func TestMarkdownEscapesEveryField(t *testing.T) {
	r := arHostile(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	out := buf.String()
	arAbsent(t, out, "<script")
	arAbsent(t, out, "<img")
	assert.True(t, strings.Contains(out, `&lt;script&gt;alert('x')&lt;/script&gt;`))
	assert.True(t, strings.Contains(out, `\| \*b\* \_i\_ \#h \[l\](javascript:x) \`+"`c\\`"))
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	for i, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "|") {
			// A table row has as many unescaped pipes as its header.
			assert.Contains(t, []int{3, 5, 7}, len(pipes.FindAllString(line, -1)), "line %d: %s", i+1, line)
		}
		assert.False(t, strings.HasPrefix(line, "-- "), "line %d: a line break in a value leaked: %s", i+1, line)
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	r := arHostile(t)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"findings": func(w *bytes.Buffer) error { return WriteAuditReport(w, r, CSV) },
		"actions":  func(w *bytes.Buffer) error { return WriteNonconformityActions(w, r) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, write(&buf))
			rows, err := csv.NewReader(&buf).ReadAll()
			require.NoError(t, err)
			require.Greater(t, len(rows), 1)
			for _, row := range rows[1:] {
				for j, c := range row {
					if c != "" {
						assert.NotContains(t, "=+-@\t\r", c[:1], "row %v cell %d starts a formula: %q", row[0], j, c)
					}
				}
			}
		})
	}
}

func TestHostileReportRoundTripsAndExports(t *testing.T) {
	r := arHostile(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, JSON))
	back, err := ParseAuditReport(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	shape := arLoadShape(t)
	buf.Reset()
	require.NoError(t, AssessmentResults(&buf, r))
	arCheckShape(t, shape, buf.Bytes())
	buf.Reset()
	require.NoError(t, PlanOfActionAndMilestones(&buf, r))
	arCheckShape(t, shape, buf.Bytes())
}

// arAbsent fails when s occurs in out, showing where without printing out
// whole.
func arAbsent(t testing.TB, out, s string) {
	t.Helper()
	if i := strings.Index(out, s); i >= 0 {
		t.Errorf("%q found at byte %d: ...%s...", s, i, out[max(0, i-80):min(len(out), i+80)])
	}
}

// FuzzHTMLEscape checks that the page's escaping is html/template's.
func FuzzHTMLEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "<b>&amp;</b>", `"'`, "\x00", "é\xff<", arHostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var o obuf
		o.htmlEscape(s)
		if got, want := string(o.b), template.HTMLEscapeString(s); got != want {
			t.Fatalf("htmlEscape(%q) = %q, want %q", s, got, want)
		}
	})
}

// arChromium returns the path of a Chromium to test with, or skips.
func arChromium(t *testing.T) string {
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

// arRunChromium runs headless Chromium on page with extra flags and
// returns its stdout and stderr.
func arRunChromium(t *testing.T, bin, page string, extra ...string) (stdout, stderr string) {
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
	bin := arChromium(t)
	dir := t.TempDir()
	write := func(name string, r *AuditReport) string {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, HTML))
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return path
	}
	page := write("report.html", arReport(t))

	dom, _ := arRunChromium(t, bin, page, "--dump-dom")
	assert.Contains(t, dom, "<title>Internal audit report: Northwind Analytics Ltd</title>")
	assert.Contains(t, dom, `<h3 id="f-F-02">F-02 · Nonconformity (major)</h3>`)
	assert.Contains(t, dom, `<strong id="e-EV-03">EV-03</strong>`)

	shot := filepath.Join(dir, "report.png")
	arRunChromium(t, bin, page, "--screenshot="+shot, "--window-size=1280,2000")
	png, err := os.ReadFile(shot)
	require.NoError(t, err)
	require.Greater(t, len(png), 1000)
	assert.Equal(t, []byte("\x89PNG\r\n\x1a\n"), png[:8], "a PNG image")

	hostile := write("hostile.html", arHostile(t))
	dom, _ = arRunChromium(t, bin, hostile, "--dump-dom")
	arAbsent(t, dom, "<script")
	arAbsent(t, dom, "<img")
	assert.True(t, strings.Contains(dom, "&lt;script&gt;alert('x')&lt;/script&gt;"))
}

func TestEvidenceOfCopyInHTML(t *testing.T) {
	c, err := RecipientCopy(arReport(t), audit.Recipient{Name: "Priya Shah", Clearance: audit.ConfidentialityInternal})
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

// FuzzMarkdownEscape checks that the report's Markdown escaping is the
// package's mdText.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "a\r\nb\rc\nd", `\*_[]|#<>` + "`", arHostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m mdDoc
		m.md(s)
		if got, want := string(m.o.b), mdText(s); got != want {
			t.Fatalf("md(%q) = %q, want %q", s, got, want)
		}
	})
}
