package programme_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

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
