package audit

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// RiskID identifies an escalated risk within an audit (host-chosen).
type RiskID string

// EscalatedRisk is an urgent, significant risk found during the audit and
// escalated at once (19011 6.4.4).
type EscalatedRisk struct {
	ID          RiskID `json:"id"`
	Description string `json:"description"`
	// FoundAt, FoundBy and EscalatedAt are the risk's own times and
	// finder: a risk is found, then escalated at once, and only then
	// recorded (the operation's Meta), so neither time may be after the
	// Meta's.
	FoundAt     time.Time `json:"foundAt"`
	FoundBy     string    `json:"foundBy"`
	EscalatedAt time.Time `json:"escalatedAt"`
	// EscalatedTo names who was told (auditee management, audit client).
	EscalatedTo string `json:"escalatedTo"`
	// Response records what the auditee did, when known.
	Response string `json:"response,omitempty"`
}

// The rules of risk.
const (
	RuleRiskEscalated ismsaudit.RuleID = "AUD-RISK-ESCALATED"
)

var riskRules = []ismsaudit.Rule{
	{ID: RuleRiskEscalated, Clause: "19011:6.4.4", Principle: ismsaudit.PrincipleRiskBased, Text: "an urgent, significant risk found during the audit is escalated at once, and the time is recorded"},
}

// EscalateRisk records an urgent, significant risk found during fieldwork
// and escalated at once (19011 6.4.4), appended to a.Risks. The risk needs
// a unique id, a description, when and by whom it was found, and when and
// to whom it was escalated: EscalatedAt set and not before FoundAt,
// EscalatedTo named (AUD-RISK-ESCALATED). Neither time may be after m.At.
// It is allowed during fieldwork only.
func (a *Audit) EscalateRisk(r EscalatedRisk, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "escalate-risk", m, &err)
	if err := a.requireState("escalate-risk", RuleRiskEscalated, StateFieldwork); err != nil {
		return err
	}
	ch := &checker{subject: "escalated risk"}
	ch.meta(m)
	checkRisk(ch, "", &r)
	ch.notAfter("FoundAt", r.FoundAt, m.At, "finding the risk")
	ch.notAfter("EscalatedAt", r.EscalatedAt, m.At, "the escalation")
	if i := slices.IndexFunc(a.Risks, func(x EscalatedRisk) bool { return x.ID == r.ID }); i >= 0 && r.ID != "" {
		ch.shape("ID", "unique", string(r.ID), fmt.Sprintf("the same id as Risks[%d]", i))
	}
	if err := ch.err(); err != nil {
		return err
	}
	a.Risks = append(a.Risks, r)
	return nil
}

// checkRisk checks one escalated risk.
func checkRisk(ch *checker, prefix string, r *EscalatedRisk) {
	p := func(s string) string { return errs.JoinPath(prefix, s) }
	ch.required(p("ID"), string(r.ID), "the host's id for the risk")
	ch.required(p("Description"), r.Description, "what the risk is")
	ch.requiredTime(p("FoundAt"), r.FoundAt, "when the risk was found")
	ch.required(p("FoundBy"), r.FoundBy, "who found it")
	switch {
	case r.EscalatedAt.IsZero():
		ch.rule(p("EscalatedAt"), RuleRiskEscalated, "", "an urgent, significant risk is escalated at once: record when")
	case !r.FoundAt.IsZero() && r.EscalatedAt.Before(r.FoundAt):
		ch.rule(p("EscalatedAt"), RuleRiskEscalated, timeText(r.EscalatedAt), "escalated before it was found ("+timeText(r.FoundAt)+")")
	}
	if isBlank(r.EscalatedTo) {
		ch.rule(p("EscalatedTo"), RuleRiskEscalated, "", "name who the risk was escalated to")
	}
}

// verifyRisks checks the escalated risks (AUD-RISK-ESCALATED).
func (v *verifier) verifyRisks(ch *checker, ev eventTimes) {
	a := v.a
	_, isOpen := ev.when(EventOpen)
	seen := make(map[RiskID]int, len(a.Risks))
	for i := range a.Risks {
		r := &a.Risks[i]
		path := errs.Index("Risks", i)
		checkRisk(ch, path, r)
		if j, dup := seen[r.ID]; dup && r.ID != "" {
			ch.shape(path+".ID", "unique", string(r.ID), fmt.Sprintf("the same id as Risks[%d]", j))
		} else {
			seen[r.ID] = i
		}
		if !isOpen {
			v.violate(path, RuleRiskEscalated, string(r.ID), "a risk is recorded but fieldwork never opened")
		}
	}
}
