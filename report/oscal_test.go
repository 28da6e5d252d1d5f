package report

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// oscalShape is testdata/oscal-1.1.2-shape.json: per OSCAL object, its
// required properties and every property the schema allows, with a type.
type oscalShape struct {
	Source  string            `json:"source"`
	Roots   map[string]string `json:"roots"`
	Objects map[string]struct {
		Required   []string          `json:"required"`
		Properties map[string]string `json:"properties"`
	} `json:"objects"`
}

func loadOSCALShape(t testing.TB) *oscalShape {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "oscal-1.1.2-shape.json"))
	require.NoError(t, err)
	var s oscalShape
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&s))
	for name, o := range s.Objects {
		for _, req := range o.Required {
			require.Contains(t, o.Properties, req, "%s: required %s is a property", name, req)
		}
		for prop, typ := range o.Properties {
			typ = strings.TrimPrefix(typ, "[]")
			if _, isObject := s.Objects[typ]; !isObject && !oscalScalar(typ) && typ != "unused" {
				t.Fatalf("%s.%s: unknown type %q", name, prop, typ)
			}
		}
	}
	return &s
}

func oscalScalar(typ string) bool {
	switch typ {
	case "uuid", "datetime", "token", "string", "text", "uri", "uri-reference", "boolean":
		return true
	}
	return strings.HasPrefix(typ, "enum:")
}

// The OSCAL data types, as this test reads them (see the schema's
// UUIDDatatype, DateTimeWithTimezoneDatatype, TokenDatatype and
// StringDatatype): the exports write version 5 UUIDs in lower case, ASCII
// tokens, and date-times in UTC.
var (
	uuidPattern     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	dateTimePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`)
	tokenPattern    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*$`)
	stringPattern   = regexp.MustCompile(`^\S(.*\S)?$`)
	uriPattern      = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]+:.+$`)
)

// oscalShapeCheck walks an OSCAL document and records every object's uuid
// and every cross-reference.
type oscalShapeCheck struct {
	t      testing.TB
	shape  *oscalShape
	uuids  map[string]string // uuid -> object type
	roles  map[string]bool
	refs   [][3]string // path, uuid or role id, wanted type ("role" for role ids)
	counts map[string]int
}

// checkOSCALShape checks an export against the shape: every object has its
// required properties and no other than the schema allows, every value
// has its type, arrays are not empty, uuids are unique and every
// reference resolves.
func checkOSCALShape(t testing.TB, shape *oscalShape, data []byte) map[string]int {
	t.Helper()
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&doc))
	c := &oscalShapeCheck{t: t, shape: shape, uuids: map[string]string{}, roles: map[string]bool{}, counts: map[string]int{}}
	require.Len(t, doc, 1, "one root")
	for key := range doc {
		root, ok := shape.Roots[key]
		require.True(t, ok, "unknown root %q", key)
		c.object(doc, root, "")
	}
	for _, ref := range c.refs {
		if ref[2] == "role" {
			assert.True(t, c.roles[ref[1]], "%s: role %q is defined in metadata", ref[0], ref[1])
			continue
		}
		if ref[2] == "subject" {
			assert.Contains(t, oscalSubjectTypes, c.uuids[ref[1]], "%s: %s refers to a subject", ref[0], ref[1])
			continue
		}
		assert.Equal(t, ref[2], c.uuids[ref[1]], "%s: %s refers to a %s", ref[0], ref[1], ref[2])
	}
	return c.counts
}

// refTypes say what a uuid-valued property points at.
var oscalRefTypes = map[string]string{
	"observation-uuid": "observation", "risk-uuid": "risk", "finding-uuid": "finding",
	"party-uuids": "party", "actor-uuid": "party", "member-of-organizations": "party",
	"activity-uuid": "activity", "subject-uuid": "subject",
}

// oscalSubjectTypes are the objects an assessment subject can select.
var oscalSubjectTypes = []string{"party", "location", "system-component"}

func (c *oscalShapeCheck) object(v any, typ, path string) {
	t := c.t
	obj, ok := v.(map[string]any)
	if !assert.True(t, ok, "%s: a %s is an object", path, typ) {
		return
	}
	c.counts[typ]++
	def := c.shape.Objects[typ]
	for _, req := range def.Required {
		assert.Contains(t, obj, req, "%s: a %s needs %q", path, typ, req)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := path + "." + k
		ptype, allowed := def.Properties[k]
		if !assert.True(t, allowed, "%s: %q is not a property of %s in OSCAL 1.1.2", p, k, typ) {
			continue
		}
		if !assert.NotEqual(t, "unused", ptype, "%s: the exports do not write %q", p, k) {
			continue
		}
		if elem, isArray := strings.CutPrefix(ptype, "[]"); isArray {
			arr, ok := obj[k].([]any)
			if assert.True(t, ok, "%s is an array", p) && assert.NotEmpty(t, arr, "%s: OSCAL arrays have at least one item", p) {
				for i, item := range arr {
					c.value(item, elem, p+"["+strconv.Itoa(i)+"]", k)
				}
			}
			continue
		}
		c.value(obj[k], ptype, p, k)
	}
	if u, ok := obj["uuid"].(string); ok {
		_, dup := c.uuids[u]
		assert.False(t, dup, "%s: uuid %s is unique", path, u)
		c.uuids[u] = typ
	}
	if typ == "role" {
		c.roles[obj["id"].(string)] = true
	}
	// The imports name a back-matter resource of the document.
	for _, imp := range []struct{ typ, key string }{{"assessment-results", "import-ap"}, {"assessment-plan", "import-ssp"}, {"profile-import", ""}} {
		if typ != imp.typ {
			continue
		}
		m, p := obj, path
		if imp.key != "" {
			m, _ = obj[imp.key].(map[string]any)
			p += "." + imp.key
		}
		href, _ := m["href"].(string)
		c.refs = append(c.refs, [3]string{p + ".href", strings.TrimPrefix(href, "#"), "resource"})
	}
}

func (c *oscalShapeCheck) value(v any, typ, path, key string) {
	t := c.t
	if _, isObject := c.shape.Objects[typ]; isObject {
		c.object(v, typ, path)
		return
	}
	if typ == "boolean" {
		_, ok := v.(bool)
		assert.True(t, ok, "%s: a boolean", path)
		return
	}
	s, ok := v.(string)
	if !assert.True(t, ok, "%s: a %s is a string", path, typ) {
		return
	}
	switch {
	case typ == "uuid":
		assert.Regexp(t, uuidPattern, s, path)
		if want, isRef := oscalRefTypes[key]; isRef {
			c.refs = append(c.refs, [3]string{path, s, want})
		}
	case typ == "datetime":
		if assert.Regexp(t, dateTimePattern, s, path) {
			at, err := time.Parse(time.RFC3339, s)
			if assert.NoError(t, err, path) {
				assert.True(t, at.Year() >= 1900 && at.Year() <= 2999, "%s: year in OSCAL's range", path)
			}
		}
	case typ == "token":
		assert.Regexp(t, tokenPattern, s, path)
		if key == "role-id" {
			c.refs = append(c.refs, [3]string{path, s, "role"})
		}
	case typ == "string":
		assert.Regexp(t, stringPattern, s, path)
		assert.True(t, ecmaString(s), "%s: %q fits StringDatatype under ECMAScript's \\s", path, s)
	case typ == "uri":
		assert.Regexp(t, uriPattern, s, path)
	case typ == "uri-reference":
		_, err := url.Parse(s)
		assert.NoError(t, err, path)
	case strings.HasPrefix(typ, "enum:"):
		assert.Contains(t, strings.Split(strings.TrimPrefix(typ, "enum:"), "|"), s, path)
	}
}

func exportOSCAL(t testing.TB, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf))
	return buf.Bytes()
}

func TestOSCALShape(t *testing.T) {
	shape := loadOSCALShape(t)
	publicCopy := func(t testing.TB) *AuditReport {
		c, err := RecipientCopy(internalReport(t), audit.Recipient{Name: "Jordan Blake", Clearance: audit.ConfidentialityPublic})
		require.NoError(t, err)
		return c
	}
	large := func(t testing.TB) *AuditReport {
		r, err := BuildAuditReport(largeAudit(t, 40), &AuditReportOptions{AsOf: asOf})
		require.NoError(t, err)
		return r
	}
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport, "public copy": publicCopy, "large": large, "draft": draftReport, "sealed": sealedReport} {
		t.Run(name, func(t *testing.T) {
			r := build(t)
			counts := checkOSCALShape(t, shape, exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) }))
			assert.Equal(t, len(r.Evidence), counts["observation"])
			assert.Equal(t, len(r.Findings), counts["finding"])
			checkOSCALShape(t, shape, exportOSCAL(t, func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) }))
		})
	}
}

func TestOSCALGolden(t *testing.T) {
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport} {
		t.Run(name, func(t *testing.T) {
			ar := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, build(t)) })
			again := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, build(t)) })
			assert.Equal(t, string(ar), string(again), "re-exporting the same record gives the same document")
			golden(t, "oscal-assessment-results-"+name+".json", indentJSON(t, ar))
			poam := exportOSCAL(t, func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, build(t)) })
			golden(t, "oscal-poam-"+name+".json", indentJSON(t, poam))
			for _, out := range [][]byte{ar, poam} {
				var compact bytes.Buffer
				require.NoError(t, json.Compact(&compact, out))
				assert.Equal(t, compact.String()+"\n", string(out), "compact JSON and a final newline")
			}
		})
	}
}

// indentJSON indents an export for its golden file, so that the file can be
// read and diffed; the export itself is compact.
func indentJSON(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, json.Indent(&buf, data, "", "  "))
	return buf.Bytes()
}

func decodeAssessmentResults(t testing.TB, r *AuditReport) oscalAssessmentResults {
	t.Helper()
	var doc oscalARDocument
	dec := json.NewDecoder(bytes.NewReader(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) })))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc))
	return doc.AssessmentResults
}

func TestOSCALWithholdsRestrictedEvidence(t *testing.T) {
	r := internalReport(t)
	for _, out := range [][]byte{
		exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) }),
		exportOSCAL(t, func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) }),
	} {
		for _, e := range r.Evidence {
			if e.Confidentiality != audit.ConfidentialityRestricted {
				continue
			}
			assertAbsent(t, string(out), jsonText(e.Description))
			if e.Digest != "" {
				assertAbsent(t, string(out), e.Digest)
			}
		}
	}
	// A public copy withholds the internal items too.
	c, err := RecipientCopy(r, audit.Recipient{Name: "Jordan Blake", Clearance: audit.ConfidentialityPublic})
	require.NoError(t, err)
	out := string(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, c) }))
	assertAbsent(t, out, jsonText(r.Evidence[3].Description))
	assert.True(t, strings.Contains(out, jsonText(r.Evidence[1].Description)), "public items stay")
	assert.True(t, strings.Contains(out, `{"name":"copy-for","ns":"`+OSCALPropNamespace+`","value":"Jordan Blake"}`))
}

// jsonText is s as encoding/json writes it inside a string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func TestOSCALRefusesDatesOutsideItsRange(t *testing.T) {
	r := internalReport(t)
	r.Evidence[2].CollectedAt = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)
	r.FollowUp.Actions[0].DueAt = time.Date(3001, 1, 1, 0, 0, 0, 0, time.UTC)
	r.Issue.IssuedAt = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	// The first and last instants of OSCAL's years are in range.
	r.Evidence[1].CollectedAt = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	r.FollowUp.Actions[1].DueAt = time.Date(2999, 12, 31, 23, 59, 59, 999999999, time.UTC)
	for _, write := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return AssessmentResults(w, r) },
		func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) },
	} {
		var buf bytes.Buffer
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, write(&buf), &ve)
		assert.True(t, ve.Has("Evidence[2].CollectedAt", ismsaudit.RuleRange))
		assert.True(t, ve.Has("FollowUp.Actions[0].DueAt", ismsaudit.RuleRange))
		assert.True(t, ve.Has("Issue.IssuedAt", ismsaudit.RuleRange))
		assert.False(t, ve.Has("Evidence[1].CollectedAt", ismsaudit.RuleRange), "1900 is in range")
		assert.False(t, ve.Has("FollowUp.Actions[1].DueAt", ismsaudit.RuleRange), "2999 is in range")
		assert.Len(t, ve.Fields, 3, "nothing else refused")
		assert.Zero(t, buf.Len())
	}
}

func TestOSCALUUID(t *testing.T) {
	url := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	dns := url
	dns[3] = 0x10
	// Vectors computed with Python's uuid.uuid5.
	assert.Equal(t, "886313e1-3b8a-5372-9b90-0c9aee199e5d", uuid5(dns, "python.org"))
	assert.Equal(t, OSCALNamespace, uuid5(url, "https://github.com/ismsaudit/ismsaudit"), "the namespace is derived as documented")
	assert.Equal(t, "2150f36c-0d06-53e2-9826-977f5d98261a", OSCALUUID("audit", "IA-2026-01", "finding", "F-01"))
	assert.Equal(t, "3d658a98-9cd4-59e1-8602-b00584001dac", OSCALUUID("audit", "IA/1", "evidence", "E 1"))
	assert.NotEqual(t, OSCALUUID("audit", "a/b"), OSCALUUID("audit", "a", "b"), "ids are escaped, so names never collide")
	assert.Regexp(t, uuidPattern, OSCALUUID())
}

func TestOSCALControlID(t *testing.T) {
	for _, tt := range []struct {
		ref  annexa.Ref
		want string
	}{
		{annexa.RefToControl("5.15"), "a.5.15"},
		{annexa.RefToClause("9.2.2"), "clause-9.2.2"},
		{annexa.RefToDocument("POL-ACC-4"), "document-POL-ACC-4"},
		{annexa.RefToDocument("POL 7"), "document-POL_207"},
		{annexa.RefToDocument("POL_207"), "document-POL_5F207"},
		{annexa.RefToDocument("é"), "document-_C3_A9"},
	} {
		got := OSCALControlID(tt.ref)
		assert.Equal(t, tt.want, got)
		assert.Regexp(t, tokenPattern, got)
	}
}

func TestObservationMethods(t *testing.T) {
	for s := range audit.EvidenceSources() {
		assert.Contains(t, []string{"EXAMINE", "INTERVIEW", "TEST"}, observationMethods[s], s)
		assert.Equal(t, []string{observationMethods[s]}, observationMethodList(s), s)
	}
	sources := slices.Collect(audit.EvidenceSources())
	assert.Len(t, observationMethods, len(sources))
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"a b": "a b", " a\n\tb  c ": "a b c", "": "", "\n": "",
		"\uFEFFJordan Blake\uFEFF": "Jordan Blake", "\uFEFF \uFEFFa\uFEFF\t": "a", "\uFEFF": "",
		"a\uFEFFb": "ab", "a \uFEFF b": "a b", "of \uFEFFNorthwind\uFEFF Ltd": "of Northwind Ltd", "\u3000a\u2028b\u00a0": "a b",
	} {
		got := oneLine(in)
		assert.Equal(t, want, got, "oneLine(%q)", in)
		assert.True(t, got == "" || ecmaString(got), "oneLine(%q) = %q fits OSCAL's string type", in, got)
	}
}

// ecmaString reports whether s matches OSCAL's StringDatatype pattern
// ^\S(.*\S)?$ as ECMAScript (and so ajv) reads it, with the u flag: \s is
// ECMAScript's WhiteSpace and LineTerminator (U+FEFF and every Zs
// character among them) and "." matches anything but a line terminator.
// Go's regexp reads \s as ASCII white space only, so the test spells the
// pattern out.
func ecmaString(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if ecmaLineTerminator(r) {
			return false
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !ecmaSpace(first) && !ecmaSpace(last)
}

// ecmaSpace reports whether ECMAScript's \s matches r.
func ecmaSpace(r rune) bool {
	switch r {
	case '\t', '\v', '\f', ' ', '\u00a0', '\ufeff':
		return true
	}
	return ecmaLineTerminator(r) || unicode.Is(unicode.Zs, r)
}

// ecmaLineTerminator reports whether r is an ECMAScript line terminator,
// which "." does not match.
func ecmaLineTerminator(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
}

// errorRecorder collects the failures of the checks it is passed to.
type errorRecorder struct {
	*testing.T
	errs []string
}

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *errorRecorder) Helper() {}

// TestShapeCheckCatchesProblems shows that the shape check fails on the
// problems it is there to find.
func TestShapeCheckCatchesProblems(t *testing.T) {
	shape := loadOSCALShape(t)
	good := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, internalReport(t)) })
	rec := &errorRecorder{T: t}
	checkOSCALShape(rec, shape, good)
	require.Empty(t, rec.errs, "the export passes")
	firstObservation := func(doc map[string]any) map[string]any {
		res := doc["assessment-results"].(map[string]any)["results"].([]any)[0].(map[string]any)
		return res["observations"].([]any)[0].(map[string]any)
	}
	for _, tt := range []struct {
		name   string
		change func(doc map[string]any)
	}{
		{"missing required", func(doc map[string]any) { delete(firstObservation(doc), "collected") }},
		{"property outside the schema", func(doc map[string]any) { firstObservation(doc)["colour"] = "blue" }},
		{"unused property", func(doc map[string]any) {
			doc["assessment-results"].(map[string]any)["local-definitions"] = map[string]any{}
		}},
		{"empty array", func(doc map[string]any) { firstObservation(doc)["methods"] = []any{} }},
		{"bad enum", func(doc map[string]any) { firstObservation(doc)["methods"] = []any{"LOOK"} }},
		{"bad uuid", func(doc map[string]any) { firstObservation(doc)["uuid"] = "not-a-uuid" }},
		{"bad date-time", func(doc map[string]any) { firstObservation(doc)["collected"] = "2026-03-02 10:30" }},
		{"dangling reference", func(doc map[string]any) {
			res := doc["assessment-results"].(map[string]any)["results"].([]any)[0].(map[string]any)
			res["findings"].([]any)[0].(map[string]any)["related-observations"] = []any{map[string]any{"observation-uuid": OSCALUUID("nothing")}}
		}},
		{"duplicate uuid", func(doc map[string]any) {
			res := doc["assessment-results"].(map[string]any)["results"].([]any)[0].(map[string]any)
			obs := res["observations"].([]any)
			obs[1].(map[string]any)["uuid"] = obs[0].(map[string]any)["uuid"]
		}},
		{"unknown role", func(doc map[string]any) {
			md := doc["assessment-results"].(map[string]any)["metadata"].(map[string]any)
			md["responsible-parties"].([]any)[0].(map[string]any)["role-id"] = "sponsor"
		}},
		{"bad token", func(doc map[string]any) {
			res := doc["assessment-results"].(map[string]any)["results"].([]any)[0].(map[string]any)
			res["findings"].([]any)[0].(map[string]any)["target"].(map[string]any)["target-id"] = "5.18"
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			require.NoError(t, json.Unmarshal(good, &doc))
			tt.change(doc)
			bad, err := json.Marshal(doc)
			require.NoError(t, err)
			rec := &errorRecorder{T: t}
			checkOSCALShape(rec, shape, bad)
			assert.NotEmpty(t, rec.errs, "the check fails")
		})
	}
}

// TestNeedsFolding checks needsFolding against what oneLine's definition
// does, on every string of up to four pieces drawn from ASCII and Unicode
// white space, a byte-order mark, letters and broken UTF-8: a string needs
// folding exactly when folding changes it.
func TestNeedsFolding(t *testing.T) {
	pieces := []string{"a", "é", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2028", "\u3000", "\uFEFF", "\x80", "\xc2"}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		fold := strings.Join(strings.Fields(strings.ReplaceAll(s, "\uFEFF", "")), " ")
		if got := needsFolding(s); got != (fold != s) {
			t.Errorf("needsFolding(%q) = %t, folding gives %q", s, got, fold)
		}
		if depth < 4 {
			for _, p := range pieces {
				walk(s+p, depth+1)
			}
		}
	}
	walk("", 0)
}

// FuzzOneLine checks the fast path of oneLine against its definition.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", "a", " a", "a ", "a  b", "a\tb", "a\u00a0b", "\x85", "é è"} {
		f.Add(s)
	}
	f.Add("\uFEFFa\uFEFF")
	f.Add(" \uFEFF a b\uFEFF ")
	f.Fuzz(func(t *testing.T, s string) {
		got, want := oneLine(s), strings.Join(strings.Fields(strings.ReplaceAll(s, "\uFEFF", "")), " ")
		if got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
		if strings.ContainsRune(got, byteOrderMark) {
			t.Fatalf("oneLine(%q) = %q keeps a byte-order mark", s, got)
		}
		if got != "" && utf8.ValidString(s) && !ecmaString(got) {
			t.Fatalf("oneLine(%q) = %q does not fit OSCAL's string type", s, got)
		}
	})
}

// TestAuditUUID holds the export's UUIDs of an audit's own objects, made
// from a name start escaped once, to OSCALUUID.
func TestAuditUUID(t *testing.T) {
	for _, tt := range []struct {
		audit, kind, id string
		tail            []string
	}{
		{"IA-1", "evidence", "EV-1", nil},
		{"IA/1", "finding", "F 2", nil},
		{"IA-1", "risk", "F/2", []string{"remediation"}},
		{"é?#", "risk", "%41;", []string{"remediation", "due"}},
		{"", "person", "", nil},
		{hostilePrefix, "person", hostilePrefix, nil},
	} {
		t.Run(tt.audit+"/"+tt.kind+"/"+tt.id, func(t *testing.T) {
			x := &oscalExport{id: tt.audit, name: auditUUIDName(tt.audit)}
			want := OSCALUUID(append([]string{"audit", tt.audit, tt.kind, tt.id}, tt.tail...)...)
			assert.Equal(t, want, x.auditUUID(tt.kind, tt.id, tt.tail...))
		})
	}
}

// FuzzAuditUUID checks the export's UUIDs against OSCALUUID for any audit
// and item ids.
func FuzzAuditUUID(f *testing.F) {
	for _, s := range []string{"", "IA-2026-01", "F/2", "a b", "é", "%41", hostilePrefix} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, id string) {
		x := &oscalExport{id: a, name: auditUUIDName(a)}
		for _, kind := range []string{"evidence", "finding", "risk", "poam-item", "person"} {
			if got, want := x.auditUUID(kind, id), OSCALUUID("audit", a, kind, id); got != want {
				t.Fatalf("auditUUID(%q, %q) in audit %q = %s, want %s", kind, id, a, got, want)
			}
		}
		if got, want := x.auditUUID("risk", id, "remediation", "due"), OSCALUUID("audit", a, "risk", id, "remediation", "due"); got != want {
			t.Fatalf("remediation due of %q in audit %q = %s, want %s", id, a, got, want)
		}
	})
}

// TestTextArena checks that text handed out never changes as more is
// added, across blocks and for text too long for one.
func TestTextArena(t *testing.T) {
	var a textArena
	type kept struct{ got, want string }
	var all []kept
	long := strings.Repeat("long text ", textBlockMax/16)
	for i := range 3000 {
		n := strconv.Itoa(i)
		all = append(all,
			kept{a.concat("item ", n, ": ", strings.Repeat("x", i%97)), "item " + n + ": " + strings.Repeat("x", i%97)},
			kept{a.uuid([20]byte{byte(i), byte(i >> 8)}), uuidText([20]byte{byte(i), byte(i >> 8)})},
			kept{a.time(asOf.Add(time.Duration(i) * time.Minute)), oscalTime(asOf.Add(time.Duration(i) * time.Minute))},
		)
		if i%500 == 0 {
			all = append(all, kept{a.concat(long, n), long + n})
		}
	}
	all = append(all, kept{a.concat(), ""}, kept{a.time(time.Time{}), ""})
	for i, k := range all {
		require.Equal(t, k.want, k.got, "text %d", i)
	}
}

// TestTextArenaBlocks checks how the arena takes memory: a block is
// filled to its last byte before the next is taken, blocks double from
// 1 KiB up to textBlockMax, and text longer than a quarter of the largest
// block is refused (the caller allocates it on its own).
func TestTextArenaBlocks(t *testing.T) {
	var a textArena
	require.True(t, a.room(0), "nothing needs no block")
	assert.Zero(t, a.size, "no block taken for nothing")
	want := 1 << 10
	for range 8 {
		require.True(t, a.room(1))
		assert.Equal(t, want, a.size, "a new block when the last is full")
		free := a.b.Cap() - a.b.Len()
		a.concat(strings.Repeat("x", free)) // exactly the room left
		assert.Equal(t, want, a.size, "the block's last byte is used before a new one")
		assert.Equal(t, a.b.Cap(), a.b.Len())
		want = min(2*want, textBlockMax)
	}
	assert.False(t, a.room(textBlockMax/4+1), "more than a quarter block goes alone")
	assert.Equal(t, a.b.Cap(), a.b.Len(), "and takes no block")
	assert.True(t, a.room(textBlockMax/4), "a quarter block takes one")
}

// TestListOf checks that a list given as a slice wins over a lazy one,
// even when it is empty.
func TestListOf(t *testing.T) {
	lazy := lazyList[int]{n: 2, at: func(i int) *int { v := 10 * i; return &v }}
	n, _ := listOf([]int{}, lazy)
	assert.Zero(t, n, "an empty slice is a list of nothing")
	n, at := listOf([]int{7}, lazy)
	require.Equal(t, 1, n)
	assert.Equal(t, 7, *at(0))
	n, at = listOf(nil, lazy)
	require.Equal(t, 2, n)
	assert.Equal(t, 10, *at(1))
	n, _ = listOf(nil, lazyList[int]{})
	assert.Zero(t, n)
}

// TestFindingDescription checks that each part of a finding shows in its
// OSCAL description under its label, whichever of them are given.
func TestFindingDescription(t *testing.T) {
	parts := []struct {
		label string
		set   func(*AuditFinding, string)
	}{
		{"Requirement: ", func(f *AuditFinding, v string) { f.Requirement = v }},
		{"Why it does not conform: ", func(f *AuditFinding, v string) { f.Reason = v }},
		{"Auditee's diverging opinion: ", func(f *AuditFinding, v string) { f.DivergingOpinion = v }},
		{"Resolution: ", func(f *AuditFinding, v string) { f.Resolution = v }},
	}
	for mask := range 1 << len(parts) {
		f := &AuditFinding{Found: "found"}
		want := "found"
		for i, p := range parts {
			if mask&(1<<i) != 0 {
				v := "part " + strconv.Itoa(i)
				p.set(f, v)
				want += "\n\n" + p.label + v
			}
		}
		x := &oscalExport{}
		assert.Equal(t, want, x.findingDescription(f), "parts %04b", mask)
	}
}

// TestOSCALTokenPropsNeedNoEscaping checks that the property values the
// writer copies without escaping (propTok's) are written as encoding/json
// writes them, on reports with hostile text and ids.
func TestOSCALTokenPropsNeedNoEscaping(t *testing.T) {
	for name, build := range map[string]func(testing.TB) *AuditReport{"internal": internalReport, "certification": certificationReport, "hostile": hostileReport} {
		t.Run(name, func(t *testing.T) {
			r := build(t)
			ar, err := assessmentResults(r, false)
			require.NoError(t, err)
			poam, err := planOfActionAndMilestones(r, false)
			require.NoError(t, err)
			var props [][]oscalProp
			for _, res := range ar.AssessmentResults.Results {
				for _, o := range collectLazy(res.observations) {
					props = append(props, o.Props)
					for _, re := range o.RelevantEvidence {
						props = append(props, re.Props)
					}
				}
				for _, f := range collectLazy(res.findings) {
					props = append(props, f.Props)
				}
				for _, rk := range collectLazy(res.risks) {
					props = append(props, rk.Props)
					for _, rem := range rk.Remediations {
						props = append(props, rem.Props)
					}
				}
			}
			for _, it := range collectLazy(poam.POAM.items) {
				props = append(props, it.Props)
			}
			tokens := 0
			for _, ps := range props {
				for _, p := range ps {
					if !p.tok {
						continue
					}
					tokens++
					want, err := json.Marshal(p.Value)
					require.NoError(t, err)
					assert.Equal(t, string(want), `"`+p.Value+`"`, "property %s", p.Name)
				}
			}
			assert.NotZero(t, tokens)
		})
	}
}

// FuzzAppendDateTime checks the date-time writer against time's RFC 3339
// formatting, in and out of the years it writes digit by digit.
func FuzzAppendDateTime(f *testing.F) {
	for _, t := range []time.Time{asOf, {}, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC)} {
		f.Add(t.Unix(), int64(t.Nanosecond()), 3600)
	}
	f.Fuzz(func(t *testing.T, sec, nsec int64, offset int) {
		tm := time.Unix(sec, nsec).In(time.FixedZone("", offset%86400))
		if got, want := string(appendDateTime([]byte("x"), tm)), "x"+tm.UTC().Format(time.RFC3339); got != want {
			t.Fatalf("appendDateTime(%v) = %s, want %s", tm, got, want)
		}
	})
}

// FuzzOSCALUUID checks that hashing a part that needs no escaping as it
// is gives the UUID the escaped name gives.
func FuzzOSCALUUID(f *testing.F) {
	for _, s := range []string{"", "IA-2026-01", "F/2", "a b", "é", "~._-$&+:=@", ";,?", "%41", hostilePrefix} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		name := append(append([]byte{}, oscalNamespace[:]...), "audit/"+url.PathEscape(a)+"/evidence/"+url.PathEscape(b)...)
		if got, want := OSCALUUID("audit", a, "evidence", b), uuidText(sha1.Sum(name)); got != want {
			t.Fatalf("OSCALUUID(%q, %q) = %s, want %s", a, b, got, want)
		}
	})
}
