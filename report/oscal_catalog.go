package report

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// The OSCAL catalog and profile objects, named as in the OSCAL 1.1.2 JSON
// model; field order is the output order. These documents are small, so
// encoding/json writes them.
type (
	oscalCatalogDocument struct {
		Catalog oscalCatalog `json:"catalog"`
	}
	oscalCatalog struct {
		UUID     string        `json:"uuid"`
		Metadata oscalMetadata `json:"metadata"`
		Groups   []oscalGroup  `json:"groups"`
	}
	oscalGroup struct {
		ID       string         `json:"id"`
		Class    string         `json:"class,omitempty"`
		Title    string         `json:"title"`
		Props    []oscalProp    `json:"props,omitempty"`
		Groups   []oscalGroup   `json:"groups,omitempty"`
		Controls []oscalControl `json:"controls,omitempty"`
	}
	oscalControl struct {
		ID       string         `json:"id"`
		Class    string         `json:"class,omitempty"`
		Title    string         `json:"title"`
		Props    []oscalProp    `json:"props,omitempty"`
		Controls []oscalControl `json:"controls,omitempty"`
	}
)

// OSCALCatalogVersion is the version the catalog OSCALCatalog writes
// gives itself: the edition of ISO/IEC 27001 it lists.
const OSCALCatalogVersion = "2022"

// oscalCatalogModified is the catalog's last-modified date: the
// publication date of ISO/IEC 27001:2022, the only date its content
// depends on (the library reads no clock).
var oscalCatalogModified = time.Date(2022, time.October, 25, 0, 0, 0, 0, time.UTC)

// oscalCatalogUUID is the uuid of the catalog document, which profiles
// import.
var oscalCatalogUUID = OSCALUUID("catalog", "iso-iec-27001-2022")

// oscalCatalogNotice is the catalog's remarks: what it holds and what it
// leaves out.
const oscalCatalogNotice = "Identifiers, titles, themes and ISO/IEC 27002:2022 attributes only, as facts about the standards; " +
	"the text of ISO/IEC 27001:2022 and ISO/IEC 27002:2022 is not reproduced (it is copyrighted by ISO and IEC)."

// OSCALCatalog writes an OSCAL 1.1.2 catalog in JSON of the requirements
// of ISO/IEC 27001:2022 (clauses 4 to 10) and its 93 Annex A controls, as
// facts only: identifiers and short titles, no text of the standards.
//
//   - The group "clauses" holds a control per main clause ("clause-4" to
//     "clause-10"), each holding its subclauses as controls
//     ("clause-9.2", "clause-9.2.1", ...), class "requirement".
//   - The group "annex-a" holds a group per theme ("theme-organizational",
//     ... , with the property theme), each holding its controls ("a.5.1"
//     to "a.8.34"), class "annex-a-control", with the properties label
//     ("A.5.1"), theme, one property per ISO/IEC 27002:2022 attribute
//     named by the attribute's kind (control-type "preventive",
//     information-security-properties "confidentiality", ...), and
//     new-in-2022 "true" for controls new in the 2022 edition.
//
// Control ids are those OSCALControlID gives audit criteria, so the
// reviewed controls of an assessment plan or results resolve against the
// catalog, and a profile (OSCALProfile) selects from it. The document's
// uuid is OSCALUUID("catalog", "iso-iec-27001-2022"); its last-modified
// date is the publication date of ISO/IEC 27001:2022 (2022-10-25), so
// every run writes the same bytes.
func OSCALCatalog(w io.Writer) error {
	return json.NewEncoder(w).Encode(oscalCatalogDocument{Catalog: buildOSCALCatalog()})
}

func buildOSCALCatalog() oscalCatalog {
	clauses := oscalGroup{ID: "clauses", Title: "Requirements: clauses 4 to 10"}
	for c := range annexa.Clauses() {
		if c.Depth() == 1 {
			clauses.Controls = append(clauses.Controls, clauseControl(c))
		}
	}
	annex := oscalGroup{ID: "annex-a", Title: "Annex A: information security controls"}
	for th := range annexa.Themes() {
		g := oscalGroup{ID: "theme-" + string(th), Class: "theme", Title: themeTitle(th) + " controls"}
		g.Props = labelProp(g.Props, "A."+strconv.Itoa(th.Clause()))
		g.Props = propTok(g.Props, "theme", string(th))
		annex.Groups = append(annex.Groups, g)
	}
	for c := range annexa.Controls() {
		g := &annex.Groups[c.Theme().Clause()-5]
		g.Controls = append(g.Controls, annexControl(c))
	}
	return oscalCatalog{
		UUID: oscalCatalogUUID,
		Metadata: oscalMetadata{
			Title:        "ISO/IEC 27001:2022 requirements and Annex A controls: identifiers, titles and attributes",
			LastModified: oscalTime(oscalCatalogModified),
			Version:      OSCALCatalogVersion,
			OSCALVersion: OSCALVersion,
			Remarks:      oscalCatalogNotice,
		},
		Groups: []oscalGroup{clauses, annex},
	}
}

// labelProp is OSCAL's own label property (no namespace).
func labelProp(props []oscalProp, label string) []oscalProp {
	return append(props, oscalProp{Name: "label", Value: label})
}

func clauseControl(c annexa.Clause) oscalControl {
	ref := annexa.RefToClause(c.ID())
	ctl := oscalControl{ID: OSCALControlID(ref), Class: "requirement", Title: oneLine(c.Title())}
	ctl.Props = labelProp(ctl.Props, string(c.ID()))
	for sub := range c.Subclauses() {
		ctl.Controls = append(ctl.Controls, clauseControl(sub))
	}
	return ctl
}

func annexControl(c annexa.Control) oscalControl {
	ctl := oscalControl{ID: OSCALControlID(annexa.RefToControl(c.ID())), Class: "annex-a-control", Title: oneLine(c.Title())}
	ctl.Props = labelProp(ctl.Props, "A."+string(c.ID()))
	ctl.Props = propTok(ctl.Props, "theme", string(c.Theme()))
	for _, a := range c.Attributes() {
		ctl.Props = propTok(ctl.Props, string(a.Kind()), string(a))
	}
	if c.IsNew() {
		ctl.Props = propTok(ctl.Props, "new-in-2022", "true")
	}
	return ctl
}
