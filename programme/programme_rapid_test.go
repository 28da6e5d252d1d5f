package programme

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// checkKept checks that nothing recorded in before is lost from after: the
// history (of the same version: a new version starts its own), every
// register entry with its logs, the reviews and the earlier versions, each
// as a prefix.
func checkKept(t *rapid.T, before, after *Programme) {
	if sameVersion := before.Version == after.Version; sameVersion {
		if d := cmp.Diff(before.History, after.History[:min(len(before.History), len(after.History))]); d != "" || len(after.History) < len(before.History) {
			t.Fatalf("history lost or rewritten (-before +after):\n%s", d)
		}
	}
	for _, old := range before.Risks {
		i, ok := after.riskIndex(old.ID)
		if !ok {
			t.Fatalf("register entry %q lost", old.ID)
		}
		cur := after.Risks[i]
		if len(cur.History) < len(old.History) || len(cur.Assessments) < len(old.Assessments) || len(cur.Treatments) < len(old.Treatments) {
			t.Fatalf("register entry %q lost log lines", old.ID)
		}
		if d := cmp.Diff(old.History, cur.History[:len(old.History)]); d != "" {
			t.Fatalf("entry %q history rewritten:\n%s", old.ID, d)
		}
		if d := cmp.Diff(old.Assessments, cur.Assessments[:len(old.Assessments)], equateEmpty); d != "" {
			t.Fatalf("entry %q assessments rewritten:\n%s", old.ID, d)
		}
		if d := cmp.Diff(old.Treatments, cur.Treatments[:len(old.Treatments)], equateEmpty); d != "" {
			t.Fatalf("entry %q treatments rewritten:\n%s", old.ID, d)
		}
	}
	if len(after.Reviews) < len(before.Reviews) {
		t.Fatalf("reviews lost")
	}
	if d := cmp.Diff(before.Reviews, after.Reviews[:len(before.Reviews)], equateEmpty); d != "" {
		t.Fatalf("reviews rewritten:\n%s", d)
	}
	if len(after.Previous) < len(before.Previous) {
		t.Fatalf("versions lost")
	}
	if d := cmp.Diff(before.Previous, after.Previous[:len(before.Previous)], equateEmpty); d != "" {
		t.Fatalf("versions rewritten:\n%s", d)
	}
}

// checkStep checks one operation's outcome: a refused one changed nothing,
// an accepted one appended exactly wantEntries programme history entries
// (and registerEntries to the entry it worked on) and lost nothing; the
// programme verifies in every case.
func checkStep(t *rapid.T, before, after *Programme, err error, wantEntries int, riskID RiskID, riskEntries int) {
	if err != nil {
		if d := cmp.Diff(*before, *after); d != "" {
			t.Fatalf("refused operation (%v) changed the programme (-before +after):\n%s", err, d)
		}
		return
	}
	if got := len(after.History) - len(before.History); got != wantEntries {
		t.Fatalf("history grew by %d, want %d", got, wantEntries)
	}
	if wantEntries == 1 {
		e := after.History[len(after.History)-1]
		if to, ok := programmeMachine.Next(e.From, e.Event); !ok || to != e.To || e.To != after.State {
			t.Fatalf("accepted %v is not a row of the table", e)
		}
	}
	if riskID != "" {
		i, _ := after.riskIndex(riskID)
		j, existed := before.riskIndex(riskID)
		n := 0
		if existed {
			n = len(before.Risks[j].History)
		}
		r := after.Risks[i]
		if got := len(r.History) - n; got != riskEntries {
			t.Fatalf("entry %q history grew by %d, want %d", riskID, got, riskEntries)
		}
		if riskEntries == 1 {
			e := r.History[len(r.History)-1]
			if to, ok := riskMachine.Next(e.From, e.Event); !ok || to != e.To || e.To != r.State {
				t.Fatalf("accepted %v is not a row of the register table", e)
			}
		}
	}
	checkKept(t, before, after)
	if err := Verify(after); err != nil {
		t.Fatalf("an accepted operation left a programme that does not verify: %v", err)
	}
}

// TestProgrammeLifecycleProperties drives programmes through random
// operations: refused ones change nothing, accepted ones append exactly
// one history entry per event and never lose a record, states follow the
// table, and the result always verifies. Audits are scheduled only in
// draft and implementing. Improving continues with the new version and
// checks the old one is frozen.
func TestProgrammeLifecycleProperties(t *testing.T) {
	events := append(eventSet.Values(), "bogus")
	kinds := []RiskKind{KindRisk, KindRisk, KindOpportunity}
	categories := riskCategorySet.Values()
	rapid.Check(t, func(rt *rapid.T) {
		p := newDraft(rt)
		if rapid.Bool().Draw(rt, "covered") {
			coverRiskAreas(rt, p)
		}
		day := 2
		actions := 0
		steps := rapid.IntRange(1, 60).Draw(rt, "steps")
		for range steps {
			day += rapid.IntRange(-2, 15).Draw(rt, "dt")
			m := metaOn(day, rapid.SampledFrom([]string{"", "because"}).Draw(rt, "note"))
			if rapid.IntRange(0, 15).Draw(rt, "no-actor") == 0 {
				m.By = ""
			}
			riskID := RiskID("r" + strconv.Itoa(rapid.IntRange(0, 4).Draw(rt, "risk")))
			before := deepCopy(*p)
			op := rapid.IntRange(0, 12).Draw(rt, "op")
			if op > 8 && op < 12 { // follow the lifecycle: what it permits now
				switch permitted := p.Permitted(); {
				case p.State == StateUnderReview && !p.roundReviewed():
					op = 2
				case len(permitted) == 0:
					op = 0
				default:
					if rapid.SampledFrom(permitted).Draw(rt, "permitted") == EventImprove {
						op = 1
					} else {
						op = 0
					}
				}
			}
			switch op {
			case 0:
				e := rapid.SampledFrom(events).Draw(rt, "event")
				if permitted := p.Permitted(); len(permitted) > 0 && rapid.Bool().Draw(rt, "follow") {
					e = rapid.SampledFrom(permitted).Draw(rt, "permitted-event")
				}
				err := p.Fire(e, m)
				checkStep(rt, &before, p, err, 1, "", 0)
			case 1:
				var c Changes
				if open := p.OpenActions(); len(open) > 0 && rapid.Bool().Draw(rt, "implement") {
					c.Implements = []ActionID{open[rapid.IntRange(0, len(open)-1).Draw(rt, "action")].ID}
				}
				if rapid.IntRange(0, 4).Draw(rt, "bad-change") == 0 {
					c.Implements = append(c.Implements, "no-such-action")
				}
				next, err := p.Improve(c, m)
				checkStep(rt, &before, p, err, 1, "", 0)
				if err == nil {
					if p.State != StateImproved || next.Version != p.Version+1 || next.State != StateDraft {
						rt.Fatalf("improve left version %d in %s and version %d in %s", p.Version, p.State, next.Version, next.State)
					}
					old := *p
					old.Previous = nil // the kept snapshot holds no versions of its own
					if d := cmp.Diff(old, next.Previous[len(next.Previous)-1]); d != "" {
						rt.Fatalf("the improved version is not kept whole (-old +kept):\n%s", d)
					}
					frozen := deepCopy(*p)
					if p.AddRisk(newRisk("late", KindRisk, CategoryPlanning), metaOn(day+1, "")) == nil ||
						p.Fire(EventClose, metaOn(day+1, "x")) == nil || p.Update(Changes{}) == nil ||
						p.ScheduleAudits(internalAuditAt("late", day+30)) == nil || p.AddCycle(Cycle{}) == nil {
						rt.Fatalf("an improved version accepted a change")
					}
					if d := cmp.Diff(frozen, *p); d != "" {
						rt.Fatalf("the improved version changed:\n%s", d)
					}
					checkKept(rt, p, next)
					p = next
				}
			case 2:
				r := newReview(ReviewID("rev-" + strconv.Itoa(day) + "-" + strconv.Itoa(len(p.Reviews))))
				if rapid.Bool().Draw(rt, "actions") {
					actions++
					r.Actions = []ImprovementAction{newAction(ActionID("act-" + strconv.Itoa(actions)))}
				}
				if rapid.IntRange(0, 4).Draw(rt, "bad-review") == 0 {
					r.Inputs = r.Inputs[1:]
				}
				err := p.RecordReview(r, m)
				checkStep(rt, &before, p, err, 0, "", 0)
			case 3:
				ext := completeExtent()
				if rapid.Bool().Draw(rt, "bad-extent") {
					ext.Audits = -1
				}
				err := p.Update(Changes{Extent: &ext})
				checkStep(rt, &before, p, err, 0, "", 0)
			case 4:
				r := newRisk(riskID, rapid.SampledFrom(kinds).Draw(rt, "kind"), rapid.SampledFrom(categories).Draw(rt, "category"))
				err := p.AddRisk(r, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 0)
			case 5, 7:
				a := Assessment{Likelihood: rapid.IntRange(0, 6).Draw(rt, "l"), Impact: rapid.IntRange(0, 6).Draw(rt, "i")}
				var err error
				if op == 5 {
					err = p.AssessRisk(riskID, a, m)
				} else {
					err = p.MonitorRisk(riskID, a, m)
				}
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 6:
				tr := newTreatment(day + rapid.IntRange(-5, 30).Draw(rt, "due"))
				err := p.PlanTreatment(riskID, tr, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 8:
				e := rapid.SampledFrom(append(riskEventSet.Values(), "bogus")).Draw(rt, "risk-event")
				err := fireRiskEvent(p, riskID, e, m.Note, m)
				checkStep(rt, &before, p, err, 0, ifAdded(err == nil, riskID), 1)
			case 12:
				a := internalAuditAt(ScheduledAuditID("a"+strconv.Itoa(len(p.Schedule))+"-v"+strconv.Itoa(p.Version)), day+30)
				err := p.ScheduleAudits(a)
				checkStep(rt, &before, p, err, 0, "", 0)
				scheduling := p.State == StateDraft || p.State == StateImplementing
				if (err == nil) != scheduling {
					rt.Fatalf("scheduling in %s: %v", p.State, err)
				}
				if err == nil && len(p.Schedule) != len(before.Schedule)+1 {
					rt.Fatalf("an accepted audit was not scheduled")
				}
			}
		}
	})
}

// internalAuditAt is an internal audit due in the month from day n.
func internalAuditAt(id ScheduledAuditID, n int) ScheduledAudit {
	return ScheduledAudit{ID: id, Kind: annexa.Internal, Auditee: "Example Ltd", Clauses: []annexa.ClauseID{"9.2"},
		Due: Window{Earliest: onDay(n), Latest: onDay(n + 30)}, Days: 1}
}

// ifAdded returns id when ok, else "".
func ifAdded(ok bool, id RiskID) RiskID {
	if ok {
		return id
	}
	return ""
}

// TestRiskLifecycleProperties drives one register entry through random
// events with random input: refused events change nothing, accepted ones
// append exactly one history entry along a row of the table, the
// assessment and treatment logs only grow, a risk is never closed or
// accepted above the acceptable level, and the programme verifies.
func TestRiskLifecycleProperties(t *testing.T) {
	events := append(riskEventSet.Values(), "bogus")
	rapid.Check(t, func(rt *rapid.T) {
		p := newDraft(rt)
		kind := rapid.SampledFrom([]RiskKind{KindRisk, KindOpportunity}).Draw(rt, "kind")
		if err := p.AddRisk(newRisk(oneRisk, kind, CategoryAuditeeAvailability), metaOn(1, "")); err != nil {
			rt.Fatal(err)
		}
		day := 1
		steps := rapid.IntRange(1, 40).Draw(rt, "steps")
		for range steps {
			day += rapid.IntRange(-1, 10).Draw(rt, "dt")
			m := metaOn(day, rapid.SampledFrom([]string{"", "what and why"}).Draw(rt, "note"))
			before := deepCopy(*p)
			var err error
			e := rapid.SampledFrom(events).Draw(rt, "event")
			if permitted, _ := p.PermittedRisk(oneRisk); len(permitted) > 0 && rapid.Bool().Draw(rt, "follow") {
				e = rapid.SampledFrom(permitted).Draw(rt, "permitted-event")
			}
			switch {
			case e == RiskAssess && rapid.Bool().Draw(rt, "with-input"):
				err = p.AssessRisk(oneRisk, Assessment{Likelihood: rapid.IntRange(0, 6).Draw(rt, "l"), Impact: rapid.IntRange(1, 5).Draw(rt, "i")}, m)
			case e == RiskMonitor && rapid.Bool().Draw(rt, "with-input"):
				err = p.MonitorRisk(oneRisk, Assessment{Likelihood: rapid.IntRange(1, 5).Draw(rt, "l"), Impact: rapid.IntRange(1, 5).Draw(rt, "i")}, m)
			case e == RiskPlanTreatment && rapid.Bool().Draw(rt, "with-input"):
				err = p.PlanTreatment(oneRisk, newTreatment(day+rapid.IntRange(-3, 20).Draw(rt, "due")), m)
			default:
				err = fireRiskEvent(p, oneRisk, e, m.Note, m)
			}
			checkStep(rt, &before, p, err, 0, ifAdded(err == nil, oneRisk), 1)
			r := p.Risks[0]
			if (r.State == RiskClosed || r.State == RiskAccepted) && r.Kind == KindRisk && !p.Matrix.accepts(r.Level()) {
				rt.Fatalf("a risk rated %s reached %s", r.Level(), r.State)
			}
		}
	})
}

// TestProgrammeVerifyNeverPanics corrupts a valid programme at random —
// states, events, versions, counts, times, ratings, references — and
// checks Verify and the read-only methods never panic.
func TestProgrammeVerifyNeverPanics(t *testing.T) {
	base := richProgramme(t)
	rapid.Check(t, func(rt *rapid.T) {
		p := deepCopy(*base)
		n := rapid.IntRange(1, 6).Draw(rt, "corruptions")
		for range n {
			k := rapid.IntRange(-3, 12).Draw(rt, "k")
			q := &p
			if len(p.Previous) > 0 && rapid.Bool().Draw(rt, "in-previous") {
				q = &p.Previous[0]
			}
			switch rapid.IntRange(0, 11).Draw(rt, "what") {
			case 0:
				q.Version = k
			case 1:
				q.State = rapid.SampledFrom(append(stateSet.Values(), "", "bogus")).Draw(rt, "state")
			case 2:
				if len(q.History) > 0 {
					q.History = q.History[:min(len(q.History), max(k, 0))]
				}
			case 3:
				if len(q.Risks) > 0 {
					r := &q.Risks[rapid.IntRange(0, len(q.Risks)-1).Draw(rt, "risk")]
					r.Assessments = append(r.Assessments, Assessment{Likelihood: k, Impact: -k, Version: k})
				}
			case 4:
				if len(q.Risks) > 0 {
					r := &q.Risks[rapid.IntRange(0, len(q.Risks)-1).Draw(rt, "risk")]
					r.History = append(r.History, RiskEntry{From: RiskState("x"), Event: RiskClose, To: RiskClosed})
				}
			case 5:
				q.Matrix.Levels = q.Matrix.Levels[:min(len(q.Matrix.Levels), max(k, 0))]
			case 6:
				q.Matrix.Likelihood = nil
			case 7:
				if len(q.Reviews) > 0 {
					q.Reviews[0].Version = k
				}
			case 8:
				q.Implements = append(q.Implements, ActionID("act-"+strconv.Itoa(k)))
			case 9:
				q.Previous = append(q.Previous, Programme{Version: k})
			case 10:
				q.Risks = append(q.Risks, Risk{ID: RiskID("r-" + strconv.Itoa(k)), Version: k})
			case 11:
				if len(q.Reviews) > 0 {
					q.Reviews[len(q.Reviews)-1].Objectives = append(q.Reviews[len(q.Reviews)-1].Objectives, ObjectiveResult{Objective: "x", Actual: float64(k)})
				}
			}
		}
		_ = Verify(&p)
		_ = p.Permitted()
		_ = p.OpenActions()
		_, _ = p.AtVersion(1)
		for _, r := range p.Risks {
			_, _ = p.PermittedRisk(r.ID)
		}
	})
}
