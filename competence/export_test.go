package competence

import "strings"

// ReferenceSelectTeam is team selection as it was before it became lazy
// (reference_internal_test.go), for the tests that hold the current one to
// it.
var ReferenceSelectTeam = (*Pool).referenceSelectTeam

// BuiltProblem is the set-cover instance one selection built, for the
// tests of which people the lazy build checks: each option as "id
// auditor|expert: needs" (need indexes, "leader" for the leader bit), the
// padding and the people whose eligibility was computed, in pool order.
type BuiltProblem struct {
	Options []string
	Pad     []AuditorID
	Checked []AuditorID
}

// BuildProblem runs the lazy build (buildLazy) or the eager one (build)
// of a selection; ok is false when it found no problem (lazy: a need
// unmet or too few auditors; eager: the unmet needs it reports).
func BuildProblem(p *Pool, needs TeamNeeds, opts *SelectOptions, lazy bool) (BuiltProblem, bool, error) {
	r, err := p.resolve(&needs, opts)
	if err != nil {
		return BuiltProblem{}, false, err
	}
	s := p.newSelection(&needs, r)
	var prob *problem
	if lazy {
		prob = s.buildLazy()
	} else {
		prob, _ = s.build()
	}
	var out BuiltProblem
	for i := range s.people {
		if s.people[i].checked {
			out.Checked = append(out.Checked, p.auditors[i].ID)
		}
	}
	if prob == nil {
		return out, false, nil
	}
	for _, o := range prob.opts {
		kind := "auditor"
		if o.expert {
			kind = "expert"
		}
		var bits []string
		for b := range prob.nbits {
			switch {
			case !o.mask.has(b):
			case b == s.leaderBit:
				bits = append(bits, "leader")
			default:
				bits = append(bits, itoa(b))
			}
		}
		out.Options = append(out.Options, string(p.auditors[o.person].ID)+" "+kind+": "+strings.Join(bits, ","))
	}
	for _, i := range prob.pad {
		out.Pad = append(out.Pad, p.auditors[i].ID)
	}
	return out, true, nil
}
