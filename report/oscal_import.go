package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// OSCALImportOptions says how ReadOSCALAssessmentResults turns the
// observations of another tool's OSCAL assessment results into evidence
// items. A nil *OSCALImportOptions means the zero value.
type OSCALImportOptions struct {
	// Prefix goes before each observation's uuid (in lower case) to make
	// the evidence item's id: with "SCAN-", observation
	// "3fc54f83-1569-465d-9f30-fad934dae47a" becomes item
	// "SCAN-3fc54f83-1569-465d-9f30-fad934dae47a". Importing the same
	// document twice gives the same ids, so the audit refuses the second
	// import instead of logging the items twice.
	Prefix string
	// Confidentiality is every item's; empty means
	// audit.ConfidentialityInternal.
	Confidentiality audit.Confidentiality
	// DefaultSupports are the criteria of an observation that no finding
	// of the document relates to a criterion. Left empty, such an
	// observation is refused: an item must bear on some criterion, and
	// the importer never guesses which.
	DefaultSupports []annexa.Ref
	// Tool names the tool for observations whose origins name none (no
	// actor of type "tool" or "assessment-platform"). Left empty, such an
	// observation is refused.
	Tool string
}

// oscalImportSubject names what the import's *ismsaudit.ValidationError
// is about.
const oscalImportSubject = "OSCAL assessment results"

// ReadOSCALAssessmentResults reads an OSCAL 1.x assessment-results
// document in JSON, as a scanner or another assessment tool writes it,
// and returns one evidence item per observation, in document order, for
// audit.Audit.CollectEvidenceItems (ImportOSCALAssessmentResults does
// both). It reads r to its end and never changes anything.
//
// Each observation becomes an item as follows:
//
//	ID               opts.Prefix + the observation's uuid in lower case
//	Source           audit.SourceTechnicalVerification: the methods must
//	                 include TEST or EXAMINE (a tool tested or examined a
//	                 system); INTERVIEW or UNKNOWN alone is refused
//	Description      "title: description", or the description alone
//	Supports         the criteria that the targets of the document's
//	                 findings name (target-id, read by ParseOSCALControlID)
//	                 for every finding that relates the observation, in
//	                 document order, then those of the observation's own
//	                 "criterion" properties (this project's namespace);
//	                 opts.DefaultSupports when there are none
//	CollectedBy      the tool: the title of the component (type "tool") or
//	                 assessment platform the observation's origins name,
//	                 else opts.Tool
//	CollectedAt      the observation's collected time
//	Confidentiality  opts.Confidentiality, by default internal
//	Digest           the SHA-256 hash (lower-cased) of the back-matter
//	                 resources the observation's relevant evidence and
//	                 links point at ("#uuid"); hashes in other algorithms
//	                 are not copied, as the item keeps one SHA-256 digest
//	                 and its Origin leads back to the document holding them
//	Origin           Tool as CollectedBy, Document the document's uuid,
//	                 Item the observation's uuid, Modified the document's
//	                 last-modified time
//
// The items arrive collected, not verified: an auditor verifies each
// before it counts as audit evidence (19011 6.4.7). The findings' own
// verdicts (satisfied, not satisfied) are not imported: conclusions are
// the audit team's.
//
// The document is outside data and is read strictly. Everything is
// checked first, and every problem reported in one
// *ismsaudit.ValidationError (errors.Is ismsaudit.ErrInvalid) at its JSON
// path, such as "assessment-results.results[0].observations[2].collected":
// a document that is not JSON or not an OSCAL assessment-results
// document; a missing uuid, metadata, title, last-modified time, version,
// OSCAL version (1.x), import-ap or results; malformed uuids and times
// (a time must carry its zone); uuids used twice; references (actors,
// related observations, resources) to nothing in the document; finding
// targets that name no criterion of this library; an observation without
// a description, methods, a collected time, a tool or a criterion; an
// observation whose material has more than one SHA-256 hash, or a
// malformed one; bad options (at "Options.Confidentiality"). A document
// without a single observation is refused too. A leading byte-order mark
// (U+FEFF) is skipped, on the document and on every text read from it, and
// texts are trimmed. An error reading r is returned as it is, wrapped.
func ReadOSCALAssessmentResults(r io.Reader, opts *OSCALImportOptions) ([]audit.Evidence, error) {
	items, _, err := readOSCALAssessmentResults(r, opts)
	return items, err
}

// ImportOSCALAssessmentResults reads the document as
// ReadOSCALAssessmentResults does and collects the items into a with
// audit.Audit.CollectEvidenceItems, as one operation: all or nothing. m
// is when and by whom the items are logged. It returns the new items'
// ids in document order.
//
// A document that cannot be read is refused as ReadOSCALAssessmentResults
// refuses it. Items the audit refuses (ids it already holds, criteria
// outside the plan, times after m.At, ...) come back in the audit's
// *ismsaudit.ValidationError with each item's path ("Items[3]") replaced
// by its observation's JSON path, followed by the item's field in Go
// names ("assessment-results.results[0].observations[3].Supports[0]");
// an audit whose state does not allow evidence to be collected refuses
// with its *ismsaudit.TransitionError. Either way a is unchanged.
func ImportOSCALAssessmentResults(a *audit.Audit, r io.Reader, opts *OSCALImportOptions, m ismsaudit.Meta) ([]ismsaudit.EvidenceID, error) {
	if a == nil {
		return nil, errors.New("report: no audit to import into")
	}
	items, paths, err := readOSCALAssessmentResults(r, opts)
	if err != nil {
		return nil, err
	}
	if err := a.CollectEvidenceItems(items, m); err != nil {
		return nil, relocateItems(err, paths)
	}
	ids := make([]ismsaudit.EvidenceID, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	return ids, nil
}

// relocateItems replaces the "Items[i]" of every problem's path in err
// with paths[i]; other errors are returned as they are.
func relocateItems(err error, paths []string) error {
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &ismsaudit.ValidationError{Pkg: ve.Pkg, Subject: ve.Subject, Fields: slices.Clone(ve.Fields)}
	for k, f := range out.Fields {
		rest, ok := strings.CutPrefix(f.Path, "Items[")
		if !ok {
			continue
		}
		n, tail, ok := strings.Cut(rest, "]")
		i, err := strconv.Atoi(n)
		if !ok || err != nil || i < 0 || i >= len(paths) {
			continue
		}
		out.Fields[k].Path = paths[i] + tail
	}
	return out
}

// ParseOSCALControlID reads a control-id or target-id token as
// OSCALControlID writes it: "a.8.8" is Annex A control 8.8,
// "clause-9.2.2" clause 9.2.2 and "document-POL_207" the document "POL 7"
// ('_' and two upper-case hex digits stand for a byte). The control
// prefix may be upper case ("A.8.8"), and a control or clause token may
// carry an OSCAL part suffix after '_' ("a.8.8_smt", "a.8.8_obj.a"), which
// names a part of the same criterion. Malformed text gives a
// *ismsaudit.ParseError; a well-formed id that the standard does not have
// ("a.9.1") the *ismsaudit.NotFoundError of annexa.
func ParseOSCALControlID(s string) (annexa.Ref, error) {
	bad := func(detail string) error {
		return &ismsaudit.ParseError{Pkg: "report", Type: "OSCAL control id", Input: s, Detail: detail}
	}
	switch {
	case len(s) > 2 && (s[0] == 'a' || s[0] == 'A') && s[1] == '.':
		id, _, _ := strings.Cut(s[2:], "_")
		if !startsWithDigit(id) || id != strings.TrimSpace(id) {
			return annexa.Ref{}, bad(`want "a." and a control id, e.g. "a.8.8"`)
		}
		c, err := annexa.ParseControlID(id)
		if err != nil {
			return annexa.Ref{}, err
		}
		return annexa.RefToControl(c), nil
	case strings.HasPrefix(s, "clause-"):
		id, _, _ := strings.Cut(s[len("clause-"):], "_")
		if !startsWithDigit(id) || id != strings.TrimSpace(id) {
			return annexa.Ref{}, bad(`want "clause-" and a clause id, e.g. "clause-9.2"`)
		}
		c, err := annexa.ParseClauseID(id)
		if err != nil {
			return annexa.Ref{}, err
		}
		return annexa.RefToClause(c), nil
	case strings.HasPrefix(s, "document-"):
		id, ok := untokenSafe(s[len("document-"):])
		if !ok || strings.TrimSpace(id) == "" {
			return annexa.Ref{}, bad(`want "document-" and the document's id, with every byte other than a letter, a digit, '.' or '-' written as '_' and two upper-case hex digits`)
		}
		return annexa.RefToDocument(id), nil
	}
	return annexa.Ref{}, bad(`want "a.<control>", "clause-<clause>" or "document-<id>"`)
}

// startsWithDigit reports whether s starts with a decimal digit.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// untokenSafe undoes tokenSafe, reporting false for text tokenSafe does
// not write.
func untokenSafe(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		case c == '_' && i+2 < len(s) && upperHex(s[i+1]) >= 0 && upperHex(s[i+2]) >= 0:
			d := byte(upperHex(s[i+1])<<4 | upperHex(s[i+2]))
			if d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '.' || d == '-' {
				return "", false // tokenSafe writes these bytes as they are
			}
			b.WriteByte(d)
			i += 2
		default:
			return "", false
		}
	}
	return b.String(), true
}

// upperHex is the value of an upper-case hex digit, or -1.
func upperHex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// importText is a text read from outside: a leading byte-order mark
// skipped and white space trimmed.
func importText(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF"))
}

// oscalRoots are the root members of the other OSCAL document models,
// named when such a document is given instead of assessment results.
var oscalRoots = []string{"catalog", "profile", "mapping-collection", "component-definition", "system-security-plan", "assessment-plan", "plan-of-action-and-milestones"}

// arReader reads the generic JSON tree of a document, recording every
// problem at its JSON path.
type arReader struct {
	col *errs.Collector
	// seen maps every uuid the document defines to where it first did.
	seen map[string]string
}

func (rd *arReader) add(path string, rule ismsaudit.RuleID, value, detail string) {
	rd.col.Add(path, rule, value, detail)
}

// object returns v as an object, reporting any other value.
func (rd *arReader) object(path string, v any) (map[string]any, bool) {
	o, ok := v.(map[string]any)
	if !ok {
		rd.add(path, ismsaudit.RuleJSONType, jsonKind(v), "want an object")
	}
	return o, ok
}

// member returns the object member key, reporting it when required and
// missing.
func (rd *arReader) member(o map[string]any, path, key string, required bool) (any, bool) {
	v, ok := o[key]
	if !ok && required {
		rd.add(errs.JoinPath(path, key), ismsaudit.RuleRequired, "", "the member "+strconv.Quote(key)+" is required")
	}
	return v, ok
}

// objectAt returns the member key as an object.
func (rd *arReader) objectAt(o map[string]any, path, key string, required bool) (map[string]any, bool) {
	v, ok := rd.member(o, path, key, required)
	if !ok {
		return nil, false
	}
	return rd.object(errs.JoinPath(path, key), v)
}

// list returns the member key as an array, reporting an empty one: OSCAL
// leaves an empty array out.
func (rd *arReader) list(o map[string]any, path, key string, required bool) []any {
	v, ok := rd.member(o, path, key, required)
	if !ok {
		return nil
	}
	at := errs.JoinPath(path, key)
	a, isArray := v.([]any)
	switch {
	case !isArray:
		rd.add(at, ismsaudit.RuleJSONType, jsonKind(v), "want an array")
	case len(a) == 0:
		rd.add(at, ismsaudit.RuleRequired, "", "an empty array: OSCAL leaves the member out instead")
	}
	return a
}

// objects calls f with each element of the member key that is an object.
func (rd *arReader) objects(o map[string]any, path, key string, required bool, f func(path string, o map[string]any)) {
	at := errs.JoinPath(path, key)
	for i, v := range rd.list(o, path, key, required) {
		p := errs.Index(at, i)
		if e, ok := rd.object(p, v); ok {
			f(p, e)
		}
	}
}

// text returns the member key as imported text, reporting a missing
// required one, a value that is not a string and, when required, a blank
// one.
func (rd *arReader) text(o map[string]any, path, key string, required bool) string {
	v, ok := rd.member(o, path, key, required)
	if !ok {
		return ""
	}
	at := errs.JoinPath(path, key)
	s, isString := v.(string)
	if !isString {
		rd.add(at, ismsaudit.RuleJSONType, jsonKind(v), "want a string")
		return ""
	}
	s = importText(s)
	if s == "" && required {
		rd.add(at, ismsaudit.RuleRequired, "", "blank")
	}
	return s
}

// uuid returns the member key as a uuid in lower case, reporting one that
// is missing or not as OSCAL writes a uuid (RFC 4122 version 4 or 5).
func (rd *arReader) uuid(o map[string]any, path, key string, required bool) string {
	s := rd.text(o, path, key, required)
	if s == "" {
		return ""
	}
	if !isOSCALUUID(s) {
		rd.add(errs.JoinPath(path, key), ismsaudit.RuleFormat, s, "not an OSCAL uuid (RFC 4122, version 4 or 5)")
		return ""
	}
	return strings.ToLower(s)
}

// define records that the uuid u is defined at path, reporting it when
// another part of the document defined it first. It reports whether u is
// new.
func (rd *arReader) define(u, path string) bool {
	if u == "" {
		return false
	}
	if first, ok := rd.seen[u]; ok {
		rd.add(path, ismsaudit.RuleUnique, u, "the uuid of "+first+" too")
		return false
	}
	rd.seen[u] = path
	return true
}

// dateTime returns the member key as a time, reporting one that is
// missing or not an RFC 3339 date and time with its zone.
func (rd *arReader) dateTime(o map[string]any, path, key string, required bool) time.Time {
	s := rd.text(o, path, key, required)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		rd.add(errs.JoinPath(path, key), ismsaudit.RuleFormat, s, "not an RFC 3339 date and time with its zone, such as 2026-03-03T04:10:00Z")
		return time.Time{}
	}
	return t
}

// isOSCALUUID reports whether s matches OSCAL's UUID pattern.
func isOSCALUUID(s string) bool {
	if len(s) != uuidLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
			continue
		case 14:
			if c != '4' && c != '5' {
				return false
			}
		case 19:
			if !strings.ContainsRune("89abAB", rune(c)) {
				return false
			}
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// arObservation is an observation as read, before it becomes an item.
type arObservation struct {
	path     string
	uuid     string
	item     audit.Evidence
	tool     string
	supports []annexa.Ref // those the findings name, then those of props
	props    []annexa.Ref // those of its own criterion properties
	related  bool         // some finding relates it, whether or not its target was read
	own      bool         // its uuid is its own: given, well-formed and not used before
	digests  []string     // distinct SHA-256 digests of its material
}

// arResource is a back-matter resource: its SHA-256 digests.
type arResource struct {
	digests []string
}

// readOSCALAssessmentResults reads the document and returns its items
// and the JSON path of each item's observation.
func readOSCALAssessmentResults(r io.Reader, opts *OSCALImportOptions) ([]audit.Evidence, []string, error) {
	var o OSCALImportOptions
	if opts != nil {
		o = *opts
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("report: reading OSCAL assessment results: %w", err)
	}
	rd := &arReader{col: errs.NewCollector("report", oscalImportSubject), seen: map[string]string{}}
	switch {
	case o.Confidentiality == "":
		o.Confidentiality = audit.ConfidentialityInternal
	case !o.Confidentiality.IsValid():
		var valid []string
		for c := range audit.Confidentialities() {
			valid = append(valid, string(c))
		}
		rd.add("Options.Confidentiality", ismsaudit.RuleEnum, string(o.Confidentiality), "one of "+strings.Join(valid, ", "))
	}
	root, ok := decodeTree(rd, data)
	if !ok {
		return nil, nil, rd.col.Err()
	}
	obs := rd.document(root, &o)
	if err := rd.col.Err(); err != nil {
		return nil, nil, err
	}
	items := make([]audit.Evidence, len(obs))
	paths := make([]string, len(obs))
	for i, ob := range obs {
		items[i], paths[i] = ob.item, ob.path
	}
	return items, paths, nil
}

// decodeTree decodes data (a leading byte-order mark skipped) into a
// generic tree, reporting text that is not one JSON value.
func decodeTree(rd *arReader, data []byte) (any, bool) {
	data = bytes.TrimPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		detail := err.Error()
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			detail += " (at byte " + strconv.FormatInt(syn.Offset, 10) + ")"
		}
		rd.add("", ismsaudit.RuleJSONSyntax, "", detail)
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		rd.add("", ismsaudit.RuleJSONTrailing, "", "data after the JSON value")
		return nil, false
	}
	return root, true
}

// document reads the root object and returns the observations read.
func (rd *arReader) document(root any, o *OSCALImportOptions) []*arObservation {
	top, ok := rd.object("", root)
	if !ok {
		return nil
	}
	for _, k := range sortedMemberNames(top) {
		switch {
		case k == "assessment-results", k == "$schema":
		case slices.Contains(oscalRoots, k):
			rd.add("", ismsaudit.RuleEnum, k, "an OSCAL "+k+" document; want assessment-results")
		default:
			rd.add(k, ismsaudit.RuleUnknownField, k, "not a member of an OSCAL document")
		}
	}
	const at = "assessment-results"
	ar, ok := rd.objectAt(top, "", at, !slices.ContainsFunc(oscalRoots, func(k string) bool { _, ok := top[k]; return ok }))
	if !ok {
		return nil
	}
	docUUID := rd.uuid(ar, at, "uuid", true)
	rd.define(docUUID, at)
	var modified time.Time
	parties := map[string]string{}
	if md, ok := rd.objectAt(ar, at, "metadata", true); ok {
		p := at + ".metadata"
		rd.text(md, p, "title", true)
		modified = rd.dateTime(md, p, "last-modified", true)
		rd.dateTime(md, p, "published", false)
		rd.text(md, p, "version", true)
		if v := rd.text(md, p, "oscal-version", true); v != "" && !strings.HasPrefix(v, "1.") {
			rd.add(p+".oscal-version", ismsaudit.RuleFormat, v, "an OSCAL 1.x document")
		}
		rd.objects(md, p, "parties", false, func(pp string, party map[string]any) {
			u := rd.uuid(party, pp, "uuid", true)
			rd.define(u, pp)
			parties[u] = rd.text(party, pp, "name", false)
		})
	}
	if ap, ok := rd.objectAt(ar, at, "import-ap", true); ok {
		rd.text(ap, at+".import-ap", "href", true)
	}
	resources := map[string]*arResource{}
	if bm, ok := rd.objectAt(ar, at, "back-matter", false); ok {
		rd.objects(bm, at+".back-matter", "resources", false, func(p string, res map[string]any) {
			u := rd.uuid(res, p, "uuid", true)
			rd.define(u, p)
			resources[u] = rd.resource(p, res)
		})
	}
	var obs []*arObservation
	byUUID := map[string]*arObservation{}
	type related struct {
		path, uuid string
		ref        annexa.Ref
	}
	var links []related
	rd.objects(ar, at, "results", true, func(p string, res map[string]any) {
		rd.define(rd.uuid(res, p, "uuid", true), p)
		rd.text(res, p, "title", true)
		rd.text(res, p, "description", true)
		rd.dateTime(res, p, "start", true)
		rd.dateTime(res, p, "end", false)
		tools := rd.tools(res, p)
		rd.objects(res, p, "observations", false, func(op string, ob map[string]any) {
			x := rd.observation(op, ob, tools, parties, resources, o)
			if x.own {
				byUUID[x.uuid] = x
			}
			obs = append(obs, x)
		})
		rd.objects(res, p, "findings", false, func(fp string, f map[string]any) {
			rd.define(rd.uuid(f, fp, "uuid", true), fp)
			var ref annexa.Ref
			if t, ok := rd.objectAt(f, fp, "target", true); ok {
				tp := fp + ".target"
				rd.text(t, tp, "type", true)
				if id := rd.text(t, tp, "target-id", true); id != "" {
					r, err := ParseOSCALControlID(id)
					if err != nil {
						rd.add(tp+".target-id", ismsaudit.RuleUnknown, id, criterionProblem(err))
					} else {
						ref = r
					}
				}
			}
			rd.objects(f, fp, "related-observations", false, func(rp string, ro map[string]any) {
				if u := rd.uuid(ro, rp, "observation-uuid", true); u != "" {
					links = append(links, related{path: rp + ".observation-uuid", uuid: u, ref: ref})
				}
			})
		})
	})
	for _, l := range links {
		x, ok := byUUID[l.uuid]
		switch {
		case !ok:
			rd.add(l.path, ismsaudit.RuleUnknown, l.uuid, "no observation of the document has this uuid")
			continue
		case l.ref != (annexa.Ref{}) && !slices.Contains(x.supports, l.ref):
			x.supports = append(x.supports, l.ref)
		}
		x.related = true
	}
	if len(obs) == 0 && rd.col.Len() == 0 {
		rd.add(at+".results", ismsaudit.RuleRequired, "", "no result holds an observation: there is nothing to import")
	}
	for _, x := range obs {
		rd.finish(x, docUUID, modified, o)
	}
	return obs
}

// sortedMemberNames returns the names of an object's members in order.
func sortedMemberNames(o map[string]any) []string {
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// criterionProblem says why a token names no criterion, from the error
// of ParseOSCALControlID.
func criterionProblem(err error) string {
	var pe *ismsaudit.ParseError
	var nf *ismsaudit.NotFoundError
	switch {
	case errors.As(err, &pe) && pe.Detail != "":
		return "names no criterion: " + pe.Detail
	case errors.As(err, &nf):
		return "names no criterion: ISO/IEC 27001:2022 has no " + nf.Type + " " + strconv.Quote(nf.ID)
	}
	return "names no criterion: " + err.Error()
}

// resource reads a back-matter resource's SHA-256 hashes.
func (rd *arReader) resource(p string, res map[string]any) *arResource {
	out := &arResource{}
	rd.objects(res, p, "rlinks", false, func(lp string, link map[string]any) {
		rd.text(link, lp, "href", true)
		rd.objects(link, lp, "hashes", false, func(hp string, h map[string]any) {
			alg := rd.text(h, hp, "algorithm", true)
			v := rd.text(h, hp, "value", true)
			if !strings.EqualFold(alg, "SHA-256") || v == "" {
				return // other algorithms are kept in the document, not copied
			}
			d := strings.ToLower(v)
			if !isHexDigest(d) {
				rd.add(hp+".value", ismsaudit.RuleFormat, v, "a SHA-256 hash is 64 hex digits")
				return
			}
			if !slices.Contains(out.digests, d) {
				out.digests = append(out.digests, d)
			}
		})
	})
	return out
}

// isHexDigest reports whether s is 64 lower-case hex digits.
func isHexDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// tools returns the titles of a result's components and assessment
// platforms by uuid: the actors its observations may name.
func (rd *arReader) tools(res map[string]any, p string) map[string]string {
	out := map[string]string{}
	ld, ok := rd.objectAt(res, p, "local-definitions", false)
	if !ok {
		return out
	}
	lp := p + ".local-definitions"
	component := func(cp string, c map[string]any) {
		u := rd.uuid(c, cp, "uuid", true)
		rd.define(u, cp)
		if u != "" {
			out[u] = rd.text(c, cp, "title", true)
		}
	}
	rd.objects(ld, lp, "components", false, component)
	if aa, ok := rd.objectAt(ld, lp, "assessment-assets", false); ok {
		ap := lp + ".assessment-assets"
		rd.objects(aa, ap, "components", false, component)
		rd.objects(aa, ap, "assessment-platforms", true, func(pp string, pl map[string]any) {
			u := rd.uuid(pl, pp, "uuid", true)
			rd.define(u, pp)
			if u != "" {
				out[u] = rd.text(pl, pp, "title", false)
			}
		})
	}
	return out
}

// observation reads an observation.
func (rd *arReader) observation(p string, ob map[string]any, tools, parties map[string]string, resources map[string]*arResource, o *OSCALImportOptions) *arObservation {
	x := &arObservation{path: p}
	x.uuid = rd.uuid(ob, p, "uuid", true)
	x.own = rd.define(x.uuid, p)
	title := rd.text(ob, p, "title", false)
	desc := rd.text(ob, p, "description", true)
	switch {
	case title == "" || strings.HasPrefix(desc, title):
		x.item.Description = desc
	case desc == "":
		x.item.Description = title
	default:
		x.item.Description = title + ": " + desc
	}
	var methods []string
	var technical bool
	for i, v := range rd.list(ob, p, "methods", true) {
		m, ok := v.(string)
		if !ok {
			rd.add(errs.Index(p+".methods", i), ismsaudit.RuleJSONType, jsonKind(v), "want a string")
			continue
		}
		m = importText(m)
		methods = append(methods, m)
		technical = technical || m == "TEST" || m == "EXAMINE"
	}
	if len(methods) > 0 && !technical {
		rd.add(p+".methods", ismsaudit.RuleEnum, strings.Join(methods, ","), "an imported observation is technical verification: its methods include TEST or EXAMINE")
	}
	x.item.CollectedAt = rd.dateTime(ob, p, "collected", true)
	rd.dateTime(ob, p, "expires", false)
	// The tool: the first tool actor, else the first assessment platform.
	var platform string
	rd.objects(ob, p, "origins", false, func(op string, origin map[string]any) {
		rd.objects(origin, op, "actors", true, func(ap string, actor map[string]any) {
			kind := rd.text(actor, ap, "type", true)
			u := rd.uuid(actor, ap, "actor-uuid", true)
			if u == "" {
				return
			}
			switch kind {
			case "tool", "assessment-platform":
				name, ok := tools[u]
				if !ok {
					rd.add(ap+".actor-uuid", ismsaudit.RuleUnknown, u, "no component or assessment platform of the result's local definitions has this uuid")
					return
				}
				switch {
				case kind == "tool" && x.tool == "":
					x.tool = name
				case kind == "assessment-platform" && platform == "":
					platform = name
				}
			case "party":
				if _, ok := parties[u]; !ok {
					rd.add(ap+".actor-uuid", ismsaudit.RuleUnknown, u, "no party of the metadata has this uuid")
				}
			case "":
			default:
				rd.add(ap+".type", ismsaudit.RuleEnum, kind, "one of tool, assessment-platform, party")
			}
		})
	})
	if x.tool == "" {
		x.tool = platform
	}
	material := func(ref, hp string) {
		u, ok := strings.CutPrefix(ref, "#")
		if !ok {
			return // outside the document: nothing to check here
		}
		res, ok := resources[strings.ToLower(u)]
		if !ok {
			rd.add(hp, ismsaudit.RuleUnknown, ref, "no back-matter resource has this uuid")
			return
		}
		for _, d := range res.digests {
			if !slices.Contains(x.digests, d) {
				x.digests = append(x.digests, d)
			}
		}
	}
	rd.objects(ob, p, "relevant-evidence", false, func(ep string, ev map[string]any) {
		rd.text(ev, ep, "description", true)
		if href := rd.text(ev, ep, "href", false); href != "" {
			material(href, ep+".href")
		}
		rd.props(ev, ep, func(name, value, vp string) {
			if name != "sha-256" {
				return
			}
			d := strings.ToLower(value)
			switch {
			case !isHexDigest(d):
				rd.add(vp, ismsaudit.RuleFormat, value, "a SHA-256 hash is 64 hex digits")
			case !slices.Contains(x.digests, d):
				x.digests = append(x.digests, d)
			}
		})
	})
	rd.objects(ob, p, "links", false, func(lp string, l map[string]any) {
		if href := rd.text(l, lp, "href", true); href != "" {
			material(href, lp+".href")
		}
	})
	rd.props(ob, p, func(name, value, vp string) {
		if name != "criterion" {
			return
		}
		ref, err := ParseOSCALControlID(value)
		switch {
		case err != nil:
			rd.add(vp, ismsaudit.RuleUnknown, value, criterionProblem(err))
		case !slices.Contains(x.props, ref):
			x.props = append(x.props, ref)
		}
	})
	return x
}

// props calls f with the name, value and value path of each property in
// this project's namespace.
func (rd *arReader) props(o map[string]any, p string, f func(name, value, path string)) {
	rd.objects(o, p, "props", false, func(pp string, prop map[string]any) {
		name := rd.text(prop, pp, "name", true)
		value := rd.text(prop, pp, "value", true)
		if ns := rd.text(prop, pp, "ns", false); ns == OSCALPropNamespace && name != "" && value != "" {
			f(name, value, pp+".value")
		}
	})
}

// finish makes the item of an observation once the findings are read.
func (rd *arReader) finish(x *arObservation, doc string, modified time.Time, o *OSCALImportOptions) {
	if x.tool == "" {
		x.tool = importText(o.Tool)
	}
	if x.tool == "" {
		rd.add(x.path+".origins", ismsaudit.RuleRequired, "", "no actor of type tool or assessment-platform names the tool that made the observation; give the tool's name in the options")
	}
	for _, r := range x.props {
		if !slices.Contains(x.supports, r) {
			x.supports = append(x.supports, r)
		}
	}
	if len(x.supports) == 0 {
		x.supports = slices.Clone(o.DefaultSupports)
	}
	if len(x.supports) == 0 && !x.related && x.own {
		rd.add(x.path, ismsaudit.RuleRequired, x.uuid, "no finding relates the observation to a criterion; give default criteria in the options")
	}
	if len(x.digests) > 1 {
		rd.add(x.path+".relevant-evidence", ismsaudit.RuleUnique, strings.Join(x.digests, ","), "the material has more than one SHA-256 hash and an evidence item keeps one: split the observation")
	}
	e := &x.item
	e.ID = ismsaudit.EvidenceID(o.Prefix + x.uuid)
	e.Source = audit.SourceTechnicalVerification
	e.Supports = x.supports
	e.CollectedBy = x.tool
	e.Confidentiality = o.Confidentiality
	if len(x.digests) == 1 {
		e.Digest = x.digests[0]
	}
	e.Origin = &audit.Origin{Tool: x.tool, Document: doc, Item: x.uuid, Modified: modified}
}
