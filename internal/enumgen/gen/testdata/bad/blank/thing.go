package bad

// Thing has a value without a name.
//
//ismsaudit:enum Things
type Thing string

// The Thing values.
const (
	ThingA Thing = "a"
	_      Thing = "b"
)
