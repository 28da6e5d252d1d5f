package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// The audit record a report carries (AuditReport.Record): the record
// itself when it is sealed with audit.SealAlgorithm, or on a recipient's
// copy the record's recipient copy with its proofs (see RecipientCopy).

// copyRecord returns a deep copy of the record, through its JSON as the
// report carries it.
func copyRecord(a *audit.Audit) (*audit.Audit, error) {
	data, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	var c audit.Audit
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// checkRecord checks the record the report carries (rule RuleSeal): the
// report of a record sealed with audit.SealAlgorithm that matched its
// seal carries it, and no other does; it is the report's audit, matches
// its seal, is a recipient's copy exactly when the report is one, and
// its seal is the one the report shows; and the findings and evidence
// items the report shows are the record's, as BuildAuditReport makes them
// (a withheld item is absent from a recipient's copy of the record).
func (r *AuditReport) checkRecord(c *checker) {
	a, s := r.Record, r.Seal
	v3 := s != nil && s.Intact && s.Algorithm == audit.SealAlgorithm
	switch {
	case a == nil && v3:
		c.add("Record", RuleSeal, "", "the report of a record sealed with "+audit.SealAlgorithm+" carries the record, so that what it shows can be checked against the seal")
		return
	case a == nil:
		return
	case !v3:
		c.add("Record", RuleSeal, string(a.ID), "only the report of a record sealed with "+audit.SealAlgorithm+" that matches its seal carries the record")
		return
	}
	if a.ID != r.Audit {
		c.add("Record.ID", RuleSeal, string(a.ID), "the record of the report's audit "+strconv.Quote(string(r.Audit)))
		return
	}
	if err := a.VerifySeal(); err != nil {
		path, value := "Record.Seal", ""
		var se *audit.SealError
		if errors.As(err, &se) {
			value = se.Problem
			if se.Path != "" {
				path = "Record." + se.Path
			}
		}
		c.add(path, RuleSeal, value, "the record does not match its seal: "+err.Error())
		return
	}
	if a.Seal.IsCopy() != (r.Copy != nil) {
		c.add("Record.Seal", RuleSeal, strconv.FormatBool(a.Seal.IsCopy()), "a recipient's copy of the report carries the record's recipient copy, and only it does")
		return
	}
	if want := sealOf(a.Seal, true, nil); !sameSeal(want, s) {
		c.add("Seal", RuleSeal, want.Head, "the seal the report shows is not the record's")
	}
	evidence := make(map[ismsaudit.EvidenceID]*audit.Evidence, len(a.Evidence))
	for i := range a.Evidence {
		evidence[a.Evidence[i].ID] = &a.Evidence[i]
	}
	for i := range r.Evidence {
		e := &r.Evidence[i]
		in, ok := evidence[e.ID]
		switch {
		case e.Withheld && ok:
			c.add(errs.Index("Evidence", i), RuleSeal, string(e.ID), "the record's copy holds in full an item the report withholds")
		case !e.Withheld && (!ok || !sameJSON(auditEvidence(in), *e)):
			c.add(errs.Index("Evidence", i), RuleSeal, string(e.ID), "not the record's evidence item as sealed")
		}
	}
	criteria := make(map[annexa.Ref]AuditCriterion, len(r.Criteria))
	for _, cr := range r.Criteria {
		criteria[cr.Ref] = cr
	}
	criterion := func(ref annexa.Ref) AuditCriterion {
		if cr, ok := criteria[ref]; ok {
			return cr
		}
		return AuditCriterion{Ref: ref, Label: label(ref), Title: ref.Title()}
	}
	findings := make(map[audit.FindingID]*audit.Finding, len(a.Findings))
	for i := range a.Findings {
		findings[a.Findings[i].ID] = &a.Findings[i]
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		in, ok := findings[f.ID]
		if !ok || in.State == audit.FindingWithdrawn || !sameJSON(auditFinding(in, criterion), *f) {
			c.add(errs.Index("Findings", i), RuleSeal, string(f.ID), "not the record's finding as sealed")
		}
	}
}

// sameSeal reports whether the report shows seal want: the same head,
// counts and signer names (whether a signature was verified is the
// host's to say).
func sameSeal(want, got *AuditSeal) bool {
	if want.Algorithm != got.Algorithm || want.Intact != got.Intact || want.Head != got.Head || want.Number != got.Number || want.Size != got.Size ||
		!want.SealedAt.Equal(got.SealedAt) || want.SealedBy != got.SealedBy || want.Unsealed != got.Unsealed ||
		want.Proven != got.Proven || want.Withheld != got.Withheld || len(want.Signers) != len(got.Signers) {
		return false
	}
	for i := range want.Signers {
		if want.Signers[i].Name != got.Signers[i].Name {
			return false
		}
	}
	return true
}

// sameJSON reports whether two values encode to the same JSON: what the
// report carries of them.
func sameJSON(a, b any) bool {
	x, err := json.Marshal(a)
	if err != nil {
		return false
	}
	y, err := json.Marshal(b)
	return err == nil && bytes.Equal(x, y)
}
