package bad

// Thing is a fine enumeration in a directory of two packages.
//
//ismsaudit:enum Things
type Thing string

// ThingA is a Thing.
const ThingA Thing = "a"
