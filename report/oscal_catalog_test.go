package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

func TestOSCALCatalog(t *testing.T) {
	out := exportOSCAL(t, func(w *bytes.Buffer) error { return OSCALCatalog(w) })
	again := exportOSCAL(t, func(w *bytes.Buffer) error { return OSCALCatalog(w) })
	assert.Equal(t, string(out), string(again), "every run writes the same bytes")
	counts := checkOSCALShape(t, loadOSCALShape(t), out)
	assert.Equal(t, annexa.ClauseCount+annexa.ControlCount, counts["control"], "a control per clause and per Annex A control")
	golden(t, "oscal-catalog.json", indentJSON(t, out))

	var doc oscalCatalogDocument
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc))
	ids := map[string]bool{}
	var walk func([]oscalControl)
	walk = func(cs []oscalControl) {
		for _, c := range cs {
			assert.False(t, ids[c.ID], "control id %s is unique", c.ID)
			ids[c.ID] = true
			walk(c.Controls)
		}
	}
	for _, g := range doc.Catalog.Groups {
		walk(g.Controls)
		for _, sub := range g.Groups {
			walk(sub.Controls)
		}
	}
	// Every criterion an assessment plan or results can review resolves
	// against the catalog.
	for c := range annexa.Controls() {
		assert.True(t, ids[OSCALControlID(annexa.RefToControl(c.ID()))], c.ID())
	}
	for c := range annexa.Clauses() {
		assert.True(t, ids[OSCALControlID(annexa.RefToClause(c.ID()))], c.ID())
	}

	want := oscalControl{ID: "a.5.23", Class: "annex-a-control", Title: annexa.MustControl("5.23").Title(), Props: []oscalProp{
		{Name: "label", Value: "A.5.23"},
		{Name: "theme", NS: OSCALPropNamespace, Value: "organizational"},
	}}
	for _, a := range annexa.MustControl("5.23").Attributes() {
		want.Props = append(want.Props, oscalProp{Name: string(a.Kind()), NS: OSCALPropNamespace, Value: string(a)})
	}
	want.Props = append(want.Props, oscalProp{Name: "new-in-2022", NS: OSCALPropNamespace, Value: "true"})
	var got oscalControl
	for _, c := range doc.Catalog.Groups[1].Groups[0].Controls {
		if c.ID == "a.5.23" {
			got = c
		}
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(oscalProp{})); diff != "" {
		t.Errorf("a.5.23 mismatch (-want +got):\n%s", diff)
	}
}

func TestOSCALProfile(t *testing.T) {
	shape := loadOSCALShape(t)
	soa := profileSoA(t)
	out := exportOSCAL(t, func(w *bytes.Buffer) error { return OSCALProfile(w, soa, asOf) })
	again := exportOSCAL(t, func(w *bytes.Buffer) error { return OSCALProfile(w, soa, asOf) })
	assert.Equal(t, string(out), string(again), "the same SoA and time give the same bytes")
	checkOSCALShape(t, shape, out)
	golden(t, "oscal-profile.json", indentJSON(t, out))

	var doc oscalProfileDocument
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc))
	p := doc.Profile
	require.Len(t, p.Imports, 1)
	imp := p.Imports[0]
	require.Len(t, imp.IncludeControls, 2)
	assert.Equal(t, "yes", imp.IncludeControls[0].WithChildControls)
	assert.Len(t, imp.IncludeControls[0].WithIDs, 7, "clauses 4 to 10 with their subclauses")
	assert.Len(t, imp.IncludeControls[1].WithIDs, annexa.ControlCount-2)
	if diff := cmp.Diff([]oscalSelectControlID{{WithIDs: []string{"a.7.5", "a.8.30"}}}, imp.ExcludeControls); diff != "" {
		t.Errorf("exclusions mismatch (-want +got):\n%s", diff)
	}
	var excluded []oscalProp
	for _, pr := range p.Metadata.Props {
		if pr.Name == "excluded-control" {
			excluded = append(excluded, pr)
		}
	}
	wantExcluded := []oscalProp{
		{Name: "excluded-control", NS: OSCALPropNamespace, Value: "a.7.5", Remarks: "No premises of our own: the cloud provider's controls cover it"},
		{Name: "excluded-control", NS: OSCALPropNamespace, Value: "a.8.30", Remarks: "No development is outsourced"},
	}
	if diff := cmp.Diff(wantExcluded, excluded, cmp.AllowUnexported(oscalProp{})); diff != "" {
		t.Errorf("justified exclusions mismatch (-want +got):\n%s", diff)
	}
	require.NotNil(t, p.Modify)
	assert.Len(t, p.Modify.Alters, annexa.ControlCount-2, "an alteration per applicable control")
	assert.Equal(t, "#"+p.BackMatter.Resources[0].UUID, imp.Href)
	assert.Equal(t, oscalCatalogUUID, p.BackMatter.Resources[0].DocumentIDs[0].Identifier, "the profile imports the catalog")
}

// TestOSCALProfileAllOrNothing: a profile lists no exclusions when the
// SoA excludes nothing, and selects and alters no control when it
// excludes every one (the clauses are selected all the same).
func TestOSCALProfileAllOrNothing(t *testing.T) {
	decode := func(t *testing.T, soa *annexa.SoA) oscalProfile {
		var doc oscalProfileDocument
		dec := json.NewDecoder(bytes.NewReader(exportOSCAL(t, func(w *bytes.Buffer) error { return OSCALProfile(w, soa, asOf) })))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&doc))
		require.Len(t, doc.Profile.Imports, 1)
		return doc.Profile
	}
	t.Run("nothing excluded", func(t *testing.T) {
		soa, err := annexa.NewSoA("Northwind", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Risk treatment", Status: annexa.Implemented})
		require.NoError(t, err)
		p := decode(t, soa)
		assert.Nil(t, p.Imports[0].ExcludeControls)
		require.Len(t, p.Imports[0].IncludeControls, 2)
		assert.Len(t, p.Imports[0].IncludeControls[1].WithIDs, annexa.ControlCount)
		require.NotNil(t, p.Modify)
		assert.Len(t, p.Modify.Alters, annexa.ControlCount)
	})
	t.Run("everything excluded", func(t *testing.T) {
		soa, err := annexa.NewSoA("Northwind", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Risk treatment", Status: annexa.Implemented})
		require.NoError(t, err)
		for c := range annexa.Controls() {
			require.NoError(t, soa.Exclude(c.ID(), "Not relevant to this ISMS"))
		}
		p := decode(t, soa)
		require.Len(t, p.Imports[0].IncludeControls, 1, "the clauses only")
		assert.Equal(t, "yes", p.Imports[0].IncludeControls[0].WithChildControls)
		require.Len(t, p.Imports[0].ExcludeControls, 1)
		assert.Len(t, p.Imports[0].ExcludeControls[0].WithIDs, annexa.ControlCount)
		assert.Nil(t, p.Modify, "no control to alter")
	})
}

// profileSoA is an SoA that includes every control but two, with a
// byte-order mark around its organization's name as spreadsheets give it.
func profileSoA(t testing.TB) *annexa.SoA {
	t.Helper()
	soa, err := annexa.NewSoA("\uFEFFNorthwind Analytics Ltd\uFEFF", annexa.Inclusion{
		Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment}, Justification: "Selected by risk treatment plan RTP-2026", Status: annexa.Implemented,
	})
	require.NoError(t, err)
	soa.Version = "2026.2"
	require.NoError(t, soa.Exclude("8.30", "No development is outsourced"))
	require.NoError(t, soa.Exclude("7.5", "No premises of our own: the cloud provider's controls cover it"))
	return soa
}

func TestOSCALProfileRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		soa  func(t testing.TB) *annexa.SoA
		at   time.Time
		path string
		rule ismsaudit.RuleID
	}{
		{"no time", profileSoA, time.Time{}, "AsOf", ismsaudit.RuleRequired},
		{"time outside OSCAL's years", profileSoA, time.Date(3000, time.January, 1, 0, 0, 0, 0, time.UTC), "AsOf", ismsaudit.RuleRange},
		{"no SoA", func(testing.TB) *annexa.SoA { return nil }, asOf, "", ismsaudit.RuleRequired},
		{"invalid SoA", func(t testing.TB) *annexa.SoA {
			s := profileSoA(t)
			s.Decisions = s.Decisions[1:]
			return s
		}, asOf, "", annexa.RuleSoAComplete},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := OSCALProfile(&buf, tt.soa(t), tt.at)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Fields)
			assert.Equal(t, tt.rule, ve.Fields[0].Rule)
			if tt.path != "" {
				assert.Equal(t, tt.path, ve.Fields[0].Path)
			}
			assert.Zero(t, buf.Len(), "nothing is written")
		})
	}
}

// FuzzOSCALProfile writes the profile of an SoA decoded from any input:
// an SoA that decodes gives a profile of OSCAL's shape.
func FuzzOSCALProfile(f *testing.F) {
	var buf bytes.Buffer
	require.NoError(f, json.NewEncoder(&buf).Encode(profileSoA(f)))
	f.Add(buf.Bytes())
	f.Add([]byte(`{"organization":"\ufeff","decisions":[]}`))
	shape := loadOSCALShape(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		soa, err := annexa.DecodeSoA(data)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := OSCALProfile(&out, soa, asOf); err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		checkOSCALShape(t, shape, out.Bytes())
	})
}

// TestOSCALDocumentsOfOneAudit checks that the documents of one audit
// share their uuids where they name the same thing.
func TestOSCALDocumentsOfOneAudit(t *testing.T) {
	a := internalAudit(t)
	require.Equal(t, audit.PlanCommunicated, a.Plan.State)
	plan := exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentPlan(w, a) })
	assert.Contains(t, string(plan), OSCALUUID("audit", string(a.ID), "assessment-plan"))
	assert.Contains(t, string(plan), OSCALUUID("auditor", "AUD-001"))
	assert.Contains(t, string(plan), OSCALUUID("organization", a.Auditee))
}
