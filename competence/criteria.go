package competence

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// CriteriaSetID identifies a criteria set within a [Scheme].
type CriteriaSetID string

// String returns the id.
func (id CriteriaSetID) String() string { return string(id) }

// CriterionID identifies a criterion within its criteria set.
type CriterionID string

// String returns the id.
func (id CriterionID) String() string { return string(id) }

// Criterion is one evaluation criterion (ISO 19011:2018 7.3), as data. Its
// Kind decides which other fields apply:
//
//   - behaviour: Behaviour.
//   - knowledge: Area and Level.
//   - work-years, security-work-years: Min years.
//   - training-hours: Min hours, optionally Training kinds and WindowMonths.
//   - course: one Training kind and Min hours of that single course.
//   - audits, audit-days: Min audits or days within WindowMonths (0: the
//     whole log), optionally Roles (default trainee, auditor, team leader)
//     and Standards.
//   - guided-lead-audits: Min audits as team leader under guidance within
//     WindowMonths, optionally Standards.
//   - qualification: Qualification, the name of a qualification held and
//     valid on the date.
//
// A criterion is met when the auditor's record satisfies it, at least one
// evaluation method suited to it informs it, and no such method found it
// not met (see [Evaluate]).
type Criterion struct {
	// ID identifies the criterion within its set.
	ID CriterionID `json:"id" validate:"required"`
	// Kind says what it measures.
	Kind CriterionKind `json:"kind" validate:"enum"`
	// Behaviour is the behaviour a behaviour criterion asks for.
	Behaviour Behaviour `json:"behaviour,omitempty" validate:"omitempty,enum"`
	// Area is the knowledge area a knowledge criterion asks for.
	Area KnowledgeArea `json:"area,omitempty" validate:"omitempty,enum"`
	// Level is the minimum level a knowledge criterion asks for.
	Level Level `json:"level,omitempty" validate:"omitempty,enum"`
	// Min is the threshold of a quantitative criterion.
	Min float64 `json:"min,omitempty" validate:"gte=0"`
	// WindowMonths limits counting to the months before the evaluation
	// date; 0 counts the whole record.
	WindowMonths int `json:"windowMonths,omitempty" validate:"gte=0,lte=1200"`
	// Roles lists the audit roles an audits or audit-days criterion
	// counts; empty means trainee, auditor and team leader.
	Roles []Role `json:"roles,omitempty" validate:"unique,dive,enum"`
	// Standards lists the audit standards counted, e.g. "ISO/IEC 27001";
	// a log entry counts when its Standard equals one of them or starts
	// with one followed by ":" (so "ISO/IEC 27001" counts
	// "ISO/IEC 27001:2022"). Empty counts every standard.
	Standards []string `json:"standards,omitempty" validate:"unique,dive,required"`
	// Training lists the training kinds counted (training-hours; empty
	// counts all) or the one kind asked for (course).
	Training []TrainingKind `json:"training,omitempty" validate:"unique,dive,enum"`
	// Qualification names the qualification a qualification criterion asks for.
	Qualification string `json:"qualification,omitempty"`
	// Methods lists the evaluation methods accepted as informing the
	// criterion; empty means every method whose 19011:7.4 objective suits
	// the kind (see [Method.Suits]).
	Methods []Method `json:"methods,omitempty" validate:"unique,dive,enum"`
	// Text states the criterion in words.
	Text string `json:"text,omitempty"`
	// Source says where the criterion and its figure come from: a clause,
	// a cited practice or "project default".
	Source string `json:"source" validate:"required"`
}

// CriterionKind says what an evaluation criterion measures (ISO 19011:2018
// 7.3: qualitative and quantitative criteria).
//
//ismsaudit:enum CriterionKinds
type CriterionKind string

// The criterion kinds. Never reorder.
const (
	// BehaviourCriterion (qualitative): a personal behaviour is
	// demonstrated (19011:7.2.2, 7.3).
	BehaviourCriterion CriterionKind = "behaviour"
	// KnowledgeCriterion (qualitative): knowledge and skill in an area at
	// a level (19011:7.2.3, 7.3).
	KnowledgeCriterion CriterionKind = "knowledge"
	// WorkYears (quantitative): years of work experience (19011:7.2.4).
	WorkYears CriterionKind = "work-years"
	// SecurityWorkYears (quantitative): years of work experience in
	// information security (19011:7.2.4, 27007:7.2.4).
	SecurityWorkYears CriterionKind = "security-work-years"
	// TrainingHours (quantitative): hours of training, optionally of
	// given kinds and within a window (19011:7.2.4).
	TrainingHours CriterionKind = "training-hours"
	// CourseCompleted (quantitative): one completed course of a kind with
	// at least the given hours, such as a lead auditor course
	// (19011:7.2.4).
	CourseCompleted CriterionKind = "course"
	// AuditCount (quantitative): audits in a window, by role and standard
	// (19011:7.2.4, 7.3).
	AuditCount CriterionKind = "audits"
	// AuditDays (quantitative): audit days in a window, by role and
	// standard (19011:7.2.4, 7.3).
	AuditDays CriterionKind = "audit-days"
	// GuidedLeadAudits (quantitative): audits led as team leader under the
	// direction and guidance of another team leader (19011:7.2.5).
	GuidedLeadAudits CriterionKind = "guided-lead-audits"
	// QualificationHeld (quantitative, record-based): a named
	// qualification held and valid (19011:7.2.4).
	QualificationHeld CriterionKind = "qualification"
)

// IsQualitative reports whether k is a qualitative kind (behaviour or
// knowledge); the others are quantitative (19011:7.3).
func (k CriterionKind) IsQualitative() bool {
	return k == BehaviourCriterion || k == KnowledgeCriterion
}

// Accepts reports whether method m may inform the criterion.
func (c *Criterion) Accepts(m Method) bool {
	if len(c.Methods) > 0 {
		return slices.Contains(c.Methods, m)
	}
	return m.Suits(c.Kind)
}

// Maintenance is how a criteria set keeps competence current (ISO
// 19011:2018 7.6): within every period of PeriodMonths ending on the date
// asked about, at least CPDHours of continual professional development
// and at least Audits audits and AuditDays audit days in the counted
// roles. Checks start once a full period has passed since the first
// competent decision. A zero PeriodMonths turns the check off.
type Maintenance struct {
	// PeriodMonths is the length of the rolling period; 0 turns the
	// check off.
	PeriodMonths int `json:"periodMonths,omitempty" validate:"gte=0,lte=1200"`
	// CPDHours is the minimum CPD in the period.
	CPDHours float64 `json:"cpdHours,omitempty" validate:"gte=0"`
	// Audits is the minimum number of audits in the period.
	Audits int `json:"audits,omitempty" validate:"gte=0"`
	// AuditDays is the minimum audit days in the period.
	AuditDays float64 `json:"auditDays,omitempty" validate:"gte=0"`
	// Roles lists the audit roles counted; empty means trainee, auditor
	// and team leader.
	Roles []Role `json:"roles,omitempty" validate:"unique,dive,enum"`
	// Source says where the figures come from.
	Source string `json:"source,omitempty"`
}

// periodInto reports requirements set without a period: a zero
// PeriodMonths turns the check off, so the requirements would be silently
// ignored.
func (m *Maintenance) periodInto(c *errs.Collector, path string) {
	if m.PeriodMonths == 0 && (m.CPDHours != 0 || m.Audits != 0 || m.AuditDays != 0 || len(m.Roles) > 0) {
		c.Add(path+".PeriodMonths", "required-for-requirements", "0",
			"CPD or audit requirements are set, and a zero period would turn their check off")
	}
}

// CriteriaSet is a named list of evaluation criteria for one role (ISO
// 19011:2018 7.3), with the way competence is maintained (7.6) and how
// often it is re-evaluated. A set may build on another (Requires), as
// team leader competence builds on auditor competence (7.2.5): standing
// against the set then also needs standing against the required set.
type CriteriaSet struct {
	// ID identifies the set within its scheme.
	ID CriteriaSetID `json:"id" validate:"required"`
	// Title names the set.
	Title string `json:"title" validate:"required"`
	// Role is the role the set qualifies for: auditor or team leader.
	Role Role `json:"role" validate:"enum,oneof=auditor team-leader"`
	// Requires names a set whose standing must also be competent.
	Requires CriteriaSetID `json:"requires,omitempty"`
	// Criteria are the criteria, each with a unique id.
	Criteria []Criterion `json:"criteria" validate:"required,min=1,dive"`
	// Maintenance says how competence is kept current.
	Maintenance Maintenance `json:"maintenance"`
	// ReevaluationMonths is how long a competent decision stands before
	// re-evaluation is due.
	ReevaluationMonths int `json:"reevaluationMonths" validate:"gte=1,lte=1200"`
	// Default marks a built-in set shipped as a default the host may
	// replace.
	Default bool `json:"default,omitempty"`
	// Source says where the set as a whole comes from.
	Source string `json:"source,omitempty"`
}

// Criterion returns the criterion with the given id.
func (s *CriteriaSet) Criterion(id CriterionID) (*Criterion, bool) {
	for i := range s.Criteria {
		if s.Criteria[i].ID == id {
			return &s.Criteria[i], true
		}
	}
	return nil, false
}

// DueAfter returns the date re-evaluation falls due for a competent
// decision made at t.
func (s *CriteriaSet) DueAfter(t time.Time) time.Time {
	return t.AddDate(0, s.ReevaluationMonths, 0)
}

// Validate checks the set's shape and domain rules: unique criterion ids,
// for each criterion exactly the fields its kind uses, and maintenance
// requirements only with a period (a zero PeriodMonths would turn their
// check off). It reports every problem at once in a
// *ismsaudit.ValidationError.
func (s *CriteriaSet) Validate() error {
	c := newCollector("criteria set")
	s.validateInto(c, "")
	return c.Err()
}

func (s *CriteriaSet) validateInto(c *errs.Collector, prefix string) {
	validate.Struct(c, prefix, s)
	checkFinite(c, errs.JoinPath(prefix, "Maintenance.CPDHours"), s.Maintenance.CPDHours)
	checkFinite(c, errs.JoinPath(prefix, "Maintenance.AuditDays"), s.Maintenance.AuditDays)
	s.Maintenance.periodInto(c, errs.JoinPath(prefix, "Maintenance"))
	if s.Requires != "" && s.Requires == s.ID {
		c.Add(errs.JoinPath(prefix, "Requires"), "not-self", string(s.Requires), "a set cannot require itself")
	}
	seen := map[CriterionID]int{}
	for i := range s.Criteria {
		cr := &s.Criteria[i]
		path := errs.JoinPath(prefix, errs.Index("Criteria", i))
		if j, dup := seen[cr.ID]; dup && cr.ID != "" {
			c.Add(path+".ID", "unique", string(cr.ID), "id already used by Criteria["+strconv.Itoa(j)+"]")
		} else {
			seen[cr.ID] = i
		}
		cr.domainInto(c, path)
	}
}

// domainInto checks that the criterion uses exactly the fields its kind
// needs.
func (cr *Criterion) domainInto(c *errs.Collector, path string) {
	checkFinite(c, path+".Min", cr.Min)
	uses := map[string]bool{}
	need := func(field string, ok bool) {
		uses[field] = true
		if !ok {
			c.Add(path+"."+field, "required-for-kind", "", "a "+string(cr.Kind)+" criterion needs it")
		}
	}
	switch cr.Kind {
	case BehaviourCriterion:
		need("Behaviour", cr.Behaviour != "")
	case KnowledgeCriterion:
		need("Area", cr.Area != "")
		need("Level", cr.Level != "")
	case WorkYears, SecurityWorkYears:
		need("Min", cr.Min > 0)
	case TrainingHours:
		need("Min", cr.Min > 0)
		uses["Training"], uses["WindowMonths"] = true, true
	case CourseCompleted:
		need("Training", len(cr.Training) == 1)
		uses["Min"] = true
	case AuditCount, AuditDays:
		need("Min", cr.Min > 0)
		uses["WindowMonths"], uses["Roles"], uses["Standards"] = true, true, true
	case GuidedLeadAudits:
		need("Min", cr.Min > 0)
		uses["WindowMonths"], uses["Standards"] = true, true
	case QualificationHeld:
		need("Qualification", strings.TrimSpace(cr.Qualification) != "")
	default:
		return // the enum tag already reported it
	}
	if cr.Kind == AuditCount && cr.Min != float64(int(cr.Min)) {
		c.Add(path+".Min", "whole-number", strconv.FormatFloat(cr.Min, 'g', -1, 64), "an audit count is a whole number")
	}
	unused := func(field string, set bool) {
		if set && !uses[field] {
			c.Add(path+"."+field, "unused-for-kind", "", "a "+string(cr.Kind)+" criterion does not use it")
		}
	}
	unused("Behaviour", cr.Behaviour != "")
	unused("Area", cr.Area != "")
	unused("Level", cr.Level != "")
	unused("Min", cr.Min != 0)
	unused("WindowMonths", cr.WindowMonths != 0)
	unused("Roles", len(cr.Roles) > 0)
	unused("Standards", len(cr.Standards) > 0)
	unused("Training", len(cr.Training) > 0)
	unused("Qualification", cr.Qualification != "")
}

// Scheme is a host's competence scheme: the criteria sets it evaluates
// auditors against. [DefaultScheme] gives the built-in sets.
type Scheme struct {
	// Sets lists the criteria sets, each with a unique id.
	Sets []CriteriaSet `json:"sets" validate:"required,min=1,dive"`
}

// DefaultScheme returns a scheme of the built-in criteria sets
// ([InternalISMSAuditor], [ISMSAuditor], [ISMSTeamLeader]). They are
// defaults the host may replace; see each for where its figures come
// from.
func DefaultScheme() Scheme {
	return Scheme{Sets: []CriteriaSet{InternalISMSAuditor(), ISMSAuditor(), ISMSTeamLeader()}}
}

// Set returns the set with the given id.
func (s *Scheme) Set(id CriteriaSetID) (*CriteriaSet, bool) {
	for i := range s.Sets {
		if s.Sets[i].ID == id {
			return &s.Sets[i], true
		}
	}
	return nil, false
}

// Validate checks every set, that set ids are unique, that every Requires
// names a set of the scheme and that requirements form no cycle. It
// reports every problem at once in a *ismsaudit.ValidationError.
func (s *Scheme) Validate() error {
	c := newCollector("scheme")
	s.validateInto(c, "")
	return c.Err()
}

func (s *Scheme) validateInto(c *errs.Collector, prefix string) {
	if len(s.Sets) == 0 {
		c.Add(errs.JoinPath(prefix, "Sets"), "required", "", "a value is required")
		return
	}
	seen := map[CriteriaSetID]int{}
	for i := range s.Sets {
		path := errs.JoinPath(prefix, errs.Index("Sets", i))
		s.Sets[i].validateInto(c, path)
		if j, dup := seen[s.Sets[i].ID]; dup && s.Sets[i].ID != "" {
			c.Add(path+".ID", "unique", string(s.Sets[i].ID), "id already used by Sets["+strconv.Itoa(j)+"]")
		} else {
			seen[s.Sets[i].ID] = i
		}
	}
	for i := range s.Sets {
		req := s.Sets[i].Requires
		if req == "" || req == s.Sets[i].ID {
			continue
		}
		path := errs.JoinPath(prefix, errs.Index("Sets", i)+".Requires")
		if _, ok := seen[req]; !ok {
			c.Add(path, ismsaudit.RuleUnknown, string(req), "no set of the scheme has this id")
			continue
		}
		// Follow the chain; a cycle returns to a set already visited.
		visited := map[CriteriaSetID]bool{s.Sets[i].ID: true}
		for cur := req; cur != ""; {
			if visited[cur] {
				c.Add(path, "no-cycle", string(req), "requirements form a cycle")
				break
			}
			visited[cur] = true
			next, ok := s.Set(cur)
			if !ok {
				break
			}
			cur = next.Requires
		}
	}
}

// DecodeScheme decodes a scheme from JSON strictly and validates it.
// Problems come back as one *ismsaudit.ValidationError with Go-field paths.
func DecodeScheme(data []byte) (Scheme, error) {
	var s Scheme
	c := newCollector("scheme")
	if !validate.JSON(c, data, &s) {
		return Scheme{}, c.Err()
	}
	s.validateInto(c, "")
	if err := c.Err(); err != nil {
		return Scheme{}, err
	}
	return s, nil
}
