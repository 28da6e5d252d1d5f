package programme

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

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

// replayPath is the path of the history entry a replay refused.
func replayPath(err error) string {
	var re *fsm.ReplayError
	if errors.As(err, &re) {
		return errs.Index("History", re.Index)
	}
	return "History"
}

// matrixOf returns the matrix of version n of the programme whose newest
// version is root, or nil when root holds no such version.
func matrixOf(root *Programme, n int) *RiskMatrix {
	switch {
	case n == root.Version:
		return &root.Matrix
	case n >= 1 && n <= len(root.Previous) && root.Previous[n-1].Version == n:
		return &root.Previous[n-1].Matrix
	}
	return nil
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

// verifyRisk checks one register entry: its history against the table,
// and the assessments and treatments its events leave.
func (v *verifier) verifyRisk(path string, r *Risk, q, root *Programme) {
	at := func(s string) string { return errs.JoinPath(path, s) }
	state, err := riskMachine.Replay(r.History)
	if err != nil {
		v.violate(at(replayPath(err)), RuleHistory, "", err.Error())
	} else if r.State.IsValid() && state != r.State {
		v.violate(at("State"), RuleHistory, string(r.State), "the history ends in "+strconv.Quote(string(state)))
	}
	if r.IdentifiedAt.IsZero() || progBlank(r.IdentifiedBy) {
		v.violate(at("IdentifiedAt"), RuleRecordShape, "", "when and by whom the entry was identified")
	}
	if r.Version < 1 || r.Version > q.Version {
		v.violate(at("Version"), RuleRecordShape, strconv.Itoa(r.Version), "not a version up to "+strconv.Itoa(q.Version))
	}
	if len(r.History) > 0 && r.History[0].At.Before(r.IdentifiedAt) {
		v.violate(at("History[0].At"), RuleHistory, r.History[0].At.Format(time.RFC3339), "before the entry was identified")
	}
	na, nt := 0, 0
	lastVersion := 0
	var latest *Assessment
	for i, e := range r.History {
		ep := at(errs.Index("History", i))
		switch e.Event {
		case RiskAssess, RiskMonitor:
			if na >= len(r.Assessments) {
				na++
				continue
			}
			a := &r.Assessments[na]
			ap := at(errs.Index("Assessments", na))
			na++
			latest = a
			if a.Residual != (e.Event == RiskMonitor) {
				v.violate(ap+".Residual", RuleHistory, strconv.FormatBool(a.Residual), "does not match the history event "+strconv.Quote(string(e.Event)))
			}
			if !a.At.Equal(e.At) || a.By != e.By {
				v.violate(ap+".At", RuleHistory, a.At.Format(time.RFC3339), "does not match the time and actor of "+ep)
			}
			if a.Version < lastVersion || a.Version > q.Version {
				v.violate(ap+".Version", RuleHistory, strconv.Itoa(a.Version), "assessments are recorded against the current version, in order")
			}
			lastVersion = a.Version
			m := matrixOf(root, a.Version)
			if m == nil {
				v.violate(ap+".Version", errs.RuleUnknown, strconv.Itoa(a.Version), "the programme holds no such version")
				continue
			}
			if want, ok := m.lookup(a.Likelihood, a.Impact); !ok || want != a.Level || a.Likelihood > len(m.Likelihood) || a.Impact > len(m.Impact) {
				v.violate(ap+".Level", RuleRiskScales, string(a.Level), "the ratings "+strconv.Itoa(a.Likelihood)+"x"+strconv.Itoa(a.Impact)+" do not give this level on the matrix of version "+strconv.Itoa(a.Version))
			}
		case RiskPlanTreatment:
			if nt >= len(r.Treatments) {
				nt++
				continue
			}
			t := &r.Treatments[nt]
			tp := at(errs.Index("Treatments", nt))
			nt++
			if !t.PlannedAt.Equal(e.At) || t.PlannedBy != e.By {
				v.violate(tp+".PlannedAt", RuleHistory, t.PlannedAt.Format(time.RFC3339), "does not match the time and actor of "+ep)
			}
			if progBlank(t.Action) || progBlank(t.Owner) || t.Due.IsZero() || t.Due.Before(t.PlannedAt) {
				v.violate(tp, RuleRiskPlan, "", "a treatment needs an action, an owner and a due date not before the plan")
			}
		case RiskTreat:
			if progBlank(e.Note) {
				v.violate(ep+".Note", RuleRiskOutcome, "", "the treatment's outcome is not recorded")
			}
		case RiskAccept, RiskClose:
			if progBlank(e.Note) {
				v.violate(ep+".Note", RuleRiskReason, "", "no reason is given")
			}
			if r.Kind == KindRisk && latest != nil {
				if m := matrixOf(root, latest.Version); m != nil && !m.accepts(latest.Level) {
					v.violate(ep, RuleRiskAcceptable, string(latest.Level), "the risk was rated above the acceptable level "+string(m.Acceptable))
				}
			}
		}
	}
	if na != len(r.Assessments) {
		v.violate(at("Assessments"), RuleHistory, strconv.Itoa(len(r.Assessments)), "the history records "+strconv.Itoa(na)+" assessments")
	}
	if nt != len(r.Treatments) {
		v.violate(at("Treatments"), RuleHistory, strconv.Itoa(len(r.Treatments)), "the history records "+strconv.Itoa(nt)+" planned treatments")
	}
}

// reviewRound is one under-review period of a version's history.
type reviewRound struct {
	start, end time.Time
	entry      int  // index of the review event
	closed     bool // a later entry ended it
	resumed    bool // it ended with resume
}

func reviewRoundsOf(h []Entry) []reviewRound {
	var out []reviewRound
	for i, e := range h {
		if e.Event != EventReview {
			continue
		}
		r := reviewRound{start: e.At, entry: i}
		if i+1 < len(h) {
			r.closed, r.end, r.resumed = true, h[i+1].At, h[i+1].Event == EventResume
		}
		out = append(out, r)
	}
	return out
}

// verifyReviews checks the reviews of version q: one per review round and
// within it, the inputs and objective results, and that a round ended by
// resume raised no action.
func (v *verifier) verifyReviews(prefix string, q *Programme) {
	at := func(s string) string { return errs.JoinPath(prefix, s) }
	rounds := reviewRoundsOf(q.History)
	objectives := make(map[string]int, len(q.Objectives))
	for i, o := range q.Objectives {
		objectives[o.ID] = i
	}
	k := 0
	for i := range q.Reviews {
		r := &q.Reviews[i]
		rp := at(errs.Index("Reviews", i))
		if r.Version < 1 || r.Version > q.Version {
			v.violate(rp+".Version", errs.RuleUnknown, strconv.Itoa(r.Version), "reviews are recorded against a version up to "+strconv.Itoa(q.Version))
			continue
		}
		if r.Version != q.Version {
			continue // checked with the version it reviewed
		}
		if r.At.IsZero() || progBlank(r.By) {
			v.violate(rp+".At", RuleRecordShape, "", "when and by whom the review was recorded")
		}
		if k >= len(rounds) {
			v.violate(rp, RuleReviewRecorded, r.ID, "no review round of version "+strconv.Itoa(q.Version)+" is left for this review")
			continue
		}
		round := rounds[k]
		k++
		if r.At.Before(round.start) || (round.closed && r.At.After(round.end)) {
			v.violate(rp+".At", RuleReviewRecorded, r.At.Format(time.RFC3339), "outside its review round (history entry "+strconv.Itoa(round.entry)+")")
		}
		if round.resumed && len(r.Actions) > 0 {
			v.violate(at(errs.Index("History", round.entry+1)), RuleReviewActions, r.ID, "the programme resumed although the review raised improvement actions")
		}
		monitoring := false
		for j := range r.Inputs {
			monitoring = monitoring || r.Inputs[j].Kind == InputMonitoring
			checkReviewFigures(v.col, errs.Index(rp+".Inputs", j), &r.Inputs[j], r.At)
		}
		if !monitoring {
			v.violate(rp+".Inputs", RuleReviewInputs, "", "no input summarises the monitoring results")
		}
		measured := map[string]bool{}
		for j, res := range r.Objectives {
			op := errs.Index(rp+".Objectives", j)
			oi, ok := objectives[res.Objective]
			if !ok {
				v.violate(op+".Objective", errs.RuleUnknown, res.Objective, "the version reviewed has no such objective")
				continue
			}
			measured[res.Objective] = true
			if q.Objectives[oi].Target.Met(res.Actual) != res.Met {
				v.violate(op+".Met", RuleReviewInputs, strconv.FormatBool(res.Met), "does not follow from the actual value and the target")
			}
		}
		for _, o := range q.Objectives {
			if !measured[o.ID] {
				v.violate(rp+".Objectives", RuleReviewInputs, o.ID, "objective "+strconv.Quote(o.ID)+" is not measured")
			}
		}
	}
	for ; k < len(rounds); k++ {
		if rounds[k].closed {
			v.violate(at(errs.Index("History", rounds[k].entry+1)), RuleReviewRecorded, "", "the review round ended without a review")
		}
	}
}

// verifyImplements checks that version q carries out only actions raised
// against earlier versions, each once.
func (v *verifier) verifyImplements(prefix string, q *Programme) {
	raised := map[string]int{}
	for _, r := range q.Reviews {
		for _, a := range r.Actions {
			if _, dup := raised[a.ID]; !dup {
				raised[a.ID] = r.Version
			}
		}
	}
	seen := map[string]bool{}
	for i, id := range q.Implements {
		ip := errs.JoinPath(prefix, errs.Index("Implements", i))
		n, ok := raised[id]
		switch {
		case !ok:
			v.violate(ip, errs.RuleUnknown, id, "no review raised an improvement action with this id")
		case n >= q.Version:
			v.violate(ip, RuleActionImplements, id, "raised against version "+strconv.Itoa(n)+", not an earlier one")
		case seen[id]:
			v.violate(ip, RuleActionImplements, id, "listed twice")
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
	done := map[string]int{}
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
				v.violate(errs.Index(qp+".Implements", j), RuleActionImplements, id, "already carried out by version "+strconv.Itoa(n))
			}
			done[id] = q.Version
		}
	}
	for j, id := range p.Implements {
		if n, ok := done[id]; ok {
			v.violate(errs.Index("Implements", j), RuleActionImplements, id, "already carried out by version "+strconv.Itoa(n))
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
			if !progSameJSON(q.Reviews[i], next.Reviews[i]) {
				v.violate(at(errs.Index("Reviews", i)), RuleVersionsKept, next.Reviews[i].ID, "differs from the review kept by version "+strconv.Itoa(q.Version))
			}
		}
	}
	byID := make(map[string]*Risk, len(next.Risks))
	for i := range next.Risks {
		byID[next.Risks[i].ID] = &next.Risks[i]
	}
	for i := range q.Risks {
		old := &q.Risks[i]
		cur, ok := byID[old.ID]
		if !ok {
			v.violate(at("Risks"), RuleVersionsKept, old.ID, "the register entry of version "+strconv.Itoa(q.Version)+" is missing")
			continue
		}
		if !progSamePrefix(old.History, cur.History, sameRiskEntry) || !progSamePrefix(old.Assessments, cur.Assessments, sameAssessment) ||
			!progSamePrefix(old.Treatments, cur.Treatments, sameTreatment) ||
			old.Kind != cur.Kind || old.Category != cur.Category || old.Description != cur.Description || old.Owner != cur.Owner ||
			!old.IdentifiedAt.Equal(cur.IdentifiedAt) || old.IdentifiedBy != cur.IdentifiedBy || old.Version != cur.Version {
			v.violate(at("Risks"), RuleVersionsKept, old.ID, "the register entry lost or changed what version "+strconv.Itoa(q.Version)+" recorded")
		}
	}
}

// progSamePrefix reports whether old is a prefix of cur, element by
// element as same says.
func progSamePrefix[T any](old, cur []T, same func(a, b *T) bool) bool {
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
	return a.From == b.From && a.Event == b.Event && a.To == b.To && a.At.Equal(b.At) && a.By == b.By && a.Note == b.Note
}

func sameAssessment(a, b *Assessment) bool {
	return a.Likelihood == b.Likelihood && a.Impact == b.Impact && a.Rationale == b.Rationale && a.Level == b.Level &&
		a.Residual == b.Residual && a.At.Equal(b.At) && a.By == b.By && a.Version == b.Version
}

func sameTreatment(a, b *Treatment) bool {
	return a.Action == b.Action && a.Owner == b.Owner && a.Due.Equal(b.Due) && a.PlannedAt.Equal(b.PlannedAt) && a.PlannedBy == b.PlannedBy
}

// progSameJSON compares two values by their JSON encoding; values that do
// not encode are different.
func progSameJSON(a, b any) bool {
	ja, err := json.Marshal(a)
	if err != nil {
		return false
	}
	jb, err := json.Marshal(b)
	return err == nil && bytes.Equal(ja, jb)
}
