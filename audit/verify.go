package audit

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// VerifyOptions configures Verify. A nil *VerifyOptions means defaults.
type VerifyOptions struct {
	// At is "now" for rules that depend on the date (overdue follow-ups);
	// zero means the time of the latest history entry in the record.
	At time.Time
	// Competence, when it carries a pool, lets Verify check that the
	// approved plan's auditors are competent for and independent of what
	// they are assigned, as ApprovePlan does with the same PlanCheck; nil
	// skips those two checks.
	Competence *PlanCheck
}

// Verify checks a whole audit record against the process rules and
// returns every violation at once, as a *ismsaudit.ValidationError whose field
// errors carry the rule id (Rule), the path of the offending part (Path)
// and a detail; nil when the record conforms. It works on any record,
// including one decoded from JSON another tool produced, and never panics.
func Verify(a *Audit, opts *VerifyOptions) error {
	v := newVerifier(a, opts)
	if a == nil {
		v.violate("", RuleRecordShape, "", "no audit record given")
		return v.ch.err()
	}
	v.verifyAudit()
	v.verifyTeam()
	v.verifyPlan()
	v.verifyEvidence()
	v.verifySeal()
	v.verifyFindings()
	v.verifyConclusion()
	v.verifyFollowUps()
	return v.ch.err()
}

// verifier holds what the checks share: the record, the options, the
// collected violations and indexes built once, so that every reference
// the checks follow costs one probe of a pointer-free table whatever the
// record's size.
type verifier struct {
	a         *Audit
	opts      VerifyOptions
	ch        *checker // the record's violations (record set)
	evidence  idIndex  // items by id
	findings  idIndex  // findings by id
	followUps idIndex  // follow-ups by their finding's id
	// followUp gives, for each finding, the position of its first
	// follow-up, or -1, and followUpFinding the position of each
	// follow-up's finding, or -1.
	followUp        []int32
	followUpFinding []int32
	// criteria indexes the plan's criteria (empty without a plan).
	criteria *refIndex
	// concluded says whether the conclusions are agreed or presented, and
	// agreed when they were agreed (zero if the history does not say):
	// the findings are judged as they stood then.
	concluded bool
	agreed    time.Time
}

func newVerifier(a *Audit, opts *VerifyOptions) *verifier {
	v := &verifier{a: a, ch: &checker{subject: "audit record", record: true}}
	if opts != nil {
		v.opts = *opts
	}
	if a == nil {
		return v
	}
	v.evidence = newIDIndex(len(a.Evidence), a.evidenceID)
	v.findings = newIDIndex(len(a.Findings), a.findingID)
	v.followUps = newIDIndex(len(a.FollowUps), a.followUpFinding)
	v.followUp = make([]int32, len(a.Findings))
	for i := range v.followUp {
		v.followUp[i] = -1
	}
	v.followUpFinding = make([]int32, len(a.FollowUps))
	for j := range a.FollowUps {
		i := v.findingAt(a.FollowUps[j].Finding)
		v.followUpFinding[j] = int32(i)
		if i >= 0 && v.followUp[i] < 0 {
			v.followUp[i] = int32(j)
		}
	}
	if a.Plan != nil {
		v.criteria = newRefIndex(a.Plan.Content.Criteria)
	} else {
		v.criteria = newRefIndex(nil)
	}
	v.agreed, v.concluded = agreedAt(a.Conclusion)
	return v
}

// evidenceAt returns the position of the first item with the given id,
// or -1.
func (v *verifier) evidenceAt(id ismsaudit.EvidenceID) int {
	return v.evidence.find(string(id), v.a.evidenceID)
}

// findingAt returns the position of the first finding with the given id,
// or -1.
func (v *verifier) findingAt(id FindingID) int { return v.findings.find(string(id), v.a.findingID) }

// violate records one violation of rule at path.
func (v *verifier) violate(path string, rule ismsaudit.RuleID, value, detail string) {
	v.ch.add(path, rule, value, detail)
}

// stage groups the audit states by what the findings, conclusions and
// follow-ups may look like in them.
type stage int

const (
	stageBefore    stage = iota // initiation, preparation: nothing yet
	stageOpen                   // fieldwork, findings: findings and conclusions being settled
	stagePresented              // closing and later: presented, follow-up under way
	stageOther                  // terminated, or not a state: no phase checks
)

func stageOf(s State) stage {
	switch s {
	case StateInitiation, StatePreparation:
		return stageBefore
	case StateFieldwork, StateFindings:
		return stageOpen
	case StateClosing, StateReported, StateDistributed, StateCompleted, StateFollowUp, StateClosed:
		return stagePresented
	}
	return stageOther
}

// itemPath is the path of one element of a list of the record,
// such as Findings[3] (or, with i < 0, of a field such as Conclusion); the
// text is built only when a violation needs it, so that checking a
// conforming record allocates no paths.
type itemPath struct {
	list string
	i    int
}

// at returns the path of sub within the element ("" for the element).
func (p itemPath) at(sub string) string {
	if p.i < 0 {
		return errs.JoinPath(p.list, sub)
	}
	return errs.JoinPath(errs.Index(p.list, p.i), sub)
}

// replay reports the first entry of h, the history of the part of the
// record at p, that is not a step through m's table (AUD-HISTORY-VALID),
// and otherwise returns the state the history ends in.
func replay[S, E ~string, T any](v *verifier, p itemPath, m *fsm.Machine[S, E, T], h []ismsaudit.Entry[S, E]) (end S, ok bool) {
	end, err := m.Replay(h)
	if err == nil {
		return end, true
	}
	if re := (*ismsaudit.HistoryError)(nil); errors.As(err, &re) {
		v.violate(p.at(errs.Index("History", re.Index)), RuleHistoryValid, "", re.Problem)
	} else {
		v.violate(p.at("History"), RuleHistoryValid, "", err.Error())
	}
	return end, false
}

// replayTo is replay, reporting as well a state other than the one the
// history ends in, at p's State.
func replayTo[S, E ~string, T any](v *verifier, p itemPath, m *fsm.Machine[S, E, T], h []ismsaudit.Entry[S, E], state S) {
	if end, ok := replay(v, p, m, h); ok && end != state {
		v.violate(p.at("State"), RuleHistoryValid, string(state), fmt.Sprintf("the history ends in %q", end))
	}
}

// firstEntryAt returns the time of the first entry of h with the given
// event, or zero.
func firstEntryAt[S, E ~string](h []ismsaudit.Entry[S, E], event E) time.Time {
	for _, e := range h {
		if e.Event == event {
			return e.At
		}
	}
	return time.Time{}
}

// latestRecorded returns the latest time in any history of the record,
// and in the follow-ups' plans and verifications.
func latestRecorded(a *Audit) time.Time {
	var t time.Time
	see := func(x time.Time) {
		if x.After(t) {
			t = x
		}
	}
	see(fsm.Last(a.History))
	if a.Plan != nil {
		see(fsm.Last(a.Plan.History))
	}
	for i := range a.Evidence {
		see(fsm.Last(a.Evidence[i].History))
	}
	for i := range a.Findings {
		see(fsm.Last(a.Findings[i].History))
	}
	if a.Conclusion != nil {
		see(fsm.Last(a.Conclusion.History))
	}
	for i := range a.FollowUps {
		see(followUpLast(&a.FollowUps[i]))
	}
	return t
}
