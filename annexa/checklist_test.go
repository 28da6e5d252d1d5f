package annexa

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func refs(c *Checklist) []string {
	out := make([]string, len(c.Items))
	for i, it := range c.Items {
		out[i] = it.Ref.String()
	}
	return out
}

func TestStage1WeighsDocumentedInformation(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Stage1})
	require.NoError(t, err)
	for _, it := range cl.Items[:14] {
		c := MustClause(it.Ref.ID)
		require.True(t, c.DocumentedInformation() != "")
		assert.Contains(t, it.Questions[0], c.DocumentedInformation())
		assert.Equal(t, []Method{MethodInterview, MethodDocumentReview}, it.Methods)
	}
	soaItem, ok := cl.Item(RefToDocument(SoADocument))
	require.True(t, ok)
	last := soaItem.Questions[len(soaItem.Questions)-1]
	assert.Contains(t, last, "A.7.12")
	assert.Contains(t, last, "A.8.30")
	excl, ok := cl.Item(RefToControl("8.30"))
	require.True(t, ok)
	assert.True(t, strings.HasPrefix(excl.Title, "Exclusion: "))
	assert.Contains(t, excl.Questions[0], "No outsourced development")
}

// TestStage1ReviewsExclusions checks the stage 1 review of the SoA's
// exclusions: the SoA item asks about them, counting and naming them, only
// when there are some, and each exclusion gets an item of its own.
func TestStage1ReviewsExclusions(t *testing.T) {
	none := newSoA(t, "Example Ltd")
	one := newSoA(t, "Example Ltd")
	require.NoError(t, one.Exclude("8.30", "No outsourced development"))
	base, err := NewChecklist(none, ChecklistOptions{Kind: Stage1})
	require.NoError(t, err)
	tests := []struct {
		name       string
		soa        *SoA
		want       []string // the SoA item's questions after the standard ones
		exclusions []string // the refs of the exclusion items, in order
	}{
		{"no exclusions", none, nil, nil},
		{"one exclusion", one, []string{"The SoA excludes 1 control(s) (A.8.30): is each exclusion still justified?"}, []string{"A.8.30"}},
		{"two exclusions", sampleSoA(t), []string{"The SoA excludes 2 control(s) (A.7.12, A.8.30): is each exclusion still justified?"}, []string{"A.7.12", "A.8.30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(tt.soa, ChecklistOptions{Kind: Stage1})
			require.NoError(t, err)
			item, ok := cl.Item(RefToDocument(SoADocument))
			require.True(t, ok)
			if diff := cmp.Diff(append(slices.Clone(soaQuestions), tt.want...), item.Questions); diff != "" {
				t.Errorf("SoA questions mismatch (-want +got):\n%s", diff)
			}
			var got []string
			for _, it := range cl.Items {
				if strings.HasPrefix(it.Title, "Exclusion: ") {
					got = append(got, it.Ref.String())
					assert.Equal(t, stage1Methods, it.Methods, "an exclusion is reviewed as documented information")
					assert.Equal(t, exclusionEvidence, it.EvidenceHints)
				}
			}
			if diff := cmp.Diff(tt.exclusions, got); diff != "" {
				t.Errorf("exclusion items mismatch (-want +got):\n%s", diff)
			}
			assert.Len(t, cl.Items, len(base.Items)+len(tt.exclusions), "one item more per exclusion")
		})
	}
}

func TestChecklistOrder(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Stage2})
	require.NoError(t, err)
	got := refs(cl)
	assert.Equal(t, "clause 4.1", got[0])
	assert.Equal(t, "clause 10.2", got[29])
	assert.Equal(t, "A.5.1", got[30])
	assert.Equal(t, "A.8.34", got[len(got)-1])
	assert.NotContains(t, got, "A.7.12", "excluded control")
	assert.NotContains(t, got, "A.8.30", "excluded control")
	for i := 31; i < len(cl.Items); i++ {
		assert.Negative(t, ControlID(cl.Items[i-1].Ref.ID).Compare(ControlID(cl.Items[i].Ref.ID)))
	}
}

func TestChecklistSubsetsAndFilters(t *testing.T) {
	soa := sampleSoA(t)
	tests := []struct {
		name string
		opts ChecklistOptions
		want []string
	}{
		{"internal subset", ChecklistOptions{Kind: Internal, Clauses: []ClauseID{"9.2"}, Controls: []ControlID{"8.8", "5.15"}},
			[]string{"clause 9.2.1", "clause 9.2.2", "A.5.15", "A.8.8"}},
		{"heading expands", ChecklistOptions{Kind: Stage2, Clauses: []ClauseID{"6"}},
			[]string{"clause 6.1.1", "clause 6.1.2", "clause 6.1.3", "clause 6.2", "clause 6.3"}},
		{"surveillance adds subset", ChecklistOptions{Kind: Surveillance, Clauses: []ClauseID{"4.3"}, Controls: []ControlID{"5.15"}},
			append(append([]string{"clause 4.3"}, essentialsRefs()...), "A.5.15")},
		{"filter narrows controls", ChecklistOptions{Kind: Special, Filter: Filter{Themes: []Theme{Physical}, Attributes: []Attribute{Detective}}},
			[]string{"A.7.4", "A.7.11"}},
		{"filter on subset", ChecklistOptions{Kind: Internal, Controls: []ControlID{"8.15", "8.8", "8.16"}, Filter: Filter{Attributes: []Attribute{Detective}}},
			[]string{"A.8.15", "A.8.16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(soa, tt.opts)
			require.NoError(t, err)
			got := refs(cl)
			// clauses come in the standard's order whatever the option order
			if diff := cmp.Diff(sortedRefs(tt.want), got); diff != "" {
				t.Errorf("items mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Stage 2 with a filter keeps every clause.
	cl, err := NewChecklist(soa, ChecklistOptions{Kind: Stage2, Filter: Filter{Attributes: []Attribute{Respond}, Themes: []Theme{Organizational}}})
	require.NoError(t, err)
	n := 0
	for _, it := range cl.Items {
		if it.Ref.Kind == ClauseRef {
			n++
		}
	}
	assert.Equal(t, 30, n)
}

// TestChecklistOptionsScope pins how Clauses, Controls and Filter combine:
// a subset (Clauses, Controls or both) is exactly the checklist's scope,
// so naming only clauses leaves every control out and naming only controls
// leaves every clause out; Filter narrows the controls, among Controls or
// else among every applicable control, and leaves the clauses alone.
func TestChecklistOptionsScope(t *testing.T) {
	soa := sampleSoA(t)
	physicalDetective := Filter{Themes: []Theme{Physical}, Attributes: []Attribute{Detective}}
	tests := []struct {
		name              string
		opts              ChecklistOptions
		clauses, controls int
		want              []string // the exact items, when short
	}{
		{"nothing named: the whole kind", ChecklistOptions{Kind: Internal}, 30, 91, nil},
		{"clauses alone leave the controls out", ChecklistOptions{Kind: Internal, Clauses: []ClauseID{"9.2"}}, 2, 0,
			[]string{"clause 9.2.1", "clause 9.2.2"}},
		{"controls alone leave the clauses out", ChecklistOptions{Kind: Stage2, Controls: []ControlID{"8.8"}}, 0, 1,
			[]string{"A.8.8"}},
		{"a filter alone keeps every clause", ChecklistOptions{Kind: Recertification, Filter: physicalDetective}, 30, 2, nil},
		{"clauses and a filter", ChecklistOptions{Kind: SecondParty, Clauses: []ClauseID{"9.2"}, Filter: physicalDetective}, 2, 2,
			[]string{"clause 9.2.1", "clause 9.2.2", "A.7.4", "A.7.11"}},
		{"controls and a filter", ChecklistOptions{Kind: Internal, Controls: []ControlID{"7.4", "7.1"}, Filter: physicalDetective}, 0, 1,
			[]string{"A.7.4"}},
		{"surveillance keeps the essentials with controls", ChecklistOptions{Kind: Surveillance, Controls: []ControlID{"5.15"}}, 15, 1, nil},
		{"surveillance clauses add to the essentials", ChecklistOptions{Kind: Surveillance, Clauses: []ClauseID{"4.3"}}, 16, 0, nil},
		{"special with clauses alone", ChecklistOptions{Kind: Special, Clauses: []ClauseID{"10"}}, 2, 0,
			[]string{"clause 10.1", "clause 10.2"}},
		{"special with a filter alone", ChecklistOptions{Kind: Special, Filter: physicalDetective}, 0, 2,
			[]string{"A.7.4", "A.7.11"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(soa, tt.opts)
			require.NoError(t, err)
			n := map[RefKind]int{}
			for _, it := range cl.Items {
				n[it.Ref.Kind]++
			}
			assert.Equal(t, tt.clauses, n[ClauseRef], "clauses")
			assert.Equal(t, tt.controls, n[ControlRef], "controls")
			if tt.want != nil {
				if diff := cmp.Diff(tt.want, refs(cl)); diff != "" {
					t.Errorf("items mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// sortedRefs orders references as a checklist does: clauses first in the
// standard's order, then controls in Annex A order.
func sortedRefs(in []string) []string {
	var cl, co []string
	for _, r := range in {
		if strings.HasPrefix(r, "clause ") {
			cl = append(cl, r)
		} else {
			co = append(co, r)
		}
	}
	sortBy := func(s []string, cmpf func(a, b string) int) {
		for i := 1; i < len(s); i++ {
			for j := i; j > 0 && cmpf(s[j-1], s[j]) > 0; j-- {
				s[j-1], s[j] = s[j], s[j-1]
			}
		}
	}
	sortBy(cl, func(a, b string) int { return ClauseID(a[7:]).Compare(ClauseID(b[7:])) })
	sortBy(co, func(a, b string) int { return ControlID(a[2:]).Compare(ControlID(b[2:])) })
	return append(cl, co...)
}

func TestChecklistOptionErrors(t *testing.T) {
	soa := sampleSoA(t)
	tests := []struct {
		name string
		soa  *SoA
		opts ChecklistOptions
		want []ismsaudit.FieldError
	}{
		{"no SoA", nil, ChecklistOptions{Kind: Stage2}, []ismsaudit.FieldError{{Path: "SoA", Rule: ismsaudit.RuleRequired}}},
		{"invalid SoA", &SoA{}, ChecklistOptions{Kind: Stage2}, []ismsaudit.FieldError{{Path: "SoA.Decisions", Rule: RuleSoAComplete}}},
		{"no kind", soa, ChecklistOptions{}, []ismsaudit.FieldError{{Path: "Kind", Rule: ismsaudit.RuleRequired}}},
		{"bad kind", soa, ChecklistOptions{Kind: "stage3"}, []ismsaudit.FieldError{{Path: "Kind", Rule: ismsaudit.RuleEnum}}},
		{"stage 1 subset", soa, ChecklistOptions{Kind: Stage1, Clauses: []ClauseID{"4.1"}, Controls: []ControlID{"5.1"}, Filter: Filter{Themes: []Theme{People}}}, []ismsaudit.FieldError{
			{Path: "Clauses", Rule: RuleStage1Whole}, {Path: "Controls", Rule: RuleStage1Whole}, {Path: "Filter", Rule: RuleStage1Whole},
		}},
		{"special without subset", soa, ChecklistOptions{Kind: Special}, []ismsaudit.FieldError{{Path: "Clauses", Rule: RuleSpecialSubset}}},
		{"bad ids", soa, ChecklistOptions{Kind: Internal, Clauses: []ClauseID{"11", "9.2", "9.2", " 9.1"}, Controls: []ControlID{"8.30", "9.9", "5.1", "5.1", "A.5.2"}}, []ismsaudit.FieldError{
			{Path: "Clauses[0]", Rule: ismsaudit.RuleUnknown}, {Path: "Clauses[2]", Rule: ismsaudit.RuleUnique}, {Path: "Clauses[3]", Rule: ismsaudit.RuleFormat},
			{Path: "Controls[0]", Rule: RuleChecklistApplicable}, {Path: "Controls[1]", Rule: ismsaudit.RuleUnknown}, {Path: "Controls[3]", Rule: ismsaudit.RuleUnique}, {Path: "Controls[4]", Rule: ismsaudit.RuleFormat},
		}},
		{"filter values", soa, ChecklistOptions{Kind: Stage2, Filter: Filter{Attributes: []Attribute{"fast"}}}, []ismsaudit.FieldError{{Path: "Filter.Attributes[0]", Rule: ismsaudit.RuleEnum}}},
		{"filter matches none", soa, ChecklistOptions{Kind: Internal, Controls: []ControlID{"5.1"}, Filter: Filter{Attributes: []Attribute{Detective}}}, []ismsaudit.FieldError{{Path: "Filter", Rule: RuleChecklistNotEmpty}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := NewChecklist(tt.soa, tt.opts)
			assert.Nil(t, cl)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			if diff := cmp.Diff(tt.want, pathsAndRules(ve.Fields)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChecklistItemsAreIndependent checks that the shared backing arrays
// never let one item's slice overwrite another's.
func TestChecklistItemsAreIndependent(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Stage2})
	require.NoError(t, err)
	second := append([]string(nil), cl.Items[1].Questions...)
	cl.Items[0].Questions = append(cl.Items[0].Questions, "extra")
	cl.Items[0].Methods = append(cl.Items[0].Methods, MethodObservation)
	assert.Equal(t, second, cl.Items[1].Questions)
	cl.Items[0].Questions[0] = "changed"
	assert.NotEqual(t, "changed", MustClause("4.1").Questions()[0], "catalogue untouched")
}

func TestChecklistValidate(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Internal, Controls: []ControlID{"8.8", "8.9"}})
	require.NoError(t, err)
	cl.Kind = "bogus"
	cl.Items[0].Ref = RefToControl("8.9")
	cl.Items[1].Result = MajorNonconformity
	cl.Items[1].NotAuditedReason = "closed"
	cl.Items[1].Title = ""
	err = cl.Validate()
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	want := []ismsaudit.FieldError{
		{Path: "Kind", Rule: ismsaudit.RuleEnum},
		{Path: "Items[1].Ref", Rule: ismsaudit.RuleUnique},
		{Path: "Items[1].Title", Rule: ismsaudit.RuleRequired},
		{Path: "Items[1].Notes", Rule: RuleAssessmentNotes},
		{Path: "Items[1].EvidenceRefs", Rule: RuleAssessmentEvidence},
		{Path: "Items[1].NotAuditedReason", Rule: RuleItemOneOutcome},
	}
	if diff := cmp.Diff(want, pathsAndRules(ve.Fields)); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
	require.ErrorIs(t, (*Checklist)(nil).Validate(), ismsaudit.ErrInvalid)
	require.ErrorIs(t, (&Checklist{Kind: Stage2}).Validate(), ismsaudit.ErrInvalid)
}

func TestChecklistJSONRoundTrip(t *testing.T) {
	cl, err := NewChecklist(sampleSoA(t), ChecklistOptions{Kind: Stage1})
	require.NoError(t, err)
	require.NoError(t, cl.Assess(RefToClause("4.3"), Assessment{Result: Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-7"}}))
	require.NoError(t, cl.MarkNotAudited(RefToClause("5.2"), "policy under revision"))
	data, err := json.Marshal(cl)
	require.NoError(t, err)
	back, err := DecodeChecklist(data)
	require.NoError(t, err)
	if diff := cmp.Diff(cl, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	_, err = DecodeChecklist([]byte(`{"kind":"stage2","items":[{"ref":{"kind":"control","id":"5.1"},"title":"x","questions":[],"evidenceHints":[],"methods":["smelling"],"result":"not-assessed"}]}`))
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Items[0].Methods[0]", ismsaudit.RuleEnum), "%v", ve.Fields)
}

// FuzzDecodeChecklist checks that decoding never panics and that an
// accepted checklist is valid and round-trips.
func FuzzDecodeChecklist(f *testing.F) {
	soa := newSoA(f, "Fuzz Ltd")
	cl, _ := NewChecklist(soa, ChecklistOptions{Kind: Internal, Controls: []ControlID{"5.1"}, Clauses: []ClauseID{"9.2"}})
	good, _ := json.Marshal(cl)
	f.Add(good)
	f.Add([]byte(`{"kind":"stage2","items":[{"ref":{"kind":"clause","id":"4"},"title":"t","result":"conforms","evidenceRefs":["e"]}]}`))
	f.Add([]byte(`{"kind":"stage2","items":[{"ref":{"kind":"document","id":""},"result":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeChecklist(data)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted checklist invalid: %v", err)
		}
		again, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeChecklist(again)
		if err != nil {
			t.Fatalf("re-encoded checklist refused: %v", err)
		}
		if diff := cmp.Diff(c, back); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestChecklistSizesAreExact checks that build allocates exactly what the
// items hold, for every kind and for SoAs with no, one and two exclusions:
// too little would cost the arrays a regrowth, too much memory for nothing.
func TestChecklistSizesAreExact(t *testing.T) {
	soas := map[string]*SoA{"no exclusion": newSoA(t, "X"), "two exclusions": sampleSoA(t)}
	one := newSoA(t, "X")
	require.NoError(t, one.Exclude("7.12", "No cabling of our own"))
	soas["one exclusion"] = one
	for name, soa := range soas {
		for kind := range AuditKinds() {
			opts := ChecklistOptions{Kind: kind}
			if kind == Special {
				opts.Controls = []ControlID{"5.1", "8.8"}
			}
			t.Run(name+"/"+kind.String(), func(t *testing.T) {
				col := errs.NewCollector("annexa", "test")
				sel := selectItems(soa, opts, col)
				require.NoError(t, col.Err())
				c := build(soa, kind, &sel)
				var strs, methods int
				for _, it := range c.Items {
					strs += len(it.Questions) + len(it.EvidenceHints)
					methods += len(it.Methods)
				}
				items, wantStrs, wantMethods := sel.sizes()
				assert.Equal(t, []int{items, wantStrs, wantMethods}, []int{len(c.Items), strs, methods}, "items, strings, methods")
			})
		}
	}
}

// TestJoinTokens checks the list of valid values an enumeration's error
// detail offers.
func TestJoinTokens(t *testing.T) {
	assert.Equal(t, "risk-treatment, legal-or-regulatory-requirement, contractual-requirement, business-requirement", joinTokens(InclusionBases()))
	assert.Empty(t, joinTokens(slices.Values([]AuditKind(nil))))
}
