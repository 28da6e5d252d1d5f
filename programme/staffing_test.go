package programme_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
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
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
	"github.com/ismsaudit/ismsaudit/programme"
)

// internalAudit returns an internal audit of acme starting on start.
func internalAudit(id programme.ScheduledAuditID, start time.Time, days float64) programme.ScheduledAudit {
	return programme.ScheduledAudit{ID: id, Kind: annexa.Internal, Auditee: "acme", Start: start, Due: window(start, start.AddDate(0, 1, 0)), Days: days}
}

// siteUnits names sites as competence units.
func siteUnits(sites []programme.SiteID) []string {
	var out []string
	for _, s := range sites {
		out = append(out, string(s))
	}
	return out
}

// needsOf rebuilds the team needs staffing used for a staffed audit,
// to check its team with competence's CheckTeam.
func needsOf(a programme.ScheduledAudit, sa programme.StaffedAudit) (competence.TeamNeeds, *competence.SelectOptions) {
	needs := competence.TeamNeeds{Scope: competence.Scope{Auditee: a.Auditee, Units: siteUnits(a.Sites), Internal: a.Kind == annexa.Internal}, At: sa.First}
	if sa.Last.After(sa.First) {
		needs.Until = sa.Last
	}
	for _, c := range a.Controls {
		needs.Scope.Controls = append(needs.Scope.Controls, string(c))
	}
	opts := &competence.SelectOptions{}
	if a.Kind == annexa.Internal {
		opts.AuditorSet, opts.LeaderSet = competence.InternalISMSAuditorSet, competence.InternalISMSAuditorSet
	}
	return needs, opts
}

// findScheduled returns the scheduled audit with the given id.
func findScheduled(tb testingT, p *programme.Programme, id programme.ScheduledAuditID) programme.ScheduledAudit {
	tb.Helper()
	for _, a := range p.Schedule {
		if a.ID == id {
			return a
		}
	}
	for _, c := range p.Cycles {
		for _, a := range c.Audits {
			if a.ID == id {
				return a
			}
		}
	}
	tb.Fatalf("no audit %q", id)
	return programme.ScheduledAudit{}
}

func TestStaff(t *testing.T) {
	var people []competence.Auditor
	for i := range 8 {
		people = append(people, person(t, fmt.Sprintf("p%d", i), i%2 == 0, nil))
	}
	// p0 is responsible for acme's IT: never on an external audit of it.
	people[0].Involvements = []competence.Involvement{{Kind: competence.Responsible, Auditee: "acme", Units: []string{"it"}}}
	pool := newPool(t, people...)

	c, err := programme.PlanCycle(programme.CycleOptions{ID: "acme", Auditee: "acme", Decision: date(2026, 3, 2), Days: programme.CycleDays{Surveillance: 3, Recertification: 6}})
	require.NoError(t, err)
	p := programmeInState(t, "p", programme.StateImplementing)
	require.NoError(t, p.AddCycle(c))
	audits, err := programme.PlanInternal(acmeSoA(t), programme.InternalPlanOptions{Auditee: "acme", Period: window(date(2026, 3, 2), date(2027, 3, 1))})
	require.NoError(t, err)
	for i := range audits {
		audits[i].Days = 2
	}
	require.NoError(t, p.ScheduleAudits(audits...))
	opts := programme.StaffOptions{
		Needs:    []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working), competence.LanguageNeed("en")},
		Requests: []programme.StaffRequest{{Audit: "acme-recertification", MinAuditors: 2}},
		Limit:    5, Period: programme.PeriodYear,
	}
	scheduleOnly := opts
	scheduleOnly.Requests = nil // the request names a cycle audit, not in the schedule
	planned, err := programme.PlanStaffing(jsonClone(t, p.Schedule), pool, scheduleOnly)
	require.NoError(t, err)

	before := jsonClone(t, p)
	res, err := p.Staff(pool, opts)
	require.NoError(t, err)
	assert.Equal(t, 7, res.Staffed)
	assert.Zero(t, res.Unstaffed)
	verifyClean(t, p, "staffed programme keeps the rules")

	for _, sa := range res.Audits {
		require.Equal(t, programme.Staffed, sa.Status, "%s: %+v", sa.Audit, sa.Unmet)
		a := findScheduled(t, p, programme.ScheduledAuditID(string(sa.Audit)))
		if diff := cmp.Diff(sa.Team, a.Team); diff != "" {
			t.Errorf("%s: assigned team mismatch (-result +programme):\n%s", sa.Audit, diff)
		}
		needs, so := needsOf(a, sa)
		needs.Needs = opts.Needs
		if sa.Audit == "acme-recertification" {
			needs.MinAuditors = 2
			assert.Equal(t, 3.0, sa.Charge, "6 days over two auditors")
			assert.Equal(t, sa.First.AddDate(0, 0, 2), sa.Last, "three days on site")
		}
		require.NoError(t, pool.CheckTeam(*a.Team, needs, so), "%s", sa.Audit)
		if a.Kind != annexa.Internal {
			assert.NotContains(t, a.Team.Auditors(), competence.AuditorID("p0"), "%s: p0 is not independent of acme", sa.Audit)
		}
	}
	for _, w := range res.Workload {
		assert.LessOrEqual(t, w.Days, 5.0, "%s in %s", w.Auditor, w.Period)
		assert.Equal(t, 5.0, w.Limit)
	}

	t.Run("PlanStaffing selects the same teams without assigning them", func(t *testing.T) {
		var staffed int
		for _, sa := range planned.Audits {
			if sa.Status == programme.Staffed {
				staffed++
			}
		}
		assert.Equal(t, 4, staffed, "the internal audits of the schedule")
		for _, a := range before.Schedule {
			assert.Nil(t, a.Team)
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		again := jsonClone(t, before)
		res2, err := again.Staff(pool, opts)
		require.NoError(t, err)
		if diff := cmp.Diff(res, res2); diff != "" {
			t.Errorf("second run mismatch (-first +second):\n%s", diff)
		}
	})

	t.Run("a second run keeps every team", func(t *testing.T) {
		kept := jsonClone(t, p)
		res3, err := kept.Staff(pool, opts)
		require.NoError(t, err)
		assert.Zero(t, res3.Staffed)
		for _, sa := range res3.Audits {
			assert.Equal(t, programme.StaffKept, sa.Status)
		}
		if diff := cmp.Diff(p, kept, equateEmpty); diff != "" {
			t.Errorf("a run with nothing to staff changed the programme (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(res.Workload, res3.Workload); diff != "" {
			t.Errorf("kept teams count the same workload (-first +second):\n%s", diff)
		}
	})
}

func TestStaffLimitsAndBookings(t *testing.T) {
	pool := newPool(t, person(t, "lead", true, nil))
	tests := []struct {
		name     string
		schedule []programme.ScheduledAudit
		opts     programme.StaffOptions
		want     []programme.StaffStatus
		check    func(t *testing.T, res programme.Staffing)
	}{
		{"a workload limit per year", []programme.ScheduledAudit{
			internalAudit("a", date(2027, 2, 1), 4), internalAudit("b", date(2027, 5, 1), 4), internalAudit("c", date(2027, 9, 1), 4), internalAudit("d", date(2028, 1, 10), 4),
		}, programme.StaffOptions{Limit: 10}, []programme.StaffStatus{programme.Staffed, programme.Staffed, programme.StaffNoTeam, programme.Staffed},
			func(t *testing.T, res programme.Staffing) {
				c := res.Audits[2]
				want := []programme.StaffLeftOut{{Auditor: "lead", Rule: programme.RuleStaffWorkload, Detail: "8 days in 2027 and up to 4 more exceed the limit of 10"}}
				if diff := cmp.Diff(want, c.LeftOut); diff != "" {
					t.Errorf("left out mismatch (-want +got):\n%s", diff)
				}
				assert.Equal(t, programme.RuleStaffTeam, c.Rule)
				require.NotEmpty(t, c.Unmet)
				assert.Equal(t, competence.NeedLeader, c.Unmet[0].Need.Kind)
				wantLoad := []programme.AuditorWorkload{{Auditor: "lead", Period: "2027", Days: 8, Limit: 10}, {Auditor: "lead", Period: "2028", Days: 4, Limit: 10}}
				if diff := cmp.Diff(wantLoad, res.Workload); diff != "" {
					t.Errorf("workload mismatch (-want +got):\n%s", diff)
				}
			}},
		{"a personal limit and a quarter", []programme.ScheduledAudit{
			internalAudit("a", date(2027, 2, 1), 3), internalAudit("b", date(2027, 3, 1), 3), internalAudit("c", date(2027, 4, 1), 3),
		}, programme.StaffOptions{Limit: 100, Limits: map[competence.AuditorID]float64{"lead": 5}, Period: programme.PeriodQuarter},
			[]programme.StaffStatus{programme.Staffed, programme.StaffNoTeam, programme.Staffed},
			func(t *testing.T, res programme.Staffing) {
				assert.Equal(t, "2027-Q1", res.Audits[1].Period)
				assert.Equal(t, "2027-Q2", res.Audits[2].Period)
			}},
		{"overlapping dates", []programme.ScheduledAudit{
			internalAudit("a", date(2027, 2, 1), 3), internalAudit("b", date(2027, 2, 3), 1), internalAudit("c", date(2027, 2, 4), 1),
		}, programme.StaffOptions{}, []programme.StaffStatus{programme.Staffed, programme.StaffNoTeam, programme.Staffed},
			func(t *testing.T, res programme.Staffing) {
				want := []programme.StaffLeftOut{{Auditor: "lead", Rule: programme.RuleStaffNoOverlap, Detail: `booked on "a" from 2027-02-01 to 2027-02-03`}}
				if diff := cmp.Diff(want, res.Audits[1].LeftOut); diff != "" {
					t.Errorf("left out mismatch (-want +got):\n%s", diff)
				}
				assert.Equal(t, date(2027, 2, 3), res.Audits[0].Last)
			}},
		{"work outside the schedule", []programme.ScheduledAudit{
			internalAudit("a", date(2027, 2, 1), 1), internalAudit("b", date(2027, 3, 1), 2),
		}, programme.StaffOptions{Limit: 6, Booked: []programme.StaffBooking{
			{Auditor: "lead", From: date(2027, 1, 30), To: date(2027, 2, 2), Days: 4},
		}}, []programme.StaffStatus{programme.StaffNoTeam, programme.Staffed},
			func(t *testing.T, res programme.Staffing) {
				want := []programme.StaffLeftOut{{Auditor: "lead", Rule: programme.RuleStaffNoOverlap, Detail: "booked on work outside the schedule from 2027-01-30 to 2027-02-02"}}
				if diff := cmp.Diff(want, res.Audits[0].LeftOut); diff != "" {
					t.Errorf("left out mismatch (-want +got):\n%s", diff)
				}
				wantLoad := []programme.AuditorWorkload{{Auditor: "lead", Period: "2027", Days: 6, Limit: 6}}
				if diff := cmp.Diff(wantLoad, res.Workload); diff != "" {
					t.Errorf("workload mismatch (-want +got):\n%s", diff)
				}
			}},
		{"kept, under-way and undated audits", []programme.ScheduledAudit{
			func() programme.ScheduledAudit {
				a := internalAudit("kept", date(2027, 2, 1), 2)
				a.Team = teamOf("lead")
				return a
			}(),
			func() programme.ScheduledAudit {
				a := internalAudit("running", date(2027, 1, 1), 2)
				a.Audit = "AUD-7"
				return a
			}(),
			{ID: "someday", Kind: annexa.Internal, Auditee: "acme", Due: programme.Window{Latest: date(2027, 12, 31)}},
			internalAudit("clash", date(2027, 2, 2), 1),
		}, programme.StaffOptions{}, []programme.StaffStatus{programme.StaffUnderWay, programme.StaffKept, programme.StaffNoTeam, programme.StaffUndated},
			func(t *testing.T, res programme.Staffing) {
				assert.Equal(t, []string{"running", "kept", "clash", "someday"}, []string{string(res.Audits[0].Audit), string(res.Audits[1].Audit), string(res.Audits[2].Audit), string(res.Audits[3].Audit)})
				assert.Equal(t, programme.RuleStaffOnce, res.Audits[0].Rule)
				assert.Equal(t, programme.RuleStaffDated, res.Audits[3].Rule)
				assert.Equal(t, []competence.AuditorID{"lead"}, leftOutBy(res.Audits[2], programme.RuleStaffNoOverlap), "the kept team books its days")
				assert.Equal(t, 0, res.Staffed)
				assert.Equal(t, 2, res.Unstaffed)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := programme.PlanStaffing(tt.schedule, pool, tt.opts)
			require.NoError(t, err)
			var got []programme.StaffStatus
			for _, sa := range res.Audits {
				got = append(got, sa.Status)
			}
			assert.Equal(t, tt.want, got)
			tt.check(t, res)
		})
	}
}

func TestStaffErrors(t *testing.T) {
	pool := newPool(t, person(t, "lead", true, nil))
	p := programmeInState(t, "p", programme.StateImplementing)
	p.Schedule = []programme.ScheduledAudit{internalAudit("a", date(2027, 2, 1), 2)}
	tests := []struct {
		name string
		pool *competence.Pool
		opts programme.StaffOptions
		want [][2]string
	}{
		{"no pool", nil, programme.StaffOptions{}, [][2]string{{"Pool", "required"}}},
		{"bad options", pool, programme.StaffOptions{
			Needs:          []competence.Need{{Kind: competence.NeedKnowledge, Area: competence.RiskAssessment}},
			Requests:       []programme.StaffRequest{{Audit: "zzz"}, {Audit: "a", MinAuditors: 3, MaxAuditors: 2}, {Audit: "a"}},
			Select:         &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"lead": 1}, Unavailable: []competence.AuditorID{"lead"}, MaxExact: 40},
			SelectInternal: &competence.SelectOptions{AuditorSet: "wizard", Independence: &competence.IndependenceOptions{CoolingOffMonths: -1}},
			Limit:          math.NaN(),
			Limits:         map[competence.AuditorID]float64{"ghost": 1, "lead": -1},
			Period:         "fortnight",
			Booked:         []programme.StaffBooking{{Auditor: "ghost", Days: -1}, {Auditor: "lead", From: date(2027, 2, 2), To: date(2027, 2, 1)}},
		}, [][2]string{
			{"Options.Needs[0].Level", "required-for-kind"},
			{"Options.Requests[0].Audit", "unknown"}, {"Options.Requests[1].MinAuditors", "lte"}, {"Options.Requests[2].Audit", "unique"},
			{"Options.Select.Workload", "library-set"}, {"Options.Select.Unavailable", "library-set"}, {"Options.Select.MaxExact", "lte"},
			{"Options.SelectInternal.AuditorSet", "unknown"}, {"Options.SelectInternal.Independence.CoolingOffMonths", "range"},
			{"Options.Limit", "gte"}, {`Options.Limits["ghost"]`, "unknown"}, {`Options.Limits["lead"]`, "gte"}, {"Options.Period", "enum"},
			{"Options.Booked[0].Auditor", "unknown"}, {"Options.Booked[0].From", "required"}, {"Options.Booked[0].Days", "gte"}, {"Options.Booked[1].To", "window-order"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := jsonClone(t, p)
			_, err := p.Staff(tt.pool, tt.opts)
			assertHas(t, validationError(t, err), tt.want...)
			if diff := cmp.Diff(before, p, equateEmpty); diff != "" {
				t.Errorf("refused Staff changed the programme (-before +after):\n%s", diff)
			}
		})
	}

	t.Run("an invalid scheduled audit", func(t *testing.T) {
		bad := programmeInState(t, "p", programme.StateImplementing)
		bad.Schedule = []programme.ScheduledAudit{internalAudit("a", date(2027, 2, 1), 2), internalAudit("a", date(2027, 3, 1), -2)}
		before := jsonClone(t, bad)
		_, err := bad.Staff(pool, programme.StaffOptions{})
		assertHas(t, validationError(t, err), [2]string{"Schedule[1].ID", "unique"}, [2]string{"Schedule[1].Days", "gte"})
		if diff := cmp.Diff(before, bad, equateEmpty); diff != "" {
			t.Errorf("refused Staff changed the programme (-before +after):\n%s", diff)
		}
	})
}

// TestStaffAuditStates covers every state of a scheduled audit (planned
// with a date, planned without one, staffed, under way, and one no team
// can staff) for the one event, staff.
func TestStaffAuditStates(t *testing.T) {
	pool := newPool(t, person(t, "lead", true, nil))
	dated := internalAudit("dated", date(2027, 2, 1), 2)
	undated := programme.ScheduledAudit{ID: "undated", Kind: annexa.Internal, Auditee: "acme"}
	staffed := internalAudit("staffed", date(2027, 3, 1), 2)
	staffed.Team = teamOf("lead")
	running := internalAudit("running", date(2027, 4, 1), 2)
	running.Audit = "AUD-1"
	clash := internalAudit("clash", date(2027, 3, 2), 1) // lead is on "staffed" then
	schedule := []programme.ScheduledAudit{dated, undated, staffed, running, clash}

	tests := []struct {
		id     programme.ScheduledAuditID
		state  string // the state a refusal names
		rule   ismsaudit.RuleID
		noTeam bool
		found  bool
	}{
		{id: "dated", found: true},
		{id: "undated", state: "planned", rule: programme.RuleStaffDated, found: true},
		{id: "staffed", state: "staffed", rule: programme.RuleStaffOnce, found: true},
		{id: "running", state: "under-way", rule: programme.RuleStaffOnce, found: true},
		{id: "clash", noTeam: true, found: true},
		{id: "missing"},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			p := programmeInState(t, "p", programme.StateImplementing)
			p.Schedule = jsonClone(t, schedule)
			before := jsonClone(t, p)
			sa, err := p.StaffAudit(tt.id, pool, programme.StaffOptions{})
			switch {
			case !tt.found:
				require.ErrorIs(t, err, ismsaudit.ErrNotFound)
				var nf *ismsaudit.NotFoundError
				require.ErrorAs(t, err, &nf)
				assert.Equal(t, "missing", nf.ID)
			case tt.rule != "":
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, "programme.schedule", te.Machine)
				assert.Equal(t, tt.state, te.State)
				assert.Equal(t, "staff", te.Event)
				assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
				assert.Equal(t, tt.rule, te.Rule)
				_, ok := programme.LookupRule(te.Rule)
				assert.True(t, ok)
			case tt.noTeam:
				require.ErrorIs(t, err, competence.ErrNoTeam)
				assert.Equal(t, programme.StaffNoTeam, sa.Status)
				assert.Equal(t, []competence.AuditorID{"lead"}, leftOutBy(sa, programme.RuleStaffNoOverlap))
			default:
				require.NoError(t, err)
				assert.Equal(t, programme.Staffed, sa.Status)
				got := findScheduled(t, p, tt.id)
				require.NotNil(t, got.Team)
				assert.Equal(t, competence.AuditorID("lead"), got.Team.Leader)
				got.Team = nil
				if diff := cmp.Diff(findScheduled(t, before, tt.id), got); diff != "" {
					t.Errorf("StaffAudit changed more than the team (-before +after):\n%s", diff)
				}
				return
			}
			if diff := cmp.Diff(before, p, equateEmpty); diff != "" {
				t.Errorf("refused StaffAudit changed the programme (-before +after):\n%s", diff)
			}
		})
	}
}

// TestStaffProperties staffs random schedules from a small pool and
// checks: no one on overlapping audits (Verify), no one over a limit,
// every staffed team passes CheckTeam, teams already there are kept, and
// the run is deterministic.
func TestStaffProperties(t *testing.T) {
	people := []competence.Auditor{
		person(t, "ann", true, nil), person(t, "bob", true, func(a *competence.Auditor) {
			a.Involvements = []competence.Involvement{{Kind: competence.Consulted, Auditee: "acme", Controls: []string{"8.8"}}}
		}),
		person(t, "cat", false, nil), person(t, "dan", false, func(a *competence.Auditor) { a.Languages = []string{"de"} }),
	}
	pool := newPool(t, people...)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "audits")
		p := exampleProgramme("p", programme.StateImplementing)
		for i := range n {
			start := date(2027, 1, 1).AddDate(0, 0, rapid.IntRange(0, 120).Draw(t, "start"))
			a := programme.ScheduledAudit{ID: programme.ScheduledAuditID(fmt.Sprintf("a%02d", i)), Auditee: rapid.SampledFrom([]string{"acme", "globex"}).Draw(t, "auditee"),
				Kind: rapid.SampledFrom([]annexa.AuditKind{annexa.Internal, annexa.Special}).Draw(t, "kind"),
				Due:  window(start, start.AddDate(0, 0, 20)), Days: float64(rapid.IntRange(0, 12).Draw(t, "halfDays")) / 2}
			if rapid.Bool().Draw(t, "planned") {
				a.Start = start.AddDate(0, 0, rapid.IntRange(0, 20).Draw(t, "shift"))
			}
			if rapid.Bool().Draw(t, "controls") {
				a.Controls = []annexa.ControlID{"8.8"}
			}
			p.Schedule = append(p.Schedule, a)
		}
		opts := programme.StaffOptions{
			Limit:  float64(rapid.IntRange(0, 12).Draw(t, "limit")),
			Period: rapid.SampledFrom([]programme.Period{programme.PeriodMonth, programme.PeriodQuarter, programme.PeriodYear}).Draw(t, "period"),
		}
		if rapid.Bool().Draw(t, "english") {
			opts.Needs = []competence.Need{competence.LanguageNeed("en")}
		}
		first, err := programme.PlanStaffing(jsonClone(t, p.Schedule), pool, opts)
		require.NoError(t, err)
		res, err := p.Staff(pool, opts)
		require.NoError(t, err)
		if diff := cmp.Diff(first, res, cmpopts.IgnoreFields(programme.StaffedAudit{}, "Path")); diff != "" {
			t.Fatalf("PlanStaffing and Staff differ (-plan +staff):\n%s", diff)
		}
		verifyClean(t, p)
		require.Equal(t, n, len(res.Audits))
		for _, w := range res.Workload {
			if opts.Limit > 0 {
				require.LessOrEqual(t, w.Days, opts.Limit+1e-9, "%s in %s", w.Auditor, w.Period)
			}
		}
		for _, sa := range res.Audits {
			a := findScheduled(t, p, programme.ScheduledAuditID(string(sa.Audit)))
			switch sa.Status {
			case programme.Staffed:
				needs, so := needsOf(a, sa)
				needs.Needs = opts.Needs
				require.NoError(t, pool.CheckTeam(*a.Team, needs, so), "%s", sa.Audit)
			case programme.StaffNoTeam:
				require.Nil(t, a.Team)
				require.NotEmpty(t, sa.Unmet)
			default:
				t.Fatalf("%s: unexpected status %s", sa.Audit, sa.Status)
			}
		}
		// A second run keeps everything and staffs nothing new that the
		// first could have staffed.
		again, err := p.Staff(pool, opts)
		require.NoError(t, err)
		require.Zero(t, again.Staffed)
		if diff := cmp.Diff(res.Workload, again.Workload); diff != "" {
			t.Fatalf("second run changed the workload (-first +second):\n%s", diff)
		}
	})
}

// TestStaffAuditNoTeamIsNoTeamError checks the error's type carries the
// unmet needs.
func TestStaffAuditNoTeamIsNoTeamError(t *testing.T) {
	pool := newPool(t, person(t, "aud", false, nil))
	p := programmeInState(t, "p", programme.StateImplementing)
	p.Schedule = []programme.ScheduledAudit{internalAudit("a", date(2027, 2, 1), 2)}
	p.Schedule[0].Kind = annexa.Special
	sa, err := p.StaffAudit("a", pool, programme.StaffOptions{})
	var nt *competence.NoTeamError
	require.True(t, errors.As(err, &nt))
	assert.True(t, nt.Has(competence.NeedLeader, competence.NobodyHas), "%+v", nt.Unmet)
	if diff := cmp.Diff(sa.Unmet, nt.Unmet); diff != "" {
		t.Errorf("unmet needs mismatch (-result +error):\n%s", diff)
	}
	assert.Nil(t, p.Schedule[0].Team)
}

// benchPeople returns n competent people (one in four a leader) with
// languages and sectors spread over small vocabularies.
func benchPeople(tb testing.TB, n int) []competence.Auditor {
	langs := []string{"en", "de", "fr", "es"}
	sectors := []string{"finance", "health", "energy", "retail", "public"}
	out := make([]competence.Auditor, n)
	for i := range out {
		out[i] = person(tb, fmt.Sprintf("aud-%03d", i), i%4 == 0, func(a *competence.Auditor) {
			a.Languages = []string{langs[i%len(langs)]}
			if i%3 == 0 {
				a.Languages = append(a.Languages, "en")
				if a.Languages[0] == "en" {
					a.Languages = a.Languages[:1]
				}
			}
			a.Sectors = []string{sectors[i%len(sectors)], sectors[(i+2)%len(sectors)]}
		})
	}
	return out
}

// benchSchedule returns 1,000 audits of 1,000 auditees over three years,
// 2 to 6 auditor days each, with per-audit language and sector needs.
func benchSchedule() ([]programme.ScheduledAudit, []programme.StaffRequest) {
	langs := []string{"en", "de", "fr", "es"}
	sectors := []string{"finance", "health", "energy", "retail", "public"}
	audits := make([]programme.ScheduledAudit, 1000)
	reqs := make([]programme.StaffRequest, 1000)
	for i := range audits {
		start := benchDecision.AddDate(0, 0, (i*397)%1090)
		kind := []annexa.AuditKind{annexa.Surveillance, annexa.Stage2, annexa.Recertification, annexa.Internal}[i%4]
		audits[i] = programme.ScheduledAudit{ID: programme.ScheduledAuditID(fmt.Sprintf("audit-%04d", i)), Kind: kind, Auditee: fmt.Sprintf("auditee-%04d", i),
			Start: start, Due: programme.Window{Earliest: start, Latest: start.AddDate(0, 1, 0)}, Days: float64(2 + i%5),
			Controls: []annexa.ControlID{"5.15", "8.8"}}
		reqs[i] = programme.StaffRequest{Audit: audits[i].ID, Needs: []competence.Need{
			competence.LanguageNeed(langs[i%len(langs)]), competence.SectorNeed(sectors[i%len(sectors)]),
		}}
	}
	return audits, reqs
}

// BenchmarkStaff1000 staffs 1,000 audits from a pool of 500 auditors
// built once (NewPool excluded). Target (issue 5): under 1 s.
func BenchmarkStaff1000(b *testing.B) {
	pool := newPool(b, benchPeople(b, 500)...)
	audits, reqs := benchSchedule()
	opts := programme.StaffOptions{Needs: []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working)},
		Requests: reqs, Limit: 40, Period: programme.PeriodQuarter}
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		res, err := programme.PlanStaffing(audits, pool, opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Staffed < 900 {
			b.Fatalf("only %d of 1000 audits staffed", res.Staffed)
		}
	}
}

// BenchmarkStaff1000WithPool is BenchmarkStaff1000 including NewPool over
// the 500 records.
func BenchmarkStaff1000WithPool(b *testing.B) {
	people := benchPeople(b, 500)
	scheme := testScheme()
	audits, reqs := benchSchedule()
	opts := programme.StaffOptions{Needs: []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working)},
		Requests: reqs, Limit: 40, Period: programme.PeriodQuarter}
	b.ReportAllocs()
	for b.Loop() {
		pool, err := competence.NewPool(people, &scheme)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := programme.PlanStaffing(audits, pool, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// evaluationDay is when the fixture auditors were evaluated; the schedules
// of the tests fall after it.
var evaluationDay = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// testScheme is the built-in scheme with maintenance checks off and
// re-evaluation every ten years, so that the fixture auditors stay
// competent over the three-year cycles the tests plan.
func testScheme() competence.Scheme {
	s := competence.DefaultScheme()
	for i := range s.Sets {
		s.Sets[i].Maintenance = competence.Maintenance{}
		s.Sets[i].ReevaluationMonths = 120
	}
	return s
}

// auditorTemplate is a record competencetest evaluated competent against
// the three sets of testScheme on evaluationDay: internal auditor, ISMS
// auditor and team leader, proficient in every knowledge area, in
// English. It is built once; person copies it.
var auditorTemplate competence.Auditor

// person returns a competent person with the given id: a team leader
// when leader is set, else an auditor (internal and ISMS). mut, when not
// nil, adjusts the record.
func person(tb testingT, id string, leader bool, mut func(*competence.Auditor)) competence.Auditor {
	tb.Helper()
	if auditorTemplate.ID == "" {
		scheme := testScheme()
		var areas []competence.KnowledgeArea
		for k := range competence.KnowledgeAreas() {
			areas = append(areas, k)
		}
		auditorTemplate = competencetest.TeamLeader(tb, "template", competencetest.Profile{
			Scheme: &scheme, Set: competence.InternalISMSAuditorSet, At: evaluationDay,
			Areas: areas, Level: competence.Proficient, Languages: []string{"en"},
		})
	}
	data, err := json.Marshal(auditorTemplate)
	require.NoError(tb, err)
	var a competence.Auditor
	require.NoError(tb, json.Unmarshal(data, &a))
	a.ID, a.Name = competence.AuditorID(id), "Auditor "+id
	var evs []competence.Evaluation
	for _, e := range a.Evaluations {
		if !leader && e.Criteria == competence.ISMSTeamLeaderSet {
			continue
		}
		e.ID = competence.EvaluationID(id + "/" + string(e.Criteria))
		e.Auditor = a.ID
		for j := range e.Decisions {
			e.Decisions[j].Assessment.Auditor = a.ID
		}
		evs = append(evs, e)
	}
	a.Evaluations = evs
	if mut != nil {
		mut(&a)
	}
	return a
}

// panicking is an testingT for examples: any failure panics.
type panicking struct{}

func (panicking) Helper() {}

func (panicking) Errorf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

func (panicking) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

func (panicking) FailNow() { panic("failed") }

// newPool builds a pool with testScheme.
func newPool(tb testingT, people ...competence.Auditor) *competence.Pool {
	tb.Helper()
	s := testScheme()
	p, err := competence.NewPool(people, &s)
	require.NoError(tb, err)
	return p
}

func TestOnSiteDays(t *testing.T) {
	tests := []struct {
		days     float64
		auditors int
		want     int
	}{{0, 1, 1}, {0.5, 1, 1}, {4, 2, 2}, {5, 2, 3}, {6, 4, 2}, {3, 0, 3}, {1e30, 1, 1 << 20}}
	for _, tt := range tests {
		assert.Equal(t, tt.want, programme.TeamDays(tt.days, tt.auditors), "onSiteDays(%v, %d)", tt.days, tt.auditors)
	}
}

func TestOverlappingBookings(t *testing.T) {
	list := []programme.Booking{
		{Auditor: "ann", First: 10, Last: 14, Path: "A"},
		{Auditor: "bob", First: 12, Last: 12, Path: "B"},
		{Auditor: "ann", First: 11, Last: 11, Path: "C"}, // inside A
		{Auditor: "ann", First: 15, Last: 16, Path: "D"}, // after A
		{Auditor: "ann", First: 16, Last: 16, Path: "E"}, // overlaps D
		{Auditor: "bob", First: 13, Last: 13, Path: "F"},
	}
	assert.Equal(t, [][2]string{{"A", "C"}, {"D", "E"}}, programme.OverlappingBookings(list))
}

// leftOutBy returns the ids of the people left out of an audit's team
// selection under rule, by id.
func leftOutBy(sa programme.StaffedAudit, rule ismsaudit.RuleID) []competence.AuditorID {
	var out []competence.AuditorID
	for _, l := range sa.LeftOut {
		if l.Rule == rule {
			out = append(out, l.Auditor)
		}
	}
	return out
}
