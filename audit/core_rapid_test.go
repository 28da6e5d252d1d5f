package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
)

// coreModel drives an audit through random operations for the property
// tests, with a clock that mostly moves forward.
type coreModel struct {
	a     *Audit
	clock time.Time
}

func (c *coreModel) meta(t *rapid.T) ismsaudit.Meta {
	switch rapid.IntRange(0, 9).Draw(t, "clock") {
	case 0:
		return ismsaudit.Meta{At: c.clock.Add(-time.Hour), By: "lead"} // goes back: refused
	case 1:
		return ismsaudit.Meta{At: c.clock, By: ""} // no actor: refused
	}
	c.clock = c.clock.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "hours")) * time.Hour)
	return ismsaudit.Meta{At: c.clock, By: "lead"}
}

// coreRun performs op on the model's audit and checks the properties
// every operation keeps: a refusal changes nothing; an accepted event
// appends exactly one history entry, on a row of the table; any other
// accepted operation leaves the history alone; nothing is lost from an
// append-only log.
func (c *coreModel) run(t *rapid.T, event Event, op func() error) {
	before := coreCopy(c.a)
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
	coreAppendOnly(t, before, a)
}

// coreAppendOnly checks that every append-only log of after starts with
// the whole of the same log in before.
func coreAppendOnly(t *rapid.T, before, after *Audit) {
	prefix := func(name string, diff string) {
		if diff != "" {
			t.Fatalf("%s lost or rewrote entries: mismatch (-want +got):\n%s", name, diff)
		}
	}
	if len(after.History) < len(before.History) || len(after.Evidence) < len(before.Evidence) {
		t.Fatalf("a log shrank")
	}
	prefix("History", cmp.Diff(before.History, after.History[:len(before.History)], coreEquateEmpty))
	prefix("Evidence", cmp.Diff(before.Evidence, after.Evidence[:len(before.Evidence)], coreEquateEmpty))
	if before.Plan != nil {
		if after.Plan == nil || len(after.Plan.History) < len(before.Plan.History) || len(after.Plan.Versions) < len(before.Plan.Versions) {
			t.Fatalf("the plan's history or versions shrank")
		}
		prefix("Plan.History", cmp.Diff(before.Plan.History, after.Plan.History[:len(before.Plan.History)], coreEquateEmpty))
		prefix("Plan.Versions", cmp.Diff(before.Plan.Versions, after.Plan.Versions[:len(before.Plan.Versions)], coreEquateEmpty))
	}
	if before.Report != nil {
		if after.Report == nil || len(after.Report.Distribution) < len(before.Report.Distribution) {
			t.Fatalf("the distribution list shrank")
		}
		prefix("Report.Distribution", cmp.Diff(before.Report.Distribution, after.Report.Distribution[:len(before.Report.Distribution)], coreEquateEmpty))
	}
}

// coreInvariants checks what must hold after any sequence: the state is
// one the table reaches by the recorded history, and so is the plan's.
func coreInvariants(t *rapid.T, a *Audit) {
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

// TestCoreAuditLifecycleProperties runs random sequences of the audit's
// operations, valid and not, and checks the lifecycle's properties after
// each; at the end, a record built by the operations verifies.
func TestCoreAuditLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := &coreModel{a: coreNew(t), clock: coreAt(1)}
		a := func() *Audit { return c.a }
		advance := func(t *rapid.T) { c.advance(t) }
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) { coreInvariants(t, c.a) },
			// advance takes the next step of a normal audit; it is listed
			// three times so that runs often get far.
			"advance": advance, "advance2": advance, "advance3": advance,
			"contact": func(t *rapid.T) {
				m := c.meta(t)
				person := rapid.SampledFrom([]string{"Carl CISO", ""}).Draw(t, "person")
				c.run(t, "", func() error { return a().EstablishContact(Contact{Person: person, At: m.At, By: "lead"}, m) })
			},
			"feasibility": func(t *rapid.T) {
				m := c.meta(t)
				f := Feasibility{Information: true, Cooperation: rapid.Bool().Draw(t, "coop"), TimeAndResources: true, DecidedAt: m.At, DecidedBy: "lead",
					Alternative: rapid.SampledFrom([]string{"", "a remote audit"}).Draw(t, "alt")}
				c.run(t, "", func() error { return a().DecideFeasibility(f, m) })
			},
			"team": func(t *rapid.T) {
				m := c.meta(t)
				team := coreTeam()
				if rapid.IntRange(0, 3).Draw(t, "badTeam") == 0 {
					team[1].Role = competence.RoleTeamLeader
				}
				c.run(t, "", func() error { return a().SetTeam(team, m) })
			},
			"draftPlan": func(t *rapid.T) {
				m := c.meta(t)
				content := corePlanContent()
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
				if p := a().PlanPermitted(); len(p) > 0 && rapid.Bool().Draw(t, "anyPlanEvent") {
					events = p
				}
				e := rapid.SampledFrom(events).Draw(t, "planEvent")
				c.run(t, "", func() error { return coreFirePlan(a(), e, m) })
			},
			"checklist": func(t *rapid.T) {
				m := c.meta(t)
				c.run(t, "", func() error { return a().AttachChecklist(coreChecklist(), m) })
			},
			"evidence": func(t *rapid.T) {
				if a().State == StateFieldwork && len(a().Evidence) == 0 {
					a().Evidence = append(a().Evidence, coreEvidence("E-1", 0, coreRefAccess))
					a().Evidence[0].CollectedAt, a().Evidence[0].History[0].At = c.clock, c.clock
				}
			},
			"result": func(t *rapid.T) {
				m := c.meta(t)
				ref := rapid.SampledFrom(append(coreCriteria, annexa.RefToControl("5.1"))).Draw(t, "ref")
				if rapid.Bool().Draw(t, "assess") {
					c.run(t, "", func() error {
						return a().RecordResult(ref, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, m)
					})
					return
				}
				c.run(t, "", func() error { return a().MarkNotAudited(ref, "area closed for works", m) })
			},
			"risk": func(t *rapid.T) {
				m := c.meta(t)
				r := EscalatedRisk{ID: "R-" + m.At.Format("150405"), Description: "unlocked server room", FoundAt: m.At, FoundBy: "ana",
					EscalatedAt: m.At, EscalatedTo: rapid.SampledFrom([]string{"Carl CISO", ""}).Draw(t, "to")}
				c.run(t, "", func() error { return a().EscalateRisk(r, m) })
			},
			"findings": func(t *rapid.T) {
				switch {
				case a().State == StateFieldwork && len(a().Findings) == 0 && len(a().Evidence) > 0 && rapid.Bool().Draw(t, "nc"):
					f := coreNonconformity("F-1", 0, "E-1")
					f.RaisedAt, f.History[0].At = c.clock, c.clock
					a().Findings = append(a().Findings, f)
				case a().State == StateFindings && a().Conclusion == nil:
					a().Conclusion = coreConclusion(0)
					a().Conclusion.History[0].At = c.clock
				case a().State == StateClosing && a().hasNonconformities() && len(a().FollowUps) == 0:
					a().FollowUps = append(a().FollowUps, coreFollowUp("F-1", 0))
				case a().State == StateFollowUp || a().State == StateCompleted:
					coreCloseFollowUps(a(), 0)
					for i := range a().FollowUps {
						for j := range a().FollowUps[i].History {
							a().FollowUps[i].History[j].At = c.clock
						}
					}
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
					c.run(t, e, func() error { return coreFireBad(a(), e, m) })
					return
				}
				c.run(t, e, func() error { return coreFire(a(), e, m) })
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
func (c *coreModel) advance(t *rapid.T) {
	a := c.a
	m := c.meta(t)
	op := func(event Event, f func() error) { c.run(t, event, f) }
	switch a.State {
	case StateInitiation:
		switch {
		case a.Contact == nil:
			op("", func() error { return a.EstablishContact(Contact{Person: "Carl CISO", At: m.At, By: "lead"}, m) })
		case a.Feasibility == nil || !a.Feasibility.Feasible():
			op("", func() error {
				return a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: m.At, DecidedBy: "lead"}, m)
			})
		case len(a.Team) == 0:
			op("", func() error { return a.SetTeam(coreTeam(), m) })
		default:
			op(EventPrepare, func() error { return a.Prepare(m) })
		}
	case StatePreparation, StateFieldwork:
		switch {
		case len(a.Team) == 0 && (a.Plan == nil || a.Plan.State == PlanDraft):
			op("", func() error { return a.SetTeam(coreTeam(), m) })
		case a.Plan == nil:
			op("", func() error { return a.DraftPlan(corePlanContent(), m) })
		case a.Plan.State == PlanDraft && a.CanPlan(PlanApprove):
			op("", func() error { return a.ApprovePlan(m, nil) })
		case a.Plan.State == PlanDraft:
			op("", func() error { return a.DraftPlan(corePlanContent(), m) })
		case a.Plan.State == PlanApproved:
			op("", func() error { return a.CommunicatePlan(m) })
		case a.State == StatePreparation && a.Checklist == nil:
			op("", func() error { return a.AttachChecklist(coreChecklist(), m) })
		case a.State == StatePreparation:
			op(EventOpen, func() error { return coreFire(a, EventOpen, m) })
		case len(a.Evidence) == 0:
			e := coreEvidence("E-1", 0, coreRefAccess)
			e.CollectedAt, e.History[0].At = c.clock, c.clock
			a.Evidence = append(a.Evidence, e)
		case a.Checklist != nil && slices.ContainsFunc(a.Checklist.Items, annexa.Item.Pending):
			i := slices.IndexFunc(a.Checklist.Items, annexa.Item.Pending)
			op("", func() error {
				return a.RecordResult(a.Checklist.Items[i].Ref, annexa.Assessment{Result: annexa.Conforms, EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}, m)
			})
		default:
			op(EventEndFieldwork, func() error { return a.EndFieldwork(m) })
		}
	case StateFindings:
		if a.Conclusion == nil {
			a.Conclusion = coreConclusion(0)
			a.Conclusion.History[0].At = c.clock
			return
		}
		op(EventHoldClosingMeeting, func() error { return coreFire(a, EventHoldClosingMeeting, m) })
	case StateClosing:
		if a.hasNonconformities() && len(a.FollowUps) == 0 {
			a.FollowUps = append(a.FollowUps, coreFollowUp("F-1", 0))
			return
		}
		op(EventIssueReport, func() error { return a.IssueReport(m) })
	case StateReported, StateDistributed:
		e := EventDistribute
		if a.State == StateDistributed {
			e = EventComplete
		}
		op(e, func() error { return coreFire(a, e, m) })
	case StateCompleted, StateFollowUp:
		if a.Can(EventStartFollowUp) {
			op(EventStartFollowUp, func() error { return a.StartFollowUp(m) })
			return
		}
		if !a.Can(EventClose) {
			coreCloseFollowUps(a, 0)
			for i := range a.FollowUps {
				for j := range a.FollowUps[i].History {
					a.FollowUps[i].History[j].At = c.clock
				}
			}
			return
		}
		op(EventClose, func() error { return a.Close(m) })
	}
}

// coreFireBad fires e through its operation with input its guards or
// checks refuse (or, for events without input, as coreFire does).
func coreFireBad(a *Audit, e Event, m ismsaudit.Meta) error {
	switch e {
	case EventOpen:
		return a.HoldOpeningMeeting(OpeningMeeting{At: m.At, Attendees: []Attendee{{Name: "Carl CISO"}}}, m)
	case EventHoldClosingMeeting:
		return a.HoldClosingMeeting(ClosingMeeting{At: m.At}, m)
	case EventDistribute:
		return a.Distribute([]Recipient{{Name: "Carl CISO"}}, m)
	case EventComplete:
		return a.Complete(Completion{}, m)
	case EventTerminate:
		return a.Terminate(" ", m)
	}
	return coreFire(a, e, m)
}

// TestCorePlanLifecycleProperties runs random sequences of plan
// operations in preparation and fieldwork: the plan's state is always one
// its history reaches through the table, each accepted event appends one
// history entry, each approval one version holding the approved content,
// and a refusal changes nothing.
func TestCorePlanLifecycleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := coreAuditIn(t, StatePreparation)
		clock := coreAt(20)
		meta := func(t *rapid.T) ismsaudit.Meta {
			if rapid.IntRange(0, 9).Draw(t, "back") == 0 {
				return ismsaudit.Meta{At: clock.Add(-time.Minute), By: "lead"}
			}
			clock = clock.Add(time.Minute)
			return ismsaudit.Meta{At: clock, By: "lead"}
		}
		var at time.Time // the time of the latest operation
		check := func(t *rapid.T, planEvent PlanEvent, op func() error) {
			before := coreCopy(a)
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
			coreAppendOnly(t, before, a)
		}
		t.Repeat(map[string]func(*rapid.T){
			"": func(t *rapid.T) { coreInvariants(t, a) },
			"event": func(t *rapid.T) {
				m := meta(t)
				e := rapid.SampledFrom(planEventSet.Values()).Draw(t, "planEvent")
				at = m.At
				check(t, e, func() error { return coreFirePlan(a, e, m) })
			},
			"draft": func(t *rapid.T) {
				m := meta(t)
				content := corePlanContent()
				content.SamplingApproach = rapid.SampledFrom([]string{"", "judgemental", "statistical"}).Draw(t, "sampling")
				check(t, "", func() error { return a.DraftPlan(content, m) })
			},
			"team": func(t *rapid.T) {
				m := meta(t)
				team := coreTeam()
				if rapid.Bool().Draw(t, "expertAssigned") {
					team[1].Role = competence.RoleTechnicalExpert // ana may not audit then
				}
				check(t, "", func() error { return a.SetTeam(team, m) })
			},
		})
	})
}
