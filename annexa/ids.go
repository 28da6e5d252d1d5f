package annexa

import (
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Number of entries in each catalogue.
const (
	ControlCount     = 93  // Annex A controls of ISO/IEC 27001:2022
	Control2013Count = 114 // Annex A controls of ISO/IEC 27001:2013
	ClauseCount      = 41  // clauses 4 to 10 of ISO/IEC 27001:2022 with their subclauses
)

// themeStart is the catalogue index of the first control of Annex A clause
// 5, 6, 7 and 8; themeStart[4] is the total.
var themeStart = [...]int{0, 37, 45, 59, 93}

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
		return 0, &errs.ParseError{Pkg: "annexa", Type: "control id", Input: s, Detail: `want "5.1" to "8.34", optionally prefixed "A."`}
	}
	n, rest, ok := cutNumber(rest[1:])
	if !ok || rest != "" {
		return 0, &errs.ParseError{Pkg: "annexa", Type: "control id", Input: s, Detail: `want "5.1" to "8.34", optionally prefixed "A."`}
	}
	if theme < 5 || theme > 8 || n < 1 || n > themeStart[theme-4]-themeStart[theme-5] {
		return 0, &errs.NotFoundError{Pkg: "annexa", Type: "Annex A control", ID: s}
	}
	return themeStart[theme-5] + n - 1, nil
}

// trimID drops surrounding white space and an "A." or "a." prefix.
func trimID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[0] == 'A' || s[0] == 'a') && s[1] == '.' {
		s = s[2:]
	}
	return s
}

// cutNumber reads a decimal number of one or two digits without a leading
// zero from the start of s.
func cutNumber(s string) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 3 && '0' <= s[i] && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i > 2 || (i == 2 && s[0] == '0') {
		return 0, s, false
	}
	return n, s[i:], true
}

// IsValid reports whether id is the canonical id of a 2022 Annex A control.
func (id ControlID) IsValid() bool {
	i, err := controlIndex(string(id))
	return err == nil && catalogue[i].id == id
}

// String returns the canonical id.
func (id ControlID) String() string { return string(id) }

// Annex returns the id with the "A." prefix used in SoAs and reports.
func (id ControlID) Annex() string { return "A." + string(id) }

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

// MarshalText implements encoding.TextMarshaler: the id as stored.
func (id ControlID) MarshalText() ([]byte, error) { return []byte(id), nil }

// UnmarshalText implements encoding.TextUnmarshaler. Text that parses as a
// control id is stored in canonical form ("A.5.1" becomes "5.1"); anything
// else is kept exactly as given, so that validation can report it with its
// path instead of decoding failing on the first bad id. Nothing is dropped.
func (id *ControlID) UnmarshalText(b []byte) error {
	if c, err := ParseControlID(string(b)); err == nil {
		*id = c
		return nil
	}
	*id = ControlID(b)
	return nil
}

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
			return 0, &errs.ParseError{Pkg: "annexa", Type: "clause id", Input: s, Detail: `want "4" to "10.2", e.g. "9.2.1"`}
		}
		if r == "" {
			break
		}
		if r[0] != '.' {
			return 0, &errs.ParseError{Pkg: "annexa", Type: "clause id", Input: s, Detail: `want "4" to "10.2", e.g. "9.2.1"`}
		}
		rest = r[1:]
	}
	if i, ok := clauseByID[ClauseID(body)]; ok {
		return i, nil
	}
	return 0, &errs.NotFoundError{Pkg: "annexa", Type: "ISO/IEC 27001:2022 clause", ID: s}
}

// IsValid reports whether id is the canonical id of a clause 4 to 10.2.
func (id ClauseID) IsValid() bool {
	_, ok := clauseByID[id]
	return ok
}

// String returns the id.
func (id ClauseID) String() string { return string(id) }

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

// MarshalText implements encoding.TextMarshaler.
func (id ClauseID) MarshalText() ([]byte, error) { return []byte(id), nil }

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
			return 0, &errs.ParseError{Pkg: "annexa", Type: "2013 control id", Input: s, Detail: `want "5.1.1" to "18.2.3", optionally prefixed "A."`}
		}
		if part < 2 {
			rest = r[1:]
		}
	}
	if i, ok := control2013ByID[Control2013ID(body)]; ok {
		return i, nil
	}
	return 0, &errs.NotFoundError{Pkg: "annexa", Type: "ISO/IEC 27001:2013 Annex A control", ID: s}
}

// IsValid reports whether id is the canonical id of a 2013 Annex A control.
func (id Control2013ID) IsValid() bool {
	_, ok := control2013ByID[id]
	return ok
}

// String returns the id.
func (id Control2013ID) String() string { return string(id) }

// Annex returns the id with the "A." prefix.
func (id Control2013ID) Annex() string { return "A." + string(id) }

// MarshalText implements encoding.TextMarshaler.
func (id Control2013ID) MarshalText() ([]byte, error) { return []byte(id), nil }

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
