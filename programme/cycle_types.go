package programme

import "time"

// Cycle is one three-year certification cycle of an auditee (ISO/IEC
// 17021-1:2015 9.1.3): the initial audit (stage 1, stage 2) or a
// recertification, then surveillance audits, special audits and the
// recertification before the certificate expires.
//
// [PlanCycle] computes one from the certification decision; [Verify] and
// [Programme.AddCycle] check any cycle against the certification rules
// (the PRG-CERT-*, PRG-SURV-*, PRG-RECERT-*, PRG-INITIAL-*, PRG-STAGE2-*,
// PRG-DECISION-* and PRG-CYCLE-* rules of [Rules]).
type Cycle struct {
	// Auditee is the certified organization.
	Auditee string `json:"auditee"`
	// Decision is the date of the certification decision that starts the
	// cycle; Expiry the date the certificate expires.
	Decision time.Time `json:"decision"`
	Expiry   time.Time `json:"expiry"`
	// Initial marks the cycle that starts with the initial certification:
	// its audits include stage 1 and stage 2, before the decision. A cycle
	// that starts with a recertification decision leaves it false.
	Initial bool `json:"initial,omitempty"`
	// PreviousExpiry is, for a recertification cycle whose decision came
	// before the renewed certificate expired, that certificate's expiry:
	// the new certificate may then run three years from it (ISO/IEC
	// 17021-1:2015 9.6.3). Zero otherwise.
	PreviousExpiry time.Time `json:"previousExpiry,omitzero"`
	// Audits lists the cycle's audits in date order.
	Audits []ScheduledAudit `json:"audits,omitempty"`
}
