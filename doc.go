// Package ismsaudit models the auditing of information security management
// systems as ISO/IEC 27007:2020 and ISO 19011:2018 describe it, with
// ISO/IEC 27001:2022 as the usual audit criteria. It is a library of pure
// Go packages: no file, network, clock or random source is touched, so it
// embeds anywhere and every result is reproducible. The work is done by the
// packages below; this root package holds the vocabulary they all share.
//
// # The shared vocabulary
//
// Every package speaks of operations, lifecycles, rules and errors in the
// same types, defined here once:
//
//   - [Meta] says who did an operation and when; [Entry] is one line of a
//     lifecycle's history.
//   - [Lifecycle] describes a lifecycle from the table the code runs:
//     states, events, transitions with their guards and the rules they
//     cite, and its Mermaid diagram.
//   - [Rule] is a process rule as data: its [RuleID], the [Clause] it
//     comes from and the [Principle] of auditing it serves.
//   - Errors: every error wraps one of [ErrInvalid], [ErrNotFound] and
//     [ErrTransition]; [ValidationError] lists every problem of an input
//     as [FieldError] values with paths and rules; [ParseError] and
//     [NotFoundError] report a bad token or an unknown id;
//     [TransitionError] names the lifecycle, state, event, [Reason] and
//     rule of a refusal; [HistoryError] reports a history that does not
//     replay.
//   - [Run] runs a list of operations ([Step], bound to their payloads
//     with [With] and [With2]) in order, each with the next [Meta] of the
//     host's clock, and stops at the first refusal ([StepError]).
//
// # Packages
//
//   - annexa: the catalogue — ISO/IEC 27001:2022 clauses 4 to 10 and the 93
//     Annex A controls with their ISO/IEC 27002:2022 attributes, audit
//     questions and evidence hints, the 2013 controls and the map between
//     editions, Statements of Applicability, and audit checklists.
//   - competence: auditors, their competence and its evaluation, continual
//     professional development, independence, and audit team selection
//     (ISO 19011 clause 7); competence/competencetest builds competent
//     auditors and team leaders for hosts' tests in one call.
//   - audit: one audit from initiation to follow-up (ISO 19011 clause 6):
//     plan, team, evidence, findings, conclusions, meetings, report and
//     follow-up, each lifecycle a checked state machine, reproducible
//     samples, a hash-chain seal, and Verify for a whole record against
//     the process rules; audit/audittest helps hosts' test suites assert
//     those rules.
//   - programme: the audit programme (ISO 19011 clause 5): objectives,
//     programme risks, schedules and certification cycles, audit time,
//     multi-site sampling, staffing, monitoring and review.
//   - report: renderers to an io.Writer — checklists, catalogues, audit and
//     programme reports — in Markdown, HTML, CSV and JSON, and the OSCAL
//     Assessment Results and POA&M documents of an audit.
//
// The programs under examples/ run each part on built-in sample data:
// checklist (the README's quick start), internal-audit, certification,
// evaluation and conformance.
//
// Imports point down that list only, and every package imports this root
// package for the shared vocabulary: annexa and competence import no
// sibling, audit imports them, programme imports audit, report may import
// all.
//
// # The audit flow
//
// A programme plans audits over a cycle and staffs them from the auditor
// pool. Each audit is initiated (feasibility), prepared (plan, work
// documents such as the annexa checklist, sampling), conducted (opening
// meeting, evidence collected and verified, findings against criteria,
// conclusions, closing meeting), reported, completed and followed up until
// every nonconformity's corrective action is verified. Every step is an
// event on a lifecycle whose table refuses steps out of order, names the
// process rule that refused it, and records who did what when.
//
// # Conventions
//
// Enumerations are typed strings with stable kebab-case tokens, each type
// with its list (e.g. annexa.Themes), a Parse function naming the valid
// tokens on failure, and strict text marshalling. Decode functions read
// whole documents (JSON), Parse functions read tokens. Every error wraps
// one of this package's sentinels and carries field paths and rule ids;
// every refusal of a lifecycle names a rule. A reason an operation needs
// (withdrawing a finding, rejecting evidence, suspending a competence) is
// a parameter of that operation and is kept in the history entry. Times
// are always passed in by the caller.
//
// # Documents and format versions
//
// Every document the library writes (an audit record, a programme, a SoA,
// a checklist, an auditor's record, an auditor pool, the audit and
// programme report models) opens with its envelope: its [DocumentKind] in
// the member "documentKind" and its [FormatVersion] in "formatVersion".
// The constructors and decoders set them. Every decoder checks the envelope
// before anything else ([Upgrade]): a document of another kind is refused
// with a [*KindError], a newer version with a [*VersionError], and an
// older one is migrated first. Documents written before the envelope
// existed are format version 0; [Migrate] upgrades any stored document to
// the current version without decoding it, and a sealed audit record
// still verifies after migration, since the envelope is not part of what
// the seal hashes.
package ismsaudit
