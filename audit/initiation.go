package audit

import (
	"errors"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// Contact records the first contact with the auditee (19011 6.2.2).
type Contact struct {
	// Person is the auditee's contact.
	Person string `json:"person"`
	// EstablishedAt is when contact was established; left zero, it is
	// when EstablishContact records it (its Meta.At).
	EstablishedAt time.Time `json:"at"`
	// EstablishedBy is the team member who made contact; left blank, the
	// one recording it (Meta.By).
	EstablishedBy string `json:"by"`
	// Notes records what was agreed (access, confidentiality, arrangements).
	Notes string `json:"notes,omitempty"`
}

// Feasibility records whether the audit can meet its objectives (19011
// 6.2.3): enough information to plan, enough cooperation from the auditee,
// enough time and resources.
type Feasibility struct {
	Information bool `json:"information"`
	Cooperation bool `json:"cooperation"`
	// TimeAndResources covers time and resources to conduct the audit.
	TimeAndResources bool `json:"timeAndResources"`
	// DecidedAt and DecidedBy record the decision: when and by whom it was
	// taken, which the operation recording it (its Meta) may follow. Left
	// zero and blank, they are the operation's Meta.At and Meta.By.
	DecidedAt time.Time `json:"decidedAt"`
	DecidedBy string    `json:"decidedBy"`
	// Alternative is proposed to the audit client when the audit is not
	// feasible.
	Alternative string `json:"alternative,omitempty"`
}

// Feasible reports whether every condition holds.
func (f Feasibility) Feasible() bool { return f.Information && f.Cooperation && f.TimeAndResources }

// The rules of initiation.
const (
	RuleInitContact     ismsaudit.RuleID = "AUD-INIT-CONTACT"
	RuleInitFeasible    ismsaudit.RuleID = "AUD-INIT-FEASIBLE"
	RuleInitAlternative ismsaudit.RuleID = "AUD-INIT-ALTERNATIVE"
)

var initiationRules = []ismsaudit.Rule{
	{ID: RuleInitContact, Clause: "19011:6.2.2", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "contact with the auditee is established before preparation starts"},
	{ID: RuleInitFeasible, Clause: "19011:6.2.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "preparation starts only once the audit is found feasible: enough information, cooperation, time and resources"},
	{ID: RuleInitAlternative, Clause: "19011:6.2.3", Principle: ismsaudit.PrincipleFairPresentation, Text: "an audit found not feasible records the alternative proposed to the audit client"},
}

var (
	errNoContact             = errors.New("no contact with the auditee is recorded")
	errNoFeasibilityDecision = errors.New("no feasibility decision is recorded")
	errNotFeasible           = errors.New("the audit was found not feasible")
)

// EstablishContact records the contact established with the auditee
// (19011 6.2.2): who the contact is, when and by whom it was made, and
// what was agreed. It is allowed only while the audit is in initiation,
// and replaces an earlier record. c.EstablishedAt (m.At when zero) must not be after m.At.
func (a *Audit) EstablishContact(c Contact, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "establish-contact", m, &err)
	if err := a.requireState("establish-contact", RuleInitContact, StateInitiation); err != nil {
		return err
	}
	ch := &checker{subject: "contact"}
	ch.meta(m)
	ownTime(&c.EstablishedAt, m)
	ownAuthor(&c.EstablishedBy, m)
	checkContact(ch, "", &c)
	ch.notAfter("EstablishedAt", c.EstablishedAt, m.At, "the contact")
	if err := ch.err(); err != nil {
		return err
	}
	a.Contact = &c
	return nil
}

// checkContact checks a contact record.
func checkContact(ch *checker, prefix string, c *Contact) {
	ch.required(prefix+"Person", c.Person, "the auditee's contact")
	ch.requiredTime(prefix+"EstablishedAt", c.EstablishedAt, "when contact was established")
	ch.required(prefix+"EstablishedBy", c.EstablishedBy, "who made contact")
}

// DecideFeasibility records the feasibility decision (19011 6.2.3): enough
// information to plan, cooperation from the auditee, and time and
// resources. A decision that the audit is not feasible must record the
// alternative proposed to the audit client (AUD-INIT-ALTERNATIVE). It is
// allowed only while the audit is in initiation, and replaces an earlier
// decision. f.DecidedAt (m.At when zero) must not be after m.At.
func (a *Audit) DecideFeasibility(f Feasibility, m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "decide-feasibility", m, &err)
	if err := a.requireState("decide-feasibility", RuleInitFeasible, StateInitiation); err != nil {
		return err
	}
	ch := &checker{subject: "feasibility decision"}
	ch.meta(m)
	ownTime(&f.DecidedAt, m)
	ownAuthor(&f.DecidedBy, m)
	checkFeasibility(ch, "", &f)
	ch.notAfter("DecidedAt", f.DecidedAt, m.At, "the decision")
	if err := ch.err(); err != nil {
		return err
	}
	a.Feasibility = &f
	return nil
}

// checkFeasibility checks a feasibility decision.
func checkFeasibility(ch *checker, prefix string, f *Feasibility) {
	ch.requiredTime(prefix+"DecidedAt", f.DecidedAt, "when feasibility was decided")
	ch.required(prefix+"DecidedBy", f.DecidedBy, "who decided")
	if !f.Feasible() && isBlank(f.Alternative) {
		ch.rule(prefix+"Alternative", RuleInitAlternative, "", "an audit found not feasible needs the alternative proposed to the audit client")
	}
}

func checkContactRecorded(s auditSubject) error {
	if s.a.Contact == nil {
		return errNoContact
	}
	return nil
}

func checkFeasibleRecorded(s auditSubject) error {
	switch f := s.a.Feasibility; {
	case f == nil:
		return errNoFeasibilityDecision
	case !f.Feasible():
		return errNotFeasible
	}
	return nil
}

// Prepare starts preparing the audit (19011 6.3): the audit moves from
// initiation to preparation once contact is established (AUD-INIT-CONTACT)
// and the audit is found feasible (AUD-INIT-FEASIBLE).
//
// Preparation cannot start before the contact and the decision it rests
// on: m.At must not precede them.
func (a *Audit) Prepare(m ismsaudit.Meta) (err error) {
	w, err := a.watch()
	if err != nil {
		return err
	}
	defer w.done(a, "prepare", m, &err)
	var floor time.Time
	if a.Contact != nil {
		floor = a.Contact.EstablishedAt
	}
	if a.Feasibility != nil && a.Feasibility.DecidedAt.After(floor) {
		floor = a.Feasibility.DecidedAt
	}
	e, err := a.fireEventAfter(EventPrepare, nil, m, floor)
	if err != nil {
		return err
	}
	a.advance(e)
	return nil
}

func (v *verifier) verifyInitiation(ch *checker, ev eventTimes) {
	a := v.a
	prepared, ok := ev.when(EventPrepare)
	if a.Contact != nil {
		checkContact(ch, "Contact.", a.Contact)
		if ok && a.Contact.EstablishedAt.After(prepared) {
			v.violate("Contact.EstablishedAt", RuleInitContact, timeText(a.Contact.EstablishedAt), "contact is established before preparation starts")
		}
	} else if ok {
		v.violate("Contact", RuleInitContact, "", "preparation started without a record of the contact with the auditee")
	}
	if f := a.Feasibility; f != nil {
		checkFeasibility(ch, "Feasibility.", f)
		switch {
		case ok && !f.Feasible():
			v.violate("Feasibility", RuleInitFeasible, "", "preparation started although the audit was found not feasible")
		case ok && f.DecidedAt.After(prepared):
			v.violate("Feasibility.DecidedAt", RuleInitFeasible, timeText(f.DecidedAt), "feasibility is decided before preparation starts")
		}
	} else if ok {
		v.violate("Feasibility", RuleInitFeasible, "", "preparation started without a feasibility decision")
	}
}
