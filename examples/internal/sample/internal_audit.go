package sample

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// The story of Northwind's first internal audit of 2026, IA-2026-01: what
// the team planned, found and agreed, and how the auditee followed up, as
// data. The internal-audit example runs it through the audit operations.
// Everything here is invented.

// at is a time of 2026, UTC.
func at(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, time.UTC) }

// The people of the story: the audit team's competence ids (the audit
// operations take them as the actor of team decisions) and names, and the
// auditee's people.
const (
	Lead        = "AUD-001"
	Auditor     = "AUD-002"
	Expert      = "AUD-007"
	LeadName    = "Aisha Khan"
	AuditorName = "Ben Osei"
	ExpertName  = "Chloe Martin"
	CISO        = "Priya Shah"
	HeadOfOps   = "Tom Hughes"
	HRManager   = "Grace Park"
)

// Story is a whole internal audit as data, in the order it happens.
type Story struct {
	Options     audit.NewOptions
	Created     time.Time
	Contact     audit.Contact
	Feasibility audit.Feasibility
	Team        []audit.Member
	TeamSet     time.Time
	Prepare     time.Time
	Plan        audit.PlanContent
	PlanDrafted time.Time
	Checklist   *annexa.Checklist
	ChecklistAt time.Time
	// Sampling lists the sampling plans; ServerChoice the servers the
	// team chose for the judgemental plan S-2 (positions in the patch
	// console inventory).
	Sampling     []audit.SamplingPlan
	SamplingAt   time.Time
	ServerChoice []string
	Approved     time.Time
	Communicated time.Time
	Opening      audit.OpeningMeeting
	// Evidence is the fieldwork evidence in the order it was logged.
	Evidence []Item
	Risk     audit.EscalatedRisk
	// Results are the checklist results; NotAudited the item the team
	// could not audit and why.
	Results    []Result
	NotAudited Result
	ResultsAt  time.Time
	// Findings are the findings in the order they were raised; each is
	// confirmed at Confirmed unless Withdraw says why it is withdrawn.
	Findings      []Finding
	Confirmed     time.Time
	FieldworkEnds time.Time
	Conclusion    audit.Conclusion
	Drafted       time.Time
	Agreed        time.Time
	Closing       audit.ClosingMeeting
	// Responses are the auditee's responses to the presented findings.
	Responses     []Response
	Actions       []Action
	Issued        time.Time
	Recipients    []audit.Recipient
	Distributed   time.Time
	Completion    audit.Completion
	Completed     time.Time
	FollowUpStart time.Time
	Closed        time.Time
}

// Item is one evidence item and what became of it: verified (the
// default), rejected with a reason, or a correction of an earlier item.
type Item struct {
	Evidence audit.Evidence
	Logged   time.Time // when it was logged
	Decided  time.Time // when it was verified or rejected
	Reject   string    // why it cannot be verified
	Corrects ismsaudit.EvidenceID
}

// Result is the result of one checklist item.
type Result struct {
	Ref        annexa.Ref
	Assessment annexa.Assessment
	Reason     string // why the item was not audited
}

// Finding is one finding as raised, and whether it was withdrawn.
type Finding struct {
	Finding  audit.Finding
	Withdraw string
}

// Response is the auditee's response to a presented finding: accepted
// when Opinion is empty, else disputed with that opinion and, when
// Resolution is set, settled before the report.
type Response struct {
	Finding    audit.FindingID
	At         time.Time
	By         string
	Opinion    string
	Resolution string
	ResolvedAt time.Time
}

// Action is the follow-up of one nonconformity: the plan, its acceptance,
// and each round of implementation and verification.
type Action struct {
	Finding  audit.FindingID
	Plan     audit.CorrectiveActionPlan
	Planned  time.Time
	PlanBy   string
	Accepted time.Time
	Rounds   []Round
}

// Round is one implementation of a corrective action and its
// verification: effective, or not (Note says why) with the next plan.
type Round struct {
	Implemented   time.Time
	ImplementedBy string
	Evidence      Item
	Verified      time.Time
	VerifiedBy    string
	Effective     bool
	Note          string
	Replan        *Action // the new plan after an ineffective verification
}

func control(id annexa.ControlID) annexa.Ref { return annexa.RefToControl(id) }
func clause(id annexa.ClauseID) annexa.Ref   { return annexa.RefToClause(id) }

var policy = annexa.RefToDocument("POL-ACC-4")

func verified(id string, src audit.EvidenceSource, conf audit.Confidentiality, desc, by string, collected time.Time, supports ...annexa.Ref) Item {
	return Item{
		Evidence: audit.Evidence{ID: ismsaudit.EvidenceID(id), Source: src, Confidentiality: conf, Description: desc, CollectedBy: by, CollectedAt: collected, Supports: supports},
		Logged:   collected.Add(15 * time.Minute), Decided: collected.Add(45 * time.Minute),
	}
}

// InternalAudit returns the story of IA-2026-01: a risk-based internal audit
// of access management, vulnerability management, leavers and the audit
// programme itself, from planning in February 2026 to the verification of
// the last corrective action in June. It finds one major and two minor
// nonconformities; the major one is disputed and stays so, and its first
// correction proves ineffective.
func InternalAudit() Story {
	criteria := []audit.Criterion{
		{Ref: clause("6.1.3")}, {Ref: clause("9.2.2")},
		{Ref: control("5.15")}, {Ref: control("5.18")}, {Ref: control("6.5")},
		{Ref: control("7.4")}, {Ref: control("8.8")}, {Ref: control("8.15")},
		{Ref: policy, Title: "Access control policy, version 4"},
	}
	ids := func(ids ...competence.AuditorID) []competence.AuditorID { return ids }
	plan := audit.PlanContent{
		Objectives: []string{
			"Determine whether the ISMS conforms to ISO/IEC 27001:2022 and to Northwind's own ISMS requirements in the areas audited.",
			"Determine whether access management and vulnerability management are effectively implemented and maintained (ISO/IEC 27001:2022 9.2.1).",
			"Follow up the access-removal nonconformity of audit IA-2025-02.",
		},
		Scope: audit.Scope{
			ISMS:      "Development, operation and support of the Northwind Insights analytics service.",
			Units:     []string{"Engineering", "IT Operations", "People"},
			Locations: []string{"London office", "Leeds office", "Cloud production (eu-west-2)"},
			Processes: []string{"access management", "vulnerability management", "onboarding and offboarding", "audit programme management"},
			From:      time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC), To: at(time.February, 28, 0, 0),
		},
		Criteria:  criteria,
		Locations: []string{"London office", "Remote (video calls and screen sharing)"},
		Start:     at(time.March, 2, 9, 0), End: at(time.March, 5, 17, 0),
		Schedule: []audit.Activity{
			{Title: "Opening meeting", Location: "London office", Start: at(time.March, 2, 9, 0), End: at(time.March, 2, 9, 30), Auditors: ids(Lead, Auditor)},
			{Title: "Risk treatment, SoA and the audit programme", Location: "London office", Start: at(time.March, 2, 10, 0), End: at(time.March, 2, 16, 0), Auditors: ids(Lead), Criteria: []annexa.Ref{clause("6.1.3"), clause("9.2.2")}},
			{Title: "Access management and leavers", Location: "London office", Start: at(time.March, 3, 9, 0), End: at(time.March, 3, 17, 0), Auditors: ids(Auditor), Criteria: []annexa.Ref{control("5.15"), control("5.18"), control("6.5"), policy}},
			{Title: "Vulnerability management and logging", Location: "Remote (video calls and screen sharing)", Start: at(time.March, 4, 9, 0), End: at(time.March, 4, 16, 0), Auditors: ids(Auditor, Expert), Criteria: []annexa.Ref{control("8.8"), control("8.15")}},
			{Title: "Physical security monitoring, Leeds office", Location: "Leeds office", Start: at(time.March, 5, 9, 0), End: at(time.March, 5, 12, 0), Auditors: ids(Lead), Criteria: []annexa.Ref{control("7.4")}},
			{Title: "Closing meeting", Location: "London office", Start: at(time.March, 5, 15, 0), End: at(time.March, 5, 16, 0), Auditors: ids(Lead, Auditor)},
		},
		Methods: []audit.Method{
			{Location: audit.OnSite, HumanInteraction: true, Description: "Interviews with process owners and walk-throughs in the London office"},
			{Location: audit.Remote, HumanInteraction: false, Description: "Review of exported patch and log configuration data"},
		},
		SamplingApproach: "Leavers are drawn at random from the HR leavers list; servers are chosen by judgement, internet-facing ones first.",
		Assignments: []audit.Assignment{
			{Criterion: clause("6.1.3"), Auditor: Lead}, {Criterion: clause("9.2.2"), Auditor: Lead},
			{Criterion: control("5.15"), Auditor: Auditor}, {Criterion: control("5.18"), Auditor: Auditor},
			{Criterion: control("6.5"), Auditor: Auditor}, {Criterion: control("7.4"), Auditor: Lead},
			{Criterion: control("8.8"), Auditor: Auditor}, {Criterion: control("8.15"), Auditor: Auditor},
			{Criterion: policy, Auditor: Auditor},
		},
		Risks: []string{"Key IT Operations staff on leave in the audit week: interviews booked two weeks ahead."},
	}
	checklist, err := annexa.NewChecklist(SoA(), annexa.ChecklistOptions{
		Kind: annexa.Internal, Clauses: []annexa.ClauseID{"6.1.3", "9.2.2"},
		Controls: []annexa.ControlID{"5.15", "5.18", "6.5", "7.4", "8.8", "8.15"},
	})
	must(err)

	leavers := &audit.SampleRecord{Plan: "S-1", Population: "leavers", PopulationSize: 38, SampleSize: 10, Method: audit.Statistical}
	servers := &audit.SampleRecord{Plan: "S-2", Population: "production servers", PopulationSize: 212, SampleSize: 25, Method: audit.Judgemental}
	evidence := []Item{
		verified("EV-01", audit.SourceInterview, audit.ConfidentialityInternal, "Interview with the CISO on the risk treatment plan and the Statement of Applicability, version 2026.2.", LeadName, at(time.March, 2, 10, 30), clause("6.1.3")),
		verified("EV-02", audit.SourceRecord, audit.ConfidentialityInternal, "Internal audit programme 2025 and the four audit reports issued under it.", LeadName, at(time.March, 2, 14, 0), clause("9.2.2")),
		verified("EV-03", audit.SourceDocument, audit.ConfidentialityPublic, "Access control policy, version 4, approved 12 January 2026, with the role catalogue in its annex.", AuditorName, at(time.March, 3, 9, 15), control("5.15"), policy),
		verified("EV-04", audit.SourceRecord, audit.ConfidentialityRestricted, "Access-removal tickets for the 10 sampled leavers: 2 kept VPN access for 41 and 57 days after leaving (L-07, L-22).", AuditorName, at(time.March, 3, 11, 0), control("5.18")),
		verified("EV-05", audit.SourceInterview, audit.ConfidentialityRestricted, "Interview with the HR manager on exit letters: contractors' exit letters omit the reminder of confidentiality duties.", AuditorName, at(time.March, 3, 14, 0), control("6.5")),
		verified("EV-06", audit.SourceObservation, audit.ConfidentialityPublic, "Clean-desk walk-through of the London office, floors 2 and 3: no documents left out.", LeadName, at(time.March, 3, 17, 0), control("5.15")),
		verified("EV-07", audit.SourceTechnicalVerification, audit.ConfidentialityInternal, "Patch status of the 25 chosen production servers from the patch console: 3 internet-facing servers miss critical patches released more than 60 days ago.", ExpertName, at(time.March, 4, 10, 0), control("8.8")),
		{
			Evidence: audit.Evidence{ID: "EV-08", Source: audit.SourceRecord, Confidentiality: audit.ConfidentialityInternal, Description: "Screenshot of a firewall rule review, undated and unsigned.",
				CollectedBy: ExpertName, CollectedAt: at(time.March, 4, 11, 0), Supports: []annexa.Ref{control("8.8")}},
			Logged: at(time.March, 4, 11, 10), Decided: at(time.March, 4, 12, 0), Reject: "cannot be verified: no date, no owner",
		},
		verified("EV-09", audit.SourceDataAnalysis, audit.ConfidentialityInternal, "Log retention settings exported from the SIEM (first export).", ExpertName, at(time.March, 4, 13, 0), control("8.15")),
		{
			Evidence: audit.Evidence{ID: "EV-10", Source: audit.SourceDataAnalysis, Confidentiality: audit.ConfidentialityInternal,
				Description: "Complete log retention export: the SIEM keeps 13 months, the cloud audit log 400 days; both meet the 12-month policy.",
				CollectedBy: ExpertName, CollectedAt: at(time.March, 4, 15, 0), Supports: []annexa.Ref{control("8.15")}},
			Logged: at(time.March, 4, 15, 5), Decided: at(time.March, 4, 15, 10), Corrects: "EV-09",
		},
	}
	evidence[3].Evidence.Sampling = leavers
	evidence[3].Evidence.Digest = "9f2c1be4a7d05e3c8b61f4a2d9e07c53b18a6f2e4d9c07b3a5e81f6d2c4b9a07"
	evidence[3].Evidence.Covers = &audit.Period{From: time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC), To: at(time.February, 28, 0, 0)}
	evidence[6].Evidence.Sampling = servers
	evidence[6].Evidence.Digest = "3b7e91d04c2a58f6e1b9d7c3a05f82e4b6c1d9a7f3e05b28c4d6a1f9e7b3c502"

	nc := func(id string, grade audit.Grade, ref annexa.Ref, ev []ismsaudit.EvidenceID, area, req, found, reason, by string, raised time.Time) Finding {
		return Finding{Finding: audit.Finding{ID: audit.FindingID(id), Kind: audit.Nonconformity, Grade: grade, Criteria: []annexa.Ref{ref}, Evidence: ev,
			Area: area, Requirement: req, Found: found, Reason: reason, RaisedBy: by, RaisedAt: raised}}
	}
	other := func(id string, kind audit.FindingKind, refs []annexa.Ref, ev []ismsaudit.EvidenceID, area, found, by string, raised time.Time) Finding {
		return Finding{Finding: audit.Finding{ID: audit.FindingID(id), Kind: kind, Criteria: refs, Evidence: ev, Area: area, Found: found, RaisedBy: by, RaisedAt: raised}}
	}
	findings := []Finding{
		other("F-01", audit.Conformity, []annexa.Ref{clause("6.1.3")}, []ismsaudit.EvidenceID{"EV-01"}, "",
			"The Statement of Applicability and the risk treatment plan agree, and each exclusion is justified.", LeadName, at(time.March, 2, 12, 0)),
		other("F-02", audit.OpportunityForImprovement, []annexa.Ref{clause("9.2.2")}, []ismsaudit.EvidenceID{"EV-02"}, "",
			"The audit programme gives every area the same frequency; weighting areas by risk and earlier findings would free time for vulnerability management.", LeadName, at(time.March, 2, 15, 0)),
		nc("F-03", audit.Minor, control("5.18"), []ismsaudit.EvidenceID{"EV-04", "EV-03"}, "People / IT Operations",
			"The access control policy requires access of leavers to be removed on their last working day.",
			"2 of 10 sampled leavers kept VPN access for 41 and 57 days after leaving.",
			"Access was not removed as the policy requires; the leaver ticket does not include the VPN.", AuditorName, at(time.March, 3, 15, 0)),
		nc("F-04", audit.Minor, control("6.5"), []ismsaudit.EvidenceID{"EV-05"}, "People",
			"Leavers are reminded of the security duties that remain after they leave.",
			"Exit letters for contractors omit the reminder of confidentiality duties.",
			"Contractors leave without being told which duties continue.", AuditorName, at(time.March, 3, 15, 30)),
		other("F-05", audit.GoodPractice, []annexa.Ref{control("5.15"), policy}, []ismsaudit.EvidenceID{"EV-03", "EV-06"}, "",
			"The role catalogue in the access control policy maps every business role to its systems, and managers review it each quarter.", AuditorName, at(time.March, 3, 16, 0)),
		nc("F-06", audit.Minor, control("8.8"), []ismsaudit.EvidenceID{"EV-08"}, "IT Operations",
			"Firewall rules are reviewed twice a year.", "No firewall rule review was seen.", "The review could not be shown.", ExpertName, at(time.March, 4, 11, 30)),
		nc("F-07", audit.Major, control("8.8"), []ismsaudit.EvidenceID{"EV-07"}, "IT Operations",
			"Critical patches are applied within 30 days or a risk-accepted exception is recorded.",
			"3 of 25 chosen production servers, all internet-facing, miss critical patches released more than 60 days ago, with no exception recorded.",
			"The vulnerability management process does not work for internet-facing servers, so known exploitable weaknesses stay open.", ExpertName, at(time.March, 4, 12, 0)),
		other("F-08", audit.Observation, []annexa.Ref{control("8.15")}, []ismsaudit.EvidenceID{"EV-10"}, "IT Operations",
			"Log retention is set separately in the SIEM and the cloud audit log; both meet the policy today, but nothing keeps them aligned.", ExpertName, at(time.March, 4, 15, 30)),
	}
	findings[5].Withdraw = "its only evidence, EV-08, could not be verified"

	attendees := []audit.Attendee{
		{Name: LeadName, Organization: "Northwind Internal Audit", Role: "audit team leader"},
		{Name: AuditorName, Organization: "Northwind Internal Audit", Role: "auditor"},
	}
	closingAt := at(time.March, 5, 15, 0)
	return Story{
		Options: audit.NewOptions{
			ID: "IA-2026-01", Kind: annexa.Internal, Client: "Omar Farouk, Chief Executive, " + Organization, Auditee: Organization,
			Programme: "ISMS-AP-2026", Baseline: "IA-2025-02",
		},
		Created: at(time.February, 2, 9, 0),
		Contact: audit.Contact{Person: CISO + ", CISO", EstablishedAt: at(time.February, 3, 10, 0), EstablishedBy: LeadName,
			Notes: "Access to systems and staff agreed; the report is confidential to the board and the CISO."},
		Feasibility: audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: at(time.February, 5, 9, 0), DecidedBy: LeadName},
		Team: []audit.Member{
			{Auditor: Lead, Name: LeadName, Role: competence.RoleTeamLeader, Organization: "Northwind Internal Audit"},
			{Auditor: Auditor, Name: AuditorName, Role: competence.RoleAuditor, Organization: "Northwind Internal Audit"},
			{Auditor: Expert, Name: ExpertName, Role: competence.RoleTechnicalExpert, Organization: "Harbour Security Consulting"},
			{Name: "Dan Reed", Role: competence.RoleGuide, Organization: Organization},
		},
		TeamSet:     at(time.February, 6, 9, 0),
		Prepare:     at(time.February, 9, 9, 0),
		Plan:        plan,
		PlanDrafted: at(time.February, 10, 9, 0),
		Checklist:   checklist,
		ChecklistAt: at(time.February, 11, 9, 0),
		Sampling: []audit.SamplingPlan{
			{ID: "S-1", Purpose: "Leavers' access removed on their last day", Population: audit.Population{Size: 38}, Frame: "HR leavers list, March 2025 to February 2026",
				Method: audit.Statistical, Size: 10, Seed: 20260302, Rationale: "Ten leavers give reasonable assurance for a control operated per event."},
			{ID: "S-2", Purpose: "Critical patches applied within 30 days", Population: audit.Population{Size: 212}, Frame: "Patch console inventory on 12 February 2026",
				Method: audit.Judgemental, Size: 25, Rationale: "Internet-facing servers first, as they carry the highest risk; then one server of each remaining platform."},
		},
		SamplingAt: at(time.February, 12, 10, 0),
		ServerChoice: []string{"3", "4", "9", "12", "17", "21", "28", "33", "40", "41", "52", "58", "66", "71",
			"80", "95", "101", "117", "130", "144", "151", "163", "178", "190", "207"},
		Approved:     at(time.February, 16, 11, 0),
		Communicated: at(time.February, 17, 9, 0),
		Opening: audit.OpeningMeeting{
			HeldAt: at(time.March, 2, 9, 0), PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true,
			Attendees: append(attendees[:2:2],
				audit.Attendee{Name: CISO, Organization: Organization, Role: "CISO"},
				audit.Attendee{Name: HeadOfOps, Organization: Organization, Role: "Head of IT Operations"},
				audit.Attendee{Name: "Dan Reed", Organization: Organization, Role: "guide"}),
		},
		Evidence: evidence,
		Risk: audit.EscalatedRisk{
			ID: "R-1", Description: "A storage bucket holding test exports of customer data was readable from the internet.",
			FoundAt: at(time.March, 4, 11, 40), FoundBy: ExpertName, EscalatedAt: at(time.March, 4, 11, 50), EscalatedTo: CISO + ", CISO",
			Response: "Public access removed at 12:20; the incident process started.",
		},
		Results: []Result{
			{Ref: clause("6.1.3"), Assessment: annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-01"}}},
			{Ref: clause("9.2.2"), Assessment: annexa.Assessment{Result: annexa.OpportunityForImprovement, Notes: "weight areas by risk", EvidenceRefs: []ismsaudit.EvidenceID{"EV-02"}}},
			{Ref: control("5.15"), Assessment: annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"EV-03", "EV-06"}}},
			{Ref: control("5.18"), Assessment: annexa.Assessment{Result: annexa.MinorNonconformity, Notes: "leavers keep VPN access", EvidenceRefs: []ismsaudit.EvidenceID{"EV-04"}}},
			{Ref: control("6.5"), Assessment: annexa.Assessment{Result: annexa.MinorNonconformity, Notes: "contractor exit letters", EvidenceRefs: []ismsaudit.EvidenceID{"EV-05"}}},
			{Ref: control("8.8"), Assessment: annexa.Assessment{Result: annexa.MajorNonconformity, Notes: "critical patches missing", EvidenceRefs: []ismsaudit.EvidenceID{"EV-07"}}},
			{Ref: control("8.15"), Assessment: annexa.Assessment{Result: annexa.Observation, Notes: "retention settings not aligned", EvidenceRefs: []ismsaudit.EvidenceID{"EV-10"}}},
		},
		NotAudited: Result{Ref: control("7.4"), Reason: "The Leeds office was closed for refurbishment during the audit week."},
		ResultsAt:  at(time.March, 4, 15, 45),
		Findings:   findings, Confirmed: at(time.March, 4, 15, 50), FieldworkEnds: at(time.March, 4, 16, 0),
		Conclusion: audit.Conclusion{
			Fulfilment:         audit.PartiallyFulfilled,
			Extent:             "The ISMS conforms to most of the audited requirements; one major and two minor nonconformities were found in vulnerability management, access removal and exit letters.",
			Effectiveness:      "The ISMS is implemented and maintained, but vulnerability management is not effective for internet-facing servers.",
			ObjectivesAchieved: true, ScopeCovered: false,
			ObjectivesNote: "The objectives stand for the rest of the scope; the audit client agreed to audit the Leeds office in Q3 2026 instead.",
			NotCovered:     []string{"Physical security monitoring at the Leeds office (A.7.4): the site was closed for refurbishment; moved to the Q3 2026 audit."},
			Recurring:      []string{"Access removal for leavers was also a finding of IA-2025-02."},
		},
		Drafted: at(time.March, 5, 10, 0),
		Agreed:  at(time.March, 5, 11, 0),
		Closing: audit.ClosingMeeting{
			HeldAt: closingAt, FindingsPresented: true, ConclusionsPresented: true,
			Attendees: append(attendees[:2:2],
				audit.Attendee{Name: "Omar Farouk", Organization: Organization, Role: "Chief Executive"},
				audit.Attendee{Name: CISO, Organization: Organization, Role: "CISO"},
				audit.Attendee{Name: HeadOfOps, Organization: Organization, Role: "Head of IT Operations"},
				audit.Attendee{Name: HRManager, Organization: Organization, Role: "HR manager"}),
			DivergingOpinions: []string{"IT Operations asks that the patch exception process be audited again once the new schedule has run for a quarter."},
			AgreedFollowUp:    "Corrective action plans within 15 working days; correction of F-07 verified by the end of April 2026.",
		},
		Responses: []Response{
			{Finding: "F-01", At: at(time.March, 5, 15, 20), By: CISO},
			{Finding: "F-02", At: at(time.March, 5, 15, 20), By: CISO},
			{Finding: "F-03", At: at(time.March, 5, 15, 20), By: CISO},
			{Finding: "F-05", At: at(time.March, 5, 15, 20), By: CISO},
			{Finding: "F-08", At: at(time.March, 5, 15, 20), By: CISO},
			{Finding: "F-07", At: at(time.March, 5, 15, 25), By: HeadOfOps,
				Opinion: "IT Operations holds that the web application firewall mitigates the missing patches, so the finding should be minor."},
			{Finding: "F-04", At: at(time.March, 5, 15, 30), By: HRManager,
				Opinion:    "HR considers the reminder to be part of every exit letter.",
				Resolution: "The exit letter templates were reviewed together: the reminder is missing from the contractor template only; the finding was narrowed to contractors.",
				ResolvedAt: at(time.March, 5, 15, 50)},
		},
		Actions: []Action{
			{
				Finding: "F-04", Planned: at(time.March, 19, 9, 0), PlanBy: HRManager, Accepted: at(time.March, 20, 11, 0),
				Plan: audit.CorrectiveActionPlan{Correction: "Contractors who left in 2026 were sent the reminder.", RootCause: "The contractor exit letter template was written separately and never reviewed.",
					Action: "Add the confidentiality reminder to the contractor exit letter template.", DueAt: at(time.April, 30, 0, 0)},
				Rounds: []Round{{
					Implemented: at(time.April, 15, 9, 0), ImplementedBy: HRManager,
					Evidence: verified("EV-11", audit.SourceRecord, audit.ConfidentialityInternal, "Revised contractor exit letter template, version 3, with the confidentiality reminder, and two letters sent with it.",
						AuditorName, at(time.April, 20, 10, 0), control("6.5")),
					Verified: at(time.April, 20, 11, 0), VerifiedBy: Auditor, Effective: true,
				}},
			},
			{
				Finding: "F-07", Planned: at(time.March, 19, 10, 0), PlanBy: HeadOfOps, Accepted: at(time.March, 20, 10, 30),
				Plan: audit.CorrectiveActionPlan{Correction: "The three servers were patched on 9 March 2026.", RootCause: "Internet-facing servers were taken out of the automatic patch schedule after an outage in 2025.",
					Action: "Bring every production server back into the automatic schedule, with exceptions recorded and risk-accepted.", DueAt: at(time.April, 30, 0, 0)},
				Rounds: []Round{
					{
						Implemented: at(time.April, 28, 16, 0), ImplementedBy: HeadOfOps,
						Evidence: verified("EV-12", audit.SourceTechnicalVerification, audit.ConfidentialityInternal, "Patch console export of 6 May 2026: 210 of 212 production servers in the automatic schedule; two internet-facing servers still outside it, with no exception recorded.",
							ExpertName, at(time.May, 6, 10, 0), control("8.8")),
						Verified: at(time.May, 6, 11, 0), VerifiedBy: Lead, Note: "Two internet-facing servers are still outside the automatic schedule.",
						Replan: &Action{
							Planned: at(time.May, 8, 9, 0), PlanBy: HeadOfOps, Accepted: at(time.May, 11, 10, 0),
							Plan: audit.CorrectiveActionPlan{Correction: "The two remaining servers were added to the automatic schedule on 8 May 2026.",
								RootCause: "The server build checklist still let a server go live outside the schedule.",
								Action:    "Make the patch schedule a mandatory step of the server build checklist and report unscheduled servers weekly.", DueAt: at(time.May, 29, 0, 0)},
						},
					},
					{
						Implemented: at(time.May, 27, 16, 0), ImplementedBy: HeadOfOps,
						Evidence: verified("EV-13", audit.SourceTechnicalVerification, audit.ConfidentialityInternal, "Patch console export of 2 June 2026 and the weekly unscheduled-server reports since 11 May: every production server in the automatic schedule.",
							ExpertName, at(time.June, 2, 10, 0), control("8.8")),
						Verified: at(time.June, 2, 11, 0), VerifiedBy: Lead, Effective: true,
					},
				},
			},
			{
				Finding: "F-03", Planned: at(time.March, 19, 11, 0), PlanBy: HeadOfOps, Accepted: at(time.March, 20, 10, 0),
				Plan: audit.CorrectiveActionPlan{Correction: "VPN access of the two leavers was removed on 5 March 2026.", RootCause: "The leaver ticket template lists directory and e-mail access but not the VPN.",
					Action: "Add the VPN and every other remote-access system to the leaver ticket; reconcile VPN accounts with the HR leavers list monthly.", DueAt: at(time.June, 15, 0, 0)},
				Rounds: []Round{{
					Implemented: at(time.June, 10, 9, 0), ImplementedBy: HeadOfOps,
					Evidence: verified("EV-14", audit.SourceRecord, audit.ConfidentialityRestricted, "Leaver tickets for April and May 2026 with the VPN step done, and the monthly VPN reconciliations for April and May: no leaver kept access.",
						AuditorName, at(time.June, 16, 10, 0), control("5.18")),
					Verified: at(time.June, 17, 11, 0), VerifiedBy: Auditor, Effective: true,
				}},
			},
		},
		Issued: at(time.March, 9, 10, 0),
		Recipients: []audit.Recipient{
			{Name: "Audit committee", Organization: Organization, Clearance: audit.ConfidentialityRestricted},
			{Name: CISO, Organization: Organization, Clearance: audit.ConfidentialityInternal},
			{Name: "Jordan Blake", Organization: "Blake ISMS Advisory", Clearance: audit.ConfidentialityPublic},
		},
		Distributed: at(time.March, 10, 9, 30),
		Completion: audit.Completion{
			Records:        "The report and evidence log are kept for six years in the GRC tool; working papers are destroyed after one year.",
			LessonsLearned: []string{"Book IT Operations interviews two weeks ahead.", "Audit vulnerability management every six months until the patch schedule has run a year without exceptions."},
		},
		Completed:     at(time.March, 12, 9, 0),
		FollowUpStart: at(time.March, 19, 14, 0), // once every nonconformity has its plan
		Closed:        at(time.June, 19, 9, 0),
	}
}
