package bad

// Thing has a token computed by an expression.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	ThingB Thing = "b" + "c"
)
