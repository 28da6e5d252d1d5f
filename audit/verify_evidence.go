package audit

import (
	"errors"
	"slices"
	"strconv"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/fsm"
)

// verifyEvidence checks the evidence log and the sampling plans: ids
// unique and every item complete (AUD-RECORD-SHAPE), verified items
// bearing on the plan's criteria (AUD-EVIDENCE-CRITERIA), sampling records
// complete (AUD-EVIDENCE-SAMPLING), each history a path through the
// evidence lifecycle ending in the item's state and not before the item
// was collected (AUD-HISTORY-VALID), rejections with a reason
// (AUD-EVIDENCE-REJECT-REASON), corrections pointing at an earlier,
// superseded item, one successor per superseded item
// (AUD-EVIDENCE-APPEND-ONLY), no evidence before fieldwork
// (AUD-EVIDENCE-DURING-AUDIT), then the sampling plans.
func (v *verifier) verifyEvidence() {
	a := v.a
	c := evChecker{col: v.col, record: true}
	if len(a.Evidence) > 0 && (a.State == StateInitiation || a.State == StatePreparation) {
		v.violate("Evidence", RuleEvidenceDuringAudit, string(a.State), "the log holds items although fieldwork has not begun")
	}
	var criteria func(annexa.Ref) bool
	if a.Plan != nil {
		criteria = v.criteria.has
	}
	// successor[j] is 1 + the position of the first item correcting item
	// j; made only when some item is a correction.
	var successor []int32
	for i := range a.Evidence {
		e := &a.Evidence[i]
		at := func() string { return errs.Index("Evidence", i) }
		switch {
		case isBlank(string(e.ID)):
			c.shape(at()+".ID", "required", "", "the host's id for the item")
		default:
			if j := v.evidence.firstOf(i, a.evidenceID); j != i {
				c.shape(at()+".ID", "unique", string(e.ID), "the same id as "+errs.Index("Evidence", j))
			}
		}
		c.content(at, e, criteria, e.State == EvidenceVerified, a.samplingPlanByID)
		v.evidenceHistory(c, at, e)
		if e.Supersedes == "" {
			continue
		}
		path := at()
		j := v.evidenceAt(e.Supersedes)
		switch {
		case j < 0:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "no such item in the log: a corrected item is kept, never removed")
			continue
		case j >= i:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "a correction supersedes an earlier item")
		case a.Evidence[j].State != EvidenceSuperseded:
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "the corrected item is "+strconv.Quote(string(a.Evidence[j].State))+", not superseded")
		}
		if successor == nil {
			successor = make([]int32, len(a.Evidence))
		}
		if k := successor[j]; k > 0 {
			v.violate(path+".Supersedes", RuleEvidenceAppendOnly, string(e.Supersedes), "already corrected by "+errs.Index("Evidence", int(k)-1)+": an item has one successor")
			continue
		}
		successor[j] = int32(i + 1)
	}
	for i := range a.Evidence {
		e := &a.Evidence[i]
		if e.State != EvidenceSuperseded {
			continue
		}
		// An item corrects the first item with the id it supersedes.
		if j := v.evidence.firstOf(i, a.evidenceID); successor == nil || successor[j] == 0 {
			v.violate(errs.Index("Evidence", i)+".State", RuleEvidenceAppendOnly, string(e.State), "no item in the log corrects it")
		}
	}
	v.samplingChecks()
}

// evidenceHistory checks an item's state and history.
func (v *verifier) evidenceHistory(c evChecker, at func() string, e *Evidence) {
	switch {
	case e.State == "":
		c.shape(at()+".State", "required", "", "where the item stands")
	case !evValid(evStates, e.State):
		c.shape(at()+".State", "enum", string(e.State), "one of "+evTokens(EvidenceStates()))
	}
	final, err := evidenceMachine.Replay(e.History)
	switch {
	case err != nil:
		v.evidenceReplayProblem(at, err)
	case final != e.State && evValid(evStates, e.State):
		v.violate(at()+".State", RuleHistoryValid, string(e.State), "the history ends in "+strconv.Quote(string(final)))
	}
	if len(e.History) > 0 && !e.CollectedAt.IsZero() && e.History[0].At.Before(e.CollectedAt) {
		v.violate(at()+".History[0].At", RuleHistoryValid, "", "before the item was collected")
	}
	for k, h := range e.History {
		if h.Event == EvidenceReject && isBlank(h.Note) {
			v.violate(errs.Index(at()+".History", k)+".Note", RuleEvidenceRejectReason, "", "the rejection does not say why")
		}
	}
}

// evidenceReplayProblem reports a history that does not replay.
func (v *verifier) evidenceReplayProblem(at func() string, err error) {
	var re *fsm.ReplayError
	if errors.As(err, &re) {
		v.violate(errs.Index(at()+".History", re.Index), RuleHistoryValid, "", re.Problem)
		return
	}
	v.violate(at()+".History", RuleHistoryValid, "", err.Error())
}

// samplingChecks checks the sampling plans: complete (AUD-SAMPLING-RECORDED),
// not before preparation (AUD-SAMPLING-BEFORE-FINDINGS), and every sample
// recorded with who and when, drawn from the frame, and for statistical
// plans equal to a fresh draw (AUD-SAMPLING-REPRODUCIBLE).
func (v *verifier) samplingChecks() {
	a := v.a
	c := evChecker{col: v.col, record: true}
	if len(a.Sampling) > 0 && a.State == StateInitiation {
		v.violate("Sampling", RuleSamplingBeforeFindings, string(a.State), "sampling plans before preparation")
	}
	ids := make(map[string]int, len(a.Sampling))
	for i := range a.Sampling {
		p := &a.Sampling[i]
		path := errs.Index("Sampling", i)
		if isBlank(p.ID) {
			c.shape(path+".ID", "required", "", "the host's id for the plan")
		} else if j, dup := ids[p.ID]; dup {
			c.shape(path+".ID", "unique", p.ID, "the same id as "+errs.Index("Sampling", j))
		} else {
			ids[p.ID] = i
		}
		c.samplingDescription(path, p)
		pop, ok := c.samplingFrame(path, p)
		if len(p.Selected) == 0 {
			if p.Generator != "" || !p.SelectedAt.IsZero() || p.SelectedBy != "" {
				c.shape(path+".Selected", "required", "", "the plan records a draw or choice but no sample")
			}
			continue
		}
		if ok {
			c.samplingSelection(path+".Selected", p, pop, p.Selected)
		}
		if p.SelectedAt.IsZero() {
			c.shape(path+".SelectedAt", "required", "", "when the sample was drawn or chosen")
		}
		if isBlank(p.SelectedBy) {
			c.shape(path+".SelectedBy", "required", "", "who drew or chose the sample")
		}
		switch p.Method {
		case Statistical:
			switch {
			case p.Generator != SamplingGenerator:
				v.violate(path+".Generator", RuleSamplingReproducible, p.Generator, "not a generator this library can draw with again ("+SamplingGenerator+")")
			case ok && !slices.Equal(pop.draw(p.Seed, p.Size), p.Selected):
				v.violate(path+".Selected", RuleSamplingReproducible, "", "drawing again with the plan's seed gives a different sample")
			}
		case Judgemental:
			if p.Generator != "" {
				c.shape(path+".Generator", "not-applicable", p.Generator, "a judgemental sample is chosen, not drawn")
			}
		}
	}
}

// verifySeal checks the seal, when the record has one: every sealed log
// still holds its sealed entries, unchanged and in order, and the seal
// itself is unaltered (AUD-SEAL-INTACT). Each log that differs is
// reported once, at its first differing entry.
func (v *verifier) verifySeal() {
	s := v.a.Seal
	if s == nil {
		return
	}
	c := evChecker{col: v.col, record: true}
	if s.At.IsZero() {
		c.shape("Seal.At", "required", "", "when the record was sealed")
	}
	if isBlank(s.By) {
		c.shape("Seal.By", "required", "", "who sealed the record")
	}
	sealCheck(v.a, func(e *SealError) bool {
		path := "Seal"
		if e.Index >= 0 {
			path = errs.Index("Seal.Logs", e.Index)
		}
		v.violate(path, RuleSealIntact, e.Log, sealProblemText(e))
		return true
	})
}

// sealProblemText says in words what a SealError found, for Verify's
// detail; the problem's token ends it.
func sealProblemText(e *SealError) string {
	var s string
	switch e.Problem {
	case SealEntryChanged:
		s = "entry " + strconv.Itoa(e.Entry) + " of the log no longer matches what was sealed: it was changed, removed or moved"
	case SealEntriesMissing:
		s = "the log holds fewer entries than were sealed, from entry " + strconv.Itoa(e.Entry)
	case SealLogMissing:
		s = "the sealed log is no longer in the record"
	case SealHeadMismatch:
		s = "the record no longer gives the seal's head"
	case SealMalformed:
		s = "the seal is not as SealRecord writes it"
	case SealUnknownAlg:
		s = "the seal was made by an algorithm this library does not know"
	default:
		s = "the seal does not verify"
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s + " [" + e.Problem + "]"
}
