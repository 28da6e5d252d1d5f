package annexa

// control is one Annex A control as compiled into the catalogue. Values are
// only ever read; the public view is Control.
type control struct {
	id        ControlID
	title     string
	theme     Theme
	attrs     attrMask   // the 27002:2022 attribute values
	methods   methodMask // audit methods that suit the control
	questions []string   // audit questions, in this project's own words
	evidence  []string   // evidence hints, in this project's own words
}

// clause is one ISO/IEC 27001:2022 clause or subclause (4 to 10.2). The
// public view is Clause.
type clause struct {
	id    ClauseID
	title string
	// documented names the documented information the clause requires the
	// organization to keep or maintain, in a few words; "" when the clause
	// itself requires none.
	documented string
	methods    methodMask
	questions  []string
	evidence   []string
}

// control2013 is one Annex A control of ISO/IEC 27001:2013.
type control2013 struct {
	id             Control2013ID
	title          string
	clause         string // "5" to "18"
	clauseTitle    string
	objective      string // "5.1", ...
	objectiveTitle string
	successors     []ControlID
}

// ControlID identifies an Annex A control of ISO/IEC 27001:2022 in its
// canonical form, "5.1" to "8.34" (no "A." prefix).
type ControlID string

// ClauseID identifies a clause or subclause of ISO/IEC 27001:2022, "4" to "10.2".
type ClauseID string

// Control2013ID identifies an Annex A control of ISO/IEC 27001:2013 in its
// canonical form, "5.1.1" to "18.2.3".
type Control2013ID string
