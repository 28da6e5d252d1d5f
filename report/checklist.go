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
	o := newObuf(w)
	o.str("# ", kindTitles[c.Kind], " checklist")
	if c.Organization != "" {
		o.str(": ")
		o.mdEscape(c.Organization)
	}
	o.str("\n\n")
	o.str("Criteria: ISO/IEC 27001:2022 clauses 4 to 10 and Annex A")
	if c.SoAVersion != "" {
		o.str(", Statement of Applicability version ")
		o.mdEscape(c.SoAVersion)
	}
	o.str(".\n\n")
	counts, notAudited := c.Tally()
	o.str("Items: ", strconv.Itoa(len(c.Items)))
	for _, rc := range counts {
		if rc.Count > 0 {
			o.str(" · ", resultLabels[rc.Result], ": ", strconv.Itoa(rc.Count))
		}
	}
	if notAudited > 0 {
		o.str(" · not audited: ", strconv.Itoa(notAudited))
	}
	o.str("\n")
	current := ""
	for _, it := range c.Items {
		if g := group(it); g != current {
			current = g
			o.str("\n## ", g, "\n")
		}
		o.str("\n### ")
		o.mdEscape(label(it.Ref))
		o.str(" ")
		o.mdEscape(it.Title)
		o.str("\n\n")
		if len(it.Methods) > 0 {
			o.str("Methods: ", methodList(it.Methods, ", ", annexa.Method.Label), "\n\n")
		}
		for _, q := range it.Questions {
			o.str("- [ ] ")
			o.mdEscape(q)
			o.str("\n")
		}
		if len(it.EvidenceHints) > 0 {
			o.str("\nEvidence to look for: ")
			for i, e := range it.EvidenceHints {
				if i > 0 {
					o.str("; ")
				}
				o.mdEscape(e)
			}
			o.str(".\n")
		}
		o.str("\nResult: **", resultLabels[it.Result], "**")
		if it.NotAuditedReason != "" {
			o.str(" (not audited: ")
			o.mdEscape(it.NotAuditedReason)
			o.str(")")
		}
		o.str("\n")
		if it.Notes != "" {
			o.str("Notes: ")
			o.mdEscape(it.Notes)
			o.str("\n")
		}
		if len(it.EvidenceRefs) > 0 {
			o.str("Evidence: ")
			for i, e := range it.EvidenceRefs {
				if i > 0 {
					o.str(", ")
				}
				o.mdCode(string(e))
			}
			o.str("\n")
		}
	}
	return o.flush()
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
