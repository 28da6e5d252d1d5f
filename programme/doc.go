// Package programme models an audit programme as ISO 19011:2018 and
// ISO/IEC 27007:2020 clause 5 describe it: what the people managing an ISMS
// audit programme plan, staff, track and improve over a certification
// cycle, for internal audits and for a certification body's clients.
//
// The package is pure: no clock, no randomness (sampling draws from a
// generator the caller seeds), no I/O, no goroutines and no global mutable
// state. Every date is passed in, and the same input gives the same
// output.
//
// # The programme, its lifecycle and its versions
//
// A [Programme] is one record holding the content of the programme, its
// register of risks and opportunities, its reviews, its schedule and its
// certification cycles. [New] starts version 1 in [StateDraft];
// [Programme.Fire] moves it along a lifecycle run from a transition table
// ([Lifecycles] and [LookupLifecycle] describe it, and the register
// entry's, as [ismsaudit.Lifecycle] values: states, events, guards, the
// rules cited and a Mermaid diagram):
//
//	draft -> approved -> implementing -> under-review
//	under-review -> implementing (resume: the review asks for no change)
//	under-review -> improved (Improve: a new version starts in draft)
//	under-review -> closed
//
// Approval checks that the content is complete (the PRG-OBJECTIVES,
// PRG-MANAGERS, PRG-EXTENT, PRG-RESOURCES, PRG-RECORDS and PRG-RISK-*
// rules); implementation waits until every risk above the acceptable level
// has a planned treatment. Content changes only in a draft
// ([Programme.Update]). Improving ([Programme.Improve]) leaves the reviewed
// version in [StateImproved] and returns the next version in draft,
// carrying the register, reviews, schedule and cycles, with every earlier
// version kept whole in Previous ([Programme.AtVersion]). An improved or
// closed version is a record: every operation that would change it
// refuses with a *[ismsaudit.TransitionError] citing PRG-FROZEN.
// [Programme.Permitted], [Programme.Can] and [Programme.Check] say what
// may happen next; an event out of order cites PRG-PROGRAMME-ORDER, an
// event without a time or an actor PRG-PROGRAMME-RECORD.
//
// # Objectives, people, extent, resources and records
//
// Each [Objective] (5.2) has a measurable [Target]: a metric, a value the
// result must reach at least or at most ([Direction]), a unit and a due
// date. [Manager] names the individuals managing the programme and the
// responsibilities ([ManagerRole]) each holds (5.4.1); approval needs every
// role held. [Extent] (5.4.3) gives the period, the number, kinds,
// locations, frequency and duration of the audits, and what drives them
// for an ISMS ([Drivers]: its size and complexity, the results of the
// information security risk assessment, significant changes, previous
// results). [Resources] (5.4.4) must cover the planned audit days and
// state the travel time. [RecordsPolicy] (5.5.7) says how long records are
// kept, who may see them and how the confidential ISMS information
// auditors see is protected.
//
// # Risks and opportunities
//
// The register ([Risk], 5.3) holds the programme's risks and opportunities
// ([RiskKind]) in the areas of [RiskCategory]: planning, resources, team
// selection, communication, implementation, records (their
// confidentiality included), monitoring and auditee availability; before
// approval every area has an entry ([Programme.UncoveredRiskAreas]). Each
// entry ([RiskID]) has its own lifecycle ("programme.risk"):
//
//	identified -> assessed -> treatment-planned -> treated -> monitored
//	assessed | monitored -> accepted;  monitored -> closed or assessed again
//
// [Programme.AssessRisk] rates likelihood and impact on the programme's
// [RiskMatrix] ([DefaultMatrix] is a project default) and reads the
// [RiskLevel]; [Programme.PlanTreatment] records the treatment,
// [Programme.TreatRisk] its outcome and [Programme.MonitorRisk] the
// residual rating. [Programme.AcceptRisk] and [Programme.CloseRisk] need
// a reason and a level the matrix accepts; the outcome and the reasons
// are parameters, kept in the history entry's Reason.
// [Programme.PermittedRisk], [Programme.CanRisk] and
// [Programme.CheckRisk] answer for one entry; an unknown entry id is a
// *[ismsaudit.NotFoundError] for every query and operation.
//
// # Review and improvement
//
// A review (5.7) is recorded under review with [Programme.RecordReview]: a
// [Review] considers the monitoring results (an input of kind
// [InputMonitoring], see [Figures.ReviewInput]) and others
// ([ReviewInputKind]), gives the measured value of every objective (the
// library works out whether each target is met), states conclusions and
// may raise an [ImprovementAction]. A review that raises actions leads to
// a new version, which lists the actions it carries out in Implements;
// [Programme.OpenActions] lists those not yet carried out.
//
// # The internal audit schedule and its coverage
//
// [PlanInternal] plans the internal audits of a period from the
// Statement of Applicability (ISO/IEC 27001:2022 9.2): every requirement
// of clauses 4.1 to 10.2 and every applicable Annex A control audited at
// least once, and the areas the host weights as higher risk
// ([CoverageWeight]) as often as their weight says, spread evenly.
// [Coverage] reports how far any schedule covers the ISMS over a period,
// each gap with the items missing and the rule it breaks.
// [Programme.ScheduleAudits] adds audits to the programme's schedule.
//
// # The certification cycle
//
// [PlanCycle] computes a three-year certification [Cycle] from the
// certification decision: stage 1 and stage 2 for an initial
// certification, a surveillance audit by each anniversary of the decision
// (the first within 12 months of it) so that every calendar year up to the
// recertification has one, the recertification before the certificate
// expires, and the host's special audits. Each scheduling rule is data
// with its source ([Rules], [LookupRule]): ISO/IEC 17021-1:2015 9.1.3 for
// the cycle, 9.3.1 for the two stages, 9.5 for the decision, 9.6.3 for
// recertification and 9.6.4 for special audits; the windows' lead times
// ([CyclePlanning], [DefaultCyclePlanning]) are project defaults.
// [Programme.AddCycle] and, for many at once, [Programme.AddCycles]
// record cycles after checking every rule; [Verify] checks them again,
// and [Cycle.Verify] checks one cycle on its own, without a programme.
// Stage 1 is due from the day it started to the start of stage 2.
//
// Audits and cycles are added while the programme is a draft or being
// implemented, teams assigned only while it is implemented (19011 5.5.1);
// an approved version waiting to be implemented and a version under
// review refuse both (PRG-SCHEDULE-WHEN).
//
// # Audit time
//
// [AuditTime] turns the number of persons doing work under the
// organization's control into the initial audit time (stage 1 and stage
// 2) in auditor days, then the surveillance and recertification times,
// explaining each step. [DefaultAuditTimeTable] holds the audit time chart
// of ISO/IEC 27006:2015 Annex B (Table B.1) as Malaysia's CAP 03-01 (R1)
// section 8, Table 9 re-publishes it: 22 bands from 1–10 persons (5 days)
// to 8,501–10,700 persons (28 days); ISO/IEC 27006-1:2024 moved audit time
// to its Annex C, and whether its chart has the same values was not
// checked. The effective number of persons for identical activities (the
// square root, rounded up) follows ISO/IEC 27006-1:2024 C.3.4; the
// surveillance (one third) and recertification (two thirds) proportions,
// the rounding to the nearest half day and the 80 % on-site minimum
// follow IAF MD 5. The adjustment factors, their limits (at most 50 % up,
// 30 % down) and the extrapolation beyond 10,700 persons are project
// defaults, marked so in the table; a host replaces them with its own
// ([AuditTimeTable], [DecodeAuditTimeTable]).
//
// # Multi-site sampling
//
// [SampleSites] chooses the sites a multi-site audit visits as IAF MD
// 1:2018 asks: the central function every time; ⌈f·√x⌉ of the other x
// sites, f being 1 for the initial audit, 0.6 for a surveillance and 0.8
// for a recertification ([SamplingFactors]), at least a quarter of them
// drawn at random with the caller's seed and the rest the sites visited
// least, then longest ago; every site the host marks high risk on top
// (a project default); and, when sites are not sampled (MD 1 6.2.1), every
// site or 30 % of them per surveillance. Each [SampledSite] says why it is
// in the sample.
//
// # Staffing
//
// [Programme.Staff] selects a team for every scheduled audit that has
// neither a team nor an audit record, with competence's team selection
// (19011 5.5.4, 5.5.5): competent members, a competent leader, every need
// met, everyone independent of the audited scope. Audits are staffed in
// date order; people booked on overlapping days, on the schedule or in
// [StaffOptions] Booked, are left out, and so is anyone the audit would
// take over their workload limit for the period; among the others the
// lowest workload is preferred. The [Staffing] result says what happened
// to each audit and why, and each person's days per period.
// [Programme.StaffAudit] staffs one audit; [PlanStaffing] shows what
// staffing would do without assigning anything.
//
// # Monitoring
//
// [Programme.Monitor] computes the monitoring [Figures] (5.6) of the
// programme's own schedule and cycles from the audit records and the
// feedback on auditors; [Monitor] does the same for any [MonitorInput].
// The figures compare the audits completed with those planned, on time or
// not, count findings and nonconformities by grade and by clause or
// control, time the closure of corrective actions (mean, median and 90th
// percentile, with golang.org/x/exp/stats), list the actions overdue,
// summarise the feedback per auditor and, on request, give all of it per
// month, quarter or year ([Period]). [Figures.ReviewInput] turns them
// into the monitoring input of the next review.
//
// # Verify
//
// [Verify] checks a whole programme record — its content, register,
// lifecycle histories, reviews and versions, and every schedule and cycle
// it holds — against the rules and returns every violation at once, each
// with its path and rule id. [Decode] reads a programme from JSON
// strictly; a decoded programme is not verified until Verify runs.
//
// # Errors
//
// Invalid input gives a *[ismsaudit.ValidationError] listing every problem with its
// Go-field path ("Cycles[0].Audits[2].Due.Latest") and rule, unwrapping to
// [ismsaudit.ErrInvalid] (and [ismsaudit.ErrNotFound] for unknown references); a refused event
// or an operation the state does not allow gives a *[ismsaudit.TransitionError]
// naming the state, the rule and the reason ([ismsaudit.ReasonGuard],
// [ismsaudit.ReasonWrongState], ...), unwrapping to [ismsaudit.ErrTransition] (and, when
// a content check of approval or implementation refuses, to a
// *[ismsaudit.ValidationError] naming each field at fault with the rule); an unknown id
// gives a *[ismsaudit.NotFoundError]. An operation either applies whole or changes
// nothing. Every exported type round-trips through encoding/json.
package programme

//go:generate go run ../internal/enumgen
