package programme

import "time"

// Cycle is one three-year certification cycle of an auditee (ISO/IEC
// 17021-1:2015 9.1.3): the initial audit (stage 1, stage 2) or a
// recertification, then surveillance audits, special audits and the
// recertification before the certificate expires.
type Cycle struct {
	// Auditee is the certified organization.
	Auditee string `json:"auditee"`
	// Decision is the date of the certification decision that starts the
	// cycle; Expiry the date the certificate expires.
	Decision time.Time `json:"decision"`
	Expiry   time.Time `json:"expiry"`
	// Audits lists the cycle's audits in date order.
	Audits []ScheduledAudit `json:"audits,omitempty"`
}
