package annexa

import "iter"

// AuditKind is the kind of audit a checklist is built for; it decides which
// clauses and controls the checklist covers (see NewChecklist).
//
//ismsaudit:enum AuditKinds
type AuditKind string

// The audit kinds. Never reorder.
const (
	// Stage1 is the first stage of an initial certification audit: a review
	// of the documented ISMS and readiness (ISO/IEC 17021-1:2015 9.3.1.2).
	Stage1 AuditKind = "stage1"
	// Stage2 evaluates implementation and effectiveness of the whole ISMS
	// (ISO/IEC 17021-1:2015 9.3.1.3).
	Stage2 AuditKind = "stage2"
	// Surveillance is a periodic certification audit covering the essentials
	// and a part of the controls (ISO/IEC 17021-1:2015 9.6.2).
	Surveillance AuditKind = "surveillance"
	// Recertification re-evaluates the whole ISMS before the certificate
	// expires (ISO/IEC 17021-1:2015 9.6.3).
	Recertification AuditKind = "recertification"
	// Internal is a first-party audit by the organization itself (ISO/IEC
	// 27001:2022 9.2).
	Internal AuditKind = "internal"
	// SecondParty is an audit by a customer or another interested party,
	// e.g. of a supplier (ISO 19011:2018 clause 3.1, note).
	SecondParty AuditKind = "second-party"
	// Special is a short-notice or extension audit on a given subject, such
	// as after a serious incident (ISO/IEC 17021-1:2015 9.6.4).
	Special AuditKind = "special"
)

// coversAll reports whether a checklist of kind k takes every requirement
// and every applicable control when no subset is given.
func (k AuditKind) coversAll() bool {
	return k == Stage2 || k == Internal || k == Recertification || k == SecondParty
}

// surveillanceEssentials are the requirements every surveillance checklist
// covers whatever subset is chosen: ISO/IEC 17021-1:2015 9.6.2.2 asks each
// surveillance to look at internal audits and management review, action on
// nonconformities, effectiveness against objectives, progress of continual
// improvement, operational control and changes; for an ISMS that means risk
// assessment and treatment kept up to date as well (ISO/IEC 27006). The
// list is this project's reading of those points in 27001:2022 terms.
var surveillanceEssentials = [...]ClauseID{
	"6.1.2", "6.1.3", "6.2", "6.3", "8.1", "8.2", "8.3", "9.1",
	"9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2",
}

// SurveillanceEssentials yields the requirements every surveillance
// checklist covers, in the standard's order.
func SurveillanceEssentials() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for _, id := range surveillanceEssentials {
			if !yield(MustClause(string(id))) {
				return
			}
		}
	}
}
