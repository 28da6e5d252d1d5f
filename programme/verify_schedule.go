package programme

// verifySchedule checks the schedule and every certification cycle
// against the scheduling rules.
func (v *verifier) verifySchedule() {}
