package programme

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// Entry is one line of the programme lifecycle's history: an accepted
// event with its time, actor and note (the shared [ismsaudit.Entry]).
type Entry = ismsaudit.Entry[State, Event]

// Programme is an audit programme (ISO 19011:2018 clause 5). Fields are
// exported so that it encodes to JSON and compares with go-cmp; change it
// through its methods, which apply whole or not at all.
//
// A programme is versioned: a review (5.7) that improves it leaves the
// reviewed version in StateImproved, unchanged from then on, and starts
// the next version in StateDraft (see Programme.Improve). The newest
// version carries every earlier one in Previous, so one record holds the
// whole story.
type Programme struct {
	// DocumentKind and FormatVersion are the document's envelope (see
	// ismsaudit.DocumentKind): ismsaudit.KindProgramme and the format version
	// the record was read or made in. The constructors and the decoder set
	// them; the library's operations neither read nor change them.
	DocumentKind  ismsaudit.DocumentKind  `json:"documentKind,omitempty"`
	FormatVersion ismsaudit.FormatVersion `json:"formatVersion,omitempty"`
	// ID is the host's id for the programme.
	ID ismsaudit.ProgrammeID `json:"id"`
	// Version counts versions, from 1; a review that improves the programme
	// starts the next version and keeps the old one.
	Version int `json:"version"`
	// CreatedAt and CreatedBy say when and by whom this version was
	// started (by New or Improve).
	CreatedAt time.Time `json:"createdAt"`
	CreatedBy string    `json:"createdBy"`
	// State is where the lifecycle of this version stands; History is how
	// it got there (append-only).
	State   State   `json:"state"`
	History []Entry `json:"history"`

	// Objectives are what the programme is to achieve (5.2), each with a
	// measurable target.
	Objectives []Objective `json:"objectives,omitempty"`
	// Managers are the individuals managing the programme and their roles
	// (5.4.1).
	Managers []Manager `json:"managers,omitempty"`
	// Extent is how many audits of which kinds, where, how often and how
	// long, and what drives it (5.4.3).
	Extent Extent `json:"extent"`
	// Resources are the resources the programme needs (5.4.4).
	Resources Resources `json:"resources"`
	// Records says how programme and audit records are kept (5.5.7).
	Records RecordsPolicy `json:"records"`
	// Matrix holds the documented likelihood and impact scales and the
	// levels the register's assessments are read from (5.3).
	Matrix RiskMatrix `json:"matrix"`
	// Risks is the register of the programme's risks and opportunities
	// (5.3). Entries are never removed; each has its own lifecycle.
	Risks []Risk `json:"risks,omitempty"`
	// Reviews are the programme reviews (5.7), oldest first, of this
	// version and every earlier one (append-only).
	Reviews []Review `json:"reviews,omitempty"`
	// Implements lists the ids of the improvement actions, raised by
	// reviews of earlier versions, that this version carries out.
	Implements []ActionID `json:"implements,omitempty"`
	// Previous holds every earlier version, oldest first: Previous[i] is
	// version i+1 as it stood when it was improved (append-only; the
	// snapshots hold no Previous of their own).
	Previous []Programme `json:"previous,omitempty"`

	// Schedule lists the audits the programme plans.
	Schedule []ScheduledAudit `json:"schedule,omitempty"`
	// Cycles lists the certification cycles the programme runs (for a
	// certification body, one per client).
	Cycles []Cycle `json:"cycles,omitempty"`
}

// NewOptions are what a programme starts with. Only ID is needed to
// start a draft; approval needs the rest (see Rules).
type NewOptions struct {
	// ID is the host's id for the programme; required.
	ID ismsaudit.ProgrammeID `json:"id"`
	// Objectives, Managers, Extent, Resources and Records are the
	// programme's content; see Programme.
	Objectives []Objective   `json:"objectives,omitempty"`
	Managers   []Manager     `json:"managers,omitempty"`
	Extent     Extent        `json:"extent"`
	Resources  Resources     `json:"resources"`
	Records    RecordsPolicy `json:"records"`
	// Matrix is the risk matrix; nil means DefaultMatrix.
	Matrix *RiskMatrix `json:"matrix,omitempty"`
}

// Changes are edits to a programme's content: by Programme.Update while
// it is a draft, or by Programme.Improve for the next version. A nil
// field keeps what the programme has; a non-nil one replaces it whole.
type Changes struct {
	// Objectives, when not nil, replace the objectives.
	Objectives []Objective `json:"objectives,omitempty"`
	// Managers, when not nil, replace the managers.
	Managers []Manager `json:"managers,omitempty"`
	// Extent, Resources, Records and Matrix, when not nil, replace the
	// programme's own.
	Extent    *Extent        `json:"extent,omitempty"`
	Resources *Resources     `json:"resources,omitempty"`
	Records   *RecordsPolicy `json:"records,omitempty"`
	Matrix    *RiskMatrix    `json:"matrix,omitempty"`
	// Implements adds ids of improvement actions, raised by reviews of
	// earlier versions and not yet carried out, that this version carries
	// out.
	Implements []ActionID `json:"implements,omitempty"`
}

// New starts version 1 of a programme in StateDraft; m says when and by
// whom. Only opts.ID is needed to start: the rest of the content can be
// given here or later with Update, and approval checks it is complete
// (Rules). Every problem with the options is reported at once in a
// *ismsaudit.ValidationError.
func New(opts NewOptions, m ismsaudit.Meta) (*Programme, error) {
	col := newCollector("new programme")
	if isBlank(string(opts.ID)) {
		col.Add("ID", ismsaudit.RuleRequired, "", "the host's id for the programme")
	}
	if m.At.IsZero() {
		col.Add("Meta.At", ismsaudit.RuleRequired, "", "when the programme was started")
	}
	if isBlank(m.By) {
		col.Add("Meta.By", ismsaudit.RuleRequired, "", "who started the programme")
	}
	matrix := DefaultMatrix()
	if opts.Matrix != nil {
		matrix = deepCopy(*opts.Matrix)
	}
	validateContent(col, "", opts.Objectives, opts.Managers, &opts.Extent, &opts.Resources, &opts.Records)
	matrix.validateInto(col, "Matrix")
	if err := col.Err(); err != nil {
		return nil, err
	}
	return &Programme{
		DocumentKind: ismsaudit.KindProgramme, FormatVersion: ismsaudit.KindProgramme.FormatVersion(),
		ID: opts.ID, Version: 1, CreatedAt: m.At, CreatedBy: m.By,
		State: programmeMachine.Initial(), History: []Entry{},
		Objectives: deepCopy(opts.Objectives), Managers: deepCopy(opts.Managers),
		Extent: deepCopy(opts.Extent), Resources: deepCopy(opts.Resources), Records: deepCopy(opts.Records),
		Matrix: matrix,
	}, nil
}

// Update changes the content of a draft programme: each non-nil field of
// c replaces the programme's own, and c.Implements adds to Implements.
// Only a draft changes this way (PRG-CHANGE-IN-DRAFT): an approved
// programme changes through review and Improve. Every problem is reported
// at once in a *ismsaudit.ValidationError, and the programme is then unchanged.
func (p *Programme) Update(c Changes) error {
	if err := p.requireState("update", RuleChangeInDraft, "", StateDraft); err != nil {
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
func validateChanges(col *errs.Collector, c Changes, version int, reviews []Review, done map[ActionID]int) {
	validateContent(col, "", c.Objectives, c.Managers, c.Extent, c.Resources, c.Records)
	if c.Matrix != nil {
		c.Matrix.validateInto(col, "Matrix")
	}
	actions := map[ActionID]int{} // id -> version of the review that raised it
	for _, r := range reviews {
		for _, a := range r.Actions {
			if _, dup := actions[a.ID]; !dup {
				actions[a.ID] = r.Version
			}
		}
	}
	seen := map[ActionID]bool{}
	for i, id := range c.Implements {
		at := errs.Index("Implements", i)
		v, ok := actions[id]
		switch {
		case isBlank(string(id)):
			col.Add(at, ismsaudit.RuleRequired, "", "an improvement action id")
		case !ok:
			col.Add(at, ismsaudit.RuleUnknown, string(id), "no review raised an improvement action with this id")
		case v >= version:
			col.Add(at, RuleActionImplements, string(id), "the action was raised against version "+strconv.Itoa(v)+"; version "+strconv.Itoa(version)+" can carry out only actions raised against earlier versions")
		case seen[id]:
			col.Add(at, ismsaudit.RuleUnique, string(id), "listed twice")
		case done[id] != 0:
			col.Add(at, RuleActionImplements, string(id), "already carried out by version "+strconv.Itoa(done[id]))
		}
		seen[id] = true
	}
}

// implemented maps each improvement action carried out so far, by this
// version or an earlier one, to the version that carried it out.
func (p *Programme) implemented() map[ActionID]int {
	done := map[ActionID]int{}
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
		p.Objectives = deepCopy(c.Objectives)
	}
	if c.Managers != nil {
		p.Managers = deepCopy(c.Managers)
	}
	if c.Extent != nil {
		p.Extent = deepCopy(*c.Extent)
	}
	if c.Resources != nil {
		p.Resources = deepCopy(*c.Resources)
	}
	if c.Records != nil {
		p.Records = deepCopy(*c.Records)
	}
	if c.Matrix != nil {
		p.Matrix = deepCopy(*c.Matrix)
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
	snapshot := deepCopy(*p)
	earlier := snapshot.Previous
	snapshot.Previous = nil
	next := deepCopy(snapshot)
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
		c := deepCopy(*p)
		return &c, nil
	case n >= 1 && n <= len(p.Previous) && p.Previous[n-1].Version == n:
		c := deepCopy(p.Previous[n-1])
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
//
// It checks the document's envelope before anything else (see
// ismsaudit.Upgrade): a document of another kind is refused with an
// *ismsaudit.KindError, a newer format version with an
// *ismsaudit.VersionError, and a document of an older version is
// migrated first.
func Decode(data []byte) (*Programme, error) {
	data, err := validate.Upgrade(ismsaudit.KindProgramme, data)
	if err != nil {
		return nil, err
	}
	col := newCollector("programme")
	var p Programme
	if !validate.JSON(col, data, &p) {
		return nil, col.Err()
	}
	// The envelope was checked and, for an older version, migrated (a
	// version 0 document is decoded as it is: see validate.Upgrade).
	p.DocumentKind, p.FormatVersion = ismsaudit.KindProgramme, ismsaudit.KindProgramme.FormatVersion()
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
	if isBlank(string(p.ID)) {
		col.Add(at("ID"), ismsaudit.RuleRequired, "", "the host's id for the programme")
	}
	if p.Version < 1 {
		col.Add(at("Version"), "min", strconv.Itoa(p.Version), "versions count from 1")
	}
	if !p.State.IsValid() {
		col.Add(at("State"), ismsaudit.RuleEnum, string(p.State), "not a programme state")
	}
	if p.CreatedAt.IsZero() {
		col.Add(at("CreatedAt"), ismsaudit.RuleRequired, "", "when the version was started")
	}
	if isBlank(p.CreatedBy) {
		col.Add(at("CreatedBy"), ismsaudit.RuleRequired, "", "who started the version")
	}
	validateContent(col, prefix, p.Objectives, p.Managers, &p.Extent, &p.Resources, &p.Records)
	p.Matrix.validateInto(col, at("Matrix"))
	ids := make(map[RiskID]bool, len(p.Risks))
	for i := range p.Risks {
		r := &p.Risks[i]
		rp := at(errs.Index("Risks", i))
		validate.Struct(col, rp, r)
		if r.ID != "" && ids[r.ID] {
			col.Add(rp+".ID", ismsaudit.RuleUnique, string(r.ID), "register ids must not repeat")
		}
		ids[r.ID] = true
		if !r.State.IsValid() {
			col.Add(rp+".State", ismsaudit.RuleEnum, string(r.State), "not a register state")
		}
	}
	reviews := make(map[ReviewID]bool, len(p.Reviews))
	actions := map[ActionID]bool{}
	for i := range p.Reviews {
		r := &p.Reviews[i]
		rp := at(errs.Index("Reviews", i))
		validate.Struct(col, rp, r)
		if r.ID != "" && reviews[r.ID] {
			col.Add(rp+".ID", ismsaudit.RuleUnique, string(r.ID), "review ids must not repeat")
		}
		reviews[r.ID] = true
		for j, a := range r.Actions {
			if a.ID != "" && actions[a.ID] {
				col.Add(errs.Index(rp+".Actions", j)+".ID", ismsaudit.RuleUnique, string(a.ID), "improvement action ids must not repeat across reviews")
			}
			actions[a.ID] = true
		}
		for j, o := range r.Objectives {
			if !isFinite(o.Actual) {
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

// deepCopy returns a copy of v that shares no slice, map or pointer
// target with it, so that changing one never changes the other. It works
// on any type made of structs, slices, arrays, maps and pointers, fields
// added later included; struct values with unexported fields (time.Time)
// are copied as values, their pointers (a *time.Location) shared, as they
// are immutable.
func deepCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	c := copier{deep: map[reflect.Type][]int{}}
	c.copy(dst, src)
	return dst.Interface().(T)
}

// copier remembers, per struct type, which exported fields hold
// something to copy deeply, for the length of one deepCopy.
type copier struct {
	deep map[reflect.Type][]int // struct type -> exported fields needing a deep copy
}

// needsDeep reports whether values of t hold slices, maps, pointers or
// interfaces reachable through exported fields.
func (c *copier) needsDeep(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
		return true
	case reflect.Array:
		return c.needsDeep(t.Elem())
	case reflect.Struct:
		return len(c.deepFields(t)) > 0
	}
	return false
}

func (c *copier) deepFields(t reflect.Type) []int {
	if f, ok := c.deep[t]; ok {
		return f
	}
	c.deep[t] = nil // a recursive type through a pointer is deep anyway
	var fields []int
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && c.needsDeep(f.Type) {
			fields = append(fields, i)
		}
	}
	c.deep[t] = fields
	return fields
}

func (c *copier) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if c.needsDeep(src.Type().Elem()) {
			for i := range src.Len() {
				c.copy(s.Index(i), src.Index(i))
			}
		} else {
			reflect.Copy(s, src)
		}
		dst.Set(s)
	case reflect.Array:
		dst.Set(src)
		if c.needsDeep(src.Type().Elem()) {
			for i := range src.Len() {
				c.copy(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			c.copy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src) // every field, unexported ones included, by value
		for _, i := range c.deepFields(src.Type()) {
			c.copy(dst.Field(i), src.Field(i))
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		c.copy(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}

// verifyProgramme checks the programme's own records: objectives, people,
// extent, resources, risk register, reviews, versions and lifecycle.
func (v *verifier) verifyProgramme() {
	p := v.p
	p.validateShape(v.col, "", 0)
	v.verifyVersion("", p, p)
	for i := range p.Previous {
		v.verifyVersion(errs.Index("Previous", i), &p.Previous[i], p)
	}
	v.verifyVersions(p)
}

// verifyVersion checks one version q of the programme whose newest
// version is root: its lifecycle, its content once approved, its
// register, its reviews and the actions it carries out. Paths start with
// prefix.
func (v *verifier) verifyVersion(prefix string, q, root *Programme) {
	at := func(s string) string { return errs.JoinPath(prefix, s) }
	state, err := programmeMachine.Replay(q.History)
	if err != nil {
		v.violate(at(replayPath(err)), RuleHistory, "", err.Error())
	} else if q.State.IsValid() && state != q.State {
		v.violate(at("State"), RuleHistory, string(q.State), "the history ends in "+strconv.Quote(string(state)))
	}
	if len(q.History) > 0 && q.History[0].At.Before(q.CreatedAt) {
		v.violate(at("History[0].At"), RuleHistory, q.History[0].At.Format(time.RFC3339), "before the version was started")
	}
	if q.State.IsValid() && q.State != StateDraft {
		for _, c := range staticChecks {
			for _, prob := range c.check(q) {
				v.violate(at(prob.path), c.rule, "", prob.detail)
			}
		}
	}
	for i := range q.Risks {
		v.verifyRisk(at(errs.Index("Risks", i)), &q.Risks[i], q, root)
	}
	v.verifyReviews(prefix, q)
	v.verifyImplements(prefix, q)
}

// verifyImplements checks that version q carries out only actions raised
// against earlier versions, each once.
func (v *verifier) verifyImplements(prefix string, q *Programme) {
	raised := map[ActionID]int{}
	for _, r := range q.Reviews {
		for _, a := range r.Actions {
			if _, dup := raised[a.ID]; !dup {
				raised[a.ID] = r.Version
			}
		}
	}
	seen := map[ActionID]bool{}
	for i, id := range q.Implements {
		ip := errs.JoinPath(prefix, errs.Index("Implements", i))
		n, ok := raised[id]
		switch {
		case !ok:
			v.violate(ip, ismsaudit.RuleUnknown, string(id), "no review raised an improvement action with this id")
		case n >= q.Version:
			v.violate(ip, RuleActionImplements, string(id), "raised against version "+strconv.Itoa(n)+", not an earlier one")
		case seen[id]:
			v.violate(ip, RuleActionImplements, string(id), "listed twice")
		}
		seen[id] = true
	}
}

// verifyVersions checks the chain of versions: every earlier version
// kept, in order, improved, and nothing recorded in one lost from the
// next; no action carried out twice.
func (v *verifier) verifyVersions(p *Programme) {
	if p.Version >= 1 && len(p.Previous) != p.Version-1 {
		v.violate("Previous", RuleVersionsKept, strconv.Itoa(len(p.Previous)), "version "+strconv.Itoa(p.Version)+" keeps "+strconv.Itoa(p.Version-1)+" earlier versions")
	}
	done := map[ActionID]int{}
	for i := range p.Previous {
		q := &p.Previous[i]
		qp := errs.Index("Previous", i)
		if q.Version != i+1 {
			v.violate(qp+".Version", RuleVersionsKept, strconv.Itoa(q.Version), "want "+strconv.Itoa(i+1))
		}
		if q.ID != p.ID {
			v.violate(qp+".ID", RuleVersionsKept, string(q.ID), "an earlier version of another programme")
		}
		if q.State != StateImproved {
			v.violate(qp+".State", RuleVersionsKept, string(q.State), "an earlier version is kept improved")
		}
		if len(q.Previous) > 0 {
			v.violate(qp+".Previous", RuleVersionsKept, "", "an earlier version holds no versions of its own")
		}
		next, np := p, ""
		if i+1 < len(p.Previous) {
			next, np = &p.Previous[i+1], errs.Index("Previous", i+1)
		}
		v.verifyCarried(np, q, next)
		for j, id := range q.Implements {
			if n, ok := done[id]; ok {
				v.violate(errs.Index(qp+".Implements", j), RuleActionImplements, string(id), "already carried out by version "+strconv.Itoa(n))
			}
			done[id] = q.Version
		}
	}
	for j, id := range p.Implements {
		if n, ok := done[id]; ok {
			v.violate(errs.Index("Implements", j), RuleActionImplements, string(id), "already carried out by version "+strconv.Itoa(n))
		}
	}
}

// verifyCarried checks that version next (at path np) carries everything
// version q recorded: it starts no earlier than q was improved, and keeps
// q's reviews and register entries, their logs as prefixes.
func (v *verifier) verifyCarried(np string, q, next *Programme) {
	at := func(s string) string { return errs.JoinPath(np, s) }
	if last := len(q.History) - 1; last >= 0 && next.CreatedAt.Before(q.History[last].At) {
		v.violate(at("CreatedAt"), RuleVersionsKept, next.CreatedAt.Format(time.RFC3339), "before the previous version was improved")
	}
	if len(next.Reviews) < len(q.Reviews) {
		v.violate(at("Reviews"), RuleVersionsKept, strconv.Itoa(len(next.Reviews)), "version "+strconv.Itoa(q.Version)+" has "+strconv.Itoa(len(q.Reviews))+" reviews")
	} else {
		for i := range q.Reviews {
			if !sameJSON(q.Reviews[i], next.Reviews[i]) {
				v.violate(at(errs.Index("Reviews", i)), RuleVersionsKept, string(next.Reviews[i].ID), "differs from the review kept by version "+strconv.Itoa(q.Version))
			}
		}
	}
	byID := make(map[RiskID]*Risk, len(next.Risks))
	for i := range next.Risks {
		byID[next.Risks[i].ID] = &next.Risks[i]
	}
	for i := range q.Risks {
		old := &q.Risks[i]
		cur, ok := byID[old.ID]
		if !ok {
			v.violate(at("Risks"), RuleVersionsKept, string(old.ID), "the register entry of version "+strconv.Itoa(q.Version)+" is missing")
			continue
		}
		if !samePrefix(old.History, cur.History, sameRiskEntry) || !samePrefix(old.Assessments, cur.Assessments, sameAssessment) ||
			!samePrefix(old.Treatments, cur.Treatments, sameTreatment) ||
			old.Kind != cur.Kind || old.Category != cur.Category || old.Description != cur.Description || old.Owner != cur.Owner ||
			!old.IdentifiedAt.Equal(cur.IdentifiedAt) || old.IdentifiedBy != cur.IdentifiedBy || old.Version != cur.Version {
			v.violate(at("Risks"), RuleVersionsKept, string(old.ID), "the register entry lost or changed what version "+strconv.Itoa(q.Version)+" recorded")
		}
	}
}

// samePrefix reports whether old is a prefix of cur, element by
// element as same says.
func samePrefix[T any](old, cur []T, same func(a, b *T) bool) bool {
	if len(cur) < len(old) {
		return false
	}
	for i := range old {
		if !same(&old[i], &cur[i]) {
			return false
		}
	}
	return true
}

func sameRiskEntry(a, b *RiskEntry) bool {
	return a.From == b.From && a.Event == b.Event && a.To == b.To && a.At.Equal(b.At) && a.By == b.By && a.Note == b.Note && a.Reason == b.Reason
}

func sameAssessment(a, b *Assessment) bool {
	return a.Likelihood == b.Likelihood && a.Impact == b.Impact && a.Rationale == b.Rationale && a.Level == b.Level &&
		a.Residual == b.Residual && a.At.Equal(b.At) && a.By == b.By && a.Version == b.Version
}

func sameTreatment(a, b *Treatment) bool {
	return a.Action == b.Action && a.Owner == b.Owner && a.Due.Equal(b.Due) && a.PlannedAt.Equal(b.PlannedAt) && a.PlannedBy == b.PlannedBy
}

// sameJSON compares two values by their JSON encoding; values that do
// not encode are different.
func sameJSON(a, b any) bool {
	ja, err := json.Marshal(a)
	if err != nil {
		return false
	}
	jb, err := json.Marshal(b)
	return err == nil && bytes.Equal(ja, jb)
}

// The rules of the programme's versions.
const (
	RuleImproveNewVersion ismsaudit.RuleID = "PRG-IMPROVE-NEW-VERSION"
	RuleActionImplements  ismsaudit.RuleID = "PRG-ACTION-IMPLEMENTS"
	RuleVersionsKept      ismsaudit.RuleID = "PRG-VERSIONS-KEPT"
)

var versionRules = []ismsaudit.Rule{
	{ID: RuleImproveNewVersion, Clause: "19011:5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "improving the programme starts the next version in draft, carrying the register, reviews, schedule and cycles, and leaves the reviewed version unchanged"},
	{ID: RuleActionImplements, Clause: "19011:5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "a version carries out only improvement actions raised by reviews of earlier versions, each at most once"},
	{ID: RuleVersionsKept, Clause: "19011:5.5.7", Principle: ismsaudit.PrincipleIntegrity, Text: "every earlier version is kept whole and in order, and nothing recorded in it is lost from the versions that follow"},
}
