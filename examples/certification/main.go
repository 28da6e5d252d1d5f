// Command certification plans a three-year ISO/IEC 27001 certification
// cycle for the built-in sample multi-site organisation, Harbourline
// Logistics Group Ltd (a head office and eleven depots), as the sample
// certification body would: the audit time from the head count
// (programme.AuditTime), the sites each audit visits (programme.SampleSites),
// the schedule of the cycle (programme.PlanCycle) and the teams for the
// audits of the coming year from the body's auditor pool
// (programme.PlanStaffing). It prints the plan as text.
//
// Usage:
//
//	go run ./examples/certification
//
// It takes no flags and reads no files; the output is the same on every
// run.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/programme"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("certification", "Plans the sample organisation's three-year certification cycle: audit time, site samples, teams.", stderr)
	if code, goOn := cli.Parse(fs, args); !goOn {
		return code
	}
	out := bufio.NewWriter(stdout)
	err := plan(out)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(stderr, "certification:", err)
		return 1
	}
	return 0
}

// stage1Days is how much of the initial audit time goes to stage 1,
// reviewing the documented ISMS at the head office.
const stage1Days = 3

// seeds make the random part of each site sample reproducible.
const (
	stage2Seed       = 20260316
	surveillanceSeed = 20270120
)

func plan(w io.Writer) error {
	p := printer{w: w}
	p.f("Certification plan: %s\n", sample.Harbourline)
	p.f("Certification body: %s, planned %s\n", sample.CertificationBody, date(sample.Today))

	// Audit time.
	p.heading("Audit time")
	t, err := programme.AuditTime(sample.HarbourlineHeadcount(), nil)
	if err != nil {
		return err
	}
	p.f("Persons in scope: %d, counted as %d.\n", t.Persons, t.Effective)
	p.f("Table band: %d to %d persons, %s auditor days.\n", t.Band.MinPersons, t.Band.MaxPersons, days(t.Band.Days))
	var factors []string
	for _, f := range t.Factors {
		factors = append(factors, fmt.Sprintf("%s %+g%%", f.ID, f.Percent))
	}
	p.f("Adjustments: %s; %+g%% applied.\n", strings.Join(factors, ", "), t.Applied)
	p.f("Initial audit: %s days (stage 1 %s, stage 2 %s); surveillance %s days a year; recertification %s days.\n",
		days(t.Initial), days(stage1Days), days(t.Initial-stage1Days), days(t.Surveillance), days(t.Recertification))
	p.f("On site at least: initial %s, surveillance %s, recertification %s days.\n", days(t.OnSite.Initial), days(t.OnSite.Surveillance), days(t.OnSite.Recertification))
	for _, s := range t.Steps {
		p.f("  %-28s %s\n", s.Rule, s.Detail)
	}

	// Site samples.
	p.heading("Sites")
	sites := sample.HarbourlineSites()
	p.f("%d sites: the central function (%s) and %d depots.\n", len(sites), sites[0].ID, len(sites)-1)
	stage2, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Stage2, Seed: stage2Seed})
	if err != nil {
		return err
	}
	p.sample("Stage 2", stage2)
	// The first surveillance prefers the depots stage 2 did not visit.
	visited := map[programme.SiteID]bool{}
	for _, id := range stage2.IDs() {
		visited[id] = true
	}
	for i := range sites {
		if visited[sites[i].ID] {
			sites[i].Visits, sites[i].LastVisit = 1, sample.Stage2Start
		}
	}
	surv, err := programme.SampleSites(sites, programme.SampleOptions{Kind: annexa.Surveillance, Seed: surveillanceSeed})
	if err != nil {
		return err
	}
	p.sample("First surveillance", surv)

	// Schedule.
	p.heading("Schedule")
	cycle, err := programme.PlanCycle(programme.CycleOptions{
		ID: "HLG", Auditee: sample.Harbourline, Decision: sample.HarbourlineDec,
		Initial: true, Stage1: sample.Stage1Start, Stage2: sample.Stage2Start,
		Days: t.CycleDays(stage1Days),
	})
	if err != nil {
		return err
	}
	for i := range cycle.Audits {
		a := &cycle.Audits[i]
		switch a.Kind {
		case annexa.Stage1:
			a.Start, a.Sites = sample.Stage1Start, []programme.SiteID{"Felixstowe HQ"}
		case annexa.Stage2:
			a.Start, a.Sites = sample.Stage2Start, stage2.IDs()
		}
		if a.ID == "HLG-surveillance-1" {
			a.Sites = surv.IDs()
		}
	}
	p.f("Certification decision %s; the certificate expires %s.\n", date(cycle.Decision), date(cycle.Expiry))
	for _, a := range cycle.Audits {
		when := "due " + date(a.Due.Earliest) + " to " + date(a.Due.Latest)
		if !a.Start.IsZero() {
			when = "starts " + date(a.Start)
		}
		where := "sites chosen nearer the date"
		if len(a.Sites) > 0 {
			where = strings.Join(siteNames(a.Sites), ", ")
		}
		p.f("  %-22s %-24s %-32s %5s days  %s\n", a.ID, kindName(a.Kind), when, days(a.Days), where)
	}
	clients, err := programme.New(programme.NewOptions{ID: "MER-CLIENTS-2026"}, ismsaudit.Meta{At: sample.Today, By: "programme manager"})
	if err != nil {
		return err
	}
	if err := clients.AddCycle(cycle); err != nil {
		return err
	}
	p.f("The cycle keeps every certification rule (checked by Programme.AddCycle).\n")

	// Staffing.
	p.heading("Teams for the coming year")
	pool := sample.CertificationPool()
	var next []programme.ScheduledAudit
	for _, a := range cycle.Audits {
		if first := a.Start; !first.IsZero() && first.Before(sample.Today.AddDate(1, 0, 0)) {
			next = append(next, a)
		}
	}
	staffing, err := programme.PlanStaffing(next, pool, programme.StaffOptions{
		Needs:    sample.HarbourlineStaffNeeds(),
		Requests: []programme.StaffRequest{{Audit: "HLG-stage2", Needs: sample.HarbourlineStage2Needs(), MinAuditors: 2}},
		Limit:    120,
	})
	if err != nil {
		return err
	}
	for _, s := range staffing.Audits {
		p.staffed(pool, s, next)
	}
	p.f("Later audits are staffed at each annual planning review, once the auditors' competence for that year is confirmed.\n")
	return p.err
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

// siteNames returns site ids as text: for printing, and as the units of
// an audit's scope.
func siteNames(ids []programme.SiteID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

func (p *printer) heading(s string) { p.f("\n%s\n%s\n", s, strings.Repeat("-", len(s))) }

func (p *printer) sample(title string, s programme.SiteSample) {
	p.f("%s: the central function, every high-risk depot and %d more of the %d depots (%g × √%d = %.2f, rounded up), %d of them at random.\n",
		title, s.Size, s.Sites, s.Factor, s.Sites, s.Root, s.Random)
	for _, x := range s.Sampled {
		p.f("  %-14s %-10s %-22s %s\n", x.Site, x.Reason, x.Rule, x.Detail)
	}
	p.f("  Not visited: %s\n", strings.Join(siteNames(s.NotSampled), ", "))
}

func (p *printer) staffed(pool *competence.Pool, s programme.StaffedAudit, audits []programme.ScheduledAudit) {
	if s.Team == nil {
		p.f("%s: %s (%s) %s\n", s.Audit, s.Status, s.Rule, s.Detail)
		for _, u := range s.Unmet {
			p.f("  unmet: %s (%s)\n", u.Need, u.Reason)
		}
		return
	}
	p.f("%s: on site %s to %s, %s days charged to each member\n", s.Audit, date(s.First), date(s.Last), days(s.Charge))
	in := map[competence.AuditorID]bool{}
	for _, m := range s.Team.Members {
		in[m.Auditor] = true
		why := "leads the team"
		if len(m.Covers) > 0 {
			needs := make([]string, len(m.Covers))
			for i, n := range m.Covers {
				needs[i] = n.String()
			}
			why = "covers " + strings.Join(needs, ", ")
			if m.Role == competence.RoleTeamLeader {
				why = "leads the team and " + why
			}
		}
		p.f("  %-16s %-17s %s\n", name(pool, m.Auditor), strings.ReplaceAll(string(m.Role), "-", " "), why)
	}
	var sa programme.ScheduledAudit
	for _, a := range audits {
		if a.ID == s.Audit {
			sa = a
		}
	}
	scope := competence.Scope{Auditee: sa.Auditee, Units: siteNames(sa.Sites)}
	for a := range pool.All() {
		if in[a.ID] {
			continue
		}
		why := "not needed: the team meets every need with fewer people"
		if cs := a.Conflicts(scope, s.First, nil); len(cs) > 0 {
			why = "not independent: " + cs[0].Detail
		} else if !a.Expert {
			if st, err := pool.Standing(a.ID, competence.ISMSAuditorSet, s.First); err == nil && !st.Competent {
				kinds := make([]string, len(st.Obstacles))
				for i, o := range st.Obstacles {
					kinds[i] = string(o.Kind)
				}
				why = "not competent as ISMS auditor: " + strings.Join(kinds, ", ")
			}
		}
		p.f("  %-16s %-17s %s\n", a.Name, "(not chosen)", why)
	}
}

func name(pool *competence.Pool, id competence.AuditorID) string {
	if a, ok := pool.Auditor(id); ok {
		return a.Name
	}
	return string(id)
}

func date(t time.Time) string { return t.Format(time.DateOnly) }

func days(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

var kindNames = map[annexa.AuditKind]string{
	annexa.Stage1: "stage 1 audit", annexa.Stage2: "stage 2 audit", annexa.Surveillance: "surveillance audit",
	annexa.Recertification: "recertification audit", annexa.Special: "special audit",
}

func kindName(k annexa.AuditKind) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return string(k)
}
