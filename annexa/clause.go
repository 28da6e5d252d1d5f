package annexa

import (
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
)

// ClauseID identifies a clause or subclause of ISO/IEC 27001:2022, "4" to "10.2".
type ClauseID string

// ClauseCount is the number of clauses and subclauses 4 to 10.2 of
// ISO/IEC 27001:2022.
const ClauseCount = 41

// ParseClauseID accepts an ISO/IEC 27001:2022 clause id such as "9.2.1",
// with surrounding white space, and returns the canonical id. Malformed text
// gives a *ismsaudit.ParseError, an id the standard does not have a *ismsaudit.NotFoundError.
func ParseClauseID(s string) (ClauseID, error) {
	i, err := clauseIndex(s)
	if err != nil {
		return "", err
	}
	return clauses[i].id, nil
}

func clauseIndex(s string) (int, error) {
	body := strings.TrimSpace(s)
	rest := body
	for {
		_, r, ok := cutNumber(rest)
		if !ok {
			return 0, &ismsaudit.ParseError{Pkg: "annexa", Type: "clause id", Input: s, Detail: `want "4" to "10.2", e.g. "9.2.1"`}
		}
		if r == "" {
			break
		}
		if r[0] != '.' {
			return 0, &ismsaudit.ParseError{Pkg: "annexa", Type: "clause id", Input: s, Detail: `want "4" to "10.2", e.g. "9.2.1"`}
		}
		rest = r[1:]
	}
	if i, ok := clauseByID[ClauseID(body)]; ok {
		return i, nil
	}
	return 0, &ismsaudit.NotFoundError{Pkg: "annexa", Type: "ISO/IEC 27001:2022 clause", ID: s}
}

// IsValid reports whether id is the canonical id of a clause 4 to 10.2.
func (id ClauseID) IsValid() bool {
	_, ok := clauseByID[id]
	return ok
}

// Compare orders clause ids as the standard does (9.2 before 9.10 style);
// unknown ids sort first, by text.
func (id ClauseID) Compare(other ClauseID) int {
	i, iok := clauseByID[id]
	j, jok := clauseByID[other]
	switch {
	case !iok && !jok:
		return strings.Compare(string(id), string(other))
	case !iok:
		return -1
	case !jok:
		return 1
	}
	return i - j
}

// UnmarshalText implements encoding.TextUnmarshaler: known ids are stored
// canonical (white space trimmed), other text is kept as given for
// validation to report.
func (id *ClauseID) UnmarshalText(b []byte) error {
	if c, err := ParseClauseID(string(b)); err == nil {
		*id = c
		return nil
	}
	*id = ClauseID(b)
	return nil
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

// Clause is a read-only view of one clause or subclause of ISO/IEC
// 27001:2022, 4 to 10.2. The zero Clause is invalid.
type Clause struct{ c *clause }

// LookupClause returns the clause with the given id ("9.2.1").
func LookupClause(id string) (Clause, error) {
	i, err := clauseIndex(id)
	if err != nil {
		return Clause{}, err
	}
	return Clause{&clauses[i]}, nil
}

// MustClause is LookupClause for ids known at compile time; it panics on an
// unknown id.
func MustClause(id string) Clause {
	c, err := LookupClause(id)
	if err != nil {
		panic(err)
	}
	return c
}

// Clauses yields the 41 clauses and subclauses 4 to 10.2 in the standard's
// order; headings (4, 4.1, ...) come before their subclauses.
func Clauses() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for i := range clauses {
			if !yield(Clause{&clauses[i]}) {
				return
			}
		}
	}
}

// requirementIndex lists the indexes of the requirement clauses (no
// subclauses, not a main clause), built once at initialisation.
var requirementIndex = func() []int {
	var out []int
	for i := range clauses {
		if c := (Clause{&clauses[i]}); !c.HasSubclauses() && c.Depth() > 1 {
			out = append(out, i)
		}
	}
	return out
}()

// Requirements yields the clauses that have no subclauses, the units a
// checklist audits (4.1 ... 10.2, with 6.1.1 ... 6.1.3 instead of 6.1 and
// so on): 30 of them.
func Requirements() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for _, i := range requirementIndex {
			if !yield(Clause{&clauses[i]}) {
				return
			}
		}
	}
}

// IsValid reports whether c is a clause of the catalogue.
func (c Clause) IsValid() bool { return c.c != nil }

// ID returns the clause number, e.g. "9.2.1".
func (c Clause) ID() ClauseID {
	if c.c == nil {
		return ""
	}
	return c.c.id
}

// Title returns the short title.
func (c Clause) Title() string {
	if c.c == nil {
		return ""
	}
	return c.c.title
}

// Depth is 1 for a main clause ("9"), 2 for "9.2", 3 for "9.2.1".
func (c Clause) Depth() int {
	if c.c == nil {
		return 0
	}
	return strings.Count(string(c.c.id), ".") + 1
}

// Parent returns the enclosing clause; ok is false for main clauses.
func (c Clause) Parent() (parent Clause, ok bool) {
	if c.c == nil {
		return Clause{}, false
	}
	i := strings.LastIndexByte(string(c.c.id), '.')
	if i < 0 {
		return Clause{}, false
	}
	p, err := LookupClause(string(c.c.id[:i]))
	return p, err == nil
}

// HasSubclauses reports whether the clause is a heading over subclauses.
func (c Clause) HasSubclauses() bool {
	if c.c == nil {
		return false
	}
	i := clauseByID[c.c.id]
	return i+1 < len(clauses) && strings.HasPrefix(string(clauses[i+1].id), string(c.c.id)+".")
}

// Subclauses yields the clause's direct subclauses in order.
func (c Clause) Subclauses() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		if c.c == nil {
			return
		}
		prefix := string(c.c.id) + "."
		for i := clauseByID[c.c.id] + 1; i < len(clauses) && strings.HasPrefix(string(clauses[i].id), prefix); i++ {
			if !strings.Contains(string(clauses[i].id[len(prefix):]), ".") && !yield(Clause{&clauses[i]}) {
				return
			}
		}
	}
}

// DocumentedInformation names the documented information the clause
// itself requires the organization to keep or maintain, in a few words;
// "" when it requires none.
func (c Clause) DocumentedInformation() string {
	if c.c == nil {
		return ""
	}
	return c.c.documented
}

// Methods returns the audit methods that suit the clause.
func (c Clause) Methods() []Method {
	if c.c == nil {
		return nil
	}
	return c.c.methods.methods()
}

// Questions returns audit questions for the clause (a copy).
func (c Clause) Questions() []string {
	if c.c == nil {
		return nil
	}
	return slices.Clone(c.c.questions)
}

// EvidenceHints returns examples of evidence for the clause (a copy).
func (c Clause) EvidenceHints() []string {
	if c.c == nil {
		return nil
	}
	return slices.Clone(c.c.evidence)
}

// String returns "9.2.1 General".
func (c Clause) String() string {
	if c.c == nil {
		return "<invalid clause>"
	}
	return string(c.c.id) + " " + c.c.title
}

// MarshalText implements encoding.TextMarshaler: a clause is written as its id.
func (c Clause) MarshalText() ([]byte, error) {
	if c.c == nil {
		return nil, &ismsaudit.ParseError{Pkg: "annexa", Type: "clause", Input: "", Detail: "the zero Clause has no id"}
	}
	return []byte(c.c.id), nil
}

// UnmarshalText implements encoding.TextUnmarshaler by lookup.
func (c *Clause) UnmarshalText(b []byte) error {
	v, err := LookupClause(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
