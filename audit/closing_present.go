package audit

import (
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// prepareClosingPresentation checks that every confirmed finding and the
// agreed conclusions can be presented at the closing meeting described by
// m, and returns the function that presents them (one history entry each).
// HoldClosingMeeting applies it together with its own changes, so the
// meeting happens whole or not at all.
//
// It refuses, with a *ismsaudit.TransitionError on the audit lifecycle's
// hold-closing-meeting event, when the audit is not in the findings stage,
// when the conclusions are not agreed (AUD-CLOSING-AFTER-CONCLUSIONS) or
// when a finding is still a draft (AUD-CONCLUSION-AFTER-FINDINGS); and
// with the finding or conclusion lifecycle's own refusal when m cannot be
// recorded on one of them (no time or actor, or a time before its last
// entry). Withdrawn findings are not presented.
func (a *Audit) prepareClosingPresentation(m ismsaudit.Meta) (apply func(), err error) {
	const op = string(EventHoldClosingMeeting)
	if err := a.requireState(op, RuleClosingAfterConclusions, StateFindings); err != nil {
		return nil, err
	}
	refuse := func(guard string, rule ismsaudit.RuleID, cause error) error {
		return &ismsaudit.TransitionError{
			Machine: auditMachine.Name(), State: string(a.State), Event: op, Reason: ismsaudit.ReasonGuard,
			Guard: guard, Rule: rule, Detail: cause.Error(), Err: cause,
		}
	}
	if err := conclusionsAgreed(a); err != nil {
		return nil, refuse("conclusions-agreed", RuleClosingAfterConclusions, err)
	}
	if err := guardFindingsSettled(a); err != nil {
		return nil, refuse("findings-settled", RuleConclusionAfterFindings, err)
	}
	c := a.Conclusion
	ce, err := conclusionMachine.Fire(a, c.State, fsm.Last(c.History), ConclusionPresent, m)
	if err != nil {
		return nil, err
	}
	type presentation struct {
		i int
		e FindingEntry
	}
	var shown []presentation
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.State != FindingConfirmed {
			continue
		}
		e, err := findingMachine.Fire(findingSubject{a: a, f: f, at: m.At, by: m.By}, f.State, findingLast(f), FindingPresent, m)
		if err != nil {
			return nil, err
		}
		shown = append(shown, presentation{i, e})
	}
	return func() {
		for _, p := range shown {
			f := &a.Findings[p.i]
			f.State = p.e.To
			f.History = append(f.History, p.e)
		}
		c.State = ce.To
		c.History = append(c.History, ce)
	}, nil
}
