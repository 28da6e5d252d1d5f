package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// VerifyOptions configures Verify. A nil *VerifyOptions means defaults.
type VerifyOptions struct {
	// At is "now" for rules that depend on the date (overdue follow-ups);
	// zero means the time of the latest history entry in the record.
	At time.Time
	// Pool, when set, lets Verify check that auditors are competent for and
	// independent of what they are assigned (see PlanCheck).
	Pool *competence.Pool
	// AuditorSet and LeaderSet are the criteria sets auditors and the team
	// leader are judged by; empty means the defaults PlanCheck documents.
	AuditorSet competence.CriteriaSetID
	LeaderSet  competence.CriteriaSetID
	// Independence configures the independence check; nil means the
	// competence package's default cooling-off period.
	Independence *competence.IndependenceOptions
}

// Verify checks a whole audit record against the process rules and
// returns every violation at once, as a *ValidationError whose field
// errors carry the rule id (Rule), the path of the offending part (Path)
// and a detail; nil when the record conforms. It works on any record,
// including one decoded from JSON another tool produced, and never panics.
func Verify(a *Audit, opts *VerifyOptions) error {
	v := newVerifier(a, opts)
	if a == nil {
		v.violate("", RuleRecordShape, "", "no audit record given")
		return v.col.Err()
	}
	v.verifyCore()
	v.verifyPlan()
	v.verifyEvidence()
	v.verifySeal()
	v.verifyFindings()
	v.verifyConclusion()
	v.verifyFollowUps()
	return v.col.Err()
}

// verifier holds what the checks share: the record, the options, the
// collected violations and indexes built once.
type verifier struct {
	a        *Audit
	opts     VerifyOptions
	col      *errs.Collector
	evidence map[EvidenceID]int
	findings map[FindingID]int
	criteria map[annexa.Ref]bool
}

func newVerifier(a *Audit, opts *VerifyOptions) *verifier {
	v := &verifier{a: a, col: errs.NewCollector("audit", "audit record")}
	if opts != nil {
		v.opts = *opts
	}
	if a == nil {
		return v
	}
	v.evidence = make(map[EvidenceID]int, len(a.Evidence))
	for i, e := range a.Evidence {
		if _, dup := v.evidence[e.ID]; !dup {
			v.evidence[e.ID] = i
		}
	}
	v.findings = make(map[FindingID]int, len(a.Findings))
	for i, f := range a.Findings {
		if _, dup := v.findings[f.ID]; !dup {
			v.findings[f.ID] = i
		}
	}
	v.criteria = map[annexa.Ref]bool{}
	if a.Plan != nil {
		for _, c := range a.Plan.Content.Criteria {
			v.criteria[c.Ref] = true
		}
	}
	return v
}

// violate records one violation of rule at path.
func (v *verifier) violate(path, rule, value, detail string) { v.col.Add(path, rule, value, detail) }
