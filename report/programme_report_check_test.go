package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgrammeReportCheck(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*ProgrammeReport)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"no title", func(r *ProgrammeReport) { r.Title = " " }, "Title", ismsaudit.RuleRequired},
		{"no programme", func(r *ProgrammeReport) { r.Programme = "" }, "Programme", ismsaudit.RuleRequired},
		{"bad state", func(r *ProgrammeReport) { r.State = "paused" }, "State", ismsaudit.RuleEnum},
		{"no date", func(r *ProgrammeReport) { r.AsOf = time.Time{} }, "AsOf", ismsaudit.RuleRequired},
		{"period reversed", func(r *ProgrammeReport) { r.Period.Latest = day(2025, time.January, 1) }, "Period.Latest", ismsaudit.RuleRange},
		{"no objectives", func(r *ProgrammeReport) { r.Objectives = nil }, "Objectives", RuleProgrammeObjectives},
		{"objective unmeasurable", func(r *ProgrammeReport) { r.Objectives[1].Target.Direction = "" }, "Objectives[1].Target", RuleProgrammeObjectives},
		{"objective without metric", func(r *ProgrammeReport) { r.Objectives[1].Target.Metric = " " }, "Objectives[1].Target", RuleProgrammeObjectives},
		{"objective direction unknown", func(r *ProgrammeReport) { r.Objectives[1].Target.Direction = "sideways" }, "Objectives[1].Target", RuleProgrammeObjectives},
		{"objective unstated", func(r *ProgrammeReport) { r.Objectives[0].Statement = "" }, "Objectives[0].Statement", RuleProgrammeObjectives},
		{"no schedule", func(r *ProgrammeReport) { r.Schedule = nil }, "Schedule", RuleProgrammeSchedule},
		{"repeated audit", func(r *ProgrammeReport) { r.Schedule[1].ID = r.Schedule[0].ID }, "Schedule[1].ID", ismsaudit.RuleUnique},
		{"bad kind", func(r *ProgrammeReport) { r.Schedule[2].Kind = "tourism" }, "Schedule[2].Kind", ismsaudit.RuleEnum},
		{"no auditee", func(r *ProgrammeReport) { r.Schedule[3].Auditee = "" }, "Schedule[3].Auditee", RuleProgrammeSchedule},
		{"undated", func(r *ProgrammeReport) { r.Schedule[4].Due = programme.Window{} }, "Schedule[4].Due", RuleProgrammeSchedule},
		{"bad status", func(r *ProgrammeReport) { r.Schedule[0].Status = "done" }, "Schedule[0].Status", ismsaudit.RuleEnum},
		{"under way without record", func(r *ProgrammeReport) { r.Schedule[3].Audit = "" }, "Schedule[3].Audit", RuleProgrammeSchedule},
		{"completed without date", func(r *ProgrammeReport) { r.Schedule[0].CompletedAt = time.Time{} }, "Schedule[0].CompletedAt", RuleProgrammeSchedule},
		{"timing on an open audit", func(r *ProgrammeReport) { r.Schedule[3].Timing = TimingLate }, "Schedule[3].Timing", RuleProgrammeSchedule},
		{"bad team role", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Role = "boss" }, "Schedule[0].Team[1].Role", ismsaudit.RuleEnum},
		{"no coverage", func(r *ProgrammeReport) { r.Coverage = nil }, "Coverage", RuleProgrammeCoverage},
		{"coverage miscounted", func(r *ProgrammeReport) { r.Coverage.Items[3].Planned = 9 }, "Coverage.Items[3].Planned", RuleProgrammeCoverage},
		{"no figures", func(r *ProgrammeReport) { r.Figures = nil }, "Figures", RuleProgrammeFigures},
		{"figures of another day", func(r *ProgrammeReport) { r.Figures.At = r.AsOf.Add(time.Hour) }, "Figures.At", RuleProgrammeFigures},
		{"figures disagree", func(r *ProgrammeReport) { r.Figures.Audits.Completed = 2 }, "Figures.Audits.Completed", RuleProgrammeFigures},
		{"action unnamed", func(r *ProgrammeReport) { r.Actions[0].Finding = "" }, "Actions[0].Finding", ismsaudit.RuleRequired},
		{"action twice", func(r *ProgrammeReport) {
			r.Actions[2].Audit, r.Actions[2].Finding = r.Actions[1].Audit, r.Actions[1].Finding
		}, "Actions[2].Finding", ismsaudit.RuleUnique},
		{"overdue not marked", func(r *ProgrammeReport) { r.Actions[0].Overdue = false }, "Actions[0].Overdue", RuleProgrammeActions},
		{"action out of order", func(r *ProgrammeReport) { r.Actions[0], r.Actions[1] = r.Actions[1], r.Actions[0] }, "Actions[1]", RuleProgrammeActions},
		{"action dropped", func(r *ProgrammeReport) { r.Actions = r.Actions[1:] }, "Actions", RuleProgrammeActions},
		{"closed without date", func(r *ProgrammeReport) { r.Actions[5].ClosedAt = time.Time{} }, "Actions[5].ClosedAt", RuleProgrammeActions},
		{"overdue days wrong", func(r *ProgrammeReport) { r.Actions[0].DaysOverdue = 3 }, "Actions[0].DaysOverdue", RuleProgrammeActions},
		{"closure days wrong", func(r *ProgrammeReport) { r.Actions[4].ClosureDays = -5 }, "Actions[4].ClosureDays", RuleProgrammeActions},
		{"closure count disagrees", func(r *ProgrammeReport) { r.Figures.Actions.Closure.Count = 3 }, "Actions", RuleProgrammeActions},
		{"criterion count negative", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].ByGrade[0].Count = -1 }, "Figures.Findings.ByCriterion[0].Nonconformities", RuleProgrammeFigures},
		{"criterion bad", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].Criterion.ID = "99.1" }, "Figures.Findings.ByCriterion[0].Criterion.ID", ismsaudit.RuleUnknown},
		{"action in the future", func(r *ProgrammeReport) { r.Actions[1].StartedAt = r.AsOf.Add(time.Hour) }, "Actions[1].StartedAt", RuleProgrammeActions},
		{"action never started", func(r *ProgrammeReport) { r.Actions[1].StartedAt = time.Time{} }, "Actions[1].StartedAt", RuleProgrammeActions},
		{"action without audit", func(r *ProgrammeReport) { r.Actions[1].Audit = " " }, "Actions[1].Audit", ismsaudit.RuleRequired},
		{"action state unknown", func(r *ProgrammeReport) { r.Actions[1].State = "parked" }, "Actions[1].State", ismsaudit.RuleEnum},
		{"action grade unknown", func(r *ProgrammeReport) { r.Actions[1].Grade = "huge" }, "Actions[1].Grade", ismsaudit.RuleEnum},
		{"overdue marked early", func(r *ProgrammeReport) { r.Actions[1].Overdue = true }, "Actions[1].Overdue", RuleProgrammeActions},
		{"open action closed", func(r *ProgrammeReport) { r.Actions[1].ClosedAt = r.AsOf }, "Actions[1].Overdue", RuleProgrammeActions},
		{"days overdue on an action not overdue", func(r *ProgrammeReport) { r.Actions[1].DaysOverdue = 1 }, "Actions[1].DaysOverdue", RuleProgrammeActions},
		{"closed action overdue", func(r *ProgrammeReport) { r.Actions[5].Overdue = true }, "Actions[5].ClosedAt", RuleProgrammeActions},
		{"closed action with days overdue", func(r *ProgrammeReport) { r.Actions[5].DaysOverdue = 2 }, "Actions[5].ClosedAt", RuleProgrammeActions},
		{"closure days on an open action", func(r *ProgrammeReport) { r.Actions[1].ClosureDays = 4 }, "Actions[1].ClosureDays", RuleProgrammeActions},
		{"only open actions disagree", func(r *ProgrammeReport) { r.Figures.Actions.Open-- }, "Actions", RuleProgrammeActions},
		{"only closed actions disagree", func(r *ProgrammeReport) { r.Figures.Actions.Closed++ }, "Actions", RuleProgrammeActions},
		{"only overdue actions disagree", func(r *ProgrammeReport) { r.Figures.Actions.Overdue++ }, "Actions", RuleProgrammeActions},
		{"only overdue major actions disagree", func(r *ProgrammeReport) { r.Figures.Actions.OverdueMajor-- }, "Actions", RuleProgrammeActions},
		{"only overdue list disagrees", func(r *ProgrammeReport) { r.Figures.OverdueActions = nil }, "Actions", RuleProgrammeActions},
		{"only all actions disagree", func(r *ProgrammeReport) { r.Figures.Actions.Total++ }, "Actions", RuleProgrammeActions},
		{"only unmeasured closures disagree", func(r *ProgrammeReport) { r.Figures.Actions.Closure.Unmeasured++ }, "Actions", RuleProgrammeActions},
		{"only one grade disagrees", func(r *ProgrammeReport) { r.Figures.Findings.ByGrade[1].Count-- }, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"only ungraded disagree", func(r *ProgrammeReport) { r.Figures.Findings.Ungraded++ }, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"ungraded negative", func(r *ProgrammeReport) {
			r.Figures.Findings.Ungraded, r.Figures.Findings.ByGrade[0].Count = -1, r.Figures.Findings.ByGrade[0].Count+1
		}, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"grade count negative", func(r *ProgrammeReport) {
			r.Figures.Findings.ByGrade[0].Count, r.Figures.Findings.Ungraded = -1, r.Figures.Findings.ByGrade[0].Count+1
		}, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"grade unknown", func(r *ProgrammeReport) { r.Figures.Findings.ByGrade[0].Grade = "huge" }, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"only nonconformities disagree", func(r *ProgrammeReport) { r.Figures.Findings.Nonconformities++ }, "Figures.Findings.Nonconformities", RuleProgrammeFigures},
		{"only nonconformities by kind disagree", func(r *ProgrammeReport) { r.Figures.Findings.ByKind[1].Count++ }, "Figures.Findings.ByKind[1].Count", RuleProgrammeFigures},
		{"criterion count disagrees", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[1].ByGrade[0].Count-- }, "Figures.Findings.ByCriterion[1].Nonconformities", RuleProgrammeFigures},
		{"criterion ungraded negative", func(r *ProgrammeReport) {
			c := &r.Figures.Findings.ByCriterion[1]
			c.Ungraded, c.ByGrade[0].Count = -1, c.ByGrade[0].Count+1
		}, "Figures.Findings.ByCriterion[1].Nonconformities", RuleProgrammeFigures},
		{"criterion grade unknown", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[1].ByGrade[0].Grade = "huge" }, "Figures.Findings.ByCriterion[1].Nonconformities", RuleProgrammeFigures},
		{"criterion without nonconformities", func(r *ProgrammeReport) {
			c := &r.Figures.Findings.ByCriterion[0]
			c.Nonconformities, c.ByGrade[0].Count = 0, 0
		}, "Figures.Findings.ByCriterion[0].Nonconformities", RuleProgrammeFigures},
		{"only planned audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Planned++ }, "Figures.Audits.Planned", RuleProgrammeFigures},
		{"only audits in progress disagree", func(r *ProgrammeReport) { r.Figures.Audits.InProgress++ }, "Figures.Audits.InProgress", RuleProgrammeFigures},
		{"only terminated audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Terminated++ }, "Figures.Audits.Terminated", RuleProgrammeFigures},
		{"only audits not started disagree", func(r *ProgrammeReport) { r.Figures.Audits.NotStarted-- }, "Figures.Audits.NotStarted", RuleProgrammeFigures},
		{"only audits on time disagree", func(r *ProgrammeReport) { r.Figures.Audits.OnTime-- }, "Figures.Audits.OnTime", RuleProgrammeFigures},
		{"only early audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Early++ }, "Figures.Audits.Early", RuleProgrammeFigures},
		{"only late audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Late++ }, "Figures.Audits.Late", RuleProgrammeFigures},
		{"timing disagrees", func(r *ProgrammeReport) { r.Schedule[0].Timing = TimingLate }, "Figures.Audits.Late", RuleProgrammeFigures},
		{"only due audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Due++ }, "Figures.Audits.Due", RuleProgrammeFigures},
		{"only missed audits disagree", func(r *ProgrammeReport) { r.Figures.Audits.Missed-- }, "Figures.Audits.Missed", RuleProgrammeFigures},
		{"missed not marked", func(r *ProgrammeReport) { r.Schedule[1].Missed = false }, "Schedule[1].Missed", RuleProgrammeSchedule},
		{"missed before the window closed", func(r *ProgrammeReport) { r.Schedule[3].Missed = true }, "Schedule[3].Missed", RuleProgrammeSchedule},
		{"completed audit missed", func(r *ProgrammeReport) { r.Schedule[0].Missed = true }, "Schedule[0].Missed", RuleProgrammeSchedule},
		{"terminated audit missed", func(r *ProgrammeReport) { r.Schedule[1].Status = ScheduleTerminated; r.Schedule[1].Audit = "IA-X" }, "Schedule[1].Missed", RuleProgrammeSchedule},
		{"blank audit id", func(r *ProgrammeReport) { r.Schedule[1].ID = " " }, "Schedule[1].ID", ismsaudit.RuleRequired},
		{"window reversed", func(r *ProgrammeReport) { r.Schedule[4].Due.Latest = r.Schedule[4].Due.Earliest.Add(-time.Hour) }, "Schedule[4].Due.Latest", ismsaudit.RuleRange},
		{"audit state unknown", func(r *ProgrammeReport) { r.Schedule[0].AuditState = "paused" }, "Schedule[0].AuditState", ismsaudit.RuleEnum},
		{"completed without timing", func(r *ProgrammeReport) { r.Schedule[0].Timing = "" }, "Schedule[0].CompletedAt", RuleProgrammeSchedule},
		{"completion on an open audit", func(r *ProgrammeReport) { r.Schedule[3].CompletedAt = r.AsOf }, "Schedule[3].Timing", RuleProgrammeSchedule},
		{"team member unnamed", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Name, r.Schedule[0].Team[1].Auditor = "", "" }, "Schedule[0].Team[1]", ismsaudit.RuleRequired},
		{"coverage item of a document", func(r *ProgrammeReport) { r.Coverage.Items[0].Ref = annexa.RefToDocument("POL-ACC-4") }, "Coverage.Items[0].Ref", ismsaudit.RuleEnum},
		{"coverage item unknown", func(r *ProgrammeReport) { r.Coverage.Items[0].Ref.ID = "11.1" }, "Coverage.Items[0].Ref", ismsaudit.RuleEnum},
		{"coverage without items", func(r *ProgrammeReport) { r.Coverage.Items = nil }, "Coverage.Items", RuleProgrammeCoverage},
		{"coverage item required never", func(r *ProgrammeReport) { r.Coverage.Items[2].Required = 0 }, "Coverage.Items[2].Planned", RuleProgrammeCoverage},
		{"coverage item planned negative", func(r *ProgrammeReport) {
			r.Coverage.Items[2].Planned, r.Coverage.Items[2].Audits = -1, nil
		}, "Coverage.Items[2].Planned", RuleProgrammeCoverage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := programmeReport(t)
			tt.mutate(r)
			err := r.Check()
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleID(tt.rule)), "want %s %s in %v", tt.path, tt.rule, err)
			for f := range Formats() {
				var buf bytes.Buffer
				require.ErrorIs(t, WriteProgrammeReport(&buf, r, f), ismsaudit.ErrInvalid, f)
				assert.Zero(t, buf.Len(), "%s: an invalid report writes nothing", f)
			}
		})
	}
	var nilReport *ProgrammeReport
	require.ErrorIs(t, nilReport.Check(), ismsaudit.ErrInvalid)
	var buf bytes.Buffer
	require.ErrorIs(t, WriteProgrammeReport(&buf, programmeReport(t), "pdf"), ismsaudit.ErrInvalid)
	assert.Zero(t, buf.Len())
}

// TestProgrammeReportCheckAccepts checks reports that hold less than the
// fixture and are still complete: windows open at one end, a team member
// known by auditor id or by name only, an open action with no due date.
func TestProgrammeReportCheckAccepts(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *ProgrammeReport)
	}{
		{"period without end", func(r *ProgrammeReport) { r.Period.Latest = time.Time{} }},
		{"period without start", func(r *ProgrammeReport) { r.Period.Earliest = time.Time{} }},
		{"window without end", func(r *ProgrammeReport) { r.Schedule[4].Due.Latest = time.Time{} }},
		{"window without start", func(r *ProgrammeReport) { r.Schedule[4].Due.Earliest = time.Time{} }},
		{"member by auditor id", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Name = "" }},
		{"member by name", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Auditor = "" }},
		{"open action without due date", func(r *ProgrammeReport) { r.Actions[2].DueAt = time.Time{} }},
		{"objective with a ceiling", func(r *ProgrammeReport) {
			r.Objectives[0].Target.Direction = programme.AtMost
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := programmeReport(t)
			tt.change(r)
			require.NoError(t, r.Check())
		})
	}
}

// TestProgrammeReportCheckNamesExactly checks the whole list of problems
// Check names: every coverage gap agrees with the item it is in, every
// item audited fewer times than required is a gap, audits planned or
// not, and an action listed twice breaks uniqueness, not the order.
func TestProgrammeReportCheckNamesExactly(t *testing.T) {
	type field struct {
		Path string
		Rule ismsaudit.RuleID
	}
	// gapped makes item 0 require two audits, one planned, with its gap.
	gapped := func(r *ProgrammeReport) *programme.CoverageGap {
		it := &r.Coverage.Items[0]
		require.Equal(t, 1, it.Planned)
		it.Required = 2
		r.Coverage.Gaps = []programme.CoverageGap{{Ref: it.Ref, Rule: programme.RuleCoverRiskWeight, Required: 2, Planned: 1, Missing: 1}}
		return &r.Coverage.Gaps[0]
	}
	for _, tt := range []struct {
		name   string
		change func(r *ProgrammeReport)
		want   []field
	}{
		{"gap with some audits planned", func(r *ProgrammeReport) { gapped(r) }, nil},
		{"gap with no audit planned", func(r *ProgrammeReport) {
			it := &r.Coverage.Items[0]
			it.Planned, it.Audits = 0, nil
			r.Coverage.Gaps = []programme.CoverageGap{{Ref: it.Ref, Rule: programme.RuleCoverRequirements, Required: 1, Missing: 1}}
		}, nil},
		{"gap not listed", func(r *ProgrammeReport) { gapped(r); r.Coverage.Gaps = nil }, []field{{"Coverage.Gaps", RuleProgrammeCoverage}}},
		{"gap of an item fully covered", func(r *ProgrammeReport) {
			g := gapped(r)
			r.Coverage.Items[0].Required = 1
			g.Required, g.Missing = 1, 0
		}, []field{{"Coverage.Gaps[0].Missing", RuleProgrammeCoverage}}},
		{"gap planned disagrees with its item", func(r *ProgrammeReport) {
			g := gapped(r)
			g.Planned, g.Missing = 0, 2
		}, []field{{"Coverage.Gaps[0].Planned", RuleProgrammeCoverage}}},
		{"gap required disagrees with its item", func(r *ProgrammeReport) {
			g := gapped(r)
			g.Required, g.Missing = 3, 2
		}, []field{{"Coverage.Gaps[0].Planned", RuleProgrammeCoverage}}},
		{"gap missing miscounted", func(r *ProgrammeReport) { gapped(r).Missing = 2 }, []field{{"Coverage.Gaps[0].Missing", RuleProgrammeCoverage}}},
		{"gap missing added instead", func(r *ProgrammeReport) { gapped(r).Missing = 3 }, []field{{"Coverage.Gaps[0].Missing", RuleProgrammeCoverage}}},
		{"gap of no item", func(r *ProgrammeReport) {
			r.Coverage.Gaps = []programme.CoverageGap{{Ref: annexa.RefToControl("5.99"), Required: 1, Missing: 1}}
		}, []field{{"Coverage.Gaps[0].Ref", ismsaudit.RuleUnknown}}},
		{"action listed twice", func(r *ProgrammeReport) {
			r.Actions = append(r.Actions[:2], r.Actions[1:]...)
		}, []field{{"Actions[2].Finding", ismsaudit.RuleUnique}, {"Actions", RuleProgrammeActions}}},
		{"no coverage and no internal audit", func(r *ProgrammeReport) {
			r.Coverage = nil
			for i := range r.Schedule {
				if r.Schedule[i].Kind == annexa.Internal {
					r.Schedule[i].Kind = annexa.SecondParty
				}
			}
		}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := programmeReport(t)
			require.NoError(t, r.Check())
			tt.change(r)
			err := r.Check()
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []field
			for _, f := range ve.Fields {
				got = append(got, field{f.Path, f.Rule})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProgrammeReportRules(t *testing.T) {
	ids := map[ismsaudit.RuleID]bool{}
	for _, r := range programmeReportRules {
		assert.NoError(t, r.Check("RPT"))
		assert.True(t, strings.HasPrefix(string(r.ID), "RPT-PROGRAMME-"), r.ID)
		assert.False(t, ids[r.ID], "repeated %s", r.ID)
		ids[r.ID] = true
	}
	assert.Len(t, ids, 6)
	// Every rule Check cites for content is in the catalogue.
	r := programmeReport(t)
	r.Objectives, r.Schedule, r.Coverage, r.Figures = nil, nil, nil, nil
	r.Actions[0].StartedAt = time.Time{}
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	cited := 0
	for _, f := range ve.Fields {
		if strings.HasPrefix(string(f.Rule), "RPT-") {
			cited++
			assert.True(t, ids[f.Rule], "rule %s is in the catalogue", f.Rule)
		}
	}
	assert.Positive(t, cited)
}

// TestProgrammeReportCheckValues: a refused figure of days is quoted
// exactly as given.
func TestProgrammeReportCheckValues(t *testing.T) {
	r := programmeReport(t)
	require.True(t, r.Actions[0].Overdue)
	require.False(t, r.Actions[3].Open())
	r.Actions[0].DaysOverdue = 20.125
	r.Actions[3].ClosureDays = 1234567.25
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	values := map[string]string{}
	for _, f := range ve.Fields {
		values[f.Path] = f.Value
	}
	assert.Equal(t, map[string]string{"Actions[0].DaysOverdue": "20.125", "Actions[3].ClosureDays": "1234567.25"}, values)
}
