package bad

// Thing has an empty token.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	ThingB Thing = ""
)
