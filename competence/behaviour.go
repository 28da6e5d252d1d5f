package competence

import (
	"time"
)

// Behaviour is one of the thirteen personal behaviours ISO 19011:2018
// 7.2.2 expects of an auditor.
//
//ismsaudit:enum Behaviours
type Behaviour string

// The behaviours, in the order 19011:7.2.2 lists them. Never reorder.
const (
	Ethical             Behaviour = "ethical"               // 19011:7.2.2 a: fair, truthful, sincere, honest, discreet
	OpenMinded          Behaviour = "open-minded"           // 19011:7.2.2 b: willing to consider alternative ideas
	Diplomatic          Behaviour = "diplomatic"            // 19011:7.2.2 c: tactful in dealing with people
	Observant           Behaviour = "observant"             // 19011:7.2.2 d: aware of surroundings and activities
	Perceptive          Behaviour = "perceptive"            // 19011:7.2.2 e: understands situations
	Versatile           Behaviour = "versatile"             // 19011:7.2.2 f: adjusts to different situations
	Tenacious           Behaviour = "tenacious"             // 19011:7.2.2 g: persistent, focused on objectives
	Decisive            Behaviour = "decisive"              // 19011:7.2.2 h: reaches timely conclusions by reasoning
	SelfReliant         Behaviour = "self-reliant"          // 19011:7.2.2 i: acts independently while interacting well
	ActingWithFortitude Behaviour = "acting-with-fortitude" // 19011:7.2.2 j: acts responsibly even when unpopular
	OpenToImprovement   Behaviour = "open-to-improvement"   // 19011:7.2.2 k: willing to learn from situations
	CulturallySensitive Behaviour = "culturally-sensitive"  // 19011:7.2.2 l: respects the auditee's culture
	Collaborative       Behaviour = "collaborative"         // 19011:7.2.2 m: interacts effectively with others
)

// BehaviourAssessment records whether a personal behaviour of 19011:7.2.2
// was demonstrated, as assessed on a date.
type BehaviourAssessment struct {
	// Behaviour is the behaviour assessed.
	Behaviour Behaviour `json:"behaviour" validate:"enum"`
	// Demonstrated says the behaviour was shown.
	Demonstrated bool `json:"demonstrated"`
	// At is the assessment date.
	At time.Time `json:"at" validate:"required"`
	// By names the assessor.
	By string `json:"by" validate:"required"`
	// Method is the evaluation method used, if recorded.
	Method Method `json:"method,omitempty" validate:"omitempty,enum"`
	// Note explains the assessment.
	Note string `json:"note,omitempty"`
}
