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
		{"no title", func(r *ProgrammeReport) { r.Title = " " }, "Title", "required"},
		{"no programme", func(r *ProgrammeReport) { r.Programme = "" }, "Programme", "required"},
		{"bad state", func(r *ProgrammeReport) { r.State = "paused" }, "State", "enum"},
		{"no date", func(r *ProgrammeReport) { r.AsOf = time.Time{} }, "AsOf", "required"},
		{"period reversed", func(r *ProgrammeReport) { r.Period.Latest = day(2025, time.January, 1) }, "Period.Latest", "order"},
		{"no objectives", func(r *ProgrammeReport) { r.Objectives = nil }, "Objectives", ContentProgrammeObjectives},
		{"objective unmeasurable", func(r *ProgrammeReport) { r.Objectives[1].Target.Direction = "" }, "Objectives[1].Target", ContentProgrammeObjectives},
		{"objective unstated", func(r *ProgrammeReport) { r.Objectives[0].Statement = "" }, "Objectives[0].Statement", ContentProgrammeObjectives},
		{"no schedule", func(r *ProgrammeReport) { r.Schedule = nil }, "Schedule", ContentProgrammeSchedule},
		{"repeated audit", func(r *ProgrammeReport) { r.Schedule[1].ID = r.Schedule[0].ID }, "Schedule[1].ID", "unique"},
		{"bad kind", func(r *ProgrammeReport) { r.Schedule[2].Kind = "tourism" }, "Schedule[2].Kind", "enum"},
		{"no auditee", func(r *ProgrammeReport) { r.Schedule[3].Auditee = "" }, "Schedule[3].Auditee", ContentProgrammeSchedule},
		{"undated", func(r *ProgrammeReport) { r.Schedule[4].Due = programme.Window{} }, "Schedule[4].Due", ContentProgrammeSchedule},
		{"bad status", func(r *ProgrammeReport) { r.Schedule[0].Status = "done" }, "Schedule[0].Status", "enum"},
		{"under way without record", func(r *ProgrammeReport) { r.Schedule[3].Audit = "" }, "Schedule[3].Audit", ContentProgrammeSchedule},
		{"completed without date", func(r *ProgrammeReport) { r.Schedule[0].CompletedAt = time.Time{} }, "Schedule[0].CompletedAt", ContentProgrammeSchedule},
		{"timing on an open audit", func(r *ProgrammeReport) { r.Schedule[3].Timing = TimingLate }, "Schedule[3].Timing", ContentProgrammeSchedule},
		{"bad team role", func(r *ProgrammeReport) { r.Schedule[0].Team[1].Role = "boss" }, "Schedule[0].Team[1].Role", "enum"},
		{"no coverage", func(r *ProgrammeReport) { r.Coverage = nil }, "Coverage", ContentProgrammeCoverage},
		{"coverage miscounted", func(r *ProgrammeReport) { r.Coverage.Items[3].Planned = 9 }, "Coverage.Items[3].Planned", ContentProgrammeCoverage},
		{"no figures", func(r *ProgrammeReport) { r.Figures = nil }, "Figures", ContentProgrammeFigures},
		{"figures of another day", func(r *ProgrammeReport) { r.Figures.At = r.AsOf.Add(time.Hour) }, "Figures.At", ContentProgrammeFigures},
		{"figures disagree", func(r *ProgrammeReport) { r.Figures.Audits.Completed = 2 }, "Figures.Audits.Completed", ContentProgrammeFigures},
		{"action unnamed", func(r *ProgrammeReport) { r.Actions[0].Finding = "" }, "Actions[0].Finding", "required"},
		{"action twice", func(r *ProgrammeReport) {
			r.Actions[2].Audit, r.Actions[2].Finding = r.Actions[1].Audit, r.Actions[1].Finding
		}, "Actions[2].Finding", "unique"},
		{"overdue not marked", func(r *ProgrammeReport) { r.Actions[0].Overdue = false }, "Actions[0].Overdue", ContentProgrammeActions},
		{"action out of order", func(r *ProgrammeReport) { r.Actions[0], r.Actions[1] = r.Actions[1], r.Actions[0] }, "Actions[1]", "order"},
		{"action dropped", func(r *ProgrammeReport) { r.Actions = r.Actions[1:] }, "Actions", ContentProgrammeActions},
		{"closed without date", func(r *ProgrammeReport) { r.Actions[5].ClosedAt = time.Time{} }, "Actions[5].ClosedAt", ContentProgrammeActions},
		{"overdue days wrong", func(r *ProgrammeReport) { r.Actions[0].DaysOverdue = 3 }, "Actions[0].DaysOverdue", ContentProgrammeActions},
		{"closure days wrong", func(r *ProgrammeReport) { r.Actions[4].ClosureDays = -5 }, "Actions[4].ClosureDays", ContentProgrammeActions},
		{"closure count disagrees", func(r *ProgrammeReport) { r.Figures.Actions.Closure.Count = 3 }, "Actions", ContentProgrammeActions},
		{"criterion count negative", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].ByGrade[0].Count = -1 }, "Figures.Findings.ByCriterion[0].Nonconformities", ContentProgrammeFigures},
		{"criterion bad", func(r *ProgrammeReport) { r.Figures.Findings.ByCriterion[0].Criterion.ID = "99.1" }, "Figures.Findings.ByCriterion[0].Criterion.ID", "unknown"},
		{"action in the future", func(r *ProgrammeReport) { r.Actions[1].StartedAt = r.AsOf.Add(time.Hour) }, "Actions[1].StartedAt", ContentProgrammeActions},
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

func TestProgrammeReportContents(t *testing.T) {
	ids := map[string]bool{}
	for c := range ProgrammeReportContents() {
		assert.NotEmpty(t, c.Clause, c.ID)
		assert.NotEmpty(t, c.Text, c.ID)
		assert.True(t, strings.HasPrefix(c.ID, "programme-report-"), c.ID)
		assert.False(t, ids[c.ID], "repeated %s", c.ID)
		ids[c.ID] = true
	}
	assert.Len(t, ids, 5)
}
