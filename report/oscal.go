package report

import (
	"crypto/sha1"
	"encoding/hex"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// OSCALVersion is the version of the NIST OSCAL models the exports
// follow.
const OSCALVersion = "1.1.2"

// OSCALNamespace is the namespace of the UUIDs the OSCAL exports derive:
// the version 5 UUID of "https://github.com/ismsaudit/ismsaudit" in the
// RFC 4122 URL namespace. Every UUID of an export is the version 5 UUID of
// a name built from the host's ids in this namespace (see OSCALUUID), so
// exporting the same record twice gives the same document.
const OSCALNamespace = "d34a8665-0bad-5679-8ab2-5bb0f8e927e9"

// OSCALPropNamespace qualifies the names of the properties the exports add
// to OSCAL objects ("audit-kind", "finding-kind", "grade", ...).
const OSCALPropNamespace = "https://github.com/ismsaudit/ismsaudit/ns/oscal"

var oscalNamespace = func() [16]byte {
	var ns [16]byte
	b, err := hex.DecodeString(strings.ReplaceAll(OSCALNamespace, "-", ""))
	if err != nil || len(b) != 16 {
		panic("report: bad OSCAL namespace")
	}
	copy(ns[:], b)
	return ns
}()

// OSCALUUID returns the version 5 UUID (RFC 4122 4.3, SHA-1) of the name
// made of parts in OSCALNamespace. Parts are path-escaped and joined by
// "/", so ("audit", "IA-1", "finding", "F/2") names
// "audit/IA-1/finding/F%2F2" and distinct ids never share a name. The
// exports use these names:
//
//	audit/<audit>/assessment-results   the assessment results document
//	audit/<audit>/plan                 the back-matter resource describing the plan
//	audit/<audit>/result               the result
//	audit/<audit>/evidence/<item>      the observation made from an evidence item
//	audit/<audit>/finding/<finding>    a finding
//	audit/<audit>/risk/<finding>       the risk of a nonconformity
//	audit/<audit>/risk/<finding>/remediation       its corrective action
//	audit/<audit>/risk/<finding>/remediation/due   the action's due-date milestone
//	audit/<audit>/poam                 the POA&M document
//	audit/<audit>/poam-item/<finding>  a POA&M item
//	auditor/<auditor id>               a team member with an auditor id
//	audit/<audit>/person/<name>        any other person
//	organization/<name>                the audit client and the auditee
func OSCALUUID(parts ...string) string {
	name := make([]string, len(parts))
	for i, p := range parts {
		name[i] = url.PathEscape(p)
	}
	return uuid5(oscalNamespace, strings.Join(name, "/"))
}

// uuid5 returns the version 5 UUID of name in namespace ns, in its
// canonical lower-case text form.
func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	io.WriteString(h, name)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return string(out[:])
}

// OSCALControlID returns the token an export uses for an audit criterion
// in control-id and target-id fields: "a.5.15" for Annex A control 5.15,
// "clause-9.2.2" for clause 9.2.2, and "document-" followed by the
// document's id for other criteria, where every byte other than a letter,
// a digit, '.' or '-' is written as '_' and two hex digits ("POL 7" gives
// "document-POL_207"). Distinct criteria give distinct tokens.
func OSCALControlID(ref annexa.Ref) string {
	switch ref.Kind {
	case annexa.ControlRef:
		return "a." + tokenSafe(ref.ID)
	case annexa.ClauseRef:
		return "clause-" + tokenSafe(ref.ID)
	}
	return "document-" + tokenSafe(ref.ID)
}

func tokenSafe(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		default:
			b.WriteByte('_')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// The OSCAL objects the exports write, named as in the OSCAL 1.1.2 JSON
// model. Field order is the output order.
type (
	oscalProp struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Value string `json:"value"`
	}
	oscalRole struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	oscalParty struct {
		UUID         string      `json:"uuid"`
		Type         string      `json:"type"`
		Name         string      `json:"name,omitempty"`
		Props        []oscalProp `json:"props,omitempty"`
		MemberOfOrgs []string    `json:"member-of-organizations,omitempty"`
	}
	oscalResponsibleParty struct {
		RoleID     string   `json:"role-id"`
		PartyUUIDs []string `json:"party-uuids"`
	}
	oscalMetadata struct {
		Title              string                  `json:"title"`
		Published          string                  `json:"published,omitempty"`
		LastModified       string                  `json:"last-modified"`
		Version            string                  `json:"version"`
		OSCALVersion       string                  `json:"oscal-version"`
		Props              []oscalProp             `json:"props,omitempty"`
		Roles              []oscalRole             `json:"roles,omitempty"`
		Parties            []oscalParty            `json:"parties,omitempty"`
		ResponsibleParties []oscalResponsibleParty `json:"responsible-parties,omitempty"`
		Remarks            string                  `json:"remarks,omitempty"`
	}
	oscalImport struct {
		Href string `json:"href"`
	}
	oscalResource struct {
		UUID        string      `json:"uuid"`
		Title       string      `json:"title,omitempty"`
		Description string      `json:"description,omitempty"`
		Props       []oscalProp `json:"props,omitempty"`
	}
	oscalBackMatter struct {
		Resources []oscalResource `json:"resources"`
	}
	oscalSelectControl struct {
		ControlID string `json:"control-id"`
	}
	oscalControlSelection struct {
		Description     string               `json:"description,omitempty"`
		IncludeControls []oscalSelectControl `json:"include-controls"`
	}
	oscalReviewedControls struct {
		ControlSelections []oscalControlSelection `json:"control-selections"`
	}
	oscalPart struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Title string `json:"title,omitempty"`
		Prose string `json:"prose,omitempty"`
	}
	oscalAttestation struct {
		ResponsibleParties []oscalResponsibleParty `json:"responsible-parties,omitempty"`
		Parts              []oscalPart             `json:"parts"`
	}
	oscalActor struct {
		Type      string `json:"type"`
		ActorUUID string `json:"actor-uuid"`
	}
	oscalOrigin struct {
		Actors []oscalActor `json:"actors"`
	}
	oscalRelevantEvidence struct {
		Description string      `json:"description"`
		Props       []oscalProp `json:"props,omitempty"`
	}
	oscalObservation struct {
		UUID             string                  `json:"uuid"`
		Title            string                  `json:"title"`
		Description      string                  `json:"description"`
		Props            []oscalProp             `json:"props,omitempty"`
		Methods          []string                `json:"methods"`
		Origins          []oscalOrigin           `json:"origins,omitempty"`
		RelevantEvidence []oscalRelevantEvidence `json:"relevant-evidence,omitempty"`
		Collected        string                  `json:"collected"`
	}
	oscalStatus struct {
		State  string `json:"state"`
		Reason string `json:"reason,omitempty"`
	}
	oscalTarget struct {
		Type     string      `json:"type"`
		TargetID string      `json:"target-id"`
		Title    string      `json:"title,omitempty"`
		Status   oscalStatus `json:"status"`
	}
	oscalRelatedObservation struct {
		ObservationUUID string `json:"observation-uuid"`
	}
	oscalRelatedRisk struct {
		RiskUUID string `json:"risk-uuid"`
	}
	oscalRelatedFinding struct {
		FindingUUID string `json:"finding-uuid"`
	}
	oscalFinding struct {
		UUID                string                    `json:"uuid"`
		Title               string                    `json:"title"`
		Description         string                    `json:"description"`
		Props               []oscalProp               `json:"props,omitempty"`
		Origins             []oscalOrigin             `json:"origins,omitempty"`
		Target              oscalTarget               `json:"target"`
		RelatedObservations []oscalRelatedObservation `json:"related-observations,omitempty"`
		RelatedRisks        []oscalRelatedRisk        `json:"related-risks,omitempty"`
		Remarks             string                    `json:"remarks,omitempty"`
	}
	oscalOnDate struct {
		Date string `json:"date"`
	}
	oscalTiming struct {
		OnDate *oscalOnDate `json:"on-date,omitempty"`
	}
	oscalTask struct {
		UUID   string       `json:"uuid"`
		Type   string       `json:"type"`
		Title  string       `json:"title"`
		Timing *oscalTiming `json:"timing,omitempty"`
	}
	oscalResponse struct {
		UUID        string      `json:"uuid"`
		Lifecycle   string      `json:"lifecycle"`
		Title       string      `json:"title"`
		Description string      `json:"description"`
		Props       []oscalProp `json:"props,omitempty"`
		Tasks       []oscalTask `json:"tasks,omitempty"`
	}
	oscalRisk struct {
		UUID                string                    `json:"uuid"`
		Title               string                    `json:"title"`
		Description         string                    `json:"description"`
		Statement           string                    `json:"statement"`
		Props               []oscalProp               `json:"props,omitempty"`
		Status              string                    `json:"status"`
		Origins             []oscalOrigin             `json:"origins,omitempty"`
		Deadline            string                    `json:"deadline,omitempty"`
		Remediations        []oscalResponse           `json:"remediations,omitempty"`
		RelatedObservations []oscalRelatedObservation `json:"related-observations,omitempty"`
	}
	oscalResult struct {
		UUID             string                `json:"uuid"`
		Title            string                `json:"title"`
		Description      string                `json:"description"`
		Props            []oscalProp           `json:"props,omitempty"`
		Start            string                `json:"start"`
		End              string                `json:"end,omitempty"`
		ReviewedControls oscalReviewedControls `json:"reviewed-controls"`
		Attestations     []oscalAttestation    `json:"attestations,omitempty"`
		Observations     []oscalObservation    `json:"observations,omitempty"`
		Risks            []oscalRisk           `json:"risks,omitempty"`
		Findings         []oscalFinding        `json:"findings,omitempty"`
		Remarks          string                `json:"remarks,omitempty"`
	}
	oscalAssessmentResults struct {
		UUID       string           `json:"uuid"`
		Metadata   oscalMetadata    `json:"metadata"`
		ImportAP   oscalImport      `json:"import-ap"`
		Results    []oscalResult    `json:"results"`
		BackMatter *oscalBackMatter `json:"back-matter,omitempty"`
	}
	oscalARDocument struct {
		AssessmentResults oscalAssessmentResults `json:"assessment-results"`
	}
	oscalSystemID struct {
		IdentifierType string `json:"identifier-type"`
		ID             string `json:"id"`
	}
	oscalPOAMItem struct {
		UUID                string                    `json:"uuid"`
		Title               string                    `json:"title"`
		Description         string                    `json:"description"`
		Props               []oscalProp               `json:"props,omitempty"`
		Origins             []oscalOrigin             `json:"origins,omitempty"`
		RelatedFindings     []oscalRelatedFinding     `json:"related-findings,omitempty"`
		RelatedObservations []oscalRelatedObservation `json:"related-observations,omitempty"`
		RelatedRisks        []oscalRelatedRisk        `json:"related-risks,omitempty"`
	}
	oscalPOAM struct {
		UUID         string             `json:"uuid"`
		Metadata     oscalMetadata      `json:"metadata"`
		SystemID     oscalSystemID      `json:"system-id"`
		Observations []oscalObservation `json:"observations,omitempty"`
		Risks        []oscalRisk        `json:"risks,omitempty"`
		Findings     []oscalFinding     `json:"findings,omitempty"`
		POAMItems    []oscalPOAMItem    `json:"poam-items"`
		BackMatter   *oscalBackMatter   `json:"back-matter,omitempty"`
	}
	oscalPOAMDocument struct {
		POAM oscalPOAM `json:"plan-of-action-and-milestones"`
	}
)

// oscalTime writes a time as OSCAL's date-time with time zone, in UTC.
func oscalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// oneLine folds white space so that a value fits OSCAL's string type (no
// line breaks, no leading or trailing space).
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\v\f") && strings.TrimSpace(s) == s && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// prop returns an ismsaudit property, or nothing when the value is empty.
func prop(props []oscalProp, name, value string) []oscalProp {
	if v := oneLine(value); v != "" {
		props = append(props, oscalProp{Name: name, NS: OSCALPropNamespace, Value: v})
	}
	return props
}

// observationMethods maps an evidence source to the OSCAL observation
// method: interviews INTERVIEW, what was seen or read EXAMINE, what the
// auditor tested or analysed TEST.
var observationMethods = map[audit.EvidenceSource]string{
	audit.SourceInterview:             "INTERVIEW",
	audit.SourceObservation:           "EXAMINE",
	audit.SourceDocument:              "EXAMINE",
	audit.SourceRecord:                "EXAMINE",
	audit.SourceTechnicalVerification: "TEST",
	audit.SourceDataAnalysis:          "TEST",
}

// oscalExport holds what both exports share: the report, its parties and
// the checked times.
type oscalExport struct {
	r        *AuditReport
	id       string
	parties  []oscalParty
	roles    []oscalRole
	resp     []oscalResponsibleParty
	people   map[string]string // person reference (auditor id or name) -> party uuid
	evidence map[audit.EvidenceID]*AuditEvidence
	actions  map[audit.FindingID]*AuditAction
}

// newOSCALExport checks r (Check, and OSCAL's date range: years 1900 to
// 2999) and prepares the parties.
func newOSCALExport(r *AuditReport) (*oscalExport, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	col := newCollector("audit report for OSCAL")
	inRange := func(path string, t time.Time) {
		if y := t.UTC().Year(); !t.IsZero() && (y < 1900 || y > 2999) {
			col.Add(path, "oscal-date", t.Format(time.RFC3339), "OSCAL dates fall in the years 1900 to 2999")
		}
	}
	inRange("AsOf", r.AsOf)
	inRange("Start", r.Start)
	inRange("End", r.End)
	if r.Issue != nil {
		inRange("Issue.IssuedAt", r.Issue.IssuedAt)
	}
	for i, e := range r.Evidence {
		inRange(errs.Index("Evidence", i)+".CollectedAt", e.CollectedAt)
	}
	if r.FollowUp != nil {
		for i, a := range r.FollowUp.Actions {
			inRange(errs.Index("FollowUp.Actions", i)+".DueAt", a.DueAt)
		}
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	x := &oscalExport{r: r, id: string(r.Audit), people: map[string]string{},
		evidence: make(map[audit.EvidenceID]*AuditEvidence, len(r.Evidence)), actions: actionsByFinding(r)}
	for i := range r.Evidence {
		x.evidence[r.Evidence[i].ID] = &r.Evidence[i]
	}
	x.partiesAndRoles()
	return x, nil
}

func (x *oscalExport) partiesAndRoles() {
	r := x.r
	byRole := map[string][]string{}
	var roleOrder []string
	addRole := func(id, title, party string) {
		if _, ok := byRole[id]; !ok {
			roleOrder = append(roleOrder, id)
			x.roles = append(x.roles, oscalRole{ID: id, Title: title})
		}
		for _, p := range byRole[id] {
			if p == party {
				return
			}
		}
		byRole[id] = append(byRole[id], party)
	}
	orgs := map[string]string{}
	org := func(name string) string {
		name = oneLine(name)
		if u, ok := orgs[name]; ok {
			return u
		}
		u := OSCALUUID("organization", name)
		orgs[name] = u
		x.parties = append(x.parties, oscalParty{UUID: u, Type: "organization", Name: name})
		return u
	}
	addRole("audit-client", "Audit client", org(r.Client))
	addRole("auditee", "Auditee", org(r.Auditee))
	for _, m := range r.Team {
		u := OSCALUUID("audit", x.id, "person", m.Name)
		if m.Auditor != "" {
			u = OSCALUUID("auditor", string(m.Auditor))
			x.people[string(m.Auditor)] = u
		}
		if _, taken := x.people[m.Name]; !taken {
			x.people[m.Name] = u
		}
		if !x.hasParty(u) {
			p := oscalParty{UUID: u, Type: "person", Name: oneLine(m.Name)}
			p.Props = prop(p.Props, "auditor-id", string(m.Auditor))
			if m.Organization != "" {
				p.MemberOfOrgs = []string{org(m.Organization)}
			}
			x.parties = append(x.parties, p)
		}
		addRole(string(m.Role), roleTitle(m.Role), u)
	}
	for _, id := range roleOrder {
		x.resp = append(x.resp, oscalResponsibleParty{RoleID: id, PartyUUIDs: byRole[id]})
	}
}

func roleTitle(r audit.TeamRole) string {
	w := words(r)
	return strings.ToUpper(w[:1]) + w[1:]
}

func (x *oscalExport) hasParty(u string) bool {
	for _, p := range x.parties {
		if p.UUID == u {
			return true
		}
	}
	return false
}

// person returns the party uuid for a person named by auditor id or name,
// adding a party for someone not in the team.
func (x *oscalExport) person(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	if u, ok := x.people[ref]; ok {
		return u
	}
	u := OSCALUUID("audit", x.id, "person", ref)
	x.people[ref] = u
	x.parties = append(x.parties, oscalParty{UUID: u, Type: "person", Name: oneLine(ref)})
	return u
}

func (x *oscalExport) origins(ref string) []oscalOrigin {
	u := x.person(ref)
	if u == "" {
		return nil
	}
	return []oscalOrigin{{Actors: []oscalActor{{Type: "party", ActorUUID: u}}}}
}

func (x *oscalExport) metadata(title string) oscalMetadata {
	r := x.r
	m := oscalMetadata{
		Title: oneLine(title), LastModified: oscalTime(r.AsOf), Version: "draft", OSCALVersion: OSCALVersion,
	}
	if r.Issue != nil {
		m.Published = oscalTime(r.Issue.IssuedAt)
		m.Version = strconv.Itoa(r.Issue.Version)
	}
	m.Props = prop(m.Props, "audit-id", x.id)
	m.Props = prop(m.Props, "audit-kind", string(r.Kind))
	m.Props = prop(m.Props, "audit-state", string(r.State))
	m.Props = prop(m.Props, "programme", r.Programme)
	if c := r.Copy; c != nil {
		m.Props = prop(m.Props, "copy-for", c.Recipient.Name)
		m.Props = prop(m.Props, "copy-clearance", string(c.Recipient.Clearance))
	}
	m.Roles = x.roles
	m.Parties = x.parties
	m.ResponsibleParties = x.resp
	m.Remarks = r.ConfidentialityStatement
	return m
}

// withheldFromExport reports whether an item appears by reference only in
// an export: restricted items always do, and so does whatever a
// recipient's copy already withholds.
func withheldFromExport(e *AuditEvidence) bool {
	return e.Withheld || e.Confidentiality == audit.ConfidentialityRestricted
}

func (x *oscalExport) observation(e *AuditEvidence) oscalObservation {
	o := oscalObservation{
		UUID:      OSCALUUID("audit", x.id, "evidence", string(e.ID)),
		Title:     "Evidence " + oneLine(string(e.ID)),
		Methods:   []string{observationMethods[e.Source]},
		Collected: oscalTime(e.CollectedAt),
	}
	o.Props = prop(o.Props, "evidence-id", string(e.ID))
	o.Props = prop(o.Props, "evidence-source", string(e.Source))
	o.Props = prop(o.Props, "confidentiality", string(e.Confidentiality))
	o.Props = prop(o.Props, "evidence-state", string(e.State))
	if withheldFromExport(e) {
		o.Props = prop(o.Props, "withheld", "true")
		o.Description = "Evidence item " + string(e.ID) + " (" + words(e.Source) + ") is " + string(e.Confidentiality) +
			" and is shown here by reference only; the full item is kept in the audit record."
		o.RelevantEvidence = []oscalRelevantEvidence{{Description: "Withheld: see evidence item " + string(e.ID) + " in the audit record."}}
		return o
	}
	for _, ref := range e.Supports {
		o.Props = prop(o.Props, "criterion", OSCALControlID(ref))
	}
	o.Props = prop(o.Props, "supersedes", string(e.Supersedes))
	o.Description = e.Description
	o.Origins = x.origins(e.CollectedBy)
	re := oscalRelevantEvidence{Description: e.Description}
	re.Props = prop(re.Props, "sha-256", e.Digest)
	if s := e.Sampling; s != nil {
		re.Props = prop(re.Props, "sample-size", strconv.Itoa(s.SampleSize))
		re.Props = prop(re.Props, "population-size", strconv.Itoa(s.PopulationSize))
		re.Props = prop(re.Props, "sampling-method", string(s.Method))
	}
	if c := e.Covers; c != nil {
		re.Props = prop(re.Props, "covers-from", oscalTime(c.From))
		re.Props = prop(re.Props, "covers-to", oscalTime(c.To))
	}
	o.RelevantEvidence = []oscalRelevantEvidence{re}
	return o
}

func findingDescription(f *AuditFinding) string {
	var b strings.Builder
	b.WriteString(f.Found)
	if f.Requirement != "" {
		b.WriteString("\n\nRequirement: ")
		b.WriteString(f.Requirement)
	}
	if f.Reason != "" {
		b.WriteString("\n\nWhy it does not conform: ")
		b.WriteString(f.Reason)
	}
	if f.DivergingOpinion != "" {
		b.WriteString("\n\nAuditee's diverging opinion: ")
		b.WriteString(f.DivergingOpinion)
	}
	if f.Resolution != "" {
		b.WriteString("\n\nResolution: ")
		b.WriteString(f.Resolution)
	}
	return b.String()
}

func (x *oscalExport) finding(f *AuditFinding) oscalFinding {
	first := f.Criteria[0]
	state, reason := "satisfied", "pass"
	if f.Kind == audit.Nonconformity {
		state, reason = "not-satisfied", "fail"
	}
	of := oscalFinding{
		UUID:        OSCALUUID("audit", x.id, "finding", string(f.ID)),
		Title:       oneLine(findingHeading(f) + ": " + criterionText(first)),
		Description: findingDescription(f),
		Origins:     x.origins(f.RaisedBy),
		Target: oscalTarget{
			Type: "objective-id", TargetID: OSCALControlID(first.Ref), Title: oneLine(criterionText(first)),
			Status: oscalStatus{State: state, Reason: reason},
		},
	}
	of.Props = prop(of.Props, "finding-id", string(f.ID))
	of.Props = prop(of.Props, "finding-kind", string(f.Kind))
	of.Props = prop(of.Props, "grade", string(f.Grade))
	of.Props = prop(of.Props, "finding-state", string(f.State))
	of.Props = prop(of.Props, "area", f.Area)
	for _, c := range f.Criteria {
		of.Props = prop(of.Props, "criterion", OSCALControlID(c.Ref))
	}
	for _, id := range f.Evidence {
		of.RelatedObservations = append(of.RelatedObservations, oscalRelatedObservation{ObservationUUID: OSCALUUID("audit", x.id, "evidence", string(id))})
	}
	if f.Kind == audit.Nonconformity {
		of.RelatedRisks = []oscalRelatedRisk{{RiskUUID: OSCALUUID("audit", x.id, "risk", string(f.ID))}}
	}
	return of
}

// riskStatus maps a nonconformity's follow-up to the OSCAL risk status:
// open until a corrective action plan is accepted, remediating while it is
// carried out, closed once verified effective.
func riskStatus(a *AuditAction) string {
	switch {
	case a == nil || a.State == audit.FollowUpPlanning:
		return "open"
	case a.State == audit.FollowUpClosed:
		return "closed"
	}
	return "remediating"
}

func (x *oscalExport) risk(f *AuditFinding) oscalRisk {
	a := x.actions[f.ID]
	statement := f.Reason
	if strings.TrimSpace(statement) == "" {
		statement = f.Found
	}
	rk := oscalRisk{
		UUID:        OSCALUUID("audit", x.id, "risk", string(f.ID)),
		Title:       oneLine("Nonconformity " + string(f.ID) + " (" + string(f.Grade) + "): " + criterionText(f.Criteria[0])),
		Description: f.Found,
		Statement:   statement,
		Status:      riskStatus(a),
		Origins:     x.origins(f.RaisedBy),
	}
	rk.Props = prop(rk.Props, "finding-id", string(f.ID))
	rk.Props = prop(rk.Props, "grade", string(f.Grade))
	if a != nil {
		rk.Deadline = oscalTime(a.DueAt)
		desc := a.Action
		if strings.TrimSpace(desc) == "" {
			desc = a.Correction
		}
		if strings.TrimSpace(desc) != "" {
			lifecycle := "planned"
			if a.State == audit.FollowUpClosed {
				lifecycle = "completed"
			}
			resp := oscalResponse{
				UUID:        OSCALUUID("audit", x.id, "risk", string(f.ID), "remediation"),
				Lifecycle:   lifecycle,
				Title:       oneLine("Corrective action for " + string(f.ID)),
				Description: desc,
			}
			resp.Props = prop(resp.Props, "follow-up-state", string(a.State))
			resp.Props = prop(resp.Props, "correction", a.Correction)
			resp.Props = prop(resp.Props, "root-cause", a.RootCause)
			resp.Props = prop(resp.Props, "verified-by", a.VerifiedBy)
			resp.Props = prop(resp.Props, "closed", oscalTime(a.ClosedAt))
			if !a.DueAt.IsZero() {
				resp.Tasks = []oscalTask{{
					UUID: OSCALUUID("audit", x.id, "risk", string(f.ID), "remediation", "due"), Type: "milestone",
					Title: "Corrective action due", Timing: &oscalTiming{OnDate: &oscalOnDate{Date: oscalTime(a.DueAt)}},
				}}
			}
			rk.Remediations = []oscalResponse{resp}
		}
	}
	for _, id := range f.Evidence {
		rk.RelatedObservations = append(rk.RelatedObservations, oscalRelatedObservation{ObservationUUID: OSCALUUID("audit", x.id, "evidence", string(id))})
	}
	return rk
}

func (x *oscalExport) planResource() oscalResource {
	r := x.r
	var b strings.Builder
	b.WriteString("Objectives:")
	for _, o := range r.Objectives {
		b.WriteString("\n- ")
		b.WriteString(o)
	}
	b.WriteString("\n\nScope: ")
	b.WriteString(r.Auditee)
	for _, part := range [][]string{r.Scope.Units, r.Scope.Processes, r.Scope.Locations} {
		if len(part) > 0 {
			b.WriteString("; ")
			b.WriteString(strings.Join(part, ", "))
		}
	}
	if r.Scope.ISMS != "" {
		b.WriteString("\n\nISMS scope: ")
		b.WriteString(r.Scope.ISMS)
	}
	b.WriteString("\n\nCriteria:")
	for _, c := range r.Criteria {
		b.WriteString("\n- ")
		b.WriteString(criterionText(c))
	}
	res := oscalResource{
		UUID: OSCALUUID("audit", x.id, "plan"), Title: oneLine("Audit plan of " + x.id), Description: b.String(),
	}
	if r.Plan != nil && r.Plan.Version > 0 {
		res.Props = prop(res.Props, "plan-version", strconv.Itoa(r.Plan.Version))
	}
	return res
}

func (x *oscalExport) reviewedControls() oscalReviewedControls {
	sel := oscalControlSelection{Description: "The audit criteria: ISO/IEC 27001:2022 clauses (clause-<id>), Annex A controls (a.<id>) and other documents (document-<id>)."}
	for _, c := range x.r.Criteria {
		sel.IncludeControls = append(sel.IncludeControls, oscalSelectControl{ControlID: OSCALControlID(c.Ref)})
	}
	return oscalReviewedControls{ControlSelections: []oscalControlSelection{sel}}
}

func (x *oscalExport) attestation() []oscalAttestation {
	r := x.r
	k := r.Conclusion
	parts := []oscalPart{
		{Name: "fulfilment", NS: OSCALPropNamespace, Title: "Degree to which the audit criteria are fulfilled", Prose: words(k.Fulfilment) + ". " + fulfilmentStatements[k.Fulfilment]},
		{Name: "extent-of-conformity", NS: OSCALPropNamespace, Title: "Extent of conformity", Prose: k.Extent},
		{Name: "effectiveness", NS: OSCALPropNamespace, Title: "Effectiveness of the ISMS", Prose: k.Effectiveness},
		{Name: "objectives-achieved", NS: OSCALPropNamespace, Title: "Audit objectives achieved", Prose: yesNo(k.ObjectivesAchieved)},
		{Name: "scope-covered", NS: OSCALPropNamespace, Title: "Whole audit scope covered", Prose: yesNo(k.ScopeCovered)},
	}
	if len(k.NotCovered) > 0 {
		parts = append(parts, oscalPart{Name: "not-covered", NS: OSCALPropNamespace, Title: "Areas in scope not covered", Prose: "- " + strings.Join(k.NotCovered, "\n- ")})
	}
	if k.Recommendation != "" {
		parts = append(parts, oscalPart{Name: "recommendation", NS: OSCALPropNamespace, Title: "Recommendation", Prose: recommendationLabels[k.Recommendation] + "."})
	}
	if len(r.DivergingOpinions) > 0 {
		var b strings.Builder
		for i, d := range r.DivergingOpinions {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("- ")
			if d.Finding != "" {
				b.WriteString(string(d.Finding) + ": ")
			}
			b.WriteString(d.Opinion)
		}
		parts = append(parts, oscalPart{Name: "diverging-opinions", NS: OSCALPropNamespace, Title: "Unresolved diverging opinions", Prose: b.String()})
	}
	parts = append(parts, oscalPart{Name: "sampling-statement", NS: OSCALPropNamespace, Title: "Sampling", Prose: r.SamplingStatement})
	a := oscalAttestation{Parts: parts}
	for _, rp := range x.resp {
		if rp.RoleID == string(audit.RoleTeamLeader) {
			a.ResponsibleParties = []oscalResponsibleParty{rp}
		}
	}
	return []oscalAttestation{a}
}

// AssessmentResults writes report r to w as an OSCAL 1.1.2 Assessment
// Results document in JSON, for GRC tools that import OSCAL:
//
//   - metadata: title, last-modified (r.AsOf), version (the issued report
//     version, or "draft"), published (the issue time), roles and parties
//     for the audit client, the auditee and each team member, with
//     responsible-parties tying them together;
//   - import-ap: a reference ("#" + uuid) to a back-matter resource that
//     describes the audit plan (objectives, scope, criteria);
//   - one result spanning r.Start to r.End, whose reviewed-controls select
//     the audit criteria (see OSCALControlID), whose attestation carries
//     the conclusions, and which holds:
//   - an observation per evidence item, its method mapped from the source
//     (interview INTERVIEW; observation, document, record EXAMINE;
//     technical verification, data analysis TEST), collected at the item's
//     collection time, with the item's description as relevant evidence;
//     restricted items, and items a recipient's copy withholds, appear by
//     reference only;
//   - a finding per finding, targeting the objective of its first
//     criterion with status satisfied, or not-satisfied for a
//     nonconformity, related to its observations;
//   - a risk per nonconformity, open, remediating or closed as its
//     follow-up stands, with the corrective action as a remediation whose
//     milestone is the due date.
//
// Every UUID derives from the host's ids (OSCALUUID), so exporting the
// same record again gives the same bytes. The report is checked first and
// nothing is written when it is incomplete.
func AssessmentResults(w io.Writer, r *AuditReport) error {
	x, err := newOSCALExport(r)
	if err != nil {
		return err
	}
	res := oscalResult{
		UUID:             OSCALUUID("audit", x.id, "result"),
		Title:            oneLine(r.Title),
		Description:      resultDescription(r),
		Start:            oscalTime(r.Start),
		End:              oscalTime(r.End),
		ReviewedControls: x.reviewedControls(),
		Attestations:     x.attestation(),
		Remarks:          r.SamplingStatement,
	}
	res.Props = prop(res.Props, "fulfilment", string(r.Conclusion.Fulfilment))
	res.Props = prop(res.Props, "recommendation", string(r.Conclusion.Recommendation))
	res.Observations = make([]oscalObservation, len(r.Evidence))
	for i := range r.Evidence {
		res.Observations[i] = x.observation(&r.Evidence[i])
	}
	res.Findings = make([]oscalFinding, len(r.Findings))
	for i := range r.Findings {
		f := &r.Findings[i]
		res.Findings[i] = x.finding(f)
		if f.Kind == audit.Nonconformity {
			res.Risks = append(res.Risks, x.risk(f))
		}
	}
	if len(res.Observations) == 0 {
		res.Observations = nil
	}
	doc := oscalARDocument{AssessmentResults: oscalAssessmentResults{
		UUID:       OSCALUUID("audit", x.id, "assessment-results"),
		ImportAP:   oscalImport{Href: "#" + OSCALUUID("audit", x.id, "plan")},
		Results:    []oscalResult{res},
		BackMatter: &oscalBackMatter{Resources: []oscalResource{x.planResource()}},
	}}
	// Parties are complete only once every origin has been resolved.
	doc.AssessmentResults.Metadata = x.metadata(r.Title)
	return writeJSON(w, doc)
}

func resultDescription(r *AuditReport) string {
	var b strings.Builder
	b.WriteString(lowerFirst(kindTitles[r.Kind]))
	b.WriteString(" ")
	b.WriteString(string(r.Audit))
	b.WriteString(" of ")
	b.WriteString(r.Auditee)
	b.WriteString(" for ")
	b.WriteString(r.Client)
	b.WriteString(". ")
	b.WriteString(findingCounts(r.Findings))
	b.WriteString(" ")
	b.WriteString(fulfilmentStatements[r.Conclusion.Fulfilment])
	return strings.ToUpper(b.String()[:1]) + b.String()[1:]
}

// PlanOfActionAndMilestones writes the open nonconformities of report r
// and their corrective actions to w as an OSCAL 1.1.2 Plan of Action and
// Milestones document in JSON: a poam-item per nonconformity whose
// follow-up is not closed, related to its finding, its risk (with the
// corrective action as remediation and the due date as milestone) and the
// observations made from its evidence, exported as AssessmentResults
// exports them. The system is identified by the UUID of the auditee
// (system-id, RFC 4122 scheme). UUIDs derive from the host's ids, so the
// output is deterministic.
//
// The report is checked first. A report with no open nonconformity has
// nothing to plan and OSCAL requires at least one item: it is refused with
// a *ValidationError (rule "oscal-poam-empty") and nothing is written.
func PlanOfActionAndMilestones(w io.Writer, r *AuditReport) error {
	x, err := newOSCALExport(r)
	if err != nil {
		return err
	}
	p := oscalPOAM{
		UUID:     OSCALUUID("audit", x.id, "poam"),
		SystemID: oscalSystemID{IdentifierType: "https://ietf.org/rfc/rfc4122", ID: OSCALUUID("organization", oneLine(r.Auditee))},
	}
	used := map[audit.EvidenceID]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Kind != audit.Nonconformity || riskStatus(x.actions[f.ID]) == "closed" {
			continue
		}
		p.Findings = append(p.Findings, x.finding(f))
		rk := x.risk(f)
		p.Risks = append(p.Risks, rk)
		item := oscalPOAMItem{
			UUID:            OSCALUUID("audit", x.id, "poam-item", string(f.ID)),
			Title:           rk.Title,
			Description:     f.Found,
			Origins:         x.origins(f.RaisedBy),
			RelatedFindings: []oscalRelatedFinding{{FindingUUID: OSCALUUID("audit", x.id, "finding", string(f.ID))}},
			RelatedRisks:    []oscalRelatedRisk{{RiskUUID: rk.UUID}},
		}
		item.Props = prop(item.Props, "finding-id", string(f.ID))
		item.Props = prop(item.Props, "grade", string(f.Grade))
		if a := x.actions[f.ID]; a != nil {
			item.Props = prop(item.Props, "follow-up-state", string(a.State))
			item.Props = prop(item.Props, "due", oscalTime(a.DueAt))
			if a.Overdue(r.AsOf) {
				item.Props = prop(item.Props, "overdue", "true")
			}
		}
		item.RelatedObservations = rk.RelatedObservations
		for _, id := range f.Evidence {
			used[id] = true
		}
		p.POAMItems = append(p.POAMItems, item)
	}
	if len(p.POAMItems) == 0 {
		col := newCollector("audit report for OSCAL POA&M")
		col.Add("Findings", "oscal-poam-empty", "", "no open nonconformity: a POA&M needs at least one item")
		return col.Err()
	}
	for i := range r.Evidence {
		if used[r.Evidence[i].ID] {
			p.Observations = append(p.Observations, x.observation(&r.Evidence[i]))
		}
	}
	p.Metadata = x.metadata("Plan of action and milestones: " + r.Title)
	return writeJSON(w, oscalPOAMDocument{POAM: p})
}
