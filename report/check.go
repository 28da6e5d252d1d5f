package report

import (
	"strings"
	"unicode/utf8"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// checker gathers the problems Check finds in a report, audit or
// programme, into one *ismsaudit.ValidationError.
type checker struct {
	col *errs.Collector
}

// blank reports whether s is empty or white space only, as
// strings.TrimSpace(s) == "" does, stopping at the first ASCII byte that
// is not white space.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.TrimSpace(s[i:]) == ""
		case c != ' ' && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r':
			return false
		}
	}
	return true
}

// add records one problem.
func (c *checker) add(path string, rule ismsaudit.RuleID, value, detail string) {
	c.col.Add(path, rule, value, detail)
}

// at locates a field for an error path, which is built only when a
// problem is reported: at{"Evidence", 3}.p(".ID") is "Evidence[3].ID", and
// an index below zero leaves the base alone.
type at struct {
	base string
	i    int
}

func (a at) p(field string) string {
	if a.i < 0 {
		return a.base + field
	}
	return errs.Index(a.base, a.i) + field
}

// top locates a field of the report itself.
var top = at{i: -1}

// enumCheck reports a value that is not in its enumeration; empty values
// are reported as required when req is set.
func enumCheck[T ~string](c *checker, a at, field string, v T, valid func(T) bool, req bool) {
	switch {
	case v == "":
		if req {
			c.add(a.p(field), ismsaudit.RuleRequired, "", "")
		}
	case !valid(v):
		c.add(a.p(field), ismsaudit.RuleEnum, string(v), "not a known value")
	}
}

func newCollector(subject string) *errs.Collector { return errs.NewCollector("report", subject) }
