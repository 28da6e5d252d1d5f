package audit

import (
	"fmt"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
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
		a := fdAudit(t, StateFindings)
		a.Findings = []Finding{fdFindingIn(t, fdNC("F-1", Major, fdA815, "E-1"), FindingConfirmed)}
		clock := fdAgreeAt
		next := 2
		step := func(t *rapid.T, name string, event ConclusionEvent, m ismsaudit.Meta, op func() error) {
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
			fdCheckNothingLost(t, before, a)
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
			to, ok := fdWantConclusion[from][event]
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
				rec, _ := deriveRecommendation(a, recommendationAtAgreement)
				c := fdDraft(t, rapid.SampledFrom([]Recommendation{rec, rec, Recommend, NotRecommend, ""}).Draw(t, "recommendation"))
				if rapid.Bool().Draw(t, "incomplete") {
					c.Extent = ""
				}
				m := fdRapidMeta(t, clock)
				step(t, "draft", "", m, func() error { return a.DraftConclusion(c, m) })
			},
			"agree": func(t *rapid.T) {
				m := fdRapidMeta(t, clock)
				step(t, "agree", ConclusionAgree, m, func() error { return a.AgreeConclusion(m) })
			},
			"revise": func(t *rapid.T) {
				m := fdRapidMeta(t, clock)
				step(t, "revise", ConclusionRevise, m, func() error { return a.ReviseConclusion(m) })
			},
			"present": func(t *rapid.T) {
				m := fdRapidMeta(t, clock)
				step(t, "present", ConclusionPresent, m, func() error {
					apply, err := a.prepareClosingPresentation(m)
					if err == nil {
						apply()
						fdAuditStep(a, EventHoldClosingMeeting, m.At)
					}
					return err
				})
			},
			"add-finding": func(t *rapid.T) {
				f := fdNC(FindingID(fmt.Sprintf("F-%d", next)), rapid.SampledFrom([]Grade{Minor, Major}).Draw(t, "grade"), fdA815, "E-1")
				f.RaisedAt = clock
				m := ismsaudit.Meta{At: clock, By: fdAuditor}
				before := fdClone(a)
				if err := a.AddFinding(f, m); err != nil {
					if diff := fdQuickDiff(before, a); diff != "" {
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
					m := ismsaudit.Meta{At: clock, By: fdLead, Note: "n"}
					if rapid.Bool().Draw(t, "confirm") {
						_ = a.ConfirmFinding(f.ID, m)
					} else {
						_ = a.WithdrawFinding(f.ID, m)
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
				if v := fdAreaCheck(a, &VerifyOptions{At: clock.Add(time.Hour)}); len(v) > 0 {
					t.Fatalf("the operations built a record that breaks the rules: %v", v)
				}
			},
		})
	})
}
