package programme_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// assertExactly asserts that ve lists exactly the (path, rule) pairs
// given, in order, and nothing else.
func assertExactly(tb testing.TB, ve *ismsaudit.ValidationError, want ...[2]string) {
	tb.Helper()
	got := make([][2]string, len(ve.Fields))
	for i, f := range ve.Fields {
		got[i] = [2]string{f.Path, string(f.Rule)}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		tb.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
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

// programmeInState returns a programme with the given id brought to state s
// through valid operations (the content of exampleOptions, one low risk per
// area): draft, approved, implementing, under-review (with the round's
// review recorded), improved (the reviewed version) or closed.
func programmeInState(tb testing.TB, id string, s programme.State) *programme.Programme {
	tb.Helper()
	p, err := buildProgramme(id, s)
	require.NoError(tb, err)
	require.Equal(tb, s, p.State)
	return p
}

// exampleProgramme is programmeInState for examples and rapid tests: it panics
// on error.
func exampleProgramme(id string, s programme.State) *programme.Programme {
	p, err := buildProgramme(id, s)
	must(err)
	return p
}

func buildProgramme(id string, s programme.State) (*programme.Programme, error) {
	opts := exampleOptions()
	opts.ID = ismsaudit.ProgrammeID(id)
	p, err := programme.New(opts, exampleMeta(time.January, 2, ""))
	if err != nil || s == programme.StateDraft {
		return p, err
	}
	coverRiskAreas(p)
	if err := p.Fire(programme.EventApprove, exampleMeta(time.January, 9, "")); err != nil || s == programme.StateApproved {
		return p, err
	}
	if err := p.Fire(programme.EventImplement, exampleMeta(time.January, 12, "")); err != nil || s == programme.StateImplementing {
		return p, err
	}
	if err := p.Fire(programme.EventReview, exampleMeta(time.June, 1, "")); err != nil {
		return nil, err
	}
	err = p.RecordReview(programme.Review{ID: programme.ReviewID("rev-" + id),
		Inputs:      []programme.ReviewInput{{Kind: programme.InputMonitoring, Summary: "on track"}},
		Objectives:  []programme.ObjectiveResult{{Objective: "coverage", Actual: 50}},
		Conclusions: "no change"}, exampleMeta(time.June, 2, ""))
	switch {
	case err != nil:
	case s == programme.StateImproved:
		_, err = p.Improve(programme.Changes{}, exampleMeta(time.June, 3, ""))
	case s == programme.StateClosed:
		err = p.Fire(programme.EventClose, exampleMeta(time.June, 3, "ends"))
	case s != programme.StateUnderReview:
		err = errors.New("no path to state " + string(s))
	}
	return p, err
}

// TestScheduleOperationStates checks, for every operation that changes the
// schedule or the cycles, in every programme state, that it is allowed
// exactly where its doc says (audits and cycles in draft and
// implementing, teams in implementing), that a refusal is a
// *TransitionError of reason wrong-state citing PRG-FROZEN on a record
// and PRG-SCHEDULE-WHEN otherwise, and that a refused operation changes
// nothing.
func TestScheduleOperationStates(t *testing.T) {
	cycle, err := programme.PlanCycle(initialCycleOptions())
	require.NoError(t, err)
	pool := newPool(t, person(t, "lead", true, nil), person(t, "aud", false, nil))
	internal := internalAudit("int-1", date(2027, 2, 1), 2)

	ops := []struct {
		name    string
		allowed []programme.State
		run     func(p *programme.Programme) error
	}{
		{"AddCycle", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.AddCycle(jsonClone(t, cycle))
		}},
		{"AddCycles", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.AddCycles(jsonClone(t, cycle))
		}},
		{"ScheduleAudits", []programme.State{programme.StateDraft, programme.StateImplementing}, func(p *programme.Programme) error {
			return p.ScheduleAudits(internal)
		}},
		{"Staff", []programme.State{programme.StateImplementing}, func(p *programme.Programme) error {
			_, err := p.Staff(pool, programme.StaffOptions{})
			return err
		}},
		{"StaffAudit", []programme.State{programme.StateImplementing}, func(p *programme.Programme) error {
			_, err := p.StaffAudit("pre-1", pool, programme.StaffOptions{})
			return err
		}},
	}
	for _, op := range ops {
		for s := range programme.States() {
			t.Run(op.name+"/"+string(s), func(t *testing.T) {
				p := programmeInState(t, "p", s)
				// An audit for the staffing operations to fill, placed
				// the way a decoded record would hold it.
				p.Schedule = append(p.Schedule, internalAudit("pre-1", date(2027, 3, 1), 2))
				before := jsonClone(t, *p)
				err := op.run(p)
				allowed := false
				for _, a := range op.allowed {
					allowed = allowed || a == s
				}
				if allowed {
					require.NoError(t, err)
					return
				}
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
				assert.Equal(t, string(s), te.State)
				wantRule := programme.RuleScheduleWhen
				if l, _ := programme.LookupLifecycle("programme.programme"); l.IsTerminal(string(s)) {
					wantRule = programme.RuleFrozen
				}
				assert.Equal(t, wantRule, te.Rule)
				if _, ok := programme.LookupRule(te.Rule); !ok {
					t.Errorf("rule %q is not in the catalogue", te.Rule)
				}
				if diff := cmp.Diff(before, *p); diff != "" {
					t.Errorf("a refused %s changed the programme (-before +after):\n%s", op.name, diff)
				}
			})
		}
	}

	t.Run("state checked before the input", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateClosed)
		err := p.ScheduleAudits(programme.ScheduledAudit{}) // invalid too
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, programme.RuleFrozen, te.Rule)
		_, err = p.StaffAudit("no-such-audit", pool, programme.StaffOptions{})
		require.ErrorAs(t, err, &te)
		assert.False(t, errors.Is(err, ismsaudit.ErrNotFound))
	})

	t.Run("a programme not started by New", func(t *testing.T) {
		p := &programme.Programme{ID: "bare"}
		for _, err := range []error{
			p.AddCycle(jsonClone(t, cycle)),
			p.ScheduleAudits(internal),
			func() error { _, err := p.Staff(pool, programme.StaffOptions{}); return err }(),
		} {
			var te *ismsaudit.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, ismsaudit.ReasonUnknownState, te.Reason)
			assert.Equal(t, programme.RuleRecordShape, te.Rule)
		}
		assert.Empty(t, p.Schedule)
		assert.Empty(t, p.Cycles)
	})

	t.Run("an improved version keeps its schedule; the next version schedules", func(t *testing.T) {
		p := programmeInState(t, "p", programme.StateUnderReview)
		next, err := p.Improve(programme.Changes{}, exampleMeta(time.June, 3, ""))
		require.NoError(t, err)
		require.NoError(t, next.ScheduleAudits(programme.ScheduledAudit{ID: "int-v2", Kind: annexa.Internal, Auditee: "Example Ltd",
			Clauses: []annexa.ClauseID{"9.2"}, Due: programme.Window{Earliest: date(2027, 5, 1), Latest: date(2027, 5, 31)}}))
		var te *ismsaudit.TransitionError
		require.ErrorAs(t, p.ScheduleAudits(internal), &te)
		assert.Equal(t, programme.RuleFrozen, te.Rule)
		prev, err := next.AtVersion(1)
		require.NoError(t, err)
		assert.Empty(t, prev.Schedule, "the kept version is unchanged")
	})
}

// roundTrip encodes v, decodes it into a fresh value and compares.
func roundTrip[T any](t *testing.T, name string, v T) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		data, err := json.Marshal(v)
		require.NoError(t, err)
		var back T
		require.NoError(t, json.Unmarshal(data, &back))
		if diff := cmp.Diff(v, back); diff != "" {
			t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestScheduleJSONRoundTrip round-trips every exported type of the
// scheduling code, filled from real runs.
func TestScheduleJSONRoundTrip(t *testing.T) {
	cycleOpts := initialCycleOptions()
	cycleOpts.Special = []programme.ScheduledAudit{{ID: "acme-x", Kind: annexa.Special, Auditee: "acme", Sites: []programme.SiteID{"hq"}, Due: window(date(2027, 9, 1), date(2027, 9, 2))}}
	cycleOpts.Planning = &programme.CyclePlanning{SurveillanceLeadMonths: 2, RecertificationLeadMonths: 5, DecisionMarginDays: 14}
	cycle, err := programme.PlanCycle(cycleOpts)
	require.NoError(t, err)
	recert, err := programme.PlanCycle(programme.CycleOptions{ID: "acme-2", Auditee: "acme", Decision: date(2029, 5, 1), PreviousExpiry: cycle.Expiry})
	require.NoError(t, err)

	soa := acmeSoA(t)
	internalOpts := programme.InternalPlanOptions{ID: "int", Auditee: "acme", Period: coveragePeriod, Audits: 6, Weights: riskWeights()}
	internal, err := programme.PlanInternal(soa, internalOpts)
	require.NoError(t, err)
	report, err := programme.Coverage(internal[1:], soa, coveragePeriod, riskWeights())
	require.NoError(t, err)
	require.NotEmpty(t, report.Gaps)

	timeIn := programme.AuditTimeInput{Persons: 500, Identical: []programme.IdenticalActivity{{Activity: "drivers", Persons: 100}}, Factors: []string{"small-site"}}
	timeRes, err := programme.AuditTime(timeIn, nil)
	require.NoError(t, err)

	sites := []programme.Site{{ID: "hq", Central: true}, {ID: "a", HighRisk: true}, {ID: "b", Visits: 2, LastVisit: date(2026, 5, 1)}, {ID: "c"}, {ID: "d"}, {ID: "e"}}
	sampleOpts := programme.SampleOptions{Kind: annexa.Surveillance, Seed: 1 << 60, Factors: &programme.SamplingFactors{Initial: 1, Surveillance: 0.6, Recertification: 0.8, RandomShare: 0.5, NoSamplingSurveillanceShare: 0.3}}
	sample, err := programme.SampleSites(sites, sampleOpts)
	require.NoError(t, err)

	pool := newPool(t, person(t, "lead", true, nil), person(t, "aud", false, nil))
	p := programmeInState(t, "p", programme.StateImplementing)
	require.NoError(t, p.AddCycle(cycle))
	require.NoError(t, p.AddCycle(recert))
	require.NoError(t, p.ScheduleAudits(internal...))
	staffOpts := programme.StaffOptions{
		Needs:    []competence.Need{competence.LanguageNeed("en")},
		Requests: []programme.StaffRequest{{Audit: "int-01", Needs: []competence.Need{competence.KnowledgeNeed(competence.RiskAssessment, competence.Working)}, MinAuditors: 1, MaxAuditors: 2, Exclude: []competence.AuditorID{"nobody"}}},
		Select:   &competence.SelectOptions{MaxExact: 10}, Limit: 30, Limits: map[competence.AuditorID]float64{"aud": 10}, Period: programme.PeriodQuarter,
		Booked: []programme.StaffBooking{{Auditor: "lead", From: date(2026, 2, 1), To: date(2026, 2, 3), Days: 3}},
	}
	staffing, err := p.Staff(pool, staffOpts)
	require.NoError(t, err)
	require.NotZero(t, staffing.Staffed)

	roundTrip(t, "Cycle", cycle)
	roundTrip(t, "Cycle with previous expiry", recert)
	roundTrip(t, "CycleOptions", cycleOpts)
	roundTrip(t, "CyclePlanning", programme.DefaultCyclePlanning())
	roundTrip(t, "InternalPlanOptions", internalOpts)
	roundTrip(t, "scheduled audits", internal)
	roundTrip(t, "CoverageReport", report)
	roundTrip(t, "AuditTimeTable", programme.DefaultAuditTimeTable())
	roundTrip(t, "AuditTimeInput", timeIn)
	roundTrip(t, "AuditTimeResult", timeRes)
	roundTrip(t, "sites", sites)
	roundTrip(t, "SampleOptions", sampleOpts)
	roundTrip(t, "SiteSample", sample)
	roundTrip(t, "StaffOptions", staffOpts)
	roundTrip(t, "Staffing", staffing)
	roundTrip(t, "Programme", p)
}

func TestScheduleEnums(t *testing.T) {
	t.Run("SampleReason", func(t *testing.T) {
		assert.Equal(t, []programme.SampleReason{"central", "high-risk", "random", "rotation", "every-site"}, slices.Collect(programme.SampleReasons()))
		checkEnum(t, programme.ParseSampleReason, func(v programme.SampleReason) bool { return v.IsValid() }, "rotation", "shuffle")
	})
	t.Run("StaffStatus", func(t *testing.T) {
		assert.Equal(t, []programme.StaffStatus{"staffed", "kept", "under-way", "undated", "no-team"}, slices.Collect(programme.StaffStatuses()))
		checkEnum(t, programme.ParseStaffStatus, func(v programme.StaffStatus) bool { return v.IsValid() }, "no-team", "maybe")
	})
	t.Run("Period", func(t *testing.T) {
		assert.Equal(t, []programme.Period{"month", "quarter", "year"}, slices.Collect(programme.Periods()))
		checkEnum(t, programme.ParsePeriod, func(v programme.Period) bool { return v.IsValid() }, "quarter", "week")
		at := time.Date(2027, 11, 30, 23, 0, 0, 0, time.UTC)
		assert.Equal(t, "2027-11", programme.PeriodMonth.Key(at))
		assert.Equal(t, "2027-03", programme.PeriodMonth.Key(date(2027, 3, 1)))
		assert.Equal(t, "2027-Q4", programme.PeriodQuarter.Key(at))
		assert.Equal(t, "2027-Q1", programme.PeriodQuarter.Key(date(2027, 3, 31)))
		assert.Equal(t, "2027-Q2", programme.PeriodQuarter.Key(date(2027, 4, 1)))
		assert.Equal(t, "2027", programme.PeriodYear.Key(at))
		assert.Equal(t, "2027", programme.Period("").Key(at), "unset counts as a year")
	})
}

// checkEnum checks an enumeration's parsing, validity and strict text
// marshalling with one good and one bad token.
func checkEnum[E interface {
	~string
	MarshalText() ([]byte, error)
}](t *testing.T, parse func(string) (E, error), valid func(E) bool, good, bad string) {
	t.Helper()
	v, err := parse(good)
	require.NoError(t, err)
	assert.True(t, valid(v))
	text, err := v.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, good, string(text))
	_, err = parse(bad)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, bad, pe.Input)
	assert.False(t, valid(E(bad)))
	_, err = E(bad).MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid, "invalid values are never written")
	var back struct{ V E }
	require.Error(t, json.Unmarshal([]byte(`{"V":"`+bad+`"}`), &back), "decoding is strict")
	require.NoError(t, json.Unmarshal([]byte(`{"V":"`+good+`"}`), &back))
	assert.Equal(t, v, back.V)
}

// TestScheduleRules checks that every rule id the scheduling code uses is
// in the catalogue with a source and a one-line text.
func TestScheduleRules(t *testing.T) {
	ids := []ismsaudit.RuleID{
		programme.RuleCertCycle3Years, programme.RuleInitialTwoStage, programme.RuleStage2AfterStage1, programme.RuleDecisionAfterInitial,
		programme.RuleSurvFirst12Months, programme.RuleSurvSecondYear, programme.RuleSurvCalendarYear, programme.RuleRecertPlanned,
		programme.RuleRecertThirdYear, programme.RuleRecertBeforeExpiry, programme.RuleCycleKinds, programme.RuleCycleWithin,
		programme.RuleScheduleStartInWindow, programme.RuleScheduleWhen, programme.RuleCoverRequirements, programme.RuleCoverControls, programme.RuleCoverRiskWeight,
		programme.RuleTimeTable, programme.RuleTimeEffectivePersons, programme.RuleTimeBeyondTable, programme.RuleTimeAdjustLimit,
		programme.RuleTimeHalfDay, programme.RuleTimeSurveillance, programme.RuleTimeRecertification, programme.RuleTimeOnSite,
		programme.RuleSampleSites, programme.RuleSampleSize, programme.RuleSampleCentral, programme.RuleSampleHighRisk,
		programme.RuleSampleRandom, programme.RuleSampleVary, programme.RuleSampleNoSampling,
		programme.RuleStaffTeam, programme.RuleStaffWorkload, programme.RuleStaffNoOverlap, programme.RuleStaffDated, programme.RuleStaffOnce,
	}
	seen := map[ismsaudit.RuleID]bool{}
	for _, id := range ids {
		require.False(t, seen[id], "%s listed twice", id)
		seen[id] = true
		r, ok := programme.LookupRule(id)
		require.True(t, ok, "%s is not in the catalogue", id)
		require.NoError(t, r.Check("PRG"), id)
		assert.NotContains(t, r.Text, "\n", id)
		assert.True(t, strings.HasPrefix(r.String(), string(id)+" ("), id)
	}
	for r := range programme.Rules() {
		for _, prefix := range []string{"PRG-CERT-", "PRG-INITIAL-", "PRG-STAGE2-", "PRG-DECISION-", "PRG-SURV-", "PRG-RECERT-", "PRG-CYCLE-", "PRG-SCHEDULE-", "PRG-COVER-", "PRG-TIME-", "PRG-SAMPLE-", "PRG-STAFF-"} {
			if strings.HasPrefix(string(r.ID), prefix) {
				assert.True(t, seen[r.ID], "%s is a scheduling rule without a constant in this test", r.ID)
			}
		}
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

// FuzzVerifySchedule decodes arbitrary JSON into a programme and checks
// that Verify never panics and reports problems only as a
// *ValidationError.
func FuzzVerifySchedule(f *testing.F) {
	p := plannedProgramme(f)
	p.Schedule = []programme.ScheduledAudit{
		{ID: "int-1", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 1), Days: 4, Team: teamOf("ann", "bob"), Sites: []programme.SiteID{"hq"}},
		{ID: "int-2", Kind: annexa.Internal, Auditee: "acme", Start: date(2027, 3, 2), Days: 1, Team: teamOf("bob"), Clauses: []annexa.ClauseID{"9.2"}},
	}
	seed, err := json.Marshal(p)
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"id":"p","cycles":[{"auditee":"a","decision":"2026-01-01T00:00:00Z","expiry":"2020-01-01T00:00:00Z","audits":[{"id":"x","kind":"recertification","auditee":"a","due":{"latest":"2019-01-01T00:00:00Z"}}]}]}`))
	f.Add([]byte(`{"cycles":[{"decision":"0001-01-01T00:00:00Z","initial":true,"previousExpiry":"9999-12-31T23:59:59Z","audits":[{"kind":"stage2"},{"kind":"stage1","days":1e308,"team":{"leader":"","members":[{"auditor":"a","role":"team-leader"}]}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p programme.Programme
		if json.Unmarshal(data, &p) != nil {
			return
		}
		if err := programme.Verify(&p); err != nil {
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Fields)
		}
	})
}
