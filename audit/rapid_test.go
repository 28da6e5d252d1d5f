package audit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestConclusionLifecycleProperties drives the conclusions of an audit in
// the findings stage through random drafts, agreements, revisions and
// closing meetings, with findings added, confirmed and withdrawn between
// them: a refused operation changes nothing; an accepted conclusion event
// is a row of the table and adds exactly one history entry; drafting
// never touches the history; the conclusions, once there, are never lost
// and their history never rewritten; and the record passes Verify's
// conclusion checks.
func TestConclusionLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := stage2Audit(t, StateFindings)
		a.Findings = []Finding{findingIn(t, nonconformity("F-1", Major, controlA815, "E-1"), FindingConfirmed)}
		clock := agreeAt
		next := 2
		step := func(t *rapid.T, name string, event ConclusionEvent, m ismsaudit.Meta, op func() error) {
			before := deepCopy(a)
			err := op()
			if err != nil {
				if diff := quickDiff(before, a); diff != "" {
					t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
				}
				return
			}
			if m.At.After(clock) {
				clock = m.At
			}
			checkNothingLost(t, before, a)
			if a.Conclusion == nil {
				t.Fatalf("%s accepted without conclusions", name)
			}
			grew := len(a.Conclusion.History)
			if before.Conclusion != nil {
				grew -= len(before.Conclusion.History)
			}
			if event == "" {
				if grew != 0 {
					t.Fatalf("%s is not a lifecycle event but added %d history entries", name, grew)
				}
				return
			}
			from := before.Conclusion.State
			to, ok := wantConclusion[from][event]
			switch {
			case !ok:
				t.Fatalf("%s: %s accepted in %s; the table forbids it", name, event, from)
			case a.Conclusion.State != to:
				t.Fatalf("%s: %s led to %s, want %s", name, event, a.Conclusion.State, to)
			case grew != 1:
				t.Fatalf("%s: history grew by %d", name, grew)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"draft": func(t *rapid.T) {
				c := draftConclusion(t)
				c.Recommendation = rapid.SampledFrom([]Recommendation{"", "", Recommend, NotRecommend}).Draw(t, "recommendation") // refused unless empty
				if rapid.Bool().Draw(t, "incomplete") {
					c.Extent = ""
				}
				m := rapidMeta(t, clock)
				step(t, "draft", "", m, func() error { return a.DraftConclusion(c, m) })
			},
			"agree": func(t *rapid.T) {
				m := rapidMeta(t, clock)
				step(t, "agree", ConclusionAgree, m, func() error { return a.AgreeConclusion(m) })
			},
			"revise": func(t *rapid.T) {
				m := rapidMeta(t, clock)
				step(t, "revise", ConclusionRevise, m, func() error { return a.ReviseConclusion(m) })
			},
			"present": func(t *rapid.T) {
				m := rapidMeta(t, clock)
				step(t, "present", ConclusionPresent, m, func() error {
					apply, err := a.prepareClosingPresentation(m)
					if err == nil {
						apply()
						auditStep(a, EventHoldClosingMeeting, m.At)
					}
					return err
				})
			},
			"add-finding": func(t *rapid.T) {
				f := nonconformity(FindingID(fmt.Sprintf("F-%d", next)), rapid.SampledFrom([]Grade{Minor, Major}).Draw(t, "grade"), controlA815, "E-1")
				f.RaisedAt = clock
				m := ismsaudit.Meta{At: clock, By: auditorID}
				before := deepCopy(a)
				if err := a.AddFinding(f, m); err != nil {
					if diff := quickDiff(before, a); diff != "" {
						t.Fatalf("add refused but changed the record:\n%s", diff)
					}
					return
				}
				next++
			},
			"settle-finding": func(t *rapid.T) {
				for _, f := range a.Findings {
					if f.State != FindingDraft {
						continue
					}
					m := ismsaudit.Meta{At: clock, By: leadID, Note: "n"}
					if rapid.Bool().Draw(t, "confirm") {
						_ = a.ConfirmFinding(f.ID, m)
					} else {
						_ = a.WithdrawFinding(f.ID, m.Note, m)
					}
					return
				}
			},
			"": func(t *rapid.T) {
				if c := a.Conclusion; c != nil {
					got, err := conclusionMachine.Replay(c.History)
					if err != nil || got != c.State {
						t.Fatalf("conclusion history does not replay to %s: %v", c.State, err)
					}
				}
				if v := findingsViolations(a, &VerifyOptions{At: clock.Add(time.Hour)}); len(v) > 0 {
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
			},
		})
	})
}

// auditModel drives an audit through random operations for the property
// tests, with a clock that mostly moves forward.
type auditModel struct {
	a     *Audit
	clock time.Time
}

func (c *auditModel) meta(t *rapid.T) ismsaudit.Meta {
	switch rapid.IntRange(0, 9).Draw(t, "clock") {
	case 0:
		return byLead(c.clock.Add(-time.Hour)) // goes back: refused
	case 1:
		return ismsaudit.Meta{At: c.clock, By: ""} // no actor: refused
	}
	c.clock = c.clock.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "hours")) * time.Hour)
	return byLead(c.clock)
}

// run performs op on the model's audit and checks the properties
// every operation keeps: a refusal changes nothing; an accepted event
// appends exactly one history entry, on a row of the table; any other
// accepted operation leaves the history alone; nothing is lost from an
// append-only log.
func (c *auditModel) run(t *rapid.T, event Event, op func() error) {
	before := deepCopy(c.a)
	err := op()
	a := c.a
	if err != nil {
		if diff := cmp.Diff(before, a); diff != "" {
			t.Fatalf("refused (%v) but changed: mismatch (-want +got):\n%s", err, diff)
		}
		return
	}
	grew := len(a.History) - len(before.History)
	switch {
	case event != "" && grew == 1:
		e := a.History[len(a.History)-1]
		next, ok := auditMachine.Next(before.State, event)
		if !ok || e.From != before.State || e.Event != event || e.To != next || a.State != next {
			t.Fatalf("event %s accepted from %s as %+v, state %s: not a row of the table", event, before.State, e, a.State)
		}
	case event == EventDistribute && grew == 0 && before.State != StateReported:
		// a later distribution only appends recipients
	case event == "" && grew == 0:
	default:
		t.Fatalf("operation for event %q grew the history by %d", event, grew)
	}
	appendOnly(t, before, a)
}

// appendOnly checks that every append-only log of after starts with
// the whole of the same log in before.
func appendOnly(t *rapid.T, before, after *Audit) {
	prefix := func(name string, diff string) {
		if diff != "" {
			t.Fatalf("%s lost or rewrote entries: mismatch (-want +got):\n%s", name, diff)
		}
	}
	if len(after.History) < len(before.History) || len(after.Evidence) < len(before.Evidence) {
		t.Fatalf("a log shrank")
	}
	prefix("History", cmp.Diff(before.History, after.History[:len(before.History)], equateEmpty))
	prefix("Evidence", cmp.Diff(before.Evidence, after.Evidence[:len(before.Evidence)], equateEmpty))
	if before.Plan != nil {
		if after.Plan == nil || len(after.Plan.History) < len(before.Plan.History) || len(after.Plan.Versions) < len(before.Plan.Versions) {
			t.Fatalf("the plan's history or versions shrank")
		}
		prefix("Plan.History", cmp.Diff(before.Plan.History, after.Plan.History[:len(before.Plan.History)], equateEmpty))
		prefix("Plan.Versions", cmp.Diff(before.Plan.Versions, after.Plan.Versions[:len(before.Plan.Versions)], equateEmpty))
	}
	if before.Report != nil {
		if after.Report == nil || len(after.Report.Distribution) < len(before.Report.Distribution) {
			t.Fatalf("the distribution list shrank")
		}
		prefix("Report.Distribution", cmp.Diff(before.Report.Distribution, after.Report.Distribution[:len(before.Report.Distribution)], equateEmpty))
	}
}

// invariants checks what must hold after any sequence: the state is
// one the table reaches by the recorded history, and so is the plan's.
func invariants(t *rapid.T, a *Audit) {
	end, err := auditMachine.Replay(a.History)
	if err != nil || end != a.State || !a.State.IsValid() {
		t.Fatalf("state %s, history replays to %s (%v)", a.State, end, err)
	}
	if a.Plan != nil {
		pend, err := planMachine.Replay(a.Plan.History)
		if err != nil || pend != a.Plan.State {
			t.Fatalf("plan state %s, history replays to %s (%v)", a.Plan.State, pend, err)
		}
		approvals := 0
		for _, e := range a.Plan.History {
			if e.Event == PlanApprove {
				approvals++
			}
		}
		for i, v := range a.Plan.Versions {
			if v.Version != i+1 {
				t.Fatalf("version %d numbered %d", i, v.Version)
			}
		}
		if approvals != len(a.Plan.Versions) {
			t.Fatalf("%d approvals, %d versions", approvals, len(a.Plan.Versions))
		}
	}
}

// TestAuditLifecycleProperties runs random sequences of the audit's
// operations, valid and not, and checks the lifecycle's properties after
// each; at the end, a record built by the operations verifies.
func TestAuditLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := &auditModel{a: newFixture(t), clock: march(2, 10)}
		a := func() *Audit { return c.a }
		advance := func(t *rapid.T) { c.advance(t) }
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) { invariants(t, c.a) },
			// advance takes the next step of a normal audit; it is listed
			// three times so that runs often get far.
			"advance": advance, "advance2": advance, "advance3": advance,
			"contact": func(t *rapid.T) {
				m := c.meta(t)
				person := rapid.SampledFrom([]string{"Carl CISO", ""}).Draw(t, "person")
				c.run(t, "", func() error {
					return a().EstablishContact(Contact{Person: person, EstablishedAt: m.At, EstablishedBy: "lead"}, m)
				})
			},
			"feasibility": func(t *rapid.T) {
				m := c.meta(t)
				f := Feasibility{Information: true, Cooperation: rapid.Bool().Draw(t, "coop"), TimeAndResources: true, DecidedAt: m.At, DecidedBy: "lead",
					Alternative: rapid.SampledFrom([]string{"", "a remote audit"}).Draw(t, "alt")}
				c.run(t, "", func() error { return a().DecideFeasibility(f, m) })
			},
			"team": func(t *rapid.T) {
				m := c.meta(t)
				team := fixtureTeam()
				if rapid.IntRange(0, 3).Draw(t, "badTeam") == 0 {
					team[1].Role = competence.RoleTeamLeader
				}
				c.run(t, "", func() error { return a().SetTeam(team, m) })
			},
			"draftPlan": func(t *rapid.T) {
				m := c.meta(t)
				content := fixturePlan()
				switch rapid.IntRange(0, 3).Draw(t, "planVariant") {
				case 0:
					content.Objectives = nil // incomplete: approval refuses
				case 1:
					content.Assignments = content.Assignments[1:] // a criterion unassigned
				case 2:
					content.Criteria = append(content.Criteria, content.Criteria[0]) // malformed: refused
				}
				c.run(t, "", func() error { return a().DraftPlan(content, m) })
			},
			"planEvent": func(t *rapid.T) {
				m := c.meta(t)
				events := planEventSet.Values()
				if p := a().PermittedPlan(); len(p) > 0 && rapid.Bool().Draw(t, "anyPlanEvent") {
					events = p
				}
				e := rapid.SampledFrom(events).Draw(t, "planEvent")
				c.run(t, "", func() error { return firePlanEvent(a(), e, m) })
			},
			"checklist": func(t *rapid.T) {
				m := c.meta(t)
				c.run(t, EventAttachChecklist, func() error { return a().AttachChecklist(fixtureChecklist(), m) })
			},
			"evidence": func(t *rapid.T) {
				if a().State == StateFieldwork && len(a().Evidence) == 0 {
					a().Evidence = append(a().Evidence, evidenceIn(t, "E-1", EvidenceVerified, c.clock, refAccess))
					a().Evidence[0].History[0].At = c.clock // verified as collected
				}
			},
			"result": func(t *rapid.T) {
				m := c.meta(t)
				ref := rapid.SampledFrom(append(fixtureCriteria, annexa.RefToControl("5.1"))).Draw(t, "ref")
				if rapid.Bool().Draw(t, "assess") {
					c.run(t, "", func() error { return a().RecordResult(ref, consistentResult(a(), ref, "E-1"), m) })
					return
				}
				c.run(t, "", func() error { return a().MarkNotAudited(ref, "area closed for works", m) })
			},
			"risk": func(t *rapid.T) {
				m := c.meta(t)
				r := EscalatedRisk{ID: RiskID("R-" + m.At.Format("150405")), Description: "unlocked server room", FoundAt: m.At, FoundBy: "ana",
					EscalatedAt: m.At, EscalatedTo: rapid.SampledFrom([]string{"Carl CISO", ""}).Draw(t, "to")}
				c.run(t, "", func() error { return a().EscalateRisk(r, m) })
			},
			"findings": func(t *rapid.T) {
				switch {
				case a().State == StateFieldwork && len(a().Findings) == 0 && len(a().Evidence) > 0 && rapid.Bool().Draw(t, "nc"):
					a().Findings = append(a().Findings, findingIn(t, nonconformity("F-1", Minor, refAccess, "E-1"), FindingConfirmed, c.clock))
					m := c.meta(t) // the checklist shows it, unless the item was not audited
					c.run(t, "", func() error { return a().RecordResult(refAccess, consistentResult(a(), refAccess, "E-1"), m) })
				case a().State == StateFindings && (a().Conclusion == nil || a().Conclusion.State == ConclusionDraft):
					c.conclude(t)
				case a().State == StateClosing && a().hasNonconformities() && len(a().FollowUps) == 0:
					a().FollowUps = append(a().FollowUps, plannedFollowUp("F-1", march(2, 9)))
				case a().State == StateFollowUp || a().State == StateCompleted:
					closeFollowUps(a(), c.clock)
				}
			},
			"event": func(t *rapid.T) {
				m := c.meta(t)
				events := eventSet.Values()
				p := slices.DeleteFunc(a().Permitted(), func(e Event) bool { return e == EventTerminate })
				if len(p) > 0 && rapid.IntRange(0, 9).Draw(t, "anyEvent") > 0 {
					events = p // mostly events the audit allows and not termination, so that runs get far
				}
				e := rapid.SampledFrom(events).Draw(t, "event")
				if rapid.IntRange(0, 4).Draw(t, "badInput") == 0 {
					c.run(t, e, func() error { return fireBad(a(), e, m) })
					return
				}
				c.run(t, e, func() error { return fire(a(), e, m) })
			},
		})
		if err := Verify(c.a, nil); err != nil {
			t.Fatalf("a record built by the operations does not verify: %v", err)
		}
	})
}

// advance takes the next step a normal audit would take in its state,
// through the operations (or, for evidence, findings, conclusions and
// follow-ups, as their operations would leave the record).
func (c *auditModel) advance(t *rapid.T) {
	a := c.a
	m := c.meta(t)
	op := func(event Event, f func() error) { c.run(t, event, f) }
	switch a.State {
	case StateInitiation:
		switch {
		case a.Contact == nil:
			op("", func() error {
				return a.EstablishContact(Contact{Person: "Carl CISO", EstablishedAt: m.At, EstablishedBy: "lead"}, m)
			})
		case a.Feasibility == nil || !a.Feasibility.Feasible():
			op("", func() error {
				return a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: m.At, DecidedBy: "lead"}, m)
			})
		case len(a.Team) == 0:
			op("", func() error { return a.SetTeam(fixtureTeam(), m) })
		default:
			op(EventPrepare, func() error { return a.Prepare(m) })
		}
	case StatePreparation, StateFieldwork:
		switch {
		case len(a.Team) == 0 && (a.Plan == nil || a.Plan.State == PlanDraft):
			op("", func() error { return a.SetTeam(fixtureTeam(), m) })
		case a.Plan == nil:
			op("", func() error { return a.DraftPlan(fixturePlan(), m) })
		case a.Plan.State == PlanDraft && a.CanPlan(PlanApprove):
			op("", func() error { return a.ApprovePlan(PlanCheck{}, m) })
		case a.Plan.State == PlanDraft:
			op("", func() error { return a.DraftPlan(fixturePlan(), m) })
		case a.Plan.State == PlanApproved:
			op("", func() error { return a.CommunicatePlan(m) })
		case a.State == StatePreparation && a.Checklist == nil:
			op(EventAttachChecklist, func() error { return a.AttachChecklist(fixtureChecklist(), m) })
		case a.State == StatePreparation:
			op(EventOpen, func() error { return fire(a, EventOpen, m) })
		case len(a.Evidence) == 0:
			e := evidenceIn(t, "E-1", EvidenceVerified, c.clock, refAccess)
			e.History[0].At = c.clock // verified as collected
			a.Evidence = append(a.Evidence, e)
		case a.Checklist != nil && slices.ContainsFunc(a.Checklist.Items, annexa.Item.Pending):
			i := slices.IndexFunc(a.Checklist.Items, annexa.Item.Pending)
			op("", func() error {
				return a.RecordResult(a.Checklist.Items[i].Ref, consistentResult(a, a.Checklist.Items[i].Ref, "E-1"), m)
			})
		default:
			op(EventEndFieldwork, func() error { return a.EndFieldwork(m) })
		}
	case StateFindings:
		if a.Conclusion == nil || a.Conclusion.State == ConclusionDraft {
			c.conclude(t)
			return
		}
		op(EventHoldClosingMeeting, func() error { return fire(a, EventHoldClosingMeeting, m) })
	case StateClosing:
		if a.hasNonconformities() && len(a.FollowUps) == 0 {
			a.FollowUps = append(a.FollowUps, plannedFollowUp("F-1", march(2, 9)))
			return
		}
		op(EventIssueReport, func() error { return a.IssueReport(m) })
	case StateReported, StateDistributed:
		e := EventDistribute
		if a.State == StateDistributed {
			e = EventComplete
		}
		op(e, func() error { return fire(a, e, m) })
	case StateCompleted, StateFollowUp:
		if a.Can(EventStartFollowUp) {
			op(EventStartFollowUp, func() error { return a.StartFollowUp(m) })
			return
		}
		if !a.Can(EventClose) {
			closeFollowUps(a, c.clock)
			return
		}
		op(EventClose, func() error { return a.Close(m) })
	}
}

// conclude drafts the fixture's conclusions, when they are not drafted
// or still a draft, and has the team agree them, through the operations:
// the objectives note says why they stand when an item was not audited.
// The agreement is refused while the checklist and the findings disagree.
func (c *auditModel) conclude(t *rapid.T) {
	a := c.a
	d := *agreedConclusion(c.clock)
	d.State, d.History = "", nil
	if a.Checklist != nil && slices.ContainsFunc(a.Checklist.Items, func(it annexa.Item) bool { return it.NotAuditedReason != "" }) {
		d.ObjectivesNote = "the items not audited are planned for the next audit"
	}
	m := c.meta(t)
	c.run(t, "", func() error { return a.DraftConclusion(d, m) })
	m = c.meta(t)
	c.run(t, "", func() error { return a.AgreeConclusion(m) })
}

// fireBad fires e through its operation with input its guards or
// checks refuse (or, for events without input, as fire does).
func fireBad(a *Audit, e Event, m ismsaudit.Meta) error {
	switch e {
	case EventOpen:
		return a.HoldOpeningMeeting(OpeningMeeting{HeldAt: m.At, Attendees: []Attendee{{Name: "Carl CISO"}}}, m)
	case EventHoldClosingMeeting:
		return a.HoldClosingMeeting(ClosingMeeting{HeldAt: m.At}, m)
	case EventDistribute:
		return a.Distribute([]Recipient{{Name: "Carl CISO"}}, m)
	case EventComplete:
		return a.Complete(Completion{}, m)
	case EventTerminate:
		return a.Terminate(" ", m)
	}
	return fire(a, e, m)
}

// TestPlanLifecycleProperties runs random sequences of plan
// operations in preparation and fieldwork: the plan's state is always one
// its history reaches through the table, each accepted event appends one
// history entry, each approval one version holding the approved content,
// and a refusal changes nothing.
func TestPlanLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := auditIn(t, StatePreparation)
		clock := march(3, 5)
		meta := func(t *rapid.T) ismsaudit.Meta {
			if rapid.IntRange(0, 9).Draw(t, "back") == 0 {
				return byLead(clock.Add(-time.Minute))
			}
			clock = clock.Add(time.Minute)
			return byLead(clock)
		}
		var at time.Time // the time of the latest operation
		check := func(t *rapid.T, planEvent PlanEvent, op func() error) {
			before := deepCopy(a)
			err := op()
			if err != nil {
				if diff := cmp.Diff(before, a); diff != "" {
					t.Fatalf("refused (%v) but changed: mismatch (-want +got):\n%s", err, diff)
				}
				return
			}
			grew := len(a.Plan.History) - len(before.Plan.History)
			if planEvent == "" {
				if grew != 0 || len(a.Plan.Versions) != len(before.Plan.Versions) {
					t.Fatalf("a content change moved the lifecycle")
				}
				return
			}
			next, ok := planMachine.Next(before.Plan.State, planEvent)
			if grew != 1 || !ok || a.Plan.State != next {
				t.Fatalf("%s from %s: grew %d, state %s", planEvent, before.Plan.State, grew, a.Plan.State)
			}
			if planEvent == PlanApprove {
				v := a.Plan.Versions[len(a.Plan.Versions)-1]
				if len(a.Plan.Versions) != len(before.Plan.Versions)+1 || !planContentEqual(&v.Content, &before.Plan.Content) || !v.ApprovedAt.Equal(at) {
					t.Fatalf("approval did not keep the approved content as a new version")
				}
			}
			appendOnly(t, before, a)
		}
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) { invariants(t, a) },
			"event": func(t *rapid.T) {
				m := meta(t)
				e := rapid.SampledFrom(planEventSet.Values()).Draw(t, "planEvent")
				at = m.At
				check(t, e, func() error { return firePlanEvent(a, e, m) })
			},
			"draft": func(t *rapid.T) {
				m := meta(t)
				content := fixturePlan()
				content.SamplingApproach = rapid.SampledFrom([]string{"", "judgemental", "statistical"}).Draw(t, "sampling")
				check(t, "", func() error { return a.DraftPlan(content, m) })
			},
			"team": func(t *rapid.T) {
				m := meta(t)
				team := fixtureTeam()
				if rapid.Bool().Draw(t, "expertAssigned") {
					team[1].Role = competence.RoleTechnicalExpert // ana may not audit then
				}
				check(t, "", func() error { return a.SetTeam(team, m) })
			},
		})
	})
}

// itemContent is an item without its lifecycle part: what must never change
// once logged.
func itemContent(e Evidence) Evidence {
	e.State, e.History = "", nil
	return e
}

// historyCount counts the history entries of every item.
func historyCount(a *Audit) int {
	n := 0
	for i := range a.Evidence {
		n += len(a.Evidence[i].History)
	}
	return n
}

// TestEvidenceLifecycleProperties drives the evidence log with random
// collect, verify, reject and correct operations (valid and invalid, at
// random times, in random audit states) and checks after each one that:
// a refused operation changes nothing; an accepted one adds exactly what
// it should (one item, one history entry, or both for a correction);
// nothing logged is ever lost or changed; and every history is a path
// through the lifecycle table ending in the item's state.
func TestEvidenceLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := evidenceAudit(StateFieldwork)
		clock := march(11, 11)
		next := 0
		for step := range rapid.IntRange(1, 60).Draw(t, "steps") {
			before := deepCopy(a)
			var ids []ismsaudit.EvidenceID
			for i := range a.Evidence {
				ids = append(ids, a.Evidence[i].ID)
			}
			ids = append(ids, "E-unknown")
			id := rapid.SampledFrom(ids).Draw(t, "id")
			m := ismsaudit.Meta{
				At:   clock.Add(time.Duration(rapid.IntRange(-30, 90).Draw(t, "minutes")) * time.Minute),
				By:   rapid.SampledFrom([]string{"lead", "auditor-1", ""}).Draw(t, "by"),
				Note: rapid.SampledFrom([]string{"why", "why", "", " "}).Draw(t, "note"),
			}
			item := newItem(ismsaudit.EvidenceID(fmt.Sprintf("E-%d", next)))
			item.CollectedAt = clock.Add(-time.Hour)
			switch rapid.IntRange(0, 9).Draw(t, "item") {
			case 0:
				item.ID = rapid.SampledFrom(ids).Draw(t, "reused id")
			case 1:
				item.Supports = append(item.Supports, itemNotInPlan)
			case 2:
				item.Source = ""
			case 3:
				item.State = EvidenceVerified
			}

			op := rapid.SampledFrom([]string{"collect", "verify", "reject", "correct", "audit-state"}).Draw(t, "op")
			var err error
			switch op {
			case "collect":
				err = a.CollectEvidence(item, m)
			case "verify":
				err = a.VerifyEvidence(id, m)
			case "reject":
				err = a.RejectEvidence(id, m.Note, m)
			case "correct":
				err = a.CorrectEvidence(id, item, m)
			case "audit-state":
				a.State = rapid.SampledFrom(stateSet.Values()).Draw(t, "state")
				continue
			}

			if err != nil {
				if !errors.Is(err, ismsaudit.ErrInvalid) && !errors.Is(err, ismsaudit.ErrNotFound) && !errors.Is(err, ismsaudit.ErrTransition) {
					t.Fatalf("step %d %s: error wraps no sentinel: %v", step, op, err)
				}
				if diff := cmp.Diff(before, a); diff != "" {
					t.Fatalf("step %d %s refused (%v) but changed the record: mismatch (-want +got):\n%s", step, op, err, diff)
				}
				continue
			}
			clock = m.At
			if op == "collect" || op == "correct" {
				next++
			}

			// Exactly what the operation should add.
			wantItems, wantEntries := len(before.Evidence), historyCount(before)
			switch op {
			case "collect":
				wantItems++
			case "verify", "reject":
				wantEntries++
			case "correct":
				wantItems++
				wantEntries++
			}
			if len(a.Evidence) != wantItems || historyCount(a) != wantEntries {
				t.Fatalf("step %d %s: %d items and %d entries, want %d and %d", step, op, len(a.Evidence), historyCount(a), wantItems, wantEntries)
			}

			// Nothing logged is lost or changed; histories only grow.
			for i, old := range before.Evidence {
				now := a.Evidence[i]
				if diff := cmp.Diff(itemContent(old), itemContent(now)); diff != "" {
					t.Fatalf("step %d %s: Evidence[%d] changed: mismatch (-want +got):\n%s", step, op, i, diff)
				}
				if len(now.History) < len(old.History) || !slices.Equal(old.History, now.History[:len(old.History)]) {
					t.Fatalf("step %d %s: Evidence[%d] history rewritten", step, op, i)
				}
			}

			// Every history is a path through the table, per the model.
			for i, e := range a.Evidence {
				state := EvidenceCollected
				for k, h := range e.History {
					to, ok := evidenceModel[state][h.Event]
					if h.From != state || !ok || h.To != to {
						t.Fatalf("step %d: Evidence[%d].History[%d] %v is not allowed from %q", step, i, k, h, state)
					}
					state = to
				}
				if state != e.State {
					t.Fatalf("step %d: Evidence[%d] is %q but its history ends in %q", step, i, e.State, state)
				}
			}
			for _, f := range evidenceViolations(a) {
				if f.Rule != RuleEvidenceDuringAudit {
					t.Fatalf("step %d %s: the record no longer conforms: %v", step, op, f)
				}
			}
		}
	})
}

// rapidMeta draws the meta of an event: usually a little after the
// clock, sometimes before it, without a time or without an actor.
func rapidMeta(t *rapid.T, clock time.Time) ismsaudit.Meta {
	m := ismsaudit.Meta{
		At:   clock.Add(time.Duration(rapid.IntRange(-30, 180).Draw(t, "minutes")) * time.Minute),
		By:   rapid.SampledFrom([]string{leadID, auditorID, expertID, outsiderID}).Draw(t, "by"),
		Note: rapid.SampledFrom([]string{"", "", "reason"}).Draw(t, "note"),
	}
	switch rapid.IntRange(0, 19).Draw(t, "bad-meta") {
	case 0:
		m.At = time.Time{}
	case 1:
		m.By = ""
	}
	return m
}

// auditStep moves the audit lifecycle the way its operations would,
// without their guards (tested elsewhere): state and one history entry.
func auditStep(a *Audit, e Event, at time.Time) {
	to, _ := auditMachine.Next(a.State, e)
	a.History = append(a.History, Entry{From: a.State, Event: e, To: to, At: at, By: leadID})
	a.State = to
}

// checkNothingLost fails unless after keeps every finding and the
// conclusions of before, their histories only appended to.
func checkNothingLost(t *rapid.T, before, after *Audit) {
	if len(after.Findings) < len(before.Findings) {
		t.Fatalf("findings lost: %d, then %d", len(before.Findings), len(after.Findings))
	}
	for i, f := range before.Findings {
		g := after.Findings[i]
		if g.ID != f.ID || !isPrefix(f.History, g.History) {
			t.Fatalf("finding %d (%s): history rewritten", i, f.ID)
		}
	}
	if before.Conclusion != nil {
		if after.Conclusion == nil {
			t.Fatalf("conclusions lost")
		}
		if !isPrefix(before.Conclusion.History, after.Conclusion.History) {
			t.Fatalf("conclusion history rewritten")
		}
	}
}

// historyLen counts the entries of every finding and conclusion history.
func historyLen(a *Audit) int {
	n := 0
	for _, f := range a.Findings {
		n += len(f.History)
	}
	if a.Conclusion != nil {
		n += len(a.Conclusion.History)
	}
	return n
}

// TestFindingLifecycleProperties drives an audit through random finding
// operations (and the audit lifecycle through the stages they depend on):
// a refused operation changes nothing; an accepted finding event is a row
// of the table and adds exactly one history entry; findings and histories
// are never lost or rewritten; every history replays; and the record the
// operations build always passes Verify's findings checks.
func TestFindingLifecycleProperties(t *testing.T) {
	refs := []annexa.Ref{controlA815, clause92, controlA51, policyRef, notPlanned}
	evidence := []ismsaudit.EvidenceID{"E-1", "E-2", "E-3", "E-4", "E-5", "E-6", "E-99"}
	rapid.Check(t, func(t *rapid.T) {
		// Start at the beginning of fieldwork, or just after a closing
		// meeting that presented two findings.
		a, clock := stage2Audit(t, StateFieldwork), raisedAt
		if rapid.Bool().Draw(t, "after-closing") {
			a, clock = presentedAudit(t, StateClosing), closingAt
			if rapid.Bool().Draw(t, "disputed") {
				a.Findings[0] = findingIn(t, nonconformity("F-1", Minor, controlA815, "E-1"), FindingDisputed)
				clock = responseAt
			}
		}
		next := 0
		// pickFinding picks an unknown id now and then, a finding in
		// one of the given states mostly (when there is one), else any.
		pickFinding := func(t *rapid.T, likely ...FindingState) FindingID {
			if len(a.Findings) == 0 || rapid.IntRange(0, 9).Draw(t, "unknown") == 0 {
				return "F-none"
			}
			var fit []FindingID
			for _, f := range a.Findings {
				if slices.Contains(likely, f.State) {
					fit = append(fit, f.ID)
				}
			}
			if len(fit) > 0 && rapid.IntRange(0, 3).Draw(t, "likely") > 0 {
				return rapid.SampledFrom(fit).Draw(t, "fitting")
			}
			return a.Findings[rapid.IntRange(0, len(a.Findings)-1).Draw(t, "finding")].ID
		}
		// fire runs op and checks the properties around it; event is the
		// finding event it fires on id ("" for other operations).
		fire := func(t *rapid.T, name string, id FindingID, event FindingEvent, m ismsaudit.Meta, op func() error) {
			before := deepCopy(a)
			err := op()
			if err != nil {
				if diff := quickDiff(before, a); diff != "" {
					t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
				}
				return
			}
			checkNothingLost(t, before, a)
			if m.At.After(clock) {
				clock = m.At
			}
			if event == "" {
				return
			}
			i := before.findingAt(id)
			from := before.Findings[i].State
			to, ok := wantFinding[from][event]
			if !ok {
				t.Fatalf("%s: %s accepted in %s; the table forbids it", name, event, from)
			}
			if a.Findings[i].State != to {
				t.Fatalf("%s: %s led to %s, want %s", name, event, a.Findings[i].State, to)
			}
			if got, want := historyLen(a), historyLen(before)+1; got != want {
				t.Fatalf("%s: %d history entries, want %d", name, got, want)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"add": func(t *rapid.T) {
				kind := rapid.SampledFrom(slices.Collect(FindingKinds())).Draw(t, "kind")
				f := Finding{
					ID: FindingID(fmt.Sprintf("F-%d", next)), Kind: kind,
					Criteria: []annexa.Ref{rapid.SampledFrom(refs).Draw(t, "criterion")},
					Evidence: rapid.SliceOfNDistinct(rapid.SampledFrom(evidence), 0, 2, rapid.ID).Draw(t, "evidence"),
					Found:    "found", RaisedBy: auditorID,
				}
				if rapid.Bool().Draw(t, "well-formed") {
					f.Criteria, f.Evidence = []annexa.Ref{controlA815}, []ismsaudit.EvidenceID{"E-1"}
				}
				if kind == Nonconformity {
					f.Grade = rapid.SampledFrom([]Grade{Minor, Major, ""}).Draw(t, "grade")
					f.Requirement = rapid.SampledFrom([]string{"", "requirement"}).Draw(t, "requirement")
					f.Reason = "reason"
				}
				m := rapidMeta(t, clock)
				f.RaisedAt = m.At
				if f.RaisedAt.IsZero() {
					f.RaisedAt = clock
				}
				n := len(a.Findings)
				fire(t, "add", "", "", m, func() error { return a.AddFinding(f, m) })
				if len(a.Findings) > n {
					next++
					if len(a.Findings) != n+1 || a.Findings[n].State != FindingDraft || len(a.Findings[n].History) != 0 {
						t.Fatalf("add: not appended as one draft without history")
					}
				}
			},
			"confirm": func(t *rapid.T) {
				id, m := pickFinding(t, FindingDraft), rapidMeta(t, clock)
				fire(t, "confirm", id, FindingConfirm, m, func() error { return a.ConfirmFinding(id, m) })
			},
			"withdraw": func(t *rapid.T) {
				id, m := pickFinding(t, FindingDraft, FindingConfirmed), rapidMeta(t, clock)
				fire(t, "withdraw", id, FindingWithdraw, m, func() error { return a.WithdrawFinding(id, m.Note, m) })
			},
			"acknowledge": func(t *rapid.T) {
				id, m := pickFinding(t, FindingPresented), rapidMeta(t, clock)
				fire(t, "acknowledge", id, FindingAcknowledge, m, func() error { return a.AcknowledgeFinding(id, m) })
			},
			"dispute": func(t *rapid.T) {
				id, m := pickFinding(t, FindingPresented), rapidMeta(t, clock)
				opinion := rapid.SampledFrom([]string{"", "we disagree", "we disagree"}).Draw(t, "opinion")
				fire(t, "dispute", id, FindingDispute, m, func() error { return a.DisputeFinding(id, opinion, m) })
			},
			"resolve": func(t *rapid.T) {
				id, m := pickFinding(t, FindingDisputed), rapidMeta(t, clock)
				resolution := rapid.SampledFrom([]string{"", "settled", "settled", "settled"}).Draw(t, "resolution")
				fire(t, "resolve", id, FindingResolve, m, func() error { return a.ResolveDispute(id, resolution, m) })
			},
			"settle": func(t *rapid.T) {
				// Confirm every draft, or withdraw it when it cannot be.
				for _, f := range slices.Clone(a.Findings) {
					if f.State != FindingDraft {
						continue
					}
					m := byLead(clock)
					fire(t, "settle-confirm", f.ID, FindingConfirm, m, func() error { return a.ConfirmFinding(f.ID, m) })
					fire(t, "settle-withdraw", f.ID, FindingWithdraw, m, func() error { return a.WithdrawFinding(f.ID, "cannot be confirmed", m) })
				}
			},
			"end-fieldwork": func(t *rapid.T) {
				if a.State == StateFieldwork {
					auditStep(a, EventEndFieldwork, clock)
				}
			},
			"conclude": func(t *rapid.T) {
				c := draftConclusion(t)
				c.Recommendation = rapid.SampledFrom([]Recommendation{"", "", "", Recommend}).Draw(t, "recommendation") // refused unless empty
				m := rapidMeta(t, clock)
				fire(t, "draft-conclusion", "", "", m, func() error { return a.DraftConclusion(c, m) })
				m = rapidMeta(t, clock)
				fire(t, "agree", "", "", m, func() error { return a.AgreeConclusion(m) })
			},
			"revise": func(t *rapid.T) {
				m := rapidMeta(t, clock)
				fire(t, "revise", "", "", m, func() error { return a.ReviseConclusion(m) })
			},
			"closing-meeting": func(t *rapid.T) {
				m := rapidMeta(t, clock)
				before := deepCopy(a)
				apply, err := a.prepareClosingPresentation(m)
				if err != nil {
					if diff := quickDiff(before, a); diff != "" {
						t.Fatalf("closing refused but changed the record: mismatch (-want +got):\n%s", diff)
					}
					return
				}
				confirmed := 0
				for _, f := range a.Findings {
					if f.State == FindingConfirmed {
						confirmed++
					}
				}
				apply()
				auditStep(a, EventHoldClosingMeeting, m.At)
				if m.At.After(clock) {
					clock = m.At
				}
				checkNothingLost(t, before, a)
				if got, want := historyLen(a), historyLen(before)+confirmed+1; got != want {
					t.Fatalf("closing: %d history entries, want %d (one per confirmed finding and the conclusions)", got, want)
				}
			},
			"issue-report": func(t *rapid.T) {
				if a.State == StateClosing {
					auditStep(a, EventIssueReport, clock)
				}
			},
			"": func(t *rapid.T) {
				for i, f := range a.Findings {
					if _, err := findingMachine.Replay(f.History); err != nil {
						t.Fatalf("finding %d: %v", i, err)
					}
					if !f.State.IsValid() {
						t.Fatalf("finding %d in state %q", i, f.State)
					}
				}
				if v := findingsViolations(a, nil); len(v) > 0 {
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
			},
		})
	})
}

// checkFollowUpsKept fails when a follow-up, or part of one of its
// append-only logs (history, earlier plans, verifications), was lost or
// rewritten.
func checkFollowUpsKept(t *rapid.T, before, after *Audit) {
	if len(after.FollowUps) < len(before.FollowUps) {
		t.Fatalf("follow-ups lost: %d, then %d", len(before.FollowUps), len(after.FollowUps))
	}
	for j, u := range before.FollowUps {
		v := after.FollowUps[j]
		switch {
		case v.Finding != u.Finding:
			t.Fatalf("follow-up %d now follows %s, not %s", j, v.Finding, u.Finding)
		case !isPrefix(u.History, v.History):
			t.Fatalf("follow-up %d: history rewritten", j)
		case !isPrefix(u.EarlierPlans, v.EarlierPlans):
			t.Fatalf("follow-up %d: earlier plans rewritten", j)
		case !isPrefix(u.Verifications, v.Verifications):
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
		a := followUpStageAudit(t, StateDistributed)
		a.Findings = append(a.Findings, findingIn(t, nonconformity("F-4", Minor, clause92, "E-2"), FindingDisputed))
		clock := plannedAt
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
			before := deepCopy(a)
			err := op()
			if err != nil {
				if diff := quickDiff(before, a); diff != "" {
					t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
				}
				return
			}
			if m.At.After(clock) {
				clock = m.At
			}
			checkFollowUpsKept(t, before, a)
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
			to, ok := wantFollowUp[from][event]
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
				p := actionPlan
				switch rapid.IntRange(0, 3).Draw(t, "plan") {
				case 0:
					p.RootCause = ""
				case 1:
					p = CorrectiveActionPlan{}
				}
				m := rapidMeta(t, clock)
				p.DueAt = m.At.Add(time.Duration(rapid.IntRange(-1, 30).Draw(t, "due-days")) * 24 * time.Hour)
				step(t, "plan", id, "", m, func() error { return a.PlanCorrectiveAction(id, p, m) })
			},
			"accept": func(t *rapid.T) {
				id, m := pick(t, FollowUpPlanning), rapidMeta(t, clock)
				step(t, "accept", id, FollowUpAcceptPlan, m, func() error { return a.AcceptCorrectiveAction(id, m) })
			},
			"implement": func(t *rapid.T) {
				id, m := pick(t, FollowUpAccepted), rapidMeta(t, clock)
				step(t, "implement", id, FollowUpImplement, m, func() error { return a.MarkImplemented(id, m) })
			},
			"verify": func(t *rapid.T) {
				id, m := pick(t, FollowUpImplemented), rapidMeta(t, clock)
				effective := rapid.Bool().Draw(t, "effective")
				ids := rapid.SliceOfNDistinct(rapid.SampledFrom(evidence), 0, 2, rapid.ID).Draw(t, "evidence")
				event := FollowUpVerifyIneffective
				if effective {
					event = FollowUpVerifyEffective
				}
				step(t, "verify", id, event, m, func() error {
					if effective {
						return a.VerifyCorrectiveAction(id, ids, m)
					}
					return a.FindCorrectiveActionIneffective(id, m.Note, ids, m)
				})
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
				for _, v := range findingsViolations(a, &VerifyOptions{At: clock}) {
					if strings.HasSuffix(v, " "+string(RuleMajorOverdueBlocks)) {
						blocked = true
						continue
					}
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
				if rec, _ := ReviewRecommendation(a, clock); blocked != (rec == NotRecommend) {
					t.Fatalf("Verify reports a blocked recommendation: %t; ReviewRecommendation gives %s", blocked, rec)
				}
			},
		})
	})
}

// consistencyModel drives an audit from preparation to its close through
// the operations alone, for TestConsistencyProperties: random steps,
// valid or not, and the steps a normal audit takes next.
type consistencyModel struct {
	a     *Audit
	clock time.Time
	next  int // for evidence and finding ids
}

// consistencyAudit is an audit of the given kind in preparation, built by
// the operations as auditIn builds the lifecycle fixture, its checklist
// (one pending item per criterion) attached.
func consistencyAudit(t tb, kind annexa.AuditKind) *Audit {
	t.Helper()
	a, err := New(NewOptions{ID: "A-2026-11", Kind: kind, Client: "Acme board", Auditee: "Acme"}, byLead(march(2, 9)))
	require.NoError(t, err)
	step := func(err error) { t.Helper(); require.NoError(t, err) }
	step(a.EstablishContact(Contact{Person: "Carl CISO", EstablishedAt: march(2, 10), EstablishedBy: leadID}, byLead(march(2, 10))))
	step(a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: march(2, 11), DecidedBy: leadID}, byLead(march(2, 11))))
	step(a.SetTeam(fixtureTeam(), byLead(march(2, 12))))
	step(a.Prepare(byLead(march(2, 19))))
	step(a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	step(a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
	step(a.CommunicatePlan(byLead(march(2, 22))))
	cl := fixtureChecklist()
	cl.Kind = kind
	step(a.AttachChecklist(cl, byLead(march(2, 23))))
	return a
}

// meta draws the Meta of a step: mostly a little after the clock,
// sometimes before it or without an actor; the clock follows the
// accepted steps.
func (c *consistencyModel) meta(t *rapid.T, by string) ismsaudit.Meta {
	m := ismsaudit.Meta{At: c.clock.Add(time.Duration(rapid.IntRange(-60, 180).Draw(t, "minutes")) * time.Minute), By: by}
	if rapid.IntRange(0, 19).Draw(t, "no-actor") == 0 {
		m.By = ""
	}
	return m
}

// run performs op: refused, it changes nothing; accepted, the record
// still verifies, whatever the operation and the steps before it.
func (c *consistencyModel) run(t *rapid.T, name string, m ismsaudit.Meta, op func() error) {
	before := deepCopy(c.a)
	if err := op(); err != nil {
		if diff := quickDiff(before, c.a); diff != "" {
			t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
		}
		return
	}
	if m.At.After(c.clock) {
		c.clock = m.At
	}
	if err := Verify(c.a, nil); err != nil {
		t.Fatalf("%s accepted, and the record no longer verifies: %v", name, err)
	}
}

// findingIDs returns the ids of the findings of a keep accepts.
func findingIDs(a *Audit, keep func(*Finding) bool) []FindingID {
	var out []FindingID
	for i := range a.Findings {
		if keep(&a.Findings[i]) {
			out = append(out, a.Findings[i].ID)
		}
	}
	return out
}

// evidenceIDs returns the ids of the evidence items of a keep accepts.
func evidenceIDs(a *Audit, keep func(*Evidence) bool) []ismsaudit.EvidenceID {
	var out []ismsaudit.EvidenceID
	for i := range a.Evidence {
		if keep(&a.Evidence[i]) {
			out = append(out, a.Evidence[i].ID)
		}
	}
	return out
}

// followUpIDs returns the findings whose follow-up is in state s.
func followUpIDs(a *Audit, s FollowUpState) []FindingID {
	var out []FindingID
	for i := range a.FollowUps {
		if a.FollowUps[i].State == s {
			out = append(out, a.FollowUps[i].Finding)
		}
	}
	return out
}

// collect collects (and, when verify is set, verifies) an item
// supporting ref, collected at m.At.
func (c *consistencyModel) collect(t *rapid.T, ref annexa.Ref, m ismsaudit.Meta, verify bool) {
	c.next++
	id := ismsaudit.EvidenceID(fmt.Sprintf("E-%d", c.next))
	e := Evidence{ID: id, Source: SourceRecord, Description: "records examined for " + ref.String(), Supports: []annexa.Ref{ref},
		CollectedBy: auditorID, CollectedAt: m.At, Confidentiality: ConfidentialityInternal}
	c.run(t, "collect "+string(id), m, func() error { return c.a.CollectEvidence(e, m) })
	if verify {
		c.run(t, "verify "+string(id), m, func() error { return c.a.VerifyEvidence(id, m) })
	}
}

// advance takes the step a normal audit takes next in its state.
func (c *consistencyModel) advance(t *rapid.T) {
	a := c.a
	m := c.meta(t, leadID)
	verified := evidenceIDs(a, func(e *Evidence) bool { return e.State == EvidenceVerified })
	switch a.State {
	case StatePreparation:
		c.run(t, "open", m, func() error { return a.HoldOpeningMeeting(openingMeetingAt(m.At), m) })
	case StateFieldwork:
		drafts := findingIDs(a, func(f *Finding) bool { return f.State == FindingDraft })
		unverified := evidenceIDs(a, func(e *Evidence) bool { return e.State == EvidenceCollected })
		pending := slices.IndexFunc(a.Checklist.Items, annexa.Item.Pending)
		switch {
		case len(verified) == 0:
			c.collect(t, refAccess, m, true)
		case len(unverified) > 0:
			c.run(t, "verify "+string(unverified[0]), m, func() error { return a.VerifyEvidence(unverified[0], m) })
		case len(a.Findings) == 0:
			c.addFinding(t, m, Nonconformity, Minor, refAccess, verified[0])
		case len(drafts) > 0:
			c.run(t, "confirm "+string(drafts[0]), m, func() error { return a.ConfirmFinding(drafts[0], m) })
		case pending >= 0:
			ref := a.Checklist.Items[pending].Ref
			c.run(t, "result "+ref.String(), m, func() error { return a.RecordResult(ref, consistentResult(a, ref, verified[0]), m) })
		default:
			c.run(t, "end fieldwork", m, func() error { return a.EndFieldwork(m) })
		}
	case StateFindings:
		switch {
		case a.Conclusion == nil || a.Conclusion.State == ConclusionDraft:
			d := consistentConclusion(a)
			switch rapid.IntRange(0, 5).Draw(t, "conclusion-slip") { // now and then a slip the agreement must catch
			case 0:
				d.ScopeCovered, d.NotCovered = false, []string{"the HR unit: nobody was available"}
			case 1:
				d.ObjectivesNote = ""
			case 2:
				d.Fulfilment = rapid.SampledFrom(fulfilmentSet.Values()).Draw(t, "fulfilment")
			}
			c.run(t, "draft conclusions", m, func() error { return a.DraftConclusion(d, m) })
			m := c.meta(t, leadID)
			c.run(t, "agree conclusions", m, func() error { return a.AgreeConclusion(m) })
		default:
			c.run(t, "closing meeting", m, func() error { return a.HoldClosingMeeting(closingMeetingAt(m.At), m) })
		}
	case StateClosing, StateReported, StateDistributed, StateCompleted:
		presented := findingIDs(a, func(f *Finding) bool { return f.State == FindingPresented })
		unplanned := findingIDs(a, func(f *Finding) bool { return presentedNC(f) && a.followUpAt(f.ID) < 0 })
		planning := followUpIDs(a, FollowUpPlanning)
		if rapid.IntRange(0, 3).Draw(t, "skip-plans") == 0 { // the auditee is late: the audit goes on
			unplanned, planning = nil, nil
		}
		switch {
		case len(presented) > 0:
			c.run(t, "acknowledge "+string(presented[0]), m, func() error { return a.AcknowledgeFinding(presented[0], m) })
		case len(unplanned) > 0:
			p := actionPlan
			p.DueAt = m.At.AddDate(1, 0, 0)
			c.run(t, "plan "+string(unplanned[0]), m, func() error { return a.PlanCorrectiveAction(unplanned[0], p, m) })
		case len(planning) > 0:
			c.run(t, "accept "+string(planning[0]), m, func() error { return a.AcceptCorrectiveAction(planning[0], m) })
		case a.State == StateClosing:
			c.run(t, "issue report", m, func() error { return a.IssueReport(m) })
		case a.State == StateReported:
			c.run(t, "distribute", m, func() error { return a.Distribute(fixtureRecipients(), m) })
		case a.State == StateDistributed:
			c.run(t, "complete", m, func() error { return a.Complete(fixtureCompletion(), m) })
		case a.Can(EventStartFollowUp):
			c.run(t, "start follow-up", m, func() error { return a.StartFollowUp(m) })
		default:
			c.run(t, "close", m, func() error { return a.Close(m) })
		}
	case StateFollowUp:
		accepted, implemented := followUpIDs(a, FollowUpAccepted), followUpIDs(a, FollowUpImplemented)
		planning := followUpIDs(a, FollowUpPlanning)
		switch {
		case len(planning) > 0:
			c.run(t, "accept "+string(planning[0]), m, func() error { return a.AcceptCorrectiveAction(planning[0], m) })
		case len(accepted) > 0:
			c.run(t, "implement "+string(accepted[0]), m, func() error { return a.MarkImplemented(accepted[0], m) })
		case len(implemented) > 0:
			c.collect(t, refAccess, m, true)
			ids := []ismsaudit.EvidenceID{a.Evidence[len(a.Evidence)-1].ID}
			m := c.meta(t, leadID)
			c.run(t, "verify action "+string(implemented[0]), m, func() error { return a.VerifyCorrectiveAction(implemented[0], ids, m) })
		default:
			c.run(t, "close", m, func() error { return a.Close(m) })
		}
	}
}

// addFinding adds a finding of the given kind (and grade) on ref, resting
// on evidence item id.
func (c *consistencyModel) addFinding(t *rapid.T, m ismsaudit.Meta, kind FindingKind, grade Grade, ref annexa.Ref, id ismsaudit.EvidenceID) {
	c.next++
	f := Finding{ID: FindingID(fmt.Sprintf("F-%d", c.next)), Kind: kind, Grade: grade, Criteria: []annexa.Ref{ref}, Evidence: []ismsaudit.EvidenceID{id},
		Found: "what the records show", RaisedBy: auditorID, RaisedAt: m.At}
	if kind == Nonconformity {
		f.Requirement, f.Reason = "the requirement of "+ref.String(), "the records fall short of it"
	}
	c.run(t, "add "+string(f.ID), m, func() error { return c.a.AddFinding(f, m) })
}

// TestConsistencyProperties drives internal and certification audits
// from preparation towards their close through random operations, valid
// and not, mixed with the steps a normal audit takes next, and checks
// that operations and Verify hold the same rules: after every accepted
// operation the record verifies, in particular under the rules that tie
// its parts together (the conclusions and the findings, the checklist and
// the nonconformities, the recommendation, the follow-ups and the
// evidence of their verifications, the checklist kept), and a refused
// operation changes nothing.
func TestConsistencyProperties(t *testing.T) {
	results := []annexa.Result{annexa.Conforms, annexa.MinorNonconformity, annexa.MajorNonconformity, annexa.Observation, annexa.NotApplicable}
	rapid.Check(t, func(t *rapid.T) {
		kind := rapid.SampledFrom([]annexa.AuditKind{annexa.Internal, annexa.Stage2}).Draw(t, "kind")
		c := &consistencyModel{a: consistencyAudit(t, kind), clock: march(2, 23)}
		a := c.a
		any := func(t *rapid.T, ids []FindingID, label string) (FindingID, bool) {
			if len(ids) == 0 {
				return "", false
			}
			return rapid.SampledFrom(ids).Draw(t, label), true
		}
		// advance is listed often, and also as a run of steps, so that
		// runs often get to the follow-up.
		advance := func(t *rapid.T) { c.advance(t) }
		t.Repeat(map[string]func(*rapid.T){
			"advance": advance, "advance2": advance, "advance3": advance, "advance4": advance, "advance5": advance, "advance6": advance,
			"advance-run": func(t *rapid.T) {
				for range rapid.IntRange(2, 12).Draw(t, "steps") {
					c.advance(t)
				}
			},
			"attach": func(t *rapid.T) {
				m := c.meta(t, leadID)
				cl := fixtureChecklist()
				cl.Kind = kind
				c.run(t, "attach checklist", m, func() error { return a.AttachChecklist(cl, m) })
			},
			"collect": func(t *rapid.T) {
				c.collect(t, rapid.SampledFrom(fixtureCriteria).Draw(t, "supports"), c.meta(t, auditorID), rapid.Bool().Draw(t, "verify"))
			},
			"result": func(t *rapid.T) {
				ids := evidenceIDs(a, func(*Evidence) bool { return true })
				if len(ids) == 0 {
					return
				}
				ref := rapid.SampledFrom(fixtureCriteria).Draw(t, "ref")
				as := annexa.Assessment{Result: rapid.SampledFrom(results).Draw(t, "result"), Notes: "what was found",
					EvidenceRefs: []ismsaudit.EvidenceID{rapid.SampledFrom(ids).Draw(t, "evidence")}}
				if rapid.IntRange(0, 2).Draw(t, "consistent") == 0 {
					as = consistentResult(a, ref, as.EvidenceRefs[0])
				}
				m := c.meta(t, auditorID)
				c.run(t, "result "+ref.String(), m, func() error { return a.RecordResult(ref, as, m) })
			},
			"not-audited": func(t *rapid.T) {
				ref := rapid.SampledFrom(fixtureCriteria).Draw(t, "ref")
				m := c.meta(t, auditorID)
				c.run(t, "not audited "+ref.String(), m, func() error { return a.MarkNotAudited(ref, "the area was closed", m) })
			},
			"add-finding": func(t *rapid.T) {
				ids := evidenceIDs(a, func(*Evidence) bool { return true })
				if len(ids) == 0 {
					return
				}
				kind := rapid.SampledFrom([]FindingKind{Nonconformity, Nonconformity, Conformity, Observation}).Draw(t, "kind")
				grade := Grade("")
				if kind == Nonconformity {
					grade = rapid.SampledFrom([]Grade{Minor, Major}).Draw(t, "grade")
				}
				c.addFinding(t, c.meta(t, auditorID), kind, grade, rapid.SampledFrom(fixtureCriteria).Draw(t, "ref"), rapid.SampledFrom(ids).Draw(t, "evidence"))
			},
			"settle-finding": func(t *rapid.T) {
				id, ok := any(t, findingIDs(a, func(f *Finding) bool { return f.State == FindingDraft || f.State == FindingConfirmed }), "finding")
				if !ok {
					return
				}
				m := c.meta(t, leadID)
				if rapid.Bool().Draw(t, "confirm") {
					c.run(t, "confirm "+string(id), m, func() error { return a.ConfirmFinding(id, m) })
					return
				}
				c.run(t, "withdraw "+string(id), m, func() error { return a.WithdrawFinding(id, "a duplicate", m) })
			},
			"draft-conclusion": func(t *rapid.T) {
				d := Conclusion{Fulfilment: rapid.SampledFrom(fulfilmentSet.Values()).Draw(t, "fulfilment"), Extent: "as found", Effectiveness: "as found",
					ObjectivesAchieved: rapid.Bool().Draw(t, "achieved"), ScopeCovered: rapid.Bool().Draw(t, "covered")}
				if !d.ScopeCovered {
					d.NotCovered = []string{"the HR unit: nobody was available"}
				}
				if !d.ObjectivesAchieved || rapid.Bool().Draw(t, "note") {
					d.ObjectivesNote = "why the objectives stand, or do not"
				}
				m := c.meta(t, leadID)
				c.run(t, "draft conclusions", m, func() error { return a.DraftConclusion(d, m) })
			},
			"agree": func(t *rapid.T) {
				m := c.meta(t, leadID)
				c.run(t, "agree conclusions", m, func() error { return a.AgreeConclusion(m) })
			},
			"revise": func(t *rapid.T) {
				m := c.meta(t, leadID)
				c.run(t, "revise conclusions", m, func() error { return a.ReviseConclusion(m) })
			},
			"dispute": func(t *rapid.T) {
				id, ok := any(t, findingIDs(a, func(f *Finding) bool { return f.State == FindingPresented }), "finding")
				if !ok {
					return
				}
				m := c.meta(t, "carl")
				c.run(t, "dispute "+string(id), m, func() error { return a.DisputeFinding(id, "we see it otherwise", m) })
			},
			"plan": func(t *rapid.T) {
				id, ok := any(t, findingIDs(a, func(f *Finding) bool { return f.Kind == Nonconformity }), "finding")
				if !ok {
					return
				}
				m := c.meta(t, "carl")
				p := actionPlan
				p.DueAt = m.At.AddDate(1, 0, 0)
				c.run(t, "plan "+string(id), m, func() error { return a.PlanCorrectiveAction(id, p, m) })
			},
			"verify-action": func(t *rapid.T) {
				id, ok := any(t, followUpIDs(a, FollowUpImplemented), "follow-up")
				if !ok {
					return
				}
				ids := rapid.SliceOfNDistinct(rapid.SampledFrom(append(evidenceIDs(a, func(*Evidence) bool { return true }), "E-none")), 0, 2, rapid.ID).Draw(t, "evidence")
				m := c.meta(t, leadID)
				if rapid.Bool().Draw(t, "effective") {
					c.run(t, "verify action "+string(id), m, func() error { return a.VerifyCorrectiveAction(id, ids, m) })
					return
				}
				c.run(t, "action ineffective "+string(id), m, func() error { return a.FindCorrectiveActionIneffective(id, "still failing", ids, m) })
			},
			"event": func(t *rapid.T) {
				e := rapid.SampledFrom(eventSet.Values()).Draw(t, "event")
				if e == EventTerminate {
					return // ends the run early; terminated audits are covered elsewhere
				}
				m := c.meta(t, leadID)
				c.run(t, string(e), m, func() error { return fire(a, e, m) })
			},
		})
		if err := Verify(a, nil); err != nil {
			t.Fatalf("a record built by the operations does not verify: %v", err)
		}
	})
}
