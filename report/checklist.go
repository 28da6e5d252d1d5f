package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// WriteChecklist renders a checklist to w in the given format. The
// checklist is validated first: an invalid one is refused with a
// *ismsaudit.ValidationError and nothing is written. Output is deterministic; the
// first write error is returned.
func WriteChecklist(w io.Writer, c *annexa.Checklist, f Format) error {
	if err := c.Validate(); err != nil {
		return err
	}
	switch f {
	case Markdown:
		return checklistMarkdown(w, c)
	case CSV:
		return checklistCSV(w, c)
	case JSON:
		return writeJSON(w, c)
	}
	return unsupportedFormat(f, Markdown, CSV, JSON)
}

// resultLabels are the human forms of results.
var resultLabels = map[annexa.Result]string{
	annexa.NotAssessed:               "not yet assessed",
	annexa.Conforms:                  "conforms",
	annexa.MinorNonconformity:        "minor nonconformity",
	annexa.MajorNonconformity:        "major nonconformity",
	annexa.Observation:               "observation",
	annexa.OpportunityForImprovement: "opportunity for improvement",
	annexa.NotApplicable:             "not applicable",
}

// group returns the heading an item is listed under: its main clause, the
// documents section or its Annex A theme.
func group(it annexa.Item) string {
	switch it.Ref.Kind {
	case annexa.ClauseRef:
		main, _, _ := strings.Cut(it.Ref.ID, ".")
		if c, err := annexa.LookupClause(main); err == nil {
			return "Clause " + c.String()
		}
	case annexa.ControlRef:
		if c, err := annexa.LookupControl(it.Ref.ID); err == nil {
			return fmt.Sprintf("Annex A.%d %s controls", c.Theme().Clause(), themeTitle(c.Theme()))
		}
	case annexa.DocumentRef:
		return "Documents"
	}
	return "Other"
}

func themeTitle(t annexa.Theme) string {
	s := t.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// methodList joins methods with sep, each rendered by name (Method.String
// for machine-read output, Method.Label for prose).
func methodList(ms []annexa.Method, sep string, name func(annexa.Method) string) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = name(m)
	}
	return strings.Join(parts, sep)
}

func checklistMarkdown(w io.Writer, c *annexa.Checklist) error {
	s := &sticky{w: w}
	title := kindTitles[c.Kind] + " checklist"
	if c.Organization != "" {
		title += ": " + mdText(c.Organization)
	}
	s.str("# ", title, "\n\n")
	s.str("Criteria: ISO/IEC 27001:2022 clauses 4 to 10 and Annex A")
	if c.SoAVersion != "" {
		s.str(", Statement of Applicability version ", mdText(c.SoAVersion))
	}
	s.str(".\n\n")
	counts, notAudited := c.Tally()
	s.str("Items: ", strconv.Itoa(len(c.Items)))
	for _, rc := range counts {
		if rc.Count > 0 {
			s.str(" · ", resultLabels[rc.Result], ": ", strconv.Itoa(rc.Count))
		}
	}
	if notAudited > 0 {
		s.str(" · not audited: ", strconv.Itoa(notAudited))
	}
	s.str("\n")
	current := ""
	for _, it := range c.Items {
		if g := group(it); g != current {
			current = g
			s.str("\n## ", g, "\n")
		}
		s.str("\n### ", mdText(label(it.Ref)), " ", mdText(it.Title), "\n\n")
		if len(it.Methods) > 0 {
			s.str("Methods: ", methodList(it.Methods, ", ", annexa.Method.Label), "\n\n")
		}
		for _, q := range it.Questions {
			s.str("- [ ] ", mdText(q), "\n")
		}
		if len(it.EvidenceHints) > 0 {
			s.str("\nEvidence to look for: ")
			for i, e := range it.EvidenceHints {
				if i > 0 {
					s.str("; ")
				}
				s.str(mdText(e))
			}
			s.str(".\n")
		}
		s.str("\nResult: **", resultLabels[it.Result], "**")
		if it.NotAuditedReason != "" {
			s.str(" (not audited: ", mdText(it.NotAuditedReason), ")")
		}
		s.str("\n")
		if it.Notes != "" {
			s.str("Notes: ", mdText(it.Notes), "\n")
		}
		if len(it.EvidenceRefs) > 0 {
			s.str("Evidence: ")
			for i, e := range it.EvidenceRefs {
				if i > 0 {
					s.str(", ")
				}
				s.str("`", strings.ReplaceAll(string(e), "`", "'"), "`")
			}
			s.str("\n")
		}
	}
	return s.err
}

// ChecklistCSVHeader returns the header row of the checklist CSV that
// WriteChecklist writes.
// Each call returns a new slice: changing it changes no later output.
func ChecklistCSVHeader() []string { return slices.Clone(checklistCSVHeader) }

var checklistCSVHeader = []string{"ref", "kind", "id", "title", "methods", "questions", "evidence_hints", "result", "notes", "evidence_refs", "not_audited_reason"}

func checklistCSV(w io.Writer, c *annexa.Checklist) error {
	cw := newCSV(w)
	cw.row(checklistCSVHeader...)
	for _, it := range c.Items {
		refs := make([]string, len(it.EvidenceRefs))
		for i, r := range it.EvidenceRefs {
			refs[i] = cell(string(r))
		}
		cw.row(it.Ref.String(), it.Ref.Kind.String(), it.Ref.ID, it.Title,
			methodList(it.Methods, ";", annexa.Method.String),
			strings.Join(it.Questions, "\n"),
			strings.Join(it.EvidenceHints, "\n"),
			it.Result.String(), cell(it.Notes), strings.Join(refs, ";"), cell(it.NotAuditedReason))
	}
	return cw.done()
}

// sticky wraps a writer and keeps the first write error, like bufio.Writer:
// renderers write freely and check once at the end.
type sticky struct {
	w   io.Writer
	err error
}

func (s *sticky) str(parts ...string) {
	for _, p := range parts {
		if s.err != nil {
			return
		}
		_, s.err = io.WriteString(s.w, p)
	}
}

// Write implements io.Writer so that encoders can target a sticky writer.
func (s *sticky) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}
