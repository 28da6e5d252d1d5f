package ismsaudit

import (
	"fmt"
	"regexp"
	"strings"
)

// RuleID identifies a process rule, e.g. "AUD-NC-EVIDENCE". The prefix
// names the package that enforces it (AUD audit, PRG programme, CMP
// competence, ANX annexa, RPT report). Ids are stable: hosts store them.
type RuleID string

// String returns the id.
func (id RuleID) String() string { return string(id) }

// Rule is one process rule a package enforces, as data: guards cite it
// when they refuse an event, Verify cites it for every violation, and a
// host lists them (each package's Rules) to show what is checked and why.
type Rule struct {
	// ID is stable and unique across the library.
	ID RuleID `json:"id"`
	// Clause cites where the rule comes from, e.g. "19011:6.4.8" or
	// "19011:5.3; 27007:5.3" (see [Clause]).
	Clause Clause `json:"clause"`
	// Principle is the principle of auditing (ISO 19011:2018 clause 4)
	// the rule serves.
	Principle Principle `json:"principle"`
	// Text states the rule in one line.
	Text string `json:"text"`
	// Basis qualifies the citation when the rule is this project's
	// reading of the clause rather than its letter ("project reading",
	// "project default: the limit is the host's"). Empty when the clause
	// says it.
	Basis string `json:"basis,omitempty"`
}

// String renders "AUD-NC-EVIDENCE (19011:6.4.8): text".
func (r Rule) String() string { return fmt.Sprintf("%s (%s): %s", r.ID, r.Clause, r.Text) }

// Check reports what is wrong with r as a rule of the package whose ids
// start with prefix (e.g. "AUD"): a malformed id, a malformed clause, an
// invalid principle or no text. Packages check their catalogues with it
// when they initialise.
func (r Rule) Check(prefix string) error {
	var problems []string
	if !strings.HasPrefix(string(r.ID), prefix+"-") || !ruleIDPattern.MatchString(string(r.ID)) {
		problems = append(problems, fmt.Sprintf("id %q is not %s-WORD(-WORD)...", r.ID, prefix))
	}
	if !r.Clause.IsValid() {
		problems = append(problems, fmt.Sprintf("clause %q is not DOC:CLAUSE[; DOC:CLAUSE]", r.Clause))
	}
	if !r.Principle.IsValid() {
		problems = append(problems, fmt.Sprintf("principle %q is not a principle of auditing", r.Principle))
	}
	if strings.TrimSpace(r.Text) == "" {
		problems = append(problems, "no text")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: rule %s: %s", ErrInvalid, r.ID, strings.Join(problems, "; "))
	}
	return nil
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z]{3}(-[A-Z0-9]+)+$`)

// Clause cites the clauses a rule comes from in one syntax across the
// library: one or more citations separated by "; ", each DOC:CLAUSES where
// DOC is a document's short name (see [Documents]) and CLAUSES one or more
// clause numbers separated by ", ", each a dotted number, an annex
// reference ("Annex B", "B.1") and an optional item letter ("6.1.3 d").
// Examples: "19011:6.4.8", "27001:9.2.2", "19011:5.3; 27007:5.3",
// "17021-1:9.1.3, 9.6.2.2".
type Clause string

// String returns the citation.
func (c Clause) String() string { return string(c) }

// IsValid reports whether c follows the syntax and names known documents.
func (c Clause) IsValid() bool {
	if c == "" {
		return false
	}
	for part := range strings.SplitSeq(string(c), "; ") {
		doc, clauses, ok := strings.Cut(part, ":")
		if !ok || documentTitle(doc) == "" {
			return false
		}
		for n := range strings.SplitSeq(clauses, ", ") {
			if !clauseNumber.MatchString(n) {
				return false
			}
		}
	}
	return true
}

// Cite spells the citation out with the documents' full names and
// editions: "ISO 19011:2018 6.4.8; ISO/IEC 27007:2020 6.4.8". An invalid
// clause is returned as it is.
func (c Clause) Cite() string {
	if !c.IsValid() {
		return string(c)
	}
	var parts []string
	for part := range strings.SplitSeq(string(c), "; ") {
		doc, clauses, _ := strings.Cut(part, ":")
		parts = append(parts, documentTitle(doc)+" "+clauses)
	}
	return strings.Join(parts, "; ")
}

var clauseNumber = regexp.MustCompile(`^((Annex )?[A-Z]|[0-9]+)(\.[0-9]+)*( [a-z]\)?)?$`)

// Document is a standard or mandatory document the library's rules cite.
type Document struct {
	// Short is the name used in a Clause, e.g. "19011".
	Short string `json:"short"`
	// Title is the full reference with its edition, e.g. "ISO 19011:2018".
	Title string `json:"title"`
}

var documents = []Document{
	{"19011", "ISO 19011:2018"},
	{"27007", "ISO/IEC 27007:2020"},
	{"27001", "ISO/IEC 27001:2022"},
	{"27002", "ISO/IEC 27002:2022"},
	{"27006-1", "ISO/IEC 27006-1:2024"},
	{"27006", "ISO/IEC 27006:2015"},
	{"17021-1", "ISO/IEC 17021-1:2015"},
	{"IAF-MD1", "IAF MD 1:2018"},
	{"IAF-MD5", "IAF MD 5:2019"},
}

// Documents returns the documents a Clause may cite, in a fixed order.
func Documents() []Document { return append([]Document(nil), documents...) }

func documentTitle(short string) string {
	for _, d := range documents {
		if d.Short == short {
			return d.Title
		}
	}
	return ""
}

// Principle is one of the seven principles of auditing of ISO 19011:2018
// clause 4. Every process rule names the principle it serves.
type Principle string

// The Principle values. Never reorder.
const (
	PrincipleIntegrity           Principle = "integrity"               // 19011:4 a, the foundation of professionalism
	PrincipleFairPresentation    Principle = "fair-presentation"       // 19011:4 b, reporting truthfully and accurately
	PrincipleDueProfessionalCare Principle = "due-professional-care"   // 19011:4 c, diligence and judgement
	PrincipleConfidentiality     Principle = "confidentiality"         // 19011:4 d, security of information
	PrincipleIndependence        Principle = "independence"            // 19011:4 e, impartiality and objectivity
	PrincipleEvidenceBased       Principle = "evidence-based-approach" // 19011:4 f, reliable and reproducible conclusions
	PrincipleRiskBased           Principle = "risk-based-approach"     // 19011:4 g, considering risks and opportunities
)

var principles = []Principle{PrincipleIntegrity, PrincipleFairPresentation, PrincipleDueProfessionalCare, PrincipleConfidentiality, PrincipleIndependence, PrincipleEvidenceBased, PrincipleRiskBased}

// Principles returns the seven principles in the order of 19011 clause 4.
func Principles() []Principle { return append([]Principle(nil), principles...) }

// ParsePrinciple parses a Principle token; the error lists the valid ones.
func ParsePrinciple(s string) (Principle, error) {
	if p := Principle(s); p.IsValid() {
		return p, nil
	}
	valid := make([]string, len(principles))
	for i, p := range principles {
		valid[i] = string(p)
	}
	return "", &ParseError{Pkg: "ismsaudit", Type: "Principle", Input: s, Valid: valid}
}

// IsValid reports whether p is one of the seven principles.
func (p Principle) IsValid() bool {
	for _, v := range principles {
		if v == p {
			return true
		}
	}
	return false
}

// String returns the token.
func (p Principle) String() string { return string(p) }

// MarshalText implements encoding.TextMarshaler; an unknown value is refused.
func (p Principle) MarshalText() ([]byte, error) {
	if p != "" && !p.IsValid() {
		_, err := ParsePrinciple(string(p))
		return nil, err
	}
	return []byte(p), nil
}

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (p *Principle) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = ""
		return nil
	}
	v, err := ParsePrinciple(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
