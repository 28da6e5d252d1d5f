// Package competence models auditor competence, its evaluation and the
// selection of audit teams for ISMS audits, as clause 7 of ISO 19011:2018
// and ISO/IEC 27007:2020 describe them, with ISO/IEC 27001:2022 as the
// audit criteria. A certification body or an internal audit function can
// run its auditor pool on it: who is competent for what, proven how, still
// current or lapsed, independent of what they audit, and which team covers
// an audit's needs.
//
// The package is pure: no clock, no randomness, no I/O, no goroutines and
// no global mutable state. Every date is passed in, and the same input
// gives the same output.
//
// # Auditors
//
// An [Auditor] is one person's record: education, work experience,
// training, the audit experience log (with the [Role] played: trainee,
// auditor, team leader, technical expert, observer, guide), assessments of the
// thirteen personal behaviours of 19011 7.2.2 ([Behaviour]), levels in the
// knowledge areas ([KnowledgeArea], [Level]), sectors, technical areas,
// languages, involvements that bear on independence, qualifications, CPD,
// unavailability and the evaluations against criteria sets. [AuditorID]
// is chosen by the host. [DecodeAuditor] decodes and validates a record
// from JSON.
//
// # Criteria and evaluation
//
// A [CriteriaSet] lists qualitative criteria (behaviours, knowledge at a
// level) and quantitative ones (years of work and of security work,
// training hours, a course, audits and audit days in a window, audits led
// under guidance, a valid qualification) as data (19011 7.3), with how
// competence is maintained ([Maintenance], 7.6) and when it is
// re-evaluated. A [Scheme] holds a host's sets; [DefaultScheme] ships
// [InternalISMSAuditor], [ISMSAuditor] and [ISMSTeamLeader], defaults
// whose every figure says where it comes from, "project default" where no
// public source fixes it. [ISMSTeamLeader] is an extra layer over
// [ISMSAuditor] (7.2.5).
//
// The six evaluation methods of 19011 7.4 ([Method]) produce
// [MethodResult] values whose findings say which criteria they inform.
// [Evaluate] is a pure function of (record, set, results, date) giving an
// [Assessment]: per criterion, met or not and why. An [Evaluation] records
// the lifecycle, a state machine run by the shared engine:
//
//	planned -> in-progress -> competent | not-yet-competent
//	competent -> suspended -> competent (reinstate)
//	competent | not-yet-competent | suspended -> in-progress (re-evaluate)
//	any but withdrawn -> withdrawn
//
// Events without input fire with [Evaluation.Fire] (start, re-evaluate);
// a decision is recorded with [Evaluation.Decide]; [Evaluation.Suspend],
// [Evaluation.Reinstate] and [Evaluation.Withdraw] take the reason as a
// parameter and keep it in the history entry's Reason. Guards cite rules
// ([Rules]): a decision needs results of two or more methods, competent
// needs every criterion met and a re-evaluation date, not yet competent
// needs unmet criteria and development actions, suspending, reinstating
// and withdrawing need a reason that is not blank. An event out of order
// cites [RuleEvalOrder], a missing or backdated time or actor
// [RuleEvalHistory]: every refusal is a *[ismsaudit.TransitionError]
// naming a rule, and changes nothing. [Evaluation.Permitted],
// [Evaluation.Can] and [Evaluation.Check] answer what may happen next;
// [Lifecycles] describes the table as an [ismsaudit.Lifecycle], which
// draws itself as a Mermaid diagram.
//
// [Scheme.Standing] says whether an auditor is competent for a set at a
// date: a standing competent decision, re-evaluation not yet due, CPD
// hours and audit activity current for the period, required
// qualifications valid, and, for a team leader, auditor competence too.
// Each [Obstacle] names what is missing.
//
// # Independence
//
// [Auditor.Conflicts] checks a person against an audit [Scope] (auditee,
// units, processes, controls) at a date: a conflict arises when the person
// is responsible for what is audited, or within a cooling-off period
// worked on it, consulted on it or (for an external audit) was employed by
// the auditee. Internal auditors must not audit their own work (27001
// 9.2.2). Each [Conflict] names its [ConflictReason] and rule.
//
// # Team selection
//
// A [Pool] is a validated, indexed set of records with its scheme.
// [Pool.SelectTeam] chooses a [Team] for [TeamNeeds] (knowledge areas at
// levels, sectors, technical areas, languages, size bounds, exclusions,
// dates) under [SelectOptions] (criteria sets for auditors and the leader,
// workload, unavailability): every need met, a competent leader, no
// conflicts, fewest members first, then fewest technical experts, then
// lowest workload. It is exact (branch and bound) for up to
// [DefaultMaxExact] relevant candidates and a greedy set cover with
// redundancy removal, within H(d) of optimal, above. Technical experts may
// meet knowledge needs but never lead or count as auditors. When no team
// exists, a *[NoTeamError] lists every need that cannot be met and why.
// [Pool.CheckTeam] verifies any team against the same rules.
//
// A pool is a document too: [Pool.Document] gives its JSON form, a
// [PoolDocument] of kind "pool" holding the records and the scheme (none
// when the pool judges by the default one), and [DecodePool] reads it
// back, checking every record and the scheme at once.
//
// # Enumerations
//
// Every enumeration ([Role], [KnowledgeArea], [Level], [Method],
// [EvaluationState], ...) is a typed string whose values are stable
// kebab-case tokens, listed once in canonical order (generated from the
// constants by internal/enumgen). The empty string means unset and is
// never valid. Values are append-only: never reordered or removed. Each
// has its plural sequence ([Roles], [Levels], ...), a Parse function
// whose error lists the valid tokens, IsValid, String and strict text
// marshalling; [Level] is ordered (Compare).
//
// # Testing
//
// Package competence/competencetest gives a host's tests competent
// auditors, team leaders and technical experts for a profile in one call,
// built and evaluated through this package's own operations.
//
// # Errors
//
// Invalid input gives a *[ismsaudit.ValidationError] listing every
// problem with its Go-field path ("Training[2].Hours") and unwrapping to
// [ismsaudit.ErrInvalid]; references to unknown sets or people give
// [ismsaudit.ErrNotFound]; refused lifecycle events give a
// *[ismsaudit.TransitionError] naming the rule that refused, unwrapping to
// [ismsaudit.ErrTransition]; no team gives [ErrNoTeam]. Every exported
// type round-trips through encoding/json.
package competence

//go:generate go run ../internal/enumgen
