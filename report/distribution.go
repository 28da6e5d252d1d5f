package report

import (
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// RecipientCopy returns the copy of report r for one recipient (ISO
// 19011:2018 6.5.2, clause 4 d). Every evidence item whose confidentiality
// is above the recipient's clearance (public < internal < restricted)
// appears by reference only: its id, source, state, confidentiality and
// collection time, marked withheld, with no description, digest, period,
// sample, collector or criteria. Everything else is copied in full, and the copy records who
// it is for (Copy). The distribution record of r is kept as it is, so the
// copy still says who received which version and when.
//
// When r carries its sealed audit record (AuditReport.Record), the copy
// carries the record's recipient copy instead ((*audit.Audit).RecipientCopy
// for the recipient's clearance): the record without the evidence above
// the clearance, its seal's heads and signatures, and an inclusion proof
// for every part it shows. The recipient checks it with the record's
// VerifySeal and VerifySignatures and the signers' public keys, without
// seeing what was withheld, and Check on the copy compares the findings
// and evidence it shows with that proven record. The copy's Seal counts
// the parts proven and withheld. A record with operations since its last
// sealing proves nothing of them: its copy is refused (rule RuleSeal),
// and the record is to be sealed again and the report built again.
//
// r must be complete (see Check) and the recipient named with a valid
// clearance; otherwise a *ismsaudit.ValidationError lists every problem. A copy of a
// copy is refused, as what the first copy withheld cannot be restored. r is
// never changed.
func RecipientCopy(r *AuditReport, rec audit.Recipient) (*AuditReport, error) {
	col := newCollector("recipient copy")
	if strings.TrimSpace(rec.Name) == "" {
		col.Add("Recipient.Name", ismsaudit.RuleRequired, "", "who the copy is for")
	}
	switch {
	case rec.Clearance == "":
		col.Add("Recipient.Clearance", ismsaudit.RuleRequired, "", "the most confidential material the recipient may see")
	case !rec.Clearance.IsValid():
		col.Add("Recipient.Clearance", ismsaudit.RuleEnum, string(rec.Clearance), "public, internal or restricted")
	}
	col.Merge("Report", ismsaudit.RuleShape, r.Check())
	if r != nil && r.Copy != nil {
		col.Add("Report.Copy", RuleRedaction, r.Copy.Recipient.Name, "the report is already a recipient's copy")
	}
	if err := col.Err(); err != nil {
		return nil, err
	}
	c := r.clone()
	c.Copy = &AuditCopy{Recipient: rec}
	if r.Record != nil {
		rc, err := r.Record.RecipientCopy(rec.Clearance)
		if err != nil {
			col.Merge("Report.Record", RuleSeal, err)
			return nil, col.Err()
		}
		c.Record = rc
		c.Seal.Proven, c.Seal.Withheld = len(rc.Seal.Proofs), len(rc.Seal.Withheld)
	}
	for i := range c.Evidence {
		e := &c.Evidence[i]
		if e.Confidentiality.Compare(rec.Clearance) > 0 {
			*e = AuditEvidence{ID: e.ID, Source: e.Source, Confidentiality: e.Confidentiality, State: e.State, CollectedAt: e.CollectedAt, Withheld: true}
			c.Copy.Withheld++
		}
	}
	return c, nil
}

// RecipientCopies returns one copy per entry of the report's distribution
// record, in the record's order: the copies as they were sent.
func RecipientCopies(r *AuditReport) ([]*AuditReport, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	out := make([]*AuditReport, 0, len(r.Distribution))
	for _, d := range r.Distribution {
		c, err := RecipientCopy(r, d.Recipient)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// clone returns a deep copy of r but for its Record, which it leaves
// nil: a recipient's copy carries the record's recipient copy instead.
func (r *AuditReport) clone() *AuditReport {
	c := *r
	c.Record = nil
	c.Violations = slices.Clone(r.Violations)
	if r.Issue != nil {
		v := *r.Issue
		c.Issue = &v
	}
	if r.Copy != nil {
		v := *r.Copy
		c.Copy = &v
	}
	if r.Seal != nil {
		v := *r.Seal
		v.Signers = slices.Clone(v.Signers)
		c.Seal = &v
	}
	c.Objectives = slices.Clone(r.Objectives)
	c.Scope.Units = slices.Clone(r.Scope.Units)
	c.Scope.Processes = slices.Clone(r.Scope.Processes)
	c.Scope.Locations = slices.Clone(r.Scope.Locations)
	c.Team = slices.Clone(r.Team)
	c.Participants = slices.Clone(r.Participants)
	for i := range c.Participants {
		c.Participants[i].Meetings = slices.Clone(r.Participants[i].Meetings)
	}
	c.Locations = slices.Clone(r.Locations)
	c.Criteria = slices.Clone(r.Criteria)
	c.Findings = slices.Clone(r.Findings)
	for i := range c.Findings {
		c.Findings[i].Criteria = slices.Clone(r.Findings[i].Criteria)
		c.Findings[i].Evidence = slices.Clone(r.Findings[i].Evidence)
	}
	c.Evidence = slices.Clone(r.Evidence)
	for i := range c.Evidence {
		e := &c.Evidence[i]
		e.Supports = slices.Clone(e.Supports)
		if e.Covers != nil {
			v := *e.Covers
			e.Covers = &v
		}
		if e.Sampling != nil {
			v := *e.Sampling
			e.Sampling = &v
		}
	}
	if r.Conclusion != nil {
		k := *r.Conclusion
		k.NotCovered = slices.Clone(k.NotCovered)
		k.Recurring = slices.Clone(k.Recurring)
		c.Conclusion = &k
	}
	c.DivergingOpinions = slices.Clone(r.DivergingOpinions)
	if r.Plan != nil {
		p := *r.Plan
		p.Methods = slices.Clone(p.Methods)
		p.Schedule = cloneActivities(p.Schedule)
		p.Risks = slices.Clone(p.Risks)
		c.Plan = &p
	}
	c.Sampling = slices.Clone(r.Sampling)
	c.Obstacles = slices.Clone(r.Obstacles)
	for i := range c.Obstacles {
		if ref := c.Obstacles[i].Ref; ref != nil {
			v := *ref
			c.Obstacles[i].Ref = &v
		}
	}
	c.EscalatedRisks = slices.Clone(r.EscalatedRisks)
	if r.FollowUp != nil {
		f := *r.FollowUp
		f.Actions = slices.Clone(f.Actions)
		for i := range f.Actions {
			f.Actions[i].Evidence = slices.Clone(f.Actions[i].Evidence)
		}
		c.FollowUp = &f
	}
	c.Implications = slices.Clone(r.Implications)
	c.Distribution = slices.Clone(r.Distribution)
	return &c
}
