// Package audittest helps a host's test suite assert that the audit records
// it keeps follow the process rules of package [audit], built on
// github.com/stretchr/testify.
//
// # Assertions
//
// [Conforms] and [RequireConforms] run [audit.Verify] on a record and, when
// it does not conform, fail with every violation listed: path, rule id,
// clause, principle, statement and detail. [Violates] asserts that Verify
// reports a named rule (at a path), for tests of what a host flags.
// [RefusedBy] asserts that an operation's error is a refusal under a named
// rule, whether the guard of a lifecycle refused it (a *ismsaudit.TransitionError)
// or its input broke the rule (a *ismsaudit.ValidationError). [Permitted] and
// [Refused] assert what the audit lifecycle allows in the state a record is
// in, and under which rule it refuses, without changing the record. Like
// testify's assert functions they report through any assert.TestingT and
// return whether they passed.
//
// # Fixtures
//
// [Builder] builds records through the real operations of package audit,
// stopping in any state of the audit lifecycle: what it returns is what a
// host's own calls would leave, and it conforms.
//
//	a := audittest.NewBuilder(t, &audittest.Options{
//		Kind:     annexa.Stage2,
//		Findings: &audittest.Findings{Major: 1, Minor: 2},
//		Through:  audit.StateClosing,
//	}).Build()
//
// The package is for tests: the library itself never imports it.
package audittest
