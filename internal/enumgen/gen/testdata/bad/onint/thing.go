package bad

// Thing is not a string type.
//
//ismsaudit:enum Things
type Thing int

// ThingA is a Thing.
const ThingA Thing = 1
