package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

func TestAssessmentPlanGolden(t *testing.T) {
	shape := loadOSCALShape(t)
	for name, build := range map[string]func(testing.TB) *audit.Audit{"internal": internalAudit, "certification": certificationAudit} {
		t.Run(name, func(t *testing.T) {
			out := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, build(t)) })
			again := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, build(t)) })
			assert.Equal(t, string(out), string(again), "the same record gives the same bytes")
			counts := checkOSCALShape(t, shape, out)
			a := build(t)
			v := a.Plan.Versions[len(a.Plan.Versions)-1]
			assert.Equal(t, len(v.Content.Schedule), counts["activity"], "an activity per timetable line")
			assert.Equal(t, len(v.Content.Schedule)+1, counts["task"], "a task per timetable line and one for the audit")
			golden(t, "oscal-assessment-plan-"+name+".json", indentJSON(t, out))
		})
	}
}

// TestAssessmentResultsImportPlan checks that the assessment results of
// an audit import the assessment plan written from the same audit.
func TestAssessmentResultsImportPlan(t *testing.T) {
	a := internalAudit(t)
	var plan struct {
		AssessmentPlan struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				Parties []struct {
					UUID string `json:"uuid"`
				} `json:"parties"`
			} `json:"metadata"`
		} `json:"assessment-plan"`
	}
	require.NoError(t, json.Unmarshal(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) }), &plan))
	ar := decodeAssessmentResults(t, internalReport(t))
	res := ar.BackMatter.Resources[0]
	require.Equal(t, "#"+res.UUID, ar.ImportAP.Href, "import-ap names the back-matter resource")
	want := oscalResource{
		DocumentIDs: []oscalDocumentID{{Scheme: oscalUUIDScheme, Identifier: plan.AssessmentPlan.UUID}},
		RLinks:      []oscalRLink{{Href: "urn:uuid:" + plan.AssessmentPlan.UUID, MediaType: "application/oscal.ap+json"}},
	}
	got := oscalResource{DocumentIDs: res.DocumentIDs, RLinks: res.RLinks}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the resource names the plan: mismatch (-want +got):\n%s", diff)
	}
	var planParties, arParties []string
	for _, p := range plan.AssessmentPlan.Metadata.Parties {
		planParties = append(planParties, p.UUID)
	}
	for _, p := range ar.Metadata.Parties {
		arParties = append(arParties, p.UUID)
	}
	assert.Subset(t, arParties, planParties, "the plan's parties are the results' parties")
}

func TestAssessmentPlanRefusesUnapprovedPlans(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(a *audit.Audit)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"no plan", func(a *audit.Audit) { a.Plan = nil }, "Plan", RuleAssessmentPlanApproved},
		{"draft", func(a *audit.Audit) { a.Plan.State = audit.PlanDraft }, "Plan.State", RuleAssessmentPlanApproved},
		{"no approved version", func(a *audit.Audit) { a.Plan.Versions = nil }, "Plan.Versions", RuleAssessmentPlanApproved},
		{"no id", func(a *audit.Audit) { a.ID = "\uFEFF " }, "ID", ismsaudit.RuleRequired},
		{"approval outside OSCAL's years", func(a *audit.Audit) {
			a.Plan.Versions[0].ApprovedAt = time.Date(1850, time.January, 1, 0, 0, 0, 0, time.UTC)
		}, "Plan.Versions[0].ApprovedAt", ismsaudit.RuleRange},
		{"activity outside OSCAL's years", func(a *audit.Audit) {
			a.Plan.Versions[0].Content.Schedule[1].End = time.Date(3001, time.January, 1, 0, 0, 0, 0, time.UTC)
		}, "Plan.Versions[0].Content.Schedule[1].End", ismsaudit.RuleRange},
		{"no criteria", func(a *audit.Audit) { a.Plan.Versions[0].Content.Criteria = nil }, "Plan.Versions[0].Content.Criteria", ismsaudit.RuleRequired},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := internalAudit(t)
			tt.change(a)
			var buf bytes.Buffer
			err := AssessmentPlan(&buf, a)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Fields, 1)
			assert.Equal(t, tt.path, ve.Fields[0].Path)
			assert.Equal(t, tt.rule, ve.Fields[0].Rule)
			assert.Zero(t, buf.Len(), "nothing is written")
		})
	}
	t.Run("nil audit", func(t *testing.T) {
		require.ErrorIs(t, AssessmentPlan(&bytes.Buffer{}, nil), ismsaudit.ErrInvalid)
	})
	_, ok := LookupRule(RuleAssessmentPlanApproved)
	assert.True(t, ok, "the rule is in the catalogue")
}

// TestAssessmentPlanCommunicated: a communicated plan was approved, and
// its latest approved version is the one written.
func TestAssessmentPlanCommunicated(t *testing.T) {
	a := internalAudit(t)
	a.Plan.State = audit.PlanCommunicated
	second := a.Plan.Versions[0]
	second.Version = 2
	second.ApprovedAt = second.ApprovedAt.Add(24 * time.Hour)
	second.Content.Objectives = []string{"A revised objective."}
	a.Plan.Versions = append(a.Plan.Versions, second)
	var doc oscalAPDocument
	require.NoError(t, json.Unmarshal(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) }), &doc))
	md := doc.AssessmentPlan.Metadata
	assert.Equal(t, "2", md.Version)
	assert.Equal(t, oscalTime(second.ApprovedAt), md.LastModified)
	assert.Equal(t, "- A revised objective.", doc.AssessmentPlan.TermsAndConditions.Parts[0].Prose)
}

// TestAssessmentPlanLeavesOutWhatThePlanLacks: the plan's local
// definitions, assessment subjects and terms hold only what the approved
// plan gives: no empty component, location or activity lists, no empty
// parts.
func TestAssessmentPlanLeavesOutWhatThePlanLacks(t *testing.T) {
	from := time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name       string
		edit       func(c *audit.PlanContent)
		components int
		activities int
		subjects   []string
		parts      []string
		scope      string // the scope part's prose, when there is one
	}{
		{"the whole plan", func(*audit.PlanContent) {}, 7, 5,
			[]string{"party", "component", "location"},
			[]string{"objectives", "scope", "methods", "sampling-approach", "assignments", "audit-risks"}, ""},
		{"objectives and criteria only", func(c *audit.PlanContent) {
			c.Scope, c.Locations, c.Schedule, c.Methods, c.SamplingApproach, c.Assignments, c.Risks = audit.Scope{}, nil, nil, nil, "", nil, nil
		}, 0, 0, []string{"party"}, []string{"objectives"}, ""},
		{"a timetable, no units or processes", func(c *audit.PlanContent) {
			c.Scope, c.Locations = audit.Scope{}, nil
		}, 0, 5, []string{"party", "location"}, []string{"objectives", "methods", "sampling-approach", "assignments", "audit-risks"}, ""},
		{"units, no timetable", func(c *audit.PlanContent) {
			c.Scope, c.Locations, c.Schedule = audit.Scope{Units: []string{"Engineering"}}, nil, nil
		}, 1, 0, []string{"party", "component"}, []string{"objectives", "scope", "methods", "sampling-approach", "assignments", "audit-risks"}, "- Units: Engineering"},
		{"a period from a day on", func(c *audit.PlanContent) {
			c.Scope = audit.Scope{From: from}
		}, 0, 5, []string{"party", "location"}, []string{"objectives", "scope", "methods", "sampling-approach", "assignments", "audit-risks"}, "- Period: 2025-03-01T00:00:00Z to"},
		{"a period up to a day", func(c *audit.PlanContent) {
			c.Scope = audit.Scope{To: from}
		}, 0, 5, []string{"party", "location"}, []string{"objectives", "scope", "methods", "sampling-approach", "assignments", "audit-risks"}, "- Period: to 2025-03-01T00:00:00Z"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := internalAudit(t)
			tt.edit(&a.Plan.Versions[len(a.Plan.Versions)-1].Content)
			var doc oscalAPDocument
			require.NoError(t, json.Unmarshal(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) }), &doc))
			ap := doc.AssessmentPlan
			if tt.components+tt.activities == 0 {
				assert.Nil(t, ap.LocalDefinitions, "no local definitions")
			} else if assert.NotNil(t, ap.LocalDefinitions) {
				assert.Len(t, ap.LocalDefinitions.Components, tt.components)
				assert.Len(t, ap.LocalDefinitions.Activities, tt.activities)
			}
			var subjects, parts []string
			for _, s := range ap.AssessmentSubjects {
				subjects = append(subjects, s.Type)
				assert.NotEmpty(t, s.IncludeSubjects, "subject %s names what it includes", s.Type)
			}
			for _, p := range ap.TermsAndConditions.Parts {
				parts = append(parts, p.Name)
				assert.NotEmpty(t, p.Prose, "part %s", p.Name)
				if p.Name == "scope" && tt.scope != "" {
					assert.Equal(t, tt.scope, p.Prose)
				}
			}
			assert.Equal(t, tt.subjects, subjects)
			assert.Equal(t, tt.parts, parts)
		})
	}
}

// TestAssessmentPlanResponsibleRoles: an activity's auditors are grouped
// by their role in the team, each party once, roles in order of first
// appearance; ids not in the team are left out.
func TestAssessmentPlanResponsibleRoles(t *testing.T) {
	a := internalAudit(t)
	c := &a.Plan.Versions[len(a.Plan.Versions)-1].Content
	c.Schedule[0].Auditors = []competence.AuditorID{"AUD-002", "AUD-404", "AUD-002", "AUD-001", "AUD-007"}
	var doc oscalAPDocument
	require.NoError(t, json.Unmarshal(exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) }), &doc))
	party := map[string]string{}
	for _, p := range doc.AssessmentPlan.Metadata.Parties {
		party[p.UUID] = p.Name
	}
	var got []string
	for _, r := range doc.AssessmentPlan.LocalDefinitions.Activities[0].ResponsibleRoles {
		names := []string{}
		for _, u := range r.PartyUUIDs {
			names = append(names, party[u])
		}
		got = append(got, r.RoleID+": "+strings.Join(names, ", "))
	}
	assert.Equal(t, []string{"auditor: Ben Osei", "team-leader: Aisha Khan", "technical-expert: Chloe Martin"}, got)
}

// TestOSCALWritersTrimByteOrderMarks: names that start or end with a
// byte-order mark (U+FEFF), as text from spreadsheets often does, are
// trimmed in every OSCAL document, as ECMAScript's \s (and so the OSCAL
// schemas under ajv) count it as white space.
func TestOSCALWritersTrimByteOrderMarks(t *testing.T) {
	shape := loadOSCALShape(t)
	const bom = "\uFEFF"
	a := internalAudit(t)
	a.Auditee = bom + a.Auditee + bom
	a.Client = bom + a.Client
	for i := range a.Team {
		a.Team[i].Name = bom + a.Team[i].Name + bom
		a.Team[i].Organization = a.Team[i].Organization + bom
	}
	c := &a.Plan.Versions[0].Content
	c.Scope.Units[0] = bom + c.Scope.Units[0] + bom
	c.Schedule[0].Location = bom + c.Schedule[0].Location
	c.Schedule[0].Title = c.Schedule[0].Title + bom
	plan := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) })
	checkOSCALShape(t, shape, plan)
	r := internalReport(t)
	r.Auditee = bom + r.Auditee + bom
	for i := range r.Team {
		r.Team[i].Name = bom + r.Team[i].Name + bom
	}
	for _, out := range [][]byte{
		plan,
		exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) }),
		exportOSCAL(t, func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, r) }),
	} {
		checkOSCALShape(t, shape, out)
		assert.NotContains(t, string(out), `"`+bom, "no value starts with a byte-order mark")
		assert.NotContains(t, string(out), bom+`"`, "no value ends with a byte-order mark")
	}
}

func FuzzAssessmentPlan(f *testing.F) {
	f.Add("Opening meeting", "London office", "Northwind Analytics Ltd", "Engineering", "AUD-001")
	f.Add("\uFEFF", " \uFEFFLeeds\u2028", "\uFEFFA\uFEFF", "\t", "\x00")
	shape := loadOSCALShape(f)
	f.Fuzz(func(t *testing.T, title, location, auditee, unit, auditor string) {
		a := internalAudit(t)
		a.Auditee = auditee
		c := &a.Plan.Versions[0].Content
		c.Schedule[0].Title, c.Schedule[0].Location = title, location
		c.Scope.Units = []string{unit}
		c.Schedule[1].Auditors = append(c.Schedule[1].Auditors, competence.AuditorID(auditor))
		var buf bytes.Buffer
		if err := AssessmentPlan(&buf, a); err != nil {
			t.Fatal(err)
		}
		checkOSCALShape(t, shape, buf.Bytes())
	})
}
