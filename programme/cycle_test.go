package programme_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

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

// FuzzPlanCycle plans cycles from arbitrary dates and figures: PlanCycle
// never panics, and whatever it plans Verify accepts.
func FuzzPlanCycle(f *testing.F) {
	d := date(2026, 6, 15).Unix()
	f.Add(d, d-86400*60, d-86400*30, int64(0), 3, 6, 30, true)
	f.Add(d, int64(0), int64(0), d+86400*20, 1, 11, 300, false)
	f.Add(int64(-62135596800), int64(0), int64(0), int64(0), 0, 0, 0, false)
	const lo, hi = -62135596800, 253402300799 // years 1 to 9999
	clamp := func(s int64) time.Time {
		if s == 0 {
			return time.Time{}
		}
		return time.Unix(min(max(s, lo), hi), 0).UTC()
	}
	f.Fuzz(func(t *testing.T, decision, stage1, stage2, previous int64, lead, recertLead, margin int, initial bool) {
		o := programme.CycleOptions{ID: "x", Auditee: "x", Decision: clamp(decision), Initial: initial,
			Stage1: clamp(stage1), Stage2: clamp(stage2), PreviousExpiry: clamp(previous),
			Planning: &programme.CyclePlanning{SurveillanceLeadMonths: lead, RecertificationLeadMonths: recertLead, DecisionMarginDays: margin}}
		c, err := programme.PlanCycle(o)
		if err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			return
		}
		p := &programme.Programme{ID: "p", Cycles: []programme.Cycle{c}}
		verifyClean(t, p)
	})
}

// plannedProgramme returns a programme holding the planned initial
// cycle of initialCycleOptions: Cycles[0].Audits are stage 1, stage 2,
// surveillance 1 and 2 and the recertification, in that order.
func plannedProgramme(tb testing.TB) *programme.Programme {
	tb.Helper()
	c, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(tb, err)
	p := programmeInState(tb, "p", programme.StateDraft)
	require.NoError(tb, p.AddCycle(c))
	verifyClean(tb, p)
	return p
}

// teamOf returns a team led by leader with the other auditors.
func teamOf(leader competence.AuditorID, others ...competence.AuditorID) *competence.Team {
	t := &competence.Team{Leader: leader, Method: competence.Exact, Members: []competence.Member{{Auditor: leader, Role: competence.RoleTeamLeader}}}
	for _, o := range others {
		t.Members = append(t.Members, competence.Member{Auditor: o, Role: competence.RoleAuditor})
	}
	return t
}

func TestVerifySchedule(t *testing.T) {
	const (
		s1    = "Cycles[0].Audits[2]"
		s2    = "Cycles[0].Audits[3]"
		rc    = "Cycles[0].Audits[4]"
		stage = "Cycles[0].Audits[1]"
	)
	tests := []struct {
		name   string
		mutate func(p *programme.Programme)
		want   [][2]string
	}{
		{"first surveillance a day past 12 months", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Due.Latest = date(2027, 6, 16)
		}, [][2]string{{s1 + ".Due.Latest", string(programme.RuleSurvFirst12Months)}}},
		{"first surveillance without a latest date", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Due = programme.Window{Earliest: date(2027, 3, 15)}
		}, [][2]string{{s1 + ".Due.Latest", string(programme.RuleSurvFirst12Months)}}},
		{"planned start past the limit", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Start = date(2027, 7, 1)
		}, [][2]string{{s1 + ".Start", string(programme.RuleScheduleStartInWindow)}, {s1 + ".Start", string(programme.RuleSurvFirst12Months)}}},
		{"no surveillance in the second year", func(p *programme.Programme) {
			p.Cycles[0].Audits = slices.Delete(p.Cycles[0].Audits, 3, 4)
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleSurvSecondYear)}, {"Cycles[0].Audits", string(programme.RuleSurvCalendarYear)}}},
		{"a calendar year without surveillance", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Due = window(date(2026, 7, 1), date(2026, 12, 31))
			p.Cycles[0].Audits[3].Due = window(date(2028, 1, 1), date(2028, 6, 15))
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleSurvCalendarYear)}}},
		{"a surveillance window across the new year is not certain to cover it", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Due = window(date(2026, 12, 1), date(2027, 2, 1))
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleSurvCalendarYear)}}},
		{"recertification on the expiry date", func(p *programme.Programme) {
			p.Cycles[0].Audits[4].Due.Latest = date(2029, 6, 15)
		}, [][2]string{{rc + ".Due.Latest", string(programme.RuleRecertBeforeExpiry)}}},
		{"recertification in the second year", func(p *programme.Programme) {
			p.Cycles[0].Audits[4].Due.Earliest = date(2028, 6, 1)
		}, [][2]string{{rc + ".Due.Earliest", string(programme.RuleRecertThirdYear)}}},
		{"two recertifications", func(p *programme.Programme) {
			extra := p.Cycles[0].Audits[4]
			extra.ID = "acme-recertification-2"
			p.Cycles[0].Audits = append(p.Cycles[0].Audits, extra)
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleRecertPlanned)}}},
		{"no recertification", func(p *programme.Programme) {
			p.Cycles[0].Audits = p.Cycles[0].Audits[:4]
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleRecertPlanned)}}},
		{"stage 2 before stage 1", func(p *programme.Programme) {
			p.Cycles[0].Audits[1].Start = date(2026, 4, 1)
			p.Cycles[0].Audits[1].Due.Earliest = date(2026, 4, 1)
		}, [][2]string{{stage + ".Start", string(programme.RuleStage2AfterStage1)}, {stage, "order"}}},
		{"stage 2 after the decision", func(p *programme.Programme) {
			p.Cycles[0].Audits[1].Start = date(2026, 6, 20)
			p.Cycles[0].Audits[1].Due = window(date(2026, 6, 20), date(2026, 6, 30))
		}, [][2]string{{stage + ".Start", string(programme.RuleDecisionAfterInitial)}}},
		{"an initial cycle without stage 1", func(p *programme.Programme) {
			p.Cycles[0].Audits = p.Cycles[0].Audits[1:]
		}, [][2]string{{"Cycles[0].Audits", string(programme.RuleInitialTwoStage)}}},
		{"a stage 2 in a recertification cycle", func(p *programme.Programme) {
			p.Cycles[0].Initial = false
		}, [][2]string{{stage + ".Kind", string(programme.RuleCycleKinds)}}},
		{"a stage 1 after the recertification of a recertification cycle", func(p *programme.Programme) {
			c := &p.Cycles[0]
			c.Initial = false
			c.Audits = c.Audits[2:]
			c.Audits = append(c.Audits, programme.ScheduledAudit{ID: "acme-recert-stage1", Kind: annexa.Stage1, Auditee: "acme", Due: window(date(2029, 5, 20), date(2029, 5, 25))})
		}, [][2]string{{"Cycles[0].Audits[3].Due.Latest", string(programme.RuleCycleKinds)}}},
		{"an internal audit in a cycle", func(p *programme.Programme) {
			p.Cycles[0].Audits[2].Kind = annexa.Internal
		}, [][2]string{{s1 + ".Kind", string(programme.RuleCycleKinds)}}},
		{"expiry past three years", func(p *programme.Programme) {
			p.Cycles[0].Expiry = date(2029, 6, 16)
		}, [][2]string{{"Cycles[0].Expiry", string(programme.RuleCertCycle3Years)}}},
		{"expiry before the decision", func(p *programme.Programme) {
			p.Cycles[0].Expiry = date(2026, 6, 1)
		}, [][2]string{{"Cycles[0].Expiry", string(programme.RuleCertCycle3Years)}}},
		{"no decision, expiry or auditee", func(p *programme.Programme) {
			p.Cycles[0].Decision, p.Cycles[0].Expiry, p.Cycles[0].Auditee = time.Time{}, time.Time{}, ""
		}, [][2]string{{"Cycles[0].Decision", "required"}, {"Cycles[0].Expiry", "required"}, {"Cycles[0].Auditee", "required"}}},
		{"a special audit before the decision", func(p *programme.Programme) {
			p.Cycles[0].Audits = append(p.Cycles[0].Audits, programme.ScheduledAudit{ID: "acme-special", Kind: annexa.Special, Auditee: "acme", Due: window(date(2026, 6, 1), date(2029, 7, 1))})
		}, [][2]string{{"Cycles[0].Audits[5].Due.Earliest", string(programme.RuleCycleWithin)}, {"Cycles[0].Audits[5].Due.Latest", string(programme.RuleCycleWithin)}, {"Cycles[0].Audits[5]", "order"}}},
		{"a surveillance after expiry", func(p *programme.Programme) {
			p.Cycles[0].Audits = append(p.Cycles[0].Audits, programme.ScheduledAudit{ID: "acme-late", Kind: annexa.Surveillance, Auditee: "acme", Due: window(date(2029, 7, 1), date(2029, 7, 2))})
		}, [][2]string{{"Cycles[0].Audits[5].Due.Latest", string(programme.RuleCycleWithin)}}},
		{"another auditee's audit", func(p *programme.Programme) {
			p.Cycles[0].Audits[3].Auditee = "globex"
		}, [][2]string{{s2 + ".Auditee", "match"}}},
		{"a window in the wrong order", func(p *programme.Programme) {
			w := &p.Cycles[0].Audits[3].Due
			w.Earliest, w.Latest = w.Latest, w.Earliest
		}, [][2]string{{s2 + ".Due.Latest", "window-order"}}},
		{"an id used twice in the programme", func(p *programme.Programme) {
			p.Schedule = []programme.ScheduledAudit{{ID: "acme-stage1", Kind: annexa.Internal, Auditee: "acme"}}
		}, [][2]string{{"Cycles[0].Audits[0].ID", "unique"}}},
		{"two cycles of one decision", func(p *programme.Programme) {
			c := jsonClone(t, p.Cycles[0])
			for i := range c.Audits {
				c.Audits[i].ID += "-copy"
			}
			p.Cycles = append(p.Cycles, c)
		}, [][2]string{{"Cycles[1].Decision", "unique"}}},
		{"days not a number", func(p *programme.Programme) {
			p.Cycles[0].Audits[3].Days = math.Inf(1)
		}, [][2]string{{s2 + ".Days", "gte"}}},
		{"a team whose leader is not a member", func(p *programme.Programme) {
			p.Cycles[0].Audits[3].Team = &competence.Team{Leader: "lead", Members: []competence.Member{{Auditor: "other", Role: competence.RoleTeamLeader}, {Auditor: "other", Role: "boss"}}}
		}, [][2]string{{s2 + ".Team.Members[0].Role", string(programme.RuleStaffTeam)}, {s2 + ".Team.Members[1].Auditor", "unique"}, {s2 + ".Team.Members[1].Role", "enum"}}},
		{"a team with no member leading", func(p *programme.Programme) {
			p.Cycles[0].Audits[3].Team = &competence.Team{Leader: "lead", Members: []competence.Member{{Auditor: "other", Role: competence.RoleAuditor}}}
		}, [][2]string{{s2 + ".Team.Members", string(programme.RuleStaffTeam)}}},
		{"one auditor on two audits at once", func(p *programme.Programme) {
			p.Schedule = []programme.ScheduledAudit{
				{ID: "int-1", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 1), Days: 4, Team: teamOf("ann", "bob")},
				{ID: "int-2", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 2), Days: 1, Team: teamOf("bob")},
			}
		}, [][2]string{{"Schedule[1].Team", string(programme.RuleStaffNoOverlap)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plannedProgramme(t)
			tt.mutate(p)
			ve := validationError(t, programme.Verify(p))
			assertHas(t, ve, tt.want...)
			for _, f := range ve.Fields {
				if _, ok := programme.LookupRule(f.Rule); !ok && len(f.Rule) > 4 && f.Rule[:4] == "PRG-" {
					t.Errorf("violation cites %q, which is not in the catalogue", f.Rule)
				}
			}
			// The first cycle checked on its own shows what Verify finds
			// in it, with paths from the cycle; a clash with an audit
			// elsewhere in the programme is Verify's alone.
			var inCycle []ismsaudit.FieldError
			for _, f := range ve.Fields {
				if rest, ok := strings.CutPrefix(f.Path, "Cycles[0]"); ok {
					f.Path = strings.TrimPrefix(rest, ".")
					inCycle = append(inCycle, f)
				}
			}
			if tt.name == "an id used twice in the programme" {
				inCycle = nil
			}
			err := p.Cycles[0].Verify()
			if len(inCycle) == 0 {
				require.NoError(t, err)
				return
			}
			alone := validationError(t, err)
			assert.Equal(t, "cycle", alone.Subject)
			if d := cmp.Diff(inCycle, alone.Fields); d != "" {
				t.Errorf("Cycle.Verify differs from Verify (-programme +cycle):\n%s", d)
			}
		})
	}
}

func TestCycleVerify(t *testing.T) {
	c, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)
	require.NoError(t, c.Verify(), "a planned cycle keeps every rule on its own")
	c.Audits[2].Due.Latest = date(2027, 6, 16)
	ve := validationError(t, c.Verify())
	assertHas(t, ve, [2]string{"Audits[2].Due.Latest", string(programme.RuleSurvFirst12Months)})
	var nilCycle *programme.Cycle
	ve = validationError(t, nilCycle.Verify())
	assertHas(t, ve, [2]string{"", "required"})
}

func TestVerifyScheduleBookings(t *testing.T) {
	// Two audits of one auditor on consecutive days do not overlap; the
	// team's days are shared by its auditors, so a 4-day audit of two
	// auditors ends on its second day.
	p := &programme.Programme{ID: "p", Schedule: []programme.ScheduledAudit{
		{ID: "int-1", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 1), Days: 4, Team: teamOf("ann", "bob")},
		{ID: "int-2", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 3), Days: 1, Team: teamOf("bob")},
		{ID: "int-3", Kind: annexa.Internal, Auditee: "acme", Due: window(date(2027, 3, 4), date(2027, 3, 30)), Days: 2, Team: teamOf("ann")},
	}}
	verifyClean(t, p)
	p.Schedule[2].Due.Earliest = date(2027, 3, 2)
	problems := scheduleProblems(p)
	require.Len(t, problems, 1)
	assert.Equal(t, "Schedule[2].Team", problems[0].Path)
	assert.Equal(t, programme.RuleStaffNoOverlap, problems[0].Rule)
	assert.Equal(t, "ann", problems[0].Value)
}

func TestVerifyPreviousExpiry(t *testing.T) {
	first, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)
	second, err := programme.PlanCycle(programme.CycleOptions{ID: "acme-2", Auditee: "acme", Decision: date(2029, 5, 1), PreviousExpiry: first.Expiry})
	require.NoError(t, err)

	p := programmeInState(t, "p", programme.StateDraft)
	require.NoError(t, p.AddCycle(first))
	require.NoError(t, p.AddCycle(second))
	verifyClean(t, p)

	// Without its own record of the previous expiry, the second cycle is
	// still checked against the first one in the programme.
	p.Cycles[1].PreviousExpiry = time.Time{}
	verifyClean(t, p)

	// Alone, it cannot run past three years from its decision.
	alone := &programme.Programme{ID: "q", Cycles: []programme.Cycle{p.Cycles[1]}}
	ve := validationError(t, programme.Verify(alone))
	assertHas(t, ve, [2]string{"Cycles[0].Expiry", string(programme.RuleCertCycle3Years)})

	// A recorded previous expiry that disagrees with the programme.
	p.Cycles[1].PreviousExpiry = date(2029, 6, 1)
	ve = validationError(t, programme.Verify(p))
	assertHas(t, ve, [2]string{"Cycles[1].PreviousExpiry", string(programme.RuleCertCycle3Years)})

	// An initial cycle renews nothing.
	p.Cycles[0].PreviousExpiry = date(2026, 7, 1)
	ve = validationError(t, programme.Verify(p))
	assertHas(t, ve, [2]string{"Cycles[0].PreviousExpiry", "unused"})
}

func TestVerifyNil(t *testing.T) {
	ve := validationError(t, programme.Verify(nil))
	assertHas(t, ve, [2]string{"", "required"})
}

// benchDecision is the first decision date of the generated cycles.
var benchDecision = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// benchCycleOptions returns the cycle options of generated auditee i: the
// decisions spread over a year, every third one an initial cycle.
func benchCycleOptions(i int) programme.CycleOptions {
	d := benchDecision.AddDate(0, 0, i%365)
	o := programme.CycleOptions{ID: fmt.Sprintf("auditee-%04d", i), Auditee: fmt.Sprintf("auditee-%04d", i), Decision: d,
		Days: programme.CycleDays{Stage1: 2, Stage2: 6.5, Surveillance: 3, Recertification: 5.5}}
	if i%3 == 0 {
		o.Initial, o.Stage1, o.Stage2 = true, d.AddDate(0, -2, 0), d.AddDate(0, -1, 0)
	}
	return o
}

// BenchmarkPlanCycles1000 plans the certification cycles of 1,000
// auditees, records them in an implementing programme and verifies the
// schedule. Target (issue 5): under 100 ms. "at-once" records them with
// one AddCycles call, "one-by-one" with an AddCycle call each (each
// checking the cycle against every audit the programme already holds).
func BenchmarkPlanCycles1000(b *testing.B) {
	for _, mode := range []string{"at-once", "one-by-one"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				p := exampleProgramme("cb", programme.StateImplementing)
				cycles := make([]programme.Cycle, 0, 1000)
				for i := range 1000 {
					c, err := programme.PlanCycle(benchCycleOptions(i))
					if err != nil {
						b.Fatal(err)
					}
					if mode == "one-by-one" {
						if err := p.AddCycle(c); err != nil {
							b.Fatal(err)
						}
						continue
					}
					cycles = append(cycles, c)
				}
				if err := p.AddCycles(cycles...); err != nil {
					b.Fatal(err)
				}
				if problems := scheduleProblems(p); len(problems) > 0 {
					b.Fatal(problems)
				}
			}
		})
	}
}

func TestYearPieces(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   programme.Window
		want []programme.Window
	}{
		{programme.Window{d(2026, 3, 1), d(2026, 6, 1)}, []programme.Window{{d(2026, 3, 1), d(2026, 6, 1)}}},
		{programme.Window{d(2026, 11, 1), d(2027, 2, 1)}, []programme.Window{{d(2026, 11, 1), d(2026, 12, 31)}, {d(2027, 1, 1), d(2027, 2, 1)}}},
		{programme.Window{d(2026, 12, 31), d(2028, 1, 1)}, []programme.Window{{d(2026, 12, 31), d(2026, 12, 31)}, {d(2027, 1, 1), d(2027, 12, 31)}, {d(2028, 1, 1), d(2028, 1, 1)}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, programme.YearPieces(tt.in)); diff != "" {
			t.Errorf("yearPieces(%v) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestScheduleAuditsIDsOfCycles: an audit scheduled with the id of an
// audit of a certification cycle is refused, naming the cycle's audit.
func TestScheduleAuditsIDsOfCycles(t *testing.T) {
	p := plannedProgramme(t)
	id := p.Cycles[0].Audits[2].ID
	err := p.ScheduleAudits(programme.ScheduledAudit{ID: id, Kind: annexa.Internal, Auditee: "acme", Due: window(date(2027, 1, 1), date(2027, 2, 1))})
	ve := validationError(t, err)
	assertHas(t, ve, [2]string{"Audits[0].ID", "unique"})
	for _, f := range ve.Fields {
		if f.Path == "Audits[0].ID" {
			assert.Contains(t, f.Detail, "Cycles[0].Audits[2]")
		}
	}
}
