package bad

// Thing has a constant that repeats the previous line implicitly.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	ThingB
)
