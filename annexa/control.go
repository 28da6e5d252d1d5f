package annexa

import (
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
)

// ControlID identifies an Annex A control of ISO/IEC 27001:2022 in its
// canonical form, "5.1" to "8.34" (no "A." prefix).
type ControlID string

// ControlCount is the number of Annex A controls of ISO/IEC 27001:2022.
const ControlCount = 93

// ParseControlID accepts an Annex A 2022 control id in the forms people
// type — "5.1", "A.5.1", "a.5.1", " 5.1 " — and returns it in canonical form
// ("5.1"). Malformed text gives a *ismsaudit.ParseError (ismsaudit.ErrInvalid); a well-formed id
// that Annex A does not have ("5.38", "9.1") gives a *ismsaudit.NotFoundError
// (ismsaudit.ErrNotFound). It does not allocate on success.
func ParseControlID(s string) (ControlID, error) {
	i, err := controlIndex(s)
	if err != nil {
		return "", err
	}
	return catalogue[i].id, nil
}

// controlIndex maps id text to its catalogue index.
func controlIndex(s string) (int, error) {
	body := trimID(s)
	theme, rest, ok := cutNumber(body)
	if !ok || len(rest) < 2 || rest[0] != '.' {
		return 0, &ismsaudit.ParseError{Pkg: "annexa", Type: "control id", Input: s, Detail: `want "5.1" to "8.34", optionally prefixed "A."`}
	}
	n, rest, ok := cutNumber(rest[1:])
	if !ok || rest != "" {
		return 0, &ismsaudit.ParseError{Pkg: "annexa", Type: "control id", Input: s, Detail: `want "5.1" to "8.34", optionally prefixed "A."`}
	}
	if theme < 5 || theme > 8 || n < 1 || n > themeStart[theme-4]-themeStart[theme-5] {
		return 0, &ismsaudit.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: s}
	}
	return themeStart[theme-5] + n - 1, nil
}

// IsValid reports whether id is the canonical id of a 2022 Annex A control.
func (id ControlID) IsValid() bool {
	i, err := controlIndex(string(id))
	return err == nil && catalogue[i].id == id
}

// Compare orders ids as Annex A does (5.2 before 5.10); ids not in the
// catalogue sort first, by text.
func (id ControlID) Compare(other ControlID) int {
	i, erri := controlIndex(string(id))
	j, errj := controlIndex(string(other))
	switch {
	case erri != nil && errj != nil:
		return strings.Compare(string(id), string(other))
	case erri != nil:
		return -1
	case errj != nil:
		return 1
	}
	return i - j
}

// UnmarshalText implements encoding.TextUnmarshaler. Text that parses as a
// control id is stored in canonical form ("A.5.1" becomes "5.1"); anything
// else is kept exactly as given, so that validation can report it with its
// path instead of decoding failing on the first bad id. Nothing is dropped.
// A ControlID is written as the string it is.
func (id *ControlID) UnmarshalText(b []byte) error {
	if c, err := ParseControlID(string(b)); err == nil {
		*id = c
		return nil
	}
	*id = ControlID(b)
	return nil
}

// Theme is one of the four themes ISO/IEC 27001:2022 Annex A groups its
// controls into (clauses 5 to 8 of the annex).
//
//ismsaudit:enum Themes ordered
type Theme string

// The themes, in Annex A order. Never reorder.
const (
	Organizational Theme = "organizational" // Annex A clause 5, 37 controls
	People         Theme = "people"         // Annex A clause 6, 8 controls
	Physical       Theme = "physical"       // Annex A clause 7, 14 controls
	Technological  Theme = "technological"  // Annex A clause 8, 34 controls
)

// Clause returns the Annex A clause number of the theme (5 to 8), or 0.
func (t Theme) Clause() int {
	if i := themeSet.Index(t); i >= 0 {
		return 5 + i
	}
	return 0
}

// themeStart is the catalogue index of the first control of Annex A clause
// 5, 6, 7 and 8; themeStart[4] is the total.
var themeStart = [...]int{0, 37, 45, 59, 93}

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

// String returns "A.5.1 Policies for information security".
func (c Control) String() string {
	if c.c == nil {
		return "<invalid control>"
	}
	return "A." + string(c.c.id) + " " + c.c.title
}

// MarshalText implements encoding.TextMarshaler: a control is written as
// its id.
func (c Control) MarshalText() ([]byte, error) {
	if c.c == nil {
		return nil, &ismsaudit.ParseError{Pkg: "annexa", Type: "control", Input: "", Detail: "the zero Control has no id"}
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
