package audittest_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/competence"
)

// fakeT records what an assertion reports. FailNow ends the goroutine it
// runs in, as testing.T's does; run calls f on a goroutine of its own.
type fakeT struct {
	mu      sync.Mutex
	failed  bool
	stopped bool
	msgs    []string
}

func (f *fakeT) Helper() {}

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failed = true
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

func (f *fakeT) FailNow() {
	f.mu.Lock()
	f.failed, f.stopped = true, true
	f.mu.Unlock()
	runtime.Goexit()
}

// output is everything reported.
func (f *fakeT) output() string { return strings.Join(f.msgs, "\n") }

// run calls fn with a fresh fakeT and returns it once fn returns or stops.
func run(fn func(t *fakeT)) *fakeT {
	f := &fakeT{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

// TestBuilderConformsInEveryState builds every kind of audit to every
// state of its lifecycle and checks each record conforms and is in the
// state asked for.
func TestBuilderConformsInEveryState(t *testing.T) {
	for kind := range annexa.AuditKinds() {
		for s := range audit.States() {
			t.Run(string(kind)+"/"+string(s), func(t *testing.T) {
				a := audittest.NewBuilder(t, &audittest.Options{Kind: kind, Through: s, Findings: &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}}).Build()
				assert.Equal(t, s, a.State)
				assert.Equal(t, kind, a.Kind)
				audittest.RequireConforms(t, a, nil)
			})
		}
	}
}

func TestBuilderSizes(t *testing.T) {
	b := audittest.NewBuilder(t, &audittest.Options{Evidence: 7, Findings: &audittest.Findings{Major: 2, Minor: 3, Conformities: 4}})
	a := b.Build()
	require.Equal(t, audit.StateClosed, a.State)
	kinds := map[audit.FindingKind]int{}
	grades := map[audit.Grade]int{}
	for _, f := range a.Findings {
		kinds[f.Kind]++
		grades[f.Grade]++
	}
	assert.Equal(t, map[audit.FindingKind]int{audit.Nonconformity: 5, audit.Conformity: 4}, kinds)
	assert.Equal(t, 2, grades[audit.Major])
	assert.Equal(t, 3, grades[audit.Minor])
	assert.Equal(t, audit.FindingID("F-1"), a.Findings[0].ID)
	assert.Equal(t, audit.Major, a.Findings[0].Grade)
	// Seven items in fieldwork, one per corrective action verified.
	assert.Len(t, a.Evidence, 7+5)
	assert.Len(t, a.FollowUps, 5)
	audittest.RequireConforms(t, a, nil)

	// Meta carries on from the last step.
	m := b.Meta()
	assert.True(t, m.At.After(a.History[len(a.History)-1].At))
	assert.Equal(t, audittest.Lead, m.By)

	none := audittest.NewBuilder(t, &audittest.Options{Evidence: 1, Findings: &audittest.Findings{}}).Build()
	assert.Empty(t, none.Findings)
	assert.Len(t, none.Evidence, 1, "results rest on at least one item")
	assert.Equal(t, audit.StateClosed, none.State)
	audittest.RequireConforms(t, none, nil)
}

func TestBuilderFailsTheTestOnARefusedStep(t *testing.T) {
	f := run(func(ft *fakeT) {
		audittest.NewBuilder(ft, &audittest.Options{Through: audit.StateFollowUp, Findings: &audittest.Findings{Conformities: 1}}).Build()
		ft.Errorf("not reached")
	})
	assert.True(t, f.stopped, "the builder stops the test")
	assert.NotContains(t, f.output(), "not reached")
}

func TestConforms(t *testing.T) {
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFindings}).Build()
	f := run(func(ft *fakeT) { assert.True(ft, audittest.Conforms(ft, a, nil)) })
	assert.False(t, f.failed)

	// Two violations: both are listed, with their rules' clauses.
	a.Opening.ScopeConfirmed = false
	a.Client = ""
	f = run(func(ft *fakeT) { assert.False(ft, audittest.Conforms(ft, a, nil, "record %s", "A")) })
	require.True(t, f.failed)
	assert.False(t, f.stopped, "Conforms does not stop the test")
	out := f.output()
	for _, want := range []string{"Opening.ScopeConfirmed", string(audit.RuleOpeningMeeting), "19011:6.4.3", "Client", string(audit.RuleRecordShape), "2 violations", "record A"} {
		assert.Contains(t, out, want)
	}

	f = run(func(ft *fakeT) {
		audittest.RequireConforms(ft, a, nil)
		ft.Errorf("not reached")
	})
	assert.True(t, f.stopped)
	assert.NotContains(t, f.output(), "not reached")
}

func TestViolates(t *testing.T) {
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFindings}).Build()
	a.Opening.ScopeConfirmed = false
	tests := []struct {
		name string
		rule ismsaudit.RuleID
		path string
		pass bool
	}{
		{"the rule", audit.RuleOpeningMeeting, "", true},
		{"the rule at its path", audit.RuleOpeningMeeting, "Opening.ScopeConfirmed", true},
		{"the rule elsewhere", audit.RuleOpeningMeeting, "Closing", false},
		{"another rule", audit.RuleNCEvidence, "", false},
		{"not a rule", "AUD-NO-SUCH-RULE", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := run(func(ft *fakeT) { assert.Equal(ft, tt.pass, audittest.Violates(ft, a, nil, tt.rule, tt.path)) })
			assert.Equal(t, !tt.pass, f.failed, f.output())
		})
	}
	conforming := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFindings}).Build()
	f := run(func(ft *fakeT) { audittest.Violates(ft, conforming, nil, audit.RuleOpeningMeeting, "") })
	assert.True(t, f.failed)
}

func TestRefusedBy(t *testing.T) {
	fieldwork := func() *audit.Audit {
		return audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork}).Build()
	}
	b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork})
	a := b.Build()
	guard := a.Terminate("", b.Meta())                                          // a guard's refusal
	wrongState := fieldwork().DraftConclusion(audit.Conclusion{}, b.Meta())     // an operation the state forbids
	input := fieldwork().EscalateRisk(audit.EscalatedRisk{ID: "R-2"}, b.Meta()) // a rule broken by the input
	order := fieldwork().IssueReport(b.Meta())                                  // an event out of order
	meta := fieldwork().EndFieldwork(ismsaudit.Meta{By: audittest.Lead})        // a Meta without time
	evidence := fieldwork().VerifyEvidence("E-1", b.Meta())                     // a secondary lifecycle out of order
	tests := []struct {
		name string
		err  error
		rule ismsaudit.RuleID
		pass bool
	}{
		{"guard", guard, audit.RuleTerminateReason, true},
		{"state", wrongState, audit.RuleConclusionPhase, true},
		{"input", input, audit.RuleRiskEscalated, true},
		{"out of order", order, audit.RuleAuditOrder, true},
		{"no time", meta, audit.RuleRecordWhoWhen, true},
		{"evidence out of order", evidence, audit.RuleEvidenceOrder, true},
		{"another rule", guard, audit.RuleInitContact, false},
		{"accepted", nil, audit.RuleTerminateReason, false},
		{"not a rule", guard, "AUD-NO-SUCH-RULE", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := run(func(ft *fakeT) { assert.Equal(ft, tt.pass, audittest.RefusedBy(ft, tt.err, tt.rule)) })
			assert.Equal(t, !tt.pass, f.failed, f.output())
		})
	}
}

func TestPermittedAndRefused(t *testing.T) {
	a := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFieldwork}).Build()
	f := run(func(ft *fakeT) {
		assert.True(ft, audittest.Permitted(ft, a, audit.EventEndFieldwork))
		assert.True(ft, audittest.Refused(ft, a, audit.EventIssueReport, ""))
		assert.True(ft, audittest.Refused(ft, a, audit.EventIssueReport, audit.RuleAuditOrder))
	})
	assert.False(t, f.failed, f.output())

	a.Checklist.Items[0].Result, a.Checklist.Items[0].EvidenceRefs = annexa.NotAssessed, nil
	tests := []struct {
		name string
		fn   func(ft *fakeT) bool
		pass bool
	}{
		{"refused under its rule", func(ft *fakeT) bool {
			return audittest.Refused(ft, a, audit.EventEndFieldwork, audit.RuleFieldworkCovered)
		}, true},
		{"refused under another rule", func(ft *fakeT) bool {
			return audittest.Refused(ft, a, audit.EventEndFieldwork, audit.RulePlanCommunicated)
		}, false},
		{"not permitted", func(ft *fakeT) bool { return audittest.Permitted(ft, a, audit.EventEndFieldwork) }, false},
		{"permitted, not refused", func(ft *fakeT) bool { return audittest.Refused(ft, a, audit.EventTerminate, "") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := a.State
			f := run(func(ft *fakeT) { assert.Equal(ft, tt.pass, tt.fn(ft)) })
			assert.Equal(t, !tt.pass, f.failed, f.output())
			assert.Equal(t, before, a.State, "the record is not changed")
		})
	}
}

// TestBuilderDoesTheWorkOfEachState checks what Through documents a few
// states hold.
func TestBuilderDoesTheWorkOfEachState(t *testing.T) {
	build := func(s audit.State) *audit.Audit {
		return audittest.NewBuilder(t, &audittest.Options{Through: s, Findings: &audittest.Findings{Major: 1, Minor: 1, Conformities: 1}}).Build()
	}
	assert.Equal(t, audit.PlanCommunicated, build(audit.StatePreparation).Plan.State)
	fieldwork := build(audit.StateFieldwork)
	assert.Empty(t, slices.Collect(fieldwork.Checklist.Pending()))
	assert.Equal(t, audit.FindingConfirmed, fieldwork.Findings[0].State)
	assert.Equal(t, audit.ConclusionAgreed, build(audit.StateFindings).Conclusion.State)
	for _, u := range build(audit.StateClosing).FollowUps {
		assert.Equal(t, audit.FollowUpAccepted, u.State)
	}
	followUp := build(audit.StateFollowUp)
	require.Len(t, followUp.FollowUps, 2)
	for _, u := range followUp.FollowUps {
		assert.Equal(t, audit.FollowUpImplemented, u.State)
	}
	assert.NotNil(t, build(audit.StateTerminated).Termination)
}

// TestBuilderOptions checks that the Builder builds with the people,
// scope, clock and confidentiality a host gives, and that the record
// conforms.
func TestBuilderOptions(t *testing.T) {
	start := time.Date(2027, time.January, 4, 8, 0, 0, 0, time.UTC)
	opts := &audittest.Options{
		ID: "IA-7", Client: "Audit committee", Auditee: "Bolt GmbH",
		Team: []audit.Member{
			{Auditor: "ines", Name: "Ines Lead", Role: competence.RoleTeamLeader},
			{Auditor: "jon", Name: "Jon Auditor", Role: competence.RoleAuditor},
		},
		Contact:         "kim",
		Scope:           audit.Scope{ISMS: "the ISMS of Bolt GmbH", Units: []string{"R&D"}},
		Controls:        []annexa.ControlID{"5.1"},
		Start:           start,
		Step:            30 * time.Minute,
		Confidentiality: audit.ConfidentialityRestricted,
		Recipients:      []audit.Recipient{{Name: "Audit committee", Clearance: audit.ConfidentialityRestricted}},
		Findings:        &audittest.Findings{Minor: 1},
	}
	b := audittest.NewBuilder(t, opts)
	a := b.Build()
	audittest.RequireConforms(t, a, nil)
	assert.Equal(t, ismsaudit.AuditID("IA-7"), a.ID)
	assert.Equal(t, "Bolt GmbH", a.Auditee)
	assert.Equal(t, start, a.CreatedAt)
	assert.Equal(t, start.Add(4*30*time.Minute), a.History[0].At, "prepared four steps of half an hour after creation: contact, feasibility, team, prepare")
	assert.Equal(t, "kim", a.Contact.Person)
	assert.Equal(t, "ines", a.History[0].By, "steps are the team leader's")
	assert.Equal(t, opts.Scope, a.Plan.Content.Scope)
	assert.Equal(t, []audit.Criterion{{Ref: annexa.RefToControl("5.1")}}, a.Plan.Content.Criteria)
	for _, e := range a.Evidence {
		assert.Equal(t, audit.ConfidentialityRestricted, e.Confidentiality)
		assert.Equal(t, "jon", e.CollectedBy, "the auditor collects")
	}
	assert.Equal(t, "kim", a.FollowUps[0].PlannedBy, "the auditee's contact plans")
	assert.Len(t, a.Report.Distribution, 1)
	assert.Equal(t, "ines", b.Meta().By)

	f := run(func(ft *fakeT) {
		audittest.NewBuilder(ft, &audittest.Options{Team: []audit.Member{{Auditor: "ines", Name: "Ines", Role: competence.RoleTeamLeader}}})
		ft.Errorf("not reached")
	})
	assert.True(t, f.stopped, "a team without an auditor stops the test")
}
