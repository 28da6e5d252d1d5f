package programme

import (
	"strconv"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// RiskMatrix is the documented rating scheme of the register (ISO
// 19011:2018 5.3): a likelihood scale and an impact scale, each numbered
// 1..n, a level for every pair, and the highest level a risk may be
// retained at without treatment.
type RiskMatrix struct {
	// Likelihood and Impact are the scales; point i has Value i+1.
	Likelihood []ScalePoint `json:"likelihood"`
	Impact     []ScalePoint `json:"impact"`
	// Levels[l-1][i-1] is the level of likelihood l and impact i.
	Levels [][]RiskLevel `json:"levels"`
	// Acceptable is the highest level at which a risk may be accepted or
	// closed.
	Acceptable RiskLevel `json:"acceptable"`
}

// ScalePoint is one point of a rating scale.
type ScalePoint struct {
	// Value is the point's number, from 1.
	Value int `json:"value"`
	// Name is a short label, e.g. "likely".
	Name string `json:"name"`
	// Description says when the point applies.
	Description string `json:"description,omitempty"`
}

// RiskLevel is the level a risk matrix gives a pair of likelihood and
// impact ratings. The four levels are this project's scale; a host's
// matrix maps its own scales onto them.
//
//ismsaudit:enum RiskLevels ordered
type RiskLevel string

// The RiskLevel values, lowest first. Never reorder.
const (
	LevelLow      RiskLevel = "low"
	LevelMedium   RiskLevel = "medium"
	LevelHigh     RiskLevel = "high"
	LevelVeryHigh RiskLevel = "very-high"
)

// DefaultMatrix returns the project's default rating scheme: five-point
// likelihood and impact scales, the level read from their product (1-3
// low, 4-9 medium, 10-16 high, 20-25 very high) and low the acceptable
// level. ISO 19011:2018 5.3 asks for risks to be evaluated but fixes no
// scale: every figure here is a project default, and hosts give their own
// matrix in NewOptions or Changes.
func DefaultMatrix() RiskMatrix {
	m := RiskMatrix{
		Likelihood: []ScalePoint{
			{1, "rare", "not expected within the programme period"},
			{2, "unlikely", "could happen once within the programme period"},
			{3, "possible", "about once a year"},
			{4, "likely", "several times a year"},
			{5, "almost-certain", "expected at most audits"},
		},
		Impact: []ScalePoint{
			{1, "negligible", "no effect on the programme's objectives"},
			{2, "minor", "an audit delayed within its window"},
			{3, "moderate", "an audit late or partly done; an objective at risk"},
			{4, "major", "an audit not done or unreliable; an objective missed"},
			{5, "severe", "the programme fails its purpose, or confidential ISMS information is disclosed"},
		},
		Acceptable: LevelLow,
	}
	m.Levels = make([][]RiskLevel, len(m.Likelihood))
	for l := range m.Levels {
		m.Levels[l] = make([]RiskLevel, len(m.Impact))
		for i := range m.Levels[l] {
			switch p := (l + 1) * (i + 1); {
			case p <= 3:
				m.Levels[l][i] = LevelLow
			case p <= 9:
				m.Levels[l][i] = LevelMedium
			case p <= 16:
				m.Levels[l][i] = LevelHigh
			default:
				m.Levels[l][i] = LevelVeryHigh
			}
		}
	}
	return m
}

// Level reads the level of a likelihood and an impact rating from the
// matrix. Ratings outside the scales, or a malformed matrix, give a
// *ismsaudit.ValidationError citing PRG-RISK-SCALES.
func (m *RiskMatrix) Level(likelihood, impact int) (RiskLevel, error) {
	c := newCollector("rating")
	if likelihood < 1 || likelihood > len(m.Likelihood) {
		c.Add("Likelihood", RuleRiskScales, strconv.Itoa(likelihood), "the likelihood scale runs from 1 to "+strconv.Itoa(len(m.Likelihood)))
	}
	if impact < 1 || impact > len(m.Impact) {
		c.Add("Impact", RuleRiskScales, strconv.Itoa(impact), "the impact scale runs from 1 to "+strconv.Itoa(len(m.Impact)))
	}
	if c.Len() > 0 {
		return "", c.Err()
	}
	level, ok := m.lookup(likelihood, impact)
	if !ok {
		c.Add("", RuleRiskScales, "", "the matrix has no valid level for likelihood "+strconv.Itoa(likelihood)+" and impact "+strconv.Itoa(impact))
		return "", c.Err()
	}
	return level, nil
}

// lookup reads a cell without checking the scales.
func (m *RiskMatrix) lookup(likelihood, impact int) (RiskLevel, bool) {
	if likelihood < 1 || likelihood > len(m.Levels) || impact < 1 || impact > len(m.Levels[likelihood-1]) {
		return "", false
	}
	level := m.Levels[likelihood-1][impact-1]
	return level, level.IsValid()
}

// accepts reports whether level is within the matrix's acceptable level.
func (m *RiskMatrix) accepts(level RiskLevel) bool {
	return level.IsValid() && m.Acceptable.IsValid() && level.Compare(m.Acceptable) <= 0
}

// Validate checks the matrix: two scales numbered 1..n with named points,
// a valid level for every pair that never falls as likelihood or impact
// rises, and a valid acceptable level. It reports every problem at once
// in a *ismsaudit.ValidationError.
func (m *RiskMatrix) Validate() error {
	c := newCollector("risk matrix")
	m.validateInto(c, "")
	return c.Err()
}

func (m *RiskMatrix) validateInto(c *errs.Collector, prefix string) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	scale := func(name string, pts []ScalePoint) {
		if len(pts) == 0 {
			c.Add(p(name), ismsaudit.RuleRequired, "", "a scale needs at least one point")
		}
		seen := make(map[string]bool, len(pts))
		for i, pt := range pts {
			at := p(errs.Index(name, i))
			if pt.Value != i+1 {
				c.Add(at+".Value", RuleRiskScales, strconv.Itoa(pt.Value), "points are numbered 1.."+strconv.Itoa(len(pts))+" in order")
			}
			switch {
			case pt.Name == "":
				c.Add(at+".Name", ismsaudit.RuleRequired, "", "a point needs a name")
			case seen[pt.Name]:
				c.Add(at+".Name", ismsaudit.RuleUnique, pt.Name, "point names must not repeat")
			}
			seen[pt.Name] = true
		}
	}
	scale("Likelihood", m.Likelihood)
	scale("Impact", m.Impact)
	if len(m.Levels) != len(m.Likelihood) {
		c.Add(p("Levels"), RuleRiskScales, strconv.Itoa(len(m.Levels)), "one row per likelihood point: "+strconv.Itoa(len(m.Likelihood)))
	}
	for l, row := range m.Levels {
		at := p(errs.Index("Levels", l))
		if len(row) != len(m.Impact) {
			c.Add(at, RuleRiskScales, strconv.Itoa(len(row)), "one level per impact point: "+strconv.Itoa(len(m.Impact)))
		}
		for i, level := range row {
			if !level.IsValid() {
				c.Add(errs.Index(at, i), ismsaudit.RuleEnum, string(level), "not a risk level")
				continue
			}
			if i > 0 && row[i-1].IsValid() && level.Compare(row[i-1]) < 0 {
				c.Add(errs.Index(at, i), RuleRiskScales, string(level), "the level falls as impact rises")
			}
			if l > 0 && i < len(m.Levels[l-1]) && m.Levels[l-1][i].IsValid() && level.Compare(m.Levels[l-1][i]) < 0 {
				c.Add(errs.Index(at, i), RuleRiskScales, string(level), "the level falls as likelihood rises")
			}
		}
	}
	if !m.Acceptable.IsValid() {
		c.Add(p("Acceptable"), ismsaudit.RuleEnum, string(m.Acceptable), "not a risk level")
	}
}

// matrixOf returns the matrix of version n of the programme whose newest
// version is root, or nil when root holds no such version.
func matrixOf(root *Programme, n int) *RiskMatrix {
	switch {
	case n == root.Version:
		return &root.Matrix
	case n >= 1 && n <= len(root.Previous) && root.Previous[n-1].Version == n:
		return &root.Previous[n-1].Matrix
	}
	return nil
}

// The rule of the risk matrix.
const (
	RuleRiskScales ismsaudit.RuleID = "PRG-RISK-SCALES"
)

var matrixRules = []ismsaudit.Rule{
	{ID: RuleRiskScales, Clause: "19011:5.3", Principle: ismsaudit.PrincipleRiskBased, Text: "likelihood and impact are rated on the programme's documented scales and the level is read from its matrix", Basis: "project default: the scales and levels; 5.3 fixes none"},
}
