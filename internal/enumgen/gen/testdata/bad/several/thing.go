package bad

// Thing has two problems.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	ThingB Thing = ""
	ThingC Thing = "a"
)

// Empty has none.
//
//ismsaudit:enum Empties
type Empty string
