package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
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
