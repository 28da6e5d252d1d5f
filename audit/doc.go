// Package audit models one audit of an information security management
// system as ISO 19011:2018 and ISO/IEC 27007:2020 clause 6 describe it:
// initiation, preparation, fieldwork, findings and conclusions, the closing
// meeting, the report, completion and follow-up, with ISO/IEC 27001:2022
// (through package annexa) as the usual criteria and the team drawn from
// package competence.
//
// The package is pure: it reads no clock, file or network and draws no
// random number of its own. Every time is given by the caller in a [ismsaudit.Meta]
// (when, by whom, an optional note), and the same calls give the same
// record, byte for byte.
//
// # The audit and its lifecycles
//
// An [Audit] is the whole record of one audit. [New] starts it in
// [StateInitiation] with the host's id, the [annexa.AuditKind] (internal,
// second party, or a certification audit: stage 1, stage 2, surveillance,
// recertification, special), the audit client and the auditee; [FromBaseline]
// starts a follow-up audit from a previous one. From then on the record
// changes only through its methods, each of which checks everything first
// and then applies whole, or returns a typed error and leaves the record
// exactly as it was. Its fields are exported so that it encodes to JSON,
// compares with go-cmp and can be written by hand in tests.
//
// The audit moves through initiation, preparation, fieldwork, findings,
// closing, reported, distributed, completed, follow-up and closed, and can
// be terminated with a reason at any point before completion (see
// [States]). The plan, each evidence item, each finding, the conclusions
// and each nonconformity's follow-up have lifecycles of their own. Each
// lifecycle is a transition table whose rows carry named guards; a guard
// cites the process rule it enforces. An event the table or a guard refuses
// returns a *[ismsaudit.TransitionError] naming the lifecycle, the state,
// the event, the reason and the rule, and changes nothing. Every refusal
// names a rule: a guard's, the rule of the audit states an operation
// needs, the lifecycle's order rule for an event it has no row for
// ([RuleAuditOrder], [RuleFindingOrder], ...), or [RuleRecordWhoWhen] for
// a Meta without time or actor. An accepted event appends one
// [ismsaudit.Entry] (from, event, to, at, by, note, and the reason an
// operation was given) to that lifecycle's history.
//
// The host asks each lifecycle what it allows with the same three words:
// [Audit.Permitted], [Audit.Can] and [Audit.Check] for the audit, and,
// with the subject's name, [Audit.PermittedPlan], [Audit.CanPlan],
// [Audit.CheckPlan] for the plan, [Audit.PermittedEvidence] for an
// evidence item, [Audit.PermittedFinding] for a finding,
// [Audit.PermittedConclusion] for the conclusions and
// [Audit.PermittedFollowUp] for a follow-up (and their Can and Check).
// Check returns the refusal the operation would return, its Meta and
// input aside.
//
// Initiation records the contact with the auditee ([Audit.EstablishContact])
// and the feasibility decision ([Audit.DecideFeasibility]: information,
// cooperation, time and resources, or the alternative proposed to the audit
// client); [Audit.Prepare] refuses to start preparing without both. An
// urgent, significant risk met during fieldwork is recorded with the time it
// was escalated ([Audit.EscalateRisk]); [Audit.Terminate] stops the audit
// with a reason.
//
// # The plan, the team and the work documents
//
// [Audit.SetTeam] names the team with its roles (one team leader; technical
// experts, observers and guides never act as auditors). [Audit.DraftPlan]
// writes the [PlanContent] (objectives, scope, criteria, locations, dates,
// timetable, methods, sampling approach, assignments, risks);
// [Audit.ApprovePlan] approves it only when it is complete and every
// criterion is assigned to an auditor of the team, and, given a
// [PlanCheck] with a competence pool, only when every assignee is competent
// and independent. Each approval keeps a [PlanVersion]; a change after
// approval goes back through [Audit.RevisePlan] and approval again, and
// fieldwork opens only after [Audit.CommunicatePlan].
//
// [Audit.AttachChecklist] attaches the [annexa.Checklist] built for the
// audit's kind from the plan's criteria. Attaching is an event of the
// audit's history ([EventAttachChecklist], from preparation to
// preparation), so that a checklist once attached cannot vanish from the
// record unnoticed (AUD-CHECKLIST-KEPT). During fieldwork
// [Audit.RecordResult] and [Audit.MarkNotAudited] fill it in, or
// [Audit.RecordResults] many items at once, all or none (a checklist
// filled in offline: package report/sheet reads it back); fieldwork
// ends ([Audit.EndFieldwork]) only when every item has a result or a
// reason, and every result rests on verified evidence.
//
// # Evidence
//
// The evidence log is append-only ([Audit.CollectEvidence]). Each
// [Evidence] item records its source, the criteria it supports, who
// collected it and when, the period the material covers, how it was
// sampled, its confidentiality and, optionally, the SHA-256 digest of the
// material ([DigestOf]). Only verified information is audit evidence:
// [Audit.VerifyEvidence] or [Audit.RejectEvidence] (with a reason) settle
// each item, and a correction is a new item that supersedes the old one
// ([Audit.CorrectEvidence]). [Audit.VerifiedEvidence] and
// [Audit.EvidenceFor] iterate over the audit evidence.
// [Audit.CollectEvidenceItems] collects many items at once, all or none,
// such as a scanner's checks read from OSCAL assessment results
// (package report), each keeping its [Origin].
//
// # Sampling
//
// A [SamplingPlan] records the population (its items, or only its size),
// the frame, the method, the size, the exclusions and why the size
// suffices ([Audit.AddSamplingPlan]). A statistical sample is drawn by
// [Audit.DrawSample] with [Draw], a seeded generator fixed for ever under
// [SamplingGenerator]: the same plan always gives the same sample, and
// Verify draws it again. A judgemental sample is chosen and recorded with
// [Audit.RecordSelection]. A sample, once taken, stays as recorded.
//
// # Findings, conclusions and the recommendation
//
// A [Finding] is a conformity, a nonconformity (graded [Major] or [Minor]),
// an observation, an opportunity for improvement or a good practice. Each
// cites the audit's criteria and the evidence behind it; a nonconformity
// states the requirement, what was found and why it does not conform, and
// rests on verified evidence. A finding is drafted ([Audit.AddFinding]),
// confirmed by the team ([Audit.ConfirmFinding]) or withdrawn with a reason,
// presented at the closing meeting, then acknowledged or disputed by the
// auditee ([Audit.DisputeFinding] records the diverging opinion;
// [Audit.ResolveDispute] settles it before the report is issued, or the
// report carries it unresolved).
//
// The [Conclusion] states the extent of conformity, the effectiveness of
// the ISMS, whether the objectives were achieved and what of the scope was
// covered ([Audit.DraftConclusion], [Audit.AgreeConclusion]). A
// certification audit's conclusions carry the [Recommendation] its findings
// call for under [RecommendationRules]: [Audit.AgreeConclusion] records it
// in Conclusion.Recommendation, the one recommendation of the audit
// ([DeriveRecommendation] shows it before agreement). Later,
// [ReviewRecommendation] says whether the follow-ups have met its
// conditions, without changing it; a major nonconformity left unverified
// past its due date blocks a recommendation for certification.
//
// The conclusions agree with the findings as they stand when the team
// agrees them, and [Audit.AgreeConclusion] refuses them otherwise: the
// degree of fulfilment claims no more than the standing nonconformities
// allow, not [Fulfilled] while one stands nor [LargelyFulfilled] while a
// major one does (AUD-CONCLUSION-FULFILMENT); objectives called achieved
// although part of the scope was not covered or a checklist item was not
// audited come with a note saying why (AUD-CONCLUSION-OBJECTIVES); the
// checklist shows a nonconformity on exactly the items the standing
// nonconformities cite, graded as the gravest of them
// (AUD-CHECKLIST-FINDINGS); and a certification audit's recommendation is
// the one those findings call for (AUD-RECOMMENDATION-DERIVED). The
// agreement is not dated before anything recorded on the findings, and no
// finding changes while the conclusions stand agreed (AUD-FINDING-PHASE),
// so that Verify judges these rules on the findings as they stood at the
// agreement, read from their histories. [Audit.RecurringFindings] lists
// criteria that nonconformities cite in several areas. The closing meeting
// ([Audit.HoldClosingMeeting]) follows agreed conclusions, presents every
// confirmed finding and records diverging opinions and the follow-up agreed;
// the report is then issued and distributed to named recipients
// ([Audit.IssueReport], [Audit.Distribute]) and the audit completed
// ([Audit.Complete]).
//
// # Follow-up
//
// Each presented nonconformity has one [FollowUp]: the auditee's
// correction, root cause, corrective action and due date
// ([Audit.PlanCorrectiveAction]), accepted by the team, implemented, and
// verified effective by an auditor of the team on verified evidence
// ([Audit.VerifyCorrectiveAction]) — or found ineffective, with the reason
// ([Audit.FindCorrectiveActionIneffective]),
// and planned again, the earlier plans kept. Follow-up starts
// ([Audit.StartFollowUp]) only once every presented nonconformity has its
// follow-up, its first plan recorded by then (AUD-FOLLOWUP-EVERY-NC), and
// every verification, effective or not, cites audit evidence collected
// since the action was last implemented (AUD-FOLLOWUP-NEW-EVIDENCE): what
// the team saw in fieldwork cannot show that an action worked. [FollowUp.Overdue] and
// [Audit.Overdue] judge lateness at a time the caller gives. The audit
// closes ([Audit.Close]) only once every nonconformity's follow-up is
// closed.
//
// # Comparison and baselines
//
// [Compare] sets an audit's standing nonconformities against a previous
// audit of the same auditee: new, recurring (the same criterion again) and
// resolved. [Audit.BaselineFocus] lists the criteria a follow-up audit
// should look at again, open ones first, and [FromBaseline] starts that
// audit with the previous one as its baseline.
//
// # Process rules and Verify
//
// Every rule the package enforces is data: an [ismsaudit.Rule] with an id (such as
// "AUD-NC-EVIDENCE"), the clause it comes from, the [ismsaudit.Principle] of auditing
// it serves and one line of text, listed by [Rules] and found with
// [LookupRule]. Guards cite them when they refuse, and [Verify] checks a
// whole record against them — however the record was obtained, including
// one decoded from another tool's JSON — and returns every violation at
// once in a *[ismsaudit.ValidationError] whose fields carry the path, the rule id,
// the value and a detail. [VerifyOptions] give the time overdue is judged
// at and, optionally, the competence pool to check the team against. Verify
// never changes the record and never panics; its cost grows in proportion
// to the record's size.
//
// Operations and Verify hold the same rules: where a rule could be broken
// by an operation, the operation refuses under that rule, so a record
// built by accepted operations alone always verifies (the package's
// property tests drive random sequences of operations to hold this).
// Beyond each part's own rules, Verify checks that the parts agree: the
// conclusions with the findings, the checklist with the nonconformities,
// the follow-ups with the presented nonconformities and the evidence of
// their verifications, and the history with the record (a checklist the
// history says was attached is still there).
//
// # The seal, signatures and proofs
//
// [Audit.SealRecord] seals the whole record ([SealAlgorithm], described
// byte by byte): the record's JSON value is cut into parts (the scalar
// fields together, each section such as the plan or the conclusions, each
// element of each list such as every evidence item and every finding),
// each part is a leaf of an RFC 6962 Merkle tree (golang.org/x/mod/sumdb/tlog),
// and a head binds the tree's root, the audit's id, the time and who
// sealed. From then on every operation first checks the record against
// its seal (an edited record is refused with the *[SealError]) and then
// records the parts it changed as a [SealChange]; sealing again adds a
// head over those changes, with the proof that the tree only grew.
// [Audit.VerifySeal] finds any change to any field that did not come
// through an operation and names its path ("Findings[2].Grade"); [Verify]
// reports it under [RuleSealIntact]. Records sealed with [SealAlgorithmV2]
// still verify and seal on into the tree.
//
// [Audit.SignSeal] signs the last head as a signed note of
// golang.org/x/mod/sumdb/note with the host's note.Signer (the team
// leader's, then the certification body's, ...); [Audit.VerifySignatures]
// checks them with the host's note.Verifiers and refuses an unknown,
// wrong or tampered signature with a *[SignatureError]. [Audit.Note]
// returns a head as the note a third party opens with note.Open.
//
// [Audit.RecipientCopy] leaves out the evidence above a recipient's
// clearance and gives each part it shows an inclusion proof against the
// last head: the recipient checks, with the copy's JSON and the signers'
// public keys only, that every part shown is what was sealed, without
// seeing what was withheld.
//
// What they guarantee, and what they do not:
//   - A signed head proves that the record it covers is the one the
//     signers sealed, field by field. An unsigned seal proves nothing
//     against whoever holds the record: they can rewrite record and seal
//     together. Sign the head, or keep its Head (or the note) where the
//     record's holder cannot change it.
//   - Changes recorded after the last head are bound by no head yet: they
//     are only as safe as the storage until the record is sealed (and the
//     new head signed or kept) again.
//   - A recipient's proof shows that a part was sealed as shown under the
//     copy's last head; it does not show that the copy was made from the
//     latest head of the record, nor anything about the withheld parts
//     beyond their paths. Compare the head with one obtained from the
//     holder or the signers.
//   - The seal says nothing about whether the record keeps the process
//     rules: [Verify] does.
//
// # Diagrams
//
// [Lifecycles] describes each lifecycle from the very table the code runs:
// its states, events, transitions with their guards and rules, and a
// Mermaid state diagram ([ismsaudit.Lifecycle.Mermaid]).
//
// # Decoding
//
// [Decode] reads a record from JSON strictly: unknown fields, values of the
// wrong type, enumeration tokens that are not valid and trailing data are
// refused with a *ismsaudit.ValidationError naming the field by its Go path. Decode
// checks the form only; call Verify for the process rules. Enumerations
// encode as stable kebab-case tokens, and parsing one names the valid
// values on failure ([ismsaudit.ParseError]).
//
// # Errors
//
// Errors unwrap to the shared sentinels [ismsaudit.ErrInvalid], [ismsaudit.ErrNotFound] and
// [ismsaudit.ErrTransition]: a *[ismsaudit.ValidationError] lists every problem of an input or
// record, a *[ismsaudit.NotFoundError] names an id the audit does not hold, and a
// *[ismsaudit.TransitionError] a refused event.
//
// # Test suites
//
// Package [github.com/ismsaudit/ismsaudit/audit/audittest] helps a host's
// test suite assert these rules: that a record conforms (listing every
// violation readably when it does not), that an operation was refused
// under a named rule, what the audit permits in a state, and builders that
// take any kind of audit to any state through the real operations.
package audit

//go:generate go run ../internal/enumgen
