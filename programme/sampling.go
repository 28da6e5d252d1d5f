package programme

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/rng"
)

// SiteID identifies a site of a multi-site organization; the host chooses
// it. Scheduled audits name the sites they visit by it.
type SiteID string

// Site is one site of a multi-site organization (IAF MD 1:2018), as
// [SampleSites] samples it.
type Site struct {
	// ID is the host's id of the site; unique.
	ID SiteID `json:"id"`
	// Central marks the central function, where the ISMS is managed and
	// controlled; exactly one site has it.
	Central bool `json:"central,omitempty"`
	// HighRisk marks a site the host judges higher risk (its own
	// activities, previous findings, complaints, changes): it is always
	// sampled.
	HighRisk bool `json:"highRisk,omitempty"`
	// Visits is how many audits of the current certification cycle have
	// already covered the site; LastVisit is the date of the latest (zero
	// for never). Sampling prefers sites visited least, then longest ago.
	Visits    int       `json:"visits,omitempty"`
	LastVisit time.Time `json:"lastVisit,omitzero"`
}

// SamplingFactors are the figures of IAF MD 1:2018 sampling, data the host
// may replace (see [DefaultSamplingFactors]).
type SamplingFactors struct {
	// Initial, Surveillance and Recertification multiply the square root
	// of the number of sites besides the central function (above 0, at
	// most 2).
	Initial         float64 `json:"initial"`
	Surveillance    float64 `json:"surveillance"`
	Recertification float64 `json:"recertification"`
	// RandomShare is the least share of the sample drawn at random (0 to
	// 1).
	RandomShare float64 `json:"randomShare"`
	// NoSamplingSurveillanceShare is, when sites are not sampled, the
	// share of the sites each surveillance covers (above 0, at most 1).
	NoSamplingSurveillanceShare float64 `json:"noSamplingSurveillanceShare"`
}

// DefaultSamplingFactors returns the IAF MD 1:2018 figures: √x for an
// initial audit (MD 1 6.1.3.3, as EA FAQ 42.6 quotes it), 0.6·√x for a
// surveillance and 0.8·√x for a recertification (EA FAQ 46.5); at least
// 25 % of the sample at random (a scheme text restating MD 1: one public
// source); and, without sampling, 30 % of the sites per surveillance (MD
// 1 6.2.1, EA FAQ 46.5).
func DefaultSamplingFactors() SamplingFactors {
	return SamplingFactors{Initial: 1, Surveillance: 0.6, Recertification: 0.8, RandomShare: 0.25, NoSamplingSurveillanceShare: 0.3}
}

// SampleOptions configures [SampleSites].
type SampleOptions struct {
	// Kind is the audit sampled for: stage1 or stage2 (the initial audit),
	// surveillance or recertification.
	Kind annexa.AuditKind `json:"kind"`
	// Seed seeds the random part of the sample: the same seed and sites
	// give the same sample.
	Seed uint64 `json:"seed"`
	// NoSampling says site sampling is not appropriate (IAF MD 1:2018
	// 6.2.1): initial and recertification audits then cover every site,
	// and a surveillance covers the NoSamplingSurveillanceShare of them
	// chosen by rotation.
	NoSampling bool `json:"noSampling,omitempty"`
	// Factors gives the figures; nil means [DefaultSamplingFactors].
	Factors *SamplingFactors `json:"factors,omitempty"`
}

// SampleReason says why a site is in a sample.
//
//ismsaudit:enum SampleReasons
type SampleReason string

// The reasons. Never reorder.
const (
	// SampledCentral: the central function is audited every time (IAF MD
	// 1:2018 6.1).
	SampledCentral SampleReason = "central"
	// SampledHighRisk: the host marked the site high risk (project
	// default).
	SampledHighRisk SampleReason = "high-risk"
	// SampledRandom: drawn at random with the caller's seed (IAF MD 1).
	SampledRandom SampleReason = "random"
	// SampledRotation: chosen to vary the sites over the cycle: visited
	// least, then longest ago (IAF MD 1).
	SampledRotation SampleReason = "rotation"
	// SampledEverySite: the audit covers every site (the sample would be
	// the whole population, or sites are not sampled: IAF MD 1 6.2.1).
	SampledEverySite SampleReason = "every-site"
)

// SampledSite is one site of a sample and why it is there.
type SampledSite struct {
	// Site is the site's id.
	Site SiteID `json:"site"`
	// Reason says why it was chosen; Rule is the rule behind the choice.
	Reason SampleReason     `json:"reason"`
	Rule   ismsaudit.RuleID `json:"rule"`
	// Detail explains the choice in a few words.
	Detail string `json:"detail"`
}

// SiteSample is a multi-site sample with its explanation.
type SiteSample struct {
	// Kind is the audit sampled for; NoSampling and Seed are as given.
	Kind       annexa.AuditKind `json:"kind"`
	NoSampling bool             `json:"noSampling,omitempty"`
	Seed       uint64           `json:"seed"`
	// Sites is x, the number of sites besides the central function.
	Sites int `json:"sites"`
	// Factor is the factor applied and Root the unrounded factor·√x (or
	// share·x without sampling); Size is y, Root rounded up: how many
	// sites besides the central function and the high-risk sites the
	// sample draws.
	Factor float64 `json:"factor"`
	Root   float64 `json:"root"`
	Size   int     `json:"size"`
	// Random is how many of those were drawn at random.
	Random int `json:"random"`
	// Sampled lists the sample: the central function, then high-risk
	// sites by id, then random draws in the order drawn, then rotation
	// choices in the order chosen (or every site by id).
	Sampled []SampledSite `json:"sampled"`
	// NotSampled lists the other sites, by id.
	NotSampled []SiteID `json:"notSampled,omitempty"`
}

// IDs returns the ids of the sampled sites, in sample order.
func (s *SiteSample) IDs() []SiteID {
	out := make([]SiteID, len(s.Sampled))
	for i, x := range s.Sampled {
		out[i] = x.Site
	}
	return out
}

// SampleSites chooses the sites a multi-site audit visits (IAF MD 1:2018;
// ISO/IEC 27006 9.1.5) and explains each choice:
//
//   - the central function, always (PRG-SAMPLE-CENTRAL);
//   - every site marked high risk, added to the sample (PRG-SAMPLE-HIGH-RISK);
//   - y = ⌈factor·√x⌉ of the other sites, x being the number of sites
//     besides the central function and the factor 1 (stage 1, stage 2),
//     0.6 (surveillance) or 0.8 (recertification) (PRG-SAMPLE-SIZE): at
//     least a quarter of them, rounded up, drawn at random with
//     internal/rng seeded by opts.Seed (PRG-SAMPLE-RANDOM), the rest the
//     sites visited least in the cycle, then longest ago, then by id
//     (PRG-SAMPLE-VARY). When y reaches the number of such sites, all are
//     in (reason every-site).
//
// With opts.NoSampling (IAF MD 1 6.2.1) initial and recertification audits
// take every site, and a surveillance ⌈share·x⌉ sites by rotation, plus
// the central function and the high-risk sites (PRG-SAMPLE-NO-SAMPLING).
//
// The result depends only on the sites (not their order) and the options.
// No sites, no or several central functions, no site besides the central
// one, repeated ids, a kind other than the four above or bad factors come
// back as one *ismsaudit.ValidationError.
func SampleSites(sites []Site, opts SampleOptions) (SiteSample, error) {
	col := newCollector("site sample")
	f := DefaultSamplingFactors()
	if opts.Factors != nil {
		f = *opts.Factors
	}
	checkSamplingFactors(col, "Factors", f)
	var factor float64
	switch opts.Kind {
	case annexa.Stage1, annexa.Stage2:
		factor = f.Initial
	case annexa.Surveillance:
		factor = f.Surveillance
	case annexa.Recertification:
		factor = f.Recertification
	case "":
		col.Add("Kind", ismsaudit.RuleRequired, "", "stage1, stage2, surveillance or recertification")
	default:
		col.Add("Kind", ismsaudit.RuleEnum, string(opts.Kind), "sampling applies to stage1, stage2, surveillance and recertification audits")
	}
	if len(sites) == 0 {
		col.Add("Sites", RuleSampleSites, "0", "no sites: a multi-site sample needs a central function and at least one other site")
	}
	central, others := -1, 0
	seen := make(map[SiteID]int, len(sites))
	for i := range sites {
		s := &sites[i]
		p := indexPath("Sites", i)
		if strings.TrimSpace(string(s.ID)) == "" {
			col.Add(p+".ID", ismsaudit.RuleRequired, string(s.ID), "the site's id")
		} else if j, dup := seen[s.ID]; dup {
			col.Add(p+".ID", ismsaudit.RuleUnique, string(s.ID), "same as Sites["+strconv.Itoa(j)+"]")
		} else {
			seen[s.ID] = i
		}
		if s.Visits < 0 {
			col.Add(p+".Visits", "gte", strconv.Itoa(s.Visits), "at least 0")
		}
		if s.Central {
			if central >= 0 {
				col.Add(p+".Central", RuleSampleSites, string(s.ID), "a second central function (the first is Sites["+strconv.Itoa(central)+"])")
			} else {
				central = i
			}
		} else {
			others++
		}
	}
	if len(sites) > 0 && central < 0 {
		col.Add("Sites", RuleSampleSites, "", "no site is marked as the central function")
	}
	if len(sites) > 0 && others == 0 {
		col.Add("Sites", RuleSampleSites, "0", "no site besides the central function: there is nothing to sample")
	}
	if err := col.Err(); err != nil {
		return SiteSample{}, err
	}

	out := SiteSample{Kind: opts.Kind, NoSampling: opts.NoSampling, Seed: opts.Seed, Sites: others}
	out.Sampled = append(out.Sampled, SampledSite{Site: sites[central].ID, Reason: SampledCentral, Rule: RuleSampleCentral, Detail: "the central function is audited at every audit"})
	// The other sites, by id, so the result does not depend on input order.
	var pool, risky []*Site
	for i := range sites {
		switch s := &sites[i]; {
		case s.Central:
		case s.HighRisk:
			risky = append(risky, s)
		default:
			pool = append(pool, s)
		}
	}
	byID := func(a, b *Site) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(pool, byID)
	slices.SortFunc(risky, byID)
	for _, s := range risky {
		out.Sampled = append(out.Sampled, SampledSite{Site: s.ID, Reason: SampledHighRisk, Rule: RuleSampleHighRisk, Detail: "marked high risk by the host: added to the sample"})
	}

	every := false
	switch {
	case opts.NoSampling && opts.Kind == annexa.Surveillance:
		out.Factor = f.NoSamplingSurveillanceShare
		out.Root = out.Factor * float64(others)
	case opts.NoSampling:
		out.Factor = 1
		out.Root = float64(others)
		every = true
	default:
		out.Factor = factor
		out.Root = factor * math.Sqrt(float64(others))
	}
	out.Size = min(int(math.Ceil(math.Round(out.Root*1e9)/1e9)), others)
	take := min(out.Size, len(pool))
	if take == len(pool) {
		every = true
	}
	chosen := make([]bool, len(pool))
	if every {
		detail := "the sample takes every site"
		rule := RuleSampleSize
		if opts.NoSampling {
			detail, rule = "sites are not sampled: every site is audited", RuleSampleNoSampling
		}
		for i, s := range pool {
			chosen[i] = true
			out.Sampled = append(out.Sampled, SampledSite{Site: s.ID, Reason: SampledEverySite, Rule: rule, Detail: detail})
		}
	} else {
		rest := take
		if !opts.NoSampling {
			out.Random = min(int(math.Ceil(math.Round(f.RandomShare*float64(take)*1e9)/1e9)), take)
			draws := rng.New(opts.Seed).Sample(len(pool), out.Random)
			for n, i := range draws {
				chosen[i] = true
				out.Sampled = append(out.Sampled, SampledSite{Site: pool[i].ID, Reason: SampledRandom, Rule: RuleSampleRandom,
					Detail: "draw " + strconv.Itoa(n+1) + " of " + strconv.Itoa(out.Random) + " with seed " + strconv.FormatUint(opts.Seed, 10)})
			}
			rest -= out.Random
		}
		order := make([]int, 0, len(pool))
		for i := range pool {
			if !chosen[i] {
				order = append(order, i)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int {
			x, y := pool[a], pool[b]
			if c := cmp.Compare(x.Visits, y.Visits); c != 0 {
				return c
			}
			return x.LastVisit.Compare(y.LastVisit) // never visited (zero) first; ties keep id order
		})
		rule := RuleSampleVary
		if opts.NoSampling {
			rule = RuleSampleNoSampling
		}
		for _, i := range order[:rest] {
			chosen[i] = true
			s := pool[i]
			detail := "not yet audited in the cycle"
			if s.Visits > 0 || !s.LastVisit.IsZero() {
				detail = "audited " + strconv.Itoa(s.Visits) + " times in the cycle"
				if s.Visits == 1 {
					detail = "audited once in the cycle"
				}
				if !s.LastVisit.IsZero() {
					detail += ", last on " + formatDay(s.LastVisit)
				}
			}
			out.Sampled = append(out.Sampled, SampledSite{Site: s.ID, Reason: SampledRotation, Rule: rule, Detail: detail + ": chosen to vary the sites over the cycle"})
		}
	}
	for i, s := range pool {
		if !chosen[i] {
			out.NotSampled = append(out.NotSampled, s.ID)
		}
	}
	return out, nil
}

// checkSamplingFactors reports factors out of range.
func checkSamplingFactors(col *errs.Collector, prefix string, f SamplingFactors) {
	for _, x := range []struct {
		field string
		v     float64
		max   float64
	}{
		{"Initial", f.Initial, 2}, {"Surveillance", f.Surveillance, 2}, {"Recertification", f.Recertification, 2},
		{"NoSamplingSurveillanceShare", f.NoSamplingSurveillanceShare, 1},
	} {
		if !finiteAtLeast(x.v, 0) || x.v == 0 || x.v > x.max {
			col.Add(prefix+"."+x.field, ismsaudit.RuleRange, formatNum(x.v), "above 0 and at most "+formatNum(x.max))
		}
	}
	if !finiteAtLeast(f.RandomShare, 0) || f.RandomShare > 1 {
		col.Add(prefix+".RandomShare", ismsaudit.RuleRange, formatNum(f.RandomShare), "0 to 1")
	}
}

// The rules of multi-site sampling (IAF MD 1:2018).
const (
	RuleSampleSites      ismsaudit.RuleID = "PRG-SAMPLE-SITES"
	RuleSampleSize       ismsaudit.RuleID = "PRG-SAMPLE-SIZE"
	RuleSampleCentral    ismsaudit.RuleID = "PRG-SAMPLE-CENTRAL"
	RuleSampleHighRisk   ismsaudit.RuleID = "PRG-SAMPLE-HIGH-RISK"
	RuleSampleRandom     ismsaudit.RuleID = "PRG-SAMPLE-RANDOM"
	RuleSampleVary       ismsaudit.RuleID = "PRG-SAMPLE-VARY"
	RuleSampleNoSampling ismsaudit.RuleID = "PRG-SAMPLE-NO-SAMPLING"
)

var samplingRules = []ismsaudit.Rule{
	{ID: RuleSampleSites, Clause: "IAF-MD1:6.1", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a multi-site sample needs exactly one central function and at least one other site, each with a unique id"},
	{ID: RuleSampleSize, Clause: "IAF-MD1:6.1.3.3", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the sample is the square root of the number of sites other than the central function, times 1 (initial), 0.6 (surveillance) or 0.8 (recertification), rounded up"},
	{ID: RuleSampleCentral, Clause: "IAF-MD1:6.1", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the central function is audited at every audit"},
	{ID: RuleSampleHighRisk, Clause: "IAF-MD1:6.1", Principle: ismsaudit.PrincipleRiskBased, Text: "every site the host marks as high risk is added to the sample", Basis: "project default: IAF MD 1 increases the sample for risk; its factors were not checked"},
	{ID: RuleSampleRandom, Clause: "IAF-MD1:6.1", Principle: ismsaudit.PrincipleEvidenceBased, Text: "at least 25 % of the sample is chosen at random, by a generator seeded by the caller", Basis: "as restated by CGC QSP 231-17 and EA FAQ 46.5"},
	{ID: RuleSampleVary, Clause: "IAF-MD1:6.1", Principle: ismsaudit.PrincipleEvidenceBased, Text: "the rest of the sample is chosen so that the sites audited over the cycle differ as much as possible", Basis: "as restated by CGC QSP 231-17"},
	{ID: RuleSampleNoSampling, Clause: "IAF-MD1:6.2.1", Principle: ismsaudit.PrincipleEvidenceBased, Text: "without sampling, initial and recertification audits cover every site and each surveillance covers 30 % of the sites, rounded up, plus the central function"},
}
