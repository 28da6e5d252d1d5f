package bad

// Thing has an unknown option.
//
//ismsaudit:enum Things sorted
type Thing string

// ThingA is a Thing.
const ThingA Thing = "a"
