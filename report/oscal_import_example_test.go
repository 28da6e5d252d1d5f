package report_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/report"
)

// A scanner's assessment results, cut down to one observation that a
// finding relates to Annex A control 8.8, with its scan report's hash in
// the back matter.
const scannerResults = `{
  "assessment-results": {
    "uuid": "2906ceaa-9286-4309-a0ba-72b659260afb",
    "metadata": {
      "title": "Weekly technical checks",
      "last-modified": "2026-03-03T07:30:00Z",
      "version": "2026-W10",
      "oscal-version": "1.1.2"
    },
    "import-ap": {"href": "https://scans.example/plans/weekly.json"},
    "results": [{
      "uuid": "dfd57827-7dba-4bb7-85d4-ea965da78df9",
      "title": "Week 10",
      "description": "Automated checks of the production servers.",
      "start": "2026-03-03T02:00:00Z",
      "reviewed-controls": {"control-selections": [{"include-controls": [{"control-id": "a.8.8"}]}]},
      "local-definitions": {"components": [{
        "uuid": "e1e1a83f-fe98-447a-ae16-c69daef931bc", "type": "software",
        "title": "Tidewater Scan 5.3", "description": "The scanner.", "status": {"state": "operational"}
      }]},
      "observations": [{
        "uuid": "3fc54f83-1569-465d-9f30-fad934dae47a",
        "title": "Vulnerability scan",
        "description": "14 of 14 servers scanned; 2 high-severity findings older than 30 days.",
        "methods": ["TEST"],
        "origins": [{"actors": [{"type": "tool", "actor-uuid": "e1e1a83f-fe98-447a-ae16-c69daef931bc"}]}],
        "relevant-evidence": [{"href": "#20a14295-3756-4785-bfbe-a5989de98195", "description": "Scan report"}],
        "collected": "2026-03-03T04:10:00Z"
      }],
      "findings": [{
        "uuid": "7227a1a4-bc5e-4122-b0e5-76bc2f52d7fe",
        "title": "Technical vulnerabilities",
        "description": "Two findings past the remediation target.",
        "target": {"type": "objective-id", "target-id": "a.8.8", "status": {"state": "not-satisfied"}},
        "related-observations": [{"observation-uuid": "3fc54f83-1569-465d-9f30-fad934dae47a"}]
      }]
    }],
    "back-matter": {"resources": [{
      "uuid": "20a14295-3756-4785-bfbe-a5989de98195",
      "rlinks": [{"href": "https://scans.example/runs/servers.xml", "hashes": [
        {"algorithm": "SHA-256", "value": "aec0b3df13c69acdcdf809caf48844a8027007c512e23d90738ffd9cab5294f9"}
      ]}]
    }]}
  }
}`

func ExampleReadOSCALAssessmentResults() {
	items, err := report.ReadOSCALAssessmentResults(strings.NewReader(scannerResults), &report.OSCALImportOptions{Prefix: "SCAN-"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range items {
		fmt.Println(e.ID)
		fmt.Println(e.Source, e.Supports, e.Confidentiality)
		fmt.Println(e.Description)
		fmt.Println(e.CollectedBy, e.CollectedAt.Format("2006-01-02 15:04"))
		fmt.Println(e.Digest)
		fmt.Println(e.Origin.Document, e.Origin.Modified.Format("2006-01-02 15:04"))
	}
	// Output:
	// SCAN-3fc54f83-1569-465d-9f30-fad934dae47a
	// technical-verification [A.8.8] internal
	// Vulnerability scan: 14 of 14 servers scanned; 2 high-severity findings older than 30 days.
	// Tidewater Scan 5.3 2026-03-03 04:10
	// aec0b3df13c69acdcdf809caf48844a8027007c512e23d90738ffd9cab5294f9
	// 2906ceaa-9286-4309-a0ba-72b659260afb 2026-03-03 07:30
}

// A document with problems is refused whole, each problem at its JSON
// path.
func ExampleReadOSCALAssessmentResults_refused() {
	broken := strings.NewReplacer(
		`"2026-03-03T04:10:00Z"`, `"2026-03-03 04:10"`,
		`"a.8.8",`, `"ac-2",`,
	).Replace(scannerResults)
	_, err := report.ReadOSCALAssessmentResults(strings.NewReader(broken), nil)
	fmt.Println(err)
	// Output:
	// report: invalid OSCAL assessment results: assessment-results.results[0].observations[0].collected: format "2026-03-03 04:10" (not an RFC 3339 date and time with its zone, such as 2026-03-03T04:10:00Z); assessment-results.results[0].findings[0].target.target-id: unknown "ac-2" (names no criterion: want "a.<control>", "clause-<clause>" or "document-<id>")
}

func ExampleParseOSCALControlID() {
	for _, id := range []string{"a.8.8", "a.8.15_smt", "clause-9.2.2", "document-POL_207"} {
		ref, err := report.ParseOSCALControlID(id)
		fmt.Println(ref, err, report.OSCALControlID(ref))
	}
	// Output:
	// A.8.8 <nil> a.8.8
	// A.8.15 <nil> a.8.15
	// clause 9.2.2 <nil> clause-9.2.2
	// document:POL 7 <nil> document-POL_207
}

// The scanner's results land in an audit during fieldwork: the items are
// collected, not yet audit evidence, until an auditor verifies them.
// Importing the same document again is refused whole.
func ExampleImportOSCALAssessmentResults() {
	t := time.Date(2026, time.March, 2, 7, 0, 0, 0, time.UTC)
	next := func() ismsaudit.Meta { t = t.Add(30 * time.Minute); return ismsaudit.Meta{At: t, By: "ann"} }
	a, err := audit.New(audit.NewOptions{ID: "IA-8", Kind: annexa.Internal, Client: "Example Ltd board", Auditee: "Example Ltd"}, next())
	must(err)
	patching := annexa.RefToControl("8.8")
	day := time.Date(2026, time.March, 2, 11, 0, 0, 0, time.UTC)
	plan := audit.PlanContent{
		Objectives: []string{"Check that technical vulnerabilities are managed."},
		Scope:      audit.Scope{Units: []string{"IT Operations"}},
		Criteria:   []audit.Criterion{{Ref: patching}},
		Locations:  []string{"London office"}, Start: day, End: day.AddDate(0, 0, 2),
		Schedule:         []audit.Activity{{Title: "Record reviews", Location: "London office", Start: day, End: day.AddDate(0, 0, 2)}},
		Methods:          []audit.Method{{Location: audit.Remote, Description: "Review of the scanner's results"}},
		SamplingApproach: "Every production server.",
		Assignments:      []audit.Assignment{{Criterion: patching, Auditor: "ann"}},
	}
	must(ismsaudit.Run(next,
		ismsaudit.With(a.EstablishContact, audit.Contact{Person: "Raj Patel"}),
		ismsaudit.With(a.DecideFeasibility, audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true}),
		ismsaudit.With(a.SetTeam, []audit.Member{{Auditor: "ann", Name: "Ann Lee", Role: competence.RoleTeamLeader}}),
		a.Prepare, ismsaudit.With(a.DraftPlan, plan), ismsaudit.With(a.ApprovePlan, audit.PlanCheck{}), a.CommunicatePlan,
		ismsaudit.With(a.HoldOpeningMeeting, audit.OpeningMeeting{Attendees: []audit.Attendee{{Name: "Raj Patel"}}, PlanConfirmed: true, ScopeConfirmed: true}),
	))

	logged := ismsaudit.Meta{At: time.Date(2026, time.March, 3, 12, 0, 0, 0, time.UTC), By: "ann"}
	opts := &report.OSCALImportOptions{Prefix: "SCAN-"}
	ids, err := report.ImportOSCALAssessmentResults(a, strings.NewReader(scannerResults), opts, logged)
	fmt.Println(ids, err)
	e, _ := a.EvidenceItem(ids[0])
	fmt.Println(e.State, a.IsAuditEvidence(ids[0]))

	_, err = report.ImportOSCALAssessmentResults(a, strings.NewReader(scannerResults), opts, logged)
	fmt.Println(err)
	fmt.Println(len(a.Evidence), "item")
	// Output:
	// [SCAN-3fc54f83-1569-465d-9f30-fad934dae47a] <nil>
	// collected false
	// audit: invalid evidence items: assessment-results.results[0].observations[0].ID: unique "SCAN-3fc54f83-1569-465d-9f30-fad934dae47a" (the log already holds an item with this id)
	// 1 item
}
