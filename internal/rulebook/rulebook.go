// Package rulebook holds one package's catalogue of process rules: built
// once when the package initialises from the rows each concept's file
// declares, checked (well-formed ids with the package's prefix, valid
// clauses and principles, no id twice), listed in order and looked up by
// id. Each public package wraps it in its Rules and LookupRule.
package rulebook

import (
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// Book is a checked, immutable catalogue. It is safe for concurrent use.
type Book struct {
	rules []ismsaudit.Rule
	index map[ismsaudit.RuleID]int
}

// New builds the catalogue of the package whose rule ids start with
// prefix (e.g. "AUD") from its parts, in order. It reports every malformed
// rule and every id listed twice.
func New(prefix string, parts ...[]ismsaudit.Rule) (*Book, error) {
	b := &Book{rules: slices.Concat(parts...)}
	b.index = make(map[ismsaudit.RuleID]int, len(b.rules))
	var problems []error
	for i, r := range b.rules {
		if err := r.Check(prefix); err != nil {
			problems = append(problems, err)
		}
		if _, dup := b.index[r.ID]; dup {
			problems = append(problems, fmt.Errorf("%w: rule %s listed twice", ismsaudit.ErrInvalid, r.ID))
		}
		b.index[r.ID] = i
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("rulebook %s: %w", prefix, errors.Join(problems...))
	}
	return b, nil
}

// MustNew is New for package initialisation: a bad catalogue is a
// programming error, so it panics.
func MustNew(prefix string, parts ...[]ismsaudit.Rule) *Book {
	b, err := New(prefix, parts...)
	if err != nil {
		panic(err)
	}
	return b
}

// All yields the rules in catalogue order.
func (b *Book) All() iter.Seq[ismsaudit.Rule] { return slices.Values(b.rules) }

// Lookup returns the rule with the given id.
func (b *Book) Lookup(id ismsaudit.RuleID) (ismsaudit.Rule, bool) {
	i, ok := b.index[id]
	if !ok {
		return ismsaudit.Rule{}, false
	}
	return b.rules[i], true
}
