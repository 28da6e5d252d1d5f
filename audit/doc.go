// Package audit models one audit as ISO 19011:2018 and ISO/IEC 27007:2020
// clause 6 run it: initiation, preparation, fieldwork, findings and
// conclusions, the closing meeting, the report, completion and follow-up.
//
// # Lifecycles
//
// The audit, its plan, each evidence item, each finding, the conclusions
// and each nonconformity's follow-up have their own lifecycle: a
// transition table whose guards cite the process rules, so out-of-order
// steps are refused with a *TransitionError naming the rule. Every accepted
// event appends one history entry (from, event, to, at, by, note); times
// are always given by the caller.
//
// # Process rules
//
// [Rules] lists every rule with its id, the clause it comes from, the
// principle of auditing it serves and one line of text. [Verify] checks a
// whole record against them and reports every violation at once.
package audit
