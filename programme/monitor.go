package programme

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// The feedback scale, a project default (ISO 19011:2018 7.4 names
// feedback as a way to evaluate auditors but fixes no scale): 1 well below
// expectations, 2 below, 3 as expected, 4 above, 5 well above.
const (
	MinFeedbackScore = 1
	MaxFeedbackScore = 5
)

// MaxTrendPeriods bounds how many periods a trend may span (a hundred
// years of months); a longer span is refused, as it usually comes from a
// mistyped date.
const MaxTrendPeriods = 1200

// AuditorFeedback is one piece of feedback on an auditor's performance in
// one audit (ISO 19011:2018 5.6: feedback from the audit client, auditees,
// auditors and others; 7.4: feedback as an evaluation method), given by
// the host as input to monitoring.
type AuditorFeedback struct {
	// Audit is the audit the feedback is about; its record must be among
	// the records monitored.
	Audit ismsaudit.AuditID `json:"audit"`
	// Auditor is the auditor it is about.
	Auditor competence.AuditorID `json:"auditor"`
	// Score is on the scale MinFeedbackScore to MaxFeedbackScore.
	Score int `json:"score"`
	// Comment is what was said, if anything.
	Comment string `json:"comment,omitempty"`
	// From says who gave it (the auditee, the audit client, the team
	// leader...), if known.
	From string `json:"from,omitempty"`
	// At is when it was given.
	At time.Time `json:"at"`
}

// MonitorInput is what Monitor computes figures from.
type MonitorInput struct {
	// At is the date of the figures; required. Records after it (history
	// entries, feedback) are not yet known and do not count.
	At time.Time `json:"at"`
	// Schedule lists the audits the programme planned.
	Schedule []ScheduledAudit `json:"schedule,omitempty"`
	// Audits are the audit records; a scheduled audit refers to its record
	// by id (ScheduledAudit.Audit). Monitor only reads them.
	Audits []*audit.Audit `json:"audits,omitempty"`
	// Feedback lists feedback on the auditors.
	Feedback []AuditorFeedback `json:"feedback,omitempty"`
	// Trend, when set, asks for the figures per period as well.
	Trend Period `json:"trend,omitempty"`
}

// Monitor computes the monitoring figures of an audit programme (ISO
// 19011:2018 5.6) at in.At from its schedule, its audit records and the
// feedback on its auditors: audits completed against planned and on time,
// findings and nonconformities by grade and by criterion, corrective
// actions with their closure times (mean, median, 90th percentile, with
// golang.org/x/exp/stats) and those overdue, feedback per auditor, and, if
// in.Trend is set, the same figures per period. See Figures and its parts
// for what each figure counts.
//
// Monitor is a pure function: it reads its input, changes none of it, and
// gives the same figures for the same input, whatever the order of the
// records. It checks what it relies on — ids and the references between
// schedule, records, findings, follow-ups and feedback, the enumeration
// values it counts by, the dates it places items by — and returns one
// *ismsaudit.ValidationError listing every problem (unwrapping to ismsaudit.ErrNotFound as well
// when a reference is unknown). It does not check the audit process rules:
// audit.Verify does.
func Monitor(in MonitorInput) (*Figures, error) {
	return runMonitor(newCollector("monitoring input"), &in, inputSchedulePath, true)
}

// inputSchedulePath is the path of scheduled audit i of a MonitorInput.
func inputSchedulePath(i int) string { return errs.Index("Schedule", i) }

// DecodeMonitorInput decodes a MonitorInput from JSON strictly (unknown
// fields, wrong types and invalid enumeration tokens are refused) and
// checks it as Monitor does, all but the span of a trend (MaxTrendPeriods),
// which only the computation finds. Problems come back as one
// *ismsaudit.ValidationError with Go-field paths.
func DecodeMonitorInput(data []byte) (MonitorInput, error) {
	var in MonitorInput
	col := newCollector("monitoring input")
	if !validate.JSON(col, data, &in) {
		return MonitorInput{}, col.Err()
	}
	if _, err := runMonitor(col, &in, inputSchedulePath, false); err != nil {
		return MonitorInput{}, err
	}
	return in, nil
}

// runMonitor checks in, reporting every problem to col, and, when compute
// is set, computes its figures in the same pass: each record is counted
// right after it is checked, while it is in the cache, and only as long
// as nothing was found wrong (the figures of a refused input are never
// returned). auditPath(i) is the path of in.Schedule[i] in what the caller
// was given. Without compute it returns no figures.
func runMonitor(col *errs.Collector, in *MonitorInput, auditPath func(int) string, compute bool) (*Figures, error) {
	if in.At.IsZero() {
		col.Add("At", ismsaudit.RuleRequired, "", "the date of the figures")
	}
	if in.Trend != "" && !in.Trend.IsValid() {
		col.Add("Trend", ismsaudit.RuleEnum, string(in.Trend), "month, quarter or year")
	}
	var g *figuresTally
	if compute && col.Len() == 0 {
		g = newFiguresTally(in)
	}
	counting := func() bool { return g != nil && col.Len() == 0 }

	records := make(map[ismsaudit.AuditID]int, len(in.Audits))
	findingIDs := make(map[audit.FindingID]int) // reused for every record
	var sc recordScan                           // reused for every record
	for i, a := range in.Audits {
		path := func(field string) string { return errs.Index("Audits", i) + field }
		if a == nil {
			col.Add(path(""), ismsaudit.RuleRequired, "", "an audit record")
			continue
		}
		switch j, dup := records[a.ID]; {
		case a.ID == "":
			col.Add(path(".ID"), ismsaudit.RuleRequired, "", "the audit's id")
		case dup:
			col.Add(path(".ID"), ismsaudit.RuleUnique, string(a.ID), "id already used by Audits["+strconv.Itoa(j)+"]")
		default:
			records[a.ID] = i
		}
		if a.CreatedAt.IsZero() {
			col.Add(path(".CreatedAt"), ismsaudit.RuleRequired, "", "when the record was created")
		}
		checkFindings(col, i, a, findingIDs, &sc)
		if counting() {
			g.addRecord(in, i, &sc)
		}
	}

	linked := make([]bool, len(in.Audits)) // records a scheduled audit refers to
	scheduled := make(map[ScheduledAuditID]int, len(in.Schedule))
	refers := make(map[ismsaudit.AuditID]int, len(in.Schedule))
	for i := range in.Schedule {
		s := &in.Schedule[i]
		path := func(field string) string { return auditPath(i) + field }
		switch j, dup := scheduled[s.ID]; {
		case s.ID == "":
			col.Add(path(".ID"), ismsaudit.RuleRequired, "", "the scheduled audit's id")
		case dup:
			col.Add(path(".ID"), ismsaudit.RuleUnique, string(s.ID), "id already used by "+auditPath(j))
		default:
			scheduled[s.ID] = i
		}
		if s.Audit != "" {
			if j, dup := refers[s.Audit]; dup {
				col.Add(path(".Audit"), ismsaudit.RuleUnique, string(s.Audit), "the record is already the one of "+auditPath(j))
			} else {
				refers[s.Audit] = i
			}
			if r, ok := records[s.Audit]; ok {
				linked[r] = true
			} else {
				col.Add(path(".Audit"), ismsaudit.RuleUnknown, string(s.Audit), "no such audit record")
			}
		}
		if dueRef(s).IsZero() {
			col.Add(path(".Due"), ismsaudit.RuleRequired, "", "a due date (Due.Latest or Due.Earliest) or a Start, to place the audit in time")
		}
		if !s.Due.Earliest.IsZero() && !s.Due.Latest.IsZero() && s.Due.Earliest.After(s.Due.Latest) {
			col.Add(path(".Due.Earliest"), "order", s.Due.Earliest.Format(time.RFC3339), "after Due.Latest: the window is empty")
		}
	}
	if counting() {
		g.addSchedule(in, records, linked)
	}

	for i := range in.Feedback {
		f := &in.Feedback[i]
		path := func(field string) string { return errs.Index("Feedback", i) + field }
		switch _, ok := records[f.Audit]; {
		case f.Audit == "":
			col.Add(path(".Audit"), ismsaudit.RuleRequired, "", "the audit the feedback is about")
		case !ok:
			col.Add(path(".Audit"), ismsaudit.RuleUnknown, string(f.Audit), "no such audit record")
		}
		if f.Auditor == "" {
			col.Add(path(".Auditor"), ismsaudit.RuleRequired, "", "the auditor the feedback is about")
		}
		switch {
		case f.Score < MinFeedbackScore:
			col.Add(path(".Score"), "min", strconv.Itoa(f.Score), "at least "+strconv.Itoa(MinFeedbackScore))
		case f.Score > MaxFeedbackScore:
			col.Add(path(".Score"), "max", strconv.Itoa(f.Score), "at most "+strconv.Itoa(MaxFeedbackScore))
		}
		if f.At.IsZero() {
			col.Add(path(".At"), ismsaudit.RuleRequired, "", "when the feedback was given")
		}
	}
	if err := col.Err(); err != nil || g == nil {
		return nil, err
	}
	g.addFeedback(in)
	return g.figures(col, in)
}

// recordScan is what checking one record learns for counting it: the
// position of each finding's kind in kindOrder and of its grade in
// gradeOrder (-1 for none or unknown), and the finding of each follow-up
// (-1 for none).
type recordScan struct {
	kinds, grades []int8
	followed      []int
}

// checkFindings checks the findings and follow-ups of one record
// and fills sc. ids is scratch space. Paths are built only for problems:
// a programme holds tens of thousands of findings.
func checkFindings(col *errs.Collector, i int, a *audit.Audit, ids map[audit.FindingID]int, sc *recordScan) {
	sc.kinds, sc.grades, sc.followed = sc.kinds[:0], sc.grades[:0], sc.followed[:0]
	at := func(k int, field string) string { return errs.Index("Audits", i) + errs.Index(".Findings", k) + field }
	// Ids in increasing order (as hosts often number findings) are
	// unique and found by binary search; otherwise a map finds repeats
	// and the findings follow-ups are about.
	sorted := true
	for k := 1; k < len(a.Findings) && sorted; k++ {
		sorted = a.Findings[k-1].ID < a.Findings[k].ID
	}
	if !sorted {
		clear(ids)
	}
	for k := range a.Findings {
		f := &a.Findings[k]
		if sorted {
			if f.ID == "" {
				col.Add(at(k, ".ID"), ismsaudit.RuleRequired, "", "the finding's id")
			}
		} else {
			switch j, dup := ids[f.ID]; {
			case f.ID == "":
				col.Add(at(k, ".ID"), ismsaudit.RuleRequired, "", "the finding's id")
			case dup:
				col.Add(at(k, ".ID"), ismsaudit.RuleUnique, string(f.ID), "id already used by Findings["+strconv.Itoa(j)+"]")
			default:
				ids[f.ID] = k
			}
		}
		kind, grade := slices.Index(kindOrder, f.Kind), slices.Index(gradeOrder, f.Grade)
		switch {
		case f.Kind == "":
			col.Add(at(k, ".Kind"), ismsaudit.RuleRequired, "", "the kind of finding")
		case kind < 0:
			col.Add(at(k, ".Kind"), ismsaudit.RuleEnum, string(f.Kind), "not a finding kind")
		}
		if f.Grade != "" && grade < 0 {
			col.Add(at(k, ".Grade"), ismsaudit.RuleEnum, string(f.Grade), "not a grade")
		}
		sc.kinds, sc.grades = append(sc.kinds, int8(kind)), append(sc.grades, int8(grade))
		for j, r := range f.Criteria {
			switch {
			case r.Kind == "":
				col.Add(at(k, errs.Index(".Criteria", j)+".Kind"), ismsaudit.RuleRequired, "", "the kind of criterion")
			case !slices.Contains(refKindOrder, r.Kind):
				col.Add(at(k, errs.Index(".Criteria", j)+".Kind"), ismsaudit.RuleEnum, string(r.Kind), "not a kind of criterion")
			}
		}
	}
	for k := range a.FollowUps {
		u := &a.FollowUps[k] // by pointer: a follow-up is 256 bytes
		var fi int
		var ok bool
		if sorted {
			fi, ok = findFinding(a.Findings, u.Finding)
		} else {
			fi, ok = ids[u.Finding]
		}
		if !ok {
			fi = -1
		}
		sc.followed = append(sc.followed, fi)
		switch {
		case u.Finding == "":
			col.Add(errs.Index("Audits", i)+errs.Index(".FollowUps", k)+".Finding", ismsaudit.RuleRequired, "", "the nonconformity followed up")
		case !ok:
			col.Add(errs.Index("Audits", i)+errs.Index(".FollowUps", k)+".Finding", ismsaudit.RuleUnknown, string(u.Finding), "no such finding in the audit")
		}
	}
}

// findFinding finds the finding with the given id among findings
// sorted by id.
func findFinding(findings []audit.Finding, id audit.FindingID) (int, bool) {
	lo, hi := 0, len(findings)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if findings[mid].ID < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(findings) && findings[lo].ID == id
}

// dueRef is the time that places a scheduled audit in a period: its
// latest due date, else its earliest, else its planned start.
func dueRef(s *ScheduledAudit) time.Time {
	switch {
	case !s.Due.Latest.IsZero():
		return s.Due.Latest
	case !s.Due.Earliest.IsZero():
		return s.Due.Earliest
	}
	return s.Start
}

// compareRefs orders criteria: clauses, controls, documents, then
// anything else; within a kind in the standard's order, documents by id.
func compareRefs(a, b annexa.Ref) int {
	if c := refKindRank(a.Kind) - refKindRank(b.Kind); c != 0 {
		return c
	}
	switch a.Kind {
	case annexa.ClauseRef:
		return annexa.ClauseID(a.ID).Compare(annexa.ClauseID(b.ID))
	case annexa.ControlRef:
		return annexa.ControlID(a.ID).Compare(annexa.ControlID(b.ID))
	}
	return strings.Compare(a.ID, b.ID)
}

func refKindRank(k annexa.RefKind) int {
	switch k {
	case annexa.ClauseRef:
		return 0
	case annexa.ControlRef:
		return 1
	case annexa.DocumentRef:
		return 2
	}
	return otherRefKinds
}

// otherRefKinds is the rank of criteria of any other kind.
const otherRefKinds = 3

// MonitorOptions is what [Programme.Monitor] needs besides the programme
// itself: the date, the audit records, the feedback and the trend, as in
// [MonitorInput].
type MonitorOptions struct {
	// At is the date of the figures; required. Records after it are not
	// yet known and do not count.
	At time.Time `json:"at"`
	// Audits are the audit records; a scheduled audit of the programme
	// refers to its record by id (ScheduledAudit.Audit). Records no
	// scheduled audit refers to count as unscheduled.
	Audits []*audit.Audit `json:"audits,omitempty"`
	// Feedback lists feedback on the auditors.
	Feedback []AuditorFeedback `json:"feedback,omitempty"`
	// Trend, when set, asks for the figures per period as well.
	Trend Period `json:"trend,omitempty"`
}

// Monitor computes the monitoring figures of the programme (ISO 19011:2018
// 5.6) at opts.At, as [Monitor] does, over the programme's own schedule:
// every audit of p.Schedule, then every audit of each certification
// cycle (p.Cycles[0].Audits, p.Cycles[1].Audits, ...). Those are all the
// audits the version plans: the schedule and the cycles carry over to
// each new version (Improve), so the latest version monitors the whole
// programme, earlier versions' audits included.
//
// Monitor reads the programme and changes nothing, in any state: an
// improved or closed version gives the figures of the record, and a
// version under review the figures its review considers (see
// [Figures.ReviewInput]). Problems come back as one *ismsaudit.ValidationError whose
// paths lead into the programme for the schedule ("Schedule[2].Due",
// "Cycles[0].Audits[3].Audit") and into opts for the rest ("At", "Trend",
// "Audits[4].Findings[1].Kind", "Feedback[0].Score"). Every scheduled
// audit needs a date to be placed in time: a due window bound or a start.
func (p *Programme) Monitor(opts MonitorOptions) (*Figures, error) {
	refs := programmeRefs(p)
	in := MonitorInput{At: opts.At, Audits: opts.Audits, Feedback: opts.Feedback, Trend: opts.Trend,
		Schedule: make([]ScheduledAudit, len(refs))}
	for i, r := range refs {
		in.Schedule[i] = *r.a // shallow: monitoring only reads
	}
	return runMonitor(newCollector("programme monitoring"), &in, func(i int) string { return refs[i].path }, true)
}
