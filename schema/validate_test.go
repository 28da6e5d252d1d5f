package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
	"github.com/ismsaudit/ismsaudit/schema"
)

// compile compiles the embedded schema of every kind with the independent
// validator, asserting formats (date-time) as well.
func compile(t *testing.T) map[ismsaudit.DocumentKind]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	out := map[ismsaudit.DocumentKind]*jsonschema.Schema{}
	for k := range schema.Kinds() {
		b, err := schema.For(k)
		require.NoError(t, err)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, c.AddResource(schema.ID(k), doc))
		sch, err := c.Compile(schema.ID(k))
		require.NoError(t, err, "%s", k)
		out[k] = sch
	}
	return out
}

// check validates data against the schema of kind k.
func check(schemas map[ismsaudit.DocumentKind]*jsonschema.Schema, k ismsaudit.DocumentKind, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return schemas[k].Validate(inst)
}

func TestForAndKinds(t *testing.T) {
	require.Equal(t, slices.Collect(ismsaudit.DocumentKinds()), slices.Collect(schema.Kinds()), "every document kind has a schema")
	for k := range schema.Kinds() {
		b, err := schema.For(k)
		require.NoError(t, err)
		var doc struct {
			Schema     string   `json:"$schema"`
			ID         string   `json:"$id"`
			Required   []string `json:"required"`
			Properties map[string]struct {
				Const any `json:"const"`
			} `json:"properties"`
		}
		require.NoError(t, json.Unmarshal(b, &doc))
		require.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc.Schema)
		require.Equal(t, schema.ID(k), doc.ID)
		require.Equal(t, []string{ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion}, doc.Required[:2], "%s: the envelope is required first", k)
		require.Equal(t, string(k), doc.Properties[ismsaudit.MemberDocumentKind].Const)
		require.Equal(t, float64(k.FormatVersion()), doc.Properties[ismsaudit.MemberFormatVersion].Const)
		// The caller owns the bytes.
		b[0] = 'x'
		again, err := schema.For(k)
		require.NoError(t, err)
		require.Equal(t, byte('{'), again[0])
	}
	_, err := schema.For("bogus")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "bogus", pe.Input)
	_, err = schema.For("")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

// TestCorpus validates every record of the compatibility corpus of the
// current format version against its kind's schema.
func TestCorpus(t *testing.T) {
	schemas := compile(t)
	n := 0
	for k := range ismsaudit.DocumentKinds() {
		files, err := filepath.Glob(filepath.Join("..", "testdata", "corpus", string(k), fmt.Sprintf("v%d", k.FormatVersion()), "*.json"))
		require.NoError(t, err)
		for _, f := range files {
			n++
			t.Run(string(k)+"/"+filepath.Base(f), func(t *testing.T) {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				require.NoError(t, check(schemas, k, data))
			})
		}
	}
	if n == 0 {
		t.Skip("no compatibility corpus in ../testdata/corpus")
	}
}

// sample is one document the library wrote.
type sample struct {
	name string
	kind ismsaudit.DocumentKind
	data []byte
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// samples returns documents of every kind as the library writes them.
func samples(t *testing.T) []sample {
	t.Helper()
	var out []sample
	add := func(name string, k ismsaudit.DocumentKind, data []byte) {
		out = append(out, sample{name, k, data})
	}

	// Audits in every state, a certification audit, a sealed and signed
	// record and a recipient's copy.
	for st := range audit.States() {
		a := audittest.NewBuilder(t, &audittest.Options{Through: st, Findings: &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}}).Build()
		add("audit/"+string(st), ismsaudit.KindAudit, marshal(t, a))
		if a.Checklist != nil {
			add("checklist/"+string(st), ismsaudit.KindChecklist, marshal(t, a.Checklist))
		}
	}
	cert := audittest.NewBuilder(t, &audittest.Options{ID: "CB-1", Kind: annexa.Stage2}).Build()
	add("audit/stage-2", ismsaudit.KindAudit, marshal(t, cert))
	b := audittest.NewBuilder(t, nil)
	sealed := b.Build()
	require.NoError(t, sealed.SealRecord(b.Meta()))
	add("audit/sealed", ismsaudit.KindAudit, marshal(t, sealed))
	cp, err := sealed.RecipientCopy(audit.ConfidentialityPublic)
	require.NoError(t, err)
	add("audit/copy", ismsaudit.KindAudit, marshal(t, cp))
	cp, err = sealed.RecipientCopy(audit.ConfidentialityInternal)
	require.NoError(t, err)
	add("audit/copy-internal", ismsaudit.KindAudit, marshal(t, cp))

	// Audit reports, through the JSON renderer.
	for name, a := range map[string]*audit.Audit{"internal": sealed, "stage-2": cert} {
		r, err := report.BuildAuditReport(a, nil)
		require.NoError(t, err, name)
		var buf bytes.Buffer
		require.NoError(t, report.WriteAuditReport(&buf, r, report.JSON), name)
		add("audit-report/"+name, ismsaudit.KindAuditReport, buf.Bytes())
	}

	// A SoA and auditors.
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	require.NoError(t, err)
	require.NoError(t, soa.Exclude("7.12", "No server rooms of our own."))
	add("soa/new", ismsaudit.KindSoA, marshal(t, soa))
	add("auditor/auditor", ismsaudit.KindAuditor, marshal(t, competencetest.Auditor(t, "ann", competencetest.Profile{})))
	add("auditor/leader", ismsaudit.KindAuditor, marshal(t, competencetest.TeamLeader(t, "lee", competencetest.Profile{})))
	// Expert builds a record as a literal, without the envelope: format
	// version 0, which a host migrates before checking it.
	expert, err := ismsaudit.Migrate(ismsaudit.KindAuditor, marshal(t, competencetest.Expert("exp", competencetest.Profile{})))
	require.NoError(t, err)
	add("auditor/expert", ismsaudit.KindAuditor, expert)
	lead := competencetest.TeamLeader(t, "lee", competencetest.Profile{})
	scheme := competence.DefaultScheme()
	set, ok := scheme.Set(competence.ISMSTeamLeaderSet)
	require.True(t, ok)
	lead.Evaluations = append(lead.Evaluations, competencetest.Evaluation(t, &lead, set, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)))
	add("auditor/evaluated", ismsaudit.KindAuditor, marshal(t, lead))

	// Pools: records with their envelope and without, the default scheme
	// and a host's.
	people := []competence.Auditor{
		competencetest.Auditor(t, "ann", competencetest.Profile{}),
		competencetest.TeamLeader(t, "lee", competencetest.Profile{}),
		competencetest.Expert("exp", competencetest.Profile{}),
	}
	pool := competencetest.Pool(t, nil, people...)
	add("pool/default-scheme", ismsaudit.KindPool, marshal(t, pool.Document()))
	host := competence.Scheme{Sets: []competence.CriteriaSet{competence.InternalISMSAuditor()}}
	pool = competencetest.Pool(t, &host, competencetest.Auditor(t, "ann", competencetest.Profile{Scheme: &host, Set: competence.InternalISMSAuditorSet}))
	add("pool/host-scheme", ismsaudit.KindPool, marshal(t, pool.Document()))
	empty, err := competence.NewPool(nil, nil)
	require.NoError(t, err)
	add("pool/empty", ismsaudit.KindPool, marshal(t, empty.Document()))

	// A programme and its report.
	p := exampleProgramme(t, soa)
	add("programme/implementing", ismsaudit.KindProgramme, marshal(t, p))
	pr, err := report.BuildProgrammeReport(p, []*audit.Audit{sealed}, &report.ProgrammeReportOptions{AsOf: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC), SoA: soa})
	require.NoError(t, err)
	add("programme-report/built", ismsaudit.KindProgrammeReport, marshal(t, pr))

	// The library's own golden files and the example records.
	for _, f := range []struct {
		path string
		kind ismsaudit.DocumentKind
	}{
		{"../annexa/testdata/soa.json", ismsaudit.KindSoA},
		{"../report/testdata/checklist.json", ismsaudit.KindChecklist},
		{"../report/testdata/audit-internal.json", ismsaudit.KindAuditReport},
		{"../report/testdata/audit-certification.json", ismsaudit.KindAuditReport},
		{"../report/testdata/programme.json", ismsaudit.KindProgrammeReport},
		{"../examples/ismsaudit/testdata/internal-audit.json", ismsaudit.KindAudit},
		{"../examples/ismsaudit/testdata/internal-audit-copy-jordan-blake.json", ismsaudit.KindAudit},
	} {
		data, err := os.ReadFile(f.path)
		require.NoError(t, err)
		// A stored record of an older format version is migrated first.
		data, err = ismsaudit.Migrate(f.kind, data)
		require.NoError(t, err, f.path)
		add(f.path, f.kind, data)
	}
	return out
}

// TestLibraryOutput validates what the library writes against the
// schemas: records of every kind built through its operations, its
// renderers' JSON and the committed example records.
func TestLibraryOutput(t *testing.T) {
	schemas := compile(t)
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			require.NoError(t, check(schemas, s.kind, s.data))
		})
	}
}

// find reports whether err holds a leaf error of kind K at the instance
// location loc ("" for the root, "/state" for a member).
func find[K any](err error, loc string) bool {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return false
	}
	var walk func(*jsonschema.ValidationError) bool
	walk = func(e *jsonschema.ValidationError) bool {
		if _, ok := e.ErrorKind.(K); ok {
			at := ""
			for _, p := range e.InstanceLocation {
				at += "/" + p
			}
			if at == loc {
				return true
			}
		}
		return slices.ContainsFunc(e.Causes, walk)
	}
	return walk(ve)
}

// TestRefused shows that the schemas refuse what the decoders refuse: a
// missing required member, an unknown enumeration token, another kind or
// version, an unknown member, a malformed digest or time.
func TestRefused(t *testing.T) {
	schemas := compile(t)
	a := audittest.NewBuilder(t, nil).Build()
	valid := marshal(t, a)
	require.NoError(t, check(schemas, ismsaudit.KindAudit, valid))
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(valid, &m))
		f(m)
		return marshal(t, m)
	}
	evidence := func(m map[string]any) map[string]any { return m["evidence"].([]any)[0].(map[string]any) }
	for _, tc := range []struct {
		name  string
		data  []byte
		found func(error) bool
	}{
		{"missing id", edit(func(m map[string]any) { delete(m, "id") }), func(err error) bool { return find[*kind.Required](err, "") }},
		{"missing envelope", edit(func(m map[string]any) { delete(m, ismsaudit.MemberDocumentKind) }), func(err error) bool { return find[*kind.Required](err, "") }},
		{"missing evidence source", edit(func(m map[string]any) { delete(evidence(m), "source") }), func(err error) bool { return find[*kind.Required](err, "/evidence/0") }},
		{"unknown state", edit(func(m map[string]any) { m["state"] = "archived" }), func(err error) bool { return find[*kind.Enum](err, "/state") }},
		{"unknown kind of audit", edit(func(m map[string]any) { m["kind"] = "fourth-party" }), func(err error) bool { return find[*kind.Enum](err, "/kind") }},
		{"unset state", edit(func(m map[string]any) { m["state"] = "" }), func(err error) bool { return find[*kind.Enum](err, "/state") }},
		{"unknown confidentiality", edit(func(m map[string]any) { evidence(m)["confidentiality"] = "top-secret" }), func(err error) bool { return find[*kind.Enum](err, "/evidence/0/confidentiality") }},
		{"another kind", edit(func(m map[string]any) { m[ismsaudit.MemberDocumentKind] = "programme" }), func(err error) bool { return find[*kind.Const](err, "/documentKind") }},
		{"newer version", edit(func(m map[string]any) { m[ismsaudit.MemberFormatVersion] = 2 }), func(err error) bool { return find[*kind.Const](err, "/formatVersion") }},
		{"unknown member", edit(func(m map[string]any) { m["colour"] = "red" }), func(err error) bool { return find[*kind.AdditionalProperties](err, "") }},
		{"malformed digest", edit(func(m map[string]any) { evidence(m)["digest"] = "ABC" }), func(err error) bool { return find[*kind.Pattern](err, "/evidence/0/digest") }},
		{"malformed time", edit(func(m map[string]any) { m["createdAt"] = "yesterday" }), func(err error) bool { return find[*kind.Format](err, "/createdAt") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := check(schemas, ismsaudit.KindAudit, tc.data)
			require.Error(t, err)
			require.True(t, tc.found(err), "%v", err)
		})
	}

	// A pool: what DecodePool refuses of the document and of its records.
	pool := competencetest.Pool(t, nil, competencetest.Auditor(t, "ann", competencetest.Profile{}), competencetest.Expert("exp", competencetest.Profile{}))
	validPool := marshal(t, pool.Document())
	require.NoError(t, check(schemas, ismsaudit.KindPool, validPool))
	editPool := func(f func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(validPool, &m))
		f(m)
		return marshal(t, m)
	}
	record := func(m map[string]any, i int) map[string]any { return m["auditors"].([]any)[i].(map[string]any) }
	for _, tc := range []struct {
		name  string
		data  []byte
		found func(error) bool
	}{
		{"missing auditors", editPool(func(m map[string]any) { delete(m, "auditors") }), func(err error) bool { return find[*kind.Required](err, "") }},
		{"null auditors", editPool(func(m map[string]any) { m["auditors"] = nil }), func(err error) bool { return find[*kind.Type](err, "/auditors") }},
		{"missing record name", editPool(func(m map[string]any) { delete(record(m, 0), "name") }), func(err error) bool { return find[*kind.Required](err, "/auditors/0") }},
		{"unknown level", editPool(func(m map[string]any) {
			record(m, 0)["skills"].([]any)[0].(map[string]any)["level"] = "guru"
		}), func(err error) bool { return find[*kind.Enum](err, "/auditors/0/skills/0/level") }},
		{"another kind", editPool(func(m map[string]any) { m[ismsaudit.MemberDocumentKind] = "auditor" }), func(err error) bool { return find[*kind.Const](err, "/documentKind") }},
		{"newer version", editPool(func(m map[string]any) { m[ismsaudit.MemberFormatVersion] = 2 }), func(err error) bool { return find[*kind.Const](err, "/formatVersion") }},
		{"unknown member", editPool(func(m map[string]any) { m["colour"] = "red" }), func(err error) bool { return find[*kind.AdditionalProperties](err, "") }},
		{"record of another kind", editPool(func(m map[string]any) { record(m, 0)[ismsaudit.MemberDocumentKind] = "soa" }), func(err error) bool { return find[*kind.Const](err, "/auditors/0/documentKind") }},
		{"record of a newer version", editPool(func(m map[string]any) { record(m, 0)[ismsaudit.MemberFormatVersion] = 2 }), func(err error) bool { return find[*kind.Maximum](err, "/auditors/0/formatVersion") }},
		{"record with a kind only", editPool(func(m map[string]any) { record(m, 1)[ismsaudit.MemberDocumentKind] = "auditor" }), func(err error) bool { return find[*kind.DependentRequired](err, "/auditors/1") }},
	} {
		t.Run("pool/"+tc.name, func(t *testing.T) {
			_, derr := competence.DecodePool(tc.data)
			require.ErrorIs(t, derr, ismsaudit.ErrInvalid, "the decoder refuses it too")
			err := check(schemas, ismsaudit.KindPool, tc.data)
			require.Error(t, err)
			require.True(t, tc.found(err), "%v", err)
		})
	}

	// A control id outside Annex A, in a SoA.
	soa, err := os.ReadFile("../annexa/testdata/soa.json")
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(soa, &m))
	m["decisions"].([]any)[0].(map[string]any)["control"] = "5.38"
	err = check(schemas, ismsaudit.KindSoA, marshal(t, m))
	require.Error(t, err)
	require.True(t, find[*kind.Enum](err, "/decisions/0/control"), "%v", err)

	// A reference to a clause 27001 does not have, in a checklist.
	cl, err := os.ReadFile("../report/testdata/checklist.json")
	require.NoError(t, err)
	m = nil
	require.NoError(t, json.Unmarshal(cl, &m))
	ref := m["items"].([]any)[0].(map[string]any)["ref"].(map[string]any)
	require.Equal(t, string(annexa.ClauseRef), ref["kind"])
	ref["id"] = "11.1"
	err = check(schemas, ismsaudit.KindChecklist, marshal(t, m))
	require.Error(t, err)
	require.True(t, find[*kind.Enum](err, "/items/0/ref/id"), "%v", err)
}

// exampleProgramme is a programme of two internal audits in 2026, taken
// by the programme's operations from New to implementation, as in the
// report package's example.
func exampleProgramme(t *testing.T, soa *annexa.SoA) *programme.Programme {
	t.Helper()
	year := programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	on := func(month time.Month, day int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2025, month, day, 9, 0, 0, 0, time.UTC), By: "maria"}
	}
	roles := slices.Collect(programme.ManagerRoles())
	p, err := programme.New(programme.NewOptions{
		ID: "AP-2026",
		Objectives: []programme.Objective{{ID: "cover", Statement: "Audit the whole ISMS in 2026.",
			Target: programme.Target{Metric: "requirements and applicable controls audited", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: year.Latest}}},
		Managers: []programme.Manager{{Person: "maria", Name: "Maria Rossi", Roles: roles}},
		Extent: programme.Extent{Start: year.Earliest, End: year.Latest, Audits: 2, Kinds: []annexa.AuditKind{annexa.Internal},
			Locations: []string{"head office"}, Frequency: "every requirement and control once a year", AuditDays: 4,
			Drivers: programme.Drivers{SizeAndComplexity: "60 persons, one site", RiskAssessment: "highest risks in access control",
				PreviousResults: "none: first programme"}},
		Resources: programme.Resources{AuditorDays: 6},
		Records:   programme.RecordsPolicy{RetentionMonths: 36, Confidentiality: "auditors only", Access: []string{"internal auditors"}},
	}, on(time.November, 3))
	require.NoError(t, err)
	for c := range programme.RiskCategories() {
		id := programme.RiskID("risk-" + string(c))
		require.NoError(t, p.AddRisk(programme.Risk{ID: id, Kind: programme.KindRisk, Category: c, Description: "a " + string(c) + " problem", Owner: "maria"}, on(time.November, 10)))
		require.NoError(t, p.AssessRisk(id, programme.Assessment{Likelihood: 1, Impact: 2}, on(time.November, 10)))
	}
	require.NoError(t, p.Fire(programme.EventApprove, on(time.December, 1)))
	require.NoError(t, p.Fire(programme.EventImplement, on(time.December, 15)))
	schedule, err := programme.PlanInternal(soa, programme.InternalPlanOptions{ID: "IA-2026", Auditee: "Example Ltd", Period: year, Audits: 2})
	require.NoError(t, err)
	require.NoError(t, p.ScheduleAudits(schedule...))
	return p
}
