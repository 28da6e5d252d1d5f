package audit

import (
	"slices"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/rng"
)

// SamplingGenerator names the procedure Draw follows. DrawSample records
// it in SamplingPlan.Generator, and Verify draws a statistical sample
// again only with the procedure it was drawn with. The procedure is fixed
// for ever under this name:
//
//  1. The frame is the population in order (its items, or the positions
//     "1" to "N" when only its size is known) without the exclusions; call
//     its length M and the sample size k.
//  2. The generator is SplitMix64 (Steele, Lea and Flood, 2014) started
//     from the plan's Seed.
//  3. A partial Fisher-Yates shuffle picks the sample: for i from 0 to
//     k-1, j = i + below(M-i), then the frame's elements i and j swap; the
//     sample is the first k elements. below(n) is Lemire's multiply-shift
//     method: the high 64 bits of the 128-bit product of the next output
//     and n, drawing again while the low 64 bits are under (2^64-n) mod n,
//     so that every value below n is equally likely.
//  4. The sample is reported in population order.
//
// Only 64-bit integer arithmetic is involved: the same seed and population
// give the same sample on every platform and Go version. The library never
// uses math/rand.
const SamplingGenerator = "splitmix64/fisher-yates/v1"

// MaxSampleSize is the largest sample a plan may ask for; larger sizes are
// refused rather than drawn.
const MaxSampleSize = 100_000

// Population is what a sample is drawn from: the items themselves, or only
// their number (items are then referred to by position, "1" to Size). When
// both are given, Size must equal the number of items.
type Population struct {
	Items []string `json:"items,omitempty"`
	Size  int      `json:"size,omitempty"`
}

// SamplingPlanID identifies a sampling plan within an audit. The host
// chooses it; evidence sampled under a plan refers to it
// (SampleRecord.Plan).
type SamplingPlanID string

// SamplingPlan records how a sample is drawn (19011 6.3.4, Annex A.6): a
// work document added with AddSamplingPlan, drawn with DrawSample
// (statistical) or chosen with RecordSelection (judgemental), and checked
// by Verify (rules AUD-SAMPLING-RECORDED, AUD-SAMPLING-REPRODUCIBLE).
type SamplingPlan struct {
	ID SamplingPlanID `json:"id"`
	// Purpose says what the sample tests, e.g. "leavers' access removed".
	Purpose    string     `json:"purpose"`
	Population Population `json:"population"`
	// Frame says where the population list came from and its period.
	Frame  string          `json:"frame"`
	Method SelectionMethod `json:"method"`
	Size   int             `json:"size"`
	// Exclusions are items excluded from the frame, with reasons in
	// Rationale.
	Exclusions []string `json:"exclusions,omitempty"`
	// Seed makes a statistical draw reproducible (see Draw); judgemental
	// plans leave it 0.
	Seed uint64 `json:"seed,omitempty"`
	// Rationale says why the size suffices (and why items are excluded).
	Rationale string `json:"rationale"`
	// Selected lists the items drawn (statistical plans, by DrawSample) or
	// chosen (judgemental plans, by RecordSelection), in population order.
	// It is set by the library and must be empty when the plan is added.
	Selected []string `json:"selected,omitempty"`
	// Generator names the procedure that drew a statistical sample
	// (SamplingGenerator), so that Verify can draw it again. Set by
	// DrawSample.
	Generator string `json:"generator,omitempty"`
	// SelectedAt and SelectedBy record when and by whom the sample was
	// drawn or chosen. Set by DrawSample and RecordSelection.
	SelectedAt time.Time `json:"selectedAt,omitzero"`
	SelectedBy string    `json:"selectedBy,omitempty"`
}

// SampleRecord describes how an evidence item was sampled (19011 6.4.7,
// Annex A.6).
type SampleRecord struct {
	// Plan is the id of the sampling plan, if the sample follows one.
	Plan SamplingPlanID `json:"plan,omitempty"`
	// Population describes what was sampled, and PopulationSize its size.
	Population     string          `json:"population"`
	PopulationSize int             `json:"populationSize"`
	SampleSize     int             `json:"sampleSize"`
	Method         SelectionMethod `json:"method"`
}

// SelectionMethod is how a sample is drawn (ISO 19011:2018 Annex A.6).
//
//ismsaudit:enum SelectionMethods
type SelectionMethod string

// The SelectionMethod values. Never reorder.
const (
	Judgemental SelectionMethod = "judgemental" // chosen by the auditor's knowledge and judgement (A.6.2)
	Statistical SelectionMethod = "statistical" // drawn at random from the frame (A.6.3)
)

// The rules of sampling.
const (
	RuleSamplingRecorded       ismsaudit.RuleID = "AUD-SAMPLING-RECORDED"
	RuleSamplingReproducible   ismsaudit.RuleID = "AUD-SAMPLING-REPRODUCIBLE"
	RuleSamplingBeforeFindings ismsaudit.RuleID = "AUD-SAMPLING-BEFORE-FINDINGS"
	RuleSamplingFixed          ismsaudit.RuleID = "AUD-SAMPLING-FIXED"
)

var samplingRules = []ismsaudit.Rule{
	{ID: RuleSamplingRecorded, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a sampling plan records its population, frame, method, size, exclusions and why the size suffices"},
	{ID: RuleSamplingReproducible, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a statistical sample is drawn by a seeded generator, so the same seed and population give the same sample"},
	{ID: RuleSamplingBeforeFindings, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "sampling plans are prepared, and samples drawn or chosen, during preparation or fieldwork"},
	{ID: RuleSamplingFixed, Clause: "19011:6.3.4", Principle: ismsaudit.PrincipleIntegrity, Text: "a sample, once drawn or chosen, stays as recorded; a different sample needs a new sampling plan"},
}

// samplingStates are the audit states in which sampling plans are added
// and samples drawn or chosen (19011 6.3.4).
var samplingStates = []State{StatePreparation, StateFieldwork}

// samplingPopulation is a checked population: its size, its items (nil
// when only the size is known) and the sorted positions (from 0) of the
// excluded items.
type samplingPopulation struct {
	n        int
	items    []string
	index    map[string]int
	excluded []int
}

// AddSamplingPlan appends a sampling plan (19011 6.3.4, Annex A.6) to the
// audit's work documents. It is allowed in preparation and fieldwork (rule
// AUD-SAMPLING-BEFORE-FINDINGS). The plan must record (rule
// AUD-SAMPLING-RECORDED) its population (items, or a size), the frame,
// the method, a size of at least 1 and at most the population less the
// exclusions, exclusions that are items of the population, and the
// rationale for the size; its ID must be new and Purpose given. A
// judgemental plan has no Seed. Selected, Generator, SelectedAt and
// SelectedBy are set by DrawSample or RecordSelection and must be empty.
// Every problem is reported at once in a *ismsaudit.ValidationError. The record
// keeps its own copy of p's slices.
func (a *Audit) AddSamplingPlan(p SamplingPlan, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "add-sampling-plan", m, &err)
	if err := a.requireState("add-sampling-plan", RuleSamplingBeforeFindings, samplingStates...); err != nil {
		return err
	}
	ch := &checker{subject: "sampling plan"}
	ch.meta(m)
	c := ch
	switch {
	case isBlank(string(p.ID)):
		c.shape("ID", "required", "", "the host's id for the plan")
	case a.samplingPlanByID(p.ID) != nil:
		c.shape("ID", "unique", string(p.ID), "the audit already has a sampling plan with this id")
	}
	c.samplingDescription("", &p)
	c.samplingFrame("", &p)
	if len(p.Selected) != 0 {
		c.shape("Selected", "library-set", "", "set by DrawSample or RecordSelection; leave it empty")
	}
	if p.Generator != "" {
		c.shape("Generator", "library-set", p.Generator, "set by DrawSample; leave it empty")
	}
	if !p.SelectedAt.IsZero() {
		c.shape("SelectedAt", "library-set", "", "set by DrawSample or RecordSelection; leave it empty")
	}
	if p.SelectedBy != "" {
		c.shape("SelectedBy", "library-set", p.SelectedBy, "set by DrawSample or RecordSelection; leave it empty")
	}
	if err := ch.err(); err != nil {
		return err
	}
	a.Sampling = append(a.Sampling, samplingClone(p))
	return nil
}

// SamplingPlan returns a copy of the sampling plan with the given id
// (slices copied too), and whether the audit has it.
func (a *Audit) SamplingPlan(id SamplingPlanID) (SamplingPlan, bool) {
	p := a.samplingPlanByID(id)
	if p == nil {
		return SamplingPlan{}, false
	}
	return samplingClone(*p), true
}

// DrawSample draws the sample of the statistical plan id with Draw and
// records it in the plan's Selected, with the Generator, m.At and m.By.
// It is allowed in preparation and fieldwork (rule
// AUD-SAMPLING-BEFORE-FINDINGS), once per plan (rule AUD-SAMPLING-FIXED).
func (a *Audit) DrawSample(id SamplingPlanID, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "draw-sample", m, &err)
	if err := a.requireState("draw-sample", RuleSamplingBeforeFindings, samplingStates...); err != nil {
		return err
	}
	p := a.samplingPlanByID(id)
	if p == nil {
		return notFound("sampling plan", string(id))
	}
	ch := &checker{subject: "sample draw"}
	ch.meta(m)
	if len(p.Selected) != 0 {
		ch.add("Selected", RuleSamplingFixed, "", "the sample was drawn on "+p.SelectedAt.Format("2006-01-02")+"; a different sample needs a new plan")
	}
	sample, err := Draw(*p)
	ch.merge("", "sampling", err)
	if err := ch.err(); err != nil {
		return err
	}
	p.Selected = sample
	p.Generator = SamplingGenerator
	p.SelectedAt, p.SelectedBy = m.At, m.By
	return nil
}

// RecordSelection records the items the auditor chose for the judgemental
// plan id (19011 Annex A.6.2): exactly the plan's Size of them, distinct,
// each an item of the population (a position "1" to "N" when only the
// size is known) and not excluded. They are kept in the order given, with
// m.At and m.By. A statistical plan is drawn with DrawSample instead (rule
// AUD-SAMPLING-REPRODUCIBLE). It is allowed in preparation and fieldwork
// (rule AUD-SAMPLING-BEFORE-FINDINGS), once per plan (rule
// AUD-SAMPLING-FIXED).
func (a *Audit) RecordSelection(id SamplingPlanID, items []string, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "record-selection", m, &err)
	if err := a.requireState("record-selection", RuleSamplingBeforeFindings, samplingStates...); err != nil {
		return err
	}
	p := a.samplingPlanByID(id)
	if p == nil {
		return notFound("sampling plan", string(id))
	}
	ch := &checker{subject: "sample selection"}
	ch.meta(m)
	c := ch
	if p.Method == Statistical {
		c.rule("Method", RuleSamplingReproducible, string(p.Method), "a statistical sample is drawn with DrawSample, not chosen")
	}
	if len(p.Selected) != 0 {
		c.rule("Selected", RuleSamplingFixed, "", "the sample was chosen on "+p.SelectedAt.Format("2006-01-02")+"; a different sample needs a new plan")
	}
	if pop, ok := c.samplingFrame("Plan", p); ok {
		c.samplingSelection("Items", p, pop, items)
	}
	if err := ch.err(); err != nil {
		return err
	}
	p.Selected = slices.Clone(items)
	p.SelectedAt, p.SelectedBy = m.At, m.By
	return nil
}

// Draw draws the sample of a statistical plan as SamplingGenerator
// describes, from the plan's Population, Exclusions, Size and Seed alone:
// the same plan always gives the same sample. It returns the sample in
// population order, or a *ismsaudit.ValidationError when the plan is not
// statistical or its population, exclusions or size do not allow a draw.
// Draw is pure: it changes nothing and can be called on any plan.
func Draw(p SamplingPlan) ([]string, error) {
	ch := &checker{subject: "sampling plan"}
	c := ch
	pop, ok := c.samplingFrame("", &p)
	if ok && p.Method != Statistical {
		c.shape("Method", "statistical-only", string(p.Method), "only a statistical plan is drawn; a judgemental sample is chosen with RecordSelection")
	}
	if err := ch.err(); err != nil {
		return nil, err
	}
	return pop.draw(p.Seed, p.Size), nil
}

// samplingPlanByID returns the plan with the given id, or nil.
func (a *Audit) samplingPlanByID(id SamplingPlanID) *SamplingPlan {
	for i := range a.Sampling {
		if a.Sampling[i].ID == id {
			return &a.Sampling[i]
		}
	}
	return nil
}

// samplingClone copies p so that the copy shares no memory with it.
func samplingClone(p SamplingPlan) SamplingPlan {
	p.Population.Items = slices.Clone(p.Population.Items)
	p.Exclusions = slices.Clone(p.Exclusions)
	p.Selected = slices.Clone(p.Selected)
	return p
}

// position returns the position (from 0) of an item of the population,
// or -1.
func (pop *samplingPopulation) position(item string) int {
	if pop.items != nil {
		if i, ok := pop.index[item]; ok {
			return i
		}
		return -1
	}
	n, err := strconv.Atoi(item)
	if err != nil || n < 1 || n > pop.n || strconv.Itoa(n) != item {
		return -1
	}
	return n - 1
}

// item returns the item at position i (from 0).
func (pop *samplingPopulation) item(i int) string {
	if pop.items != nil {
		return pop.items[i]
	}
	return strconv.Itoa(i + 1)
}

// isExcluded reports whether the item at position i is excluded.
func (pop *samplingPopulation) isExcluded(i int) bool {
	_, found := slices.BinarySearch(pop.excluded, i)
	return found
}

// draw runs the procedure of SamplingGenerator; the population and k have
// been checked (1 <= k <= frame length, k <= MaxSampleSize).
func (pop *samplingPopulation) draw(seed uint64, k int) []string {
	m := pop.n - len(pop.excluded)
	picked := samplingShuffle(seed, m, k)
	out := make([]string, len(picked))
	// Map frame indexes (ascending) to population positions by walking
	// the sorted exclusions once.
	e := 0
	for i, idx := range picked {
		pos := idx + e
		for e < len(pop.excluded) && pop.excluded[e] <= pos {
			e++
			pos++
		}
		out[i] = pop.item(pos)
	}
	return out
}

// samplingShuffle runs k steps of a Fisher-Yates shuffle over the frame
// 0..m-1 (internal/rng keeps only the displaced elements, so a frame of
// any size costs O(k)) and returns the picks in ascending order.
func samplingShuffle(seed uint64, m, k int) []int {
	out := rng.New(seed).Sample(m, k)
	slices.Sort(out)
	return out
}

// samplingDescription checks what a plan says about itself (rule
// AUD-SAMPLING-RECORDED): purpose, frame and rationale.
func (c *checker) samplingDescription(prefix string, p *SamplingPlan) {
	at := func(field string) string { return errs.JoinPath(prefix, field) }
	if isBlank(p.Purpose) {
		c.shape(at("Purpose"), "required", "", "what the sample tests")
	}
	if isBlank(p.Frame) {
		c.rule(at("Frame"), RuleSamplingRecorded, "", "where the population list came from and the period it covers")
	}
	if isBlank(p.Rationale) {
		c.rule(at("Rationale"), RuleSamplingRecorded, "", "why the sample size suffices (and why items are excluded)")
	}
}

// samplingFrame checks the population, exclusions, method, size and seed
// of a plan (rule AUD-SAMPLING-RECORDED) and returns the checked
// population when a sample can be drawn or chosen from it.
func (c *checker) samplingFrame(prefix string, p *SamplingPlan) (samplingPopulation, bool) {
	at := func(field string) string { return errs.JoinPath(prefix, field) }
	problems := c.len()
	pop := samplingPopulation{n: p.Population.Size}
	items := p.Population.Items
	switch {
	case len(items) == 0 && p.Population.Size == 0:
		c.rule(at("Population"), RuleSamplingRecorded, "", "the population's items, or its size")
	case p.Population.Size < 0:
		c.rule(at("Population.Size"), RuleSamplingRecorded, strconv.Itoa(p.Population.Size), "a population has at least one item")
	case len(items) > 0 && p.Population.Size != 0 && p.Population.Size != len(items):
		c.rule(at("Population.Size"), RuleSamplingRecorded, strconv.Itoa(p.Population.Size), "differs from the number of items ("+strconv.Itoa(len(items))+"); give the items, or the size, or both in agreement")
	}
	if len(items) > 0 {
		pop.n, pop.items = len(items), items
		pop.index = make(map[string]int, len(items))
		for i, it := range items {
			if isBlank(it) {
				c.shape(at(errs.Index("Population.Items", i)), "required", "", "an item of the population is named")
				continue
			}
			if j, dup := pop.index[it]; dup {
				c.shape(at(errs.Index("Population.Items", i)), "unique", it, "the same item as Population.Items["+strconv.Itoa(j)+"]")
				continue
			}
			pop.index[it] = i
		}
	}
	seen := make(map[int]int, len(p.Exclusions))
	for i, x := range p.Exclusions {
		if pop.n <= 0 {
			break // no population to exclude from; reported above
		}
		pos := pop.position(x)
		if pos < 0 {
			c.rule(at(errs.Index("Exclusions", i)), RuleSamplingRecorded, x, "not an item of the population")
			continue
		}
		if j, dup := seen[pos]; dup {
			c.shape(at(errs.Index("Exclusions", i)), "unique", x, "the same item as Exclusions["+strconv.Itoa(j)+"]")
			continue
		}
		seen[pos] = i
		pop.excluded = append(pop.excluded, pos)
	}
	slices.Sort(pop.excluded)
	switch {
	case p.Method == "":
		c.rule(at("Method"), RuleSamplingRecorded, "", "how the sample is selected: "+tokens(SelectionMethods()))
	case !p.Method.IsValid():
		c.shape(at("Method"), "enum", string(p.Method), "one of "+tokens(SelectionMethods()))
	case p.Method == Judgemental && p.Seed != 0:
		c.shape(at("Seed"), "not-applicable", strconv.FormatUint(p.Seed, 10), "a judgemental sample is chosen, not drawn: leave the seed at 0")
	}
	frame := pop.n - len(pop.excluded)
	switch {
	case p.Size <= 0:
		c.rule(at("Size"), RuleSamplingRecorded, strconv.Itoa(p.Size), "a sample has at least one item")
	case p.Size > MaxSampleSize:
		c.shape(at("Size"), "max", strconv.Itoa(p.Size), "at most "+strconv.Itoa(MaxSampleSize))
	case pop.n > 0 && p.Size > frame:
		c.rule(at("Size"), RuleSamplingRecorded, strconv.Itoa(p.Size), "larger than the population less the exclusions ("+strconv.Itoa(frame)+")")
	}
	return pop, c.len() == problems
}

// samplingSelection checks chosen items against a checked population: the
// plan's Size of them, distinct, in the population and not excluded (rule
// AUD-SAMPLING-RECORDED).
func (c *checker) samplingSelection(path string, p *SamplingPlan, pop samplingPopulation, items []string) {
	if len(items) != p.Size {
		c.rule(path, RuleSamplingRecorded, strconv.Itoa(len(items)), "the plan's sample size is "+strconv.Itoa(p.Size))
	}
	seen := make(map[string]int, len(items))
	for i, it := range items {
		pos := pop.position(it)
		switch {
		case pos < 0:
			c.rule(errs.Index(path, i), RuleSamplingRecorded, it, "not an item of the population")
		case pop.isExcluded(pos):
			c.rule(errs.Index(path, i), RuleSamplingRecorded, it, "excluded from the frame")
		}
		if j, dup := seen[it]; dup {
			c.shape(errs.Index(path, i), "unique", it, "the same item as "+errs.Index(path, j))
			continue
		}
		seen[it] = i
	}
}

// verifySampling checks the sampling plans: complete (AUD-SAMPLING-RECORDED),
// not before preparation (AUD-SAMPLING-BEFORE-FINDINGS), and every sample
// recorded with who and when, drawn from the frame, and for statistical
// plans equal to a fresh draw (AUD-SAMPLING-REPRODUCIBLE).
func (v *verifier) verifySampling() {
	a := v.a
	c := v.ch
	if len(a.Sampling) > 0 && a.State == StateInitiation {
		v.violate("Sampling", RuleSamplingBeforeFindings, string(a.State), "sampling plans before preparation")
	}
	ids := make(map[SamplingPlanID]int, len(a.Sampling))
	for i := range a.Sampling {
		p := &a.Sampling[i]
		path := errs.Index("Sampling", i)
		if isBlank(string(p.ID)) {
			c.shape(path+".ID", "required", "", "the host's id for the plan")
		} else if j, dup := ids[p.ID]; dup {
			c.shape(path+".ID", "unique", string(p.ID), "the same id as "+errs.Index("Sampling", j))
		} else {
			ids[p.ID] = i
		}
		c.samplingDescription(path, p)
		pop, ok := c.samplingFrame(path, p)
		if len(p.Selected) == 0 {
			if p.Generator != "" || !p.SelectedAt.IsZero() || p.SelectedBy != "" {
				c.shape(path+".Selected", "required", "", "the plan records a draw or choice but no sample")
			}
			continue
		}
		if ok {
			c.samplingSelection(path+".Selected", p, pop, p.Selected)
		}
		if p.SelectedAt.IsZero() {
			c.shape(path+".SelectedAt", "required", "", "when the sample was drawn or chosen")
		}
		if isBlank(p.SelectedBy) {
			c.shape(path+".SelectedBy", "required", "", "who drew or chose the sample")
		}
		switch p.Method {
		case Statistical:
			switch {
			case p.Generator != SamplingGenerator:
				v.violate(path+".Generator", RuleSamplingReproducible, p.Generator, "not a generator this library can draw with again ("+SamplingGenerator+")")
			case ok && !slices.Equal(pop.draw(p.Seed, p.Size), p.Selected):
				v.violate(path+".Selected", RuleSamplingReproducible, "", "drawing again with the plan's seed gives a different sample")
			}
		case Judgemental:
			if p.Generator != "" {
				c.shape(path+".Generator", "not-applicable", p.Generator, "a judgemental sample is chosen, not drawn")
			}
		}
	}
}
