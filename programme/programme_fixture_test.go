package programme

import (
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// testingTB is what the fixture helpers need of a test: *testing.T and
// *rapid.T both have it.
type testingTB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	FailNow()
}

// equateEmpty treats nil and empty slices as equal: JSON cannot tell
// them apart.
var equateEmpty = cmpopts.EquateEmpty()

// onDay is a fixed day of 2026, n days after 5 January.
func onDay(n int) time.Time {
	return time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC).AddDate(0, 0, n)
}

func metaOn(n int, note string) ismsaudit.Meta {
	return ismsaudit.Meta{At: onDay(n), By: "pm", Note: note}
}

// twoObjectives are two complete objectives.
func twoObjectives() []Objective {
	return []Objective{
		{ID: "on-time", Statement: "audits are completed within their windows",
			Target: Target{Metric: "audits completed on time", Direction: AtLeast, Value: 90, Unit: "%", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{ID: "nc-closure", Statement: "major nonconformities are closed quickly",
			Target: Target{Metric: "median closure time of major nonconformities", Direction: AtMost, Value: 60, Unit: "days", Due: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
	}
}

// allManagers hold every role between them.
func allManagers() []Manager {
	return []Manager{
		{Person: "pm", Name: "Programme Manager", Roles: []ManagerRole{ManageExtent, ManageRisks, ManageProcesses, ManageResources, ManageMonitoring, ManageCommunication}},
		{Person: "qa", Name: "Quality Lead", Roles: []ManagerRole{ManageTeams, ManageRecords}},
	}
}

func completeExtent() Extent {
	return Extent{
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC),
		Audits: 12, Kinds: []annexa.AuditKind{annexa.Internal}, Locations: []string{"HQ", "Data centre"},
		Frequency: "every clause and applicable control yearly; access control twice a year", AuditDays: 30,
		Drivers: Drivers{
			SizeAndComplexity:  "250 persons, 2 sites, cloud-hosted products",
			RiskAssessment:     "highest risks in access control and supplier management",
			SignificantChanges: []string{"move to a new data centre"},
			PreviousResults:    "two minor nonconformities in 2025, both closed",
		},
	}
}

func completeResources() Resources {
	return Resources{AuditorDays: 36, TravelDays: 4, TechnicalExperts: []string{"cloud security"}, Tools: []string{"remote audit platform"}}
}

func completeRecords() RecordsPolicy {
	return RecordsPolicy{RetentionMonths: 72, Confidentiality: "encrypted repository, need-to-know access, no copies on personal devices",
		Access: []string{"programme manager", "audit team leaders"}, Disposal: "secure deletion after retention"}
}

// completeOptions are complete options for New.
func completeOptions() NewOptions {
	return NewOptions{ID: "isms-2026", Objectives: twoObjectives(), Managers: allManagers(), Extent: completeExtent(), Resources: completeResources(), Records: completeRecords()}
}

// newDraft starts a complete draft at day 0.
func newDraft(t testingTB) *Programme {
	t.Helper()
	p, err := New(completeOptions(), metaOn(0, ""))
	require.NoError(t, err)
	return p
}

// newRisk is a register entry for a category.
func newRisk(id RiskID, kind RiskKind, c RiskCategory) Risk {
	return Risk{ID: id, Kind: kind, Category: c, Description: "what could go wrong in " + string(c), Owner: "pm"}
}

// coverRiskAreas adds one risk per category, each assessed low (1x1), at
// day 1.
func coverRiskAreas(t testingTB, p *Programme) {
	t.Helper()
	for c := range RiskCategories() {
		id := RiskID("r-" + string(c))
		require.NoError(t, p.AddRisk(newRisk(id, KindRisk, c), metaOn(1, "")))
		require.NoError(t, p.AssessRisk(id, Assessment{Likelihood: 1, Impact: 1, Rationale: "well controlled"}, metaOn(1, "")))
	}
}

// newReview is a review measuring both objectives, raising the actions
// given.
func newReview(id ReviewID, actions ...ImprovementAction) Review {
	return Review{
		ID:          id,
		Inputs:      []ReviewInput{{Kind: InputMonitoring, Summary: "11 of 12 audits on time; 3 minor nonconformities"}, {Kind: InputRisks, Summary: "register reviewed"}},
		Objectives:  []ObjectiveResult{{Objective: "on-time", Actual: 91.7}, {Objective: "nc-closure", Actual: 75}},
		Conclusions: "the programme meets its timing objective; closure is slow",
		Actions:     actions,
	}
}

func newAction(id ActionID) ImprovementAction {
	return ImprovementAction{ID: id, Description: "escalate corrective actions open over 45 days", Owner: "qa", Due: onDay(120)}
}

// inState brings a programme to state s through valid operations; for
// under-review the round's review is recorded (without actions, so every
// event out of the state is allowed). Events are at days 2..5.
func inState(t testingTB, s State) *Programme {
	t.Helper()
	p := newDraft(t)
	if s == StateDraft {
		return p
	}
	coverRiskAreas(t, p)
	require.NoError(t, p.Fire(EventApprove, metaOn(2, "")))
	if s == StateApproved {
		return p
	}
	require.NoError(t, p.Fire(EventImplement, metaOn(3, "")))
	if s == StateImplementing {
		return p
	}
	require.NoError(t, p.Fire(EventReview, metaOn(4, "")))
	require.NoError(t, p.RecordReview(newReview("rev-1"), metaOn(4, "")))
	switch s {
	case StateUnderReview:
	case StateImproved:
		_, err := p.Improve(Changes{}, metaOn(5, ""))
		require.NoError(t, err)
	case StateClosed:
		require.NoError(t, p.Fire(EventClose, metaOn(5, "programme ends")))
	default:
		t.Fatalf("no path to %q", s)
	}
	require.Equal(t, s, p.State)
	return p
}
