package audittest

import (
	"fmt"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// The fixture's people, by their competence ids.
const (
	// Lead is the team leader's id; every step the Builder takes is by
	// the team leader unless it says otherwise.
	Lead = "lead"
	// Auditor is the auditor's id.
	Auditor = "auditor"
	// Auditee is who speaks for the auditee (the contact, the recipient of
	// the report, who plans and implements corrective actions).
	Auditee = "carl"
)

// start is when every Builder's audit is created (see Builder).
var start = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

// Builder builds audit records for tests through the real operations of
// the audit package, so that what it builds is what a host's own calls
// would leave and conforms to every process rule (Verify returns nil).
//
// Set what the audit holds with the setters, then call Through for the
// state to stop in and Build. The audit is created at 09:00 UTC on 2 March
// 2026 and each step happens one hour after the one before. The defaults give an internal audit of
// clause 9.2 and controls A.5.15 and A.8.8 with three verified evidence
// items, one minor nonconformity and one conformity, taken to
// audit.StateClosed. A step the library refuses fails the test at once
// (t.FailNow), naming the step.
//
// Ids are fixed: evidence items "E-1", "E-2"... in the order collected
// (those collected to verify corrective actions come after the others);
// findings "F-1", "F-2"... with the major nonconformities first, then the
// minor ones, then the conformities; the statistical sampling plan "S-1".
type Builder struct {
	t       require.TestingT
	kind    annexa.AuditKind
	id      audit.ID
	through audit.State
	evid    int
	major   int
	minor   int
	conform int
	step    int
}

// NewBuilder returns a Builder with the defaults, failing t on a refused
// step.
func NewBuilder(t require.TestingT) *Builder {
	return &Builder{t: t, kind: annexa.Internal, id: "A-TEST-1", through: audit.StateClosed, evid: 3, minor: 1, conform: 1}
}

// Kind sets the kind of audit. Certification audits (stage 1 and 2,
// surveillance, recertification, special) carry the recommendation
// AgreeConclusion derives from their findings.
func (b *Builder) Kind(k annexa.AuditKind) *Builder { b.kind = k; return b }

// ID sets the audit's id.
func (b *Builder) ID(id audit.ID) *Builder { b.id = id; return b }

// Evidence sets how many verified evidence items fieldwork collects (at
// least one: every checklist result rests on evidence).
func (b *Builder) Evidence(n int) *Builder { b.evid = max(n, 1); return b }

// Nonconformities sets how many major and minor nonconformities the team
// raises.
func (b *Builder) Nonconformities(major, minor int) *Builder {
	b.major, b.minor = max(major, 0), max(minor, 0)
	return b
}

// Conformities sets how many conformity findings the team raises.
func (b *Builder) Conformities(n int) *Builder { b.conform = max(n, 0); return b }

// Through sets the state the audit is left in, with the work done in
// that state:
//
//   - initiation: contact and feasibility recorded, the team set;
//   - preparation: the plan approved and communicated, the checklist
//     attached, the sample drawn;
//   - fieldwork: evidence collected and verified, findings confirmed,
//     every checklist result recorded, a risk escalated;
//   - findings: the conclusions agreed;
//   - closing: the findings acknowledged, a corrective action planned and
//     accepted for each nonconformity;
//   - reported, distributed, completed: the report issued, then
//     distributed, then the audit completed;
//   - follow-up: every corrective action implemented, none verified yet;
//   - closed: every corrective action verified effective, the audit
//     closed;
//   - terminated: stopped during fieldwork, after the opening meeting.
//
// An audit without nonconformities goes from completed straight to
// closed, so audit.StateFollowUp needs at least one.
func (b *Builder) Through(s audit.State) *Builder { b.through = s; return b }

// Meta returns the Meta of the next step, by the team leader: one hour
// after the last step the Builder or an earlier call took. Use it to
// carry on from a built audit.
func (b *Builder) Meta() ismsaudit.Meta { return b.by(Lead) }

func (b *Builder) by(who string) ismsaudit.Meta {
	b.step++
	return ismsaudit.Meta{At: b.at(), By: who}
}

// at is the time of the current step.
func (b *Builder) at() time.Time { return start.Add(time.Duration(b.step) * time.Hour) }

// do runs one step, failing the test when the library refuses it.
func (b *Builder) do(what string, err error) {
	if h, ok := b.t.(interface{ Helper() }); ok {
		h.Helper()
	}
	require.NoError(b.t, err, "audittest: step %q refused", what)
}

// reached reports whether the audit is in the state to stop in.
func (b *Builder) reached(a *audit.Audit) bool { return a.State == b.through }

// Build runs the operations up to the state set with Through and returns
// the audit.
func (b *Builder) Build() *audit.Audit {
	if h, ok := b.t.(interface{ Helper() }); ok {
		h.Helper()
	}
	b.step = 0
	a, err := audit.New(audit.NewOptions{ID: b.id, Kind: b.kind, Client: "Board of Acme Ltd", Auditee: "Acme Ltd"}, ismsaudit.Meta{At: b.at(), By: Lead})
	b.do("new", err)
	if b.initiate(a) || b.prepare(a) || b.fieldwork(a) || b.conclude(a) || b.report(a) {
		return a
	}
	b.followUp(a)
	return a
}

func (b *Builder) initiate(a *audit.Audit) bool {
	m := b.Meta()
	b.do("establish contact", a.EstablishContact(audit.Contact{Person: "Carl, CISO of Acme", EstablishedAt: m.At, EstablishedBy: Lead, Notes: "access to sites and systems agreed"}, m))
	m = b.Meta()
	b.do("decide feasibility", a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: m.At, DecidedBy: Lead}, m))
	b.do("set team", a.SetTeam([]audit.Member{
		{Auditor: Lead, Name: "Lena Lead", Role: competence.RoleTeamLeader},
		{Auditor: Auditor, Name: "Omar Auditor", Role: competence.RoleAuditor},
		{Name: "Gus Guide", Role: competence.RoleGuide, Organization: "Acme Ltd"},
	}, b.Meta()))
	return b.reached(a)
}

// checklist builds the work document for the audit's kind: clause 9.2 and
// controls A.5.15 and A.8.8 where the kind takes a subset, the whole
// documented ISMS for a stage 1.
func (b *Builder) checklist() *annexa.Checklist {
	soa, err := annexa.NewSoA("Acme Ltd", annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	b.do("build SoA", err)
	soa.Version = "2026.1"
	opts := annexa.ChecklistOptions{Kind: b.kind, Clauses: []annexa.ClauseID{"9.2"}, Controls: []annexa.ControlID{"5.15", "8.8"}}
	if b.kind == annexa.Stage1 {
		opts.Clauses, opts.Controls = nil, nil
	}
	cl, err := annexa.NewChecklist(soa, opts)
	b.do("build checklist", err)
	return cl
}

func (b *Builder) prepare(a *audit.Audit) bool {
	b.do("prepare", a.Prepare(b.Meta()))
	cl := b.checklist()
	var criteria []audit.Criterion
	var refs []annexa.Ref
	var assign []audit.Assignment
	for i, it := range cl.Items {
		c := audit.Criterion{Ref: it.Ref}
		if it.Ref.Kind == annexa.DocumentRef {
			c.Title = it.Title
		}
		criteria = append(criteria, c)
		refs = append(refs, it.Ref)
		who := competence.AuditorID(Auditor)
		if i%2 == 0 {
			who = Lead
		}
		assign = append(assign, audit.Assignment{Criterion: it.Ref, Auditor: who})
	}
	from := b.at().Add(24 * time.Hour)
	b.do("draft plan", a.DraftPlan(audit.PlanContent{
		Objectives: []string{"determine the conformity of the ISMS with ISO/IEC 27001:2022"},
		Scope:      audit.Scope{ISMS: "the ISMS of Acme Ltd", Units: []string{"IT"}, Processes: []string{"access management"}},
		Criteria:   criteria,
		Locations:  []string{"Acme head office"},
		Start:      from, End: from.Add(30 * 24 * time.Hour),
		Schedule: []audit.Activity{{Title: "interviews and record reviews", Location: "Acme head office", Start: from, End: from.Add(8 * time.Hour),
			Auditors: []competence.AuditorID{Lead, Auditor}, Criteria: refs}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews with process owners"}},
		SamplingApproach: "a statistical sample of access reviews",
		Assignments:      assign,
	}, b.Meta()))
	b.do("approve plan", a.ApprovePlan(b.Meta(), nil))
	b.do("communicate plan", a.CommunicatePlan(b.Meta()))
	b.do("attach checklist", a.AttachChecklist(cl, b.Meta()))
	b.do("add sampling plan", a.AddSamplingPlan(audit.SamplingPlan{ID: "S-1", Purpose: "access reviews done each quarter", Population: audit.Population{Size: 120},
		Frame: "access review tickets of the last year", Method: audit.Statistical, Size: 10, Seed: 7,
		Rationale: "ten of 120 for a quarterly control with no exception expected"}, b.Meta()))
	b.do("draw sample", a.DrawSample("S-1", b.Meta()))
	return b.reached(a)
}

// evidence collects and verifies one item supporting ref.
func (b *Builder) evidence(a *audit.Audit, ref annexa.Ref) ismsaudit.EvidenceID {
	id := ismsaudit.EvidenceID(fmt.Sprintf("E-%d", len(a.Evidence)+1))
	m := b.by(Auditor)
	b.do("collect evidence "+string(id), a.CollectEvidence(audit.Evidence{
		ID: id, Source: audit.SourceRecord, Description: "records examined for " + ref.String(), Supports: []annexa.Ref{ref},
		CollectedBy: Auditor, CollectedAt: m.At, Confidentiality: audit.ConfidentialityInternal,
		Digest: audit.DigestOf([]byte(id)),
	}, m))
	b.do("verify evidence "+string(id), a.VerifyEvidence(id, b.Meta()))
	return id
}

func (b *Builder) fieldwork(a *audit.Audit) bool {
	b.do("hold opening meeting", a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: b.at(), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "Carl", Organization: "Acme Ltd"}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, b.Meta()))
	if b.through == audit.StateTerminated {
		b.do("terminate", a.Terminate("the auditee withdrew its cooperation", b.Meta()))
		return true
	}
	items := a.Checklist.Items
	refs := make([]annexa.Ref, 0, len(items))
	for _, it := range items {
		if it.Ref.Kind != annexa.DocumentRef {
			refs = append(refs, it.Ref)
		}
	}
	var ids []ismsaudit.EvidenceID
	for i := range b.evid {
		ids = append(ids, b.evidence(a, refs[i%len(refs)]))
	}
	// Findings: majors, minors, conformities, each on the next evidence
	// item and the criterion it supports.
	n := 0
	raise := func(kind audit.FindingKind, grade audit.Grade) {
		k := n % len(ids)
		ev, supports := ids[k], a.Evidence[k].Supports[0]
		n++
		f := audit.Finding{ID: audit.FindingID(fmt.Sprintf("F-%d", n)), Kind: kind, Grade: grade, Criteria: []annexa.Ref{supports},
			Evidence: []ismsaudit.EvidenceID{ev}, Area: "IT", RaisedBy: Auditor, RaisedAt: b.at(),
			Found: "the records examined for " + supports.String() + " show the requirement met"}
		if kind == audit.Nonconformity {
			f.Requirement = "the requirement of " + supports.String() + " is met"
			f.Found = "two of the records examined show it is not"
			f.Reason = "the control is not operated as the ISMS requires"
		}
		b.do("add finding "+string(f.ID), a.AddFinding(f, b.by(Auditor)))
		b.do("confirm finding "+string(f.ID), a.ConfirmFinding(f.ID, b.Meta()))
	}
	for range b.major {
		raise(audit.Nonconformity, audit.Major)
	}
	for range b.minor {
		raise(audit.Nonconformity, audit.Minor)
	}
	for range b.conform {
		raise(audit.Conformity, "")
	}
	// Checklist results: each item rests on an item collected for it.
	for i, it := range items {
		as := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{ids[i%len(ids)]}}
		b.do("record result "+it.Ref.String(), a.RecordResult(it.Ref, as, b.by(Auditor)))
	}
	b.do("escalate risk", a.EscalateRisk(audit.EscalatedRisk{ID: "R-1", Description: "an administrator password written on a whiteboard",
		FoundAt: b.at(), FoundBy: Auditor, EscalatedAt: b.at(), EscalatedTo: "Carl, CISO of Acme"}, b.Meta()))
	if b.reached(a) {
		return true
	}
	b.do("end fieldwork", a.EndFieldwork(b.Meta()))
	return false // the findings stage goes on to the conclusions
}

func (b *Builder) conclude(a *audit.Audit) bool {
	c := audit.Conclusion{
		Fulfilment: audit.LargelyFulfilled, Extent: "the criteria are largely fulfilled",
		Effectiveness: "the ISMS is effectively implemented and maintained", ObjectivesAchieved: true, ScopeCovered: true,
	}
	if b.major+b.minor == 0 {
		c.Fulfilment, c.Extent = audit.Fulfilled, "the criteria are fulfilled"
	}
	b.do("draft conclusions", a.DraftConclusion(c, b.Meta()))
	b.do("agree conclusions", a.AgreeConclusion(b.Meta()))
	if b.reached(a) {
		return true
	}
	cm := audit.ClosingMeeting{HeldAt: b.at(), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: "Carl", Organization: "Acme Ltd"}},
		FindingsPresented: true, ConclusionsPresented: true}
	if b.major+b.minor > 0 {
		cm.AgreedFollowUp = "corrective action plans within 30 days"
	}
	b.do("hold closing meeting", a.HoldClosingMeeting(cm, b.Meta()))
	for _, f := range a.Findings {
		b.do("acknowledge finding "+string(f.ID), a.AcknowledgeFinding(f.ID, b.by(Auditee)))
		if f.Kind != audit.Nonconformity {
			continue
		}
		m := b.by(Auditee)
		b.do("plan corrective action "+string(f.ID), a.PlanCorrectiveAction(f.ID, audit.CorrectiveActionPlan{
			Correction: "the two records put right", RootCause: "the control had no owner", Action: "an owner named and trained",
			DueAt: m.At.Add(60 * 24 * time.Hour)}, m))
		b.do("accept corrective action "+string(f.ID), a.AcceptCorrectiveAction(f.ID, b.Meta()))
	}
	return b.reached(a)
}

func (b *Builder) report(a *audit.Audit) bool {
	b.do("issue report", a.IssueReport(b.Meta()))
	if b.reached(a) {
		return true
	}
	b.do("distribute report", a.Distribute([]audit.Recipient{
		{Name: "Carl", Organization: "Acme Ltd", Clearance: audit.ConfidentialityRestricted},
		{Name: "Board of Acme Ltd", Organization: "Acme Ltd", Clearance: audit.ConfidentialityInternal},
	}, b.Meta()))
	if b.reached(a) {
		return true
	}
	b.do("complete", a.Complete(audit.Completion{Records: "kept for six years in the audit archive", LessonsLearned: []string{"book interviews earlier"}}, b.Meta()))
	return b.reached(a)
}

func (b *Builder) followUp(a *audit.Audit) {
	if a.Can(audit.EventStartFollowUp) {
		b.do("start follow-up", a.StartFollowUp(b.Meta()))
		for _, f := range a.Findings {
			if f.Kind == audit.Nonconformity {
				b.do("mark implemented "+string(f.ID), a.MarkImplemented(f.ID, b.by(Auditee)))
			}
		}
		if b.reached(a) {
			return
		}
		for _, f := range a.Findings {
			if f.Kind != audit.Nonconformity {
				continue
			}
			id := b.evidence(a, f.Criteria[0])
			b.do("verify corrective action "+string(f.ID), a.VerifyCorrectiveAction(f.ID, []ismsaudit.EvidenceID{id}, b.Meta()))
		}
	}
	if b.through == audit.StateFollowUp {
		b.do("reach follow-up", fmt.Errorf("audittest: no nonconformity to follow up: the audit closes from completed"))
	}
	b.do("close", a.Close(b.Meta()))
}
