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
// programme.PlanInternal plans them; no audit has a record yet.
func exampleProgramme(soa *annexa.SoA) *programme.Programme {
	year := programme.Window{Earliest: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	schedule, err := programme.PlanInternal(soa, programme.InternalPlanOptions{ID: "IA-2026", Auditee: "Example Ltd", Period: year, Audits: 2})
	if err != nil {
		panic(err)
	}
	return &programme.Programme{
		ID: "AP-2026", Version: 1, State: programme.StateImplementing,
		Objectives: []programme.Objective{{ID: "cover", Statement: "Audit the whole ISMS in 2026.",
			Target: programme.Target{Metric: "requirements and applicable controls audited", Direction: programme.AtLeast, Value: 100, Unit: "%", Due: year.Latest}}},
		Extent:   programme.Extent{Start: year.Earliest, End: year.Latest},
		Schedule: schedule,
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
