package report

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// WriteAuditReport renders report r to w: Markdown, HTML (one
// self-contained printable page), JSON (the model itself, which
// DecodeAuditReport reads back) or CSV (the findings register, one row per
// finding, with AuditFindingsCSVHeader). A draft is marked as a draft in
// every format, with its violations wherever the format has room for them
// (see AuditReport.Draft and DraftCSVColumn). Markdown and HTML end with
// the record's seal (AuditSeal): its algorithm, last head, who sealed it
// and when, its signers, and on a recipient's copy the parts proven and
// withheld, or that the record is not sealed; JSON carries it as the
// model does, and WriteAuditSeal writes it as CSV. The report is checked first:
// an incomplete or invalid one is refused with the
// *ismsaudit.ValidationError of Check and nothing is written. Output is
// deterministic byte for byte; the first write error is returned.
func WriteAuditReport(w io.Writer, r *AuditReport, f Format) error {
	if !f.IsValid() {
		return unsupportedFormat(f, Markdown, HTML, JSON, CSV)
	}
	evidence, err := r.check()
	if err != nil {
		return err
	}
	switch f {
	case Markdown:
		m := &mdDoc{o: newObuf(w)}
		layoutAuditReport(m, r, evidence)
		return m.o.flush()
	case HTML:
		h := &htmlDoc{o: newObuf(w)}
		if r.Draft {
			h.style = draftStyle
		}
		layoutAuditReport(h, r, evidence)
		return h.o.flush()
	case JSON:
		return writeJSON(w, r)
	}
	return findingsCSV(w, r)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

var fulfilmentStatements = map[audit.Fulfilment]string{
	audit.Fulfilled:          "The audit criteria are fulfilled.",
	audit.LargelyFulfilled:   "The audit criteria are largely fulfilled: they are met apart from minor nonconformities.",
	audit.PartiallyFulfilled: "The audit criteria are partially fulfilled: major nonconformities were found, or areas do not meet them.",
	audit.NotFulfilled:       "The audit criteria are not fulfilled: they are broadly not met.",
}

var recommendationLabels = map[audit.Recommendation]string{
	audit.Recommend:                  "certification is recommended",
	audit.RecommendAfterPlans:        "certification is recommended once the corrective action plans for the minor nonconformities are accepted",
	audit.RecommendAfterVerification: "certification is recommended only once correction of the major nonconformities is verified",
	audit.NotRecommend:               "certification is not recommended",
}

// findingKindLabel names a finding kind as a heading does.
func findingKindLabel(k audit.FindingKind) string {
	switch k {
	case audit.Conformity:
		return "Conformity"
	case audit.Nonconformity:
		return "Nonconformity"
	case audit.Observation:
		return "Observation"
	case audit.OpportunityForImprovement:
		return "Opportunity for improvement"
	case audit.GoodPractice:
		return "Good practice"
	}
	return string(k)
}

// findingKindWords names a finding kind in lower case, as
// strings.ToLower(findingKindLabel(k)) does.
func findingKindWords(k audit.FindingKind) string {
	switch k {
	case audit.Conformity:
		return "conformity"
	case audit.Nonconformity:
		return "nonconformity"
	case audit.Observation:
		return "observation"
	case audit.OpportunityForImprovement:
		return "opportunity for improvement"
	case audit.GoodPractice:
		return "good practice"
	}
	return strings.ToLower(string(k))
}

// findingHeading writes "F-3 · Nonconformity (major)", the heading of a
// finding, anchored at anchor("f", id).
func findingHeading(d doc, f *AuditFinding) {
	d.openHeading(3, "f", string(f.ID))
	d.text(string(f.ID))
	d.lit(" · ")
	d.text(findingKindLabel(f.Kind))
	if f.Grade != "" {
		d.lit(" (")
		d.text(string(f.Grade))
		d.lit(")")
	}
	d.closeHeading(3)
}

// criterionText names a criterion: its label, then its title when it
// has one that says more (see criterionTitle).
func criterionText(c AuditCriterion) string {
	sep, title := criterionTitle(c)
	return c.Label + sep + title
}

// auditLayout holds the indexes the audit report layout uses.
//
// The evidence items and findings make up most of a large report, and
// most of the calls writing them are plain text, constants and times:
// the layout writes those straight into the document's buffer o, with
// the document's own escaping (text, lit, time), and leaves the rest
// to d.
type auditLayout struct {
	d        doc
	o        *obuf // d's buffer
	html     bool  // d escapes for HTML, not Markdown
	r        *AuditReport
	evidence map[ismsaudit.EvidenceID]int // id -> position in r.Evidence
	actions  map[audit.FindingID]*AuditAction
	cited    []bool // by evidence position: cited by a finding
	placed   []bool // by evidence position: already shown in full
	citedAt  []int  // the positions of the items the findings cite, finding after finding

	// The time last formatted: items collected together share their
	// time, so each is formatted once.
	lastTime []byte
	lastSec  int64
	lastLoc  *time.Location
}

// time writes t in the report's time layout. The text depends only on
// the second t falls in and its location, so a repeat of the last time
// formatted is copied.
func (l *auditLayout) time(t time.Time) {
	sec, loc := t.Unix(), t.Location()
	if l.lastTime == nil || sec != l.lastSec || loc != l.lastLoc {
		l.lastTime = appendTime(l.lastTime[:0], t)
		l.lastSec, l.lastLoc = sec, loc
	}
	l.o.b = append(l.o.b, l.lastTime...)
}

// text writes s escaped as d.text does.
func (l *auditLayout) text(s string) {
	if l.html {
		l.o.htmlEscape(s)
	} else {
		l.o.mdEscape(s)
	}
}

// lit writes s as d.lit does.
func (l *auditLayout) lit(s string) { l.o.b = append(l.o.b, s...) }

// date writes t in the report's date layout, as fmtDate returns it.
func (l *auditLayout) date(t time.Time) {
	if t.IsZero() {
		return
	}
	l.o.b = t.AppendFormat(l.o.b, dateLayout)
}

// words writes a kebab-case token as words, as words() returns it.
func (l *auditLayout) words(token string) {
	for {
		i := strings.IndexByte(token, '-')
		if i < 0 {
			l.text(token)
			return
		}
		l.text(token[:i])
		l.lit(" ")
		token = token[i+1:]
	}
}

// layoutAuditReport writes a checked report to d, section by section in
// the order of 19011 6.5.1; evidence gives the position of each evidence
// item by id, as the check found it.
func layoutAuditReport(d doc, r *AuditReport, evidence map[ismsaudit.EvidenceID]int) {
	l := auditLayout{d: d, r: r,
		evidence: evidence,
		cited:    make([]bool, len(r.Evidence)),
		placed:   make([]bool, len(r.Evidence)),
		lastTime: make([]byte, 0, 32),
	}
	l.o, l.html = d.buffer()
	if r.FollowUp != nil {
		l.actions = make(map[audit.FindingID]*AuditAction, len(r.FollowUp.Actions))
		for i := range r.FollowUp.Actions {
			l.actions[r.FollowUp.Actions[i].Finding] = &r.FollowUp.Actions[i]
		}
	}
	n := 0
	for i := range r.Findings {
		n += len(r.Findings[i].Evidence)
	}
	l.citedAt = make([]int, 0, n)
	for i := range r.Findings {
		for _, id := range r.Findings[i].Evidence {
			at := l.evidence[id]
			l.cited[at] = true
			l.citedAt = append(l.citedAt, at)
		}
	}
	title := draftTitle(r.Title, r.Draft)
	d.begin(title)
	d.heading(1, "top", title)
	if r.Draft {
		draftNotice(d, "the audit record it was built from does not verify", RuleRecordVerifies, r.Violations, "")
	}
	l.summary()
	l.objectivesAndScope()
	l.team()
	l.datesAndCriteria()
	l.findings()
	l.conclusions()
	l.diverging()
	l.sampling()
	l.plan()
	l.obstacles()
	l.goodPractices()
	l.risks()
	l.followUp()
	l.otherEvidence()
	l.closingSections()
	l.sealSection()
	d.end()
}

func (l *auditLayout) summary() {
	d, r := l.d, l.r
	if c := r.Copy; c != nil {
		d.open(blockNote)
		d.strong("Copy for " + c.Recipient.Name)
		s := ""
		if c.Recipient.Organization != "" {
			s += " (" + c.Recipient.Organization + ")"
		}
		s += ", cleared for " + string(c.Recipient.Clearance) + " material"
		if c.Withheld > 0 {
			s += "; " + plural(c.Withheld, "evidence item above that clearance is", "evidence items above that clearance are") + " shown by reference only"
		}
		d.text(s + ".")
		d.close(blockNote)
	}
	d.open(blockList)
	item(d, "Audit:", string(r.Audit)+" ("+lowerFirst(kindTitles[r.Kind])+")")
	item(d, "Audit client:", r.Client)
	item(d, "Auditee:", r.Auditee)
	item(d, "Audit programme:", string(r.Programme))
	item(d, "Follows up audit:", string(r.Baseline))
	if r.Issue != nil {
		s := "version " + strconv.Itoa(r.Issue.Version) + ", issued " + fmtTime(r.Issue.IssuedAt)
		if r.Issue.IssuedBy != "" {
			s += " by " + r.Issue.IssuedBy
		}
		item(d, "Report:", s)
	} else {
		item(d, "Report:", "draft, not yet issued")
	}
	item(d, "Audit status:", words(r.State))
	item(d, "As of:", fmtTime(r.AsOf))
	d.close(blockList)
}

func (l *auditLayout) objectivesAndScope() {
	d, r := l.d, l.r
	d.heading(2, "objectives", "Audit objectives")
	list(d, r.Objectives)

	d.heading(2, "scope", "Audit scope")
	if r.Scope.ISMS != "" {
		d.open(blockPara)
		d.strong("ISMS scope:")
		d.text(" " + r.Scope.ISMS)
		d.close(blockPara)
	}
	d.open(blockList)
	item(d, "Organization audited:", r.Auditee)
	item(d, "Units:", strings.Join(r.Scope.Units, "; "))
	item(d, "Processes:", strings.Join(r.Scope.Processes, "; "))
	item(d, "Locations:", strings.Join(r.Scope.Locations, "; "))
	if !r.Scope.From.IsZero() || !r.Scope.To.IsZero() {
		item(d, "Period examined:", strings.TrimSpace(fmtDate(r.Scope.From)+" to "+fmtDate(r.Scope.To)))
	}
	d.close(blockList)
}

func (l *auditLayout) team() {
	d, r := l.d, l.r
	d.heading(2, "team", "Audit client, team and participants")
	d.open(blockPara)
	d.strong("Audit client:")
	d.text(" " + r.Client)
	d.close(blockPara)
	d.table("Name", "Role", "Auditor id", "Organization")
	for _, m := range r.Team {
		d.open(blockRow)
		tcell(d, m.Name)
		tcell(d, words(m.Role))
		tcell(d, string(m.Auditor))
		tcell(d, m.Organization)
		d.close(blockRow)
	}
	d.endTable()
	d.open(blockPara)
	d.strong("Auditee participants")
	d.close(blockPara)
	d.table("Name", "Organization", "Role", "Meetings")
	for _, p := range r.Participants {
		d.open(blockRow)
		tcell(d, p.Name)
		tcell(d, p.Organization)
		tcell(d, p.Role)
		tcell(d, strings.Join(p.Meetings, ", "))
		d.close(blockRow)
	}
	d.endTable()
}

func (l *auditLayout) datesAndCriteria() {
	d, r := l.d, l.r
	d.heading(2, "dates", "Dates and locations")
	para(d, "Audit activities took place from "+fmtTime(r.Start)+" to "+fmtTime(r.End)+" at:")
	list(d, r.Locations)

	d.heading(2, "criteria", "Audit criteria")
	d.table("Criterion", "Title")
	for _, c := range r.Criteria {
		d.open(blockRow)
		tcell(d, c.Label)
		tcell(d, c.Title)
		d.close(blockRow)
	}
	d.endTable()
}

// findingCounts summarises the findings: "7 findings: 3 nonconformities
// (1 major, 2 minor), 1 observation, ...".
func findingCounts(fs []AuditFinding) string {
	var kinds [5]int
	major, minor := 0, 0
	for _, f := range fs {
		switch f.Kind {
		case audit.Conformity:
			kinds[0]++
		case audit.Nonconformity:
			kinds[1]++
			if f.Grade == audit.Major {
				major++
			} else {
				minor++
			}
		case audit.Observation:
			kinds[2]++
		case audit.OpportunityForImprovement:
			kinds[3]++
		case audit.GoodPractice:
			kinds[4]++
		}
	}
	parts := []string{}
	if kinds[1] > 0 {
		var grades []string
		if major > 0 {
			grades = append(grades, strconv.Itoa(major)+" major")
		}
		if minor > 0 {
			grades = append(grades, strconv.Itoa(minor)+" minor")
		}
		parts = append(parts, plural(kinds[1], "nonconformity", "nonconformities")+" ("+strings.Join(grades, ", ")+")")
	}
	for i, names := range [][2]string{{"conformity", "conformities"}, {}, {"observation", "observations"}, {"opportunity for improvement", "opportunities for improvement"}, {"good practice", "good practices"}} {
		if i != 1 && kinds[i] > 0 {
			parts = append(parts, plural(kinds[i], names[0], names[1]))
		}
	}
	return plural(len(fs), "finding", "findings") + ": " + strings.Join(parts, ", ") + "."
}

func (l *auditLayout) findings() {
	d, r := l.d, l.r
	d.heading(2, "findings", "Audit findings and evidence")
	para(d, findingCounts(r.Findings))
	cited := 0 // where the finding's items start in l.citedAt
	for i := range r.Findings {
		f := &r.Findings[i]
		d.open(blockFinding)
		findingHeading(d, f)
		d.open(blockList)
		d.open(blockItem)
		d.strong("Criteria:")
		for j, c := range f.Criteria {
			if j > 0 {
				l.lit(";")
			}
			l.lit(" ")
			l.text(criterionText(c))
		}
		d.close(blockItem)
		d.open(blockItem)
		d.strong("Status:")
		l.lit(" ")
		switch {
		case f.Kind == audit.Nonconformity && f.Grade == audit.Major:
			d.badge(badgeMajor, "major nonconformity")
		case f.Kind == audit.Nonconformity:
			d.badge(badgeMinor, "minor nonconformity")
		case f.Kind == audit.GoodPractice:
			d.badge(badgeGood, "good practice")
		default:
			d.badge(badgeOther, findingKindWords(f.Kind))
		}
		l.lit(", ")
		l.words(string(f.State))
		d.close(blockItem)
		item(d, "Area:", f.Area)
		item(d, "Requirement:", f.Requirement)
		item(d, "Found:", f.Found)
		item(d, "Why it does not conform:", f.Reason)
		item(d, "Auditee's diverging opinion:", f.DivergingOpinion)
		item(d, "Resolution:", f.Resolution)
		if f.RaisedBy != "" || !f.RaisedAt.IsZero() {
			d.open(blockItem)
			d.strong("Raised by:")
			if f.RaisedBy != "" {
				l.lit(" ")
				l.text(f.RaisedBy)
			}
			if !f.RaisedAt.IsZero() {
				l.lit(" on ")
				l.time(f.RaisedAt)
			}
			d.close(blockItem)
		}
		if a := l.actions[f.ID]; a != nil {
			d.open(blockItem)
			d.strong("Corrective action:")
			l.lit(" ")
			l.words(string(a.State))
			if !a.DueAt.IsZero() {
				l.lit(", due ")
				l.date(a.DueAt)
			}
			if !a.ClosedAt.IsZero() {
				l.lit(", closed ")
				l.date(a.ClosedAt)
			}
			if a.Overdue(r.AsOf) {
				l.lit(" ")
				d.badge(badgeOverdue, "overdue")
			}
			d.close(blockItem)
		}
		d.close(blockList)
		if len(f.Evidence) == 0 {
			d.open(blockPara)
			l.lit("Evidence: none cited.")
			d.close(blockPara)
		} else {
			d.open(blockPara)
			d.strong("Evidence")
			d.close(blockPara)
			d.open(blockList)
			for _, at := range l.citedAt[cited : cited+len(f.Evidence)] {
				l.evidenceItem(at)
			}
			d.close(blockList)
		}
		cited += len(f.Evidence)
		d.close(blockFinding)
	}
}

// evidenceItem writes the evidence item at position i as a list item:
// in full the first time, as a link to that the next times.
func (l *auditLayout) evidenceItem(i int) {
	d, e := l.d, &l.r.Evidence[i]
	d.open(blockItem)
	if l.placed[i] {
		d.link("e", string(e.ID), string(e.ID))
		l.lit(" (see above)")
		d.close(blockItem)
		return
	}
	d.target("e", string(e.ID), string(e.ID))
	l.placed[i] = true
	l.lit(" (")
	l.words(string(e.Source))
	l.lit(", ")
	l.text(string(e.Confidentiality))
	l.lit(", ")
	l.text(string(e.State))
	if !e.CollectedAt.IsZero() {
		l.lit(", collected ")
		l.time(e.CollectedAt)
	}
	if e.CollectedBy != "" {
		l.lit(" by ")
		l.text(e.CollectedBy)
	}
	if e.Withheld {
		l.lit(") ")
		d.badge(badgeWithheld, "withheld")
		l.lit(": shown by reference only; the full item is kept in the audit record.")
		d.close(blockItem)
		return
	}
	l.lit("): ")
	l.text(e.Description)
	if e.Covers != nil {
		l.text(" Covers " + strings.TrimSpace(fmtDate(e.Covers.From)+" to "+fmtDate(e.Covers.To)) + ".")
	}
	if s := e.Sampling; s != nil {
		t := " Sample of " + strconv.Itoa(s.SampleSize) + " from " + strconv.Itoa(s.PopulationSize) + " " + s.Population + " (" + string(s.Method)
		if s.Plan != "" {
			t += ", plan " + string(s.Plan)
		}
		l.text(t + ").")
	}
	if e.Supersedes != "" {
		l.lit(" Corrects ")
		l.text(string(e.Supersedes))
		l.lit(".")
	}
	if e.Digest != "" {
		d.lineBreak()
		l.lit("SHA-256: ")
		d.code(e.Digest)
	}
	d.close(blockItem)
}

func (l *auditLayout) conclusions() {
	d, r := l.d, l.r
	k := r.Conclusion
	d.heading(2, "conclusions", "Audit conclusions")
	d.open(blockPara)
	d.strong("Degree of fulfilment:")
	d.text(" ")
	class := badgeGood
	switch k.Fulfilment {
	case audit.LargelyFulfilled:
		class = badgeMinor
	case audit.PartiallyFulfilled, audit.NotFulfilled:
		class = badgeMajor
	}
	d.badge(class, words(k.Fulfilment))
	d.text(". " + fulfilmentStatements[k.Fulfilment])
	d.close(blockPara)
	d.open(blockList)
	item(d, "Extent of conformity:", k.Extent)
	item(d, "Effectiveness of the ISMS:", k.Effectiveness)
	item(d, "Audit objectives achieved:", yesNo(k.ObjectivesAchieved))
	item(d, "Whole audit scope covered:", yesNo(k.ScopeCovered))
	if k.Recommendation != "" {
		item(d, "Recommendation:", recommendationLabels[k.Recommendation])
	}
	d.close(blockList)
	if len(k.Recurring) > 0 {
		d.open(blockPara)
		d.strong("Recurring findings")
		d.close(blockPara)
		list(d, k.Recurring)
	}
}

func (l *auditLayout) diverging() {
	d, r := l.d, l.r
	d.heading(2, "diverging-opinions", "Unresolved diverging opinions")
	if len(r.DivergingOpinions) == 0 {
		para(d, "None: the auditee and the audit team settled every opinion.")
		return
	}
	d.open(blockList)
	for _, o := range r.DivergingOpinions {
		d.open(blockItem)
		if o.Finding != "" {
			d.link("f", string(o.Finding), string(o.Finding))
			d.text(": " + o.Opinion)
		} else {
			d.text("Recorded at the closing meeting: " + o.Opinion)
		}
		d.close(blockItem)
	}
	d.close(blockList)
}

func (l *auditLayout) sampling() {
	d, r := l.d, l.r
	d.heading(2, "sampling", "Sampling")
	d.open(blockNote)
	d.text(r.SamplingStatement)
	d.close(blockNote)
	if r.Plan != nil && r.Plan.SamplingApproach != "" {
		para(d, r.Plan.SamplingApproach)
	}
	if len(r.Sampling) == 0 {
		return
	}
	d.table("Plan", "Purpose", "Method", "Population", "Sample", "Rationale")
	for _, s := range r.Sampling {
		d.open(blockRow)
		tcell(d, s.ID)
		tcell(d, s.Purpose)
		tcell(d, string(s.Method))
		pop := strconv.Itoa(s.PopulationSize)
		if s.Frame != "" {
			pop += " (" + s.Frame + ")"
		}
		tcell(d, pop)
		tcell(d, strconv.Itoa(s.Size))
		tcell(d, s.Rationale)
		d.close(blockRow)
	}
	d.endTable()
}

func (l *auditLayout) plan() {
	d, r := l.d, l.r
	p := r.Plan
	if p == nil {
		return
	}
	d.heading(2, "plan", "Audit plan and timetable")
	if p.Version > 0 {
		s := "Plan version " + strconv.Itoa(p.Version) + ", approved " + fmtTime(p.ApprovedAt)
		if p.ApprovedBy != "" {
			s += " by " + p.ApprovedBy
		}
		para(d, s+".")
	} else {
		para(d, "The plan has not been approved.")
	}
	if len(p.Methods) > 0 {
		d.open(blockList)
		for _, m := range p.Methods {
			h := "without"
			if m.HumanInteraction {
				h = "with"
			}
			item(d, "Method ("+string(m.Location)+", "+h+" human interaction):", m.Description)
		}
		d.close(blockList)
	}
	if len(p.Schedule) > 0 {
		d.table("Start", "End", "Activity", "Location", "Auditors", "Criteria")
		for _, a := range p.Schedule {
			d.open(blockRow)
			tcell(d, fmtTime(a.Start))
			tcell(d, fmtTime(a.End))
			tcell(d, a.Title)
			tcell(d, a.Location)
			ids := make([]string, len(a.Auditors))
			for i, id := range a.Auditors {
				ids[i] = string(id)
			}
			tcell(d, strings.Join(ids, ", "))
			refs := make([]string, len(a.Criteria))
			for i, c := range a.Criteria {
				refs[i] = label(c)
			}
			tcell(d, strings.Join(refs, ", "))
			d.close(blockRow)
		}
		d.endTable()
	}
	if len(p.Risks) > 0 {
		d.open(blockPara)
		d.strong("Risks to the audit addressed by the plan")
		d.close(blockPara)
		list(d, p.Risks)
	}
}

func (l *auditLayout) obstacles() {
	d, r := l.d, l.r
	if len(r.Obstacles) > 0 {
		d.heading(2, "obstacles", "Obstacles met")
		d.open(blockList)
		for _, o := range r.Obstacles {
			d.open(blockItem)
			switch o.Kind {
			case ObstacleNotAudited:
				s := "Not audited"
				if o.Ref != nil {
					s += ": " + label(*o.Ref)
					if o.Title != "" {
						s += " " + o.Title
					}
				}
				d.strong(s + ".")
			case ObstacleTerminated:
				d.strong("Audit terminated " + fmtTime(o.At) + ".")
			}
			d.text(" " + o.Reason)
			d.close(blockItem)
		}
		d.close(blockList)
	}
	if k := r.Conclusion; len(k.NotCovered) > 0 {
		d.heading(2, "not-covered", "Areas in scope not covered")
		list(d, k.NotCovered)
	}
}

func (l *auditLayout) goodPractices() {
	d, r := l.d, l.r
	first := true
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Kind != audit.GoodPractice {
			continue
		}
		if first {
			d.heading(2, "good-practices", "Good practices")
			d.open(blockList)
			first = false
		}
		d.open(blockItem)
		d.link("f", string(f.ID), string(f.ID))
		d.text(": " + f.Found)
		d.close(blockItem)
	}
	if !first {
		d.close(blockList)
	}
}

func (l *auditLayout) risks() {
	d, r := l.d, l.r
	if len(r.EscalatedRisks) == 0 {
		return
	}
	d.heading(2, "escalated-risks", "Risks escalated during the audit")
	d.table("Risk", "Description", "Found", "Escalated", "To", "Response")
	for _, k := range r.EscalatedRisks {
		d.open(blockRow)
		tcell(d, string(k.ID))
		tcell(d, k.Description)
		tcell(d, strings.TrimSpace(fmtTime(k.FoundAt)+" "+k.FoundBy))
		tcell(d, fmtTime(k.EscalatedAt))
		tcell(d, k.EscalatedTo)
		tcell(d, k.Response)
		d.close(blockRow)
	}
	d.endTable()
}

func (l *auditLayout) followUp() {
	d, r := l.d, l.r
	fu := r.FollowUp
	if fu == nil {
		return
	}
	d.heading(2, "follow-up", "Agreed follow-up")
	if fu.Agreed != "" {
		para(d, fu.Agreed)
	}
	if len(fu.Actions) == 0 {
		return
	}
	d.table("Finding", "Correction", "Root cause", "Corrective action", "Due", "State")
	for i := range fu.Actions {
		a := &fu.Actions[i]
		d.open(blockRow)
		d.open(blockCell)
		d.link("f", string(a.Finding), string(a.Finding))
		d.close(blockCell)
		tcell(d, a.Correction)
		tcell(d, a.RootCause)
		tcell(d, a.Action)
		d.open(blockCell)
		l.date(a.DueAt)
		d.close(blockCell)
		d.open(blockCell)
		l.words(string(a.State))
		if !a.ClosedAt.IsZero() {
			l.lit(" ")
			l.date(a.ClosedAt)
		}
		if a.Overdue(r.AsOf) {
			l.lit(" ")
			d.badge(badgeOverdue, "overdue")
		}
		d.close(blockCell)
		d.close(blockRow)
	}
	d.endTable()
}

func (l *auditLayout) otherEvidence() {
	d, r := l.d, l.r
	first := true
	for i := range r.Evidence {
		if l.cited[i] {
			continue
		}
		if first {
			d.heading(2, "other-evidence", "Other evidence examined")
			d.open(blockList)
			first = false
		}
		l.evidenceItem(i)
	}
	if !first {
		d.close(blockList)
	}
}

func (l *auditLayout) closingSections() {
	d, r := l.d, l.r
	if len(r.Implications) > 0 {
		d.heading(2, "implications", "Implications for the audit programme")
		list(d, r.Implications)
	}
	d.heading(2, "confidentiality", "Confidentiality")
	para(d, r.ConfidentialityStatement)
	d.heading(2, "distribution", "Distribution")
	if len(r.Distribution) == 0 {
		para(d, "Not yet distributed.")
		return
	}
	d.table("Recipient", "Organization", "Clearance", "Version", "Received", "Sent by")
	for _, x := range r.Distribution {
		d.open(blockRow)
		tcell(d, x.Recipient.Name)
		tcell(d, x.Recipient.Organization)
		tcell(d, string(x.Recipient.Clearance))
		tcell(d, strconv.Itoa(x.Version))
		tcell(d, fmtTime(x.At))
		tcell(d, x.By)
		d.close(blockRow)
	}
	d.endTable()
}
