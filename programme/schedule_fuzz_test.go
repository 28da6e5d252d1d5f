package programme_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
)

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
