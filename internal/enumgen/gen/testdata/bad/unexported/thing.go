package bad

// thing is not exported.
//
//ismsaudit:enum Things
type thing string

const thingA thing = "a"

var _ = thingA
