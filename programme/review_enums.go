package programme

import (
	"iter"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// ReviewInputKind is one kind of input a programme review considers (ISO
// 19011:2018 5.7; the list follows the considerations that clause names).
type ReviewInputKind string

// The ReviewInputKind values. Never reorder.
const (
	InputMonitoring        ReviewInputKind = "monitoring"          // results and trends from monitoring the programme (19011:5.6, 5.7)
	InputConformity        ReviewInputKind = "conformity"          // conformity with the programme's processes and documented information (19011:5.7)
	InputInterestedParty   ReviewInputKind = "interested-parties"  // evolving needs and expectations of interested parties (19011:5.7)
	InputRecords           ReviewInputKind = "records"             // audit programme records (19011:5.7)
	InputMethods           ReviewInputKind = "methods"             // alternative or new methods of auditing (19011:5.7)
	InputAuditorEvaluation ReviewInputKind = "auditor-evaluation"  // alternative or new ways to evaluate auditors (19011:5.7)
	InputRisks             ReviewInputKind = "risks-opportunities" // effectiveness of the actions on risks, opportunities and issues (19011:5.7)
	InputConfidentiality   ReviewInputKind = "confidentiality"     // confidentiality and information security issues of the programme (19011:5.7)
)

var reviewInputKindSet = enum.New("programme", "ReviewInputKind", InputMonitoring, InputConformity, InputInterestedParty, InputRecords, InputMethods, InputAuditorEvaluation, InputRisks, InputConfidentiality)

// ReviewInputKinds yields the ReviewInputKind values in canonical order.
func ReviewInputKinds() iter.Seq[ReviewInputKind] { return reviewInputKindSet.All() }

// ParseReviewInputKind parses a ReviewInputKind token; the error lists the valid ones.
func ParseReviewInputKind(s string) (ReviewInputKind, error) { return reviewInputKindSet.Parse(s) }

// IsValid reports whether v is a known ReviewInputKind.
func (v ReviewInputKind) IsValid() bool { return reviewInputKindSet.Valid(v) }

// String returns the token.
func (v ReviewInputKind) String() string { return string(v) }

// MarshalText implements encoding.TextMarshaler; an invalid value is refused.
func (v ReviewInputKind) MarshalText() ([]byte, error) { return reviewInputKindSet.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (v *ReviewInputKind) UnmarshalText(b []byte) error { return reviewInputKindSet.Unmarshal(b, v) }
