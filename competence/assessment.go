package competence

import (
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// CriterionResult is the result for one criterion of an [Assessment]:
// met or not, why, and which evaluation methods informed it.
type CriterionResult struct {
	// Criterion is the criterion's id.
	Criterion CriterionID `json:"criterion" validate:"required"`
	// Kind is the criterion's kind.
	Kind CriterionKind `json:"kind" validate:"enum"`
	// Met says whether the criterion is met.
	Met bool `json:"met"`
	// Why explains the result: what the record shows against what the
	// criterion asks, and what the methods found.
	Why string `json:"why"`
	// InformedBy lists the suited methods that informed it, in
	// 19011:7.4 order.
	InformedBy []Method `json:"informedBy,omitempty" validate:"dive,enum"`
}

// Assessment is the result of evaluating an auditor against a criteria
// set at a date (ISO 19011:2018 7.5): one result per criterion, in the
// set's order, and whether all are met. [Evaluation.Decide] records it.
type Assessment struct {
	// Auditor is the person evaluated.
	Auditor AuditorID `json:"auditor" validate:"required"`
	// Criteria is the criteria set.
	Criteria CriteriaSetID `json:"criteria" validate:"required"`
	// EvaluatedAt is the date the record was evaluated at, the date
	// Evaluate was given: criteria windows and validity are judged on
	// it. It may come before the decision that records the assessment,
	// whose own time is the Meta of [Evaluation.Decide].
	EvaluatedAt time.Time `json:"evaluatedAt" validate:"required"`
	// Results holds one result per criterion of the set.
	Results []CriterionResult `json:"results" validate:"required,min=1,dive"`
	// Methods lists the distinct methods whose findings counted, in
	// 19011:7.4 order.
	Methods []Method `json:"methods,omitempty" validate:"dive,enum"`
	// Competent says every criterion is met.
	Competent bool `json:"competent"`
	// DueAt is when re-evaluation falls due, for a competent assessment.
	DueAt time.Time `json:"dueAt,omitzero"`
}

// Unmet returns the results of the criteria not met.
func (a *Assessment) Unmet() []CriterionResult {
	var out []CriterionResult
	for _, r := range a.Results {
		if !r.Met {
			out = append(out, r)
		}
	}
	return out
}

// Evaluate evaluates auditor a against criteria set s at date at, using
// the method results given (normally the current round's results of an
// [Evaluation]). It is pure: same input, same output.
//
// A criterion is met when all three hold, and its Why says which failed:
//
//   - the record satisfies it at the date (a behaviour demonstrated in its
//     latest assessment, a skill level at or above the one asked, enough
//     years, hours, audits, days or a valid qualification);
//   - at least one method accepted for it informs it (rule
//     CMP-EVAL-INFORMED; see [Criterion.Accepts]);
//   - no accepted method found it not met.
//
// Findings from a method the criterion does not accept are ignored and
// said so. Evaluate checks the method results (valid method, date not
// after at, evaluator named, findings naming criteria of the set, once
// per result) and reports every problem at once in a *ismsaudit.ValidationError. It
// does not re-validate the record or the set: validate them once with
// [Auditor.Validate] and [Scheme.Validate] (a [Pool] does both).
func Evaluate(a *Auditor, s *CriteriaSet, results []MethodResult, at time.Time) (Assessment, error) {
	c := newCollector("evaluation input")
	if a == nil || s == nil {
		c.Add("", "required", "", "an auditor and a criteria set are required")
		return Assessment{}, c.Err()
	}
	if at.IsZero() {
		c.Add("At", "required", "", "the evaluation date is required")
	}
	n := len(s.Criteria)
	masks := make([]methodMask, 3*n)
	// Accepted methods that informed; methods not accepted that did;
	// methods each criterion accepts (computed on first use, marked by
	// the top bit).
	informed, ignored, accepts := masks[:n], masks[n:2*n], masks[2*n:]
	ints := make([]int32, 4*n+1)
	seenIn, adverseR, adverseF, ends := ints[:n], ints[n:2*n], ints[2*n:3*n], ints[3*n:]
	look := lookup{s: s}
	var used methodMask
	for ri := range results {
		r := &results[ri]
		mi := methodSet.Index(r.Method)
		if mi < 0 {
			c.Add(errs.Index("Results", ri)+".Method", "enum", string(r.Method), "not a valid value of the enumeration")
		}
		switch {
		case r.At.IsZero():
			c.Add(errs.Index("Results", ri)+".At", "required", "", "a value is required")
		case !at.IsZero() && r.At.After(at):
			c.Add(errs.Index("Results", ri)+".At", "not-after-evaluation", day(r.At), "a result cannot postdate the evaluation date")
		}
		if r.By == "" {
			c.Add(errs.Index("Results", ri)+".By", "required", "", "a value is required")
		}
		if len(r.Findings) == 0 {
			c.Add(errs.Index("Results", ri)+".Findings", "required", "", "a result informs at least one criterion")
		}
		for fi := range r.Findings {
			f := &r.Findings[fi]
			i := look.find(f.Criterion)
			switch {
			case i < 0:
				c.Add(errs.Index("Results", ri)+errs.Index(".Findings", fi)+".Criterion", ismsaudit.RuleUnknown, string(f.Criterion), "no criterion of the set has this id")
				continue
			case seenIn[i] == int32(ri+1):
				c.Add(errs.Index("Results", ri)+errs.Index(".Findings", fi)+".Criterion", "unique", string(f.Criterion), "the result already informs this criterion")
				continue
			case mi < 0:
				continue
			}
			seenIn[i] = int32(ri + 1)
			bit := methodMask(1) << mi
			if accepts[i] == 0 {
				accepts[i] = computedMask | s.Criteria[i].acceptMask()
			}
			if accepts[i]&bit == 0 {
				ignored[i] |= bit
				continue
			}
			informed[i] |= bit
			used |= bit
			if !f.Met && adverseR[i] == 0 {
				adverseR[i], adverseF[i] = int32(ri+1), int32(fi)
			}
		}
	}
	if err := c.Err(); err != nil {
		return Assessment{}, err
	}

	out := Assessment{Auditor: a.ID, Criteria: s.ID, EvaluatedAt: at, Results: make([]CriterionResult, n), Methods: used.methods(), Competent: true}
	total := 0
	for _, m := range informed {
		total += m.count()
	}
	backing := make([]Method, 0, total)
	buf := make([]byte, 0, 112*n)
	for i := range s.Criteria {
		cr := &s.Criteria[i]
		var ok bool
		buf, ok = recordCheck(buf, a, cr, at)
		switch {
		case informed[i] == 0:
			ok = false
			buf = append(buf, "; no accepted evaluation method informs it ("+RuleEvalInformed+")"...)
		case adverseR[i] != 0:
			ok = false
			r := &results[adverseR[i]-1]
			buf = append(buf, "; "...)
			buf = append(buf, r.Method...)
			buf = append(buf, " found it not met"...)
			if note := r.Findings[adverseF[i]].Note; note != "" {
				buf = append(buf, " ("...)
				buf = append(buf, note...)
				buf = append(buf, ')')
			}
		default:
			buf = append(buf, "; confirmed by "...)
			buf = append(buf, maskText[informed[i]]...)
		}
		if ignored[i] != 0 {
			buf = append(buf, "; ignored "...)
			buf = append(buf, maskText[ignored[i]]...)
			buf = append(buf, ", not accepted for this criterion"...)
		}
		ends[i+1] = int32(len(buf))
		var by []Method
		if informed[i] != 0 {
			k := len(backing)
			backing = informed[i].appendMethods(backing)
			by = backing[k:len(backing):len(backing)]
		}
		out.Results[i] = CriterionResult{Criterion: cr.ID, Kind: cr.Kind, Met: ok, InformedBy: by}
		if !ok {
			out.Competent = false
		}
	}
	whys := string(buf)
	for i := range out.Results {
		out.Results[i].Why = whys[ends[i]:ends[i+1]]
	}
	if out.Competent {
		out.DueAt = s.DueAfter(at)
	}
	return out, nil
}

// lookup finds criteria by id. Results usually list findings in set
// order, perhaps skipping some, so it scans forward from the last match;
// for large sets it falls back to a map built on first need.
type lookup struct {
	s     *CriteriaSet
	next  int
	index map[CriterionID]int
}

// scanLimit is the set size up to which lookup scans instead of hashing.
const scanLimit = 64

func (l *lookup) find(id CriterionID) int {
	crit := l.s.Criteria
	if len(crit) <= scanLimit {
		for k := range crit {
			i := l.next + k
			if i >= len(crit) {
				i -= len(crit)
			}
			if crit[i].ID == id {
				l.next = i + 1
				return i
			}
		}
		return -1
	}
	if l.index == nil {
		l.index = make(map[CriterionID]int, len(l.s.Criteria))
		for i := range l.s.Criteria {
			if _, dup := l.index[l.s.Criteria[i].ID]; !dup {
				l.index[l.s.Criteria[i].ID] = i
			}
		}
	}
	i, ok := l.index[id]
	if !ok {
		return -1
	}
	l.next = i + 1
	return i
}

// recordCheck appends to buf why the record does or does not satisfy
// criterion cr at date at, and reports whether it does.
func recordCheck(buf []byte, a *Auditor, cr *Criterion, at time.Time) ([]byte, bool) {
	switch cr.Kind {
	case BehaviourCriterion:
		var latest *BehaviourAssessment
		for i := range a.Behaviours {
			b := &a.Behaviours[i]
			if b.Behaviour == cr.Behaviour && !b.At.After(at) && (latest == nil || !b.At.Before(latest.At)) {
				latest = b
			}
		}
		if latest == nil {
			buf = append(buf, "no assessment of "...)
			buf = appendToken(buf, string(cr.Behaviour))
			return append(buf, " recorded"...), false
		}
		buf = appendToken(buf, string(cr.Behaviour))
		if latest.Demonstrated {
			buf = append(buf, " demonstrated in the latest assessment ("...)
		} else {
			buf = append(buf, " not demonstrated in the latest assessment ("...)
		}
		buf = appendDay(buf, latest.At)
		return append(buf, ')'), latest.Demonstrated
	case KnowledgeCriterion:
		l, ok := a.SkillLevel(cr.Area)
		if !ok {
			buf = append(buf, "no level recorded in "...)
			buf = append(buf, cr.Area...)
			buf = append(buf, ", required "...)
			return append(buf, cr.Level...), false
		}
		buf = append(buf, "recorded level "...)
		buf = append(buf, l...)
		buf = append(buf, " in "...)
		buf = append(buf, cr.Area...)
		if l.AtLeast(cr.Level) {
			buf = append(buf, ", required "...)
			return append(buf, cr.Level...), true
		}
		buf = append(buf, " is below the required "...)
		return append(buf, cr.Level...), false
	case WorkYears, SecurityWorkYears:
		y := a.workYears(at, cr.Kind == SecurityWorkYears)
		buf = strconv.AppendFloat(buf, y, 'f', 1, 64)
		if cr.Kind == SecurityWorkYears {
			buf = append(buf, " years of information security work experience, required "...)
		} else {
			buf = append(buf, " years of work experience, required "...)
		}
		return strconv.AppendFloat(buf, cr.Min, 'f', -1, 64), y >= cr.Min
	case TrainingHours:
		from := windowStart(at, cr.WindowMonths)
		var h float64
		for i := range a.Training {
			t := &a.Training[i]
			if !t.Completed.After(at) && !t.Completed.Before(from) && (len(cr.Training) == 0 || containsKind(cr.Training, t.Kind)) {
				h += t.Hours
			}
		}
		buf = strconv.AppendFloat(buf, h, 'f', -1, 64)
		buf = append(buf, " hours of training"...)
		buf = appendWindow(buf, cr.WindowMonths)
		buf = append(buf, ", required "...)
		return strconv.AppendFloat(buf, cr.Min, 'f', -1, 64), h >= cr.Min
	case CourseCompleted:
		if len(cr.Training) != 1 {
			return append(buf, "invalid criterion: a course criterion names one training kind"...), false
		}
		var best *Training
		for i := range a.Training {
			t := &a.Training[i]
			if t.Kind == cr.Training[0] && !t.Completed.After(at) && (best == nil || t.Hours > best.Hours) {
				best = t
			}
		}
		if best == nil {
			buf = append(buf, "no "...)
			buf = append(buf, cr.Training[0]...)
			return append(buf, " completed"...), false
		}
		ok := best.Hours >= cr.Min
		if !ok {
			buf = append(buf, "longest "...)
		}
		buf = strconv.AppendQuote(buf, best.Course)
		buf = append(buf, " ("...)
		buf = strconv.AppendFloat(buf, best.Hours, 'f', -1, 64)
		buf = append(buf, " hours, "...)
		buf = appendDay(buf, best.Completed)
		buf = append(buf, ") completed, required "...)
		buf = strconv.AppendFloat(buf, cr.Min, 'f', -1, 64)
		return append(buf, " hours"...), ok
	case AuditCount, AuditDays, GuidedLeadAudits:
		n, days := countAudits(a, at, cr.WindowMonths, cr.Kind == GuidedLeadAudits, cr.Roles, cr.Standards)
		var ok bool
		switch cr.Kind {
		case AuditDays:
			buf = strconv.AppendFloat(buf, days, 'f', -1, 64)
			buf = append(buf, " audit days"...)
			ok = days >= cr.Min
		case AuditCount:
			buf = strconv.AppendInt(buf, int64(n), 10)
			buf = append(buf, " audits"...)
			ok = float64(n) >= cr.Min
		default:
			buf = strconv.AppendInt(buf, int64(n), 10)
			buf = append(buf, " audits led under guidance"...)
			ok = float64(n) >= cr.Min
		}
		buf = appendWindow(buf, cr.WindowMonths)
		buf = append(buf, ", required "...)
		return strconv.AppendFloat(buf, cr.Min, 'f', -1, 64), ok
	case QualificationHeld:
		for _, q := range a.Qualifications {
			if q.Name == cr.Qualification && q.ValidAt(at) {
				buf = strconv.AppendQuote(buf, q.Name)
				return append(buf, " held and valid"...), true
			}
		}
		buf = strconv.AppendQuote(buf, cr.Qualification)
		buf = append(buf, " not held or not valid on "...)
		return appendDay(buf, at), false
	}
	buf = append(buf, "invalid criterion kind "...)
	return strconv.AppendQuote(buf, string(cr.Kind)), false
}

// countAudits counts log entries up to at within the window: with guided,
// audits led as team leader under someone's guidance; otherwise audits in
// roles (default: the auditing roles). Standards filter both.
func countAudits(a *Auditor, at time.Time, window int, guided bool, roles []Role, standards []string) (int, float64) {
	from := windowStart(at, window)
	n, days := 0, 0.0
	for i := range a.Audits {
		e := &a.Audits[i]
		if e.Date.After(at) || e.Date.Before(from) || !standardMatches(e.Standard, standards) {
			continue
		}
		if guided {
			if e.Role != RoleTeamLeader || e.GuidedBy == "" {
				continue
			}
		} else if !roleCounts(e.Role, roles) {
			continue
		}
		n++
		days += e.Days
	}
	return n, days
}

func roleCounts(r Role, roles []Role) bool {
	if len(roles) == 0 {
		return r.Audits()
	}
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// standardMatches reports whether a log entry's standard is one of the
// listed ones, or an edition of one ("ISO/IEC 27001:2022" matches
// "ISO/IEC 27001"). An empty list matches everything.
func standardMatches(std string, list []string) bool {
	if len(list) == 0 {
		return true
	}
	for _, s := range list {
		if std == s || (len(std) > len(s) && std[len(s)] == ':' && std[:len(s)] == s) {
			return true
		}
	}
	return false
}

func containsKind(list []TrainingKind, k TrainingKind) bool {
	for _, v := range list {
		if v == k {
			return true
		}
	}
	return false
}

// windowStart is the first instant counted by a window of months ending
// at at; the zero time for no window.
func windowStart(at time.Time, months int) time.Time {
	if months <= 0 {
		return time.Time{}
	}
	return at.AddDate(0, -months, 0)
}

func appendWindow(buf []byte, months int) []byte {
	if months <= 0 {
		return buf
	}
	buf = append(buf, " in the last "...)
	buf = strconv.AppendInt(buf, int64(months), 10)
	return append(buf, " months"...)
}

// appendDay appends t as time.DateOnly does, faster for the common
// four-digit years.
func appendDay(buf []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(buf, time.DateOnly)
	}
	return append(buf, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// appendToken appends an enumeration token in double quotes; tokens need
// no escaping.
func appendToken(buf []byte, tok string) []byte {
	buf = append(buf, '"')
	buf = append(buf, tok...)
	return append(buf, '"')
}
