package report

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
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

// oscalUUIDScheme is the scheme of identifiers that are UUIDs (RFC 4122),
// as OSCAL's document-id and system-id name it.
const oscalUUIDScheme = "https://ietf.org/rfc/rfc4122"

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
//	audit/<audit>/plan                 the back-matter resource of the assessment results that imports the assessment plan
//	audit/<audit>/assessment-plan      the assessment plan document (AssessmentPlan)
//	audit/<audit>/isms                 the back-matter resource of the assessment plan describing the ISMS (import-ssp)
//	audit/<audit>/activity/<n>         the activity made from the n-th line of the timetable (1, 2, ...)
//	audit/<audit>/task/audit           the task spanning the audit activities
//	audit/<audit>/task/<n>             the task timing the n-th line of the timetable
//	audit/<audit>/component/unit/<name>     an organizational unit in the audit scope
//	audit/<audit>/component/process/<name>  a process in the audit scope
//	audit/<audit>/location/<name>      a location in the audit scope or the plan
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
//	catalog/iso-iec-27001-2022         the catalog document (OSCALCatalog)
//	soa/<organization>/<version>/profile  the profile of a Statement of Applicability (OSCALProfile)
//	soa/<organization>/<version>/catalog  the profile's back-matter resource that imports the catalog
func OSCALUUID(parts ...string) string {
	var stack [256]byte
	name := appendUUIDName(append(stack[:0], oscalNamespace[:]...), parts)
	return uuidText(sha1.Sum(name))
}

// appendUUIDName appends parts to name as OSCALUUID joins them: escaped
// and separated by '/'.
func appendUUIDName(name []byte, parts []string) []byte {
	for i, p := range parts {
		if i > 0 {
			name = append(name, '/')
		}
		name = appendPathPart(name, p)
	}
	return name
}

// appendPathPart appends url.PathEscape(p) to name.
func appendPathPart(name []byte, p string) []byte {
	if pathMarks.next(p, 0) == len(p) {
		return append(name, p...) // url.PathEscape would return p as it is
	}
	return append(name, url.PathEscape(p)...)
}

// pathMarks marks the bytes url.PathEscape changes (it keeps the others
// as they are): a part without any is hashed without escaping.
var pathMarks = newByteSet(func(c byte) bool {
	return c >= 0x80 || url.PathEscape(string(rune(c))) != string(rune(c))
})

// uuid5 returns the version 5 UUID of name in namespace ns.
func uuid5(ns [16]byte, name string) string {
	return uuidText(sha1.Sum(append(ns[:], name...)))
}

// uuidLen is the length of a UUID's text.
const uuidLen = 36

// uuidText makes a SHA-1 sum a version 5 UUID (RFC 4122 4.3) in its
// canonical lower-case text form.
func uuidText(u [sha1.Size]byte) string {
	var out [uuidLen]byte
	uuidEncode(&out, u)
	return string(out[:])
}

// uuidEncode writes the text uuidText returns for u to out.
func uuidEncode(out *[uuidLen]byte, u [sha1.Size]byte) {
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
}

// textArena keeps the text an export makes (UUIDs, titles, descriptions:
// some 20,000 strings for an audit of 2,000 findings) in a few shared
// blocks instead of one allocation each. A block is a strings.Builder
// that is only ever appended to, and each string handed out is a slice of
// what its String method returns, so none changes when more text is
// added. When a block is full it is left to the strings that point into
// it and a new one, twice as large up to textBlockMax, is started; text
// too long for a block gets an allocation of its own.
type textArena struct {
	b    strings.Builder
	size int // the current block's size
}

// textBlockMax is the size of the largest blocks.
const textBlockMax = 64 << 10

// room makes room for n more bytes in the current block, reporting
// whether n is small enough for one.
func (a *textArena) room(n int) bool {
	if a.b.Cap()-a.b.Len() >= n {
		return true
	}
	if n > textBlockMax/4 {
		return false
	}
	a.size = min(max(2*a.size, 1<<10), textBlockMax)
	a.b.Reset()
	a.b.Grow(a.size)
	return true
}

// last returns the n bytes written last.
func (a *textArena) last(n int) string {
	s := a.b.String()
	return s[len(s)-n:]
}

// uuid returns uuidText(u).
func (a *textArena) uuid(u [sha1.Size]byte) string {
	var out [uuidLen]byte
	uuidEncode(&out, u)
	a.room(uuidLen)
	a.b.Write(out[:])
	return a.last(uuidLen)
}

// concat returns the parts joined.
func (a *textArena) concat(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if !a.room(n) {
		return strings.Join(parts, "")
	}
	for _, p := range parts {
		a.b.WriteString(p)
	}
	return a.last(n)
}

// time returns oscalTime(t).
func (a *textArena) time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	var buf [64]byte
	b := appendDateTime(buf[:0], t)
	if !a.room(len(b)) {
		return string(b)
	}
	a.b.Write(b)
	return a.last(len(b))
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
		// Remarks, markup, say more about the value (the justification
		// of an excluded control in a profile).
		Remarks string `json:"remarks,omitempty"`
		// tok marks a value propTok made: a token that needs no
		// escaping, which the writer copies as it is.
		tok bool
	}
	oscalRole struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	oscalLocation struct {
		UUID  string `json:"uuid"`
		Title string `json:"title,omitempty"`
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
		Locations          []oscalLocation         `json:"locations,omitempty"`
		Parties            []oscalParty            `json:"parties,omitempty"`
		ResponsibleParties []oscalResponsibleParty `json:"responsible-parties,omitempty"`
		Remarks            string                  `json:"remarks,omitempty"`
	}
	oscalImport struct {
		Href string `json:"href"`
	}
	oscalDocumentID struct {
		Scheme     string `json:"scheme,omitempty"`
		Identifier string `json:"identifier"`
	}
	oscalRLink struct {
		Href      string `json:"href"`
		MediaType string `json:"media-type,omitempty"`
	}
	oscalResource struct {
		UUID        string            `json:"uuid"`
		Title       string            `json:"title,omitempty"`
		Description string            `json:"description,omitempty"`
		Props       []oscalProp       `json:"props,omitempty"`
		DocumentIDs []oscalDocumentID `json:"document-ids,omitempty"`
		RLinks      []oscalRLink      `json:"rlinks,omitempty"`
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
		Description      string                  `json:"description"`
		Props            []oscalProp             `json:"props,omitempty"`
		Methods          []string                `json:"methods"`
		Origins          []oscalOrigin           `json:"origins,omitempty"`
		RelevantEvidence []oscalRelevantEvidence `json:"relevant-evidence,omitempty"`
		Collected        oscalDateTime           `json:"collected"`
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
		// observations, risks and findings stand in for the slices of
		// the same name when those are nil: the export produces items one
		// at a time as it writes them.
		observations lazyList[oscalObservation]
		risks        lazyList[oscalRisk]
		findings     lazyList[oscalFinding]

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
		observations lazyList[oscalObservation]
		risks        lazyList[oscalRisk]
		findings     lazyList[oscalFinding]
		items        lazyList[oscalPOAMItem]

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

// lazyList yields n items, the i-th from at(i). A list that reuses one
// item returns a pointer valid until the next call.
type lazyList[T any] struct {
	n  int
	at func(i int) *T
}

// listOf returns the items of s, or of l when s is nil.
func listOf[T any](s []T, l lazyList[T]) (int, func(int) *T) {
	if s != nil || l.at == nil {
		return len(s), func(i int) *T { return &s[i] }
	}
	return l.n, l.at
}

// oscalDateTime is an OSCAL date-time with time zone, written in UTC
// (as oscalTime writes it); the encoder appends it without an allocation.
type oscalDateTime struct{ t time.Time }

// MarshalJSON writes the date-time as a JSON string.
func (d oscalDateTime) MarshalJSON() ([]byte, error) {
	return d.t.UTC().AppendFormat([]byte{'"'}, time.RFC3339+`"`), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *oscalDateTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339, s)
	d.t = t
	return err
}

// String returns the date-time as it is written.
func (d oscalDateTime) String() string { return oscalTime(d.t) }

// appendDateTime appends t as oscalTime writes it. Years 1000 to 9999
// (OSCAL's, 1900 to 2999, among them) are written digit by digit, which
// is several times faster than time's general formatter; others are left
// to it.
func appendDateTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 1000 || year > 9999 {
		return t.AppendFormat(b, time.RFC3339)
	}
	hour, minute, sec := t.Clock()
	return append(b,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+month/10), byte('0'+month%10), '-', byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), ':', byte('0'+minute/10), byte('0'+minute%10), ':',
		byte('0'+sec/10), byte('0'+sec%10), 'Z')
}

// oscalTime writes a time as OSCAL's date-time with time zone, in UTC.
func oscalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// oneLine folds white space so that a value fits OSCAL's string type
// (StringDatatype, pattern ^\S(.*\S)?$ under ECMAScript's regular
// expressions, as JSON Schema validators such as ajv read it): no line
// breaks, and no white space at either end. ECMAScript's white space is
// Go's (unicode.IsSpace, less U+0085, which ECMAScript's "." matches)
// plus U+FEFF, the byte-order mark that text from spreadsheets and
// Windows tools often starts with. oneLine drops every U+FEFF (as a
// zero-width no-break space inside text it is deprecated, and carries no
// meaning in a name or a title), then folds Go's white space. A value
// that needs neither, as most do, is returned as it is.
func oneLine(s string) string {
	if !needsFolding(s) {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\uFEFF", "")), " ")
}

// isOSCALSpace reports whether r is white space at the ends of an OSCAL
// string: Go's white space (unicode.IsSpace, which holds every character
// of ECMAScript's \s but U+FEFF) or U+FEFF, the zero-width no-break space
// that serves as byte-order mark.
func isOSCALSpace(r rune) bool {
	return r == byteOrderMark || unicode.IsSpace(r)
}

// byteOrderMark is U+FEFF, white space to ECMAScript's \s but not to Go.
const byteOrderMark = '\uFEFF'

// needsFolding reports whether oneLine changes s: whether it starts or
// ends with a space, or holds two spaces in a row, other white space or
// a byte-order mark.
func needsFolding(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case foldMarks[c] == 0:
		case c == ' ':
			if s[i+1] == ' ' { // s does not end in a space
				return true
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isOSCALSpace(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// foldMarks marks the bytes oneLine looks at: ASCII white space, and the
// bytes of multi-byte sequences (U+0085 and U+00A0 are white space too).
var foldMarks = newByteSet(func(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c >= utf8.RuneSelf
})

// prop returns an ismsaudit property, or nothing when the value is empty.
func prop(props []oscalProp, name, value string) []oscalProp {
	if v := oneLine(value); v != "" {
		props = append(props, oscalProp{Name: name, NS: OSCALPropNamespace, Value: v})
	}
	return props
}

// propTok returns an ismsaudit property whose value is a token the
// library generated or Check validated (an enumeration value, a criterion
// id from OSCALControlID, a date-time, a lower-case hex digest, "true"):
// already one line, nothing to fold, and plain ASCII letters, digits and
// punctuation JSON keeps as they are, nothing to escape. Empty values are
// left out.
func propTok(props []oscalProp, name, value string) []oscalProp {
	if value != "" {
		props = append(props, oscalProp{Name: name, NS: OSCALPropNamespace, Value: value, tok: true})
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

// The methods slices observations share; never modified.
var (
	methodsInterview = []string{"INTERVIEW"}
	methodsExamine   = []string{"EXAMINE"}
	methodsTest      = []string{"TEST"}
)

// observationMethodList returns the shared methods slice for an evidence source, as
// observationMethods maps it.
func observationMethodList(src audit.EvidenceSource) []string {
	switch src {
	case audit.SourceInterview:
		return methodsInterview
	case audit.SourceTechnicalVerification, audit.SourceDataAnalysis:
		return methodsTest
	}
	return methodsExamine
}

// oscalExport holds what both exports share: the report, its parties and
// the checked times.
type oscalExport struct {
	r             *AuditReport
	id            string
	parties       []oscalParty
	roles         []oscalRole
	resp          []oscalResponsibleParty
	people        map[string]string            // person reference (auditor id or name) -> party uuid
	origin        map[string][]oscalOrigin     // person reference -> origins naming them (shared, never modified)
	evidenceIndex map[ismsaudit.EvidenceID]int // evidence id -> position in r.Evidence
	nextEv        int                          // the position after the item relatedObservations found last
	actions       map[audit.FindingID]*AuditAction
	obsUUIDs      []string              // observation uuid by evidence position, derived once
	fndUUIDs      []string              // finding uuid by finding position, derived once
	rskUUIDs      []string              // risk uuid by finding position, derived once
	ctlIDs        map[annexa.Ref]string // OSCALControlID by criterion, derived once
	// lastRef and lastCtl remember the criterion controlID looked up
	// last: evidence items and findings come in runs that cite the same
	// one, and comparing is cheaper than hashing.
	lastRef annexa.Ref
	lastCtl string
	// lastPerson does the same for origins.
	lastPerson struct {
		ref     string
		origins []oscalOrigin
		ok      bool
	}
	// evidenceOrigins and fOrigins hold the origins of each evidence item and
	// finding by position, as resolvePeople finds them.
	evidenceOrigins [][]oscalOrigin
	fOrigins        [][]oscalOrigin
	// name is the start of the names of the audit's own UUIDs: the
	// namespace and "audit/<audit>/" (see auditUUID); text keeps the
	// UUIDs, titles and descriptions the export makes.
	name []byte
	text textArena
	// reuse makes the lazy lists fill one scratch item each instead of a
	// new one per call.
	reuse bool
	obs   oscalObservation
	fnd   oscalFinding
	rsk   oscalRisk
	item  oscalPOAMItem
}

// scratch returns the scratch item when reusing, else a new one.
func scratch[T any](x *oscalExport, s *T) *T {
	if x.reuse {
		return s
	}
	return new(T)
}

// auditUUID returns OSCALUUID("audit", x.id, kind, id, tail...), with
// its text in the export's arena. Kind and tail are constants that
// url.PathEscape keeps as they are, and the name's start is escaped once
// per export, so only id is looked at.
func (x *oscalExport) auditUUID(kind, id string, tail ...string) string {
	var stack [256]byte
	name := append(append(append(stack[:0], x.name...), kind...), '/')
	name = appendPathPart(name, id)
	for _, t := range tail {
		name = append(append(name, '/'), t...)
	}
	return x.text.uuid(sha1.Sum(name))
}

// auditUUIDName returns the start of the names of audit id's own UUIDs:
// the namespace and "audit/<id>/", escaped as OSCALUUID escapes them.
func auditUUIDName(id string) []byte {
	return appendUUIDName(append([]byte(nil), oscalNamespace[:]...), []string{"audit", id, ""})
}

// observationUUID returns the uuid of the observation made from the
// evidence item at position i, deriving it once.
func (x *oscalExport) observationUUID(i int) string {
	if x.obsUUIDs[i] == "" {
		x.obsUUIDs[i] = x.auditUUID("evidence", string(x.r.Evidence[i].ID))
	}
	return x.obsUUIDs[i]
}

// controlID returns OSCALControlID(ref), deriving it once per export.
func (x *oscalExport) controlID(ref annexa.Ref) string {
	if ref == x.lastRef && x.lastCtl != "" {
		return x.lastCtl
	}
	id, ok := x.ctlIDs[ref]
	if !ok {
		id = OSCALControlID(ref)
		x.ctlIDs[ref] = id
	}
	x.lastRef, x.lastCtl = ref, id
	return id
}

// findingUUID and riskUUID return the uuids of the finding at position i
// and of its risk, deriving each once.
func (x *oscalExport) findingUUID(i int) string {
	if x.fndUUIDs[i] == "" {
		x.fndUUIDs[i] = x.auditUUID("finding", string(x.r.Findings[i].ID))
	}
	return x.fndUUIDs[i]
}

func (x *oscalExport) riskUUID(i int) string {
	if x.rskUUIDs[i] == "" {
		x.rskUUIDs[i] = x.auditUUID("risk", string(x.r.Findings[i].ID))
	}
	return x.rskUUIDs[i]
}

// criterionLine returns oneLine(criterionText(c)).
func (x *oscalExport) criterionLine(c AuditCriterion) string {
	sep, title := criterionTitle(c)
	return oneLine(x.text.concat(c.Label, sep, title))
}

// criterionTitle returns what criterionText adds to c's label: a space
// and the title, or nothing.
func criterionTitle(c AuditCriterion) (sep, title string) {
	if c.Title == "" || c.Title == c.Label {
		return "", ""
	}
	return " ", c.Title
}

// relatedObservations appends the observations made from the items ids
// name (every one is in the report, as Check makes sure, and ids are
// unique). A finding mostly cites items that follow one another in the
// report, so the item after the one found last is tried before the index.
func (x *oscalExport) relatedObservations(dst []oscalRelatedObservation, ids []ismsaudit.EvidenceID) []oscalRelatedObservation {
	for _, id := range ids {
		i := x.nextEv
		if i >= len(x.r.Evidence) || x.r.Evidence[i].ID != id {
			i = x.evidenceIndex[id]
		}
		x.nextEv = i + 1
		dst = append(dst, oscalRelatedObservation{ObservationUUID: x.observationUUID(i)})
	}
	return dst
}

// newOSCALExport checks r (Check, and OSCAL's date range: years 1900 to
// 2999) and prepares the parties.
func newOSCALExport(r *AuditReport) (*oscalExport, error) {
	evidenceIndex, err := r.check()
	if err != nil {
		return nil, err
	}
	col := newCollector("audit report for OSCAL")
	inRange := func(t time.Time) bool {
		y := t.UTC().Year()
		return t.IsZero() || (y >= 1900 && y <= 2999)
	}
	outOfRange := func(path string, t time.Time) {
		col.Add(path, ismsaudit.RuleRange, t.Format(time.RFC3339), "OSCAL dates fall in the years 1900 to 2999")
	}
	for _, f := range []struct {
		path string
		t    time.Time
	}{{"AsOf", r.AsOf}, {"Start", r.Start}, {"End", r.End}} {
		if !inRange(f.t) {
			outOfRange(f.path, f.t)
		}
	}
	if r.Issue != nil && !inRange(r.Issue.IssuedAt) {
		outOfRange("Issue.IssuedAt", r.Issue.IssuedAt)
	}
	for i, e := range r.Evidence {
		if !inRange(e.CollectedAt) {
			outOfRange(errs.Index("Evidence", i)+".CollectedAt", e.CollectedAt)
		}
	}
	if r.FollowUp != nil {
		for i, a := range r.FollowUp.Actions {
			if !inRange(a.DueAt) {
				outOfRange(errs.Index("FollowUp.Actions", i)+".DueAt", a.DueAt)
			}
		}
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	x := &oscalExport{r: r, id: string(r.Audit), people: map[string]string{}, origin: map[string][]oscalOrigin{},
		evidenceIndex: evidenceIndex, actions: actionsByFinding(r),
		obsUUIDs: make([]string, len(r.Evidence)), fndUUIDs: make([]string, len(r.Findings)), rskUUIDs: make([]string, len(r.Findings)), ctlIDs: map[annexa.Ref]string{}}
	x.name = auditUUIDName(x.id)
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
		u := x.auditUUID("person", m.Name)
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

func roleTitle(r competence.Role) string {
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
	u := x.auditUUID("person", ref)
	x.people[ref] = u
	x.parties = append(x.parties, oscalParty{UUID: u, Type: "person", Name: oneLine(ref)})
	return u
}

// origins returns the origins naming the person ref names (none for
// nobody), shared by every item that names them.
func (x *oscalExport) origins(ref string) []oscalOrigin {
	if x.lastPerson.ok && ref == x.lastPerson.ref {
		return x.lastPerson.origins // runs of items name the same person
	}
	o, ok := x.origin[ref]
	if !ok {
		if u := x.person(ref); u != "" {
			o = []oscalOrigin{{Actors: []oscalActor{{Type: "party", ActorUUID: u}}}}
		}
		x.origin[ref] = o
	}
	x.lastPerson.ref, x.lastPerson.origins, x.lastPerson.ok = ref, o, true
	return o
}

func (x *oscalExport) metadata(title string) oscalMetadata {
	r := x.r
	m := oscalMetadata{
		Title: oneLine(draftTitle(title, r.Draft)), LastModified: oscalTime(r.AsOf), Version: "draft", OSCALVersion: OSCALVersion,
	}
	if r.Issue != nil {
		m.Published = oscalTime(r.Issue.IssuedAt)
		m.Version = strconv.Itoa(r.Issue.Version)
	}
	m.Props = draftProps(m.Props, r.Draft, r.Violations)
	m.Props = prop(m.Props, "audit-id", x.id)
	m.Props = prop(m.Props, "audit-kind", string(r.Kind))
	m.Props = prop(m.Props, "audit-state", string(r.State))
	m.Props = prop(m.Props, "programme", string(r.Programme))
	if c := r.Copy; c != nil {
		m.Props = prop(m.Props, "copy-for", c.Recipient.Name)
		m.Props = prop(m.Props, "copy-clearance", string(c.Recipient.Clearance))
	}
	m.Props = sealProps(m.Props, r)
	m.Roles = x.roles
	m.Parties = x.parties
	m.ResponsibleParties = x.resp
	m.Remarks = r.ConfidentialityStatement
	return m
}

// withheldEvidence describes the relevant evidence of an item shown by
// reference only: the material stays in the audit record, which the
// observation's evidence-id property names.
const withheldEvidence = "Withheld: the material is kept in the audit record."

// withheldFromExport reports whether an item appears by reference only in
// an export: restricted items always do, and so does whatever a
// recipient's copy already withholds.
func withheldFromExport(e *AuditEvidence) bool {
	return e.Withheld || e.Confidentiality == audit.ConfidentialityRestricted
}

// observationInto fills o with the observation made from e, reusing o's
// slices.
func (x *oscalExport) observationInto(o *oscalObservation, i int) {
	e := &x.r.Evidence[i]
	props := o.Props[:0]
	var reProps []oscalProp // those of the last relevant evidence, to reuse
	if cap(o.RelevantEvidence) > 0 {
		reProps = o.RelevantEvidence[:1][0].Props[:0]
	}
	rel := o.RelevantEvidence[:0]
	*o = oscalObservation{
		UUID:      x.observationUUID(i),
		Methods:   observationMethodList(e.Source),
		Collected: oscalDateTime{e.CollectedAt},
	}
	props = prop(props, "evidence-id", string(e.ID))
	props = propTok(props, "evidence-source", string(e.Source))
	props = propTok(props, "confidentiality", string(e.Confidentiality))
	if e.State != audit.EvidenceVerified {
		props = propTok(props, "evidence-state", string(e.State))
	}
	if withheldFromExport(e) {
		o.Props = propTok(props, "withheld", "true")
		o.Description = x.text.concat("Evidence item ", string(e.ID), " (", words(e.Source), ") is ", string(e.Confidentiality),
			" and is shown here by reference only; the full item is kept in the audit record.")
		o.RelevantEvidence = append(rel, oscalRelevantEvidence{Description: withheldEvidence, Props: reProps})
		return
	}
	for _, ref := range e.Supports {
		props = propTok(props, "criterion", x.controlID(ref))
	}
	o.Props = prop(props, "supersedes", string(e.Supersedes))
	o.Description = e.Description
	o.Origins = x.evidenceOrigins[i]
	re := oscalRelevantEvidence{Description: e.Description}
	re.Props = propTok(reProps, "sha-256", e.Digest) // lower-case hex, as Check makes sure
	if s := e.Sampling; s != nil {
		re.Props = prop(re.Props, "sample-size", strconv.Itoa(s.SampleSize))
		re.Props = prop(re.Props, "population-size", strconv.Itoa(s.PopulationSize))
		re.Props = prop(re.Props, "sampling-method", string(s.Method))
	}
	if c := e.Covers; c != nil {
		re.Props = prop(re.Props, "covers-from", oscalTime(c.From))
		re.Props = prop(re.Props, "covers-to", oscalTime(c.To))
	}
	o.RelevantEvidence = append(rel, re)
}

// findingDescription is what was found followed by the requirement, the
// reason, a diverging opinion and its resolution where given.
func (x *oscalExport) findingDescription(f *AuditFinding) string {
	if f.Requirement == "" && f.Reason == "" && f.DivergingOpinion == "" && f.Resolution == "" {
		return f.Found
	}
	return x.text.concat(f.Found,
		labelFor(f.Requirement, "\n\nRequirement: "), f.Requirement,
		labelFor(f.Reason, "\n\nWhy it does not conform: "), f.Reason,
		labelFor(f.DivergingOpinion, "\n\nAuditee's diverging opinion: "), f.DivergingOpinion,
		labelFor(f.Resolution, "\n\nResolution: "), f.Resolution)
}

// labelFor returns label, or nothing when v is empty.
func labelFor(v, label string) string {
	if v == "" {
		return ""
	}
	return label
}

// findingTitle is "F-3 · Nonconformity (major): A.8.8 Management of
// technical vulnerabilities", folded to one line.
func (x *oscalExport) findingTitle(f *AuditFinding, c AuditCriterion) string {
	grade := ""
	switch f.Grade {
	case audit.Major:
		grade = " (major)"
	case audit.Minor:
		grade = " (minor)"
	}
	sep, title := criterionTitle(c)
	return oneLine(x.text.concat(string(f.ID), " · ", findingKindLabel(f.Kind), grade, ": ", c.Label, sep, title))
}

// findingInto fills of with the finding made from the finding at
// position i, reusing its slices.
func (x *oscalExport) findingInto(of *oscalFinding, i int) {
	f := &x.r.Findings[i]
	first := f.Criteria[0]
	state, reason := "satisfied", "pass"
	if f.Kind == audit.Nonconformity {
		state, reason = "not-satisfied", "fail"
	}
	props, related, risks := of.Props[:0], of.RelatedObservations[:0], of.RelatedRisks[:0]
	*of = oscalFinding{
		UUID:        x.findingUUID(i),
		Title:       x.findingTitle(f, first),
		Description: x.findingDescription(f),
		Origins:     x.fOrigins[i],
		Target: oscalTarget{
			Type: "objective-id", TargetID: x.controlID(first.Ref), Title: x.criterionLine(first),
			Status: oscalStatus{State: state, Reason: reason},
		},
	}
	props = prop(props, "finding-id", string(f.ID))
	props = propTok(props, "finding-kind", string(f.Kind))
	props = propTok(props, "grade", string(f.Grade))
	props = propTok(props, "finding-state", string(f.State))
	props = prop(props, "area", f.Area)
	for _, c := range f.Criteria {
		props = propTok(props, "criterion", x.controlID(c.Ref))
	}
	of.Props = props
	related = x.relatedObservations(related, f.Evidence)
	if len(related) > 0 {
		of.RelatedObservations = related
	}
	if f.Kind == audit.Nonconformity {
		of.RelatedRisks = append(risks, oscalRelatedRisk{RiskUUID: x.riskUUID(i)})
	}
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

// riskTitle names the risk of nonconformity f.
func (x *oscalExport) riskTitle(f *AuditFinding) string {
	c := f.Criteria[0]
	sep, title := criterionTitle(c)
	return oneLine(x.text.concat("Nonconformity ", string(f.ID), " (", string(f.Grade), "): ", c.Label, sep, title))
}

// onDate returns the timing of a milestone on date, reusing that of the
// first of tasks when there is one.
func onDate(tasks []oscalTask, date string) *oscalTiming {
	if cap(tasks) > 0 {
		if t := tasks[:1][0].Timing; t != nil && t.OnDate != nil {
			*t.OnDate = oscalOnDate{Date: date}
			*t = oscalTiming{OnDate: t.OnDate}
			return t
		}
	}
	return &oscalTiming{OnDate: &oscalOnDate{Date: date}}
}

// riskInto fills rk with the risk of the nonconformity at position i,
// reusing its slices and those of its remediation.
func (x *oscalExport) riskInto(rk *oscalRisk, i int) {
	f := &x.r.Findings[i]
	a := x.actions[f.ID]
	statement := f.Reason
	if strings.TrimSpace(statement) == "" {
		statement = f.Found
	}
	props, related, rems := rk.Props[:0], rk.RelatedObservations[:0], rk.Remediations[:0]
	var resp oscalResponse // the remediation, with the slices of the last one
	if cap(rems) > 0 {
		last := &rems[:1][0]
		resp.Props, resp.Tasks = last.Props[:0], last.Tasks[:0]
	}
	*rk = oscalRisk{
		UUID:        x.riskUUID(i),
		Title:       x.riskTitle(f),
		Description: f.Found,
		Statement:   statement,
		Status:      riskStatus(a),
		Origins:     x.fOrigins[i],
	}
	props = prop(props, "finding-id", string(f.ID))
	rk.Props = propTok(props, "grade", string(f.Grade))
	if a != nil {
		due := x.text.time(a.DueAt)
		rk.Deadline = due
		desc := a.Action
		if strings.TrimSpace(desc) == "" {
			desc = a.Correction
		}
		if strings.TrimSpace(desc) != "" {
			lifecycle := "planned"
			if a.State == audit.FollowUpClosed {
				lifecycle = "completed"
			}
			props, tasks := resp.Props, resp.Tasks
			resp = oscalResponse{
				UUID:        x.auditUUID("risk", string(f.ID), "remediation"),
				Lifecycle:   lifecycle,
				Title:       oneLine(x.text.concat("Corrective action for ", string(f.ID))),
				Description: desc,
			}
			props = prop(props, "follow-up-state", string(a.State))
			props = prop(props, "correction", a.Correction)
			props = prop(props, "root-cause", a.RootCause)
			props = prop(props, "verified-by", a.VerifiedBy)
			resp.Props = propTok(props, "closed", oscalTime(a.ClosedAt))
			if due != "" {
				resp.Tasks = append(tasks, oscalTask{
					UUID: x.auditUUID("risk", string(f.ID), "remediation", "due"), Type: "milestone",
					Title: "Corrective action due", Timing: onDate(tasks, due),
				})
			}
			rk.Remediations = append(rems, resp)
		}
	}
	related = x.relatedObservations(related, f.Evidence)
	if len(related) > 0 {
		rk.RelatedObservations = related
	}
}

func allFindings(r *AuditReport) []int {
	out := make([]int, len(r.Findings))
	for i := range out {
		out[i] = i
	}
	return out
}

// resolvePeople makes the parties of the people the exported findings and
// evidence name, in that order, before the metadata lists them, and keeps
// the origins of each by position.
func (x *oscalExport) resolvePeople(findings, evidence []int) {
	x.fOrigins = make([][]oscalOrigin, len(x.r.Findings))
	for _, i := range findings {
		x.fOrigins[i] = x.origins(x.r.Findings[i].RaisedBy)
	}
	x.evidenceOrigins = make([][]oscalOrigin, len(x.r.Evidence))
	for _, i := range evidence {
		if e := &x.r.Evidence[i]; !withheldFromExport(e) {
			x.evidenceOrigins[i] = x.origins(e.CollectedBy)
		}
	}
}

func (x *oscalExport) observationList(evidence []int) lazyList[oscalObservation] {
	return lazyList[oscalObservation]{n: len(evidence), at: func(i int) *oscalObservation {
		o := scratch(x, &x.obs)
		x.observationInto(o, evidence[i])
		return o
	}}
}

func (x *oscalExport) findingList(findings []int) lazyList[oscalFinding] {
	return lazyList[oscalFinding]{n: len(findings), at: func(i int) *oscalFinding {
		f := scratch(x, &x.fnd)
		x.findingInto(f, findings[i])
		return f
	}}
}

func (x *oscalExport) riskList(findings []int) lazyList[oscalRisk] {
	return lazyList[oscalRisk]{n: len(findings), at: func(i int) *oscalRisk {
		rk := scratch(x, &x.rsk)
		x.riskInto(rk, findings[i])
		return rk
	}}
}
