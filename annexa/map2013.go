package annexa

import (
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Control2013ID identifies an Annex A control of ISO/IEC 27001:2013 in its
// canonical form, "5.1.1" to "18.2.3".
type Control2013ID string

// Control2013Count is the number of Annex A controls of ISO/IEC
// 27001:2013.
const Control2013Count = 114

// ParseControl2013ID accepts an ISO/IEC 27001:2013 Annex A control id in the
// forms "12.6.1", "A.12.6.1", "a.12.6.1", with surrounding white space, and
// returns the canonical form ("12.6.1").
func ParseControl2013ID(s string) (Control2013ID, error) {
	i, err := control2013Index(s)
	if err != nil {
		return "", err
	}
	return controls2013[i].id, nil
}

func control2013Index(s string) (int, error) {
	body := trimID(s)
	rest := body
	for part := 0; part < 3; part++ {
		_, r, ok := cutNumber(rest)
		if !ok || (part < 2 && (r == "" || r[0] != '.')) || (part == 2 && r != "") {
			return 0, &ismsaudit.ParseError{Pkg: "annexa", Type: "2013 control id", Input: s, Detail: `want "5.1.1" to "18.2.3", optionally prefixed "A."`}
		}
		if part < 2 {
			rest = r[1:]
		}
	}
	if i, ok := control2013ByID[Control2013ID(body)]; ok {
		return i, nil
	}
	return 0, &ismsaudit.NotFoundError{Pkg: "annexa", Type: "ISO/IEC 27001:2013 Annex A control", ID: s}
}

// IsValid reports whether id is the canonical id of a 2013 Annex A control.
func (id Control2013ID) IsValid() bool {
	_, ok := control2013ByID[id]
	return ok
}

// UnmarshalText implements encoding.TextUnmarshaler: known ids are stored
// canonical, other text is kept as given for validation to report.
func (id *Control2013ID) UnmarshalText(b []byte) error {
	if c, err := ParseControl2013ID(string(b)); err == nil {
		*id = c
		return nil
	}
	*id = Control2013ID(b)
	return nil
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
	return "A." + string(c.c.id) + " " + c.c.title
}

// MarshalText implements encoding.TextMarshaler: written as its id.
func (c Control2013) MarshalText() ([]byte, error) {
	if c.c == nil {
		return nil, &ismsaudit.ParseError{Pkg: "annexa", Type: "2013 control", Input: "", Detail: "the zero Control2013 has no id"}
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
