package bad

// Thing has two directives.
//
//ismsaudit:enum Things
//ismsaudit:enum Things ordered
type Thing string

// ThingA is a Thing.
const ThingA Thing = "a"
