package competence

// ReferenceSelectTeam is team selection as it was before it became lazy
// (select_reference_test.go), for the tests that hold the current one to
// it.
var ReferenceSelectTeam = (*Pool).referenceSelectTeam
