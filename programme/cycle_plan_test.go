package programme_test

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// date returns midnight UTC of a date.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// window returns a window.
func window(from, to time.Time) programme.Window { return programme.Window{Earliest: from, Latest: to} }

// equateEmpty treats nil and empty slices and maps as equal.
var equateEmpty = cmpopts.EquateEmpty()

// testingT is what the helpers need of a *testing.T or a *rapid.T.
type testingT interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	FailNow()
}

// jsonClone deep-copies a value through JSON.
func jsonClone[T any](tb testingT, v T) T {
	tb.Helper()
	data, err := json.Marshal(v)
	require.NoError(tb, err)
	var out T
	require.NoError(tb, json.Unmarshal(data, &out))
	return out
}

// validationError asserts err is a *ValidationError and returns it.
func validationError(tb testing.TB, err error) *ismsaudit.ValidationError {
	tb.Helper()
	require.Error(tb, err)
	require.ErrorIs(tb, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(tb, err, &ve)
	return ve
}

// assertHas asserts that ve lists each (path, rule).
func assertHas(tb testing.TB, ve *ismsaudit.ValidationError, want ...[2]string) {
	tb.Helper()
	for _, w := range want {
		assert.True(tb, ve.Has(w[0], ismsaudit.RuleID(w[1])), "want %s at %q in %v", w[1], w[0], ve.Fields)
	}
}

// initialCycleOptions is the initial cycle most tests use: decision on 15
// June 2026, stage 1 on 15 April, stage 2 on 15 May.
func initialCycleOptions() programme.CycleOptions {
	return programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: date(2026, 6, 15), Initial: true,
		Stage1: date(2026, 4, 15), Stage2: date(2026, 5, 15),
		Days: programme.CycleDays{Stage1: 2, Stage2: 6.5, Surveillance: 3, Recertification: 5.5}}
}

func TestPlanCycle(t *testing.T) {
	special := programme.ScheduledAudit{ID: "acme-short-notice", Kind: annexa.Special, Auditee: "acme", Due: window(date(2027, 9, 1), date(2027, 9, 30))}
	tests := []struct {
		name string
		opts func() programme.CycleOptions
		want programme.Cycle
	}{
		{
			name: "initial cycle, mid-year decision: the recertification window keeps its 2029 part",
			opts: initialCycleOptions,
			want: programme.Cycle{Auditee: "acme", Decision: date(2026, 6, 15), Expiry: date(2029, 6, 15), Initial: true, Audits: []programme.ScheduledAudit{
				{ID: "acme-stage1", Kind: annexa.Stage1, Auditee: "acme", Start: date(2026, 4, 15), Due: programme.Window{Earliest: date(2026, 4, 15), Latest: date(2026, 5, 15)}, Days: 2},
				{ID: "acme-stage2", Kind: annexa.Stage2, Auditee: "acme", Start: date(2026, 5, 15), Due: window(date(2026, 5, 15), date(2026, 6, 15)), Days: 6.5},
				{ID: "acme-surveillance-1", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2027, 3, 15), date(2027, 6, 15)), Days: 3},
				{ID: "acme-surveillance-2", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2028, 3, 15), date(2028, 6, 15)), Days: 3},
				{ID: "acme-recertification", Kind: annexa.Recertification, Auditee: "acme", Due: window(date(2029, 1, 1), date(2029, 5, 16)), Days: 5.5},
			}},
		},
		{
			name: "January decision: surveillance windows keep their wide December parts",
			opts: func() programme.CycleOptions {
				return programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: date(2026, 1, 5)}
			},
			want: programme.Cycle{Auditee: "acme", Decision: date(2026, 1, 5), Expiry: date(2029, 1, 5), Audits: []programme.ScheduledAudit{
				{ID: "acme-surveillance-1", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2026, 10, 5), date(2026, 12, 31))},
				{ID: "acme-surveillance-2", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2027, 10, 5), date(2027, 12, 31))},
				{ID: "acme-recertification", Kind: annexa.Recertification, Auditee: "acme", Due: window(date(2028, 7, 5), date(2028, 12, 6))},
			}},
		},
		{
			name: "recertification before the previous expiry: three years from that expiry",
			opts: func() programme.CycleOptions {
				return programme.CycleOptions{ID: "acme-2", Auditee: "acme", Decision: date(2029, 5, 1), PreviousExpiry: date(2029, 6, 15)}
			},
			want: programme.Cycle{Auditee: "acme", Decision: date(2029, 5, 1), Expiry: date(2032, 6, 15), PreviousExpiry: date(2029, 6, 15), Audits: []programme.ScheduledAudit{
				{ID: "acme-2-surveillance-1", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2030, 2, 1), date(2030, 5, 1))},
				{ID: "acme-2-surveillance-2", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2031, 2, 1), date(2031, 5, 1))},
				{ID: "acme-2-recertification", Kind: annexa.Recertification, Auditee: "acme", Due: window(date(2032, 1, 1), date(2032, 5, 16))},
			}},
		},
		{
			name: "a special audit is added in date order",
			opts: func() programme.CycleOptions {
				o := programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: date(2026, 6, 15)}
				o.Special = []programme.ScheduledAudit{special}
				o.Planning = &programme.CyclePlanning{SurveillanceLeadMonths: 2, RecertificationLeadMonths: 4, DecisionMarginDays: 10}
				return o
			},
			want: programme.Cycle{Auditee: "acme", Decision: date(2026, 6, 15), Expiry: date(2029, 6, 15), Audits: []programme.ScheduledAudit{
				{ID: "acme-surveillance-1", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2027, 4, 15), date(2027, 6, 15))},
				special,
				{ID: "acme-surveillance-2", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2028, 4, 15), date(2028, 6, 15))},
				{ID: "acme-recertification", Kind: annexa.Recertification, Auditee: "acme", Due: window(date(2029, 2, 15), date(2029, 6, 5))},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := programme.PlanCycle(tt.opts())
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("PlanCycle mismatch (-want +got):\n%s", diff)
			}
			p := programmeInState(t, "p", programme.StateDraft)
			require.NoError(t, p.AddCycle(got))
			verifyClean(t, p)
		})
	}
}

func TestPlanCycleErrors(t *testing.T) {
	base := initialCycleOptions
	recert := func() programme.CycleOptions {
		return programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: date(2026, 6, 15)}
	}
	special := func(mut func(*programme.ScheduledAudit)) func() programme.CycleOptions {
		return func() programme.CycleOptions {
			o := recert()
			a := programme.ScheduledAudit{ID: "acme-special", Kind: annexa.Special, Auditee: "acme", Due: window(date(2027, 9, 1), date(2027, 9, 30))}
			mut(&a)
			o.Special = []programme.ScheduledAudit{a}
			return o
		}
	}
	tests := []struct {
		name string
		opts func() programme.CycleOptions
		want [][2]string
	}{
		{"nothing given", func() programme.CycleOptions { return programme.CycleOptions{} },
			[][2]string{{"ID", "required"}, {"Auditee", "required"}, {"Decision", "required"}}},
		{"initial without stages", func() programme.CycleOptions {
			o := base()
			o.Stage1, o.Stage2 = time.Time{}, time.Time{}
			return o
		}, [][2]string{{"Stage1", "required"}, {"Stage2", "required"}}},
		{"stage 2 before stage 1", func() programme.CycleOptions {
			o := base()
			o.Stage2 = date(2026, 4, 1)
			return o
		}, [][2]string{{"Stage2", string(programme.RuleStage2AfterStage1)}}},
		{"stage 2 after the decision", func() programme.CycleOptions {
			o := base()
			o.Stage2 = date(2026, 6, 20)
			return o
		}, [][2]string{{"Stage2", string(programme.RuleDecisionAfterInitial)}}},
		{"initial cycle with a previous expiry", func() programme.CycleOptions {
			o := base()
			o.PreviousExpiry = date(2026, 7, 1)
			return o
		}, [][2]string{{"PreviousExpiry", "unused"}}},
		{"stage dates on a recertification cycle", func() programme.CycleOptions {
			o := recert()
			o.Stage1, o.Stage2 = date(2026, 4, 1), date(2026, 5, 1)
			return o
		}, [][2]string{{"Stage1", "unused"}, {"Stage2", "unused"}}},
		{"previous certificate expired before the decision", func() programme.CycleOptions {
			o := recert()
			o.PreviousExpiry = date(2026, 6, 1)
			return o
		}, [][2]string{{"PreviousExpiry", string(programme.RuleCertCycle3Years)}}},
		{"previous expiry more than a year away", func() programme.CycleOptions {
			o := recert()
			o.PreviousExpiry = date(2027, 7, 1)
			return o
		}, [][2]string{{"PreviousExpiry", string(programme.RuleCertCycle3Years)}}},
		{"negative and NaN days", func() programme.CycleOptions {
			o := base()
			o.Days.Stage1, o.Days.Recertification = -1, math.NaN()
			return o
		}, [][2]string{{"Days.Stage1", "gte"}, {"Days.Recertification", "gte"}}},
		{"planning out of range", func() programme.CycleOptions {
			o := recert()
			o.Planning = &programme.CyclePlanning{SurveillanceLeadMonths: 0, RecertificationLeadMonths: 12, DecisionMarginDays: 0}
			return o
		}, [][2]string{{"Planning.SurveillanceLeadMonths", "range"}, {"Planning.RecertificationLeadMonths", "range"}, {"Planning.DecisionMarginDays", "range"}}},
		{"decision margin leaves no recertification window", func() programme.CycleOptions {
			o := recert()
			o.Planning = &programme.CyclePlanning{SurveillanceLeadMonths: 3, RecertificationLeadMonths: 1, DecisionMarginDays: 40}
			return o
		}, [][2]string{{"Planning.DecisionMarginDays", "window-order"}}},
		{"special audit of another kind", special(func(a *programme.ScheduledAudit) { a.Kind = annexa.Surveillance }),
			[][2]string{{"Special[0].Kind", string(programme.RuleCycleKinds)}}},
		{"special audit of another auditee", special(func(a *programme.ScheduledAudit) { a.Auditee = "globex" }),
			[][2]string{{"Special[0].Auditee", "match"}}},
		{"special audit with a team", special(func(a *programme.ScheduledAudit) { a.Team = &competence.Team{Leader: "x"} }),
			[][2]string{{"Special[0].Team", "library-set"}}},
		{"special audit reusing a planned id", special(func(a *programme.ScheduledAudit) { a.ID = "acme-recertification" }),
			[][2]string{{"Special[0].ID", "unique"}}},
		{"special audit reusing a surveillance id", special(func(a *programme.ScheduledAudit) { a.ID = "acme-surveillance-2" }),
			[][2]string{{"Special[0].ID", "unique"}}},
		{"special audit before the decision", special(func(a *programme.ScheduledAudit) { a.Due.Earliest = date(2026, 6, 1) }),
			[][2]string{{"Special[0].Due.Earliest", string(programme.RuleCycleWithin)}}},
		{"special audit after expiry", special(func(a *programme.ScheduledAudit) { a.Due.Latest = date(2029, 7, 1) }),
			[][2]string{{"Special[0].Due.Latest", string(programme.RuleCycleWithin)}}},
		{"special audit with an unknown control", special(func(a *programme.ScheduledAudit) { a.Controls = []annexa.ControlID{"5.99"} }),
			[][2]string{{"Special[0].Controls[0]", "unknown"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := programme.PlanCycle(tt.opts())
			ve := validationError(t, err)
			assertHas(t, ve, tt.want...)
		})
	}
}

// TestPlanCycleProperties checks, for random decisions and planning
// figures, that PlanCycle always succeeds with a cycle Verify accepts,
// each surveillance window inside one calendar year and the audits in
// date order.
func TestPlanCycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := time.Date(rapid.IntRange(1990, 2100).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")),
			rapid.IntRange(1, 31).Draw(t, "day"), rapid.IntRange(0, 23).Draw(t, "hour"), 0, 0, 0, time.UTC)
		lead := rapid.IntRange(1, 11).Draw(t, "recertLead")
		plan := &programme.CyclePlanning{
			SurveillanceLeadMonths:    rapid.IntRange(1, 11).Draw(t, "survLead"),
			RecertificationLeadMonths: lead,
			DecisionMarginDays:        rapid.IntRange(1, lead*28-1).Draw(t, "margin"),
		}
		o := programme.CycleOptions{ID: "x", Auditee: "x", Decision: d, Planning: plan}
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			o.Initial, o.Stage1, o.Stage2 = true, d.AddDate(0, 0, -rapid.IntRange(2, 200).Draw(t, "stage1")), d.AddDate(0, 0, -1)
		case 1:
			o.PreviousExpiry = d.AddDate(0, 0, rapid.IntRange(0, 365).Draw(t, "previous"))
		}
		c, err := programme.PlanCycle(o)
		require.NoError(t, err)
		p := exampleProgramme("p", programme.StateDraft)
		require.NoError(t, p.AddCycle(c))
		verifyClean(t, p)
		require.NoError(t, c.Verify(), "a planned cycle keeps every rule on its own")
		surveillance := 0
		for i, a := range c.Audits {
			require.False(t, a.Due.Earliest.IsZero(), "%s: no earliest due date", a.ID)
			if a.Kind == annexa.Surveillance {
				surveillance++
				require.Equal(t, a.Due.Earliest.Year(), a.Due.Latest.Year(), "window %v crosses a year", a.Due)
			}
			if i > 0 {
				prev, cur := c.Audits[i-1], c.Audits[i]
				require.False(t, firstDate(cur).Before(firstDate(prev)), "audits out of order")
			}
		}
		require.GreaterOrEqual(t, surveillance, 2)
	})
}

// scheduleProblems runs Verify and returns the problems it finds in
// the schedule and the cycles: the programme's own records (objectives,
// lifecycle and so on) are another part's concern, and the tests here use
// bare programmes.
func scheduleProblems(p *programme.Programme) []ismsaudit.FieldError {
	err := programme.Verify(p)
	if err == nil {
		return nil
	}
	var ve *ismsaudit.ValidationError
	if !errors.As(err, &ve) {
		return []ismsaudit.FieldError{{Rule: "not-a-validation-error", Detail: err.Error()}}
	}
	var out []ismsaudit.FieldError
	for _, f := range ve.Fields {
		if strings.HasPrefix(f.Path, "Schedule") || strings.HasPrefix(f.Path, "Cycles") {
			out = append(out, f)
		}
	}
	return out
}

// verifyClean asserts Verify finds nothing wrong with the schedule and
// the cycles.
func verifyClean(tb testingT, p *programme.Programme, msg ...any) {
	tb.Helper()
	require.Empty(tb, scheduleProblems(p), msg...)
}

// firstDate is the date an audit is listed by.
func firstDate(a programme.ScheduledAudit) time.Time {
	if !a.Start.IsZero() {
		return a.Start
	}
	if !a.Due.Earliest.IsZero() {
		return a.Due.Earliest
	}
	return a.Due.Latest
}

func TestAddCycle(t *testing.T) {
	c, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)

	t.Run("appends a copy", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateDraft)
		in := jsonClone(t, c)
		require.NoError(t, p.AddCycle(in))
		in.Audits[0].ID, in.Audits[0].Sites = "changed", []programme.SiteID{"x"}
		if diff := cmp.Diff([]programme.Cycle{c}, p.Cycles); diff != "" {
			t.Errorf("programme cycles mismatch (-want +got):\n%s", diff)
		}
	})

	refused := []struct {
		name  string
		setup func(p *programme.Programme)
		cycle func() programme.Cycle
		want  [][2]string
	}{
		{"an id the schedule already uses", func(p *programme.Programme) {
			p.Schedule = []programme.ScheduledAudit{{ID: "acme-stage2", Kind: annexa.Internal, Auditee: "acme"}}
		}, func() programme.Cycle { return jsonClone(t, c) }, [][2]string{{"Audits[1].ID", "unique"}}},
		{"the same decision twice", func(p *programme.Programme) {
			other := jsonClone(t, c)
			for i := range other.Audits {
				other.Audits[i].ID += "-old"
			}
			p.Cycles = []programme.Cycle{other}
		}, func() programme.Cycle { return jsonClone(t, c) }, [][2]string{{"Decision", "unique"}}},
		{"a team in the input", nil, func() programme.Cycle {
			in := jsonClone(t, c)
			in.Audits[2].Team = &competence.Team{Leader: "lead", Members: []competence.Member{{Auditor: "lead", Role: competence.RoleTeamLeader}}}
			return in
		}, [][2]string{{"Audits[2].Team", "library-set"}}},
		{"a broken rule", nil, func() programme.Cycle {
			in := jsonClone(t, c)
			in.Audits[2].Due.Latest = date(2027, 6, 16)
			return in
		}, [][2]string{{"Audits[2].Due.Latest", string(programme.RuleSurvFirst12Months)}}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			p := programmeInState(t, "p", programme.StateDraft)
			if tt.setup != nil {
				tt.setup(p)
			}
			before := jsonClone(t, p)
			ve := validationError(t, p.AddCycle(tt.cycle()))
			assertHas(t, ve, tt.want...)
			if diff := cmp.Diff(before, p, equateEmpty); diff != "" {
				t.Errorf("refused AddCycle changed the programme (-before +after):\n%s", diff)
			}
		})
	}
}

func TestScheduleAudits(t *testing.T) {
	ok := programme.ScheduledAudit{ID: "int-1", Kind: annexa.Internal, Auditee: "acme", Clauses: []annexa.ClauseID{"9.2.1"}, Due: window(date(2026, 3, 1), date(2026, 3, 31))}

	t.Run("appends copies", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateDraft)
		in := []programme.ScheduledAudit{jsonClone(t, ok)}
		require.NoError(t, p.ScheduleAudits(in...))
		in[0].Clauses[0] = "4.1"
		if diff := cmp.Diff([]programme.ScheduledAudit{ok}, p.Schedule); diff != "" {
			t.Errorf("schedule mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("refuses every problem and changes nothing", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateDraft)
		p.Schedule = []programme.ScheduledAudit{ok}
		before := jsonClone(t, p)
		bad := []programme.ScheduledAudit{
			{ID: "int-1", Kind: "internal-ish", Auditee: " ", Clauses: []annexa.ClauseID{"9.2.1", "9.2.1", "11"}, Controls: []annexa.ControlID{"A.5.1"},
				Sites: []programme.SiteID{"hq", "hq", ""}, Due: window(date(2026, 3, 31), date(2026, 3, 1)), Start: date(2026, 4, 2), Days: -2,
				Team: &competence.Team{Leader: "x"}},
			{ID: "", Kind: ""},
		}
		ve := validationError(t, p.ScheduleAudits(bad...))
		assertHas(t, ve,
			[2]string{"Audits[0].ID", "unique"}, [2]string{"Audits[0].Kind", "enum"}, [2]string{"Audits[0].Auditee", "required"},
			[2]string{"Audits[0].Clauses[1]", "unique"}, [2]string{"Audits[0].Clauses[2]", "unknown"}, [2]string{"Audits[0].Controls[0]", "unknown"},
			[2]string{"Audits[0].Sites[1]", "unique"}, [2]string{"Audits[0].Sites[2]", "required"},
			[2]string{"Audits[0].Due.Latest", "window-order"}, [2]string{"Audits[0].Start", string(programme.RuleScheduleStartInWindow)},
			[2]string{"Audits[0].Days", "gte"}, [2]string{"Audits[0].Team", "library-set"},
			[2]string{"Audits[1].ID", "required"}, [2]string{"Audits[1].Kind", "required"}, [2]string{"Audits[1].Auditee", "required"},
		)
		require.ErrorIs(t, ve, ismsaudit.ErrNotFound, "unknown clause and control ids are unknown references")
		if diff := cmp.Diff(before, p, equateEmpty); diff != "" {
			t.Errorf("refused ScheduleAudits changed the programme (-before +after):\n%s", diff)
		}
	})

	t.Run("two new audits with one id", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateDraft)
		a, b := ok, ok
		ve := validationError(t, p.ScheduleAudits(a, b))
		assertHas(t, ve, [2]string{"Audits[1].ID", "unique"})
		assert.Empty(t, p.Schedule)
	})
}

// TestAddCycles records cycles in one call and checks it does what
// AddCycle does one by one: the same cycles, and problems found against
// the programme and against the earlier cycles of the call.
func TestAddCycles(t *testing.T) {
	first, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)
	renewal, err := programme.PlanCycle(programme.CycleOptions{ID: "acme-2", Auditee: first.Auditee, Decision: first.Expiry.AddDate(0, -1, 0), PreviousExpiry: first.Expiry})
	require.NoError(t, err)
	var others []programme.Cycle
	for i := range 20 {
		c, err := programme.PlanCycle(benchCycleOptions(i))
		require.NoError(t, err)
		others = append(others, c)
	}
	all := append([]programme.Cycle{first, renewal}, others...)

	t.Run("the same cycles as one by one", func(t *testing.T) {
		one := programmeInState(t, "p", programme.StateDraft)
		for _, c := range all {
			require.NoError(t, one.AddCycle(jsonClone(t, c)))
		}
		batch := programmeInState(t, "p", programme.StateDraft)
		in := jsonClone(t, all)
		require.NoError(t, batch.AddCycles(in...))
		in[0].Audits[0].ID = "changed"
		if diff := cmp.Diff(one.Cycles, batch.Cycles); diff != "" {
			t.Errorf("cycles mismatch (-one by one +at once):\n%s", diff)
		}
		verifyClean(t, batch)
		require.NoError(t, batch.AddCycles(), "nothing to add")
	})

	t.Run("the renewal's previous expiry is found among the cycles given", func(t *testing.T) {
		// Without its own record of the previous expiry, the renewal
		// runs past three years from its decision unless the cycle it
		// renews comes before it.
		p := programmeInState(t, "p", programme.StateDraft)
		lone := jsonClone(t, renewal)
		lone.PreviousExpiry = time.Time{}
		ve := validationError(t, p.AddCycles(lone))
		assertHas(t, ve, [2]string{"[0].Expiry", string(programme.RuleCertCycle3Years)})
		require.NoError(t, p.AddCycles(jsonClone(t, first), lone))
	})

	refused := []struct {
		name   string
		setup  func(p *programme.Programme)
		cycles func() []programme.Cycle
		want   [][2]string
	}{
		{"an id used twice in the call", nil, func() []programme.Cycle {
			a, b := jsonClone(t, others[0]), jsonClone(t, others[1])
			b.Audits[0].ID = a.Audits[1].ID
			return []programme.Cycle{a, b}
		}, [][2]string{{"[1].Audits[0].ID", "unique"}}},
		{"an id the programme uses", func(p *programme.Programme) {
			p.Schedule = []programme.ScheduledAudit{{ID: others[1].Audits[0].ID, Kind: annexa.Internal, Auditee: "x"}}
		}, func() []programme.Cycle { return jsonClone(t, others[:2]) }, [][2]string{{"[1].Audits[0].ID", "unique"}}},
		{"one decision twice in the call", nil, func() []programme.Cycle {
			a, b := jsonClone(t, first), jsonClone(t, first)
			for i := range b.Audits {
				b.Audits[i].ID += "-again"
			}
			return []programme.Cycle{a, b}
		}, [][2]string{{"[1].Decision", "unique"}}},
		{"a decision the programme holds", func(p *programme.Programme) {
			require.NoError(t, p.AddCycle(jsonClone(t, first)))
			for i := range p.Cycles[0].Audits {
				p.Cycles[0].Audits[i].ID += "-held"
			}
		}, func() []programme.Cycle { return []programme.Cycle{jsonClone(t, others[0]), jsonClone(t, first)} }, [][2]string{{"[1].Decision", "unique"}}},
		{"a broken rule in one of them", nil, func() []programme.Cycle {
			in := jsonClone(t, all)
			in[2].Audits[0].Team = teamOf("lead")
			in[3].Audits[len(in[3].Audits)-1].Due.Latest = in[3].Expiry.AddDate(0, 0, 1)
			return in
		}, [][2]string{{"[2].Audits[0].Team", "library-set"}, {"[3].Audits[" + strconv.Itoa(len(all[3].Audits)-1) + "].Due.Latest", string(programme.RuleRecertBeforeExpiry)}}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			p := programmeInState(t, "p", programme.StateDraft)
			if tt.setup != nil {
				tt.setup(p)
			}
			before := jsonClone(t, p)
			ve := validationError(t, p.AddCycles(tt.cycles()...))
			assertHas(t, ve, tt.want...)
			if diff := cmp.Diff(before, p, equateEmpty); diff != "" {
				t.Errorf("refused AddCycles changed the programme (-before +after):\n%s", diff)
			}
		})
	}
}
