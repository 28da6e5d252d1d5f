package programme

import (
	"errors"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Verify checks a whole programme — its own records and every schedule and
// certification cycle it holds — against the rules (Rules) and returns
// every violation at once as a *ismsaudit.ValidationError whose field errors carry
// the rule id; nil when the programme conforms. It never panics.
func Verify(p *Programme) error {
	v := &verifier{p: p, col: errs.NewCollector("programme", "programme")}
	if p == nil {
		v.col.Add("", ismsaudit.RuleRequired, "", "no programme given")
		return v.col.Err()
	}
	v.verifyProgramme()
	v.verifySchedule()
	return v.col.Err()
}

// verifier holds what the checks share.
type verifier struct {
	p   *Programme
	col *errs.Collector
	// auditIDs maps the scheduled-audit ids seen so far to where;
	// bookings are the days people are booked on the staffed audits seen
	// so far.
	auditIDs map[ScheduledAuditID]string
	bookings []booking
}

// violate records one violation of rule at path.
func (v *verifier) violate(path string, rule ismsaudit.RuleID, value, detail string) {
	v.col.Add(path, rule, value, detail)
}

// replayPath is the path of the history entry a replay refused.
func replayPath(err error) string {
	var re *ismsaudit.HistoryError
	if errors.As(err, &re) {
		return errs.Index("History", re.Index)
	}
	return "History"
}
