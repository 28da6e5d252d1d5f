package programme_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// baseTime is the first day random programmes use.
var baseTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// drawTime draws a time within three years of baseTime, to the hour.
func drawTime(t *rapid.T, label string) time.Time {
	return baseTime.Add(time.Duration(rapid.IntRange(0, 3*365*24).Draw(t, label)) * time.Hour)
}

// drawMaybeTime draws a time or, one time in three, nothing.
func drawMaybeTime(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 2).Draw(t, label+"?") == 0 {
		return time.Time{}
	}
	return drawTime(t, label)
}

var refPool = []annexa.Ref{
	annexa.RefToClause("4.1"), annexa.RefToClause("9.2.1"), annexa.RefToClause("10.2"),
	annexa.RefToControl("5.1"), annexa.RefToControl("5.15"), annexa.RefToControl("8.8"),
	annexa.RefToDocument("policy-1"),
}

// drawInput draws a valid monitoring input: a schedule, records at every
// stage with findings and follow-ups, and feedback.
func drawInput(t *rapid.T) programme.MonitorInput {
	in := programme.MonitorInput{
		At:    drawTime(t, "at"),
		Trend: rapid.SampledFrom([]programme.Period{"", programme.PeriodMonth, programme.PeriodQuarter, programme.PeriodYear}).Draw(t, "trend"),
	}
	kinds := slices.Collect(audit.FindingKinds())
	grades := append(slices.Collect(audit.Grades()), "")
	nAudits := rapid.IntRange(0, 8).Draw(t, "audits")
	for i := range nAudits {
		a := newRecord(audit.ID(rapid.StringMatching(`A[0-9]`).Draw(t, "id")+string(rune('a'+i))), drawTime(t, "created"))
		at := a.CreatedAt
		steps := rapid.IntRange(-1, len(auditSteps)).Draw(t, "steps")
		for s := range max(steps, 0) {
			at = at.Add(time.Duration(rapid.IntRange(0, 20*24).Draw(t, "gap")) * time.Hour)
			p := auditSteps[s]
			a.History = append(a.History, audit.Entry{From: p.from, Event: p.event, To: p.to, At: at, By: "lead"})
			a.State = p.to
		}
		if steps == -1 || (steps < 7 && rapid.Bool().Draw(t, "terminate")) {
			terminate(a, at.Add(time.Hour))
		}
		for k := range rapid.IntRange(0, 6).Draw(t, "findings") {
			kind := rapid.SampledFrom(kinds).Draw(t, "kind")
			var grade audit.Grade
			if kind == audit.Nonconformity {
				grade = rapid.SampledFrom(grades).Draw(t, "grade")
			}
			refs := rapid.SliceOfN(rapid.SampledFrom(refPool), 0, 3).Draw(t, "refs")
			var confirmed, presented time.Time
			if rapid.IntRange(0, 4).Draw(t, "confirmed") > 0 {
				confirmed = drawTime(t, "confirm")
				if rapid.IntRange(0, 3).Draw(t, "presented") > 0 {
					presented = confirmed.Add(time.Duration(rapid.IntRange(0, 72).Draw(t, "present")) * time.Hour)
				}
			}
			f := newFinding(audit.FindingID("F"+string(rune('a'+k))), kind, grade, confirmed, presented, refs...)
			if !confirmed.IsZero() && presented.IsZero() && rapid.IntRange(0, 4).Draw(t, "withdraw") == 0 {
				f = withdrawn(f, confirmed.Add(time.Hour))
			}
			if f.RaisedAt.IsZero() {
				f.RaisedAt = drawTime(t, "raised")
			}
			a.Findings = append(a.Findings, f)
			if kind == audit.Nonconformity && rapid.IntRange(0, 3).Draw(t, "follow-up") > 0 {
				var closed time.Time
				if rapid.Bool().Draw(t, "closed") {
					closed = drawTime(t, "closed") // may precede the presentation: unmeasured
				}
				a.FollowUps = append(a.FollowUps, newFollowUp(f.ID, drawMaybeTime(t, "due"), drawTime(t, "planned"), closed))
			}
		}
		in.Audits = append(in.Audits, a)
	}
	linked := map[audit.ID]bool{}
	for i := range rapid.IntRange(0, 10).Draw(t, "scheduled") {
		s := programme.ScheduledAudit{ID: programme.ScheduledAuditID("S" + string(rune('a'+i))), Kind: annexa.Internal, Auditee: "acme"}
		s.Due.Earliest, s.Due.Latest = drawMaybeTime(t, "earliest"), drawMaybeTime(t, "latest")
		if s.Due.Earliest.After(s.Due.Latest) && !s.Due.Latest.IsZero() {
			s.Due.Earliest, s.Due.Latest = s.Due.Latest, s.Due.Earliest
		}
		if s.Due.Earliest.IsZero() && s.Due.Latest.IsZero() {
			s.Start = drawTime(t, "start")
		}
		if len(in.Audits) > 0 && rapid.Bool().Draw(t, "linked") {
			a := rapid.SampledFrom(in.Audits).Draw(t, "record")
			if !linked[a.ID] {
				linked[a.ID] = true
				s.Audit = a.ID
			}
		}
		in.Schedule = append(in.Schedule, s)
	}
	if len(in.Audits) > 0 {
		for range rapid.IntRange(0, 10).Draw(t, "feedback") {
			in.Feedback = append(in.Feedback, programme.AuditorFeedback{
				Audit:   rapid.SampledFrom(in.Audits).Draw(t, "about").ID,
				Auditor: competence.AuditorID(rapid.SampledFrom([]string{"alice", "bob", "carol"}).Draw(t, "auditor")),
				Score:   rapid.IntRange(programme.MinFeedbackScore, programme.MaxFeedbackScore).Draw(t, "score"),
				At:      drawTime(t, "given"),
			})
		}
	}
	return in
}

func TestMonitorProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := drawInput(t)
		before := cloneInput(in)
		got, err := programme.Monitor(in)
		if err != nil {
			t.Fatalf("valid input refused: %v", err)
		}
		if d := cmp.Diff(before, in); d != "" {
			t.Fatalf("Monitor changed its input (-before +after):\n%s", d)
		}
		checkFigures(t, "totals", got.Audits, got.Findings, got.Actions, got.Feedback)
		if got.Actions.Overdue != len(got.OverdueActions) {
			t.Fatalf("overdue %d, listed %d", got.Actions.Overdue, len(got.OverdueActions))
		}
		for i := 1; i < len(got.OverdueActions); i++ {
			if got.OverdueActions[i].DueAt.Before(got.OverdueActions[i-1].DueAt) {
				t.Fatalf("overdue actions out of order at %d", i)
			}
		}

		// Counting by hand: every scheduled audit is planned; every record
		// not scheduled and created by the date is unscheduled.
		if got.Audits.Planned != len(in.Schedule) {
			t.Fatalf("planned %d, scheduled %d", got.Audits.Planned, len(in.Schedule))
		}

		if in.Trend == "" {
			if got.Trend != nil {
				t.Fatalf("a trend nobody asked for")
			}
		} else {
			checkTrend(t, in, got)
		}

		// Nothing NaN or infinite: JSON refuses those, so a round trip
		// proves it, and it proves the figures round-trip.
		if d := cmp.Diff(got, jsonClone(t, got)); d != "" {
			t.Fatalf("JSON round trip mismatch (-want +got):\n%s", d)
		}

		// The same records in another order give the same figures.
		shuffled := cloneInput(in)
		shuffle(t, "schedule", shuffled.Schedule)
		shuffle(t, "records", shuffled.Audits)
		shuffle(t, "feedback", shuffled.Feedback)
		again, err := programme.Monitor(shuffled)
		if err != nil {
			t.Fatalf("shuffled input refused: %v", err)
		}
		if d := cmp.Diff(got, again); d != "" {
			t.Fatalf("figures depend on order (-want +got):\n%s", d)
		}
	})
}

// checkFigures checks the identities every set of figures keeps.
func checkFigures(t *rapid.T, where string, a programme.AuditFigures, f programme.FindingFigures, x programme.ActionFigures, fb programme.FeedbackFigures) {
	if a.Completed+a.InProgress+a.Terminated+a.NotStarted != a.Planned {
		t.Fatalf("%s: audits do not add up: %+v", where, a)
	}
	if a.OnTime+a.Early+a.Late != a.Completed {
		t.Fatalf("%s: completions do not add up: %+v", where, a)
	}
	if a.Missed > a.Due || a.Due > a.Planned || a.Missed > a.InProgress+a.NotStarted {
		t.Fatalf("%s: due and missed out of bounds: %+v", where, a)
	}
	if r := a.CompletionRate(); r < 0 || r > 1 {
		t.Fatalf("%s: completion rate %v", where, r)
	}
	if r := a.OnTimeRate(); r < 0 || r > 1 {
		t.Fatalf("%s: on-time rate %v", where, r)
	}

	if len(f.ByKind) != 5 || len(f.ByGrade) != 2 {
		t.Fatalf("%s: enumerations not all listed: %+v", where, f)
	}
	if f.ByKind[1].Kind != audit.Nonconformity || f.ByKind[1].Count != f.Nonconformities {
		t.Fatalf("%s: nonconformities %d, by kind %+v", where, f.Nonconformities, f.ByKind)
	}
	if f.ByGrade[0].Count+f.ByGrade[1].Count+f.Ungraded != f.Nonconformities {
		t.Fatalf("%s: grades do not add up: %+v", where, f)
	}
	for i, c := range f.ByCriterion {
		if c.ByGrade[0].Count+c.ByGrade[1].Count+c.Ungraded != c.Nonconformities || c.Nonconformities < 1 || c.Nonconformities > f.Nonconformities {
			t.Fatalf("%s: criterion %+v does not add up", where, c)
		}
		if i > 0 && refRank(f.ByCriterion[i-1].Criterion) >= refRank(c.Criterion) {
			t.Fatalf("%s: criteria out of order: %+v", where, f.ByCriterion)
		}
	}

	if x.Open+x.Closed != x.Total || x.Overdue > x.Open || x.OverdueMajor > x.Overdue {
		t.Fatalf("%s: actions do not add up: %+v", where, x)
	}
	c := x.Closure
	if c.Count+c.Unmeasured != x.Closed {
		t.Fatalf("%s: closure count %d + unmeasured %d, closed %d", where, c.Count, c.Unmeasured, x.Closed)
	}
	if c.Count == 0 {
		if c != (programme.ClosureTimes{Unmeasured: c.Unmeasured}) {
			t.Fatalf("%s: statistics over nothing are not zero: %+v", where, c)
		}
	} else if !(0 <= c.MinDays && c.MinDays <= c.MedianDays && c.MedianDays <= c.P90Days && c.P90Days <= c.MaxDays &&
		c.MinDays <= c.MeanDays+1e-9 && c.MeanDays <= c.MaxDays+1e-9) {
		t.Fatalf("%s: closure quantiles out of order: %+v", where, c)
	}

	n := 0
	for i, s := range fb.ByScore {
		if s.Score != i+1 {
			t.Fatalf("%s: scores out of order: %+v", where, fb.ByScore)
		}
		n += s.Count
	}
	byAuditor := 0
	for i, s := range fb.ByAuditor {
		byAuditor += s.Count
		if i > 0 && fb.ByAuditor[i-1].Auditor >= s.Auditor {
			t.Fatalf("%s: auditors out of order", where)
		}
		if !(float64(s.MinScore) <= s.MedianScore && s.MedianScore <= float64(s.MaxScore) && float64(s.MinScore) <= s.MeanScore && s.MeanScore <= float64(s.MaxScore)) {
			t.Fatalf("%s: auditor figures out of order: %+v", where, s)
		}
	}
	if n != fb.Count || byAuditor != fb.Count {
		t.Fatalf("%s: feedback does not add up: %+v", where, fb)
	}
	if fb.Count == 0 && (fb.MeanScore != 0 || fb.MedianScore != 0) {
		t.Fatalf("%s: feedback statistics over nothing: %+v", where, fb)
	}
	if fb.Count > 0 && (fb.MeanScore < 1 || fb.MeanScore > 5 || math.IsNaN(fb.MeanScore)) {
		t.Fatalf("%s: mean score %v off the scale", where, fb.MeanScore)
	}
}

// checkTrend checks that the periods are consecutive, that each keeps
// the identities, and that they add up to the totals.
func checkTrend(t *rapid.T, in programme.MonitorInput, got *programme.Figures) {
	if got.TrendPeriod != in.Trend || len(got.Trend) == 0 {
		t.Fatalf("trend %q of %d periods", got.TrendPeriod, len(got.Trend))
	}
	var (
		audits   programme.AuditFigures
		kinds    = make([]int, 5)
		grades   = make([]int, 2)
		ncs, ung int
		crit     = map[annexa.Ref]int{}
		actions  programme.ActionFigures
		measured int
		fb       int
		holdsAt  bool
	)
	for i, p := range got.Trend {
		checkFigures(t, p.Label, p.Audits, p.Findings, p.Actions, p.Feedback)
		if !p.Start.Before(p.End) || (i > 0 && !got.Trend[i-1].End.Equal(p.Start)) {
			t.Fatalf("period %s not consecutive", p.Label)
		}
		if p.Backlog.At.After(got.At) || p.Backlog.At.Before(p.Start) && !p.Backlog.At.Equal(got.At) {
			t.Fatalf("period %s: backlog at %v", p.Label, p.Backlog.At)
		}
		if !got.At.Before(p.Start) && got.At.Before(p.End) {
			holdsAt = true
			if p.Backlog.Open != got.Actions.Open || p.Backlog.Overdue != got.Actions.Overdue {
				t.Fatalf("period %s holds the date but its backlog %+v is not the totals' %+v", p.Label, p.Backlog, got.Actions)
			}
		}
		if p.Backlog.Overdue > p.Backlog.Open {
			t.Fatalf("period %s: backlog %+v", p.Label, p.Backlog)
		}
		a := p.Audits
		audits.Planned += a.Planned
		audits.Due += a.Due
		audits.Completed += a.Completed
		audits.OnTime += a.OnTime
		audits.Early += a.Early
		audits.Late += a.Late
		audits.InProgress += a.InProgress
		audits.Terminated += a.Terminated
		audits.NotStarted += a.NotStarted
		audits.Missed += a.Missed
		audits.Unscheduled += a.Unscheduled
		for k, c := range p.Findings.ByKind {
			kinds[k] += c.Count
		}
		for g, c := range p.Findings.ByGrade {
			grades[g] += c.Count
		}
		ncs += p.Findings.Nonconformities
		ung += p.Findings.Ungraded
		for _, c := range p.Findings.ByCriterion {
			crit[c.Criterion] += c.Nonconformities
		}
		actions.Total += p.Actions.Total
		actions.Open += p.Actions.Open
		actions.Closed += p.Actions.Closed
		actions.Overdue += p.Actions.Overdue
		actions.OverdueMajor += p.Actions.OverdueMajor
		actions.Closure.Unmeasured += p.Actions.Closure.Unmeasured
		measured += p.Actions.Closure.Count
		fb += p.Feedback.Count
	}
	if !holdsAt {
		t.Fatalf("no period holds the date %v", got.At)
	}
	if audits != got.Audits {
		t.Fatalf("audit periods add up to %+v, totals %+v", audits, got.Audits)
	}
	for k, c := range got.Findings.ByKind {
		if kinds[k] != c.Count {
			t.Fatalf("kind %s: periods %d, totals %d", c.Kind, kinds[k], c.Count)
		}
	}
	for g, c := range got.Findings.ByGrade {
		if grades[g] != c.Count {
			t.Fatalf("grade %s: periods %d, totals %d", c.Grade, grades[g], c.Count)
		}
	}
	if ncs != got.Findings.Nonconformities || ung != got.Findings.Ungraded || len(crit) != len(got.Findings.ByCriterion) {
		t.Fatalf("nonconformities do not add up over the periods")
	}
	for _, c := range got.Findings.ByCriterion {
		if crit[c.Criterion] != c.Nonconformities {
			t.Fatalf("criterion %v: periods %d, totals %d", c.Criterion, crit[c.Criterion], c.Nonconformities)
		}
	}
	want := got.Actions
	want.Closure = programme.ClosureTimes{Unmeasured: want.Closure.Unmeasured}
	if actions != want || measured != got.Actions.Closure.Count {
		t.Fatalf("actions add up to %+v (%d measured), totals %+v", actions, measured, got.Actions)
	}
	if fb != got.Feedback.Count {
		t.Fatalf("feedback: periods %d, totals %d", fb, got.Feedback.Count)
	}
}

// refRank orders references as the figures should: clauses, controls,
// documents, each in the pool's (the standard's) order.
func refRank(r annexa.Ref) int { return slices.Index(refPool, r) }

func shuffle[T any](t *rapid.T, label string, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		s[i], s[j] = s[j], s[i]
	}
}
