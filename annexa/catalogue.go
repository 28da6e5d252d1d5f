package annexa

import (
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// catalogue is the 2022 Annex A in canonical order: the four theme tables
// (data_controls_*.go) laid end to end once at initialisation.
var catalogue = slices.Concat(organizational[:], people[:], physical[:], technological[:])

// Indexes over the compiled tables, built once at initialisation.
var (
	clauseByID      = indexBy(clauses[:], func(c *clause) ClauseID { return c.id })
	control2013ByID = indexBy(controls2013[:], func(c *control2013) Control2013ID { return c.id })
)

func indexBy[T any, K comparable](items []T, key func(*T) K) map[K]int {
	m := make(map[K]int, len(items))
	for i := range items {
		m[key(&items[i])] = i
	}
	return m
}

// Control is a read-only view of one Annex A control of ISO/IEC
// 27001:2022. Views are small values that point into the compiled
// catalogue; every accessor returns a copy, so callers cannot change the
// catalogue. The zero Control is invalid (IsValid reports false) and its
// accessors return zero values.
type Control struct{ c *control }

// LookupControl returns the control with the given id, accepting the forms
// ParseControlID accepts. It does not allocate on success.
func LookupControl(id string) (Control, error) {
	i, err := controlIndex(id)
	if err != nil {
		return Control{}, err
	}
	return Control{&catalogue[i]}, nil
}

// MustControl is LookupControl for ids known at compile time; it panics on
// an unknown id. Use it in tests and examples, not on outside input.
func MustControl(id string) Control {
	c, err := LookupControl(id)
	if err != nil {
		panic(err)
	}
	return c
}

// Controls yields the 93 controls in Annex A order (5.1 ... 8.34).
func Controls() iter.Seq[Control] {
	return func(yield func(Control) bool) {
		for i := range catalogue {
			if !yield(Control{&catalogue[i]}) {
				return
			}
		}
	}
}

// ControlsWhere yields, in Annex A order, the controls that match f. It
// returns an error naming the offending field when f holds invalid values;
// a valid filter that matches nothing yields nothing.
func ControlsWhere(f Filter) (iter.Seq[Control], error) {
	m, err := f.compile()
	if err != nil {
		return nil, err
	}
	return func(yield func(Control) bool) {
		for i := range catalogue {
			if m.match(&catalogue[i]) && !yield(Control{&catalogue[i]}) {
				return
			}
		}
	}, nil
}

// IsValid reports whether c is a control of the catalogue.
func (c Control) IsValid() bool { return c.c != nil }

// ID returns the canonical id, e.g. "5.1".
func (c Control) ID() ControlID {
	if c.c == nil {
		return ""
	}
	return c.c.id
}

// Title returns the short title of the control.
func (c Control) Title() string {
	if c.c == nil {
		return ""
	}
	return c.c.title
}

// Theme returns the theme (Annex A clause) the control belongs to.
func (c Control) Theme() Theme {
	if c.c == nil {
		return ""
	}
	return c.c.theme
}

// Has reports whether the control carries attribute a in ISO/IEC 27002:2022.
func (c Control) Has(a Attribute) bool { return c.c != nil && c.c.attrs&a.mask() != 0 }

// Attributes returns every attribute value of the control, kind by kind in
// 27002 order.
func (c Control) Attributes() []Attribute {
	if c.c == nil {
		return nil
	}
	return c.c.attrs.attributes(0, len(attributeLabels))
}

// AttributesOf returns the control's values of one attribute kind in 27002
// order, e.g. AttributesOf(ControlTypeKind) is [Preventive] for 5.1.
func (c Control) AttributesOf(k AttributeKind) []Attribute {
	if c.c == nil {
		return nil
	}
	lo, hi := k.span()
	return c.c.attrs.attributes(lo, hi)
}

// Methods returns the audit methods that suit the control.
func (c Control) Methods() []Method {
	if c.c == nil {
		return nil
	}
	return c.c.methods.methods()
}

// Questions returns audit questions for the control (a copy).
func (c Control) Questions() []string {
	if c.c == nil {
		return nil
	}
	return slices.Clone(c.c.questions)
}

// EvidenceHints returns examples of evidence an auditor looks at (a copy).
func (c Control) EvidenceHints() []string {
	if c.c == nil {
		return nil
	}
	return slices.Clone(c.c.evidence)
}

// Predecessors returns the ISO/IEC 27001:2013 controls the control
// corresponds to (ISO/IEC 27002:2022 Table B.1); none for the 11 controls
// new in 2022.
func (c Control) Predecessors() []Control2013 {
	if c.c == nil {
		return nil
	}
	ids := predecessors2013[c.index()]
	out := make([]Control2013, len(ids))
	for i, id := range ids {
		out[i] = Control2013{&controls2013[control2013ByID[id]]}
	}
	return out
}

// IsNew reports whether the control has no 2013 predecessor (one of the 11
// controls ISO/IEC 27002:2022 Table B.1 marks as new).
func (c Control) IsNew() bool { return c.c != nil && len(predecessors2013[c.index()]) == 0 }

func (c Control) index() int {
	i, _ := controlIndex(string(c.c.id))
	return i
}

// String returns "A.5.1 Policies for information security".
func (c Control) String() string {
	if c.c == nil {
		return "<invalid control>"
	}
	return c.c.id.Annex() + " " + c.c.title
}

// MarshalText implements encoding.TextMarshaler: a control is written as
// its id.
func (c Control) MarshalText() ([]byte, error) {
	if c.c == nil {
		return nil, &errs.ParseError{Pkg: "annexa", Type: "control", Input: "", Detail: "the zero Control has no id"}
	}
	return []byte(c.c.id), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: it looks the id up in
// the catalogue.
func (c *Control) UnmarshalText(b []byte) error {
	v, err := LookupControl(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// attributes expands the bits lo..hi-1 of m into attribute values.
func (m attrMask) attributes(lo, hi int) []Attribute {
	if lo >= hi {
		return nil
	}
	out := make([]Attribute, 0, 8)
	for i := lo; i < hi; i++ {
		if m&(1<<i) != 0 {
			out = append(out, attributeValues[i])
		}
	}
	return out
}

// attributeValues is attributeSet in index order, for allocation-free use.
var attributeValues = attributeSet.Values()

// span returns the index range of kind k's values in attributeSet.
func (k AttributeKind) span() (lo, hi int) {
	for _, r := range attributeKindOf {
		if r.kind == k {
			return lo, r.end
		}
		lo = r.end
	}
	return 0, 0
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

// RequiresDocumentedInformation reports whether the clause itself requires
// the organization to keep or maintain documented information.
func (c Clause) RequiresDocumentedInformation() bool { return c.c != nil && c.c.documented != "" }

// DocumentedInformation names the documented information the clause
// requires, in a few words; "" when it requires none.
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
		return nil, &errs.ParseError{Pkg: "annexa", Type: "clause", Input: "", Detail: "the zero Clause has no id"}
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

// Control2013 is a read-only view of one Annex A control of ISO/IEC
// 27001:2013. The zero value is invalid.
type Control2013 struct{ c *control2013 }

// LookupControl2013 returns the 2013 control with the given id ("A.12.6.1").
func LookupControl2013(id string) (Control2013, error) {
	i, err := control2013Index(id)
	if err != nil {
		return Control2013{}, err
	}
	return Control2013{&controls2013[i]}, nil
}

// Controls2013 yields the 114 controls of 2013 in Annex A order.
func Controls2013() iter.Seq[Control2013] {
	return func(yield func(Control2013) bool) {
		for i := range controls2013 {
			if !yield(Control2013{&controls2013[i]}) {
				return
			}
		}
	}
}

// IsValid reports whether c is a 2013 control of the catalogue.
func (c Control2013) IsValid() bool { return c.c != nil }

// ID returns the canonical id, e.g. "12.6.1".
func (c Control2013) ID() Control2013ID {
	if c.c == nil {
		return ""
	}
	return c.c.id
}

// Title returns the short title.
func (c Control2013) Title() string {
	if c.c == nil {
		return ""
	}
	return c.c.title
}

// Clause returns the 2013 Annex A clause number ("12") and title.
func (c Control2013) Clause() (number, title string) {
	if c.c == nil {
		return "", ""
	}
	return c.c.clause, c.c.clauseTitle
}

// Objective returns the 2013 control objective number ("12.6") and title.
func (c Control2013) Objective() (number, title string) {
	if c.c == nil {
		return "", ""
	}
	return c.c.objective, c.c.objectiveTitle
}

// Successors returns the 2022 controls the 2013 control maps to (ISO/IEC
// 27002:2022 Table B.2): one, except 18.2.3 which maps to 5.36 and 8.8.
func (c Control2013) Successors() []Control {
	if c.c == nil {
		return nil
	}
	out := make([]Control, len(c.c.successors))
	for i, id := range c.c.successors {
		out[i] = MustControl(string(id))
	}
	return out
}

// String returns "A.12.6.1 Management of technical vulnerabilities".
func (c Control2013) String() string {
	if c.c == nil {
		return "<invalid 2013 control>"
	}
	return c.c.id.Annex() + " " + c.c.title
}

// MarshalText implements encoding.TextMarshaler: written as its id.
func (c Control2013) MarshalText() ([]byte, error) {
	if c.c == nil {
		return nil, &errs.ParseError{Pkg: "annexa", Type: "2013 control", Input: "", Detail: "the zero Control2013 has no id"}
	}
	return []byte(c.c.id), nil
}

// UnmarshalText implements encoding.TextUnmarshaler by lookup.
func (c *Control2013) UnmarshalText(b []byte) error {
	v, err := LookupControl2013(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MapTo2022 translates 2013 control ids (as people type them) into the 2022
// controls that succeed them, without repeats, in Annex A order. It reports
// every id it cannot translate in one error; nothing is dropped silently.
func MapTo2022(ids ...string) ([]ControlID, error) {
	col := errs.NewCollector("annexa", "2013 control ids")
	seen := make(map[ControlID]bool)
	for i, s := range ids {
		c, err := LookupControl2013(s)
		if err != nil {
			col.Add(errs.Index("", i), ruleFor(err), s, err.Error())
			continue
		}
		for _, id := range c.c.successors {
			seen[id] = true
		}
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	out := make([]ControlID, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.SortFunc(out, ControlID.Compare)
	return out, nil
}

// ruleFor names the rule behind a lookup error: "unknown" for a
// well-formed id that names nothing, "format" for malformed text.
func ruleFor(err error) ismsaudit.RuleID {
	var nf *errs.NotFoundError
	if asNotFound(err, &nf) {
		return errs.RuleUnknown
	}
	return "format"
}
