package bad

// Thing has no plural.
//
//ismsaudit:enum
type Thing string

// ThingA is a Thing.
const ThingA Thing = "a"
