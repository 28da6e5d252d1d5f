package report

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// ControlsCSVHeader returns the header row of ControlsCSV: id, title, theme,
// then one column per ISO/IEC 27002:2022 attribute kind.
// Each call returns a new slice: changing it changes no later output.
func ControlsCSVHeader() []string { return slices.Clone(controlsCSVHeader) }

var controlsCSVHeader = []string{"id", "title", "theme", "control_type", "information_security_properties", "cybersecurity_concepts", "operational_capabilities", "security_domains"}

// ControlsCSV writes the 93 Annex A controls with their attributes, values
// spelled as 27002 spells them ("Governance_and_Ecosystem") and several
// values joined by ";".
func ControlsCSV(w io.Writer) error {
	cw := newCSV(w)
	cw.row(controlsCSVHeader...)
	for c := range annexa.Controls() {
		row := []string{string(c.ID()), c.Title(), c.Theme().String()}
		for k := range annexa.AttributeKinds() {
			vals := c.AttributesOf(k)
			labels := make([]string, len(vals))
			for i, a := range vals {
				labels[i] = a.Label()
			}
			row = append(row, strings.Join(labels, ";"))
		}
		cw.row(row...)
	}
	return cw.done()
}

// ClausesCSVHeader returns the header row of ClausesCSV.
// Each call returns a new slice: changing it changes no later output.
func ClausesCSVHeader() []string { return slices.Clone(clausesCSVHeader) }

var clausesCSVHeader = []string{"id", "title", "requires_documented_information", "documented_information"}

// ClausesCSV writes ISO/IEC 27001:2022 clauses 4 to 10.2 with whether each
// requires documented information and which.
func ClausesCSV(w io.Writer) error {
	cw := newCSV(w)
	cw.row(clausesCSVHeader...)
	for c := range annexa.Clauses() {
		cw.row(string(c.ID()), c.Title(), strconv.FormatBool(c.DocumentedInformation() != ""), c.DocumentedInformation())
	}
	return cw.done()
}

// Map2013CSVHeader returns the header row of Map2013CSV.
// Each call returns a new slice: changing it changes no later output.
func Map2013CSVHeader() []string { return slices.Clone(map2013CSVHeader) }

var map2013CSVHeader = []string{"id2013", "title2013", "id2022"}

// Map2013CSV writes the 114 controls of ISO/IEC 27001:2013 with the 2022
// controls they map to, several joined by ";".
func Map2013CSV(w io.Writer) error {
	cw := newCSV(w)
	cw.row(map2013CSVHeader...)
	for c := range annexa.Controls2013() {
		succ := c.Successors()
		ids := make([]string, len(succ))
		for i, s := range succ {
			ids[i] = string(s.ID())
		}
		cw.row(string(c.ID()), c.Title(), strings.Join(ids, ";"))
	}
	return cw.done()
}
