// Package report renders what ismsaudit models for people and for other
// tools: checklists and catalogues, the Statement of Applicability, audit
// reports and the OSCAL documents, and programme status reports. Every renderer writes to an io.Writer the
// caller gives, in a deterministic order (the same input gives the same
// bytes), validates its input first and writes nothing when it is invalid,
// and returns the first write error.
//
// # Formats
//
// A renderer takes a [Format]: [Markdown] (CommonMark with GitHub's
// tables), [HTML], [CSV] or [JSON]; one that does not write the format
// asked for refuses it with a *ismsaudit.ValidationError listing those it
// writes. Text from a record never becomes structure in any of them: in
// Markdown every character that can open markup is backslash-escaped
// (raw HTML and entities stay text, nothing is written as an HTML entity)
// and a line break is folded into a space; in HTML every value is escaped
// as html/template escapes it; in CSV text from outside the catalogue is
// guarded against spreadsheet formula injection. Each CSV has a header
// row, which a function returns (such as [ChecklistCSVHeader]); every call
// returns a new slice.
//
// # Checklists
//
// [WriteChecklist] renders an annexa.Checklist as Markdown (one section per
// clause or Annex A theme, questions as task-list items), CSV (one row per
// item) or JSON (the model itself, which annexa.DecodeChecklist reads
// back).
//
// # Catalogues
//
// [ControlsCSV], [ClausesCSV] and [Map2013CSV] write the annexa catalogues
// as CSV; attribute values are spelled as ISO/IEC 27002:2022 spells them
// and several values are joined by ";".
//
// # Audit reports
//
// [BuildAuditReport] makes an [AuditReport] from an audit record once its
// closing meeting is held (or it was terminated): the contents ISO
// 19011:2018 6.5.1 lists (objectives; scope; audit client; team and the
// auditee's participants; dates and locations; criteria with their
// catalogue titles; findings with their evidence; conclusions and the
// degree to which the criteria are fulfilled; unresolved diverging
// opinions; the statement that an audit samples) and, where the record has
// them, the plan and timetable, sampling plans, obstacles, areas not
// covered, good practices, escalated risks, the agreed follow-up with its
// corrective actions, the confidentiality statement, implications for the
// programme and the distribution record. The report shares no memory with
// the record.
//
// [AuditReport.Check] names every piece of content that is missing or
// malformed, each with its path in the report and the rule of that
// content (for example [RuleObjectives], "RPT-OBJECTIVES", for 6.5.1 a).
// Every renderer runs it first, so an incomplete report is refused whole,
// never half written.
//
// [WriteAuditReport] renders a report as Markdown, as HTML (one
// self-contained printable page: inline stylesheet with print rules, no
// script, no external resource, a Content-Security-Policy that forbids
// both), as JSON (the model, which [DecodeAuditReport] reads back) or as a
// CSV findings register ([AuditFindingsCSVHeader]). An evidence item's
// digest is a line of its own. [WriteNonconformityActions] writes the
// nonconformity action list as CSV ([NonconformityActionsCSVHeader]): each
// nonconformity with its correction, root cause, corrective action, due
// date and state, and whether it is overdue at the report's AsOf time.
//
// # Distribution
//
// [RecipientCopy] makes the copy of a report for one recipient (19011
// 6.5.2): evidence more confidential than the recipient's clearance
// (public < internal < restricted) appears by reference only, marked
// withheld, while everything else is copied in full; [RecipientCopies]
// makes the copies the distribution record lists. Every copy carries the
// record of who received which version and when.
//
// # Seal
//
// An audit record sealed with audit.SealAlgorithm is tamper-evident and
// its heads signable (see package audit). The report shows the record's
// seal ([AuditSeal], AuditReport.Seal) in every format: the algorithm,
// the last head (its hash, number and size), who sealed it and when, the
// operations recorded since, and the signers of the last head, those
// whose signatures the host verified ([AuditReportOptions].Signatures,
// from (*audit.Audit).VerifySignatures) marked as such; a record sealed
// with the earlier audit.SealAlgorithmV2 shows its head, and a record
// that is not sealed says so. Markdown and HTML end with a section on
// it, JSON carries it, [WriteAuditSeal] writes it as CSV
// ([AuditSealCSVHeader]) and the OSCAL exports as metadata properties
// (seal-status, seal-head, seal-signer, ...).
//
// The report of a record sealed with audit.SealAlgorithm that matches its
// seal also carries the record itself (AuditReport.Record, a copy): that
// is the smallest thing that lets a reader check the report, as the
// record is what the seal and its signatures cover. Check verifies the
// record against its seal and compares the findings and evidence items
// the report shows with the record's ([RuleSeal]). [RecipientCopy] then
// replaces the record with the record's own recipient copy
// ((*audit.Audit).RecipientCopy for the recipient's clearance): the
// evidence above the clearance left out and every part shown proven by
// an RFC 6962 inclusion proof against the sealed head, with the head's
// signatures. A recipient who holds the copy's JSON and the signers'
// public keys decodes it ([DecodeAuditReport], which checks the proofs
// and the items shown against them) and checks the signatures with the
// record's VerifySignatures, without ever seeing what was withheld; the
// copy's seal says how many parts it proves and withholds. A record with
// operations since its last sealing has no such copy: it is sealed again
// and the report built again first.
//
// # Programme reports
//
// [BuildProgrammeReport] makes a [ProgrammeReport] from an audit programme
// and its audit records at a date (ISO 19011:2018 5.5, 5.6): the
// programme's objectives; its schedule and its certification cycles'
// audits, each with its dates, kind, auditee, team and status (not started,
// in progress, completed on time, early or late, terminated; past its
// window when the schedule was not kept); the coverage of the requirements
// and applicable Annex A controls by its internal audits (programme.Coverage
// against a Statement of Applicability, with the gaps); the monitoring
// figures (programme.Monitor: audits against plan, findings and
// nonconformities by grade and by criterion, corrective actions and their
// closure times, feedback on auditors, a trend per period); and every
// corrective action started by the date, the open ones first and the
// overdue ones first among them. [ProgrammeReport.Check] names whatever
// required content is missing (rules such as [RuleProgrammeCoverage]) and
// checks that the schedule, the actions and the figures agree.
//
// [WriteProgrammeReport] renders it as Markdown (each chart as a table of
// the figures it draws), as HTML (the audit report's self-contained page,
// with the charts as inline SVG: nonconformities by clause and control as a
// stacked bar chart, the closure times of corrective actions as a histogram
// with the median and the 90th percentile marked), as JSON (which
// [DecodeProgrammeReport] reads back) or as a CSV schedule
// ([ProgrammeScheduleCSVHeader]).
//
// # Drafts
//
// A report is built from records that should keep the process rules:
// [BuildAuditReport] runs audit.Verify on the audit record, and
// [BuildProgrammeReport] programme.Verify on the programme and audit.Verify
// on each audit record. When one does not verify, the report is refused
// with an *[UnverifiedError] citing [RuleRecordVerifies] (or
// [RuleProgrammeRecordsVerify]) that unwraps to [ErrUnverified] and to the
// *ismsaudit.ValidationError naming every violation with its path and
// rule. A host that asks for a draft ([AuditReportOptions].Draft,
// [ProgrammeReportOptions].Draft) gets the report instead, with Draft set
// and the violations listed, and every format marks it:
//
//   - Markdown and HTML: the title (and the page's <title>) reads
//     "DRAFT: <title>", and right under it a notice says that the report
//     is a draft and why, followed by a table of the violations (path,
//     rule, value, detail); the HTML page shows the notice as a red banner
//     and "DRAFT" across every page, on screen and in print;
//   - JSON: "draft": true and "violations", which [DecodeAuditReport] and
//     [DecodeProgrammeReport] read back;
//   - CSV: a first column [DraftCSVColumn] holding "draft" on every row;
//   - OSCAL: the metadata title reads "DRAFT: <title>", and the metadata
//     carries the property report-status "draft" and a property
//     record-violation per violation.
//
// A final report lists no violations and a draft at least one (Check
// refuses either way round otherwise); a final report is written exactly
// as it was before drafts existed.
//
// # Rules
//
// The contents each report must hold, and the form of those it holds
// where it has them, are process rules like those of the other packages:
// [Rules] lists them as ismsaudit.Rule values, each with its id (RPT-...),
// the clause it comes from, the principle of auditing it serves and its
// text, and [LookupRule] finds one by id. Check cites them, and the shared
// shape rules (ismsaudit.RuleRequired, RuleEnum, ...) for the form of
// single values.
//
// # OSCAL
//
// [AssessmentResults] exports a report as a NIST OSCAL 1.1.2 Assessment
// Results document, and [PlanOfActionAndMilestones] its open
// nonconformities and their corrective actions as a Plan of Action and
// Milestones, both in compact JSON. Criteria become control ids
// ([OSCALControlID]), evidence items observations, findings findings with
// a satisfied or not-satisfied target, and nonconformities risks with
// their corrective action as remediation. Restricted evidence appears by
// reference only. Every UUID is a version 5 UUID derived from the host's
// ids ([OSCALUUID], namespace [OSCALNamespace]), so exporting the same
// record again gives the same bytes.
//
// The rest of the OSCAL chain: [OSCALCatalog] writes ISO/IEC 27001:2022's
// clauses 4 to 10 and Annex A controls as a catalog (ids, short titles,
// themes and the ISO/IEC 27002 attributes as properties, none of the
// standards' text), [OSCALProfile] a Statement of Applicability as a
// profile of that catalog (the applicable controls, each exclusion with
// its justification), and [AssessmentPlan] an audit's approved plan as an
// assessment plan, which the assessment results import. Every document is
// valid against NIST's OSCAL 1.1.2 JSON schemas under ECMAScript's
// regular expressions, as ajv reads them: text is trimmed of white space
// and byte-order marks.
//
// [ReadOSCALAssessmentResults] reads the other way: another tool's
// assessment results (a scanner's technical checks), strictly, every
// problem named at its JSON path; each observation becomes an evidence
// item of source technical verification that keeps its origin, and
// [ImportOSCALAssessmentResults] collects them into an audit, all or
// none, collected and not verified until an auditor verifies them.
//
// Spreadsheets (the Statement of Applicability, checklists for offline
// fieldwork, the audit workbook) are package
// github.com/ismsaudit/ismsaudit/report/sheet's job, which links the XLSX
// library only for hosts that import it.
package report

//go:generate go run ../internal/enumgen
