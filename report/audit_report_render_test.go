package report

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// TestLiteralsNeedNoEscaping checks every call of a doc's lit in the
// package's renderers: its argument is a string constant that neither
// format would change, so writing it unescaped gives the same bytes.
func TestLiteralsNeedNoEscaping(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "lit" {
				return true
			}
			calls++
			pos := fset.Position(call.Pos())
			require.Len(t, call.Args, 1, pos)
			arg, ok := call.Args[0].(*ast.BasicLit)
			require.True(t, ok && arg.Kind == token.STRING, "%s: lit takes a string literal", pos)
			s, err := strconv.Unquote(arg.Value)
			require.NoError(t, err, pos)
			for _, r := range s {
				ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" ,.:;()·-", r)
				assert.True(t, ok, "%s: %q holds %q", pos, s, r)
			}
			var m mdDoc
			m.md(s)
			assert.Equal(t, s, string(m.o.b), "%s: Markdown escapes %q", pos, s)
			var h obuf
			h.htmlEscape(s)
			assert.Equal(t, s, string(h.b), "%s: HTML escapes %q", pos, s)
			return true
		})
	}
	assert.Greater(t, calls, 20, "lit calls found")
}

func TestFindingKindWords(t *testing.T) {
	for k := range audit.FindingKinds() {
		assert.Equal(t, strings.ToLower(findingKindLabel(k)), findingKindWords(k), k)
	}
	assert.Equal(t, "unknown-kind", findingKindWords("Unknown-Kind"))
}

// TestLayoutTimeCache checks that the layout's last-time cache writes what
// appendTime writes, for repeats, other locations and other seconds.
func TestLayoutTimeCache(t *testing.T) {
	east := time.FixedZone("east", 5*3600+30*60)
	base := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	times := []time.Time{
		base, base, base.Add(500 * time.Millisecond), base.In(east), base.In(east), base,
		base.Add(time.Second), base.Add(time.Minute), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), {}, base,
	}
	var m mdDoc
	l := auditLayout{d: &m, o: &m.o}
	var want []byte
	for _, at := range times {
		l.time(at)
		want = appendTime(want, at)
	}
	assert.Equal(t, string(want), string(m.o.b))
}

// TestLayoutTextIsDocText checks that the layout's direct writes escape
// as the doc's own methods do, in both formats.
func TestLayoutTextIsDocText(t *testing.T) {
	texts := []string{"", "plain", "a\r\nb\rc\nd\r", `\*_[]|#<>` + "`&\"'\x00", "é·", hostilePrefix}
	for _, d := range []doc{&mdDoc{}, &htmlDoc{}} {
		o, _ := d.buffer()
		for _, s := range texts {
			d.text(s)
			want := string(o.b)
			o.b = o.b[:0]
			l := auditLayout{d: d}
			l.o, l.html = d.buffer()
			l.text(s)
			assert.Equal(t, want, string(o.b), "%T %q", d, s)
			o.b = o.b[:0]
		}
	}
}

// TestLayoutWordsIsWords checks that the layout's words writes what
// words returns, escaped as text, dashes anywhere.
func TestLayoutWordsIsWords(t *testing.T) {
	for _, tok := range []string{"", "a", "not-sealed", "-a", "a-", "a--b", "-", "x-<b>-&"} {
		var m mdDoc
		l := auditLayout{d: &m, o: &m.o}
		l.words(tok)
		var want mdDoc
		want.text(words(tok))
		assert.Equal(t, string(want.o.b), string(m.o.b), "%q", tok)
	}
}

// TestFindingCounts: each kind counted, nonconformities by grade, and no
// kind or grade without findings named.
func TestFindingCounts(t *testing.T) {
	nc := func(g audit.Grade) AuditFinding { return AuditFinding{Kind: audit.Nonconformity, Grade: g} }
	obs := AuditFinding{Kind: audit.Observation}
	for _, tc := range []struct {
		fs   []AuditFinding
		want string
	}{
		{[]AuditFinding{obs}, "1 finding: 1 observation."},
		{[]AuditFinding{nc(audit.Major), nc(audit.Major), obs}, "3 findings: 2 nonconformities (2 major), 1 observation."},
		{[]AuditFinding{nc(audit.Minor)}, "1 finding: 1 nonconformity (1 minor)."},
		{[]AuditFinding{nc(audit.Minor), nc(audit.Major), {Kind: audit.GoodPractice}, {Kind: audit.Conformity}, {Kind: audit.OpportunityForImprovement}},
			"5 findings: 2 nonconformities (1 major, 1 minor), 1 conformity, 1 opportunity for improvement, 1 good practice."},
	} {
		assert.Equal(t, tc.want, findingCounts(tc.fs))
	}
}

// TestRaisedByLine: a finding's "Raised by" line shows whichever of who
// and when the report holds, and is left out when it holds neither.
func TestRaisedByLine(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(f *AuditFinding)
		want   string
	}{
		{"both", func(*AuditFinding) {}, "- **Raised by:** Ben Osei on 2026-03-03 15:00 +00:00\n"},
		{"who only", func(f *AuditFinding) { f.RaisedAt = time.Time{} }, "- **Raised by:** Ben Osei\n"},
		{"when only", func(f *AuditFinding) { f.RaisedBy = "" }, "- **Raised by:** on 2026-03-03 15:00 +00:00\n"},
		{"neither", func(f *AuditFinding) { f.RaisedBy, f.RaisedAt = "", time.Time{} }, ""},
	} {
		r := internalReport(t)
		for i := range r.Findings {
			tc.change(&r.Findings[i])
		}
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, Markdown), tc.name)
		if tc.want == "" {
			assert.NotContains(t, buf.String(), "Raised by", tc.name)
			continue
		}
		assert.Contains(t, buf.String(), tc.want, tc.name)
	}
}

// TestAuditReportPartialParts: parts of a report that may be partly
// there render as far as they are: a period examined with one end, a
// plan never approved, no plan, a recipient's copy that withholds
// nothing.
func TestAuditReportPartialParts(t *testing.T) {
	render := func(r *AuditReport) string {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, Markdown))
		return buf.String()
	}
	r := internalReport(t)
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	r.Scope.From, r.Scope.To = from, time.Time{}
	assertContains(t, render(r), "- **Period examined:** "+fmtDate(from)+" to\n")
	r.Scope.From, r.Scope.To = time.Time{}, from
	assertContains(t, render(r), "- **Period examined:** to "+fmtDate(from)+"\n")
	r.Scope.From, r.Scope.To = time.Time{}, time.Time{}
	assert.NotContains(t, render(r), "Period examined")

	r = internalReport(t)
	r.Plan.Version, r.Plan.ApprovedAt, r.Plan.ApprovedBy = 0, time.Time{}, ""
	assertContains(t, render(r), "The plan has not been approved.")
	// A plan without methods, timetable or risks gets no empty list or
	// table.
	r.Plan.Methods, r.Plan.Schedule, r.Plan.Risks = nil, nil, nil
	var page bytes.Buffer
	require.NoError(t, WriteAuditReport(&page, r, HTML))
	plan := page.String()[strings.Index(page.String(), `<h2 id="plan">`):]
	plan = plan[:strings.Index(plan[1:], "<h2")+1]
	assert.NotContains(t, plan, "<ul>")
	assert.NotContains(t, plan, "<table>")
	r.Plan = nil
	out := render(r)
	assertContains(t, out, "## Sampling")
	assert.NotContains(t, out, "## Audit plan")

	c, err := RecipientCopy(sealedReport(t), audit.Recipient{Name: "Lena Fischer", Clearance: audit.ConfidentialityRestricted})
	require.NoError(t, err)
	require.Zero(t, c.Seal.Withheld)
	out = render(c)
	assertContains(t, out, "Copy for Lena Fischer")
	assert.NotContains(t, out, "shown by reference only")
}

// TestCriterionText: a criterion reads as its label and title, the title
// left out when there is none or it only repeats the label.
func TestCriterionText(t *testing.T) {
	for _, tc := range []struct {
		c    AuditCriterion
		want string
	}{
		{AuditCriterion{Label: "A.5.15", Title: "Access control"}, "A.5.15 Access control"},
		{AuditCriterion{Label: "A.5.15"}, "A.5.15"},
		{AuditCriterion{Label: "POL-ACC-4", Title: "POL-ACC-4"}, "POL-ACC-4"},
	} {
		assert.Equal(t, tc.want, criterionText(tc.c))
		assert.Equal(t, tc.want, (&oscalExport{}).criterionLine(tc.c), "OSCAL names it alike")
	}
}

func TestAuditReportGolden(t *testing.T) {
	reports := map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport}
	for name, build := range reports {
		for _, tt := range []struct {
			f   Format
			ext string
		}{{Markdown, "md"}, {HTML, "html"}, {JSON, "json"}, {CSV, "csv"}} {
			t.Run(name+"/"+tt.f.String(), func(t *testing.T) {
				var a, b bytes.Buffer
				require.NoError(t, WriteAuditReport(&a, build(t), tt.f))
				require.NoError(t, WriteAuditReport(&b, build(t), tt.f))
				assert.Equal(t, a.String(), b.String(), "deterministic")
				golden(t, "audit-"+name+"."+tt.ext, a.Bytes())
			})
		}
		t.Run(name+"/actions", func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteNonconformityActions(&buf, build(t)))
			golden(t, "audit-"+name+"-actions.csv", buf.Bytes())
		})
	}
	t.Run("public copy", func(t *testing.T) {
		c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "Jordan Blake", Organization: "Blake ISMS Advisory", Clearance: audit.ConfidentialityPublic})
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, c, Markdown))
		golden(t, "audit-internal-copy-public.md", buf.Bytes())
	})
}

func TestWriteAuditReportRefusesIncompleteReport(t *testing.T) {
	r := internalReport(t)
	r.Objectives = nil
	writers := map[string]func(*bytes.Buffer) error{
		"actions": func(w *bytes.Buffer) error { return WriteNonconformityActions(w, r) },
		"oscal":   func(w *bytes.Buffer) error { return AssessmentResults(w, r) },
		"poam":    func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) },
	}
	for f := range Formats() {
		writers[f.String()] = func(w *bytes.Buffer) error { return WriteAuditReport(w, r, f) }
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := write(&buf)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has("Objectives", RuleObjectives))
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
	var buf bytes.Buffer
	err := WriteAuditReport(&buf, internalReport(t), "pdf")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("", ismsaudit.RuleEnum))
	assert.Zero(t, buf.Len())
	require.ErrorIs(t, WriteAuditReport(&buf, nil, Markdown), ismsaudit.ErrInvalid)
	assert.Zero(t, buf.Len())
}

func TestAuditReportWriteErrorsAreReturned(t *testing.T) {
	r := internalReport(t)
	writers := map[string]func(*failAfter) error{
		"actions": func(w *failAfter) error { return WriteNonconformityActions(w, r) },
		"oscal":   func(w *failAfter) error { return AssessmentResults(w, r) },
		"poam":    func(w *failAfter) error { return PlanOfActionAndMilestones(w, r) },
	}
	for f := range Formats() {
		writers[f.String()] = func(w *failAfter) error { return WriteAuditReport(w, r, f) }
	}
	for name, write := range writers {
		for _, n := range []int{0, 100, 1000} {
			require.ErrorIs(t, write(&failAfter{n: n}), errDisk, "%s after %d bytes", name, n)
		}
	}
}

func TestRenderersDoNotModifyTheReport(t *testing.T) {
	r, want := internalReport(t), internalReport(t)
	for f := range Formats() {
		require.NoError(t, WriteAuditReport(&bytes.Buffer{}, r, f))
	}
	require.NoError(t, WriteNonconformityActions(&bytes.Buffer{}, r))
	require.NoError(t, AssessmentResults(&bytes.Buffer{}, r))
	require.NoError(t, PlanOfActionAndMilestones(&bytes.Buffer{}, r))
	_, err := RecipientCopy(r, audit.Recipient{Name: "X", Clearance: audit.ConfidentialityPublic})
	require.NoError(t, err)
	_, err = RecipientCopies(r)
	require.NoError(t, err)
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report changed (-want +got):\n%s", diff)
	}
}

func TestMarkdownSections(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, internalReport(t), Markdown))
	out := "\n" + buf.String()
	for _, heading := range []string{
		"# Internal audit report: Northwind Analytics Ltd", "## Audit objectives", "## Audit scope",
		"## Audit client, team and participants", "## Dates and locations", "## Audit criteria",
		"## Audit findings and evidence", "## Audit conclusions", "## Unresolved diverging opinions", "## Sampling",
		"## Audit plan and timetable", "## Obstacles met", "## Areas in scope not covered", "## Good practices",
		"## Risks escalated during the audit", "## Agreed follow-up", "## Other evidence examined",
		"## Implications for the audit programme", "## Confidentiality", "## Distribution",
	} {
		assert.True(t, strings.Contains(out, "\n"+heading+"\n"), heading)
	}
	assert.Contains(t, out, "- EV-02 (see above)", "an item cited twice is shown once")
	assert.Contains(t, out, "| F-02 | The three servers patched on 9 March 2026.")

	c := certificationReport(t)
	buf.Reset()
	require.NoError(t, WriteAuditReport(&buf, c, Markdown))
	out = buf.String()
	assert.Contains(t, out, "- **Recommendation:** certification is recommended once the corrective action plans for the minor nonconformities are accepted\n")
	assert.Contains(t, out, "None: the auditee and the audit team settled every opinion.")
	assert.Contains(t, out, "Not yet distributed.")
	assert.Contains(t, out, "- **Report:** version 1, issued 2026-05-15 09:00 +00:00 by Marta Nowak\n")
}

// TestDigestOnItsOwnLine checks that an evidence item's digest is a field
// of its own, on a line of its own, not run into the description.
func TestDigestOnItsOwnLine(t *testing.T) {
	r := internalReport(t)
	var md, page bytes.Buffer
	require.NoError(t, WriteAuditReport(&md, r, Markdown))
	require.NoError(t, WriteAuditReport(&page, r, HTML))
	digests := 0
	for _, e := range r.Evidence {
		if e.Digest == "" {
			continue
		}
		digests++
		assert.Contains(t, md.String(), "\\\n  SHA-256: `"+e.Digest+"`\n", "Markdown: a hard line break, then the digest on its own line")
		assert.Contains(t, page.String(), "<br>SHA-256: <code>"+e.Digest+"</code></li>", "HTML: a line break, then the digest")
	}
	require.Equal(t, 2, digests)
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.Contains(line, "SHA-256") {
			assert.True(t, strings.HasPrefix(line, "  SHA-256: `"), "the digest line holds the digest only: %q", line)
		}
	}
}

func TestTerminatedAuditReport(t *testing.T) {
	// Reported, then terminated before completion, by the library's
	// operations.
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateReported})
	a := b.Build()
	require.NoError(t, a.Terminate("The auditee withdrew cooperation.", b.Meta()))
	require.NotNil(t, a.Termination)
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	last := r.Obstacles[len(r.Obstacles)-1]
	assert.Equal(t, AuditObstacle{Kind: ObstacleTerminated, Reason: a.Termination.Reason, At: a.Termination.At}, last)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	assert.Contains(t, buf.String(), "- **Audit terminated "+fmtTime(a.Termination.At)+".** "+a.Termination.Reason+"\n")
}
