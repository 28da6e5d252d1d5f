package competencetest_test

import (
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/competence/competencetest"
)

// t stands for the *testing.T a host's test passes; here it prints what a
// helper would report and stops.
var t = printT{}

type printT struct{}

func (printT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (printT) FailNow()                          { panic("test failed") }

// A competent ISMS auditor for risk assessment, in German, on the
// profile's date.
func ExampleAuditor() {
	p := competencetest.Profile{
		Areas:     []competence.KnowledgeArea{competence.RiskAssessment},
		Level:     competence.Expert,
		Languages: []string{"de"},
		At:        time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC),
	}
	a := competencetest.Auditor(t, "omar", p)

	scheme := competence.DefaultScheme()
	for _, set := range []competence.CriteriaSetID{competence.ISMSAuditorSet, competence.ISMSTeamLeaderSet} {
		st, _ := scheme.Standing(&a, set, p.At)
		fmt.Println(set, st.Competent, st.DueAt.Format(time.DateOnly))
	}
	fmt.Println(a.Covers(competence.KnowledgeNeed(competence.RiskAssessment, competence.Expert)), a.Covers(competence.LanguageNeed("de")))
	// Output:
	// isms-auditor true 2029-03-02
	// isms-audit-team-leader false 0001-01-01
	// true true
}

// A team leader for an internal audit, where one set qualifies auditors
// and leaders alike.
func ExampleTeamLeader() {
	lena := competencetest.TeamLeader(t, "lena", competencetest.Profile{
		Set: competence.InternalISMSAuditorSet, LeaderSet: competence.InternalISMSAuditorSet,
	})
	for _, ev := range lena.Evaluations {
		fmt.Println(ev.ID, ev.State)
		for _, h := range ev.History {
			fmt.Println(" ", h.At.Format(time.DateOnly), h.Event, "by", h.By)
		}
	}
	// Output:
	// lena/internal-isms-auditor competent
	//   2026-01-05 start by competencetest
	//   2026-01-05 decide-competent by competencetest
}

// A pool of a leader, an auditor and a technical expert, and the team it
// gives for an audit in German that needs cloud expertise.
func ExamplePool() {
	pool := competencetest.Pool(t, nil,
		competencetest.TeamLeader(t, "lena", competencetest.Profile{Languages: []string{"en"}}),
		competencetest.Auditor(t, "omar", competencetest.Profile{Languages: []string{"de"}}),
		competencetest.Expert("tex", competencetest.Profile{TechnicalAreas: []string{"cloud"}}),
	)
	team, err := pool.SelectTeam(competence.TeamNeeds{
		Scope: competence.Scope{Auditee: "Acme Ltd"},
		At:    time.Date(2026, time.February, 2, 9, 0, 0, 0, time.UTC),
		Needs: []competence.Need{competence.LanguageNeed("de"), competence.TechnicalAreaNeed("cloud")},
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range team.Members {
		fmt.Println(m.Auditor, m.Role, m.Covers)
	}
	// Output:
	// lena team-leader []
	// omar auditor [language de]
	// tex technical-expert [technical-area cloud]
}

// Evaluation runs one evaluation of a record as it is: a record without
// the lead auditor course is found not yet competent.
func ExampleEvaluation() {
	a := competencetest.Auditor(t, "omar", competencetest.Profile{})
	a.Training, a.Evaluations = nil, nil
	set := competence.ISMSAuditor()
	ev := competencetest.Evaluation(t, &a, &set, time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC))
	d, _ := ev.LastDecision()
	fmt.Println(ev.State, d.Actions[0].Criteria)
	// Output:
	// not-yet-competent [lead-auditor-course]
}
