// Package annexa is the audit catalogue of ismsaudit: ISO/IEC 27001:2022
// clauses 4 to 10 and the 93 Annex A controls with their ISO/IEC
// 27002:2022 attributes, audit questions and evidence hints, the 114
// controls of the 2013 edition with the correspondence between the two,
// Statements of Applicability, and the checklists an auditor works from.
//
// Everything is compiled in as Go literals: nothing is parsed or read at
// start-up, and the catalogue cannot be changed by callers. Views such as
// [Control] and [Clause] point into it and hand out copies.
//
// # Looking things up
//
// [LookupControl] accepts the forms people type ("5.1", "A.5.1", "a.5.1",
// " 5.1 ") without allocating; [LookupClause] and [LookupControl2013] do
// the same for clauses and 2013 controls. [Controls], [Clauses],
// [Requirements] and [Controls2013] iterate in the standards' order, and
// [ControlsWhere] filters by theme and by any 27002 attribute: values of
// one attribute kind are alternatives and kinds combine, so
// Filter{Attributes: []Attribute{Detective, Availability}} selects every
// detective control that protects availability.
//
// # Statements of Applicability
//
// A [SoA] decides each of the 93 controls and justifies each decision, as
// ISO/IEC 27001:2022 6.1.3 d asks: an included control names where the
// need comes from ([InclusionBasis]: risk treatment, legal or regulatory,
// contractual or business requirement), says why in words and states its
// implementation status; an excluded control says why it is excluded.
// [NewSoA] includes every control with a default [Inclusion] the host
// gives once; [SoA.Include] and [SoA.Exclude] decide one control
// differently:
//
//	soa, err := annexa.NewSoA("Example Ltd", annexa.Inclusion{
//		Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
//		Justification: "Selected by risk treatment plan RTP-2026",
//		Status:        annexa.Implemented,
//	})
//	...
//	err = soa.Exclude("A.8.30", "No development is outsourced")
//
// [SoA.Validate] and [DecodeSoA] report every problem at once. A problem
// with one control's decision has the field's path
// ("Decisions[5].Justification") and, as its Value, the control's id
// ("5.6"), so a host always knows which control to fix. [MapTo2022] and
// [Control2013.Successors] carry 2013-based SoAs and findings forward.
//
// # Checklists
//
// [NewChecklist] builds the checklist for an audit kind from a valid SoA:
// stage 1 weighs documented information and the SoA's exclusions; stage 2,
// internal, recertification and second-party audits take every
// requirement and every applicable control; surveillance takes the
// essentials plus a chosen subset. In [ChecklistOptions], clauses and
// controls named are the audit's whole scope (naming only clauses leaves
// the controls out), and a [Filter] narrows the controls by theme and
// attribute. Each [Item] carries questions, evidence hints, methods and a
// result slot that [Checklist.Assess] fills under the evidence rules, so a
// filled checklist feeds an audit's findings. The report package renders
// checklists as Markdown, CSV and JSON.
//
// # Rules
//
// The process rules the package enforces are data: [Rules] lists them,
// each with its clause and principle of auditing, and [LookupRule] finds
// one by id. A refusal cites one of them ([RuleSoAComplete],
// [RuleInclusionJustified], [RuleExclusionJustified], ...) or a shape rule
// of package ismsaudit ([ismsaudit.RuleRequired], [ismsaudit.RuleEnum],
// [ismsaudit.RuleFormat], ...) in [ismsaudit.FieldError].Rule.
//
// # Where the facts come from
//
// Identifiers, titles, themes and attributes follow ISO/IEC 27001:2022 and
// ISO/IEC 27002:2022 (Tables A.1, B.1 and B.2); the tests compare the
// compiled tables with the checked reference files kept in
// testdata/reference, whose SOURCES.md names each source. Questions and
// evidence hints are this project's own words.
//
// # Errors
//
// Malformed ids give a [*ismsaudit.ParseError] (wrapping
// [ismsaudit.ErrInvalid]); well-formed ids the catalogue lacks give a
// [*ismsaudit.NotFoundError] (wrapping [ismsaudit.ErrNotFound]); invalid
// inputs give a [*ismsaudit.ValidationError] listing every problem with its
// path and rule.
package annexa

//go:generate go run ../internal/enumgen
