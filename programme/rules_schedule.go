package programme

import "github.com/ismsaudit/ismsaudit"

// Rule ids of scheduling: the certification cycle, internal coverage,
// audit time, multi-site sampling and staffing. Never change one: hosts
// store them.
//
// Where each comes from and how sure it is ([S] stated by a cited public
// source, [M] one public source only, [I] the project's own reading or
// figure):
//
//   - certification cycle: ISO/IEC 17021-1:2015 9.1.3 (audit programme:
//     two-stage initial audit, surveillance in the first and second years,
//     at least once a calendar year except in recertification years, the
//     first no later than 12 months after the decision, recertification in
//     the third year before expiry, the three-year cycle from the
//     decision) [S]; 9.3.1 (stage 1, stage 2), 9.5 (decision), 9.6.3
//     (recertification; expiry based on the previous expiry after an early
//     recertification) and 9.6.4 (special audits) [S]. Applying the
//     12-month limit to recertification cycles, judging audits by their
//     first day, and the due-window figures of [CyclePlanning] are [I].
//   - internal coverage: ISO/IEC 27001:2022 9.2.1, 9.2.2 and ISO 19011:2018
//     5.4.3 ask for planned, risk-based internal audits [S]; auditing every
//     applicable control once per programme period is [I].
//   - audit time: the ISO/IEC 27006:2015 Annex B table [M] (see
//     [DefaultAuditTimeTable]); the square-root rule of ISO/IEC
//     27006-1:2024 C.3.4 [S]; the IAF MD 5 proportions (1/3, 2/3) [S] but
//     [I] for ISMS; half-day rounding (IAF MD 5 2.2.3) and the 80 % on-site
//     minimum [S]; the adjustment factors, their limits and the
//     extrapolation beyond 10,700 persons are [I] project defaults.
//   - multi-site sampling: IAF MD 1:2018 square-root sample with the 1, 0.6
//     and 0.8 factors, the central function at every audit, and the
//     no-sampling case (6.2.1) [S]; the 25 % random share and varying the
//     sites over the cycle [M]; adding high-risk sites on top of the
//     sample is [I].
//   - staffing: team selection per ISO 19011:2018 5.5.4 and 5.5.5 [S];
//     workload limits, no double booking and the dating rule are [I].
//   - when the schedule changes: ISO 19011:2018 5.5.1 places scheduling
//     audits and selecting teams in implementing the programme [S];
//     allowing audits to be scheduled in a draft too, and refusing both in
//     an approved version not yet implemented and under review, is [I].
const (
	RuleCertCycle3Years       ismsaudit.RuleID = "PRG-CERT-CYCLE-3-YEARS"
	RuleInitialTwoStage       ismsaudit.RuleID = "PRG-INITIAL-TWO-STAGE"
	RuleStage2AfterStage1     ismsaudit.RuleID = "PRG-STAGE2-AFTER-STAGE1"
	RuleDecisionAfterInitial  ismsaudit.RuleID = "PRG-DECISION-AFTER-INITIAL"
	RuleSurvFirst12Months     ismsaudit.RuleID = "PRG-SURV-FIRST-12-MONTHS"
	RuleSurvSecondYear        ismsaudit.RuleID = "PRG-SURV-SECOND-YEAR"
	RuleSurvCalendarYear      ismsaudit.RuleID = "PRG-SURV-CALENDAR-YEAR"
	RuleRecertPlanned         ismsaudit.RuleID = "PRG-RECERT-PLANNED"
	RuleRecertThirdYear       ismsaudit.RuleID = "PRG-RECERT-THIRD-YEAR"
	RuleRecertBeforeExpiry    ismsaudit.RuleID = "PRG-RECERT-BEFORE-EXPIRY"
	RuleCycleKinds            ismsaudit.RuleID = "PRG-CYCLE-KINDS"
	RuleCycleWithin           ismsaudit.RuleID = "PRG-CYCLE-WITHIN"
	RuleScheduleStartInWindow ismsaudit.RuleID = "PRG-SCHEDULE-START-IN-WINDOW"
	RuleScheduleWhen          ismsaudit.RuleID = "PRG-SCHEDULE-WHEN"

	RuleCoverRequirements ismsaudit.RuleID = "PRG-COVER-REQUIREMENTS"
	RuleCoverControls     ismsaudit.RuleID = "PRG-COVER-CONTROLS"
	RuleCoverRiskWeight   ismsaudit.RuleID = "PRG-COVER-RISK-WEIGHT"

	RuleTimeTable            ismsaudit.RuleID = "PRG-TIME-TABLE"
	RuleTimeEffectivePersons ismsaudit.RuleID = "PRG-TIME-EFFECTIVE-PERSONS"
	RuleTimeBeyondTable      ismsaudit.RuleID = "PRG-TIME-BEYOND-TABLE"
	RuleTimeAdjustLimit      ismsaudit.RuleID = "PRG-TIME-ADJUST-LIMIT"
	RuleTimeHalfDay          ismsaudit.RuleID = "PRG-TIME-HALF-DAY"
	RuleTimeSurveillance     ismsaudit.RuleID = "PRG-TIME-SURVEILLANCE"
	RuleTimeRecertification  ismsaudit.RuleID = "PRG-TIME-RECERTIFICATION"
	RuleTimeOnSite           ismsaudit.RuleID = "PRG-TIME-ON-SITE"

	RuleSampleSites      ismsaudit.RuleID = "PRG-SAMPLE-SITES"
	RuleSampleSize       ismsaudit.RuleID = "PRG-SAMPLE-SIZE"
	RuleSampleCentral    ismsaudit.RuleID = "PRG-SAMPLE-CENTRAL"
	RuleSampleHighRisk   ismsaudit.RuleID = "PRG-SAMPLE-HIGH-RISK"
	RuleSampleRandom     ismsaudit.RuleID = "PRG-SAMPLE-RANDOM"
	RuleSampleVary       ismsaudit.RuleID = "PRG-SAMPLE-VARY"
	RuleSampleNoSampling ismsaudit.RuleID = "PRG-SAMPLE-NO-SAMPLING"

	RuleStaffTeam      ismsaudit.RuleID = "PRG-STAFF-TEAM"
	RuleStaffWorkload  ismsaudit.RuleID = "PRG-STAFF-WORKLOAD"
	RuleStaffNoOverlap ismsaudit.RuleID = "PRG-STAFF-NO-OVERLAP"
	RuleStaffDated     ismsaudit.RuleID = "PRG-STAFF-DATED"
	RuleStaffOnce      ismsaudit.RuleID = "PRG-STAFF-ONCE"
)

// scheduleRules are the scheduling rules: internal coverage, the
// certification cycle, audit time, multi-site sampling and staffing.
var scheduleRules = []Rule{
	// The certification cycle.
	{RuleCertCycle3Years, "ISO/IEC 17021-1:2015 9.1.3, 9.6.3", "a certification cycle starts with the certification decision and the certificate expires no later than three years after it (or, after an early recertification, three years after the previous expiry)"},
	{RuleInitialTwoStage, "ISO/IEC 17021-1:2015 9.1.3, 9.3.1", "an initial certification cycle holds one stage 1 and one stage 2 audit"},
	{RuleStage2AfterStage1, "ISO/IEC 17021-1:2015 9.3.1", "stage 2 takes place after stage 1"},
	{RuleDecisionAfterInitial, "ISO/IEC 17021-1:2015 9.5", "the certification decision follows the initial audit: stage 1 and stage 2 are on or before the decision date"},
	{RuleSurvFirst12Months, "ISO/IEC 17021-1:2015 9.1.3", "the first surveillance audit is no later than 12 months after the certification decision (the project applies this to recertification cycles too)"},
	{RuleSurvSecondYear, "ISO/IEC 17021-1:2015 9.1.3", "a further surveillance audit falls in the second year after the certification decision"},
	{RuleSurvCalendarYear, "ISO/IEC 17021-1:2015 9.1.3", "every calendar year after the decision year has a surveillance audit, except the year of the recertification audit and after"},
	{RuleRecertPlanned, "ISO/IEC 17021-1:2015 9.1.3", "a cycle plans exactly one recertification audit"},
	{RuleRecertThirdYear, "ISO/IEC 17021-1:2015 9.1.3", "the recertification audit falls in the third year, after the second anniversary of the decision"},
	{RuleRecertBeforeExpiry, "ISO/IEC 17021-1:2015 9.6.3", "the recertification audit takes place before the certificate expires"},
	{RuleCycleKinds, "ISO/IEC 17021-1:2015 9.1.3, 9.6.3", "a cycle holds only certification audits: stage 1 and stage 2 (initial cycle; a stage 1 before a recertification), surveillance, recertification and special audits"},
	{RuleCycleWithin, "ISO/IEC 17021-1:2015 9.1.3, 9.6.4", "surveillance, recertification and special audits fall after the decision and before the certificate expires"},
	{RuleScheduleStartInWindow, "project default", "a planned start date lies within the audit's due window"},
	{RuleScheduleWhen, "ISO 19011:2018 5.4, 5.5.1 (project reading)", "audits and cycles are added to the schedule while the programme is drafted or implemented, and teams are assigned while it is implemented: not while an approved version waits to be implemented or a version is under review"},

	// Internal audit coverage.
	{RuleCoverRequirements, "ISO/IEC 27001:2022 9.2.1, 9.2.2", "over the programme period every requirement of clauses 4.1 to 10.2 is audited at least once"},
	{RuleCoverControls, "ISO/IEC 27001:2022 9.2.1, 6.1.3 d", "over the programme period every Annex A control the SoA declares applicable is audited at least once (the project's reading of 9.2.1)"},
	{RuleCoverRiskWeight, "ISO/IEC 27001:2022 9.2.2; ISO 19011:2018 5.4.3", "areas the host weights as higher risk are audited as many times over the period as their weight says"},

	// Audit time.
	{RuleTimeTable, "ISO/IEC 27006:2015 Annex B, Table B.1 (ISO/IEC 27006-1:2024 Annex C)", "initial audit time (stage 1 and stage 2) comes from the audit time table for the effective number of persons doing work under the organization's control"},
	{RuleTimeEffectivePersons, "ISO/IEC 27006-1:2024 C.3.4", "persons doing identical activities may count as the square root of their number, rounded up, and no further reduction of the head count is allowed"},
	{RuleTimeBeyondTable, "ISO/IEC 27006:2015 Annex B (extrapolation: project default)", "above the table's last band the time follows the table's progression, as the table's own note asks; the project's extrapolation adds a day each time the band bound grows by the table's ratio"},
	{RuleTimeAdjustLimit, "project default", "adjustment factors change the table time by no more than the table's limits on increase and reduction"},
	{RuleTimeHalfDay, "IAF MD 5 2.2.3", "computed audit time is rounded to the nearest half day"},
	{RuleTimeSurveillance, "IAF MD 5 (applied to ISMS by certification practice)", "surveillance audit time in a year is about one third of the initial audit time"},
	{RuleTimeRecertification, "IAF MD 5 (applied to ISMS by certification practice)", "recertification audit time is about two thirds of the initial audit time"},
	{RuleTimeOnSite, "IAF MD 5", "off-site work does not bring on-site time below 80 % of the audit time"},

	// Multi-site sampling.
	{RuleSampleSites, "IAF MD 1:2018 6.1", "a multi-site sample needs exactly one central function and at least one other site, each with a unique id"},
	{RuleSampleSize, "IAF MD 1:2018 6.1.3.3", "the sample is the square root of the number of sites other than the central function, times 1 (initial), 0.6 (surveillance) or 0.8 (recertification), rounded up"},
	{RuleSampleCentral, "IAF MD 1:2018 6.1", "the central function is audited at every audit"},
	{RuleSampleHighRisk, "project default (IAF MD 1:2018 risk-based increase; its factors were not checked)", "every site the host marks as high risk is added to the sample"},
	{RuleSampleRandom, "IAF MD 1:2018 (as restated by CGC QSP 231-17)", "at least 25 % of the sample is chosen at random, by a generator seeded by the caller"},
	{RuleSampleVary, "IAF MD 1:2018 (as restated by CGC QSP 231-17)", "the rest of the sample is chosen so that the sites audited over the cycle differ as much as possible"},
	{RuleSampleNoSampling, "IAF MD 1:2018 6.2.1", "without sampling, initial and recertification audits cover every site and each surveillance covers 30 % of the sites, rounded up, plus the central function"},

	// Staffing.
	{RuleStaffTeam, "ISO 19011:2018 5.5.4, 5.5.5", "each scheduled audit's team is chosen by team selection: a competent leader, every need met, every member independent of the audited scope"},
	{RuleStaffWorkload, "ISO 19011:2018 5.4.4 (the limit is the host's)", "no auditor is given more audit days in a period than their workload limit"},
	{RuleStaffNoOverlap, "ISO 19011:2018 5.4.4 (project reading)", "no one serves on two audits whose dates overlap"},
	{RuleStaffDated, "project default", "an audit is staffed only once it has a first day: its planned start or the start of its due window"},
	{RuleStaffOnce, "ISO 19011:2018 5.5.4 (project reading)", "staffing fills audits that have no team and no audit record yet; it never replaces a team"},
}
