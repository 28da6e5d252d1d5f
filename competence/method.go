package competence

import (
	"math/bits"
	"time"
)

// Method is one of the six auditor evaluation methods of the table in ISO
// 19011:2018 7.4. An evaluation should use two or more of them.
//
//ismsaudit:enum Methods
type Method string

// The methods, in the order of the 19011:7.4 table. Never reorder.
const (
	// ReviewOfRecords verifies the auditor's background: records of
	// education, training, employment, credentials and audit experience
	// (19011:7.4).
	ReviewOfRecords Method = "review-of-records"
	// Feedback shows how the auditor's performance is perceived: surveys,
	// references, complaints, peer review (19011:7.4).
	Feedback Method = "feedback"
	// Interview evaluates behaviour and communication, verifies
	// information and tests knowledge (19011:7.4).
	Interview Method = "interview"
	// Observation evaluates behaviour and the ability to apply knowledge
	// and skills: role play, witnessed audits, on-the-job performance
	// (19011:7.4).
	Observation Method = "observation"
	// Testing evaluates behaviour, knowledge and skills and their
	// application: oral and written exams, psychometric tests (19011:7.4).
	Testing Method = "testing"
	// PostAuditReview gives information on performance during audit
	// activities: review of the report, interviews with the team leader
	// and team, feedback from the auditee (19011:7.4).
	PostAuditReview Method = "post-audit-review"
)

// Objective says, in this project's words, what the method evaluates
// according to the 19011:7.4 table; empty for an invalid method.
func (m Method) Objective() string {
	switch m {
	case ReviewOfRecords:
		return "verify the auditor's background"
	case Feedback:
		return "show how the auditor's performance is perceived"
	case Interview:
		return "evaluate behaviour and communication, verify information and test knowledge"
	case Observation:
		return "evaluate behaviour and the ability to apply knowledge and skills"
	case Testing:
		return "evaluate behaviour, knowledge and skills and their application"
	case PostAuditReview:
		return "give information on performance during audit activities"
	}
	return ""
}

// Suits reports whether the method, by its objective in the 19011:7.4
// table, can inform a criterion of kind k: review of records informs the
// quantitative and record-based kinds; feedback, observation and
// post-audit review inform behaviour and knowledge; interview and testing
// inform behaviour and knowledge, and interview also verifies records. A
// criterion may override this with its own Methods list.
func (m Method) Suits(k CriterionKind) bool {
	qualitative := k.IsQualitative()
	quantitative := false
	switch k {
	case WorkYears, SecurityWorkYears, TrainingHours, CourseCompleted, AuditCount, AuditDays, GuidedLeadAudits, QualificationHeld:
		quantitative = true
	}
	switch m {
	case ReviewOfRecords:
		return quantitative
	case Interview:
		return qualitative || quantitative
	case Feedback, Observation, Testing, PostAuditReview:
		return qualitative
	}
	return false
}

// MethodResult is the outcome of applying one evaluation method (ISO
// 19011:2018 7.4) to an auditor: who applied it, when, and a finding for
// each criterion it informs.
type MethodResult struct {
	// Method is the evaluation method applied.
	Method Method `json:"method" validate:"enum"`
	// At is when it was applied.
	At time.Time `json:"at" validate:"required"`
	// By names the evaluator.
	By string `json:"by" validate:"required"`
	// Round is the evaluation round the result belongs to; set by
	// [Evaluation.Record], 0 for a result used outside an evaluation.
	Round int `json:"round,omitempty" validate:"gte=0"`
	// Summary describes what was done, e.g. "witnessed stage 2 audit".
	Summary string `json:"summary,omitempty"`
	// Findings gives, per criterion informed, whether the method found it met.
	Findings []Finding `json:"findings" validate:"required,min=1,dive"`
}

// Finding is what one method found about one criterion.
type Finding struct {
	// Criterion is the criterion informed.
	Criterion CriterionID `json:"criterion" validate:"required"`
	// Met says whether the method found the criterion met.
	Met bool `json:"met"`
	// Note explains, e.g. what was observed.
	Note string `json:"note,omitempty"`
}

// methodList is the methods in 19011:7.4 order; never modified.
var methodList = methodSet.Values()

// methodMask is a set of methods, bit i for the method at index i.
type methodMask uint8

// Masks of the methods whose 19011:7.4 objective suits each group of
// criterion kinds (see Method.Suits).
const (
	suitsQualitative  methodMask = 1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5 // all but review of records
	suitsQuantitative methodMask = 1<<0 | 1<<2                      // review of records, interview
)

// acceptMask returns the methods the criterion accepts.
func (c *Criterion) acceptMask() methodMask {
	if len(c.Methods) > 0 {
		var m methodMask
		for _, x := range c.Methods {
			if i := methodSet.Index(x); i >= 0 {
				m |= 1 << i
			}
		}
		return m
	}
	switch c.Kind {
	case BehaviourCriterion, KnowledgeCriterion:
		return suitsQualitative
	case WorkYears, SecurityWorkYears, TrainingHours, CourseCompleted, AuditCount, AuditDays, GuidedLeadAudits, QualificationHeld:
		return suitsQuantitative
	}
	return 0
}

// computedMask marks a method mask as computed; no method uses the bit.
const computedMask methodMask = 1 << 7

// maskText holds, for every method mask, its methods joined by ", ";
// built once, never modified.
var maskText = func() (out [1 << 6]string) {
	for m := range out {
		var b []byte
		for i, v := range methodList {
			if m&(1<<i) != 0 {
				if len(b) > 0 {
					b = append(b, ", "...)
				}
				b = append(b, v...)
			}
		}
		out[m] = string(b)
	}
	return out
}()

func (m methodMask) count() int { return bits.OnesCount8(uint8(m)) }

// appendMethods appends the methods of m in 19011:7.4 order.
func (m methodMask) appendMethods(dst []Method) []Method {
	for i, v := range methodList {
		if m&(1<<i) != 0 {
			dst = append(dst, v)
		}
	}
	return dst
}

func (m methodMask) methods() []Method {
	if m == 0 {
		return nil
	}
	return m.appendMethods(make([]Method, 0, m.count()))
}
