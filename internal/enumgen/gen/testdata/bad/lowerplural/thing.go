package bad

// Thing has an unexported plural.
//
//ismsaudit:enum things
type Thing string

// ThingA is a Thing.
const ThingA Thing = "a"
