package report

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

func TestBuildAuditReportInternal(t *testing.T) {
	r := internalReport(t)
	assert.Equal(t, "Internal audit report: Northwind Analytics Ltd", r.Title)
	assert.Equal(t, asOf, r.AsOf)
	require.NotNil(t, r.Issue)
	assert.Equal(t, 1, r.Issue.Version)

	ids := func(fs []AuditFinding) (out []audit.FindingID) {
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	assert.Equal(t, []audit.FindingID{"F-01", "F-02", "F-03", "F-04", "F-05", "F-06", "F-07"}, ids(r.Findings), "the withdrawn F-08 is left out")
	var ev []ismsaudit.EvidenceID
	for _, e := range r.Evidence {
		ev = append(ev, e.ID)
	}
	assert.Equal(t, []ismsaudit.EvidenceID{"EV-01", "EV-02", "EV-03", "EV-04", "EV-06", "EV-07", "EV-09", "EV-10", "EV-11"}, ev,
		"cited or verified items in log order; the superseded EV-05 and the rejected EV-08 are left out")

	wantParticipants := []AuditParticipant{
		{Name: "Priya Shah", Organization: "Northwind Analytics Ltd", Role: "CISO", Meetings: []string{"opening", "closing"}},
		{Name: "Tom Hughes", Organization: "Northwind Analytics Ltd", Role: "Head of IT Operations", Meetings: []string{"opening", "closing"}},
		{Name: "Omar Farouk", Organization: "Northwind Analytics Ltd", Role: "Chief Executive", Meetings: []string{"closing"}},
		{Name: "Grace Park", Organization: "Northwind Analytics Ltd", Role: "HR manager", Meetings: []string{"closing"}},
	}
	if diff := cmp.Diff(wantParticipants, r.Participants); diff != "" {
		t.Errorf("participants mismatch (-want +got):\n%s", diff)
	}
	wantOpinions := []AuditDivergingOpinion{
		{Finding: "F-02", Opinion: "IT Operations holds that the web application firewall mitigates the missing patches, so the finding should be minor."},
		{Opinion: "IT Operations asks that the patch exception process be audited again once the new schedule has run for a quarter."},
	}
	if diff := cmp.Diff(wantOpinions, r.DivergingOpinions); diff != "" {
		t.Errorf("diverging opinions mismatch (-want +got):\n%s", diff)
	}
	ref := controlRef("7.4")
	wantObstacles := []AuditObstacle{{Kind: ObstacleNotAudited, Ref: &ref, Title: "Physical security monitoring", Reason: "The Leeds office was closed for refurbishment during the audit week."}}
	if diff := cmp.Diff(wantObstacles, r.Obstacles); diff != "" {
		t.Errorf("obstacles mismatch (-want +got):\n%s", diff)
	}
	require.NotNil(t, r.Plan)
	assert.Equal(t, 1, r.Plan.Version)
	assert.Len(t, r.Plan.Schedule, 5)
	require.NotNil(t, r.FollowUp)
	require.Len(t, r.FollowUp.Actions, 3)
	assert.Equal(t, at2026(time.April, 20, 11, 0), r.FollowUp.Actions[2].ClosedAt)
	assert.True(t, r.FollowUp.Actions[1].Overdue(r.AsOf))
	assert.False(t, r.FollowUp.Actions[0].Overdue(r.AsOf))
	assert.False(t, r.FollowUp.Actions[2].Overdue(r.AsOf), "closed actions are never overdue")
	assert.Equal(t, AuditCriterion{Ref: annexa.RefToDocument("POL-ACC-4"), Label: "POL-ACC-4", Title: "Access control policy, version 4"}, r.Criteria[8])
	assert.Equal(t, []string{"Book IT Operations interviews two weeks ahead.", "Audit vulnerability management every six months until F-02 is closed."}, r.Implications)
	assert.Equal(t, DefaultSamplingStatement, r.SamplingStatement)
	assert.Len(t, r.Distribution, 3)
}

func TestBuildAuditReportOptions(t *testing.T) {
	a := internalAudit(t)
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	assert.Equal(t, a.History[len(a.History)-1].At, r.AsOf, "as of the latest history entry by default")

	r, err = BuildAuditReport(a, &AuditReportOptions{Title: "Board report", SamplingStatement: "Sampled.", ConfidentialityStatement: "Secret."})
	require.NoError(t, err)
	assert.Equal(t, "Board report", r.Title)
	assert.Equal(t, "Sampled.", r.SamplingStatement)
	assert.Equal(t, "Secret.", r.ConfidentialityStatement)

	// Only a record that does not verify lacks a history once its
	// closing meeting is held: its draft speaks as of its creation.
	a.History = nil
	r, err = BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	assert.True(t, r.Draft)
	assert.Equal(t, a.CreatedAt, r.AsOf, "as of creation when there is no history")
}

func TestBuildAuditReportStates(t *testing.T) {
	early := []audit.State{audit.StateInitiation, audit.StatePreparation, audit.StateFieldwork, audit.StateFindings}
	for s := range audit.States() {
		t.Run(string(s), func(t *testing.T) {
			// The audit is taken to state s by the library's operations.
			a := audittest.NewBuilder(t, &audittest.Options{Through: s}).Build()
			require.Equal(t, s, a.State)
			r, err := BuildAuditReport(a, nil)
			if slices.Contains(early, s) {
				require.ErrorIs(t, err, ismsaudit.ErrTransition)
				var te *ismsaudit.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, audit.RuleReportAfterClosing, te.Rule)
				assert.Equal(t, ismsaudit.ReasonWrongState, te.Reason)
				assert.Equal(t, string(s), te.State)
				_, known := audit.LookupRule(te.Rule)
				assert.True(t, known, "the rule is in audit's catalogue")
				assert.Nil(t, r)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, s, r.State)
		})
	}
	a := internalAudit(t)
	a.State = "paused"
	_, err := BuildAuditReport(a, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("State", ismsaudit.RuleEnum))

	_, err = BuildAuditReport(nil, nil)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}

func TestBuildAuditReportRefusesBrokenReferences(t *testing.T) {
	a := internalAudit(t)
	a.Findings[0].Evidence = append(a.Findings[0].Evidence, "EV-99")
	a.FollowUps[0].Finding = "F-99"
	a.FollowUps[1].Evidence = []ismsaudit.EvidenceID{"EV-98"}
	a.Evidence[1].ID = "EV-01"
	a.Findings[2].ID = "F-01"
	a.FollowUps = append(a.FollowUps, audit.FollowUp{Finding: "F-07", State: audit.FollowUpPlanning})
	before := internalAudit(t)
	before.Findings[0].Evidence, before.FollowUps, before.Evidence[1].ID, before.Findings[2].ID = a.Findings[0].Evidence, a.FollowUps, a.Evidence[1].ID, a.Findings[2].ID

	r, err := BuildAuditReport(a, nil)
	assert.Nil(t, r)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, want := range []struct {
		path string
		rule ismsaudit.RuleID
	}{
		{"Findings[0].Evidence[2]", ismsaudit.RuleUnknown},
		{"FollowUps[0].Finding", ismsaudit.RuleUnknown},
		{"FollowUps[1].Evidence[0]", ismsaudit.RuleUnknown},
		{"Evidence[1].ID", ismsaudit.RuleUnique},
		{"Findings[2].ID", ismsaudit.RuleUnique},
		{"FollowUps[3].Finding", ismsaudit.RuleUnique},
	} {
		assert.True(t, ve.Has(want.path, want.rule), "%s %s in %v", want.path, want.rule, ve.Fields)
	}
	if diff := cmp.Diff(before, a); diff != "" {
		t.Errorf("record changed (-want +got):\n%s", diff)
	}
}

// mutateStrings overwrites every string reachable from v, so that a
// test can show that a copy shares no memory with its original.
func mutateStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			mutateStrings(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutateStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			mutateStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(v.String() + "#mutated")
		}
	case reflect.Int:
		if v.CanSet() {
			v.SetInt(v.Int() + 1000)
		}
	case reflect.Bool:
		if v.CanSet() {
			v.SetBool(!v.Bool())
		}
	}
}

func TestBuildAuditReportSharesNothingWithRecord(t *testing.T) {
	a := internalAudit(t)
	r, err := BuildAuditReport(a, &AuditReportOptions{AsOf: asOf})
	require.NoError(t, err)
	if diff := cmp.Diff(internalAudit(t), a); diff != "" {
		t.Fatalf("building changed the record (-want +got):\n%s", diff)
	}
	mutateStrings(reflect.ValueOf(r))
	if diff := cmp.Diff(internalAudit(t), a); diff != "" {
		t.Errorf("changing the report changed the record (-want +got):\n%s", diff)
	}

	// The report of a sealed record carries a copy of it.
	a = sealedAudit(t)
	r, err = BuildAuditReport(a, nil)
	require.NoError(t, err)
	require.NotNil(t, r.Record)
	mutateStrings(reflect.ValueOf(r))
	if diff := cmp.Diff(sealedAudit(t), a); diff != "" {
		t.Errorf("changing the report changed the sealed record (-want +got):\n%s", diff)
	}
}

func TestObstacleKinds(t *testing.T) {
	var got []ObstacleKind
	for k := range ObstacleKinds() {
		got = append(got, k)
		back, err := ParseObstacleKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, back)
		b, err := k.MarshalText()
		require.NoError(t, err)
		var u ObstacleKind
		require.NoError(t, u.UnmarshalText(b))
		assert.Equal(t, k, u)
	}
	assert.Equal(t, []ObstacleKind{ObstacleNotAudited, ObstacleTerminated}, got)
	_, err := ParseObstacleKind("delay")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var pe *ismsaudit.ParseError
	require.True(t, errors.As(err, &pe))
}

// TestBuildAuditReportEvidenceShown: the report shows every evidence item
// a live finding or its follow-up cites, whatever its state now, and
// every verified item; an item only a withdrawn finding's follow-up cites
// is not shown unless verified.
func TestBuildAuditReportEvidenceShown(t *testing.T) {
	a := internalAudit(t)
	// EV-11, which only F-07's follow-up cites, is superseded by EV-12,
	// verified and cited by nothing.
	ev11 := &a.Evidence[10]
	require.Equal(t, ismsaudit.EvidenceID("EV-11"), ev11.ID)
	ev12 := verifiedEvidence("EV-12", audit.SourceRecord, audit.ConfidentialityInternal, "Exit letter template, version 4.", ev11.CollectedBy, at2026(time.April, 21, 10, 0), controlRef("6.5"))
	ev12.Supersedes = "EV-11"
	ev11.State = audit.EvidenceSuperseded
	ev11.History = append(ev11.History, audit.EvidenceEntry{From: audit.EvidenceVerified, Event: audit.EvidenceSupersede, To: audit.EvidenceSuperseded, At: at2026(time.April, 21, 10, 5), By: ev11.CollectedBy})
	a.Evidence = append(a.Evidence, ev12)
	shown := func(r *AuditReport) (out []ismsaudit.EvidenceID) {
		for _, e := range r.Evidence {
			out = append(out, e.ID)
		}
		return out
	}
	want := []ismsaudit.EvidenceID{"EV-01", "EV-02", "EV-03", "EV-04", "EV-06", "EV-07", "EV-09", "EV-10", "EV-11", "EV-12"}
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	assert.Equal(t, want, shown(r))

	// A draft of a record with a follow-up of the withdrawn F-08 citing
	// the superseded EV-05 (the record does not verify: F-08 was never
	// presented).
	a.FollowUps = append(a.FollowUps, audit.FollowUp{Finding: "F-08", State: audit.FollowUpPlanning, Evidence: []ismsaudit.EvidenceID{"EV-05"}})
	r, err = BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	require.True(t, r.Draft)
	assert.Equal(t, want, shown(r))
}

// TestBuildAuditReportFollowUpSection: the follow-up section is there
// when the closing meeting agreed follow-up or some live finding has a
// follow-up, and only then.
func TestBuildAuditReportFollowUpSection(t *testing.T) {
	for _, tc := range []struct {
		name          string
		agreed, other bool
		want          bool
	}{
		{"agreed and actions", true, true, true},
		{"agreed only", true, false, true},
		{"actions only", false, true, true},
		{"neither", false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := internalAudit(t)
			if !tc.agreed {
				a.Closing.AgreedFollowUp = ""
			}
			if !tc.other {
				a.FollowUps = nil
			}
			r, err := BuildAuditReport(a, &AuditReportOptions{Draft: true})
			require.NoError(t, err)
			if !tc.want {
				assert.Nil(t, r.FollowUp)
				return
			}
			require.NotNil(t, r.FollowUp)
			assert.Equal(t, a.Closing.AgreedFollowUp, r.FollowUp.Agreed)
			assert.Len(t, r.FollowUp.Actions, len(a.FollowUps))
		})
	}
}

// TestBuildAuditReportClosedAt: a closed action's closing time is that of
// the latest history entry into closed, wherever it stands in a record
// that does not verify (a draft).
func TestBuildAuditReportClosedAt(t *testing.T) {
	a := internalAudit(t)
	u := &a.FollowUps[2]
	require.Equal(t, audit.FollowUpClosed, u.State)
	closing := u.History[len(u.History)-1]
	require.Equal(t, audit.FollowUpClosed, closing.To)
	// The entry into closed first, then one that leads elsewhere.
	u.History = []audit.FollowUpEntry{closing, {From: audit.FollowUpPlanning, Event: audit.FollowUpAcceptPlan, To: audit.FollowUpAccepted, At: closing.At.Add(time.Hour), By: closing.By}}
	r, err := BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	require.True(t, r.Draft)
	assert.Equal(t, closing.At, r.FollowUp.Actions[2].ClosedAt)
}

// TestBuildAuditReportUnissued: a report record not issued yet (version
// 0) gives no issue, and a plan never approved gives its content as
// version 0.
func TestBuildAuditReportUnissued(t *testing.T) {
	a := internalAudit(t)
	a.Report = &audit.ReportRecord{}
	r, err := BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	assert.Nil(t, r.Issue)

	// A record whose plan lost its approved versions does not verify; its
	// draft shows the plan's content, version 0.
	a = internalAudit(t)
	a.Plan.Versions = nil
	a.Plan.Content.Risks = []string{"Only in the content."}
	r, err = BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	require.NotNil(t, r.Plan)
	assert.Equal(t, 0, r.Plan.Version)
	assert.True(t, r.Plan.ApprovedAt.IsZero())
	assert.Equal(t, []string{"Only in the content."}, r.Plan.Risks)
}
