package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"pgregory.net/rapid"
)

// fdCheckFollowUpsKept fails when a follow-up, or part of one of its
// append-only logs (history, earlier plans, verifications), was lost or
// rewritten.
func fdCheckFollowUpsKept(t *rapid.T, before, after *Audit) {
	if len(after.FollowUps) < len(before.FollowUps) {
		t.Fatalf("follow-ups lost: %d, then %d", len(before.FollowUps), len(after.FollowUps))
	}
	for j, u := range before.FollowUps {
		v := after.FollowUps[j]
		switch {
		case v.Finding != u.Finding:
			t.Fatalf("follow-up %d now follows %s, not %s", j, v.Finding, u.Finding)
		case !fdPrefix(u.History, v.History):
			t.Fatalf("follow-up %d: history rewritten", j)
		case !fdPrefix(u.EarlierPlans, v.EarlierPlans):
			t.Fatalf("follow-up %d: earlier plans rewritten", j)
		case !fdPrefix(u.Verifications, v.Verifications):
			t.Fatalf("follow-up %d: verifications rewritten", j)
		}
	}
}

// TestFollowUpLifecycleProperties drives the follow-ups of an audit after
// its closing meeting through random plans, acceptances, implementations
// and verifications: a refused operation changes nothing; an accepted
// follow-up event is a row of the table and adds exactly one history
// entry; a plan either creates one follow-up in planning or keeps the plan
// it replaces; nothing is lost from the append-only logs; every history
// replays; and the record passes Verify's follow-up checks.
func TestFollowUpLifecycleProperties(t *testing.T) {
	findings := []FindingID{"F-1", "F-2", "F-3", "F-4", "F-none"}
	evidence := []ismsaudit.EvidenceID{"E-1", "E-3", "E-4", "E-7", "E-99"}
	rapid.Check(t, func(t *rapid.T) {
		// Distributed: before completion, so a nonconformity may still lack
		// its follow-up.
		a := fdFollowUpStage(t, StateDistributed)
		a.Findings = append(a.Findings, fdFindingIn(t, fdNC("F-4", Minor, fdClause92, "E-2"), FindingDisputed))
		clock := fdPlanAt
		// pick mostly a finding whose follow-up is in one of the given
		// states (when there is one), else any id.
		pick := func(t *rapid.T, likely FollowUpState) FindingID {
			var fit []FindingID
			for _, u := range a.FollowUps {
				if u.State == likely {
					fit = append(fit, u.Finding)
				}
			}
			if len(fit) > 0 && rapid.IntRange(0, 3).Draw(t, "likely") > 0 {
				return rapid.SampledFrom(fit).Draw(t, "fitting")
			}
			return rapid.SampledFrom(findings).Draw(t, "finding")
		}
		step := func(t *rapid.T, name string, id FindingID, event FollowUpEvent, m ismsaudit.Meta, op func() error) {
			before := fdClone(a)
			err := op()
			if err != nil {
				if diff := fdQuickDiff(before, a); diff != "" {
					t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
				}
				return
			}
			if m.At.After(clock) {
				clock = m.At
			}
			fdCheckFollowUpsKept(t, before, a)
			j := before.followUpAt(id)
			if event == "" { // a plan
				added := len(a.FollowUps) - len(before.FollowUps)
				switch {
				case j < 0 && (added != 1 || a.FollowUps[len(a.FollowUps)-1].State != FollowUpPlanning):
					t.Fatalf("%s: the first plan did not add one follow-up in planning", name)
				case j >= 0 && added != 0:
					t.Fatalf("%s: a second plan added a follow-up", name)
				case j >= 0 && len(a.FollowUps[j].EarlierPlans) != len(before.FollowUps[j].EarlierPlans)+1:
					t.Fatalf("%s: the replaced plan was not kept", name)
				case j >= 0 && len(a.FollowUps[j].History) != len(before.FollowUps[j].History):
					t.Fatalf("%s: a plan added history", name)
				}
				return
			}
			if j < 0 {
				t.Fatalf("%s accepted without a follow-up", name)
			}
			from := before.FollowUps[j].State
			to, ok := fdWantFollowUp[from][event]
			switch {
			case !ok:
				t.Fatalf("%s: %s accepted in %s; the table forbids it", name, event, from)
			case a.FollowUps[j].State != to:
				t.Fatalf("%s: %s led to %s, want %s", name, event, a.FollowUps[j].State, to)
			case len(a.FollowUps[j].History) != len(before.FollowUps[j].History)+1:
				t.Fatalf("%s: history grew by %d", name, len(a.FollowUps[j].History)-len(before.FollowUps[j].History))
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"plan": func(t *rapid.T) {
				id := pick(t, FollowUpPlanning)
				p := fdPlan
				switch rapid.IntRange(0, 3).Draw(t, "plan") {
				case 0:
					p.RootCause = ""
				case 1:
					p = CorrectiveActionPlan{}
				}
				m := fdRapidMeta(t, clock)
				p.DueAt = m.At.Add(time.Duration(rapid.IntRange(-1, 30).Draw(t, "due-days")) * 24 * time.Hour)
				step(t, "plan", id, "", m, func() error { return a.PlanCorrectiveAction(id, p, m) })
			},
			"accept": func(t *rapid.T) {
				id, m := pick(t, FollowUpPlanning), fdRapidMeta(t, clock)
				step(t, "accept", id, FollowUpAcceptPlan, m, func() error { return a.AcceptCorrectiveAction(id, m) })
			},
			"implement": func(t *rapid.T) {
				id, m := pick(t, FollowUpAccepted), fdRapidMeta(t, clock)
				step(t, "implement", id, FollowUpImplement, m, func() error { return a.MarkImplemented(id, m) })
			},
			"verify": func(t *rapid.T) {
				id, m := pick(t, FollowUpImplemented), fdRapidMeta(t, clock)
				effective := rapid.Bool().Draw(t, "effective")
				ids := rapid.SliceOfNDistinct(rapid.SampledFrom(evidence), 0, 2, rapid.ID).Draw(t, "evidence")
				event := FollowUpVerifyIneffective
				if effective {
					event = FollowUpVerifyEffective
				}
				step(t, "verify", id, event, m, func() error { return a.VerifyCorrectiveAction(id, effective, ids, m) })
			},
			"": func(t *rapid.T) {
				for j, u := range a.FollowUps {
					got, err := followUpMachine.Replay(u.History)
					if err != nil || got != u.State {
						t.Fatalf("follow-up %d does not replay to %s: %v", j, u.State, err)
					}
					verifications := 0
					for _, e := range u.History {
						if e.Event == FollowUpVerifyEffective || e.Event == FollowUpVerifyIneffective {
							verifications++
						}
					}
					if verifications != len(u.Verifications) {
						t.Fatalf("follow-up %d: %d verifications in the history, %d logged", j, verifications, len(u.Verifications))
					}
				}
				// An overdue major is reported (it blocks the recommendation),
				// exactly when the rules derive NotRecommend; nothing else
				// may be reported.
				blocked := false
				for _, v := range fdAreaCheck(a, &VerifyOptions{At: clock}) {
					if strings.HasSuffix(v, " "+string(RuleMajorOverdueBlocks)) {
						blocked = true
						continue
					}
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
				if rec, _ := DeriveRecommendation(a, clock); blocked != (rec == NotRecommend) {
					t.Fatalf("Verify reports a blocked recommendation: %t; DeriveRecommendation gives %s", blocked, rec)
				}
			},
		})
	})
}
