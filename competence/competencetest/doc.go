// Package competencetest gives a host's test suite competent auditors in
// one call: records of package [competence] built and evaluated through
// the package's own operations, so that what a test gets is what a
// host's own calls would leave, and [competence.Scheme.Standing] finds
// the person competent.
//
// # Fixtures
//
// A [Profile] says what the person is to be competent for: the criteria
// sets (the host's scheme or the built-in one), the knowledge areas and
// the level the audit needs, sectors, technical areas and languages, and
// the date. [Auditor] returns a person competent as auditor, [TeamLeader]
// one competent to lead as well, [Expert] a technical expert without
// evaluations, and [Pool] puts them in a [competence.Pool]:
//
//	p := competencetest.Profile{Areas: []competence.KnowledgeArea{competence.RiskAssessment}, Languages: []string{"de"}}
//	pool := competencetest.Pool(t, nil, competencetest.TeamLeader(t, "lena", p), competencetest.Auditor(t, "omar", p))
//
// [Evaluation] runs one evaluation of a given record through the
// lifecycle, for tests of what the record leads to. Every helper fails the
// test at once (FailNow) when the library refuses a step, naming it.
//
// The package is for tests: the library itself never imports it. It does
// not depend on a test framework: any [TestingT] will do, *testing.T,
// *rapid.T or testify's require.TestingT among them.
package competencetest
