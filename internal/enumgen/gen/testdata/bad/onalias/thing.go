package bad

// Thing is an alias, not a defined type.
//
//ismsaudit:enum Things
type Thing = string
