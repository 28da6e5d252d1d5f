package annexa

import (
	"errors"
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
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

// ruleFor names the shape rule behind a lookup error: RuleUnknown for a
// well-formed id that names nothing, RuleFormat for malformed text.
func ruleFor(err error) ismsaudit.RuleID {
	if _, ok := errors.AsType[*ismsaudit.NotFoundError](err); ok {
		return ismsaudit.RuleUnknown
	}
	return ismsaudit.RuleFormat
}

// joinTokens lists an enumeration's tokens for an error detail: "a, b, c".
func joinTokens[T ~string](values iter.Seq[T]) string {
	var b strings.Builder
	for v := range values {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}
