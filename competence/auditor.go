package competence

import (
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// AuditorID identifies a person of the auditor pool. The host chooses it;
// it must be non-empty and unique within a pool.
type AuditorID string

// String returns the id.
func (id AuditorID) String() string { return string(id) }

// Auditor is the competence record of one person of the pool (ISO
// 19011:2018 clause 7, ISO/IEC 27007:2020 clause 7): how competence was
// achieved (education, work, training, audit experience: 19011:7.2.4),
// what was assessed (behaviours 7.2.2, knowledge and skills 7.2.3), what
// keeps it current (CPD 7.6), what bears on independence (involvements,
// 19011:4 e), qualifications, availability and the evaluations against
// criteria sets (7.3 to 7.5).
//
// The record is plain data: the zero value is invalid (no id); use
// [Auditor.Validate] or [DecodeAuditor] to check one. Functions reading a
// record never change it.
type Auditor struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindAuditor and the format version
	// the record was read or made in. DecodeAuditor sets them; a host
	// building a record sets them too, or the record is written without
	// them, as format version 0, which DecodeAuditor still reads. The
	// library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// ID is the host's id for the person.
	ID AuditorID `json:"id" validate:"required"`
	// Name is the person's name.
	Name string `json:"name" validate:"required"`
	// Expert says the person may serve as a technical expert (19011:3.16):
	// they may meet knowledge, sector and technical area needs of a team
	// but never count as an auditor or lead.
	Expert bool `json:"expert,omitempty"`
	// Education lists degrees and other formal education (19011:7.2.4).
	Education []Education `json:"education,omitempty" validate:"dive"`
	// Work lists work experience (19011:7.2.4).
	Work []WorkExperience `json:"work,omitempty" validate:"dive"`
	// Training lists completed training, such as an ISMS auditor or lead
	// auditor course (19011:7.2.4).
	Training []Training `json:"training,omitempty" validate:"dive"`
	// Audits is the audit experience log (19011:7.2.4, 7.2.5).
	Audits []AuditLogEntry `json:"audits,omitempty" validate:"dive"`
	// Behaviours lists assessments of the personal behaviours of
	// 19011:7.2.2; the latest assessment of a behaviour counts.
	Behaviours []BehaviourAssessment `json:"behaviours,omitempty" validate:"dive"`
	// Skills gives the person's level in each assessed knowledge area
	// (19011:7.2.3), one entry per area.
	Skills []Skill `json:"skills,omitempty" validate:"dive"`
	// Sectors lists business sectors the person knows (19011:7.2.3.3),
	// in the host's vocabulary; compared exactly.
	Sectors []string `json:"sectors,omitempty" validate:"unique,dive,required"`
	// TechnicalAreas lists technical areas the person knows, in the host's
	// vocabulary (e.g. an accreditation scheme's technical areas).
	TechnicalAreas []string `json:"technicalAreas,omitempty" validate:"unique,dive,required"`
	// Languages lists the languages the person audits in, in the host's
	// vocabulary (e.g. BCP 47 tags); compared exactly.
	Languages []string `json:"languages,omitempty" validate:"unique,dive,required"`
	// Involvements lists current responsibilities and past work,
	// consultancy and employment that bear on independence (19011:4 e,
	// 27001:9.2.2).
	Involvements []Involvement `json:"involvements,omitempty" validate:"dive"`
	// Qualifications lists qualifications held, with their validity.
	Qualifications []Qualification `json:"qualifications,omitempty" validate:"dive"`
	// CPD lists continual professional development (19011:7.6).
	CPD []CPDRecord `json:"cpd,omitempty" validate:"dive"`
	// Unavailable lists periods the person cannot audit (leave, other
	// commitments known to the record).
	Unavailable []Period `json:"unavailable,omitempty" validate:"dive"`
	// Evaluations lists the evaluations against criteria sets, oldest
	// first (19011:7.5). At most one per criteria set is not withdrawn.
	Evaluations []Evaluation `json:"evaluations,omitempty" validate:"dive"`
}

// Period is a span of dates. To is inclusive; a zero To means open-ended
// (ongoing).
type Period struct {
	From time.Time `json:"from" validate:"required"`
	To   time.Time `json:"to,omitzero"`
}

// Contains reports whether t falls within the period.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && (p.To.IsZero() || !t.After(p.To))
}

// Overlaps reports whether p and q share at least one instant. A zero To
// on either side is open-ended.
func (p Period) Overlaps(q Period) bool {
	return (q.To.IsZero() || !p.From.After(q.To)) && (p.To.IsZero() || !q.From.After(p.To))
}

// Education is one degree or other formal education (19011:7.2.4).
type Education struct {
	// Title names the degree or certificate, e.g. "MSc Information Security".
	Title string `json:"title" validate:"required"`
	// Field is the subject, e.g. "computer science".
	Field string `json:"field,omitempty"`
	// Institution awarded it.
	Institution string `json:"institution,omitempty"`
	// Completed is when it was awarded; zero when unknown.
	Completed time.Time `json:"completed,omitzero"`
}

// WorkExperience is one period of employment (19011:7.2.4).
type WorkExperience struct {
	// Employer names the organisation.
	Employer string `json:"employer" validate:"required"`
	// Position is the job title.
	Position string `json:"position,omitempty"`
	// Field is the field of work, e.g. "IT operations".
	Field string `json:"field" validate:"required"`
	// InformationSecurity says the work was in information security;
	// such periods also count as security work experience.
	InformationSecurity bool `json:"informationSecurity,omitempty"`
	// From is the first day.
	From time.Time `json:"from" validate:"required"`
	// To is the last day; zero while the work continues.
	To time.Time `json:"to,omitzero"`
}

// Training is one completed course (19011:7.2.4).
type Training struct {
	// Course names the course, e.g. "ISO/IEC 27001 Lead Auditor".
	Course string `json:"course" validate:"required"`
	// Kind classifies it.
	Kind TrainingKind `json:"kind" validate:"enum"`
	// Hours is the course length in hours.
	Hours float64 `json:"hours" validate:"gt=0"`
	// Completed is the day it was completed (exam passed, if any).
	Completed time.Time `json:"completed" validate:"required"`
	// Provider gave the course.
	Provider string `json:"provider,omitempty"`
}

// TrainingKind classifies a training record (19011:7.2.4: competence is
// achieved partly through training).
//
//ismsaudit:enum TrainingKinds
type TrainingKind string

// The training kinds. Never reorder.
const (
	// AuditCourse is generic management system auditing training on
	// ISO 19011 (19011:7.2.4).
	AuditCourse TrainingKind = "audit-course"
	// InternalAuditorCourse is an ISMS internal auditor course, commonly
	// two days (19011:7.2.4).
	InternalAuditorCourse TrainingKind = "isms-internal-auditor-course"
	// LeadAuditorCourse is an ISMS lead auditor course, commonly about 40
	// hours over five days with an exam (19011:7.2.4).
	LeadAuditorCourse TrainingKind = "isms-lead-auditor-course"
	// ImplementationCourse is ISO/IEC 27001 foundation or implementation
	// training (27007:7.2.3.3).
	ImplementationCourse TrainingKind = "isms-implementation-course"
	// SecurityCourse is technical information security training
	// (27007:7.2.3.3).
	SecurityCourse TrainingKind = "security-course"
	// OtherTraining is any other training.
	OtherTraining TrainingKind = "other"
)

// AuditLogEntry is one audit in the audit experience log (19011:7.2.4,
// 7.2.5).
type AuditLogEntry struct {
	// Audit is the host's id of the audit.
	Audit ismsaudit.AuditID `json:"audit" validate:"required"`
	// Auditee names the audited organisation.
	Auditee string `json:"auditee,omitempty"`
	// Date is the last day of the audit.
	Date time.Time `json:"date" validate:"required"`
	// Days is the person's audit time in days.
	Days float64 `json:"days" validate:"gt=0"`
	// Role is the part the person played.
	Role Role `json:"role" validate:"enum"`
	// Standard is the audit criteria standard, e.g. "ISO/IEC 27001:2022".
	Standard string `json:"standard,omitempty"`
	// Sector is the auditee's sector.
	Sector string `json:"sector,omitempty"`
	// GuidedBy names the team leader who directed and guided the person
	// when they acted as trainee or as team leader under guidance
	// (19011:7.2.4, 7.2.5).
	GuidedBy AuditorID `json:"guidedBy,omitempty"`
}

// Qualification is a qualification or certification the person holds,
// such as a registered lead auditor certificate.
type Qualification struct {
	// Name names it; criteria refer to it by this name.
	Name string `json:"name" validate:"required"`
	// Issuer issued it.
	Issuer string `json:"issuer,omitempty"`
	// Reference is the certificate number or similar.
	Reference string `json:"reference,omitempty"`
	// From is the first day it is valid.
	From time.Time `json:"from" validate:"required"`
	// Until is the last day it is valid; zero when it does not expire.
	Until time.Time `json:"until,omitzero"`
}

// ValidAt reports whether the qualification is valid at t.
func (q Qualification) ValidAt(t time.Time) bool {
	return !t.Before(q.From) && (q.Until.IsZero() || !t.After(q.Until))
}

// CPDRecord is one continual professional development activity
// (19011:7.6).
type CPDRecord struct {
	// Activity describes it, e.g. "conference on cloud security".
	Activity string `json:"activity" validate:"required"`
	// Hours is its length in hours.
	Hours float64 `json:"hours" validate:"gt=0"`
	// Date is when it was completed.
	Date time.Time `json:"date" validate:"required"`
	// Area is the knowledge area it develops, if one.
	Area KnowledgeArea `json:"area,omitempty" validate:"omitempty,enum"`
}

// SkillLevel returns the person's recorded level in area.
func (a *Auditor) SkillLevel(area KnowledgeArea) (Level, bool) {
	for i := range a.Skills {
		if a.Skills[i].Area == area {
			return a.Skills[i].Level, true
		}
	}
	return "", false
}

// WorkYears returns the years of work experience up to at, counting
// overlapping periods once. A year is 365.25 days.
func (a *Auditor) WorkYears(at time.Time) float64 { return a.workYears(at, false) }

// SecurityWorkYears returns the years of work experience in information
// security up to at (work marked InformationSecurity), counting
// overlapping periods once. A year is 365.25 days.
func (a *Auditor) SecurityWorkYears(at time.Time) float64 { return a.workYears(at, true) }

// workYears is WorkYears, or SecurityWorkYears when security is set.
func (a *Auditor) workYears(at time.Time, security bool) float64 {
	type span struct{ from, to time.Time }
	var store [8]span
	spans := store[:0]
	for _, w := range a.Work {
		if security && !w.InformationSecurity {
			continue
		}
		to := w.To
		if to.IsZero() || to.After(at) {
			to = at
		}
		if !w.From.Before(to) {
			continue
		}
		spans = append(spans, span{w.From, to})
	}
	slices.SortFunc(spans, func(x, y span) int { return x.from.Compare(y.from) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case !s.from.After(cur.to):
			if s.to.After(cur.to) {
				cur.to = s.to
			}
		default:
			total += cur.to.Sub(cur.from)
			cur = s
		}
	}
	if len(spans) > 0 {
		total += cur.to.Sub(cur.from)
	}
	return total.Hours() / 24 / 365.25
}

// Evaluation returns the person's current evaluation against the given
// criteria set: the one not withdrawn, else the latest withdrawn one; nil
// when there is none.
func (a *Auditor) Evaluation(set CriteriaSetID) *Evaluation {
	var last *Evaluation
	for i := range a.Evaluations {
		e := &a.Evaluations[i]
		if e.Criteria != set {
			continue
		}
		if e.State != Withdrawn {
			return e
		}
		last = e
	}
	return last
}

// Covers reports whether the person's record meets need n: a knowledge
// area at or above the level, a sector, a technical area or a language.
// It says nothing about competence, independence or availability, and a
// need of kind leader or team size is never met by a record alone.
func (a *Auditor) Covers(n Need) bool {
	switch n.Kind {
	case NeedKnowledge:
		l, ok := a.SkillLevel(n.Area)
		return ok && l.AtLeast(n.Level)
	case NeedSector:
		return contains(a.Sectors, n.Value)
	case NeedTechnicalArea:
		return contains(a.TechnicalAreas, n.Value)
	case NeedLanguage:
		return contains(a.Languages, n.Value)
	}
	return false
}

// AvailableDuring reports whether no unavailability period of the record
// overlaps p.
func (a *Auditor) AvailableDuring(p Period) bool {
	for _, u := range a.Unavailable {
		if u.Overlaps(p) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Validate checks the record's shape (struct tags) and its domain rules:
// periods that end before they start, skills repeated for an area, guidance
// by oneself, evaluations that belong to someone else, evaluation ids
// repeated, more than one open evaluation per criteria set, and each
// evaluation's own consistency (see [Evaluation.Validate]). It reports
// every problem at once in a *ismsaudit.ValidationError.
func (a *Auditor) Validate() error {
	c := newCollector("auditor")
	a.validateInto(c, "")
	return c.Err()
}

func (a *Auditor) validateInto(c *errs.Collector, prefix string) {
	validate.Struct(c, prefix, a)
	p := func(path string) string { return errs.JoinPath(prefix, path) }
	for i, w := range a.Work {
		checkOrder(c, p(errs.Index("Work", i)+".To"), w.From, w.To)
	}
	for i, t := range a.Training {
		checkFinite(c, p(errs.Index("Training", i)+".Hours"), t.Hours)
	}
	for i, e := range a.Audits {
		checkFinite(c, p(errs.Index("Audits", i)+".Days"), e.Days)
		if e.GuidedBy != "" && e.GuidedBy == a.ID {
			c.Add(p(errs.Index("Audits", i)+".GuidedBy"), "not-self", string(e.GuidedBy), "a person cannot guide themselves")
		}
	}
	seen := map[KnowledgeArea]int{}
	for i, s := range a.Skills {
		if j, dup := seen[s.Area]; dup && s.Area != "" {
			c.Add(p(errs.Index("Skills", i)+".Area"), "unique", string(s.Area), "area already given at Skills["+itoa(j)+"]")
			continue
		}
		seen[s.Area] = i
	}
	for i, v := range a.Involvements {
		if !v.From.IsZero() {
			checkOrder(c, p(errs.Index("Involvements", i)+".To"), v.From, v.To)
		}
	}
	for i, q := range a.Qualifications {
		checkOrder(c, p(errs.Index("Qualifications", i)+".Until"), q.From, q.Until)
	}
	for i, r := range a.CPD {
		checkFinite(c, p(errs.Index("CPD", i)+".Hours"), r.Hours)
	}
	for i, u := range a.Unavailable {
		checkOrder(c, p(errs.Index("Unavailable", i)+".To"), u.From, u.To)
	}
	ids := map[EvaluationID]int{}
	open := map[CriteriaSetID]int{}
	for i := range a.Evaluations {
		e := &a.Evaluations[i]
		path := p(errs.Index("Evaluations", i))
		if e.Auditor != a.ID {
			c.Add(path+".Auditor", "same-auditor", string(e.Auditor), "the evaluation belongs to "+quote(string(a.ID)))
		}
		if j, dup := ids[e.ID]; dup && e.ID != "" {
			c.Add(path+".ID", "unique", string(e.ID), "id already used by Evaluations["+itoa(j)+"]")
		} else {
			ids[e.ID] = i
		}
		if e.State != Withdrawn && e.Criteria != "" {
			if j, dup := open[e.Criteria]; dup {
				c.Add(path+".Criteria", RuleEvalOneOpen, string(e.Criteria), "Evaluations["+itoa(j)+"] against the same set is not withdrawn")
			} else {
				open[e.Criteria] = i
			}
		}
		e.domainInto(c, path)
	}
}

// DecodeAuditor decodes one auditor record from JSON strictly (unknown
// fields, wrong types and invalid enumeration tokens are refused) and
// validates it. Problems come back as one *ismsaudit.ValidationError with Go-field
// paths.
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func DecodeAuditor(data []byte) (Auditor, error) {
	data, err := validate.Upgrade(ismsaudit.KindAuditor, data)
	if err != nil {
		return Auditor{}, err
	}
	var a Auditor
	c := newCollector("auditor")
	if !validate.JSON(c, data, &a) {
		return Auditor{}, c.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	a.DocumentKind, a.FormatVersion = ismsaudit.KindAuditor, ismsaudit.KindAuditor.FormatVersion()
	a.validateInto(c, "")
	if err := c.Err(); err != nil {
		return Auditor{}, err
	}
	return a, nil
}
