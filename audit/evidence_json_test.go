package audit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// evRoundTrip encodes v to JSON and decodes it strictly into a new T.
func evRoundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	col := errs.NewCollector("audit", "round trip")
	require.True(t, validate.JSON(col, data, &back), "decode: %v", col.Err())
	return back
}

func TestEvidenceTypesRoundTripJSON(t *testing.T) {
	a := evConforming(t)
	a.Sampling[0].Seed = 1<<64 - 1 // beyond float64 precision
	require.NoError(t, a.SealRecord(evMeta(15, 9)))

	if diff := cmp.Diff(a.Evidence, evRoundTrip(t, a.Evidence)); diff != "" {
		t.Errorf("evidence mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Sampling, evRoundTrip(t, a.Sampling)); diff != "" {
		t.Errorf("sampling plans mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Seal, evRoundTrip(t, a.Seal)); diff != "" {
		t.Errorf("seal mismatch (-want +got):\n%s", diff)
	}
	se := SealError{Log: "evidence", Index: 0, Entry: 3, Problem: SealEntryChanged, Detail: "d"}
	if diff := cmp.Diff(se, evRoundTrip(t, se)); diff != "" {
		t.Errorf("seal error mismatch (-want +got):\n%s", diff)
	}
}

func TestVerifyIncludesEvidenceRules(t *testing.T) {
	a := evConforming(t)
	require.NoError(t, a.SealRecord(evMeta(15, 9)))
	a.Evidence[1].History[0].Note = ""
	a.Sampling[0].Selected[0] = "leaver-01"
	err := Verify(a, nil)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("Evidence[1].History[0].Note", RuleEvidenceRejectReason))
	assert.True(t, ve.Has("Sampling[0].Selected", RuleSamplingReproducible))
	assert.True(t, ve.Has("Seal.Logs[4]", RuleSealIntact), "the rejection's note is sealed")
}
