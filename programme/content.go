package programme

import (
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// ObjectiveID identifies an objective of the programme; the host chooses
// it, unique in the programme.
type ObjectiveID string

// Objective is one audit programme objective (ISO 19011:2018 5.2), with a
// measurable target.
type Objective struct {
	// ID is the host's id for the objective, unique in the programme.
	ID ObjectiveID `json:"id" validate:"required"`
	// Statement says what the programme is to achieve, e.g. "every
	// requirement and applicable control audited within the cycle".
	Statement string `json:"statement" validate:"required"`
	// Target makes the objective measurable; approval needs a complete one.
	Target Target `json:"target"`
}

// Target is a measurable target for an objective: a metric, the value it
// must reach (at least or at most) in a unit, and when.
type Target struct {
	// Metric names what is measured, e.g. "audits completed on time".
	Metric string `json:"metric,omitempty"`
	// Direction says whether the value is a floor or a ceiling.
	Direction Direction `json:"direction,omitempty" validate:"omitempty,enum"`
	// Value is the target value.
	Value float64 `json:"value"`
	// Unit is the unit of Value, e.g. "%" or "days".
	Unit string `json:"unit,omitempty"`
	// Due is when the target must be met.
	Due time.Time `json:"due,omitzero"`
}

// Met reports whether a measured value meets the target. A target
// without a valid direction is never met.
func (t Target) Met(actual float64) bool {
	switch t.Direction {
	case AtLeast:
		return actual >= t.Value
	case AtMost:
		return actual <= t.Value
	}
	return false
}

// Manager is one individual managing the programme (ISO 19011:2018
// 5.4.1) with the roles they hold.
type Manager struct {
	// Person is the host's id of the individual, unique among managers.
	Person string `json:"person" validate:"required"`
	// Name is the individual's name.
	Name string `json:"name" validate:"required"`
	// Roles are the responsibilities the individual holds.
	Roles []ManagerRole `json:"roles" validate:"min=1,unique,dive,enum"`
}

// Extent is the extent of the programme (ISO 19011:2018 5.4.3; ISO/IEC
// 27007:2020 5.4.3 for the ISMS drivers): how many audits of which kinds,
// where, how often and for how long, over which period, and what drives
// those choices. A draft may leave parts empty; approval needs them all
// but SignificantChanges.
type Extent struct {
	// Start and End bound the period the programme covers.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// Audits is the number of audits planned over the period.
	Audits int `json:"audits,omitempty" validate:"gte=0"`
	// Kinds are the kinds of audit the programme includes.
	Kinds []annexa.AuditKind `json:"kinds,omitempty" validate:"unique,dive,enum"`
	// Locations are the locations audited.
	Locations []string `json:"locations,omitempty" validate:"unique,dive,required"`
	// Frequency says how often areas are audited, e.g. "every clause and
	// applicable control once a year, high-risk areas twice".
	Frequency string `json:"frequency,omitempty"`
	// AuditDays is the planned duration of all audits, in auditor days.
	AuditDays float64 `json:"auditDays,omitempty" validate:"gte=0"`
	// Drivers record what the extent is based on.
	Drivers Drivers `json:"drivers"`
}

// Drivers are what the extent of an ISMS audit programme is based on
// (ISO/IEC 27007:2020 5.4.3; ISO 19011:2018 5.4.3).
type Drivers struct {
	// SizeAndComplexity describes the size and complexity of the ISMS:
	// persons, sites, processes, technology.
	SizeAndComplexity string `json:"sizeAndComplexity,omitempty"`
	// RiskAssessment summarises the results of the information security
	// risk assessment that bear on where audits focus.
	RiskAssessment string `json:"riskAssessment,omitempty"`
	// SignificantChanges lists significant changes to the ISMS or its
	// context since the previous programme; may be empty.
	SignificantChanges []string `json:"significantChanges,omitempty" validate:"dive,required"`
	// PreviousResults summarises the results of previous audits and
	// programme reviews ("none: first programme" is an answer).
	PreviousResults string `json:"previousResults,omitempty"`
}

// Resources are the resources the programme needs (ISO 19011:2018
// 5.4.4).
type Resources struct {
	// AuditorDays is the auditor time available for audits; it must cover
	// the extent's AuditDays.
	AuditorDays float64 `json:"auditorDays,omitempty" validate:"gte=0"`
	// TravelDays is the auditor time needed for travel and accommodation.
	TravelDays float64 `json:"travelDays,omitempty" validate:"gte=0"`
	// TechnicalExperts lists the technical expertise to be brought in.
	TechnicalExperts []string `json:"technicalExperts,omitempty" validate:"dive,required"`
	// Tools lists tools and technology, e.g. for remote audits.
	Tools []string `json:"tools,omitempty" validate:"dive,required"`
	// Financial describes the financial resources.
	Financial string `json:"financial,omitempty"`
}

// RecordsPolicy says how programme and audit records are managed and
// kept (ISO 19011:2018 5.5.7), including how the confidential ISMS
// information auditors see is protected (ISO/IEC 27007:2020 5.5.7).
type RecordsPolicy struct {
	// RetentionMonths is how long records are kept.
	RetentionMonths int `json:"retentionMonths,omitempty" validate:"gte=0"`
	// Confidentiality says how confidential information seen or held by
	// auditors is protected (access, storage, transfer, disposal).
	Confidentiality string `json:"confidentiality,omitempty"`
	// Access lists who may access the records.
	Access []string `json:"access,omitempty" validate:"unique,dive,required"`
	// Disposal says how records are disposed of at the end of retention.
	Disposal string `json:"disposal,omitempty"`
}

// ManagerRole is one responsibility of the individuals managing the audit
// programme (ISO 19011:2018 5.4.1; the grouping into eight roles is this
// project's). Before approval each role is held by at least one manager.
//
//ismsaudit:enum ManagerRoles
type ManagerRole string

// The ManagerRole values. Never reorder.
const (
	ManageExtent        ManagerRole = "extent"         // establish the extent of the programme (19011:5.4.1, 5.4.3)
	ManageRisks         ManagerRole = "risks"          // determine and address the programme's risks and opportunities (19011:5.4.1, 5.3)
	ManageTeams         ManagerRole = "team-selection" // ensure audit teams are selected and competent (19011:5.4.1, 5.5.4)
	ManageProcesses     ManagerRole = "processes"      // establish the programme's processes: scheduling, objectives, methods, disputes, follow-up (19011:5.4.1)
	ManageResources     ManagerRole = "resources"      // determine and provide resources (19011:5.4.1, 5.4.4)
	ManageRecords       ManagerRole = "records"        // keep documented information and programme records (19011:5.4.1, 5.5.7)
	ManageMonitoring    ManagerRole = "monitoring"     // monitor, review and improve the programme (19011:5.4.1, 5.6, 5.7)
	ManageCommunication ManagerRole = "communication"  // communicate the programme to the audit client and interested parties (19011:5.4.1)
)

// Direction says which side of an objective's target value counts as
// meeting it (ISO 19011:2018 5.2: measurable objectives).
//
//ismsaudit:enum Directions
type Direction string

// The Direction values. Never reorder.
const (
	AtLeast Direction = "at-least" // met when the measured value is at least the target
	AtMost  Direction = "at-most"  // met when the measured value is at most the target
)

// validateContent checks the shape of a programme's content; nil parts
// are not checked. Paths are prefixed with prefix.
func validateContent(col *errs.Collector, prefix string, objectives []Objective, managers []Manager, extent *Extent, resources *Resources, records *RecordsPolicy) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	ids := make(map[ObjectiveID]bool, len(objectives))
	for i := range objectives {
		o := &objectives[i]
		at := p(errs.Index("Objectives", i))
		validate.Struct(col, at, o)
		if o.ID != "" && ids[o.ID] {
			col.Add(at+".ID", ismsaudit.RuleUnique, string(o.ID), "objective ids must not repeat")
		}
		ids[o.ID] = true
		if !isFinite(o.Target.Value) {
			col.Add(at+".Target.Value", "finite", "", "a finite number is required")
		}
	}
	people := make(map[string]bool, len(managers))
	for i := range managers {
		mg := &managers[i]
		at := p(errs.Index("Managers", i))
		validate.Struct(col, at, mg)
		if mg.Person != "" && people[mg.Person] {
			col.Add(at+".Person", ismsaudit.RuleUnique, mg.Person, "each manager is listed once")
		}
		people[mg.Person] = true
	}
	if extent != nil {
		validate.Struct(col, p("Extent"), extent)
		if !isFinite(extent.AuditDays) {
			col.Add(p("Extent.AuditDays"), "finite", "", "a finite number is required")
		}
		if !extent.Start.IsZero() && !extent.End.IsZero() && !extent.End.After(extent.Start) {
			col.Add(p("Extent.End"), "time-order", extent.End.Format(time.RFC3339), "the period ends after it starts")
		}
	}
	if resources != nil {
		validate.Struct(col, p("Resources"), resources)
		if !isFinite(resources.AuditorDays) {
			col.Add(p("Resources.AuditorDays"), "finite", "", "a finite number is required")
		}
		if !isFinite(resources.TravelDays) {
			col.Add(p("Resources.TravelDays"), "finite", "", "a finite number is required")
		}
	}
	if records != nil {
		validate.Struct(col, p("Records"), records)
	}
}

// contentProblem is one thing a content check found missing, with the
// path of the field.
type contentProblem struct{ path, detail string }

// checkObjectives: at least one objective, each with a complete target.
func checkObjectives(p *Programme) []contentProblem {
	if len(p.Objectives) == 0 {
		return []contentProblem{{"Objectives", "the programme has no objectives"}}
	}
	var out []contentProblem
	for i, o := range p.Objectives {
		at := errs.Index("Objectives", i) + ".Target"
		t := o.Target
		if isBlank(t.Metric) {
			out = append(out, contentProblem{at + ".Metric", "objective " + strconv.Quote(string(o.ID)) + " has no metric"})
		}
		if !t.Direction.IsValid() {
			out = append(out, contentProblem{at + ".Direction", "objective " + strconv.Quote(string(o.ID)) + " does not say whether the value is a floor or a ceiling"})
		}
		if !isFinite(t.Value) {
			out = append(out, contentProblem{at + ".Value", "objective " + strconv.Quote(string(o.ID)) + " has no finite target value"})
		}
		if isBlank(t.Unit) {
			out = append(out, contentProblem{at + ".Unit", "objective " + strconv.Quote(string(o.ID)) + " has no unit"})
		}
		if t.Due.IsZero() {
			out = append(out, contentProblem{at + ".Due", "objective " + strconv.Quote(string(o.ID)) + " has no due date"})
		}
	}
	return out
}

// checkManagers: at least one manager, every role held.
func checkManagers(p *Programme) []contentProblem {
	if len(p.Managers) == 0 {
		return []contentProblem{{"Managers", "nobody is named to manage the programme"}}
	}
	held := map[ManagerRole]bool{}
	for _, m := range p.Managers {
		for _, r := range m.Roles {
			held[r] = true
		}
	}
	var missing []string
	for r := range ManagerRoles() {
		if !held[r] {
			missing = append(missing, string(r))
		}
	}
	if len(missing) > 0 {
		return []contentProblem{{"Managers", "nobody holds the role(s) " + strings.Join(missing, ", ")}}
	}
	return nil
}

// checkExtent: period, audits, kinds, locations, frequency, duration and
// the drivers other than significant changes.
func checkExtent(p *Programme) []contentProblem {
	e := p.Extent
	var out []contentProblem
	add := func(path, detail string) { out = append(out, contentProblem{"Extent." + path, detail}) }
	if e.Start.IsZero() || e.End.IsZero() || !e.End.After(e.Start) {
		add("End", "the programme's period needs a start and a later end")
	}
	if e.Audits < 1 {
		add("Audits", "the number of audits is not stated")
	}
	if len(e.Kinds) == 0 {
		add("Kinds", "the kinds of audit are not stated")
	}
	if len(e.Locations) == 0 {
		add("Locations", "the locations audited are not stated")
	}
	if isBlank(e.Frequency) {
		add("Frequency", "the frequency of audits is not stated")
	}
	if !(e.AuditDays > 0) || !isFinite(e.AuditDays) {
		add("AuditDays", "the duration of the audits is not stated")
	}
	if isBlank(e.Drivers.SizeAndComplexity) {
		add("Drivers.SizeAndComplexity", "the size and complexity of the ISMS are not described")
	}
	if isBlank(e.Drivers.RiskAssessment) {
		add("Drivers.RiskAssessment", "the risk assessment results behind the extent are not described")
	}
	if isBlank(e.Drivers.PreviousResults) {
		add("Drivers.PreviousResults", "previous audit results are not described")
	}
	return out
}

// checkResources: auditor days covering the extent, travel stated.
func checkResources(p *Programme) []contentProblem {
	r := p.Resources
	switch {
	case !(r.AuditorDays > 0) || !isFinite(r.AuditorDays):
		return []contentProblem{{"Resources.AuditorDays", "no auditor days are stated"}}
	case r.AuditorDays < p.Extent.AuditDays:
		return []contentProblem{{"Resources.AuditorDays", formatNum(r.AuditorDays) +
			" auditor days do not cover the " + formatNum(p.Extent.AuditDays) + " audit days the extent plans"}}
	case !isFinite(r.TravelDays) || r.TravelDays < 0:
		return []contentProblem{{"Resources.TravelDays", "travel days must be a finite number, zero or more"}}
	}
	return nil
}

// checkRecords: retention, access and confidentiality stated.
func checkRecords(p *Programme) []contentProblem {
	r := p.Records
	var out []contentProblem
	if r.RetentionMonths < 1 {
		out = append(out, contentProblem{"Records.RetentionMonths", "how long records are kept is not stated"})
	}
	if len(r.Access) == 0 {
		out = append(out, contentProblem{"Records.Access", "who may access records is not stated"})
	}
	if isBlank(r.Confidentiality) {
		out = append(out, contentProblem{"Records.Confidentiality", "how confidential ISMS information is protected is not stated"})
	}
	return out
}

// staticChecks are the content checks approval made that still hold
// afterwards, as content changes only in draft; Verify re-runs them on
// every version past draft.
var staticChecks = []struct {
	rule  ismsaudit.RuleID
	check func(*Programme) []contentProblem
}{
	{RuleObjectives, checkObjectives},
	{RuleManagers, checkManagers},
	{RuleExtent, checkExtent},
	{RuleResources, checkResources},
	{RuleRecords, checkRecords},
	{RuleRiskAreas, checkRiskAreas},
}

// The rules of the programme's content: what approval checks and Verify
// checks again on every version past draft (ISO 19011:2018 5.2 to 5.5.7).
const (
	RuleObjectives ismsaudit.RuleID = "PRG-OBJECTIVES"
	RuleManagers   ismsaudit.RuleID = "PRG-MANAGERS"
	RuleExtent     ismsaudit.RuleID = "PRG-EXTENT"
	RuleResources  ismsaudit.RuleID = "PRG-RESOURCES"
	RuleRecords    ismsaudit.RuleID = "PRG-RECORDS"
)

var contentRules = []ismsaudit.Rule{
	{ID: RuleObjectives, Clause: "19011:5.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an approved programme has objectives, each with a measurable target"},
	{ID: RuleManagers, Clause: "19011:5.4.1", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an approved programme names the individuals managing it, and each responsibility of managing it is held by one of them", Basis: "the grouping of the responsibilities into eight roles is this project's"},
	{ID: RuleExtent, Clause: "19011:5.4.3; 27007:5.4.3", Principle: ismsaudit.PrincipleRiskBased, Text: "an approved programme states its period, the number, kinds, locations, frequency and duration of its audits, and the ISMS size and complexity, risk assessment results and previous results behind them"},
	{ID: RuleResources, Clause: "19011:5.4.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "an approved programme states the auditor days it has, enough for the audit days its extent plans, and the travel time it needs"},
	{ID: RuleRecords, Clause: "19011:5.5.7; 27007:5.5.7", Principle: ismsaudit.PrincipleConfidentiality, Text: "an approved programme says how long records are kept, who may see them and how the confidential ISMS information auditors see is protected"},
}
