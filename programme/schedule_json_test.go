package programme_test

import (
	"encoding/json"
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
