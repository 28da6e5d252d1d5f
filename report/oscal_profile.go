package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The OSCAL profile objects, named as in the OSCAL 1.1.2 JSON model.
type (
	oscalProfileDocument struct {
		Profile oscalProfile `json:"profile"`
	}
	oscalProfile struct {
		UUID       string               `json:"uuid"`
		Metadata   oscalMetadata        `json:"metadata"`
		Imports    []oscalProfileImport `json:"imports"`
		Merge      oscalMerge           `json:"merge"`
		Modify     *oscalModify         `json:"modify,omitempty"`
		BackMatter *oscalBackMatter     `json:"back-matter,omitempty"`
	}
	oscalProfileImport struct {
		Href            string                 `json:"href"`
		IncludeControls []oscalSelectControlID `json:"include-controls,omitempty"`
		ExcludeControls []oscalSelectControlID `json:"exclude-controls,omitempty"`
	}
	oscalSelectControlID struct {
		WithChildControls string   `json:"with-child-controls,omitempty"`
		WithIDs           []string `json:"with-ids"`
	}
	oscalMerge struct {
		AsIs bool `json:"as-is"`
	}
	oscalModify struct {
		Alters []oscalAlter `json:"alters"`
	}
	oscalAlter struct {
		ControlID string     `json:"control-id"`
		Adds      []oscalAdd `json:"adds"`
	}
	oscalAdd struct {
		Position string             `json:"position"`
		Props    []oscalProp        `json:"props,omitempty"`
		Parts    []oscalControlPart `json:"parts,omitempty"`
	}
	oscalControlPart struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Title string `json:"title,omitempty"`
		Prose string `json:"prose,omitempty"`
	}
)

// OSCALProfile writes Statement of Applicability soa to w as an OSCAL
// 1.1.2 profile in JSON that selects from the catalog OSCALCatalog
// writes:
//
//   - metadata: title "Statement of Applicability of <organization>",
//     version the SoA's Version ("unversioned" when it has none),
//     last-modified asOf (the host's time: the library reads no clock),
//     the organization as a party in the role "owner";
//   - imports: one import of the catalog, by a reference ("#" + uuid) to
//     a back-matter resource whose document-id and rlink
//     ("urn:uuid:" + uuid) name the catalog's uuid; it includes every
//     requirement (clauses 4 to 10, with their subclauses) and the
//     applicable Annex A controls, and excludes the excluded ones;
//   - modify: for each applicable control, additions of the properties
//     inclusion-basis (one per basis) and implementation-status, and a
//     part "justification" carrying the SoA's justification;
//   - the metadata property excluded-control per excluded control, its
//     value the control id ("a.8.30") and its remarks the justification.
//
// The SoA is checked first (annexa's SoA.Validate): nothing is written
// for an invalid one, and the error is its *ismsaudit.ValidationError. A
// zero asOf, or one outside OSCAL's years 1900 to 2999, is refused with an
// *ismsaudit.ValidationError at path "AsOf" (rules ismsaudit.RuleRequired,
// ismsaudit.RuleRange). The profile's uuid is OSCALUUID("soa",
// <organization>, <version>, "profile"); the same SoA and time give the
// same bytes.
func OSCALProfile(w io.Writer, soa *annexa.SoA, asOf time.Time) error {
	p, err := buildOSCALProfile(soa, asOf)
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(oscalProfileDocument{Profile: p})
}

// oscalTimeProblem adds the problem of a time OSCAL cannot hold at path
// to col: a zero time when required is set, or one outside the years 1900
// to 2999.
func oscalTimeProblem(col *errs.Collector, path string, t time.Time, required bool) {
	switch {
	case t.IsZero():
		if required {
			col.Add(path, ismsaudit.RuleRequired, "", "a time is needed")
		}
	case t.UTC().Year() < 1900 || t.UTC().Year() > 2999:
		col.Add(path, ismsaudit.RuleRange, t.Format(time.RFC3339), "OSCAL dates fall in the years 1900 to 2999")
	}
}

func buildOSCALProfile(soa *annexa.SoA, asOf time.Time) (oscalProfile, error) {
	if soa == nil {
		col := newCollector("statement of applicability for OSCAL")
		col.Add("", ismsaudit.RuleRequired, "", "a statement of applicability is needed")
		return oscalProfile{}, col.Err()
	}
	if err := soa.Validate(); err != nil {
		return oscalProfile{}, err
	}
	col := newCollector("statement of applicability for OSCAL")
	oscalTimeProblem(col, "AsOf", asOf, true)
	if err := col.Err(); err != nil {
		return oscalProfile{}, err
	}
	org, version := oneLine(soa.Organization), oneLine(soa.Version)
	if version == "" {
		version = "unversioned"
	}
	md := oscalMetadata{
		Title:        oneLine("Statement of Applicability of " + org),
		LastModified: oscalTime(asOf),
		Version:      version,
		OSCALVersion: OSCALVersion,
		Remarks:      "The controls selected from the catalog of ISO/IEC 27001:2022 by this Statement of Applicability (6.1.3 d).",
	}
	if org == "" {
		md.Title = "Statement of Applicability"
	} else {
		u := OSCALUUID("organization", org)
		md.Roles = []oscalRole{{ID: "owner", Title: "Owner"}}
		md.Parties = []oscalParty{{UUID: u, Type: "organization", Name: org}}
		md.ResponsibleParties = []oscalResponsibleParty{{RoleID: "owner", PartyUUIDs: []string{u}}}
	}
	var clauses []string
	for c := range annexa.Clauses() {
		if c.Depth() == 1 {
			clauses = append(clauses, OSCALControlID(annexa.RefToClause(c.ID())))
		}
	}
	imp := oscalProfileImport{
		Href:            "#" + OSCALUUID("soa", org, version, "catalog"),
		IncludeControls: []oscalSelectControlID{{WithChildControls: "yes", WithIDs: clauses}},
	}
	var applicable, excluded []string
	var alters []oscalAlter
	for c := range soa.Applicable() {
		id := OSCALControlID(annexa.RefToControl(c.ID()))
		applicable = append(applicable, id)
		d, _ := soa.Decision(c.ID())
		add := oscalAdd{Position: "ending"}
		for _, b := range d.Bases {
			add.Props = propTok(add.Props, "inclusion-basis", string(b))
		}
		add.Props = propTok(add.Props, "implementation-status", string(d.Status))
		if j := d.Justification; j != "" {
			add.Parts = []oscalControlPart{{Name: "justification", NS: OSCALPropNamespace, Title: "Justification for inclusion", Prose: j}}
		}
		alters = append(alters, oscalAlter{ControlID: id, Adds: []oscalAdd{add}})
	}
	for c := range soa.Excluded() {
		id := OSCALControlID(annexa.RefToControl(c.ID()))
		excluded = append(excluded, id)
		d, _ := soa.Decision(c.ID())
		md.Props = append(md.Props, oscalProp{Name: "excluded-control", NS: OSCALPropNamespace, Value: id, Remarks: d.Justification})
	}
	if len(applicable) > 0 {
		imp.IncludeControls = append(imp.IncludeControls, oscalSelectControlID{WithIDs: applicable})
	}
	if len(excluded) > 0 {
		imp.ExcludeControls = []oscalSelectControlID{{WithIDs: excluded}}
	}
	p := oscalProfile{
		UUID:     OSCALUUID("soa", org, version, "profile"),
		Metadata: md,
		Imports:  []oscalProfileImport{imp},
		Merge:    oscalMerge{AsIs: true},
		BackMatter: &oscalBackMatter{Resources: []oscalResource{{
			UUID:        OSCALUUID("soa", org, version, "catalog"),
			Title:       "ISO/IEC 27001:2022 requirements and Annex A controls",
			Description: "The catalog the profile selects from, as OSCALCatalog of github.com/ismsaudit/ismsaudit/report writes it.",
			DocumentIDs: []oscalDocumentID{{Scheme: oscalUUIDScheme, Identifier: oscalCatalogUUID}},
			RLinks:      []oscalRLink{{Href: "urn:uuid:" + oscalCatalogUUID, MediaType: "application/oscal.catalog+json"}},
		}}},
	}
	if len(alters) > 0 {
		p.Modify = &oscalModify{Alters: alters}
	}
	return p, nil
}
