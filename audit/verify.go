package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
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
// returns every violation at once, as a *ismsaudit.ValidationError whose field
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
// collected violations and indexes built once, so that every reference
// the checks follow costs one probe of a pointer-free table whatever the
// record's size.
type verifier struct {
	a         *Audit
	opts      VerifyOptions
	col       *errs.Collector
	evidence  idIndex // items by id
	findings  idIndex // findings by id
	followUps idIndex // follow-ups by their finding's id
	// followUp gives, for each finding, the position of its first
	// follow-up, or -1, and followUpFinding the position of each
	// follow-up's finding, or -1.
	followUp        []int32
	followUpFinding []int32
	// criteria indexes the plan's criteria (empty without a plan).
	criteria *refIndex
}

func newVerifier(a *Audit, opts *VerifyOptions) *verifier {
	v := &verifier{a: a, col: errs.NewCollector("audit", "audit record")}
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
	v.col.Add(path, rule, value, detail)
}
