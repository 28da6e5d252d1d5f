package programme

// programmeRules are the rules of the programme itself, its lifecycle and
// its risk register (ISO 19011:2018 clause 5).
var programmeRules = []Rule{
	{"PRG-OBJECTIVES", "ISO 19011:2018 5.2", "an approved programme has objectives, each with a measurable target"},
}
