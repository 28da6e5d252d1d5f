package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

const scannerFile = "testdata/oscal-ar-scanner.json"

// The scanner document's uuids.
const (
	scanDoc     = "2906ceaa-9286-4309-a0ba-72b659260afb"
	scanServers = "3fc54f83-1569-465d-9f30-fad934dae47a"
	scanLaptops = "4874b449-d63a-4f9f-acfa-697f2cb45642"
	scanAgents  = "a4e16d2e-8aeb-48d4-b8bc-cafe06d08b47"
	scanRetain  = "8a376111-00c7-4125-8143-c6e8e2f11fcc"
)

func scannerBytes(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(scannerFile)
	require.NoError(t, err)
	return data
}

// scannerItems are the items the scanner document gives with prefix
// "SCAN-".
func scannerItems() []audit.Evidence {
	modified := time.Date(2026, time.March, 3, 7, 30, 0, 0, time.UTC)
	item := func(uuid string, at time.Time, control, digest, desc string) audit.Evidence {
		return audit.Evidence{
			ID: ismsaudit.EvidenceID("SCAN-" + uuid), Source: audit.SourceTechnicalVerification, Description: desc,
			Supports:    []annexa.Ref{annexa.RefToControl(annexa.ControlID(control))},
			CollectedBy: "Tidewater Scan 5.3", CollectedAt: at,
			Confidentiality: audit.ConfidentialityInternal, Digest: digest,
			Origin: &audit.Origin{Tool: "Tidewater Scan 5.3", Document: scanDoc, Item: uuid, Modified: modified},
		}
	}
	return []audit.Evidence{
		item(scanServers, at2026(time.March, 3, 4, 10), "8.8", audit.DigestOf([]byte("tidewater servers 2026-w10")),
			"Authenticated vulnerability scan of the production servers: 14 of 14 production servers scanned with credentials; no critical findings, 2 high-severity findings open for more than 30 days (OpenSSH on two bastion hosts)."),
		item(scanLaptops, at2026(time.March, 3, 5, 25), "8.8", audit.DigestOf([]byte("tidewater laptops 2026-w10")),
			"Operating system update level of the staff laptops: 212 of 220 laptops had the vendor's security updates installed within 14 days of release; 8 laptops were last seen more than 30 days ago."),
		item(scanAgents, at2026(time.March, 3, 6, 5), "8.15", audit.DigestOf([]byte("tidewater log agents 2026-w10")),
			"Log forwarding on the production servers: The logging agent on every production server forwards authentication, privilege and system events to the central log service; no agent reported a gap in the last 7 days."),
		item(scanRetain, at2026(time.March, 3, 6, 30), "8.15", audit.DigestOf([]byte("tidewater retention 2026-w10")),
			"Retention of the central log service: The central log service keeps security events for 400 days, with write-once storage for the last 90 days."),
	}
}

func TestReadOSCALAssessmentResults(t *testing.T) {
	items, err := ReadOSCALAssessmentResults(bytes.NewReader(scannerBytes(t)), &OSCALImportOptions{Prefix: "SCAN-"})
	require.NoError(t, err)
	if diff := cmp.Diff(scannerItems(), items); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestReadOSCALAssessmentResultsOptions(t *testing.T) {
	items, err := ReadOSCALAssessmentResults(bytes.NewReader(scannerBytes(t)), &OSCALImportOptions{Confidentiality: audit.ConfidentialityRestricted})
	require.NoError(t, err)
	for _, e := range items {
		assert.Equal(t, audit.ConfidentialityRestricted, e.Confidentiality)
		assert.Equal(t, ismsaudit.EvidenceID(e.Origin.Item), e.ID, "no prefix: the id is the observation's uuid")
	}
	nilOpts, err := ReadOSCALAssessmentResults(bytes.NewReader(scannerBytes(t)), nil)
	require.NoError(t, err)
	zero, err := ReadOSCALAssessmentResults(bytes.NewReader(scannerBytes(t)), &OSCALImportOptions{})
	require.NoError(t, err)
	if diff := cmp.Diff(zero, nilOpts); diff != "" {
		t.Errorf("nil options differ from the zero value: mismatch (-want +got):\n%s", diff)
	}
}

// TestReadOSCALAssessmentResultsByteOrderMarks: a byte-order mark before
// the document and at the start of its texts, and white space around
// them, change nothing.
func TestReadOSCALAssessmentResultsByteOrderMarks(t *testing.T) {
	doc := scannerDoc(t)
	obs := path(doc, "results", 0, "observations", 0).(map[string]any)
	obs["title"] = "\uFEFF  " + obs["title"].(string) + " \n"
	obs["uuid"] = "\uFEFF" + strings.ToUpper(obs["uuid"].(string))
	obs["collected"] = " \uFEFF" + obs["collected"].(string)
	data := append([]byte("\uFEFF"), marshalDoc(t, doc)...)
	items, err := ReadOSCALAssessmentResults(bytes.NewReader(data), &OSCALImportOptions{Prefix: "SCAN-"})
	require.NoError(t, err)
	if diff := cmp.Diff(scannerItems(), items); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// scannerDoc is the scanner document as a generic tree, to break in tests.
func scannerDoc(t testing.TB) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(scannerBytes(t), &doc))
	return doc
}

func marshalDoc(t testing.TB, doc any) []byte {
	t.Helper()
	data, err := json.Marshal(doc)
	require.NoError(t, err)
	return data
}

// path walks the assessment-results object of doc by member names and
// array indices.
func path(doc map[string]any, steps ...any) any {
	var v any = doc["assessment-results"]
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			v = v.(map[string]any)[s]
		case int:
			v = v.([]any)[s]
		}
	}
	return v
}

// set sets the member name of the object at steps; a nil value removes it.
func set(doc map[string]any, name string, value any, steps ...any) {
	o := path(doc, steps...).(map[string]any)
	if value == nil {
		delete(o, name)
		return
	}
	o[name] = value
}

func TestReadOSCALAssessmentResultsRefuses(t *testing.T) {
	const (
		ar   = "assessment-results"
		res  = ar + ".results[0]"
		obs0 = res + ".observations[0]"
		obs1 = res + ".observations[1]"
	)
	type problem struct {
		path string
		rule ismsaudit.RuleID
	}
	tests := []struct {
		name   string
		data   string                   // the document, when not the scanner's broken by change
		change func(doc map[string]any) // breaks the scanner's document
		opts   OSCALImportOptions
		want   []problem
	}{
		{name: "empty", data: "", want: []problem{{"", ismsaudit.RuleJSONSyntax}}},
		{name: "not JSON", data: "assessment-results", want: []problem{{"", ismsaudit.RuleJSONSyntax}}},
		{name: "truncated", data: `{"assessment-results": {`, want: []problem{{"", ismsaudit.RuleJSONSyntax}}},
		{name: "trailing data", data: `{} {}`, want: []problem{{"", ismsaudit.RuleJSONTrailing}}},
		{name: "an array", data: `[]`, want: []problem{{"", ismsaudit.RuleJSONType}}},
		{name: "an empty object", data: `{}`, want: []problem{{ar, ismsaudit.RuleRequired}}},
		{name: "a catalog", data: `{"catalog": {"uuid": "2906ceaa-9286-4309-a0ba-72b659260afb"}}`, want: []problem{{"", ismsaudit.RuleEnum}}},
		{name: "results not an object", data: `{"assessment-results": []}`, want: []problem{{ar, ismsaudit.RuleJSONType}}},
		{name: "unknown root member", change: func(d map[string]any) { d["assessment_results"] = map[string]any{} }, want: []problem{{"assessment_results", ismsaudit.RuleUnknownField}}},
		{name: "no uuid", change: func(d map[string]any) { set(d, "uuid", nil) }, want: []problem{{ar + ".uuid", ismsaudit.RuleRequired}}},
		{name: "uuid not a string", change: func(d map[string]any) { set(d, "uuid", 7) }, want: []problem{{ar + ".uuid", ismsaudit.RuleJSONType}}},
		{name: "malformed uuid", change: func(d map[string]any) { set(d, "uuid", "2906ceaa-9286-1309-a0ba-72b659260afb") }, want: []problem{{ar + ".uuid", ismsaudit.RuleFormat}}},
		{name: "no metadata", change: func(d map[string]any) { set(d, "metadata", nil) }, want: []problem{{ar + ".metadata", ismsaudit.RuleRequired}}},
		{name: "metadata incomplete", change: func(d map[string]any) {
			set(d, "title", " ", "metadata")
			set(d, "version", nil, "metadata")
			set(d, "last-modified", "2026-03-03T07:30:00", "metadata")
			set(d, "oscal-version", "2.0.0", "metadata")
		}, want: []problem{
			{ar + ".metadata.title", ismsaudit.RuleRequired}, {ar + ".metadata.version", ismsaudit.RuleRequired},
			{ar + ".metadata.last-modified", ismsaudit.RuleFormat}, {ar + ".metadata.oscal-version", ismsaudit.RuleFormat},
		}},
		{name: "no import-ap", change: func(d map[string]any) { set(d, "import-ap", nil) }, want: []problem{{ar + ".import-ap", ismsaudit.RuleRequired}}},
		{name: "no results", change: func(d map[string]any) { set(d, "results", nil) }, want: []problem{{ar + ".results", ismsaudit.RuleRequired}}},
		{name: "empty results", change: func(d map[string]any) { set(d, "results", []any{}) }, want: []problem{{ar + ".results", ismsaudit.RuleRequired}}},
		{name: "no observations", change: func(d map[string]any) {
			set(d, "observations", nil, "results", 0)
			set(d, "findings", nil, "results", 0)
		}, want: []problem{{ar + ".results", ismsaudit.RuleRequired}}},
		{name: "observation not an object", change: func(d map[string]any) { path(d, "results", 0, "observations").([]any)[1] = "x" }, want: []problem{{obs1, ismsaudit.RuleJSONType}, {res + ".findings[0].related-observations[1].observation-uuid", ismsaudit.RuleUnknown}}},
		{name: "observation incomplete", change: func(d map[string]any) {
			for _, k := range []string{"uuid", "description", "methods", "collected"} {
				set(d, k, nil, "results", 0, "observations", 1)
			}
		}, want: []problem{{obs1 + ".uuid", ismsaudit.RuleRequired}, {obs1 + ".description", ismsaudit.RuleRequired}, {obs1 + ".methods", ismsaudit.RuleRequired}, {obs1 + ".collected", ismsaudit.RuleRequired}, {res + ".findings[0].related-observations[1].observation-uuid", ismsaudit.RuleUnknown}}},
		{name: "collected without zone", change: func(d map[string]any) { set(d, "collected", "2026-03-03T04:10:00", "results", 0, "observations", 0) }, want: []problem{{obs0 + ".collected", ismsaudit.RuleFormat}}},
		{name: "collected not a date", change: func(d map[string]any) { set(d, "collected", "Tuesday", "results", 0, "observations", 0) }, want: []problem{{obs0 + ".collected", ismsaudit.RuleFormat}}},
		{name: "interview", change: func(d map[string]any) { set(d, "methods", []any{"INTERVIEW"}, "results", 0, "observations", 0) }, want: []problem{{obs0 + ".methods", ismsaudit.RuleEnum}}},
		{name: "method not a string", change: func(d map[string]any) { set(d, "methods", []any{"TEST", 3}, "results", 0, "observations", 0) }, want: []problem{{obs0 + ".methods[1]", ismsaudit.RuleJSONType}}},
		{name: "uuid used twice", change: func(d map[string]any) { set(d, "uuid", scanServers, "results", 0, "observations", 1) }, want: []problem{{obs1, ismsaudit.RuleUnique}, {res + ".findings[0].related-observations[1].observation-uuid", ismsaudit.RuleUnknown}}},
		{name: "resource uuid reused", change: func(d map[string]any) { set(d, "uuid", scanDoc, "back-matter", "resources", 0) }, want: []problem{{ar + ".back-matter.resources[0]", ismsaudit.RuleUnique}, {obs0 + ".relevant-evidence[0].href", ismsaudit.RuleUnknown}}},
		{name: "finding names another framework", change: func(d map[string]any) { set(d, "target-id", "ac-2", "results", 0, "findings", 0, "target") }, want: []problem{{res + ".findings[0].target.target-id", ismsaudit.RuleUnknown}}},
		{name: "finding names a control Annex A lacks", change: func(d map[string]any) { set(d, "target-id", "a.8.35", "results", 0, "findings", 0, "target") }, want: []problem{{res + ".findings[0].target.target-id", ismsaudit.RuleUnknown}}},
		{name: "finding relates an unknown observation", change: func(d map[string]any) {
			set(d, "observation-uuid", "25839aa4-7c9e-4f2f-bbee-6d8243b78182", "results", 0, "findings", 1, "related-observations", 0)
		}, want: []problem{{res + ".findings[1].related-observations[0].observation-uuid", ismsaudit.RuleUnknown}, {res + ".observations[2]", ismsaudit.RuleRequired}}},
		{name: "observation no finding relates", change: func(d map[string]any) {
			set(d, "related-observations", []any{map[string]any{"observation-uuid": scanLaptops}}, "results", 0, "findings", 0)
		}, want: []problem{{obs0, ismsaudit.RuleRequired}}},
		{name: "unknown tool", change: func(d map[string]any) {
			set(d, "actor-uuid", "25839aa4-7c9e-4f2f-bbee-6d8243b78182", "results", 0, "observations", 0, "origins", 0, "actors", 0)
		}, want: []problem{{obs0 + ".origins[0].actors[0].actor-uuid", ismsaudit.RuleUnknown}, {obs0 + ".origins", ismsaudit.RuleRequired}}},
		{name: "no tool", change: func(d map[string]any) { set(d, "origins", nil, "results", 0, "observations", 0) }, want: []problem{{obs0 + ".origins", ismsaudit.RuleRequired}}},
		{name: "unknown actor type", change: func(d map[string]any) {
			set(d, "type", "robot", "results", 0, "observations", 0, "origins", 0, "actors", 0)
		}, want: []problem{{obs0 + ".origins[0].actors[0].type", ismsaudit.RuleEnum}, {obs0 + ".origins", ismsaudit.RuleRequired}}},
		{name: "unknown resource", change: func(d map[string]any) {
			set(d, "href", "#25839aa4-7c9e-4f2f-bbee-6d8243b78182", "results", 0, "observations", 2, "relevant-evidence", 0)
		}, want: []problem{{res + ".observations[2].relevant-evidence[0].href", ismsaudit.RuleUnknown}}},
		{name: "two digests", change: func(d map[string]any) {
			re := path(d, "results", 0, "observations", 0, "relevant-evidence").([]any)
			set(d, "relevant-evidence", append(re, map[string]any{"href": "#69bb90e7-9887-4c2a-8c44-131fc3f3886b", "description": "more"}), "results", 0, "observations", 0)
		}, want: []problem{{obs0 + ".relevant-evidence", ismsaudit.RuleUnique}}},
		{name: "malformed digest", change: func(d map[string]any) {
			set(d, "value", "abc", "back-matter", "resources", 0, "rlinks", 0, "hashes", 0)
		}, want: []problem{{ar + ".back-matter.resources[0].rlinks[0].hashes[0].value", ismsaudit.RuleFormat}}},
		{name: "bad option", opts: OSCALImportOptions{Confidentiality: "secret"}, want: []problem{{"Options.Confidentiality", ismsaudit.RuleEnum}}},
		{name: "every problem at once", change: func(d map[string]any) {
			set(d, "uuid", nil)
			set(d, "collected", "yesterday", "results", 0, "observations", 0)
			set(d, "description", "", "results", 0, "observations", 3)
			set(d, "target-id", "clause-11", "results", 0, "findings", 0, "target")
		}, opts: OSCALImportOptions{Confidentiality: "secret"}, want: []problem{
			{"Options.Confidentiality", ismsaudit.RuleEnum}, {ar + ".uuid", ismsaudit.RuleRequired},
			{obs0 + ".collected", ismsaudit.RuleFormat}, {res + ".observations[3].description", ismsaudit.RuleRequired},
			{res + ".findings[0].target.target-id", ismsaudit.RuleUnknown},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if tt.data == "" && tt.name != "empty" {
				doc := scannerDoc(t)
				if tt.change != nil {
					tt.change(doc)
				}
				data = marshalDoc(t, doc)
			}
			items, err := ReadOSCALAssessmentResults(bytes.NewReader(data), &tt.opts)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Nil(t, items)
			for _, w := range tt.want {
				assert.True(t, ve.Has(w.path, w.rule), "want %s at %q in %v", w.rule, w.path, ve.Fields)
			}
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
		})
	}
}

func TestReadOSCALAssessmentResultsFallbacks(t *testing.T) {
	doc := scannerDoc(t)
	set(doc, "origins", nil, "results", 0, "observations", 1)
	set(doc, "findings", nil, "results", 0)
	data := marshalDoc(t, doc)

	_, err := ReadOSCALAssessmentResults(bytes.NewReader(data), nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 5, "four observations without criteria, one without a tool: %v", ve.Fields)

	opts := &OSCALImportOptions{Prefix: "SCAN-", Tool: "Tidewater Scan", DefaultSupports: []annexa.Ref{annexa.RefToControl("8.8"), annexa.RefToControl("8.15")}}
	items, err := ReadOSCALAssessmentResults(bytes.NewReader(data), opts)
	require.NoError(t, err)
	want := scannerItems()
	for i := range want {
		want[i].Supports = opts.DefaultSupports
	}
	want[1].CollectedBy, want[1].Origin.Tool = "Tidewater Scan", "Tidewater Scan"
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	items[0].Supports[0] = annexa.RefToControl("5.1")
	assert.Equal(t, annexa.RefToControl("8.8"), opts.DefaultSupports[0], "each item has its own criteria")
}

// TestReadOSCALAssessmentResultsProperties reads the criteria and digests
// this project's own export writes as properties.
func TestReadOSCALAssessmentResultsProperties(t *testing.T) {
	doc := scannerDoc(t)
	o := path(doc, "results", 0, "observations", 0).(map[string]any)
	o["props"] = []any{
		map[string]any{"name": "criterion", "ns": OSCALPropNamespace, "value": "clause-9.2"},
		map[string]any{"name": "criterion", "value": "not ours: ignored"},
	}
	digest := audit.DigestOf([]byte("more"))
	o["relevant-evidence"] = []any{map[string]any{"description": "export", "props": []any{
		map[string]any{"name": "sha-256", "ns": OSCALPropNamespace, "value": strings.ToUpper(digest)},
	}}}
	items, err := ReadOSCALAssessmentResults(bytes.NewReader(marshalDoc(t, doc)), nil)
	require.NoError(t, err)
	assert.Equal(t, []annexa.Ref{annexa.RefToControl("8.8"), annexa.RefToClause("9.2")}, items[0].Supports)
	assert.Equal(t, digest, items[0].Digest)
}

func TestReadOSCALAssessmentResultsReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := ReadOSCALAssessmentResults(iotest.ErrReader(boom), nil)
	require.ErrorIs(t, err, boom)
	assert.NotErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestImportOSCALAssessmentResults(t *testing.T) {
	a := internalAudit(t) // in follow-up: evidence may be collected
	m := ismsaudit.Meta{At: at2026(time.May, 21, 9, 0), By: "Ben Osei"}
	n := len(a.Evidence)
	ids, err := ImportOSCALAssessmentResults(a, bytes.NewReader(scannerBytes(t)), &OSCALImportOptions{Prefix: "SCAN-"}, m)
	require.NoError(t, err)
	want := scannerItems()
	wantIDs := make([]ismsaudit.EvidenceID, len(want))
	for i := range want {
		wantIDs[i] = want[i].ID
		want[i].State, want[i].History = audit.EvidenceCollected, []audit.EvidenceEntry{}
	}
	assert.Equal(t, wantIDs, ids)
	if diff := cmp.Diff(want, a.Evidence[n:]); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, id := range ids {
		assert.False(t, a.IsAuditEvidence(id), "%s arrives collected, not verified", id)
	}
	require.NoError(t, a.VerifyEvidence(ids[0], ismsaudit.Meta{At: m.At.Add(time.Hour), By: "Ben Osei"}), "an auditor verifies an imported item")

	// The same document again: every id is taken, nothing changes.
	before, err := json.Marshal(a)
	require.NoError(t, err)
	_, err = ImportOSCALAssessmentResults(a, bytes.NewReader(scannerBytes(t)), &OSCALImportOptions{Prefix: "SCAN-"}, m)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"observations[0]", "observations[1]", "observations[2]", "observations[3]"} {
		assert.True(t, ve.Has("assessment-results.results[0]."+p+".ID", ismsaudit.RuleUnique), "%s in %v", p, ve.Fields)
	}
	after, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after), "a refused import changes nothing")
}

func TestImportOSCALAssessmentResultsRefusals(t *testing.T) {
	m := ismsaudit.Meta{At: at2026(time.May, 21, 9, 0), By: "Ben Osei"}
	tests := []struct {
		name  string
		audit func(a *audit.Audit)
		data  func(t testing.TB) []byte
		meta  ismsaudit.Meta
		check func(t *testing.T, err error)
	}{
		{"criterion outside the plan", nil, func(t testing.TB) []byte {
			doc := scannerDoc(t)
			set(doc, "target-id", "a.8.9_smt", "results", 0, "findings", 1, "target")
			return marshalDoc(t, doc)
		}, m, func(t *testing.T, err error) {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, p := range []string{"observations[2]", "observations[3]"} {
				assert.True(t, ve.Has("assessment-results.results[0]."+p+".Supports[0]", audit.RuleEvidenceCriteria), "%s in %v", p, ve.Fields)
			}
			assert.Len(t, ve.Fields, 2)
		}},
		{"logged before collected", nil, scannerBytes, ismsaudit.Meta{At: at2026(time.March, 3, 5, 0), By: "Ben Osei"}, func(t *testing.T, err error) {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Len(t, ve.Fields, 3, "three observations were collected later: %v", ve.Fields)
			assert.True(t, ve.Has("assessment-results.results[0].observations[1].CollectedAt", "not-after-event"))
		}},
		{"no meta", nil, scannerBytes, ismsaudit.Meta{}, func(t *testing.T, err error) {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has("Meta.At", ismsaudit.RuleRequired))
			assert.True(t, ve.Has("Meta.By", ismsaudit.RuleRequired))
		}},
		{"closed audit", func(a *audit.Audit) { a.State = audit.StateClosed }, scannerBytes, m, func(t *testing.T, err error) {
			require.ErrorIs(t, err, ismsaudit.ErrTransition)
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, audit.RuleEvidenceDuringAudit, te.Rule)
		}},
		{"unreadable document", nil, func(testing.TB) []byte { return []byte("{") }, m, func(t *testing.T, err error) {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has("", ismsaudit.RuleJSONSyntax))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := internalAudit(t)
			if tt.audit != nil {
				tt.audit(a)
			}
			before, err := json.Marshal(a)
			require.NoError(t, err)
			ids, err := ImportOSCALAssessmentResults(a, bytes.NewReader(tt.data(t)), &OSCALImportOptions{Prefix: "SCAN-"}, tt.meta)
			require.Error(t, err)
			assert.Nil(t, ids)
			tt.check(t, err)
			after, err := json.Marshal(a)
			require.NoError(t, err)
			assert.JSONEq(t, string(before), string(after), "a refused import changes nothing")
		})
	}
	_, err := ImportOSCALAssessmentResults(nil, bytes.NewReader(nil), nil, m)
	require.Error(t, err, "no audit")
}

func TestParseOSCALControlID(t *testing.T) {
	tests := []struct {
		in   string
		want annexa.Ref
		err  error // the sentinel, nil when parsed
	}{
		{"a.8.8", annexa.RefToControl("8.8"), nil},
		{"A.5.15", annexa.RefToControl("5.15"), nil},
		{"a.8.8_smt", annexa.RefToControl("8.8"), nil},
		{"a.8.8_obj.a", annexa.RefToControl("8.8"), nil},
		{"clause-9.2.2", annexa.RefToClause("9.2.2"), nil},
		{"clause-6.1.3_smt", annexa.RefToClause("6.1.3"), nil},
		{"document-POL_207", annexa.RefToDocument("POL 7"), nil},
		{"document-POL-ACC-4", annexa.RefToDocument("POL-ACC-4"), nil},
		{"document-_C3_A9t_C3_A9", annexa.RefToDocument("été"), nil},
		{"a.9.1", annexa.Ref{}, ismsaudit.ErrNotFound},
		{"clause-11", annexa.Ref{}, ismsaudit.ErrNotFound},
		{"a.", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"a._smt", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"a. 8.8", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"a.eight", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"a.A.8.8", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"a.8.8 ", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"clause-clause 9.2", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"clause-9.2 ", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"clause-0.1", annexa.Ref{}, ismsaudit.ErrNotFound},
		{"a.0.1", annexa.Ref{}, ismsaudit.ErrNotFound},
		{"clause-", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-POL 7", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-POL_2", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-POL_2d", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-A_2D", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"document-_20", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"ac-2", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"8.8", annexa.Ref{}, ismsaudit.ErrInvalid},
		{"", annexa.Ref{}, ismsaudit.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseOSCALControlID(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestParseOSCALControlIDInvertsOSCALControlID: every clause and control
// of the catalogue, and document ids with any bytes, come back.
func TestParseOSCALControlIDInvertsOSCALControlID(t *testing.T) {
	var refs []annexa.Ref
	for c := range annexa.Controls() {
		refs = append(refs, annexa.RefToControl(c.ID()))
	}
	for c := range annexa.Clauses() {
		refs = append(refs, annexa.RefToClause(c.ID()))
	}
	for _, id := range []string{"POL 7", "a_b", "ü", "x/y#z", "-", ".", "\x00\xff"} {
		refs = append(refs, annexa.RefToDocument(id))
	}
	for _, r := range refs {
		got, err := ParseOSCALControlID(OSCALControlID(r))
		require.NoError(t, err, "%v as %q", r, OSCALControlID(r))
		assert.Equal(t, r, got)
	}
}

// TestParseOSCALControlIDEscapes: a document id's escape "_HH" stands
// for any byte but those tokenSafe writes as they are (letters, digits,
// '.' and '-'), whose escapes are refused, so that every document has
// exactly one token.
func TestParseOSCALControlIDEscapes(t *testing.T) {
	plain := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
	}
	for c := range 256 {
		in := fmt.Sprintf("document-x_%02X", c)
		got, err := ParseOSCALControlID(in)
		if plain(byte(c)) {
			assert.ErrorIs(t, err, ismsaudit.ErrInvalid, in)
			continue
		}
		if assert.NoError(t, err, in) {
			assert.Equal(t, annexa.RefToDocument(string([]byte{'x', byte(c)})), got, in)
		}
	}
}

// TestRelocateItems: a problem's "Items[i]" path becomes the path of the
// i-th item in the document; paths that name no item stay as they are.
func TestRelocateItems(t *testing.T) {
	paths := []string{"results[0].observations[3]", "results[1].observations[0]"}
	in := &ismsaudit.ValidationError{Pkg: "audit", Subject: "evidence items", Fields: []ismsaudit.FieldError{
		{Path: "Items[0].ID"}, {Path: "Items[1]"}, {Path: "Items[2].ID"}, {Path: "Items[-1].ID"},
		{Path: "Items[x].ID"}, {Path: "Items[1"}, {Path: "Other[0].ID"},
	}}
	var out *ismsaudit.ValidationError
	require.ErrorAs(t, relocateItems(in, paths), &out)
	var got []string
	for _, f := range out.Fields {
		got = append(got, f.Path)
	}
	assert.Equal(t, []string{"results[0].observations[3].ID", "results[1].observations[0]", "Items[2].ID", "Items[-1].ID",
		"Items[x].ID", "Items[1", "Other[0].ID"}, got)
	assert.Equal(t, "Items[0].ID", in.Fields[0].Path, "the error given is left as it is")
	plain := errors.New("not a validation error")
	assert.Same(t, plain, relocateItems(plain, paths))
}

// TestIsOSCALUUIDAndIsHexDigest hold the two digit checks to their
// character classes over every byte: a UUID's digits are hex of either
// case, a digest's lower-case hex only.
func TestIsOSCALUUIDAndIsHexDigest(t *testing.T) {
	uuid := OSCALUUID("test")
	digest := strings.Repeat("0123456789abcdef", 4)
	require.True(t, isOSCALUUID(uuid))
	require.True(t, isHexDigest(digest))
	for c := range 256 {
		b := byte(c)
		hex := b >= '0' && b <= '9' || b >= 'a' && b <= 'f'
		upper := b >= 'A' && b <= 'F'
		for _, at := range []int{0, 35} {
			u := []byte(uuid)
			u[at] = b
			assert.Equal(t, hex || upper, isOSCALUUID(string(u)), "uuid with %q at %d", b, at)
			d := []byte(digest)
			d[at] = b
			assert.Equal(t, hex, isHexDigest(string(d)), "digest with %q at %d", b, at)
		}
	}
	assert.False(t, isHexDigest(digest[1:]), "63 digits")
	assert.False(t, isHexDigest(digest+"0"), "65 digits")
}

// FuzzReadOSCALAssessmentResults: any input is read without a panic, and
// either refused with a *ismsaudit.ValidationError listing at least one
// problem or read into items that CollectEvidenceItems could take: each
// with its prefixed id, source, criteria, collector, time, a well-formed
// digest or none, and its origin. Reading again gives the same result,
// and the items round-trip through JSON.
func FuzzReadOSCALAssessmentResults(f *testing.F) {
	f.Add(scannerBytes(f))
	f.Add(append([]byte("\uFEFF"), scannerBytes(f)...))
	small := scannerDoc(f)
	set(small, "observations", path(small, "results", 0, "observations").([]any)[:1], "results", 0)
	set(small, "findings", path(small, "results", 0, "findings").([]any)[:1], "results", 0)
	set(small, "related-observations", []any{map[string]any{"observation-uuid": scanServers}}, "results", 0, "findings", 0)
	f.Add(marshalDoc(f, small))
	for _, s := range []string{"", "{}", "[]", "null", `{"assessment-results": null}`, `{"catalog": {}}`, `{"assessment-results": {"results": [{"observations": [{}]}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := &OSCALImportOptions{Prefix: "P-"}
		items, err := ReadOSCALAssessmentResults(bytes.NewReader(data), opts)
		again, err2 := ReadOSCALAssessmentResults(bytes.NewReader(data), opts)
		if diff := cmp.Diff(items, again); diff != "" || (err == nil) != (err2 == nil) {
			t.Fatalf("reading twice differs (%v, %v): mismatch (-first +second):\n%s", err, err2, diff)
		}
		if err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("refused without listing a problem: %v", err)
			}
			if items != nil {
				t.Fatal("refused but returned items")
			}
			return
		}
		if len(items) == 0 {
			t.Fatal("accepted without an item")
		}
		for i, e := range items {
			switch {
			case !strings.HasPrefix(string(e.ID), "P-") || len(e.ID) == len("P-"):
				t.Fatalf("item %d: id %q", i, e.ID)
			case e.Source != audit.SourceTechnicalVerification, len(e.Supports) == 0, e.Description == "", e.CollectedBy == "", e.CollectedAt.IsZero():
				t.Fatalf("item %d incomplete: %+v", i, e)
			case e.Digest != "" && !isHexDigest(e.Digest):
				t.Fatalf("item %d: digest %q", i, e.Digest)
			case e.Origin == nil || e.Origin.Item == "" || e.Origin.Document == "" || e.Origin.Tool != e.CollectedBy:
				t.Fatalf("item %d: origin %+v", i, e.Origin)
			case e.State != "" || e.History != nil:
				t.Fatalf("item %d: state set", i)
			}
		}
		data, err = json.Marshal(items)
		if err != nil {
			t.Fatal(err)
		}
		var back []audit.Evidence
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(items, back); diff != "" {
			t.Fatalf("JSON round trip: mismatch (-want +got):\n%s", diff)
		}
	})
}

// FuzzParseOSCALControlID: a token read back is written as a token that
// reads the same criterion.
func FuzzParseOSCALControlID(f *testing.F) {
	for _, s := range []string{"a.8.8", "A.5.1_smt", "clause-9.2.2", "document-POL_207", "document-_C3_A9", "document-_5F", "a.9.9", "clause-", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := ParseOSCALControlID(s)
		if err != nil {
			if !errors.Is(err, ismsaudit.ErrInvalid) && !errors.Is(err, ismsaudit.ErrNotFound) {
				t.Fatalf("%q: error without a sentinel: %v", s, err)
			}
			return
		}
		back, err := ParseOSCALControlID(OSCALControlID(ref))
		if err != nil || back != ref {
			t.Fatalf("%q read as %v, written as %q, read back as %v (%v)", s, ref, OSCALControlID(ref), back, err)
		}
	})
}
