package competence

import (
	"strconv"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
)

// TestShapeOKImpliesValid holds the direct shape checks team selection
// runs instead of the validator to the validator: whenever shapeOK says
// needs or options are fine, the validator finds nothing either (when it
// says no, selection runs the validator, so a false alarm costs time, not
// correctness). Both checks are exact, so shapeOK also says yes whenever
// the validator finds nothing (boundaries included). Each case starts
// valid and breaks zero to two fields.
func TestShapeOKImpliesValid(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		needs := TeamNeeds{
			Scope:       Scope{Auditee: "acme", Units: []string{"it", "hr"}, Processes: []string{"p"}, Controls: []string{"5.15", "8.8"}},
			At:          time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
			Needs:       []Need{KnowledgeNeed(RiskAssessment, Working), LanguageNeed("en")},
			MinAuditors: 1, MaxAuditors: 2,
			Exclude: []AuditorID{"x", "y"},
		}
		breakNeeds := []func(){
			func() { needs.Scope.Auditee = "" },
			func() { needs.Scope.Units = append(needs.Scope.Units, "it") },
			func() { needs.Scope.Units[0] = "" },
			func() { needs.Scope.Processes = append(needs.Scope.Processes, "p") },
			func() { needs.Scope.Controls[1] = "" },
			func() { needs.Scope.Controls = append(needs.Scope.Controls, "8.8") },
			func() { needs.At = time.Time{} },
			func() { needs.MinAuditors = -1 },
			func() { needs.MaxAuditors = -1 },
			func() { needs.MinAuditors = 0 }, // valid: no minimum
			func() { needs.MaxAuditors = 0 }, // valid: no maximum
			func() { needs.Exclude = append(needs.Exclude, "x") },
			func() { needs.Exclude[0] = "" },
			func() { needs.Needs[0].Kind = "" },
			func() { needs.Needs[1].Kind = "wish" },
			func() { needs.Needs[0].Area = "alchemy" },
			func() { needs.Needs[0].Level = "guru" },
			func() { needs.Needs[1].Value = "" }, // not a tag: validateInto's own check
			func() { needs.Scope.Internal = true },
			func() { needs.Scope.Units = seventeen("unit-") }, // checked with a map
			func() { needs.Scope.Processes = append(seventeen("p-"), "p-3") },
			func() { needs.Scope.Controls = append(seventeen("c-"), "") },
		}
		for range rapid.IntRange(0, 2).Draw(rt, "broken needs") {
			breakNeeds[rapid.IntRange(0, len(breakNeeds)-1).Draw(rt, "break")]()
		}
		c := errs.NewCollector("competence", "needs")
		validate.Struct(c, "", &needs)
		if ok := needs.shapeOK(); ok != (c.Len() == 0) {
			rt.Fatalf("shapeOK says %v, the validator: %v", ok, c.Err())
		}

		opts := SelectOptions{MaxExact: 10, Unavailable: []AuditorID{"a"}, Workload: map[AuditorID]float64{"a": 1}}
		breakOpts := []func(){
			func() { opts.MaxExact = 33 },
			func() { opts.MaxExact = 32 }, // valid: the cap
			func() { opts.MaxExact = -1 }, // valid: heuristic only
			func() { opts.Unavailable = append(opts.Unavailable, "") },
			func() { opts.Unavailable = append(opts.Unavailable, "a") },
			func() { opts.Independence = &IndependenceOptions{CoolingOffMonths: -1} },
			func() { opts.Independence = &IndependenceOptions{CoolingOffMonths: 0} },    // valid
			func() { opts.Independence = &IndependenceOptions{CoolingOffMonths: 1200} }, // valid
			func() { opts.Independence = &IndependenceOptions{CoolingOffMonths: 1201} },
			func() { opts.Independence = &IndependenceOptions{CoolingOffMonths: 24} },
			func() { opts.AuditorSet = "nope" }, // not a tag: looked up in the scheme
		}
		for range rapid.IntRange(0, 2).Draw(rt, "broken options") {
			breakOpts[rapid.IntRange(0, len(breakOpts)-1).Draw(rt, "break")]()
		}
		c = errs.NewCollector("competence", "options")
		validate.Struct(c, "Options", &opts)
		if ok := opts.shapeOK(); ok != (c.Len() == 0) {
			rt.Fatalf("shapeOK says %v, the validator: %v", ok, c.Err())
		}
	})
}

// seventeen returns 17 distinct values, one more than uniqueFilled checks
// without a map.
func seventeen(prefix string) []string {
	out := make([]string, 17)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// TestShapeOKBounds: the direct shape checks at the bounds of each
// number, where a random case seldom lands alone.
func TestShapeOKBounds(t *testing.T) {
	valid := func() TeamNeeds {
		return TeamNeeds{Scope: Scope{Auditee: "acme"}, At: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), MinAuditors: 1, MaxAuditors: 2}
	}
	for _, tc := range []struct {
		name string
		set  func(*TeamNeeds)
		want bool
	}{
		{"MinAuditors 0", func(n *TeamNeeds) { n.MinAuditors = 0 }, true},
		{"MinAuditors -1", func(n *TeamNeeds) { n.MinAuditors = -1 }, false},
		{"MaxAuditors 0", func(n *TeamNeeds) { n.MaxAuditors = 0 }, true},
		{"MaxAuditors -1", func(n *TeamNeeds) { n.MaxAuditors = -1 }, false},
	} {
		n := valid()
		tc.set(&n)
		assert.Equal(t, tc.want, n.shapeOK(), tc.name)
	}
	for _, tc := range []struct {
		name string
		opts SelectOptions
		want bool
	}{
		{"MaxExact 32", SelectOptions{MaxExact: 32}, true},
		{"MaxExact 33", SelectOptions{MaxExact: 33}, false},
		{"CoolingOffMonths 0", SelectOptions{Independence: &IndependenceOptions{CoolingOffMonths: 0}}, true},
		{"CoolingOffMonths -1", SelectOptions{Independence: &IndependenceOptions{CoolingOffMonths: -1}}, false},
		{"CoolingOffMonths 1200", SelectOptions{Independence: &IndependenceOptions{CoolingOffMonths: 1200}}, true},
		{"CoolingOffMonths 1201", SelectOptions{Independence: &IndependenceOptions{CoolingOffMonths: 1201}}, false},
		{"an unavailable id", SelectOptions{Unavailable: []AuditorID{"a"}}, true},
		{"an empty unavailable id", SelectOptions{Unavailable: []AuditorID{"a", ""}}, false},
	} {
		assert.Equal(t, tc.want, tc.opts.shapeOK(), tc.name)
	}
}
