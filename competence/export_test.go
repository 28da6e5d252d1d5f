package competence

// ReferenceSelectTeam is team selection as it was before it became lazy
// (reference_internal_test.go), for the tests that hold the current one to
// it.
var ReferenceSelectTeam = (*Pool).referenceSelectTeam
