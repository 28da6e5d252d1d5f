package bad

// Thing has a constant typed by a conversion.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	ThingB       = Thing("b")
)
