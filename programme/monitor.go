package programme

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/enum"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// TrendPeriod is the length of the periods of a trend: calendar periods in
// UTC.
type TrendPeriod string

// The TrendPeriod values. Never reorder.
const (
	TrendMonth   TrendPeriod = "month"   // calendar months, labelled "2026-01"
	TrendQuarter TrendPeriod = "quarter" // calendar quarters, labelled "2026-Q1"
	TrendYear    TrendPeriod = "year"    // calendar years, labelled "2026"
)

var trendPeriodSet = enum.New("programme", "TrendPeriod", TrendMonth, TrendQuarter, TrendYear)

// TrendPeriods yields the TrendPeriod values in canonical order.
func TrendPeriods() iter.Seq[TrendPeriod] { return trendPeriodSet.All() }

// ParseTrendPeriod parses a TrendPeriod token; the error lists the valid ones.
func ParseTrendPeriod(s string) (TrendPeriod, error) { return trendPeriodSet.Parse(s) }

// IsValid reports whether v is a known TrendPeriod.
func (v TrendPeriod) IsValid() bool { return trendPeriodSet.Valid(v) }

// String returns the token.
func (v TrendPeriod) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler.
func (v TrendPeriod) MarshalText() ([]byte, error) { return trendPeriodSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *TrendPeriod) UnmarshalText(b []byte) error { return trendPeriodSet.Unmarshal(b, v) }

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
	Audit audit.ID `json:"audit"`
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
	Trend TrendPeriod `json:"trend,omitempty"`
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
// *ValidationError listing every problem (unwrapping to ErrNotFound as well
// when a reference is unknown). It does not check the audit process rules:
// audit.Verify does.
func Monitor(in MonitorInput) (*Figures, error) {
	col := newCollector("monitoring input")
	idx := monValidate(col, &in, monInputPath)
	if err := col.Err(); err != nil {
		return nil, err
	}
	return monCompute(col, &in, idx)
}

// monInputPath is the path of scheduled audit i of a MonitorInput.
func monInputPath(i int) string { return errs.Index("Schedule", i) }

// DecodeMonitorInput decodes a MonitorInput from JSON strictly (unknown
// fields, wrong types and invalid enumeration tokens are refused) and
// checks it as Monitor does, all but the span of a trend (MaxTrendPeriods),
// which only the computation finds. Problems come back as one
// *ValidationError with Go-field paths.
func DecodeMonitorInput(data []byte) (MonitorInput, error) {
	var in MonitorInput
	col := newCollector("monitoring input")
	if !validate.JSON(col, data, &in) {
		return MonitorInput{}, col.Err()
	}
	monValidate(col, &in, monInputPath)
	if err := col.Err(); err != nil {
		return MonitorInput{}, err
	}
	return in, nil
}

// monIndex is what validation learns for the computation: where each
// record is, and, per record, the finding each follow-up is about.
type monIndex struct {
	records  map[audit.ID]int
	followed [][]int // followed[i][k] indexes the finding of Audits[i].FollowUps[k]
	linked   []bool  // records a scheduled audit refers to
}

// monValidate checks in and reports every problem to col; schedPath(i)
// is the path of in.Schedule[i] in what the caller was given.
func monValidate(col *errs.Collector, in *MonitorInput, schedPath func(int) string) monIndex {
	if in.At.IsZero() {
		col.Add("At", "required", "", "the date of the figures")
	}
	if in.Trend != "" && !in.Trend.IsValid() {
		col.Add("Trend", "enum", string(in.Trend), "month, quarter or year")
	}

	idx := monIndex{
		records:  make(map[audit.ID]int, len(in.Audits)),
		followed: make([][]int, len(in.Audits)),
		linked:   make([]bool, len(in.Audits)),
	}
	findingIDs := make(map[audit.FindingID]int) // reused for every record
	for i, a := range in.Audits {
		path := func(field string) string { return errs.Index("Audits", i) + field }
		if a == nil {
			col.Add(path(""), "required", "", "an audit record")
			continue
		}
		switch j, dup := idx.records[a.ID]; {
		case a.ID == "":
			col.Add(path(".ID"), "required", "", "the audit's id")
		case dup:
			col.Add(path(".ID"), "unique", string(a.ID), "id already used by Audits["+strconv.Itoa(j)+"]")
		default:
			idx.records[a.ID] = i
		}
		if a.CreatedAt.IsZero() {
			col.Add(path(".CreatedAt"), "required", "", "when the record was created")
		}
		idx.followed[i] = monValidateFindings(col, i, a, findingIDs)
	}

	scheduled := make(map[string]int, len(in.Schedule))
	refers := make(map[audit.ID]int, len(in.Schedule))
	for i := range in.Schedule {
		s := &in.Schedule[i]
		path := func(field string) string { return schedPath(i) + field }
		switch j, dup := scheduled[s.ID]; {
		case s.ID == "":
			col.Add(path(".ID"), "required", "", "the scheduled audit's id")
		case dup:
			col.Add(path(".ID"), "unique", s.ID, "id already used by "+schedPath(j))
		default:
			scheduled[s.ID] = i
		}
		if s.Audit != "" {
			if j, dup := refers[s.Audit]; dup {
				col.Add(path(".Audit"), "unique", string(s.Audit), "the record is already the one of "+schedPath(j))
			} else {
				refers[s.Audit] = i
			}
			if r, ok := idx.records[s.Audit]; ok {
				idx.linked[r] = true
			} else {
				col.Add(path(".Audit"), errs.RuleUnknown, string(s.Audit), "no such audit record")
			}
		}
		if monDueRef(s).IsZero() {
			col.Add(path(".Due"), "required", "", "a due date (Due.Latest or Due.Earliest) or a Start, to place the audit in time")
		}
		if !s.Due.Earliest.IsZero() && !s.Due.Latest.IsZero() && s.Due.Earliest.After(s.Due.Latest) {
			col.Add(path(".Due.Earliest"), "order", s.Due.Earliest.Format(time.RFC3339), "after Due.Latest: the window is empty")
		}
	}

	for i, f := range in.Feedback {
		path := func(field string) string { return errs.Index("Feedback", i) + field }
		switch _, ok := idx.records[f.Audit]; {
		case f.Audit == "":
			col.Add(path(".Audit"), "required", "", "the audit the feedback is about")
		case !ok:
			col.Add(path(".Audit"), errs.RuleUnknown, string(f.Audit), "no such audit record")
		}
		if f.Auditor == "" {
			col.Add(path(".Auditor"), "required", "", "the auditor the feedback is about")
		}
		switch {
		case f.Score < MinFeedbackScore:
			col.Add(path(".Score"), "min", strconv.Itoa(f.Score), "at least "+strconv.Itoa(MinFeedbackScore))
		case f.Score > MaxFeedbackScore:
			col.Add(path(".Score"), "max", strconv.Itoa(f.Score), "at most "+strconv.Itoa(MaxFeedbackScore))
		}
		if f.At.IsZero() {
			col.Add(path(".At"), "required", "", "when the feedback was given")
		}
	}
	return idx
}

// monValidateFindings checks the findings and follow-ups of one record
// and returns the index of the finding of each follow-up. ids is scratch
// space. Paths are built only for problems: a programme holds tens of
// thousands of findings.
func monValidateFindings(col *errs.Collector, i int, a *audit.Audit, ids map[audit.FindingID]int) []int {
	clear(ids)
	at := func(k int, field string) string { return errs.Index("Audits", i) + errs.Index(".Findings", k) + field }
	for k := range a.Findings {
		f := &a.Findings[k]
		switch j, dup := ids[f.ID]; {
		case f.ID == "":
			col.Add(at(k, ".ID"), "required", "", "the finding's id")
		case dup:
			col.Add(at(k, ".ID"), "unique", string(f.ID), "id already used by Findings["+strconv.Itoa(j)+"]")
		default:
			ids[f.ID] = k
		}
		switch {
		case f.Kind == "":
			col.Add(at(k, ".Kind"), "required", "", "the kind of finding")
		case !slices.Contains(monKinds, f.Kind):
			col.Add(at(k, ".Kind"), "enum", string(f.Kind), "not a finding kind")
		}
		if f.Grade != "" && !slices.Contains(monGrades, f.Grade) {
			col.Add(at(k, ".Grade"), "enum", string(f.Grade), "not a grade")
		}
		for j, r := range f.Criteria {
			switch {
			case r.Kind == "":
				col.Add(at(k, errs.Index(".Criteria", j)+".Kind"), "required", "", "the kind of criterion")
			case !slices.Contains(monRefKinds, r.Kind):
				col.Add(at(k, errs.Index(".Criteria", j)+".Kind"), "enum", string(r.Kind), "not a kind of criterion")
			}
		}
	}
	var followed []int
	if len(a.FollowUps) > 0 {
		followed = make([]int, len(a.FollowUps))
	}
	for k, u := range a.FollowUps {
		fi, ok := ids[u.Finding]
		followed[k] = fi
		switch {
		case u.Finding == "":
			col.Add(errs.Index("Audits", i)+errs.Index(".FollowUps", k)+".Finding", "required", "", "the nonconformity followed up")
		case !ok:
			col.Add(errs.Index("Audits", i)+errs.Index(".FollowUps", k)+".Finding", errs.RuleUnknown, string(u.Finding), "no such finding in the audit")
		}
	}
	return followed
}

// monDueRef is the time that places a scheduled audit in a period: its
// latest due date, else its earliest, else its planned start.
func monDueRef(s *ScheduledAudit) time.Time {
	switch {
	case !s.Due.Latest.IsZero():
		return s.Due.Latest
	case !s.Due.Earliest.IsZero():
		return s.Due.Earliest
	}
	return s.Start
}

// monRefCompare orders criteria: clauses, controls, documents, then
// anything else; within a kind in the standard's order, documents by id.
func monRefCompare(a, b annexa.Ref) int {
	if c := monRefKindRank(a.Kind) - monRefKindRank(b.Kind); c != 0 {
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

func monRefKindRank(k annexa.RefKind) int {
	switch k {
	case annexa.ClauseRef:
		return 0
	case annexa.ControlRef:
		return 1
	case annexa.DocumentRef:
		return 2
	}
	return 3
}
