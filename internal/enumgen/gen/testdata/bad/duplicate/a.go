package bad

// Thing has a token used twice, in two files.
//
//ismsaudit:enum Things
type Thing string

// ThingA is the first Thing.
const ThingA Thing = "a"
