package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// evConforming is the seal fixture with both samples taken, unsealed.
func evConforming(t *testing.T) *Audit {
	t.Helper()
	a := evSealFixture()
	a.State = StateFieldwork
	require.NoError(t, a.DrawSample("S-1", evMeta(11, 9)))
	require.NoError(t, a.RecordSelection("S-2", []string{"root", "deploy"}, evMeta(11, 9)))
	a.State = StateFindings
	return a
}

func TestVerifyEvidenceConforming(t *testing.T) {
	a := evConforming(t)
	assert.Empty(t, evVerify(a))
	require.NoError(t, a.SealRecord(evMeta(15, 9)))
	assert.Empty(t, evVerify(a))
}

func TestVerifyEvidenceViolations(t *testing.T) {
	tests := []struct {
		name   string
		change func(a *Audit)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"evidence before fieldwork", func(a *Audit) { a.State = StatePreparation }, "Evidence", RuleEvidenceDuringAudit},
		{"blank id", func(a *Audit) { a.Evidence[3].ID = "" }, "Evidence[3].ID", RuleRecordShape},
		{"repeated id", func(a *Audit) { a.Evidence[3].ID = "E-1" }, "Evidence[3].ID", RuleRecordShape},
		{"unknown source", func(a *Audit) { a.Evidence[0].Source = "gossip" }, "Evidence[0].Source", RuleRecordShape},
		{"no description", func(a *Audit) { a.Evidence[0].Description = "" }, "Evidence[0].Description", RuleRecordShape},
		{"no criterion", func(a *Audit) { a.Evidence[0].Supports = nil }, "Evidence[0].Supports", RuleRecordShape},
		{"unknown clause", func(a *Audit) { a.Evidence[0].Supports[0] = annexa.RefToClause("3") }, "Evidence[0].Supports[0].ID", RuleRecordShape},
		{"verified item outside the plan", func(a *Audit) { a.Evidence[0].Supports[0] = evNotInPlan }, "Evidence[0].Supports[0]", RuleEvidenceCriteria},
		{"no collector", func(a *Audit) { a.Evidence[1].CollectedBy = "" }, "Evidence[1].CollectedBy", RuleRecordShape},
		{"backwards period", func(a *Audit) { a.Evidence[1].Covers.To = a.Evidence[1].Covers.From.AddDate(0, 0, -1) }, "Evidence[1].Covers.To", RuleRecordShape},
		{"sample without size", func(a *Audit) { a.Evidence[1].Sampling.SampleSize = 0 }, "Evidence[1].Sampling.SampleSize", RuleEvidenceSampling},
		{"sample of unknown plan", func(a *Audit) { a.Evidence[1].Sampling.Plan = "S-9" }, "Evidence[1].Sampling.Plan", RuleRecordShape},
		{"bad digest", func(a *Audit) { a.Evidence[1].Digest = "00" }, "Evidence[1].Digest", RuleRecordShape},
		{"upper-case digest", func(a *Audit) { a.Evidence[1].Digest = strings.ToUpper(a.Evidence[1].Digest) }, "Evidence[1].Digest", RuleRecordShape},
		{"digest with a letter past f", func(a *Audit) { a.Evidence[1].Digest = "g" + a.Evidence[1].Digest[1:] }, "Evidence[1].Digest", RuleRecordShape},
		{"digest one digit too long", func(a *Audit) { a.Evidence[1].Digest += "0" }, "Evidence[1].Digest", RuleRecordShape},
		{"digest of non-ASCII text", func(a *Audit) { a.Evidence[1].Digest = "é" + a.Evidence[1].Digest[2:] }, "Evidence[1].Digest", RuleRecordShape},
		{"no confidentiality", func(a *Audit) { a.Evidence[1].Confidentiality = "" }, "Evidence[1].Confidentiality", RuleRecordShape},
		{"no state", func(a *Audit) { a.Evidence[3].State = "" }, "Evidence[3].State", RuleRecordShape},
		{"state without history", func(a *Audit) { a.Evidence[3].State = EvidenceRejected }, "Evidence[3].State", RuleHistoryValid},
		{"history off the table", func(a *Audit) { a.Evidence[0].History[0].To = EvidenceRejected }, "Evidence[0].History[0]", RuleHistoryValid},
		{"history before collection", func(a *Audit) { a.Evidence[0].History[0].At = a.Evidence[0].CollectedAt.Add(-1) }, "Evidence[0].History[0].At", RuleHistoryValid},
		{"rejection without reason", func(a *Audit) { a.Evidence[1].History[0].Note = "" }, "Evidence[1].History[0].Note", RuleEvidenceRejectReason},
		{"correction of an unknown item", func(a *Audit) { a.Evidence[4].Supersedes = "E-0" }, "Evidence[4].Supersedes", RuleEvidenceAppendOnly},
		{"correction of a later item", func(a *Audit) { a.Evidence[0].Supersedes = "E-3" }, "Evidence[0].Supersedes", RuleEvidenceAppendOnly},
		{"correction of a live item", func(a *Audit) { a.Evidence[4].Supersedes = "E-1" }, "Evidence[4].Supersedes", RuleEvidenceAppendOnly},
		{"superseded without successor", func(a *Audit) { a.Evidence[4].Supersedes = "" }, "Evidence[2].State", RuleEvidenceAppendOnly},
		{"two successors", func(a *Audit) {
			e := evLogged("E-3c")
			e.Supersedes = "E-3"
			a.Evidence = append(a.Evidence, e)
		}, "Evidence[5].Supersedes", RuleEvidenceAppendOnly},
		{"sampling plans before preparation", func(a *Audit) { a.State = StateInitiation }, "Sampling", RuleSamplingBeforeFindings},
		{"plan without id", func(a *Audit) { a.Sampling[1].ID = "" }, "Sampling[1].ID", RuleRecordShape},
		{"plan id repeated", func(a *Audit) { a.Sampling[1].ID = "S-1" }, "Sampling[1].ID", RuleRecordShape},
		{"plan without frame", func(a *Audit) { a.Sampling[0].Frame = "" }, "Sampling[0].Frame", RuleSamplingRecorded},
		{"plan without rationale", func(a *Audit) { a.Sampling[1].Rationale = "" }, "Sampling[1].Rationale", RuleSamplingRecorded},
		{"plan size above the frame", func(a *Audit) { a.Sampling[1].Size = 5 }, "Sampling[1].Size", RuleSamplingRecorded},
		{"statistical sample altered", func(a *Audit) { a.Sampling[0].Selected[0] = "leaver-01" }, "Sampling[0].Selected", RuleSamplingReproducible},
		{"statistical sample reseeded", func(a *Audit) { a.Sampling[0].Seed++ }, "Sampling[0].Selected", RuleSamplingReproducible},
		{"unknown generator", func(a *Audit) { a.Sampling[0].Generator = "math/rand" }, "Sampling[0].Generator", RuleSamplingReproducible},
		{"sample item outside the population", func(a *Audit) { a.Sampling[1].Selected[1] = "guest" }, "Sampling[1].Selected[1]", RuleSamplingRecorded},
		{"sample of excluded item", func(a *Audit) { a.Sampling[0].Selected[0] = "leaver-07" }, "Sampling[0].Selected[0]", RuleSamplingRecorded},
		{"sample of the wrong size", func(a *Audit) { a.Sampling[1].Selected = a.Sampling[1].Selected[:1] }, "Sampling[1].Selected", RuleSamplingRecorded},
		{"sample without time", func(a *Audit) { a.Sampling[1].SelectedAt = time.Time{} }, "Sampling[1].SelectedAt", RuleRecordShape},
		{"sample without selector", func(a *Audit) { a.Sampling[1].SelectedBy = "" }, "Sampling[1].SelectedBy", RuleRecordShape},
		{"judgemental sample with generator", func(a *Audit) { a.Sampling[1].Generator = SamplingGenerator }, "Sampling[1].Generator", RuleRecordShape},
		{"draw recorded without sample", func(a *Audit) { a.Sampling[0].Selected = nil }, "Sampling[0].Selected", RuleRecordShape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evConforming(t)
			tt.change(a)
			got := evVerify(a)
			assert.Truef(t, evHas(got, tt.path, tt.rule), "want %s at %s; got %v", tt.rule, tt.path, got)
		})
	}
}
