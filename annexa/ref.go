package annexa

import (
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// RefKind says what a Ref points at.
//
//ismsaudit:enum RefKinds
type RefKind string

// The reference kinds. Never reorder.
const (
	ClauseRef   RefKind = "clause"   // a clause of ISO/IEC 27001:2022, ID "9.2.1"
	ControlRef  RefKind = "control"  // an Annex A control of ISO/IEC 27001:2022, ID "5.1"
	DocumentRef RefKind = "document" // other documented criteria or records, ID chosen by the host
)

// Ref points at an audit criterion: a 27001 clause, an Annex A control, or
// another document. It is a small comparable value.
type Ref struct {
	// Kind says what the reference points at.
	Kind RefKind `json:"kind"`
	// ID is a canonical clause id ("9.2.1") for ClauseRef, a canonical
	// control id ("5.1") for ControlRef, and the host's identifier for
	// DocumentRef.
	ID string `json:"id"`
}

// RefToClause returns the reference to a clause.
func RefToClause(id ClauseID) Ref { return Ref{Kind: ClauseRef, ID: string(id)} }

// RefToControl returns the reference to an Annex A control.
func RefToControl(id ControlID) Ref { return Ref{Kind: ControlRef, ID: string(id)} }

// RefToDocument returns the reference to another document, such as a
// policy, a contract or a law, by the host's identifier.
func RefToDocument(id string) Ref { return Ref{Kind: DocumentRef, ID: id} }

// SoADocument is the document id checklists use for the Statement of
// Applicability itself.
const SoADocument = "statement-of-applicability"

// ParseRef reads the forms people write: "A.5.1" or "a.5.1" (a control),
// "clause 9.2" or "9.2" (a clause: plain numbers are clauses, as only the
// "A." prefix marks a control unambiguously), and "document:ID".
func ParseRef(s string) (Ref, error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "document:"):
		id := strings.TrimSpace(t[len("document:"):])
		if id == "" {
			return Ref{}, &ismsaudit.ParseError{Pkg: "annexa", Type: "reference", Input: s, Detail: "a document reference needs an id"}
		}
		return RefToDocument(id), nil
	case len(t) > 2 && (t[0] == 'A' || t[0] == 'a') && t[1] == '.':
		id, err := ParseControlID(t)
		if err != nil {
			return Ref{}, err
		}
		return RefToControl(id), nil
	}
	if len(t) > 7 && strings.EqualFold(t[:7], "clause ") {
		t = t[7:]
	}
	id, err := ParseClauseID(t)
	if err != nil {
		return Ref{}, err
	}
	return RefToClause(id), nil
}

// String renders the reference as ParseRef reads it: "clause 9.2", "A.5.1",
// "document:policy-7".
func (r Ref) String() string {
	switch r.Kind {
	case ClauseRef:
		return "clause " + r.ID
	case ControlRef:
		return "A." + r.ID
	case DocumentRef:
		return "document:" + r.ID
	}
	return r.ID
}

// Title returns the catalogue title of a clause or control reference, or ""
// for documents and unknown ids.
func (r Ref) Title() string {
	switch r.Kind {
	case ClauseRef:
		c, _ := LookupClause(r.ID)
		return c.Title()
	case ControlRef:
		c, _ := LookupControl(r.ID)
		return c.Title()
	}
	return ""
}

// Validate checks that the kind is known, that clause and control ids are
// canonical ids of the catalogue and that a document id is not empty.
func (r Ref) Validate() error {
	col := errs.NewCollector("annexa", "reference")
	r.check(col, "")
	return col.Err()
}

func (r Ref) check(col *errs.Collector, path string) {
	switch r.Kind {
	case ClauseRef:
		if !ClauseID(r.ID).IsValid() {
			col.Add(errs.JoinPath(path, "ID"), ismsaudit.RuleUnknown, r.ID, "not a clause 4 to 10.2 of ISO/IEC 27001:2022")
		}
	case ControlRef:
		if !ControlID(r.ID).IsValid() {
			col.Add(errs.JoinPath(path, "ID"), ismsaudit.RuleUnknown, r.ID, "not an Annex A control of ISO/IEC 27001:2022")
		}
	case DocumentRef:
		if strings.TrimSpace(r.ID) == "" {
			col.Add(errs.JoinPath(path, "ID"), ismsaudit.RuleRequired, "", "a document reference needs an id")
		}
	case "":
		col.Add(errs.JoinPath(path, "Kind"), ismsaudit.RuleRequired, "", "a reference needs a kind")
	default:
		col.Add(errs.JoinPath(path, "Kind"), ismsaudit.RuleEnum, string(r.Kind), "one of clause, control, document")
	}
}
