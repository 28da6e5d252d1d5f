package programme

import (
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// New starts version 1 of a programme in StateDraft; m says when and by
// whom. Only opts.ID is needed to start: the rest of the content can be
// given here or later with Update, and approval checks it is complete
// (Rules). Every problem with the options is reported at once in a
// *ismsaudit.ValidationError.
func New(opts NewOptions, m ismsaudit.Meta) (*Programme, error) {
	col := newCollector("new programme")
	if progBlank(string(opts.ID)) {
		col.Add("ID", "required", "", "the host's id for the programme")
	}
	if m.At.IsZero() {
		col.Add("Meta.At", "required", "", "when the programme was started")
	}
	if progBlank(m.By) {
		col.Add("Meta.By", "required", "", "who started the programme")
	}
	matrix := DefaultMatrix()
	if opts.Matrix != nil {
		matrix = progCopy(*opts.Matrix)
	}
	validateContent(col, "", opts.Objectives, opts.Managers, &opts.Extent, &opts.Resources, &opts.Records)
	matrix.validateInto(col, "Matrix")
	if err := col.Err(); err != nil {
		return nil, err
	}
	return &Programme{
		ID: opts.ID, Version: 1, CreatedAt: m.At, CreatedBy: m.By,
		State: programmeMachine.Initial(), History: []Entry{},
		Objectives: progCopy(opts.Objectives), Managers: progCopy(opts.Managers),
		Extent: progCopy(opts.Extent), Resources: progCopy(opts.Resources), Records: progCopy(opts.Records),
		Matrix: matrix,
	}, nil
}

// validateContent checks the shape of a programme's content; nil parts
// are not checked. Paths are prefixed with prefix.
func validateContent(col *errs.Collector, prefix string, objectives []Objective, managers []Manager, extent *Extent, resources *Resources, records *RecordsPolicy) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	ids := make(map[string]bool, len(objectives))
	for i := range objectives {
		o := &objectives[i]
		at := p(errs.Index("Objectives", i))
		validate.Struct(col, at, o)
		if o.ID != "" && ids[o.ID] {
			col.Add(at+".ID", "unique", o.ID, "objective ids must not repeat")
		}
		ids[o.ID] = true
		if !progFinite(o.Target.Value) {
			col.Add(at+".Target.Value", "finite", "", "a finite number is required")
		}
	}
	people := make(map[string]bool, len(managers))
	for i := range managers {
		mg := &managers[i]
		at := p(errs.Index("Managers", i))
		validate.Struct(col, at, mg)
		if mg.Person != "" && people[mg.Person] {
			col.Add(at+".Person", "unique", mg.Person, "each manager is listed once")
		}
		people[mg.Person] = true
	}
	if extent != nil {
		validate.Struct(col, p("Extent"), extent)
		if !progFinite(extent.AuditDays) {
			col.Add(p("Extent.AuditDays"), "finite", "", "a finite number is required")
		}
		if !extent.Start.IsZero() && !extent.End.IsZero() && !extent.End.After(extent.Start) {
			col.Add(p("Extent.End"), "time-order", extent.End.Format(time.RFC3339), "the period ends after it starts")
		}
	}
	if resources != nil {
		validate.Struct(col, p("Resources"), resources)
		if !progFinite(resources.AuditorDays) {
			col.Add(p("Resources.AuditorDays"), "finite", "", "a finite number is required")
		}
		if !progFinite(resources.TravelDays) {
			col.Add(p("Resources.TravelDays"), "finite", "", "a finite number is required")
		}
	}
	if records != nil {
		validate.Struct(col, p("Records"), records)
	}
}

// lastTime is the time the next lifecycle event may not precede: the
// latest of the creation of the version, its latest history entry and the
// latest review recorded against it.
func (p *Programme) lastTime() time.Time {
	last := p.CreatedAt
	if t := fsm.Last(p.History); t.After(last) {
		last = t
	}
	if r := p.latestReview(); r != nil && r.At.After(last) {
		last = r.At
	}
	return last
}

// Fire applies a lifecycle event (approve, implement, review, resume,
// close) with the time and actor in m, appending one history entry; a
// refused event returns a *ismsaudit.TransitionError naming the rule and changes
// nothing. Improving goes through Improve, which returns the next
// version: Fire refuses EventImprove.
func (p *Programme) Fire(e Event, m ismsaudit.Meta) error {
	entry, err := programmeMachine.Fire(&programmeSubject{p: p}, p.State, p.lastTime(), e, m)
	if err != nil {
		return err
	}
	p.State = entry.To
	p.History = append(p.History, entry)
	return nil
}

// Can reports whether event e may fire now (for improve: whether Improve
// may be called).
func (p *Programme) Can(e Event) bool {
	return programmeMachine.Can(&programmeSubject{p: p, probe: true}, p.State, e)
}

// Permitted returns the events that may fire now, in canonical order.
func (p *Programme) Permitted() []Event {
	return programmeMachine.Permitted(&programmeSubject{p: p, probe: true}, p.State)
}

// Update changes the content of a draft programme: each non-nil field of
// c replaces the programme's own, and c.Implements adds to Implements.
// Only a draft changes this way (PRG-CHANGE-IN-DRAFT): an approved
// programme changes through review and Improve. Every problem is reported
// at once in a *ismsaudit.ValidationError, and the programme is then unchanged.
func (p *Programme) Update(c Changes) error {
	if err := p.progRequireState("update", RuleChangeInDraft, "", StateDraft); err != nil {
		return err
	}
	col := newCollector("changes")
	validateChanges(col, c, p.Version, p.Reviews, p.implemented())
	if err := col.Err(); err != nil {
		return err
	}
	p.applyChanges(c)
	return nil
}

// validateChanges checks c for the given version, which would carry out
// c.Implements: reviews are the programme's reviews so far, done the
// actions already carried out (implemented).
func validateChanges(col *errs.Collector, c Changes, version int, reviews []Review, done map[string]int) {
	validateContent(col, "", c.Objectives, c.Managers, c.Extent, c.Resources, c.Records)
	if c.Matrix != nil {
		c.Matrix.validateInto(col, "Matrix")
	}
	actions := map[string]int{} // id -> version of the review that raised it
	for _, r := range reviews {
		for _, a := range r.Actions {
			if _, dup := actions[a.ID]; !dup {
				actions[a.ID] = r.Version
			}
		}
	}
	seen := map[string]bool{}
	for i, id := range c.Implements {
		at := errs.Index("Implements", i)
		v, ok := actions[id]
		switch {
		case progBlank(id):
			col.Add(at, "required", "", "an improvement action id")
		case !ok:
			col.Add(at, errs.RuleUnknown, id, "no review raised an improvement action with this id")
		case v >= version:
			col.Add(at, RuleActionImplements, id, "the action was raised against version "+strconv.Itoa(v)+"; version "+strconv.Itoa(version)+" can carry out only actions raised against earlier versions")
		case seen[id]:
			col.Add(at, "unique", id, "listed twice")
		case done[id] != 0:
			col.Add(at, RuleActionImplements, id, "already carried out by version "+strconv.Itoa(done[id]))
		}
		seen[id] = true
	}
}

// implemented maps each improvement action carried out so far, by this
// version or an earlier one, to the version that carried it out.
func (p *Programme) implemented() map[string]int {
	done := map[string]int{}
	for i := range p.Previous {
		for _, id := range p.Previous[i].Implements {
			if done[id] == 0 {
				done[id] = p.Previous[i].Version
			}
		}
	}
	for _, id := range p.Implements {
		if done[id] == 0 {
			done[id] = p.Version
		}
	}
	return done
}

// applyChanges applies validated changes, copying the caller's data so
// that the programme shares nothing with it.
func (p *Programme) applyChanges(c Changes) {
	if c.Objectives != nil {
		p.Objectives = progCopy(c.Objectives)
	}
	if c.Managers != nil {
		p.Managers = progCopy(c.Managers)
	}
	if c.Extent != nil {
		p.Extent = progCopy(*c.Extent)
	}
	if c.Resources != nil {
		p.Resources = progCopy(*c.Resources)
	}
	if c.Records != nil {
		p.Records = progCopy(*c.Records)
	}
	if c.Matrix != nil {
		p.Matrix = progCopy(*c.Matrix)
	}
	p.Implements = append(p.Implements, c.Implements...)
}

// Improve ends a review round by improving the programme (ISO 19011:2018
// 5.7): p moves to StateImproved and is kept, unchanged from then on, as
// a record; the returned programme is the next version (Version+1) in
// StateDraft, with c applied, created at m.At by m.By, carrying p's
// register, reviews, schedule and cycles and holding every earlier
// version, p included, in Previous. It needs a review recorded in the
// round (PRG-REVIEW-RECORDED). On any error p is unchanged and no new
// version is returned: a *ismsaudit.TransitionError when the lifecycle refuses, a
// *ismsaudit.ValidationError listing every problem with c.
func (p *Programme) Improve(c Changes, m ismsaudit.Meta) (*Programme, error) {
	subject := &programmeSubject{p: p, improving: true}
	if err := programmeMachine.Check(subject, p.State, EventImprove); err != nil {
		return nil, err
	}
	col := newCollector("changes")
	validateChanges(col, c, p.Version+1, p.Reviews, p.implemented())
	if err := col.Err(); err != nil {
		return nil, err
	}
	entry, err := programmeMachine.Fire(subject, p.State, p.lastTime(), EventImprove, m)
	if err != nil {
		return nil, err
	}
	// Everything is checked: apply.
	p.State = entry.To
	p.History = append(p.History, entry)
	snapshot := progCopy(*p)
	earlier := snapshot.Previous
	snapshot.Previous = nil
	next := progCopy(snapshot)
	next.Version = p.Version + 1
	next.CreatedAt, next.CreatedBy = m.At, m.By
	next.State, next.History = programmeMachine.Initial(), []Entry{}
	next.Implements = nil
	next.Previous = append(earlier, snapshot)
	next.applyChanges(c)
	return &next, nil
}

// AtVersion returns a copy of version n of the programme: p itself when n
// is p.Version, else the kept earlier version. An unknown version gives a
// *ismsaudit.NotFoundError.
func (p *Programme) AtVersion(n int) (*Programme, error) {
	switch {
	case n == p.Version:
		c := progCopy(*p)
		return &c, nil
	case n >= 1 && n <= len(p.Previous) && p.Previous[n-1].Version == n:
		c := progCopy(p.Previous[n-1])
		return &c, nil
	}
	return nil, notFound("programme version", strconv.Itoa(n))
}

// OpenActions returns the improvement actions raised by reviews and not
// yet carried out by any version, in the order they were raised.
func (p *Programme) OpenActions() []ImprovementAction {
	done := p.implemented()
	var out []ImprovementAction
	for _, r := range p.Reviews {
		for _, a := range r.Actions {
			if done[a.ID] == 0 {
				out = append(out, a)
			}
		}
	}
	return out
}

// Decode reads a programme from JSON strictly (unknown fields, wrong
// types, trailing data and invalid enumeration tokens are refused) and
// checks the shape of the programme's own records (content, register,
// reviews, earlier versions): every problem comes back at once in a
// *ismsaudit.ValidationError with Go-field paths. Process rules are Verify's: a
// decoded programme is not verified.
func Decode(data []byte) (*Programme, error) {
	col := newCollector("programme")
	var p Programme
	if !validate.JSON(col, data, &p) {
		return nil, col.Err()
	}
	p.validateShape(col, "", 0)
	if err := col.Err(); err != nil {
		return nil, err
	}
	return &p, nil
}

// validateShape checks the shape of the programme's own records: ids,
// enumerations, required fields, unique ids. depth counts how far into
// Previous the check is.
func (p *Programme) validateShape(col *errs.Collector, prefix string, depth int) {
	at := func(s string) string { return errs.JoinPath(prefix, s) }
	if progBlank(string(p.ID)) {
		col.Add(at("ID"), "required", "", "the host's id for the programme")
	}
	if p.Version < 1 {
		col.Add(at("Version"), "min", strconv.Itoa(p.Version), "versions count from 1")
	}
	if !p.State.IsValid() {
		col.Add(at("State"), "enum", string(p.State), "not a programme state")
	}
	if p.CreatedAt.IsZero() {
		col.Add(at("CreatedAt"), "required", "", "when the version was started")
	}
	if progBlank(p.CreatedBy) {
		col.Add(at("CreatedBy"), "required", "", "who started the version")
	}
	validateContent(col, prefix, p.Objectives, p.Managers, &p.Extent, &p.Resources, &p.Records)
	p.Matrix.validateInto(col, at("Matrix"))
	ids := make(map[string]bool, len(p.Risks))
	for i := range p.Risks {
		r := &p.Risks[i]
		rp := at(errs.Index("Risks", i))
		validate.Struct(col, rp, r)
		if r.ID != "" && ids[r.ID] {
			col.Add(rp+".ID", "unique", r.ID, "register ids must not repeat")
		}
		ids[r.ID] = true
		if !r.State.IsValid() {
			col.Add(rp+".State", "enum", string(r.State), "not a register state")
		}
	}
	reviews := make(map[string]bool, len(p.Reviews))
	actions := map[string]bool{}
	for i := range p.Reviews {
		r := &p.Reviews[i]
		rp := at(errs.Index("Reviews", i))
		validate.Struct(col, rp, r)
		if r.ID != "" && reviews[r.ID] {
			col.Add(rp+".ID", "unique", r.ID, "review ids must not repeat")
		}
		reviews[r.ID] = true
		for j, a := range r.Actions {
			if a.ID != "" && actions[a.ID] {
				col.Add(errs.Index(rp+".Actions", j)+".ID", "unique", a.ID, "improvement action ids must not repeat across reviews")
			}
			actions[a.ID] = true
		}
		for j, o := range r.Objectives {
			if !progFinite(o.Actual) {
				col.Add(errs.Index(rp+".Objectives", j)+".Actual", "finite", "", "a finite number is required")
			}
		}
	}
	if depth == 0 {
		for i := range p.Previous {
			p.Previous[i].validateShape(col, at(errs.Index("Previous", i)), depth+1)
		}
	}
}
