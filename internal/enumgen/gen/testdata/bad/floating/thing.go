package bad

//ismsaudit:enum Things

// Thing is below a free-floating directive.
type Thing string
