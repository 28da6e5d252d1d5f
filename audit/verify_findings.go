package audit

// verifyFindings checks the findings.
func (v *verifier) verifyFindings() {}

// verifyConclusion checks the conclusions.
func (v *verifier) verifyConclusion() {}

// verifyFollowUps checks the follow-ups.
func (v *verifier) verifyFollowUps() {}
