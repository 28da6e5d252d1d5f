package annexa

import (
	"iter"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Filter selects Annex A controls by theme and by ISO/IEC 27002:2022
// attribute. Values of the same kind are alternatives and kinds combine:
// Filter{Attributes: []Attribute{Detective, Corrective, Availability}}
// selects the controls that are detective or corrective, and that protect
// availability. An empty filter selects every control.
type Filter struct {
	// Themes, when not empty, keeps the controls of these themes.
	Themes []Theme `json:"themes,omitempty"`
	// Attributes, when not empty, keeps the controls that carry, for each
	// attribute kind present, at least one of the listed values of it.
	Attributes []Attribute `json:"attributes,omitempty"`
}

// IsZero reports whether the filter selects everything.
func (f Filter) IsZero() bool { return len(f.Themes) == 0 && len(f.Attributes) == 0 }

// Validate reports unknown themes or attributes, each with its path.
func (f Filter) Validate() error {
	_, err := f.compile()
	return err
}

// Match reports whether c passes the filter. An invalid filter matches
// nothing; use Validate to find out why.
func (f Filter) Match(c Control) bool {
	m, err := f.compile()
	return err == nil && c.c != nil && m.match(c.c)
}

// matcher is a compiled filter: a theme set and one attribute mask per kind.
type matcher struct {
	themes uint8
	kinds  [5]attrMask
}

func (f Filter) compile() (matcher, error) {
	var m matcher
	col := errs.NewCollector("annexa", "filter")
	for i, t := range f.Themes {
		if n := t.Clause(); n > 0 {
			m.themes |= 1 << (n - 5)
		} else {
			col.Add(errs.Index("Themes", i), ismsaudit.RuleEnum, string(t), "not a theme")
		}
	}
	for i, a := range f.Attributes {
		k := attributeKindSet.Index(a.Kind())
		if k < 0 {
			col.Add(errs.Index("Attributes", i), ismsaudit.RuleEnum, string(a), "not a 27002 attribute value")
			continue
		}
		m.kinds[k] |= a.mask()
	}
	return m, col.Err()
}

func (m matcher) match(c *control) bool {
	if m.themes != 0 && m.themes&(1<<(c.theme.Clause()-5)) == 0 {
		return false
	}
	for _, k := range m.kinds {
		if k != 0 && c.attrs&k == 0 {
			return false
		}
	}
	return true
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
