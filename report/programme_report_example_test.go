package report_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
)

// exampleProgramme is a programme of two internal audits in 2026, as
// programme.PlanInternal plans them, taken by the programme's operations
// from New to implementation; no audit has a record yet.
func exampleProgramme(soa *annexa.SoA) *programme.Programme {
	year := programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	on := func(month time.Month, day int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2025, month, day, 9, 0, 0, 0, time.UTC), By: "maria"}
	}
	var roles []programme.ManagerRole
	for r := range programme.ManagerRoles() {
		roles = append(roles, r)
	}
	p, err := programme.New(programme.NewOptions{
		ID: "AP-2026",
		Objectives: []programme.Objective{{ID: "cover", Statement: "Audit the whole ISMS in 2026.",
			Target: programme.Target{Metric: "requirements and applicable controls audited", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: year.Latest}}},
		Managers: []programme.Manager{{Person: "maria", Name: "Maria Rossi", Roles: roles}},
		Extent: programme.Extent{Start: year.Earliest, End: year.Latest, Audits: 2, Kinds: []annexa.AuditKind{annexa.Internal},
			Locations: []string{"head office"}, Frequency: "every requirement and control once a year", AuditDays: 4,
			Drivers: programme.Drivers{SizeAndComplexity: "60 persons, one site", RiskAssessment: "highest risks in access control",
				PreviousResults: "none: first programme"}},
		Resources: programme.Resources{AuditorDays: 6},
		Records:   programme.RecordsPolicy{RetentionMonths: 36, Confidentiality: "auditors only", Access: []string{"internal auditors"}},
	}, on(time.November, 3))
	must(err)
	for c := range programme.RiskCategories() {
		id := programme.RiskID("risk-" + string(c))
		must(p.AddRisk(programme.Risk{ID: id, Kind: programme.KindRisk, Category: c, Description: "a " + string(c) + " problem", Owner: "maria"}, on(time.November, 10)))
		must(p.AssessRisk(id, programme.Assessment{Likelihood: 1, Impact: 2}, on(time.November, 10)))
	}
	must(p.Fire(programme.EventApprove, on(time.December, 1)))
	must(p.Fire(programme.EventImplement, on(time.December, 15)))
	schedule, err := programme.PlanInternal(soa, programme.InternalPlanOptions{ID: "IA-2026", Auditee: "Example Ltd", Period: year, Audits: 2})
	must(err)
	must(p.ScheduleAudits(schedule...))
	return p
}

// must stops an example at a refused step: the fixtures above only take
// steps the library accepts.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

func ExampleBuildProgrammeReport() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := exampleProgramme(soa)
	at := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)

	// Without a Statement of Applicability there is no coverage, which a
	// programme of internal audits needs: Check names what is missing and
	// the renderer writes nothing.
	r, err := report.BuildProgrammeReport(p, nil, &report.ProgrammeReportOptions{AsOf: at})
	if err != nil {
		fmt.Println(err)
		return
	}
	var ve *ismsaudit.ValidationError
	if errors.As(r.Check(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println("missing:", f.Path, f.Rule)
		}
	}
	var buf bytes.Buffer
	fmt.Println(report.WriteProgrammeReport(&buf, r, report.Markdown) != nil, buf.Len())

	// With it, the report is complete. On 3 August the first audit's
	// window has closed without a record.
	r, err = report.BuildProgrammeReport(p, nil, &report.ProgrammeReportOptions{AsOf: at, SoA: soa})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.WriteProgrammeReport(&buf, r, report.Markdown); err != nil {
		fmt.Println(err)
		return
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "- **Schedule:**") || strings.HasPrefix(line, "| IA-2026-") {
			fmt.Println(line)
		}
	}
	// Output:
	// missing: Coverage RPT-PROGRAMME-COVERAGE
	// true 0
	// - **Schedule:** 2 audits planned: 0 completed, 0 in progress, 2 not started; 1 past its window.
	// | IA-2026-01 | internal audit | Example Ltd | due 2026-01-01 to 2026-07-01 |  |  | not started **past its window** |
	// | IA-2026-02 | internal audit | Example Ltd | due 2026-07-02 to 2026-12-31 |  |  | not started |
}

func ExampleWriteProgrammeReport() {
	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.BuildProgrammeReport(exampleProgramme(soa), nil,
		&report.ProgrammeReportOptions{AsOf: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), SoA: soa})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteProgrammeReport(&buf, r, report.HTML); err != nil {
		fmt.Println(err)
		return
	}
	page := buf.String()
	fmt.Println(strings.HasPrefix(page, "<!DOCTYPE html>"), strings.Count(page, "<svg"))
	for _, id := range []string{"schedule", "coverage", "figures", "open-actions"} {
		fmt.Println(strings.Contains(page, `<h2 id="`+id+`">`), id)
	}

	buf.Reset()
	if err := report.WriteProgrammeReport(&buf, r, report.CSV); err != nil {
		fmt.Println(err)
		return
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rows {
		fmt.Println(row[0], row[6], row[7], row[13], row[16])
	}
	// Output:
	// true 0
	// true schedule
	// true coverage
	// true figures
	// true open-actions
	// id due_from due_by status missed
	// IA-2026-01 2026-01-01 2026-07-01 not-started false
	// IA-2026-02 2026-07-02 2026-12-31 not-started false
}
