package bad

// The directive is on the group, not on a type.
//
//ismsaudit:enum Things
type (
	// Thing is a type of the group.
	Thing string
)

// ThingA is a Thing.
const ThingA Thing = "a"
