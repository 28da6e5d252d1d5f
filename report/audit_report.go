package report

import (
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// AuditReport is the report of one audit, holding what ISO 19011:2018
// 6.5.1 says a report includes or refers to. BuildAuditReport makes it from
// an audit record; Check names whatever required content is missing; the
// renderers (WriteAuditReport, WriteNonconformityActions,
// AssessmentResults, PlanOfActionAndMilestones) check it first and write
// nothing when it is incomplete.
//
// A report built from a record that does not verify (audit.Verify) is a
// draft when the host asks for one (AuditReportOptions.Draft): Draft is
// set and Violations lists why, and every format marks it (see
// WriteAuditReport, WriteNonconformityActions, AssessmentResults,
// PlanOfActionAndMilestones). Without the request such a record is
// refused (rule RuleRecordVerifies).
//
// The report is a snapshot: it shares no memory with the audit record it
// was built from, and changing one never changes the other. It encodes to
// JSON and back losslessly (DecodeAuditReport reads it).
type AuditReport struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindAuditReport and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// Title heads the report, e.g. "Internal audit report: Example Ltd".
	Title string `json:"title"`
	// Draft marks a report built from a record that does not verify, and
	// Violations are that record's violations of the process rules as
	// audit.Verify reports them (paths into the audit record). A draft
	// lists at least one; a final report lists none (rule
	// RuleRecordVerifies).
	Draft      bool                   `json:"draft,omitempty"`
	Violations []ismsaudit.FieldError `json:"violations,omitempty"`
	// Audit is the host's id of the audit; Kind its kind; State where its
	// lifecycle stood when the report was built.
	Audit ismsaudit.AuditID `json:"audit"`
	Kind  annexa.AuditKind  `json:"kind"`
	State audit.State       `json:"state"`
	// Programme and Baseline are copied from the record when set.
	Programme ismsaudit.ProgrammeID `json:"programme,omitempty"`
	Baseline  ismsaudit.AuditID     `json:"baseline,omitempty"`
	// AsOf is the time the report speaks as of: a corrective action not
	// closed by its due date is overdue at AsOf.
	AsOf time.Time `json:"asOf"`
	// Issue records the issued version, once the report has been issued.
	Issue *AuditIssue `json:"issue,omitempty"`
	// Copy is set on a recipient's copy (see RecipientCopy).
	Copy *AuditCopy `json:"copy,omitempty"`
	// Seal is the audit record's seal (see AuditSeal); nil when the
	// record is not sealed.
	Seal *AuditSeal `json:"seal,omitempty"`

	// Objectives are the audit objectives (6.5.1 a).
	Objectives []string `json:"objectives"`
	// Auditee and Scope identify the organization and what of it was
	// audited (6.5.1 b).
	Auditee string     `json:"auditee"`
	Scope   AuditScope `json:"scope"`
	// Client is the audit client (6.5.1 c).
	Client string `json:"client"`
	// Team is the audit team, guides and observers included, and
	// Participants the auditee's people who took part (6.5.1 d).
	Team         []AuditTeamMember  `json:"team"`
	Participants []AuditParticipant `json:"participants"`
	// Start, End and Locations say when and where audit activities took
	// place (6.5.1 e).
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Locations []string  `json:"locations"`
	// Criteria are the audit criteria with their titles (6.5.1 f).
	Criteria []AuditCriterion `json:"criteria"`
	// Findings are the audit findings, withdrawn ones left out, and
	// Evidence the evidence behind them and any other verified evidence,
	// in log order (6.5.1 g).
	Findings []AuditFinding  `json:"findings"`
	Evidence []AuditEvidence `json:"evidence"`
	// Conclusion holds the conclusions (6.5.1 h) and the degree to which
	// the criteria are fulfilled (6.5.1 i).
	Conclusion *AuditConclusion `json:"conclusion,omitempty"`
	// DivergingOpinions are the opinions the auditee and the team did not
	// settle (6.5.1 j): disputed findings not resolved, and those recorded
	// at the closing meeting.
	DivergingOpinions []AuditDivergingOpinion `json:"divergingOpinions,omitempty"`
	// SamplingStatement says that an audit samples, so conformity beyond
	// the evidence examined is not certified (6.5.1 k).
	SamplingStatement string `json:"samplingStatement"`

	// Plan is the audit plan with its timetable, when there is one.
	Plan *AuditPlan `json:"plan,omitempty"`
	// Sampling lists the sampling plans followed.
	Sampling []AuditSamplingPlan `json:"sampling,omitempty"`
	// Obstacles are what reduced the reliability of the conclusions:
	// planned items not audited, termination.
	Obstacles []AuditObstacle `json:"obstacles,omitempty"`
	// EscalatedRisks are the urgent risks escalated during the audit.
	EscalatedRisks []audit.EscalatedRisk `json:"escalatedRisks,omitempty"`
	// FollowUp is the agreed follow-up and the corrective actions.
	FollowUp *AuditFollowUp `json:"followUp,omitempty"`
	// ConfidentialityStatement states the confidential nature of the
	// report.
	ConfidentialityStatement string `json:"confidentialityStatement"`
	// Implications are the lessons for the audit programme and later
	// audits.
	Implications []string `json:"implications,omitempty"`
	// Distribution records who received which version and when (6.5.2).
	Distribution []audit.Distribution `json:"distribution,omitempty"`

	// Record is the audit record the report was built from, when it is
	// sealed with audit.SealAlgorithm and matched its seal: with it a
	// reader checks the seal (VerifySeal, VerifySignatures) and that the
	// findings and evidence the report shows are the record's (Check
	// compares them). On a recipient's copy it is the record's own
	// recipient copy ((*audit.Audit).RecipientCopy for the recipient's
	// clearance): the evidence above the clearance left out, and every
	// part shown proven against the sealed head (see RecipientCopy).
	Record *audit.Audit `json:"record,omitempty"`
}

// AuditIssue records an issued version of the report: its number (from
// 1), when and by whom it was issued (audit.ReportRecord).
type AuditIssue struct {
	Version  int       `json:"version"`
	IssuedAt time.Time `json:"issuedAt"`
	IssuedBy string    `json:"issuedBy"`
}

// AuditCopy marks a recipient's copy: who it is for and how many evidence
// items it shows by reference only.
type AuditCopy struct {
	Recipient audit.Recipient `json:"recipient"`
	Withheld  int             `json:"withheld"`
}

// AuditScope is the extent of the audit (19011 3.5).
type AuditScope struct {
	ISMS      string    `json:"isms,omitempty"`
	Units     []string  `json:"units,omitempty"`
	Processes []string  `json:"processes,omitempty"`
	Locations []string  `json:"locations,omitempty"`
	From      time.Time `json:"from,omitzero"`
	To        time.Time `json:"to,omitzero"`
}

// AuditTeamMember is one person of an audit's team, in an audit report
// and in a programme report's schedule; the fields mean what those of
// audit.Member mean.
type AuditTeamMember struct {
	Name         string               `json:"name,omitempty"`
	Role         competence.Role      `json:"role"`
	Auditor      competence.AuditorID `json:"auditor,omitempty"`
	Organization string               `json:"organization,omitempty"`
}

// AuditParticipant is one of the auditee's people who attended the
// opening or closing meeting; Meetings lists which ("opening", "closing").
type AuditParticipant struct {
	Name         string   `json:"name"`
	Organization string   `json:"organization,omitempty"`
	Role         string   `json:"role,omitempty"`
	Meetings     []string `json:"meetings"`
}

// AuditCriterion is one audit criterion with the label and title the
// report prints: "A.5.15" "Access control", "9.2.2" "Internal audit
// programme", or a document's id and title.
type AuditCriterion struct {
	Ref   annexa.Ref `json:"ref"`
	Label string     `json:"label"`
	Title string     `json:"title,omitempty"`
}

// AuditFinding is one finding as the report presents it. The fields mean
// what those of audit.Finding mean; Criteria carry their labels and
// titles, and Evidence names items of the report's Evidence.
type AuditFinding struct {
	ID               audit.FindingID        `json:"id"`
	Kind             audit.FindingKind      `json:"kind"`
	Grade            audit.Grade            `json:"grade,omitempty"`
	State            audit.FindingState     `json:"state"`
	Criteria         []AuditCriterion       `json:"criteria"`
	Area             string                 `json:"area,omitempty"`
	Requirement      string                 `json:"requirement,omitempty"`
	Found            string                 `json:"found"`
	Reason           string                 `json:"reason,omitempty"`
	Evidence         []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	DivergingOpinion string                 `json:"divergingOpinion,omitempty"`
	Resolution       string                 `json:"resolution,omitempty"`
	RaisedBy         string                 `json:"raisedBy"`
	RaisedAt         time.Time              `json:"raisedAt"`
}

// AuditEvidence is one evidence item as the report shows it; the fields
// mean what those of audit.Evidence mean. In a recipient's copy an item
// above the recipient's clearance is Withheld: only its id, source, state,
// confidentiality and collection time remain.
type AuditEvidence struct {
	ID              ismsaudit.EvidenceID  `json:"id"`
	Source          audit.EvidenceSource  `json:"source"`
	Confidentiality audit.Confidentiality `json:"confidentiality"`
	State           audit.EvidenceState   `json:"state"`
	Withheld        bool                  `json:"withheld,omitempty"`
	Description     string                `json:"description,omitempty"`
	Supports        []annexa.Ref          `json:"supports,omitempty"`
	CollectedBy     string                `json:"collectedBy,omitempty"`
	CollectedAt     time.Time             `json:"collectedAt,omitzero"`
	Covers          *audit.Period         `json:"covers,omitempty"`
	Sampling        *audit.SampleRecord   `json:"sampling,omitempty"`
	Digest          string                `json:"digest,omitempty"`
	Supersedes      ismsaudit.EvidenceID  `json:"supersedes,omitempty"`
}

// AuditConclusion holds the audit conclusions (19011 6.4.9, 6.5.1 h, i);
// the fields mean what those of audit.Conclusion mean.
type AuditConclusion struct {
	Fulfilment         audit.Fulfilment      `json:"fulfilment"`
	Extent             string                `json:"extent"`
	Effectiveness      string                `json:"effectiveness"`
	ObjectivesAchieved bool                  `json:"objectivesAchieved"`
	ScopeCovered       bool                  `json:"scopeCovered"`
	NotCovered         []string              `json:"notCovered,omitempty"`
	Recurring          []string              `json:"recurring,omitempty"`
	Recommendation     audit.Recommendation  `json:"recommendation,omitempty"`
	State              audit.ConclusionState `json:"state"`
}

// AuditDivergingOpinion is an opinion the auditee holds against the team's;
// Finding is empty for one recorded at the closing meeting about no single
// finding.
type AuditDivergingOpinion struct {
	Finding audit.FindingID `json:"finding,omitempty"`
	Opinion string          `json:"opinion"`
}

// AuditPlan is the audit plan as approved, with its timetable.
type AuditPlan struct {
	// Version is the approved version shown; 0 for a plan never approved.
	Version          int              `json:"version"`
	ApprovedAt       time.Time        `json:"approvedAt,omitzero"`
	ApprovedBy       string           `json:"approvedBy,omitempty"`
	Methods          []audit.Method   `json:"methods,omitempty"`
	SamplingApproach string           `json:"samplingApproach,omitempty"`
	Schedule         []audit.Activity `json:"schedule,omitempty"`
	Risks            []string         `json:"risks,omitempty"`
}

// AuditSamplingPlan summarises one sampling plan (audit.SamplingPlan):
// PopulationSize is the number of items sampled from, Size the sample's.
type AuditSamplingPlan struct {
	ID             string                `json:"id"`
	Purpose        string                `json:"purpose"`
	Frame          string                `json:"frame,omitempty"`
	Method         audit.SelectionMethod `json:"method"`
	PopulationSize int                   `json:"populationSize"`
	Size           int                   `json:"size"`
	Rationale      string                `json:"rationale,omitempty"`
}

// AuditObstacle is something that reduced the reliability of the audit
// conclusions (19011 6.5.1): a planned checklist item not audited, or the
// audit's termination.
type AuditObstacle struct {
	Kind ObstacleKind `json:"kind"`
	// Ref and Title name the item not audited.
	Ref    *annexa.Ref `json:"ref,omitempty"`
	Title  string      `json:"title,omitempty"`
	Reason string      `json:"reason"`
	// At is when the audit was terminated.
	At time.Time `json:"at,omitzero"`
}

// AuditFollowUp is the agreed follow-up (19011 6.4.10, 6.7).
type AuditFollowUp struct {
	// Agreed is what the closing meeting agreed.
	Agreed string `json:"agreed,omitempty"`
	// Actions are the corrective actions, one per nonconformity that has
	// a follow-up.
	Actions []AuditAction `json:"actions,omitempty"`
}

// AuditAction is the corrective action for one nonconformity; the fields
// mean what those of audit.FollowUp mean.
type AuditAction struct {
	Finding    audit.FindingID        `json:"finding"`
	Correction string                 `json:"correction,omitempty"`
	RootCause  string                 `json:"rootCause,omitempty"`
	Action     string                 `json:"action,omitempty"`
	DueAt      time.Time              `json:"dueAt,omitzero"`
	State      audit.FollowUpState    `json:"state"`
	VerifiedBy string                 `json:"verifiedBy,omitempty"`
	Evidence   []ismsaudit.EvidenceID `json:"evidence,omitempty"`
	// ClosedAt is when the action was verified effective.
	ClosedAt time.Time `json:"closedAt,omitzero"`
}

// Overdue reports whether the action is still open past its due date at
// time at.
func (a AuditAction) Overdue(at time.Time) bool {
	return a.State != audit.FollowUpClosed && !a.DueAt.IsZero() && a.DueAt.Before(at)
}

// ObstacleKind says what kind of obstacle an AuditObstacle is.
//
//ismsaudit:enum ObstacleKinds
type ObstacleKind string

// The ObstacleKind values. Never reorder.
const (
	ObstacleNotAudited ObstacleKind = "not-audited" // a planned checklist item was not audited (19011:6.5.1)
	ObstacleTerminated ObstacleKind = "terminated"  // the audit was stopped before completion (19011:6.4.4)
)

// AuditReportOptions adjusts BuildAuditReport. A nil *AuditReportOptions
// means defaults.
type AuditReportOptions struct {
	// AsOf is the time the report speaks as of (overdue actions); zero means
	// the time of the latest entry of the audit's history, or its creation
	// time when it has none.
	AsOf time.Time
	// Title replaces the default title ("<kind> report: <auditee>").
	Title string
	// ConfidentialityStatement and SamplingStatement replace the default
	// statements (DefaultConfidentialityStatement, DefaultSamplingStatement).
	ConfidentialityStatement string
	SamplingStatement        string
	// Verify configures the audit.Verify run on the record; nil means
	// defaults. A zero At means the report's AsOf.
	Verify *audit.VerifyOptions
	// Draft asks for a draft when the record does not verify: the report
	// is built, marked as a draft and listing the violations, instead of
	// refused. A record that verifies gives a final report whatever Draft
	// says.
	Draft bool
	// Signatures are the signatures on the record's seal that the host
	// verified with (*audit.Audit).VerifySignatures and the keys it
	// trusts: the report shows the signers of the last head among them as
	// verified (AuditSigner). One the seal does not carry is refused.
	Signatures []audit.Signature
}

// DefaultSamplingStatement is the report's default statement on sampling
// (19011 6.5.1 k), in this project's words.
const DefaultSamplingStatement = "An audit examines a sample of the information available. " +
	"The evidence examined may not be representative of everything within the audit scope, " +
	"so this report does not certify conformity of what was not examined."

// DefaultConfidentialityStatement is the report's default statement on
// confidentiality (19011 4 d, 6.5.1), in this project's words.
const DefaultConfidentialityStatement = "This report is confidential to the audit client, the auditee and the named recipients. " +
	"Evidence marked restricted appears in full only in copies for recipients cleared for it; " +
	"other copies show a reference to it."

// reportStates are the audit states in which a report can be built: from
// the closing meeting on, or after termination (19011 6.5.1, 6.4.4).
var reportStates = []audit.State{
	audit.StateClosing, audit.StateReported, audit.StateDistributed, audit.StateCompleted,
	audit.StateFollowUp, audit.StateClosed, audit.StateTerminated,
}

// BuildAuditReport builds the report of audit a. The audit must have held
// its closing meeting (or have been terminated): an earlier state is
// refused with a *ismsaudit.TransitionError citing audit.RuleReportAfterClosing.
//
// Even a draft needs a record whose references hold together: one with a
// finding citing evidence the log lacks, a follow-up for an unknown
// finding or a repeated id is refused next, with a
// *ismsaudit.ValidationError listing every such problem; unknown
// references also unwrap to ismsaudit.ErrNotFound. So is a signature in
// opts.Signatures that the record's seal does not carry.
//
// The record is then verified (audit.Verify, with opts.Verify and the
// report's AsOf as its time). A record that does not verify is refused
// with an *UnverifiedError citing RuleRecordVerifies, which unwraps to
// ErrUnverified and to the *ismsaudit.ValidationError of audit.Verify
// naming every violation; with opts.Draft the report is built instead,
// as a draft (AuditReport.Draft) listing the violations. The record is
// never changed.
//
// Building does not require the report to be complete: Check names the
// required 6.5.1 content still missing, and every renderer refuses an
// incomplete report.
func BuildAuditReport(a *audit.Audit, opts *AuditReportOptions) (*AuditReport, error) {
	col := newCollector("audit record")
	if a == nil {
		col.Add("", ismsaudit.RuleRequired, "", "no audit record given")
		return nil, col.Err()
	}
	if !a.State.IsValid() {
		col.Add("State", ismsaudit.RuleEnum, string(a.State), "not an audit state")
		return nil, col.Err()
	}
	if !slices.Contains(reportStates, a.State) {
		return nil, &ismsaudit.TransitionError{
			Machine: "audit.audit", State: string(a.State), Event: "build-report", Reason: ismsaudit.ReasonWrongState,
			Rule: audit.RuleReportAfterClosing, Detail: "a report is built only after the closing meeting (or after termination)",
		}
	}
	var o AuditReportOptions
	if opts != nil {
		o = *opts
	}
	if o.AsOf.IsZero() {
		o.AsOf = defaultAsOf(a)
	}
	b := builder{a: a, col: col}
	b.index()
	checkSignatures(col, a.Seal, o.Signatures)
	if err := col.Err(); err != nil {
		return nil, err
	}
	violations, err := verifyAudit(a, o.Verify, o.AsOf)
	if err != nil && !o.Draft {
		return nil, err
	}
	r := b.build(o)
	r.Draft, r.Violations = len(violations) > 0, violations
	r.Seal = sealOf(a.Seal, sealIntact(violations), o.Signatures)
	if s := r.Seal; s != nil && s.Intact && s.Algorithm == audit.SealAlgorithm {
		if r.Record, err = copyRecord(a); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// defaultAsOf is the time a report of a speaks as of when the host gives
// none: the time of the latest entry of the audit's history, or its
// creation time when it has none.
func defaultAsOf(a *audit.Audit) time.Time {
	if n := len(a.History); n > 0 {
		return a.History[n-1].At
	}
	return a.CreatedAt
}

// builder holds the indexes BuildAuditReport uses.
type builder struct {
	a        *audit.Audit
	col      *errs.Collector
	evidence map[ismsaudit.EvidenceID]int
	findings map[audit.FindingID]int
	criteria map[annexa.Ref]AuditCriterion
}

// index checks that ids are unique and references resolve.
func (b *builder) index() {
	a := b.a
	b.evidence = make(map[ismsaudit.EvidenceID]int, len(a.Evidence))
	for i, e := range a.Evidence {
		if _, dup := b.evidence[e.ID]; dup {
			b.col.Add(errs.Index("Evidence", i)+".ID", ismsaudit.RuleUnique, string(e.ID), "evidence ids are unique")
			continue
		}
		b.evidence[e.ID] = i
	}
	b.findings = make(map[audit.FindingID]int, len(a.Findings))
	for i, f := range a.Findings {
		path := errs.Index("Findings", i)
		if _, dup := b.findings[f.ID]; dup {
			b.col.Add(path+".ID", ismsaudit.RuleUnique, string(f.ID), "finding ids are unique")
		} else {
			b.findings[f.ID] = i
		}
		b.checkEvidence(path+".Evidence", f.Evidence)
	}
	seen := make(map[audit.FindingID]bool, len(a.FollowUps))
	for i, u := range a.FollowUps {
		path := errs.Index("FollowUps", i)
		if _, ok := b.findings[u.Finding]; !ok {
			b.col.Add(path+".Finding", ismsaudit.RuleUnknown, string(u.Finding), "no finding with this id")
		} else if seen[u.Finding] {
			b.col.Add(path+".Finding", ismsaudit.RuleUnique, string(u.Finding), "one follow-up per nonconformity")
		}
		seen[u.Finding] = true
		b.checkEvidence(path+".Evidence", u.Evidence)
	}
}

func (b *builder) checkEvidence(path string, ids []ismsaudit.EvidenceID) {
	for j, id := range ids {
		if _, ok := b.evidence[id]; !ok {
			b.col.Add(errs.Index(path, j), ismsaudit.RuleUnknown, string(id), "no evidence item with this id")
		}
	}
}

func (b *builder) build(o AuditReportOptions) *AuditReport {
	a := b.a
	content, version := planContent(a.Plan)
	r := &AuditReport{
		DocumentKind: ismsaudit.KindAuditReport, FormatVersion: ismsaudit.KindAuditReport.FormatVersion(),
		Title: o.Title, Audit: a.ID, Kind: a.Kind, State: a.State, Programme: a.Programme, Baseline: a.Baseline,
		AsOf:       o.AsOf,
		Objectives: slices.Clone(content.Objectives),
		Auditee:    a.Auditee,
		Scope: AuditScope{
			ISMS: content.Scope.ISMS, Units: slices.Clone(content.Scope.Units), Processes: slices.Clone(content.Scope.Processes),
			Locations: slices.Clone(content.Scope.Locations), From: content.Scope.From, To: content.Scope.To,
		},
		Client:                   a.Client,
		Start:                    content.Start,
		End:                      content.End,
		Locations:                slices.Clone(content.Locations),
		SamplingStatement:        o.SamplingStatement,
		ConfidentialityStatement: o.ConfidentialityStatement,
	}
	if r.Title == "" {
		r.Title = defaultTitle(a.Kind, a.Auditee)
	}
	if r.SamplingStatement == "" {
		r.SamplingStatement = DefaultSamplingStatement
	}
	if r.ConfidentialityStatement == "" {
		r.ConfidentialityStatement = DefaultConfidentialityStatement
	}
	if a.Report != nil && a.Report.Version > 0 {
		r.Issue = &AuditIssue{Version: a.Report.Version, IssuedAt: a.Report.IssuedAt, IssuedBy: a.Report.IssuedBy}
	}
	if a.Report != nil {
		r.Distribution = slices.Clone(a.Report.Distribution)
	}

	b.criteria = make(map[annexa.Ref]AuditCriterion, len(content.Criteria))
	r.Criteria = make([]AuditCriterion, 0, len(content.Criteria))
	for _, c := range content.Criteria {
		ac := AuditCriterion{Ref: c.Ref, Label: label(c.Ref), Title: c.Title}
		if ac.Title == "" {
			ac.Title = c.Ref.Title()
		}
		b.criteria[c.Ref] = ac
		r.Criteria = append(r.Criteria, ac)
	}

	r.Team = make([]AuditTeamMember, len(a.Team))
	for i, m := range a.Team {
		r.Team[i] = AuditTeamMember{Name: m.Name, Role: m.Role, Auditor: m.Auditor, Organization: m.Organization}
	}
	r.Participants = participants(a)
	b.findingsAndEvidence(r)
	if c := a.Conclusion; c != nil {
		r.Conclusion = &AuditConclusion{
			Fulfilment: c.Fulfilment, Extent: c.Extent, Effectiveness: c.Effectiveness,
			ObjectivesAchieved: c.ObjectivesAchieved, ScopeCovered: c.ScopeCovered,
			NotCovered: slices.Clone(c.NotCovered), Recurring: slices.Clone(c.Recurring),
			Recommendation: c.Recommendation, State: c.State,
		}
	}
	for _, f := range r.Findings {
		if f.State == audit.FindingDisputed {
			r.DivergingOpinions = append(r.DivergingOpinions, AuditDivergingOpinion{Finding: f.ID, Opinion: f.DivergingOpinion})
		}
	}
	if a.Closing != nil {
		for _, op := range a.Closing.DivergingOpinions {
			r.DivergingOpinions = append(r.DivergingOpinions, AuditDivergingOpinion{Opinion: op})
		}
	}
	if a.Plan != nil {
		r.Plan = &AuditPlan{
			Version: version.Version, ApprovedAt: version.ApprovedAt, ApprovedBy: version.ApprovedBy,
			Methods: slices.Clone(content.Methods), SamplingApproach: content.SamplingApproach,
			Schedule: cloneActivities(content.Schedule), Risks: slices.Clone(content.Risks),
		}
	}
	for _, s := range a.Sampling {
		size := s.Population.Size
		if len(s.Population.Items) > 0 {
			size = len(s.Population.Items)
		}
		r.Sampling = append(r.Sampling, AuditSamplingPlan{
			ID: string(s.ID), Purpose: s.Purpose, Frame: s.Frame, Method: s.Method, PopulationSize: size, Size: s.Size, Rationale: s.Rationale,
		})
	}
	if a.Checklist != nil {
		for _, it := range a.Checklist.Items {
			if it.NotAuditedReason != "" {
				ref := it.Ref
				r.Obstacles = append(r.Obstacles, AuditObstacle{Kind: ObstacleNotAudited, Ref: &ref, Title: it.Title, Reason: it.NotAuditedReason})
			}
		}
	}
	if t := a.Termination; t != nil {
		r.Obstacles = append(r.Obstacles, AuditObstacle{Kind: ObstacleTerminated, Reason: t.Reason, At: t.At})
	}
	r.EscalatedRisks = slices.Clone(a.Risks)
	b.followUp(r)
	if a.Completion != nil {
		r.Implications = slices.Clone(a.Completion.LessonsLearned)
	}
	return r
}

// findingsAndEvidence fills the findings (withdrawn ones left out) and the
// evidence they cite plus every other verified item, in log order.
func (b *builder) findingsAndEvidence(r *AuditReport) {
	a := b.a
	cited := make([]bool, len(a.Evidence))
	r.Findings = make([]AuditFinding, 0, len(a.Findings))
	for _, f := range a.Findings {
		if f.State == audit.FindingWithdrawn {
			continue
		}
		for _, id := range f.Evidence {
			cited[b.evidence[id]] = true
		}
		r.Findings = append(r.Findings, auditFinding(&f, b.criterion))
	}
	for _, u := range a.FollowUps {
		if a.Findings[b.findings[u.Finding]].State == audit.FindingWithdrawn {
			continue
		}
		for _, id := range u.Evidence {
			cited[b.evidence[id]] = true
		}
	}
	r.Evidence = make([]AuditEvidence, 0, len(a.Evidence))
	for i := range a.Evidence {
		if !cited[i] && a.Evidence[i].State != audit.EvidenceVerified {
			continue
		}
		r.Evidence = append(r.Evidence, auditEvidence(&a.Evidence[i]))
	}
}

// auditFinding is the report's view of finding f, its criteria as
// criterion gives them.
func auditFinding(f *audit.Finding, criterion func(annexa.Ref) AuditCriterion) AuditFinding {
	af := AuditFinding{
		ID: f.ID, Kind: f.Kind, Grade: f.Grade, State: f.State, Area: f.Area,
		Requirement: f.Requirement, Found: f.Found, Reason: f.Reason, Evidence: slices.Clone(f.Evidence),
		DivergingOpinion: f.DivergingOpinion, Resolution: f.Resolution, RaisedBy: f.RaisedBy, RaisedAt: f.RaisedAt,
		Criteria: make([]AuditCriterion, len(f.Criteria)),
	}
	for i, ref := range f.Criteria {
		af.Criteria[i] = criterion(ref)
	}
	return af
}

// auditEvidence is the report's view of evidence item e, in full.
func auditEvidence(e *audit.Evidence) AuditEvidence {
	ae := AuditEvidence{
		ID: e.ID, Source: e.Source, Confidentiality: e.Confidentiality, State: e.State, Description: e.Description,
		Supports: slices.Clone(e.Supports), CollectedBy: e.CollectedBy, CollectedAt: e.CollectedAt,
		Digest: e.Digest, Supersedes: e.Supersedes,
	}
	if e.Covers != nil {
		c := *e.Covers
		ae.Covers = &c
	}
	if e.Sampling != nil {
		s := *e.Sampling
		ae.Sampling = &s
	}
	return ae
}

// criterion returns the report's view of a finding's criterion: the audit
// criterion when the plan lists it, else one made from the catalogue.
func (b *builder) criterion(ref annexa.Ref) AuditCriterion {
	if c, ok := b.criteria[ref]; ok {
		return c
	}
	return AuditCriterion{Ref: ref, Label: label(ref), Title: ref.Title()}
}

func (b *builder) followUp(r *AuditReport) {
	a := b.a
	var fu AuditFollowUp
	if a.Closing != nil {
		fu.Agreed = a.Closing.AgreedFollowUp
	}
	for _, u := range a.FollowUps {
		if a.Findings[b.findings[u.Finding]].State == audit.FindingWithdrawn {
			continue
		}
		act := AuditAction{
			Finding: u.Finding, Correction: u.Correction, RootCause: u.RootCause, Action: u.Action, DueAt: u.DueAt,
			State: u.State, VerifiedBy: u.VerifiedBy, Evidence: slices.Clone(u.Evidence),
		}
		if u.State == audit.FollowUpClosed {
			for i := len(u.History) - 1; i >= 0; i-- {
				if u.History[i].To == audit.FollowUpClosed {
					act.ClosedAt = u.History[i].At
					break
				}
			}
		}
		fu.Actions = append(fu.Actions, act)
	}
	if fu.Agreed != "" || len(fu.Actions) > 0 {
		r.FollowUp = &fu
	}
}

// planContent returns the plan as last approved (its latest version), or
// the content of a plan never approved, with the version it comes from.
func planContent(p *audit.Plan) (audit.PlanContent, audit.PlanVersion) {
	if p == nil {
		return audit.PlanContent{}, audit.PlanVersion{}
	}
	if n := len(p.Versions); n > 0 {
		return p.Versions[n-1].Content, p.Versions[n-1]
	}
	return p.Content, audit.PlanVersion{}
}

// participants lists the auditee's people at the opening and closing
// meetings: attendees who are not members of the audit team, each once.
func participants(a *audit.Audit) []AuditParticipant {
	team := make(map[string]bool, len(a.Team))
	for _, m := range a.Team {
		team[strings.TrimSpace(m.Name)] = true
	}
	out := []AuditParticipant{}
	at := map[[2]string]int{}
	add := func(meeting string, people []audit.Attendee) {
		for _, p := range people {
			if team[strings.TrimSpace(p.Name)] {
				continue
			}
			k := [2]string{p.Name, p.Organization}
			if i, ok := at[k]; ok {
				if !slices.Contains(out[i].Meetings, meeting) {
					out[i].Meetings = append(out[i].Meetings, meeting)
				}
				continue
			}
			at[k] = len(out)
			out = append(out, AuditParticipant{Name: p.Name, Organization: p.Organization, Role: p.Role, Meetings: []string{meeting}})
		}
	}
	if a.Opening != nil {
		add("opening", a.Opening.Attendees)
	}
	if a.Closing != nil {
		add("closing", a.Closing.Attendees)
	}
	return out
}

func defaultTitle(k annexa.AuditKind, auditee string) string {
	t, ok := kindTitles[k]
	if !ok {
		t = "Audit"
	}
	t += " report"
	if s := strings.TrimSpace(auditee); s != "" {
		t += ": " + s
	}
	return t
}

func cloneActivities(in []audit.Activity) []audit.Activity {
	if in == nil {
		return nil
	}
	out := make([]audit.Activity, len(in))
	for i, a := range in {
		a.Auditors = slices.Clone(a.Auditors)
		a.Criteria = slices.Clone(a.Criteria)
		out[i] = a
	}
	return out
}
