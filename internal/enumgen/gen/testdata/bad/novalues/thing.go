package bad

// Thing has a directive but no constants.
//
//ismsaudit:enum Things
type Thing string
