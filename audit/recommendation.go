package audit

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/ismsaudit/ismsaudit"
)

// Recommendation is what a certification audit team recommends (ISO/IEC
// 17021-1:2015 9.4.8, 9.5), derived from the findings by documented rules.
//
//ismsaudit:enum Recommendations ordered
type Recommendation string

// The Recommendation values. Never reorder.
const (
	Recommend                  Recommendation = "recommend"                           // no nonconformity stands in the way
	RecommendAfterPlans        Recommendation = "recommend-after-accepted-plans"      // once corrective action plans for the minor nonconformities are accepted
	RecommendAfterVerification Recommendation = "recommend-after-verified-correction" // only once correction of the major nonconformities is verified
	NotRecommend               Recommendation = "not-recommend"                       // certification is not recommended
)

// RecommendationRule is one documented rule by which the findings of a
// certification audit decide the audit team's recommendation (ISO/IEC
// 17021-1:2015 9.4.8, 9.5). DeriveRecommendation and ReviewRecommendation
// try the rules in the order RecommendationRules yields them; the first
// that holds decides. A rule about follow-ups holds only in a review: when
// the conclusions are agreed, no follow-up exists yet.
type RecommendationRule struct {
	// ID is stable, e.g. "REC-MAJOR-OPEN".
	ID string `json:"id"`
	// When states the condition in one line.
	When string `json:"when"`
	// Then is the recommendation the rule calls for.
	Then Recommendation `json:"then"`
	// Rule is the id of the process rule the rule serves.
	Rule ismsaudit.RuleID `json:"rule"`
	// Clause is the clause the rule comes from.
	Clause ismsaudit.Clause `json:"clause"`
}

// The rules of recommendation.
const (
	RuleRecommendationDerived ismsaudit.RuleID = "AUD-RECOMMENDATION-DERIVED"
	RuleMajorOverdueBlocks    ismsaudit.RuleID = "AUD-MAJOR-OVERDUE-BLOCKS"
)

var recommendationRules = []ismsaudit.Rule{
	{ID: RuleRecommendationDerived, Clause: "17021-1:9.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "a certification audit's recommendation is the one its findings, as they stood when the conclusions were agreed, call for under the documented rules"},
	{ID: RuleMajorOverdueBlocks, Clause: "17021-1:9.5.3", Principle: ismsaudit.PrincipleDueProfessionalCare, Text: "a major nonconformity whose correction is unverified past its due date blocks a recommendation for certification"},
}

// recommendationTable is the catalogue, in the order it is applied. Rule
// i holds when bucket i of recommendationBuckets is not empty; the last
// always holds.
var recommendationTable = []RecommendationRule{
	{"REC-MAJOR-OVERDUE", "a standing major nonconformity's follow-up is not verified effective and its due date has passed", NotRecommend, RuleMajorOverdueBlocks, "17021-1:9.5.3"},
	{"REC-MAJOR-OPEN", "a standing major nonconformity's correction and corrective action are not verified effective", RecommendAfterVerification, RuleRecommendationDerived, "17021-1:9.5.2"},
	{"REC-MINOR-OPEN", "a standing minor nonconformity has no accepted corrective action plan", RecommendAfterPlans, RuleRecommendationDerived, "17021-1:9.5.2"},
	{"REC-CLEAR", "no standing nonconformity stands in the way: none was raised, or every major's correction is verified effective and every minor's plan accepted", Recommend, RuleRecommendationDerived, "17021-1:9.4.8"},
}

// recommendationBasis says what a derivation looks at: follow-ups (and
// the time at which overdue is judged) or, at the agreement of the
// conclusions, before any follow-up can exist, the findings alone, as
// they stand or, when asOf is set, as they stood then (see standingAt);
// and whether the reasons are wanted or only the recommendation.
type recommendationBasis struct {
	followUps bool
	at        time.Time
	asOf      time.Time
	noReasons bool
}

var recommendationAtAgreement = recommendationBasis{noReasons: true}

// RecommendationRules yields the rules DeriveRecommendation and
// ReviewRecommendation apply, in the order they apply them.
func RecommendationRules() iter.Seq[RecommendationRule] { return slices.Values(recommendationTable) }

// DeriveRecommendation applies RecommendationRules to a certification
// audit's standing nonconformities (Finding.Standing) as they stand,
// without their follow-ups, and returns the recommendation with the
// reasons: one line per finding that decided it, each starting with the
// rule's ID. It is what AgreeConclusion records in
// Conclusion.Recommendation when the team agrees its conclusions (no
// follow-up exists then): RecommendAfterVerification when a major
// nonconformity stands, RecommendAfterPlans when only minor ones do, and
// Recommend otherwise. Use it to show a draft's outcome before agreement;
// once the conclusions are agreed it returns what they recorded, as the
// findings cannot change while the conclusions stand agreed. For an audit
// that is not a certification audit (and for nil) it returns "" and no
// reasons: such audits carry no recommendation.
func DeriveRecommendation(a *Audit) (Recommendation, []string) {
	if a == nil || !a.IsCertification() {
		return "", nil
	}
	return deriveRecommendation(a, recommendationBasis{})
}

// ReviewRecommendation reviews a certification audit's recommendation
// against the follow-ups as they are at the given time: it applies
// RecommendationRules to the standing nonconformities and their
// follow-ups and returns what the rules call for now, with the reasons.
// Recommend means the conditions of the agreed recommendation are met
// (every major's correction verified effective, every minor's plan
// accepted); RecommendAfterVerification or RecommendAfterPlans that they
// are not yet; NotRecommend that a major nonconformity's follow-up is not
// closed after its due date, which blocks certification (rule
// AUD-MAJOR-OVERDUE-BLOCKS). It changes nothing: the audit's
// recommendation stays Conclusion.Recommendation, as agreed. For an audit
// that is not a certification audit (and for nil) it returns "" and no
// reasons.
func ReviewRecommendation(a *Audit, at time.Time) (Recommendation, []string) {
	if a == nil || !a.IsCertification() {
		return "", nil
	}
	return deriveRecommendation(a, recommendationBasis{followUps: true, at: at})
}

// deriveRecommendation applies the rules on the given basis.
func deriveRecommendation(a *Audit, b recommendationBasis) (Recommendation, []string) {
	var follow map[FindingID]*FollowUp
	if b.followUps && len(a.FollowUps) > 0 {
		follow = make(map[FindingID]*FollowUp, len(a.FollowUps))
		for i := range a.FollowUps {
			if _, dup := follow[a.FollowUps[i].Finding]; !dup {
				follow[a.FollowUps[i].Finding] = &a.FollowUps[i]
			}
		}
	}
	// Sort the standing nonconformities into the buckets of the first
	// three rules; only the deciding bucket is spelt out as reasons.
	var buckets [3][]int
	ncs := 0
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Kind != Nonconformity || !standingAt(f, b.asOf) {
			continue
		}
		ncs++
		u := follow[f.ID]
		switch {
		case f.Grade == Major && u != nil && u.Overdue(b.at):
			buckets[0] = append(buckets[0], i)
		case f.Grade == Major && (u == nil || u.State != FollowUpClosed):
			buckets[1] = append(buckets[1], i)
		case f.Grade == Minor && (u == nil || u.State == FollowUpPlanning):
			buckets[2] = append(buckets[2], i)
		}
	}
	for k, found := range buckets {
		if len(found) == 0 {
			continue
		}
		if b.noReasons {
			return recommendationTable[k].Then, nil
		}
		reasons := make([]string, len(found))
		for n, i := range found {
			id := a.Findings[i].ID
			switch k {
			case 0:
				reasons[n] = fmt.Sprintf("%s: %s is a major nonconformity whose follow-up was due %s and is not verified effective at %s",
					recommendationTable[k].ID, id, follow[id].DueAt.Format(time.DateOnly), b.at.Format(time.DateOnly))
			case 1:
				reasons[n] = fmt.Sprintf("%s: %s is a major nonconformity whose correction is not verified effective", recommendationTable[k].ID, id)
			case 2:
				reasons[n] = fmt.Sprintf("%s: %s is a minor nonconformity without an accepted corrective action plan", recommendationTable[k].ID, id)
			}
		}
		return recommendationTable[k].Then, reasons
	}
	last := recommendationTable[len(recommendationTable)-1]
	switch {
	case b.noReasons:
		return last.Then, nil
	case ncs == 0:
		return last.Then, []string{last.ID + ": no nonconformity stands"}
	}
	return last.Then, []string{fmt.Sprintf("%s: %d nonconformities stand; every major is verified effective and every minor has an accepted plan", last.ID, ncs)}
}

// recommendationProblem says what is wrong with rec as the recommendation
// of a's conclusions, agreed at time agreed (zero: judged on the findings
// as they stand), or "": a certification audit's conclusions carry the
// recommendation the findings as they stood at agreement call for
// (follow-ups cannot exist yet), any other audit's carry none
// (AUD-RECOMMENDATION-DERIVED).
func recommendationProblem(a *Audit, rec Recommendation, agreed time.Time) string {
	if !a.IsCertification() {
		if rec != "" {
			return fmt.Sprintf("a %s audit is not a certification audit and carries no recommendation", a.Kind)
		}
		return ""
	}
	b := recommendationAtAgreement
	b.asOf = agreed
	want, _ := deriveRecommendation(a, b)
	switch {
	case rec == "":
		return fmt.Sprintf("a certification audit's conclusions carry a recommendation: the findings call for %q", want)
	case rec != want:
		return fmt.Sprintf("the findings as they stood when the conclusions were agreed call for %q, not %q", want, rec)
	}
	return ""
}

// blockableRecommendation reports whether the record is a certification
// audit whose conclusions recommend something an overdue major
// nonconformity blocks (AUD-MAJOR-OVERDUE-BLOCKS): anything but
// NotRecommend. Overdue is judged at v.opts.At, or when that is zero at
// the latest time recorded in the record's histories.
func (v *verifier) blockableRecommendation() bool {
	c := v.a.Conclusion
	return v.a.IsCertification() && c != nil && c.Recommendation != "" && c.Recommendation != NotRecommend
}
