// Command evaluation evaluates the built-in sample auditor pool of a
// certification body against the built-in competence criteria (ISO
// 19011:2018 clause 7) and selects a team for an audit. For each person it
// runs the evaluation lifecycle (start, record the results of the
// evaluation methods, assess, decide) and prints the decision with the
// result of every criterion in brief; then the standing of each person on
// the audit's first day, and the team chosen with why each member is on it
// and why the others are not.
//
// Usage:
//
//	go run ./examples/evaluation
//
// It takes no flags and reads no files; the output is the same on every
// run.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("evaluation", "Evaluates the sample certification body's auditors against the built-in criteria and selects a team.", stderr)
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	out := bufio.NewWriter(stdout)
	err := evaluate(out)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "evaluation:", err)
		return 1
	}
	return 0
}

func evaluate(w io.Writer) error {
	p := printer{w: w}
	scheme := competence.DefaultScheme()
	auditorSet, _ := scheme.Set(competence.ISMSAuditorSet)
	leaderSet, _ := scheme.Set(competence.ISMSTeamLeaderSet)
	p.f("Competence evaluation: %s, %s\n", sample.CertificationBody, date(sample.EvaluationDay))
	p.f("Criteria: %s (%d criteria) and %s (%d more, on top of it), built-in defaults.\n",
		auditorSet.Title, len(auditorSet.Criteria), leaderSet.Title, len(leaderSet.Criteria))
	p.f("Methods: review of records, interview, observation of a witnessed audit; %s decides.\n", sample.Panel)

	people := sample.CBAuditors()
	for i := range people {
		a := &people[i]
		p.f("\n%s (%s)", a.Name, a.ID)
		if a.Expert {
			p.f(": technical expert; not evaluated as an auditor, may meet knowledge needs on a team.\n")
			continue
		}
		p.f("\n")
		sets := []*competence.CriteriaSet{auditorSet}
		if a.ID == "MER-01" {
			sets = append(sets, leaderSet)
		}
		for _, set := range sets {
			ev, err := runEvaluation(a, set)
			if err != nil {
				return err
			}
			p.decision(&ev, set)
			a.Evaluations = append(a.Evaluations, ev)
		}
	}

	pool, err := competence.NewPool(people, &scheme)
	if err != nil {
		return err
	}
	at := sample.Stage2Start
	p.heading("Standing on " + date(at) + ", the first day of the audit")
	for a := range pool.All() {
		if a.Expert {
			continue
		}
		set := competence.ISMSAuditorSet
		if a.ID == "MER-01" {
			set = competence.ISMSTeamLeaderSet
		}
		st, err := pool.Standing(a.ID, set, at)
		if err != nil {
			return err
		}
		p.f("  %-16s %-24s %s\n", a.Name, set, standing(st))
	}
	later := sample.EvaluationDay.AddDate(3, 1, 0)
	st, err := pool.Standing("MER-01", competence.ISMSTeamLeaderSet, later)
	if err != nil {
		return err
	}
	kinds := make([]string, len(st.Obstacles))
	for i, o := range st.Obstacles {
		kinds[i] = string(o.Kind)
	}
	p.f("  Without a new evaluation, on %s Marta Nowak would no longer be: %s.\n", date(later), strings.Join(kinds, ", "))

	p.heading("Team for the stage 2 audit of " + sample.Harbourline)
	needs := competence.TeamNeeds{
		Scope: competence.Scope{Auditee: sample.Harbourline},
		At:    at, Until: at.AddDate(0, 0, 4),
		Needs:       append(sample.HarbourlineStaffNeeds(), sample.HarbourlineStage2Needs()...),
		MinAuditors: 2,
	}
	names := make([]string, len(needs.Needs))
	for i, n := range needs.Needs {
		names[i] = n.String()
	}
	p.f("Needs: %s; a team leader; at least %d auditors; everyone independent of %s.\n", strings.Join(names, ", "), needs.MinAuditors, sample.Harbourline)
	opts := &competence.SelectOptions{Workload: map[competence.AuditorID]float64{"MER-01": 42, "MER-02": 30, "MER-03": 12, "MER-04": 18}}
	team, err := pool.SelectTeam(needs, opts)
	if err != nil {
		return err
	}
	p.f("Chosen (%s search, %d members, the fewest possible: %d):\n", team.Method, len(team.Members), team.LowerBound)
	in := map[competence.AuditorID]bool{}
	for _, m := range team.Members {
		in[m.Auditor] = true
		a, _ := pool.Auditor(m.Auditor)
		var covers []string
		for _, n := range m.Covers {
			covers = append(covers, n.String())
		}
		why := "covers " + strings.Join(covers, ", ")
		switch {
		case m.Role == competence.RoleTeamLeader && len(covers) == 0:
			why = "the only competent team leader"
		case m.Role == competence.RoleTeamLeader:
			why = "the only competent team leader; " + why
		}
		p.f("  %-16s %-17s %s (workload %g days)\n", a.Name, strings.ReplaceAll(string(m.Role), "-", " "), why, m.Workload)
	}
	p.f("Not chosen:\n")
	for a := range pool.All() {
		if in[a.ID] {
			continue
		}
		why := "not needed: the chosen members meet every need, and among equal teams the lower workload wins"
		if cs := a.Conflicts(needs.Scope, at, nil); len(cs) > 0 {
			why = "not independent: " + cs[0].Detail
		} else if st, err := pool.Standing(a.ID, competence.ISMSAuditorSet, at); err == nil && !st.Competent && !a.Expert {
			why = "not competent as ISMS auditor: " + standing(st)
		}
		p.f("  %-16s %s\n", a.Name, why)
	}
	if err := pool.CheckTeam(team, needs, opts); err != nil {
		return err
	}
	p.f("The team passes every team rule (Pool.CheckTeam).\n")

	// A need nobody meets: the error says which and why.
	needs.Needs = append(needs.Needs, competence.LanguageNeed("fr"))
	_, err = pool.SelectTeam(needs, opts)
	var nt *competence.NoTeamError
	if !errors.As(err, &nt) {
		return fmt.Errorf("expected no team for a French-speaking audit, got %v", err)
	}
	p.f("Were the audit held in French, no team would exist:\n")
	for _, u := range nt.Unmet {
		p.f("  %s: %s (%s)\n", u.Need, u.Reason, u.Rule)
	}
	return p.err
}

// runEvaluation runs one evaluation through its lifecycle: start, record
// the method results, assess, decide.
func runEvaluation(a *competence.Auditor, set *competence.CriteriaSet) (competence.Evaluation, error) {
	ev, err := competence.NewEvaluation(competence.EvaluationID(string(a.ID)+"/"+string(set.ID)), a.ID, set.ID)
	if err != nil {
		return ev, err
	}
	if err := ev.Fire(competence.Start, ismsaudit.Meta{At: sample.EvaluationDay, By: sample.Evaluator}); err != nil {
		return ev, err
	}
	for _, r := range sample.EvaluationResults(a, set) {
		if err := ev.Record(r); err != nil {
			return ev, err
		}
	}
	as, err := ev.Assess(a, set, sample.EvaluationDay)
	if err != nil {
		return ev, err
	}
	d := competence.Decision{Assessment: as, Actions: sample.DevelopmentActions(as)}
	return ev, ev.Decide(d, ismsaudit.Meta{At: sample.EvaluationDay, By: sample.Panel})
}

// printer writes formatted text and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) heading(s string) { p.f("\n%s\n%s\n", s, strings.Repeat("-", len(s))) }

// decision prints the decision of an evaluation against set and the
// result of every criterion, the behaviours and the knowledge areas
// counted together when all are met.
func (p *printer) decision(ev *competence.Evaluation, set *competence.CriteriaSet) {
	d, _ := ev.LastDecision()
	as := d.Assessment
	verdict := "not yet competent"
	if as.Competent {
		verdict = "competent, re-evaluation due " + date(ev.DueAt())
	}
	p.f("  %s: %s (%s; methods %s)\n", set.Title, verdict, ev.State, methods(as.Methods))
	groups := []struct {
		kind competence.CriterionKind
		name string
	}{{competence.BehaviourCriterion, "behaviours"}, {competence.KnowledgeCriterion, "knowledge areas"}}
	grouped := map[competence.CriterionKind]bool{}
	for _, g := range groups {
		n, met := 0, 0
		for _, r := range as.Results {
			if r.Kind == g.kind {
				n++
				if r.Met {
					met++
				}
			}
		}
		if n == 0 {
			continue
		}
		grouped[g.kind] = true
		p.f("    %-7s %d of %d %s\n", mark(met == n), met, n, g.name)
	}
	for _, r := range as.Results {
		if grouped[r.Kind] && r.Met {
			continue
		}
		p.f("    %-7s %s: %s\n", mark(r.Met), r.Criterion, brief(r.Why))
	}
	for _, a := range d.Actions {
		ids := make([]string, len(a.Criteria))
		for i, c := range a.Criteria {
			ids[i] = string(c)
		}
		p.f("    action  %s (%s; by %s)\n", a.Action, strings.Join(ids, ", "), date(a.Due))
	}
	if !as.Competent {
		p.f("    next    %v\n", ev.Permitted())
	}
}

func mark(met bool) string {
	if met {
		return "met"
	}
	return "NOT MET"
}

// brief keeps the first clause of an explanation: what the record shows
// against what the criterion asks.
func brief(why string) string {
	s, _, _ := strings.Cut(why, "; ")
	return s
}

func methods(ms []competence.Method) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}

func standing(st competence.Standing) string {
	if st.Competent {
		return "competent until " + date(st.DueAt)
	}
	s := make([]string, len(st.Obstacles))
	for i, o := range st.Obstacles {
		s[i] = string(o.Kind)
		if o.Detail != "" {
			s[i] += " (" + o.Detail + ")"
		}
	}
	return strings.Join(s, "; ")
}

func date(t time.Time) string { return t.Format(time.DateOnly) }
