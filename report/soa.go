package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// WriteSoA renders a Statement of Applicability to w as Markdown or HTML
// (the contents ISO/IEC 27001:2022 6.1.3 d asks of it): counts of
// applicable and excluded controls and of implementation statuses, then,
// theme by theme in Annex A order, each of the 93 controls with its
// title, whether it applies, the justification, the implementation status
// and the bases of its inclusion. Every value is escaped for the format.
//
// The SoA is validated first: an incomplete or invalid one is refused with
// its *ismsaudit.ValidationError and nothing is written; so is a format
// other than Markdown and HTML (package report/sheet writes CSV and XLSX).
// Output is deterministic; the first write error is returned.
func WriteSoA(w io.Writer, s *annexa.SoA, f Format) error {
	if f != Markdown && f != HTML {
		return unsupportedFormat(f, Markdown, HTML)
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if f == Markdown {
		m := &mdDoc{o: newObuf(w)}
		soaLayout(m, s)
		return m.o.flush()
	}
	h := &htmlDoc{o: newObuf(w)}
	soaLayout(h, s)
	return h.o.flush()
}

// applicabilityLabels and statusLabels are the human forms of the SoA's
// values.
var (
	applicabilityLabels = map[annexa.Applicability]string{
		annexa.Applicable: "applicable",
		annexa.Excluded:   "excluded",
	}
	statusLabels = map[annexa.ImplementationStatus]string{
		annexa.NotImplemented:       "not implemented",
		annexa.Planned:              "planned",
		annexa.PartiallyImplemented: "partially implemented",
		annexa.Implemented:          "implemented",
	}
	basisLabels = map[annexa.InclusionBasis]string{
		annexa.BasisRiskTreatment:     "risk treatment",
		annexa.BasisLegalOrRegulatory: "legal or regulatory requirement",
		annexa.BasisContractual:       "contractual requirement",
		annexa.BasisBusiness:          "business requirement",
	}
)

// soaLayout writes a valid SoA through d.
func soaLayout(d doc, s *annexa.SoA) {
	title := "Statement of Applicability"
	if s.Organization != "" {
		title += ": " + s.Organization
	}
	d.begin(title)
	d.heading(1, "soa", title)

	d.open(blockPara)
	d.text("Criteria: ISO/IEC 27001:2022 Annex A (6.1.3 d)")
	if s.Version != "" {
		d.lit(". Version ")
		d.text(s.Version)
	}
	d.lit(".")
	d.close(blockPara)

	byControl := make(map[annexa.ControlID]annexa.Decision, len(s.Decisions))
	applicable := 0
	statuses := make(map[annexa.ImplementationStatus]int)
	for _, dec := range s.Decisions {
		byControl[dec.Control] = dec
		if dec.Applicability == annexa.Applicable {
			applicable++
			statuses[dec.Status]++
		}
	}
	d.open(blockPara)
	d.text("Controls: " + strconv.Itoa(len(s.Decisions)) + " · applicable: " + strconv.Itoa(applicable) + " · excluded: " + strconv.Itoa(len(s.Decisions)-applicable))
	for st := range annexa.ImplementationStatuses() {
		if n := statuses[st]; n > 0 {
			d.text(" · " + statusLabels[st] + ": " + strconv.Itoa(n))
		}
	}
	d.close(blockPara)

	var theme annexa.Theme
	for c := range annexa.Controls() {
		if c.Theme() != theme {
			if theme != "" {
				d.endTable()
			}
			theme = c.Theme()
			d.heading(2, "theme-"+theme.String(), "Annex A."+strconv.Itoa(theme.Clause())+" "+themeTitle(theme)+" controls")
			d.table("Control", "Title", "Applicability", "Justification", "Status", "Bases")
		}
		dec := byControl[c.ID()]
		d.open(blockRow)
		tcell(d, "A."+string(c.ID()))
		tcell(d, c.Title())
		tcell(d, applicabilityLabels[dec.Applicability])
		tcell(d, dec.Justification)
		tcell(d, statusLabels[dec.Status])
		bases := make([]string, len(dec.Bases))
		for i, b := range dec.Bases {
			bases[i] = basisLabels[b]
		}
		tcell(d, strings.Join(bases, "; "))
		d.close(blockRow)
	}
	d.endTable()
	d.end()
}
