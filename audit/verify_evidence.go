package audit

// verifyEvidence checks the evidence log.
func (v *verifier) verifyEvidence() {}

// verifySeal checks the seal, when the record has one.
func (v *verifier) verifySeal() {}
