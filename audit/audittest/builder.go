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

// The default people of a Builder's audit (see Options.Team and
// Options.Contact).
const (
	// Lead is the default team leader's competence id.
	Lead = "lead"
	// Auditor is the default auditor's competence id.
	Auditor = "auditor"
	// Auditee is who speaks for the auditee by default.
	Auditee = "carl"
)

// Options says what a Builder's audit holds: the people, the scope and
// criteria, the clock, the confidentiality of the evidence, the findings
// and the state to stop in. The zero value of each field means its
// default, so a nil *Options, or an Options setting only what a test
// cares about, gives a conforming audit.
type Options struct {
	// ID is the audit's id; default "A-TEST-1".
	ID ismsaudit.AuditID
	// Kind is the kind of audit; default annexa.Internal. Certification
	// audits (stage 1 and 2, surveillance, recertification, special) carry
	// the recommendation AgreeConclusion derives from their findings.
	Kind annexa.AuditKind
	// Client and Auditee are the audit client and the organization
	// audited; default "Board of Acme Ltd" and "Acme Ltd".
	Client, Auditee string
	// Team is the audit team: one team leader and at least one auditor,
	// each with a competence id. Every step is taken by the team leader
	// unless it says otherwise; the first auditor collects the evidence,
	// raises the findings and records the checklist results. Default: Lead
	// (team leader), Auditor (auditor) and a guide from the auditee.
	Team []audit.Member
	// Contact is who speaks for the auditee: the contact, a recipient of
	// the report, who acknowledges findings and plans and implements
	// corrective actions; default Auditee ("carl").
	Contact string
	// Scope is the plan's scope; default the auditee's ISMS, unit IT and
	// the access management process.
	Scope audit.Scope
	// Clauses and Controls are the plan's criteria, from which the
	// checklist is built; default clause 9.2 and controls A.5.15 and
	// A.8.8, or for a stage 1 audit (when both are nil) the whole
	// documented ISMS.
	Clauses  []annexa.ClauseID
	Controls []annexa.ControlID
	// Start is when the audit is created, default 09:00 UTC on 2 March
	// 2026, and Step the time from one step to the next, default an hour.
	Start time.Time
	Step  time.Duration
	// Confidentiality is that of every evidence item; default
	// audit.ConfidentialityInternal.
	Confidentiality audit.Confidentiality
	// Recipients receive the report; default the contact (restricted) and
	// the audit client (internal).
	Recipients []audit.Recipient
	// Evidence is how many verified evidence items fieldwork collects (at
	// least one: every checklist result rests on evidence); default 3.
	Evidence int
	// Findings says how many findings the team raises; nil means one minor
	// nonconformity and one conformity.
	Findings *Findings
	// Through is the state the audit is left in, with the work done in
	// that state:
	//
	//   - initiation: contact and feasibility recorded, the team set;
	//   - preparation: the plan approved and communicated, the checklist
	//     attached, the sample drawn;
	//   - fieldwork: evidence collected and verified, findings confirmed,
	//     every checklist result recorded (an item a nonconformity cites
	//     shows it, graded as the gravest, the others conform), a risk
	//     escalated;
	//   - findings: the conclusions agreed, the criteria fulfilled,
	//     largely fulfilled (minor nonconformities) or partially fulfilled
	//     (a major one);
	//   - closing: the findings acknowledged, a corrective action planned
	//     and accepted for each nonconformity;
	//   - reported, distributed, completed: the report issued, then
	//     distributed, then the audit completed;
	//   - follow-up: every corrective action implemented, none verified
	//     yet;
	//   - closed: every corrective action verified effective, the audit
	//     closed;
	//   - terminated: stopped during fieldwork, after the opening meeting.
	//
	// Default audit.StateClosed. An audit without nonconformities goes
	// from completed straight to closed, so audit.StateFollowUp needs at
	// least one.
	Through audit.State
}

// Findings counts the findings a Builder's team raises.
type Findings struct {
	Major, Minor, Conformities int
}

// Builder builds audit records for tests through the real operations of
// the audit package, so that what it builds is what a host's own calls
// would leave and conforms to every process rule (Verify returns nil).
// Its Options say what the audit holds; Build takes it to the state they
// name. A step the library refuses fails the test at once (t.FailNow),
// naming the step.
//
// Ids are fixed: evidence items "E-1", "E-2"... in the order collected
// (those collected to verify corrective actions come after the others);
// findings "F-1", "F-2"... with the major nonconformities first, then the
// minor ones, then the conformities; the statistical sampling plan "S-1".
type Builder struct {
	t       require.TestingT
	opts    Options
	lead    competence.AuditorID
	auditor competence.AuditorID
	step    int
}

// NewBuilder returns a Builder of the audit opts describes (nil for the
// defaults), failing t on a refused step. It fails t at once when the
// options' team has no team leader or no auditor with a competence id.
func NewBuilder(t require.TestingT, opts *Options) *Builder {
	b := &Builder{t: t}
	if opts != nil {
		b.opts = *opts
	}
	o := &b.opts
	if o.ID == "" {
		o.ID = "A-TEST-1"
	}
	if o.Kind == "" {
		o.Kind = annexa.Internal
	}
	if o.Client == "" {
		o.Client = "Board of Acme Ltd"
	}
	if o.Auditee == "" {
		o.Auditee = "Acme Ltd"
	}
	if o.Team == nil {
		o.Team = []audit.Member{
			{Auditor: Lead, Name: "Lena Lead", Role: competence.RoleTeamLeader},
			{Auditor: Auditor, Name: "Omar Auditor", Role: competence.RoleAuditor},
			{Name: "Gus Guide", Role: competence.RoleGuide, Organization: o.Auditee},
		}
	}
	if o.Contact == "" {
		o.Contact = Auditee
	}
	if o.Scope.ISMS == "" && len(o.Scope.Units)+len(o.Scope.Processes)+len(o.Scope.Locations) == 0 {
		o.Scope = audit.Scope{ISMS: "the ISMS of " + o.Auditee, Units: []string{"IT"}, Processes: []string{"access management"}}
	}
	if o.Clauses == nil && o.Controls == nil && o.Kind != annexa.Stage1 {
		o.Clauses, o.Controls = []annexa.ClauseID{"9.2"}, []annexa.ControlID{"5.15", "8.8"}
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	}
	if o.Step <= 0 {
		o.Step = time.Hour
	}
	if o.Confidentiality == "" {
		o.Confidentiality = audit.ConfidentialityInternal
	}
	if o.Recipients == nil {
		o.Recipients = []audit.Recipient{
			{Name: o.Contact, Organization: o.Auditee, Clearance: audit.ConfidentialityRestricted},
			{Name: o.Client, Organization: o.Auditee, Clearance: audit.ConfidentialityInternal},
		}
	}
	if o.Evidence <= 0 {
		o.Evidence = 3
	}
	if o.Findings == nil {
		o.Findings = &Findings{Minor: 1, Conformities: 1}
	}
	if o.Through == "" {
		o.Through = audit.StateClosed
	}
	for _, m := range o.Team {
		switch {
		case m.Role == competence.RoleTeamLeader && b.lead == "":
			b.lead = m.Auditor
		case m.Role == competence.RoleAuditor && b.auditor == "":
			b.auditor = m.Auditor
		}
	}
	if b.lead == "" || b.auditor == "" {
		require.FailNow(t, "audittest: the team needs a team leader and an auditor, each with a competence id")
	}
	return b
}

// Meta returns the Meta of the next step, by the team leader: one step
// after the last step the Builder or an earlier call took. Use it to
// carry on from a built audit.
func (b *Builder) Meta() ismsaudit.Meta { return b.by(string(b.lead)) }

func (b *Builder) by(who string) ismsaudit.Meta {
	b.step++
	return ismsaudit.Meta{At: b.at(), By: who}
}

// at is the time of the current step.
func (b *Builder) at() time.Time { return b.opts.Start.Add(time.Duration(b.step) * b.opts.Step) }

// do runs one step, failing the test when the library refuses it.
func (b *Builder) do(what string, err error) {
	if h, ok := b.t.(interface{ Helper() }); ok {
		h.Helper()
	}
	require.NoError(b.t, err, "audittest: step %q refused", what)
}

// reached reports whether the audit is in the state to stop in.
func (b *Builder) reached(a *audit.Audit) bool { return a.State == b.opts.Through }

// Build runs the operations up to the state the options name (Through)
// and returns the audit.
func (b *Builder) Build() *audit.Audit {
	if h, ok := b.t.(interface{ Helper() }); ok {
		h.Helper()
	}
	b.step = 0
	o := &b.opts
	a, err := audit.New(audit.NewOptions{ID: o.ID, Kind: o.Kind, Client: o.Client, Auditee: o.Auditee}, ismsaudit.Meta{At: b.at(), By: string(b.lead)})
	b.do("new", err)
	if b.initiate(a) || b.prepare(a) || b.fieldwork(a) || b.conclude(a) || b.report(a) {
		return a
	}
	b.followUp(a)
	return a
}

func (b *Builder) initiate(a *audit.Audit) bool {
	m := b.Meta()
	b.do("establish contact", a.EstablishContact(audit.Contact{Person: b.opts.Contact, EstablishedAt: m.At, EstablishedBy: string(b.lead), Notes: "access to sites and systems agreed"}, m))
	m = b.Meta()
	b.do("decide feasibility", a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: m.At, DecidedBy: string(b.lead)}, m))
	b.do("set team", a.SetTeam(b.opts.Team, b.Meta()))
	return b.reached(a)
}

// checklist builds the work document for the audit's kind from the
// options' clauses and controls.
func (b *Builder) checklist() *annexa.Checklist {
	soa, err := annexa.NewSoA(b.opts.Auditee, annexa.Inclusion{
		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Selected by the risk treatment plan",
		Status:        annexa.Implemented,
	})
	b.do("build SoA", err)
	soa.Version = "2026.1"
	cl, err := annexa.NewChecklist(soa, annexa.ChecklistOptions{Kind: b.opts.Kind, Clauses: b.opts.Clauses, Controls: b.opts.Controls})
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
		who := b.auditor
		if i%2 == 0 {
			who = b.lead
		}
		assign = append(assign, audit.Assignment{Criterion: it.Ref, Auditor: who})
	}
	from := b.at().Add(24 * time.Hour)
	b.do("draft plan", a.DraftPlan(audit.PlanContent{
		Objectives: []string{"determine the conformity of the ISMS with ISO/IEC 27001:2022"},
		Scope:      b.opts.Scope,
		Criteria:   criteria,
		Locations:  []string{b.opts.Auditee + " head office"},
		Start:      from, End: from.Add(30 * 24 * time.Hour),
		Schedule: []audit.Activity{{Title: "interviews and record reviews", Location: b.opts.Auditee + " head office", Start: from, End: from.Add(8 * time.Hour),
			Auditors: []competence.AuditorID{b.lead, b.auditor}, Criteria: refs}},
		Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews with process owners"}},
		SamplingApproach: "a statistical sample of access reviews",
		Assignments:      assign,
	}, b.Meta()))
	b.do("approve plan", a.ApprovePlan(audit.PlanCheck{}, b.Meta()))
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
	m := b.by(string(b.auditor))
	b.do("collect evidence "+string(id), a.CollectEvidence(audit.Evidence{
		ID: id, Source: audit.SourceRecord, Description: "records examined for " + ref.String(), Supports: []annexa.Ref{ref},
		CollectedBy: string(b.auditor), CollectedAt: m.At, Confidentiality: b.opts.Confidentiality,
		Digest: audit.DigestOf([]byte(id)),
	}, m))
	b.do("verify evidence "+string(id), a.VerifyEvidence(id, b.Meta()))
	return id
}

func (b *Builder) fieldwork(a *audit.Audit) bool {
	b.do("hold opening meeting", a.HoldOpeningMeeting(audit.OpeningMeeting{HeldAt: b.at(), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: b.opts.Contact, Organization: b.opts.Auditee}},
		PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, b.Meta()))
	if b.opts.Through == audit.StateTerminated {
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
	for i := range b.opts.Evidence {
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
			Evidence: []ismsaudit.EvidenceID{ev}, Area: "IT", RaisedBy: string(b.auditor), RaisedAt: b.at(),
			Found: "the records examined for " + supports.String() + " show the requirement met"}
		if kind == audit.Nonconformity {
			f.Requirement = "the requirement of " + supports.String() + " is met"
			f.Found = "two of the records examined show it is not"
			f.Reason = "the control is not operated as the ISMS requires"
		}
		b.do("add finding "+string(f.ID), a.AddFinding(f, b.by(string(b.auditor))))
		b.do("confirm finding "+string(f.ID), a.ConfirmFinding(f.ID, b.Meta()))
	}
	for range b.opts.Findings.Major {
		raise(audit.Nonconformity, audit.Major)
	}
	for range b.opts.Findings.Minor {
		raise(audit.Nonconformity, audit.Minor)
	}
	for range b.opts.Findings.Conformities {
		raise(audit.Conformity, "")
	}
	// Checklist results: each item rests on an item collected for it, and
	// shows the gravest nonconformity that cites it, or conforms.
	gravest := map[annexa.Ref]annexa.Result{}
	for _, f := range a.Findings {
		if f.Kind != audit.Nonconformity {
			continue
		}
		for _, ref := range f.Criteria {
			if f.Grade == audit.Major {
				gravest[ref] = annexa.MajorNonconformity
			} else if gravest[ref] == "" {
				gravest[ref] = annexa.MinorNonconformity
			}
		}
	}
	for i, it := range items {
		as := annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{ids[i%len(ids)]}}
		if r, ok := gravest[it.Ref]; ok {
			as.Result, as.Notes = r, "two of the records examined show the requirement not met"
		}
		b.do("record result "+it.Ref.String(), a.RecordResult(it.Ref, as, b.by(string(b.auditor))))
	}
	b.do("escalate risk", a.EscalateRisk(audit.EscalatedRisk{ID: "R-1", Description: "an administrator password written on a whiteboard",
		FoundAt: b.at(), FoundBy: string(b.auditor), EscalatedAt: b.at(), EscalatedTo: b.opts.Contact}, b.Meta()))
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
	switch {
	case b.opts.Findings.Major > 0:
		c.Fulfilment, c.Extent = audit.PartiallyFulfilled, "the criteria are partially fulfilled: a major nonconformity stands"
		c.Effectiveness = "the ISMS is implemented, but not effective where the major nonconformity lies"
	case b.opts.Findings.Minor == 0:
		c.Fulfilment, c.Extent = audit.Fulfilled, "the criteria are fulfilled"
	}
	b.do("draft conclusions", a.DraftConclusion(c, b.Meta()))
	b.do("agree conclusions", a.AgreeConclusion(b.Meta()))
	if b.reached(a) {
		return true
	}
	cm := audit.ClosingMeeting{HeldAt: b.at(), Attendees: []audit.Attendee{{Name: "Lena Lead"}, {Name: b.opts.Contact, Organization: b.opts.Auditee}},
		FindingsPresented: true, ConclusionsPresented: true}
	if b.opts.Findings.Major+b.opts.Findings.Minor > 0 {
		cm.AgreedFollowUp = "corrective action plans within 30 days"
	}
	b.do("hold closing meeting", a.HoldClosingMeeting(cm, b.Meta()))
	for _, f := range a.Findings {
		b.do("acknowledge finding "+string(f.ID), a.AcknowledgeFinding(f.ID, b.by(b.opts.Contact)))
		if f.Kind != audit.Nonconformity {
			continue
		}
		m := b.by(b.opts.Contact)
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
	b.do("distribute report", a.Distribute(b.opts.Recipients, b.Meta()))
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
				b.do("mark implemented "+string(f.ID), a.MarkImplemented(f.ID, b.by(b.opts.Contact)))
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
	if b.opts.Through == audit.StateFollowUp {
		b.do("reach follow-up", fmt.Errorf("audittest: no nonconformity to follow up: the audit closes from completed"))
	}
	b.do("close", a.Close(b.Meta()))
}
