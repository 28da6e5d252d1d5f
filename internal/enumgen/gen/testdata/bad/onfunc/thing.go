package bad

// Things has the directive of a type.
//
//ismsaudit:enum Things
func Things() {}
