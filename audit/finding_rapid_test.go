package audit

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// fdRapidMeta draws the meta of an event: usually a little after the
// clock, sometimes before it, without a time or without an actor.
func fdRapidMeta(t *rapid.T, clock time.Time) ismsaudit.Meta {
	m := ismsaudit.Meta{
		At:   clock.Add(time.Duration(rapid.IntRange(-30, 180).Draw(t, "minutes")) * time.Minute),
		By:   rapid.SampledFrom([]string{fdLead, fdAuditor, fdExpert, fdOutsider}).Draw(t, "by"),
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

// fdAuditStep moves the audit lifecycle the way the core operations
// would, without their guards (which belong to another area): state and
// one history entry.
func fdAuditStep(a *Audit, e Event, at time.Time) {
	to, _ := auditMachine.Next(a.State, e)
	a.History = append(a.History, Entry{From: a.State, Event: e, To: to, At: at, By: fdLead})
	a.State = to
}

// fdFindingsSnapshot is what must never be lost from the findings.
func fdCheckNothingLost(t *rapid.T, before, after *Audit) {
	if len(after.Findings) < len(before.Findings) {
		t.Fatalf("findings lost: %d, then %d", len(before.Findings), len(after.Findings))
	}
	for i, f := range before.Findings {
		g := after.Findings[i]
		if g.ID != f.ID || !fdPrefix(f.History, g.History) {
			t.Fatalf("finding %d (%s): history rewritten", i, f.ID)
		}
	}
	if before.Conclusion != nil {
		if after.Conclusion == nil {
			t.Fatalf("conclusions lost")
		}
		if !fdPrefix(before.Conclusion.History, after.Conclusion.History) {
			t.Fatalf("conclusion history rewritten")
		}
	}
}

// fdHistoryLen counts the entries of every finding and conclusion history.
func fdHistoryLen(a *Audit) int {
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
	refs := []annexa.Ref{fdA815, fdClause92, fdA51, fdPolicy, fdNotPlanned}
	evidence := []ismsaudit.EvidenceID{"E-1", "E-2", "E-3", "E-4", "E-5", "E-6", "E-99"}
	rapid.Check(t, func(t *rapid.T) {
		// Start at the beginning of fieldwork, or just after a closing
		// meeting that presented two findings.
		a, clock := fdAudit(t, StateFieldwork), fdRaisedAt
		if rapid.Bool().Draw(t, "after-closing") {
			a, clock = fdPresented(t, StateClosing), fdClosingAt
			if rapid.Bool().Draw(t, "disputed") {
				a.Findings[0] = fdFindingIn(t, fdNC("F-1", Minor, fdA815, "E-1"), FindingDisputed)
				clock = fdResponseAt
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
			before := fdClone(a)
			err := op()
			if err != nil {
				if diff := fdQuickDiff(before, a); diff != "" {
					t.Fatalf("%s refused (%v) but changed the record: mismatch (-want +got):\n%s", name, err, diff)
				}
				return
			}
			fdCheckNothingLost(t, before, a)
			if m.At.After(clock) {
				clock = m.At
			}
			if event == "" {
				return
			}
			i := before.findingAt(id)
			from := before.Findings[i].State
			to, ok := fdWantFinding[from][event]
			if !ok {
				t.Fatalf("%s: %s accepted in %s; the table forbids it", name, event, from)
			}
			if a.Findings[i].State != to {
				t.Fatalf("%s: %s led to %s, want %s", name, event, a.Findings[i].State, to)
			}
			if got, want := fdHistoryLen(a), fdHistoryLen(before)+1; got != want {
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
					Found:    "found", RaisedBy: fdAuditor,
				}
				if rapid.Bool().Draw(t, "well-formed") {
					f.Criteria, f.Evidence = []annexa.Ref{fdA815}, []ismsaudit.EvidenceID{"E-1"}
				}
				if kind == Nonconformity {
					f.Grade = rapid.SampledFrom([]Grade{Minor, Major, ""}).Draw(t, "grade")
					f.Requirement = rapid.SampledFrom([]string{"", "requirement"}).Draw(t, "requirement")
					f.Reason = "reason"
				}
				m := fdRapidMeta(t, clock)
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
				id, m := pickFinding(t, FindingDraft), fdRapidMeta(t, clock)
				fire(t, "confirm", id, FindingConfirm, m, func() error { return a.ConfirmFinding(id, m) })
			},
			"withdraw": func(t *rapid.T) {
				id, m := pickFinding(t, FindingDraft, FindingConfirmed), fdRapidMeta(t, clock)
				fire(t, "withdraw", id, FindingWithdraw, m, func() error { return a.WithdrawFinding(id, m) })
			},
			"acknowledge": func(t *rapid.T) {
				id, m := pickFinding(t, FindingPresented), fdRapidMeta(t, clock)
				fire(t, "acknowledge", id, FindingAcknowledge, m, func() error { return a.AcknowledgeFinding(id, m) })
			},
			"dispute": func(t *rapid.T) {
				id, m := pickFinding(t, FindingPresented), fdRapidMeta(t, clock)
				opinion := rapid.SampledFrom([]string{"", "we disagree", "we disagree"}).Draw(t, "opinion")
				fire(t, "dispute", id, FindingDispute, m, func() error { return a.DisputeFinding(id, opinion, m) })
			},
			"resolve": func(t *rapid.T) {
				id, m := pickFinding(t, FindingDisputed), fdRapidMeta(t, clock)
				resolution := rapid.SampledFrom([]string{"", "settled", "settled", "settled"}).Draw(t, "resolution")
				fire(t, "resolve", id, FindingResolve, m, func() error { return a.ResolveDispute(id, resolution, m) })
			},
			"settle": func(t *rapid.T) {
				// Confirm every draft, or withdraw it when it cannot be.
				for _, f := range slices.Clone(a.Findings) {
					if f.State != FindingDraft {
						continue
					}
					m := ismsaudit.Meta{At: clock, By: fdLead}
					fire(t, "settle-confirm", f.ID, FindingConfirm, m, func() error { return a.ConfirmFinding(f.ID, m) })
					m.Note = "cannot be confirmed"
					fire(t, "settle-withdraw", f.ID, FindingWithdraw, m, func() error { return a.WithdrawFinding(f.ID, m) })
				}
			},
			"end-fieldwork": func(t *rapid.T) {
				if a.State == StateFieldwork {
					fdAuditStep(a, EventEndFieldwork, clock)
				}
			},
			"conclude": func(t *rapid.T) {
				rec, _ := deriveRecommendation(a, recommendationAtAgreement)
				c := fdDraft(t, rapid.SampledFrom([]Recommendation{rec, rec, rec, Recommend, ""}).Draw(t, "recommendation"))
				m := fdRapidMeta(t, clock)
				fire(t, "draft-conclusion", "", "", m, func() error { return a.DraftConclusion(c, m) })
				m = fdRapidMeta(t, clock)
				fire(t, "agree", "", "", m, func() error { return a.AgreeConclusion(m) })
			},
			"revise": func(t *rapid.T) {
				m := fdRapidMeta(t, clock)
				fire(t, "revise", "", "", m, func() error { return a.ReviseConclusion(m) })
			},
			"closing-meeting": func(t *rapid.T) {
				m := fdRapidMeta(t, clock)
				before := fdClone(a)
				apply, err := a.prepareClosingPresentation(m)
				if err != nil {
					if diff := fdQuickDiff(before, a); diff != "" {
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
				fdAuditStep(a, EventHoldClosingMeeting, m.At)
				if m.At.After(clock) {
					clock = m.At
				}
				fdCheckNothingLost(t, before, a)
				if got, want := fdHistoryLen(a), fdHistoryLen(before)+confirmed+1; got != want {
					t.Fatalf("closing: %d history entries, want %d (one per confirmed finding and the conclusions)", got, want)
				}
			},
			"issue-report": func(t *rapid.T) {
				if a.State == StateClosing {
					fdAuditStep(a, EventIssueReport, clock)
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
				if v := fdAreaCheck(a, nil); len(v) > 0 {
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
			},
		})
	})
}
