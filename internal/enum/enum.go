// Package enum implements the enumerations every ismsaudit package uses: a
// typed string whose values are stable kebab-case tokens, listed once in an
// ordered set that is the single source of truth for validity, order,
// parsing and text marshalling. The empty string is never a valid value.
package enum

import (
	"fmt"
	"iter"
	"slices"

	"github.com/ismsaudit/ismsaudit"
)

// Set is the ordered list of the values of one enumeration. Values are
// append-only: never reorder or remove one, as the order is part of the API
// (Compare) and of every rendering.
type Set[T ~string] struct {
	pkg, name string
	values    []T
	index     map[T]int
	byName    map[string]int // index by token, for Unmarshal
	names     []string
}

// New builds the set for an enumeration named name in package pkg. It
// panics when a value is empty or repeated: sets are built at package
// initialisation from literals, so that is a programming error.
func New[T ~string](pkg, name string, values ...T) *Set[T] {
	s := &Set[T]{pkg: pkg, name: name, values: slices.Clone(values), index: make(map[T]int, len(values)), byName: make(map[string]int, len(values)), names: make([]string, len(values))}
	for i, v := range s.values {
		if v == "" {
			panic(fmt.Sprintf("enum %s.%s: empty value", pkg, name))
		}
		if _, dup := s.index[v]; dup {
			panic(fmt.Sprintf("enum %s.%s: duplicate value %q", pkg, name, v))
		}
		s.index[v] = i
		s.byName[string(v)] = i
		s.names[i] = string(v)
	}
	return s
}

// All yields the values in their canonical order.
func (s *Set[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, v := range s.values {
			if !yield(v) {
				return
			}
		}
	}
}

// Values returns a fresh slice of the values in canonical order.
func (s *Set[T]) Values() []T { return append([]T(nil), s.values...) }

// Len reports how many values the set has.
func (s *Set[T]) Len() int { return len(s.values) }

// Valid reports whether v is one of the set's values.
func (s *Set[T]) Valid(v T) bool {
	_, ok := s.index[v]
	return ok
}

// Index returns the position of v in canonical order, or -1.
func (s *Set[T]) Index(v T) int {
	if i, ok := s.index[v]; ok {
		return i
	}
	return -1
}

// Compare orders two values by their position in the set; invalid values
// sort before every valid one.
func (s *Set[T]) Compare(a, b T) int {
	ia, ib := s.Index(a), s.Index(b)
	switch {
	case ia < ib:
		return -1
	case ia > ib:
		return 1
	}
	return 0
}

// Parse returns the value whose token is exactly text. On failure it returns
// a *ismsaudit.ParseError that lists the valid tokens.
func (s *Set[T]) Parse(text string) (T, error) {
	v := T(text)
	if _, ok := s.index[v]; ok {
		return v, nil
	}
	return "", s.Error(text)
}

// Error builds the *ismsaudit.ParseError reporting text as not a value of s.
func (s *Set[T]) Error(text string) error {
	return &ismsaudit.ParseError{Pkg: s.pkg, Type: s.name, Input: text, Valid: append([]string(nil), s.names...)}
}

// Marshal implements MarshalText for a value of the set. The zero value
// (unset) marshals as empty text so optional fields round-trip; any other
// value outside the set is refused, so nothing invalid is ever written.
func (s *Set[T]) Marshal(v T) ([]byte, error) {
	if v != "" && !s.Valid(v) {
		return nil, s.Error(string(v))
	}
	return []byte(v), nil
}

// Unmarshal implements UnmarshalText: strict, exact tokens only. Empty
// text decodes to the zero value (unset), which validation then rejects
// where a value is required.
func (s *Set[T]) Unmarshal(text []byte, v *T) error {
	if len(text) == 0 {
		*v = ""
		return nil
	}
	// Looked up by the bytes (the conversion in the index expression
	// allocates nothing) and set to the set's own value, so decoding a
	// token allocates no string.
	i, ok := s.byName[string(text)]
	if !ok {
		return s.Error(string(text))
	}
	*v = s.values[i]
	return nil
}

// Name returns the enumeration's name.
func (s *Set[T]) Name() string { return s.name }
