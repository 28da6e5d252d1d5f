package programme

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// richProgramme builds a programme in its second version, implementing, with a
// register holding entries in every state and reviews over two rounds of
// version 1 (one resumed, one improved). Day numbers: version 1 runs to
// day 50, version 2 from day 50.
func richProgramme(t testingTB) *Programme {
	t.Helper()
	p := inState(t, StateUnderReview) // round 1 reviewed at day 4
	must := func(err error) { t.Helper(); require.NoError(t, err) }
	must(p.Fire(EventResume, metaOn(5, "")))
	must(p.AddRisk(newRisk("t1", KindRisk, CategoryTeamSelection), metaOn(6, "")))
	must(p.AssessRisk("t1", highRating(), metaOn(6, "")))
	must(p.PlanTreatment("t1", newTreatment(20), metaOn(7, "")))
	must(p.Fire(EventReview, metaOn(40, "")))
	must(p.RecordReview(newReview("rev-2", newAction("act-1"), newAction("act-2")), metaOn(41, "")))
	v2, err := p.Improve(Changes{Implements: []ActionID{"act-1"}}, metaOn(50, "more frequent audits"))
	must(err)
	p = v2
	must(p.Fire(EventApprove, metaOn(51, "")))
	must(p.TreatRisk("t1", "two auditors trained", metaOn(52, "")))
	must(p.MonitorRisk("t1", lowRating(), metaOn(53, "")))
	must(p.CloseRisk("t1", "team competent", metaOn(54, "")))
	must(p.AddRisk(newRisk("t2", KindRisk, CategoryRecords), metaOn(52, "")))
	must(p.AssessRisk("t2", lowRating(), metaOn(52, "")))
	must(p.AcceptRisk("t2", "low", metaOn(53, "")))
	must(p.AddRisk(newRisk("t3", KindRisk, CategoryCommunication), metaOn(52, "")))
	must(p.AssessRisk("t3", highRating(), metaOn(52, "")))
	must(p.PlanTreatment("t3", newTreatment(60), metaOn(53, "")))
	must(p.TreatRisk("t3", "weekly calls", metaOn(54, "")))
	must(p.AddRisk(newRisk("o1", KindOpportunity, CategoryMonitoring), metaOn(52, "")))
	must(p.AssessRisk("o1", highRating(), metaOn(52, "")))
	must(p.AcceptRisk("o1", "not this year", metaOn(53, "")))
	must(p.Fire(EventImplement, metaOn(55, "")))
	require.NoError(t, Verify(p))
	return p
}

func riskAt(t testingTB, p *Programme, id RiskID) int {
	t.Helper()
	i, ok := p.riskIndex(id)
	require.True(t, ok, id)
	return i
}

func TestProgrammeVerifyRich(t *testing.T) {
	p := richProgramme(t)
	assert.Equal(t, 2, p.Version)
	assert.Equal(t, StateImplementing, p.State)
	assert.Equal(t, RiskClosed, p.Risks[riskAt(t, p, "t1")].State)
	assert.Equal(t, 1, p.Risks[riskAt(t, p, "t1")].Version)
	assert.Equal(t, 2, p.Risks[riskAt(t, p, "t2")].Version)
	assert.Equal(t, []ImprovementAction{newAction("act-2")}, p.OpenActions())
	require.NoError(t, Verify(p))
}

func TestProgrammeVerifyFindsViolations(t *testing.T) {
	tests := []struct {
		name string
		mut  func(t *testing.T, p *Programme)
		path string
		rule ismsaudit.RuleID
	}{
		{"state disagrees with history", func(_ *testing.T, p *Programme) { p.State = StateClosed }, "State", RuleHistory},
		{"history skips a step", func(_ *testing.T, p *Programme) { p.History = p.History[1:] }, "History[0]", RuleHistory},
		{"history goes backwards", func(_ *testing.T, p *Programme) { p.History[1].At = onDay(50) }, "History[1]", RuleHistory},
		{"first entry before the version", func(_ *testing.T, p *Programme) { p.History[0].At = onDay(49) }, "History[0].At", RuleHistory},
		{"objectives lost after approval", func(_ *testing.T, p *Programme) { p.Objectives = nil }, "Objectives", RuleObjectives},
		{"a role nobody holds", func(_ *testing.T, p *Programme) { p.Managers = p.Managers[1:] }, "Managers", RuleManagers},
		{"frequency blank", func(_ *testing.T, p *Programme) { p.Extent.Frequency = "" }, "Extent.Frequency", RuleExtent},
		{"auditor days short", func(_ *testing.T, p *Programme) { p.Resources.AuditorDays = 10 }, "Resources.AuditorDays", RuleResources},
		{"no audit or auditor days", func(_ *testing.T, p *Programme) { p.Extent.AuditDays, p.Resources.AuditorDays = 0, 0 }, "Resources.AuditorDays", RuleResources},
		{"travel days negative", func(_ *testing.T, p *Programme) { p.Resources.TravelDays = -1 }, "Resources.TravelDays", RuleResources},
		{"period backwards", func(_ *testing.T, p *Programme) { p.Extent.Start, p.Extent.End = p.Extent.End, p.Extent.Start }, "Extent.End", RuleExtent},
		{"retention unset", func(_ *testing.T, p *Programme) { p.Records.RetentionMonths = 0 }, "Records.RetentionMonths", RuleRecords},
		{"confidentiality blank", func(_ *testing.T, p *Programme) { p.Records.Confidentiality = "" }, "Records.Confidentiality", RuleRecords},
		{"risk state disagrees", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t3")].State = RiskClosed }, "Risks[10].State", RuleHistory},
		{"risk history rewritten", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t3")].History[1].Event = RiskAccept
		}, "Risks[10].History[1]", RuleHistory},
		{"level not from the matrix", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t2")].Assessments[0].Level = LevelHigh
		}, "Risks[9].Assessments[0].Level", RuleRiskScales},
		{"ratings off the scale", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t2")].Assessments[0].Likelihood = 9
		}, "Risks[9].Assessments[0].Level", RuleRiskScales},
		{"assessment lost", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t2")].Assessments = nil }, "Risks[9].Assessments", RuleHistory},
		{"residual mark wrong", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t1")].Assessments[1].Residual = false
		}, "Risks[8].Assessments[1].Residual", RuleHistory},
		{"assessment time not the event's", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t2")].Assessments[0].At = onDay(99)
		}, "Risks[9].Assessments[0].At", RuleHistory},
		{"assessment against an unknown version", func(t *testing.T, p *Programme) {
			p.Risks[riskAt(t, p, "t2")].Assessments[0].Version = 7
		}, "Risks[9].Assessments[0].Version", "unknown"},
		{"treatment lost", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t3")].Treatments = nil }, "Risks[10].Treatments", RuleHistory},
		{"treatment without owner", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t3")].Treatments[0].Owner = "" }, "Risks[10].Treatments[0]", RuleRiskPlan},
		{"treated without outcome", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t3")].History[2].Reason = "" }, "Risks[10].History[2].Reason", RuleRiskOutcome},
		{"accepted without reason", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t2")].History[1].Reason = "" }, "Risks[9].History[1].Reason", RuleRiskReason},
		{"accepted above the level", func(t *testing.T, p *Programme) {
			a := &p.Risks[riskAt(t, p, "t2")].Assessments[0]
			a.Likelihood, a.Impact, a.Level = 4, 4, LevelHigh
		}, "Risks[9].History[1]", RuleRiskAcceptable},
		{"entry identified in a later version", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t2")].Version = 3 }, "Risks[9].Version", RuleRecordShape},
		{"duplicate register id", func(t *testing.T, p *Programme) { p.Risks[riskAt(t, p, "t2")].ID = "t3" }, "Risks[10].ID", "unique"},
		{"a round's review lost", func(_ *testing.T, p *Programme) {
			p.Previous[0].Reviews = p.Previous[0].Reviews[1:]
		}, "Previous[0].History[5]", RuleReviewRecorded},
		{"review outside its round", func(_ *testing.T, p *Programme) { p.Previous[0].Reviews[1].At = onDay(60) }, "Previous[0].Reviews[1].At", RuleReviewRecorded},
		{"review recorded by no one", func(_ *testing.T, p *Programme) { p.Reviews[1].By, p.Previous[0].Reviews[1].By = " ", " " }, "Previous[0].Reviews[1].At", RuleRecordShape},
		{"review recorded at no time", func(_ *testing.T, p *Programme) {
			p.Reviews[1].At, p.Previous[0].Reviews[1].At = time.Time{}, time.Time{}
		}, "Previous[0].Reviews[1].At", RuleRecordShape},
		{"review without monitoring", func(_ *testing.T, p *Programme) {
			p.Previous[0].Reviews[0].Inputs = p.Previous[0].Reviews[0].Inputs[1:]
		}, "Previous[0].Reviews[0].Inputs", RuleReviewInputs},
		{"objective result wrong", func(_ *testing.T, p *Programme) { p.Previous[0].Reviews[0].Objectives[1].Met = true }, "Previous[0].Reviews[0].Objectives[1].Met", RuleReviewInputs},
		{"objective not measured", func(_ *testing.T, p *Programme) {
			p.Previous[0].Reviews[0].Objectives = p.Previous[0].Reviews[0].Objectives[:1]
		}, "Previous[0].Reviews[0].Objectives", RuleReviewInputs},
		{"review of an unknown version", func(_ *testing.T, p *Programme) { p.Reviews[0].Version = 9 }, "Reviews[0].Version", "unknown"},
		{"resumed after actions", func(_ *testing.T, p *Programme) {
			p.Previous[0].Reviews[0].Actions = []ImprovementAction{newAction("act-0")}
		}, "Previous[0].History[3]", RuleReviewActions},
		{"unknown action carried out", func(_ *testing.T, p *Programme) { p.Implements = []ActionID{"act-9"} }, "Implements[0]", "unknown"},
		{"action carried out twice", func(_ *testing.T, p *Programme) { p.Implements = []ActionID{"act-1", "act-1"} }, "Implements[1]", RuleActionImplements},
		{"earlier version lost", func(_ *testing.T, p *Programme) { p.Previous = nil }, "Previous", RuleVersionsKept},
		{"earlier version not improved", func(_ *testing.T, p *Programme) { p.Previous[0].State = StateClosed }, "Previous[0].State", RuleVersionsKept},
		{"earlier version misnumbered", func(_ *testing.T, p *Programme) { p.Previous[0].Version = 2 }, "Previous[0].Version", RuleVersionsKept},
		{"earlier version of another programme", func(_ *testing.T, p *Programme) { p.Previous[0].ID = "other" }, "Previous[0].ID", RuleVersionsKept},
		{"earlier version nesting versions", func(_ *testing.T, p *Programme) { p.Previous[0].Previous = []Programme{p.Previous[0]} }, "Previous[0].Previous", RuleVersionsKept},
		{"register entry lost", func(t *testing.T, p *Programme) {
			i := riskAt(t, p, "t1")
			p.Risks = append(p.Risks[:i], p.Risks[i+1:]...)
		}, "Risks", RuleVersionsKept},
		{"register log rewritten", func(_ *testing.T, p *Programme) { p.Risks[0].Assessments[0].Rationale = "new story" }, "Risks", RuleVersionsKept},
		{"review changed", func(_ *testing.T, p *Programme) { p.Reviews[0].Conclusions = "new story" }, "Reviews[0]", RuleVersionsKept},
		{"review lost", func(_ *testing.T, p *Programme) { p.Reviews = p.Reviews[:1] }, "Reviews", RuleVersionsKept},
		{"version started before the improve", func(_ *testing.T, p *Programme) { p.CreatedAt = onDay(45) }, "CreatedAt", RuleVersionsKept},
		{"no version", func(_ *testing.T, p *Programme) { p.Version = 0 }, "Version", "min"},
		{"bad state", func(_ *testing.T, p *Programme) { p.State = "paused" }, "State", "enum"},
		{"no creator", func(_ *testing.T, p *Programme) { p.CreatedBy = "" }, "CreatedBy", "required"},
		{"bad risk category", func(_ *testing.T, p *Programme) { p.Risks[0].Category = "weather" }, "Risks[0].Category", "enum"},
		{"bad matrix", func(_ *testing.T, p *Programme) { p.Matrix.Levels[2][2] = "" }, "Matrix.Levels[2][2]", "enum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := richProgramme(t)
			tt.mut(t, p)
			err := Verify(p)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s at %s in %v", tt.rule, tt.path, ve.Fields)
			for _, f := range ve.Fields {
				if len(f.Rule) > 4 && f.Rule[:4] == "PRG-" {
					_, ok := LookupRule(f.Rule)
					assert.True(t, ok, "violation cites unknown rule %s", f.Rule)
				}
			}
		})
	}
}

// TestProgrammeVerifyIndexes pins the register indexes the table above
// uses, so a change to richProgramme shows here first.
func TestProgrammeVerifyIndexes(t *testing.T) {
	p := richProgramme(t)
	for id, want := range map[RiskID]int{"t1": 8, "t2": 9, "t3": 10, "o1": 11} {
		assert.Equal(t, want, riskAt(t, p, id), id)
	}
	var events []string
	for _, e := range p.Previous[0].History {
		events = append(events, string(e.Event))
	}
	assert.Equal(t, []string{"approve", "implement", "review", "resume", "review", "improve"}, events)
	assert.Equal(t, 2, len(p.Reviews))
}

func TestProgrammeVerifyNil(t *testing.T) {
	err := Verify(nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
}

// TestProgrammeVerifyEveryVersion verifies each stage of a programme's
// life.
func TestProgrammeVerifyEveryVersion(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			p := inState(t, s)
			require.NoError(t, Verify(p))
			c := deepCopy(*p)
			_ = Verify(&c)
			if d := cmp.Diff(*p, c); d != "" {
				t.Errorf("Verify changed the programme (-before +after):\n%s", d)
			}
		})
	}
}

// BenchmarkProgrammeVerify verifies the programme part (verifyProgramme)
// of a programme holding 1,000 scheduled audits, 200 register entries and
// two earlier versions.
func BenchmarkProgrammeVerify(b *testing.B) {
	b.ReportAllocs()
	p := largeProgramme(b, 200, 1000)
	for b.Loop() {
		v := &verifier{p: p, col: newCollector("programme")}
		v.verifyProgramme()
		if err := v.col.Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProgrammeVerifyNeverPanics corrupts a valid programme at random —
// states, events, versions, counts, times, ratings, references — and
// checks Verify and the read-only methods never panic.
func TestProgrammeVerifyNeverPanics(t *testing.T) {
	base := richProgramme(t)
	rapid.Check(t, func(rt *rapid.T) {
		p := deepCopy(*base)
		n := rapid.IntRange(1, 6).Draw(rt, "corruptions")
		for range n {
			k := rapid.IntRange(-3, 12).Draw(rt, "k")
			q := &p
			if len(p.Previous) > 0 && rapid.Bool().Draw(rt, "in-previous") {
				q = &p.Previous[0]
			}
			switch rapid.IntRange(0, 11).Draw(rt, "what") {
			case 0:
				q.Version = k
			case 1:
				q.State = rapid.SampledFrom(append(stateSet.Values(), "", "bogus")).Draw(rt, "state")
			case 2:
				if len(q.History) > 0 {
					q.History = q.History[:min(len(q.History), max(k, 0))]
				}
			case 3:
				if len(q.Risks) > 0 {
					r := &q.Risks[rapid.IntRange(0, len(q.Risks)-1).Draw(rt, "risk")]
					r.Assessments = append(r.Assessments, Assessment{Likelihood: k, Impact: -k, Version: k})
				}
			case 4:
				if len(q.Risks) > 0 {
					r := &q.Risks[rapid.IntRange(0, len(q.Risks)-1).Draw(rt, "risk")]
					r.History = append(r.History, RiskEntry{From: RiskState("x"), Event: RiskClose, To: RiskClosed})
				}
			case 5:
				q.Matrix.Levels = q.Matrix.Levels[:min(len(q.Matrix.Levels), max(k, 0))]
			case 6:
				q.Matrix.Likelihood = nil
			case 7:
				if len(q.Reviews) > 0 {
					q.Reviews[0].Version = k
				}
			case 8:
				q.Implements = append(q.Implements, ActionID("act-"+strconv.Itoa(k)))
			case 9:
				q.Previous = append(q.Previous, Programme{Version: k})
			case 10:
				q.Risks = append(q.Risks, Risk{ID: RiskID("r-" + strconv.Itoa(k)), Version: k})
			case 11:
				if len(q.Reviews) > 0 {
					q.Reviews[len(q.Reviews)-1].Objectives = append(q.Reviews[len(q.Reviews)-1].Objectives, ObjectiveResult{Objective: "x", Actual: float64(k)})
				}
			}
		}
		_ = Verify(&p)
		_ = p.Permitted()
		_ = p.OpenActions()
		_, _ = p.AtVersion(1)
		for _, r := range p.Risks {
			_, _ = p.PermittedRisk(r.ID)
		}
	})
}
