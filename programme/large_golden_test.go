package programme_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// largeGolden compares the SHA-256 of v's JSON with the golden file
// testdata/name (rewritten with -update). The results of the issue's
// performance programmes are megabytes of JSON: their digests keep them
// from changing while the code that computes them is made faster.
func largeGolden(t *testing.T, name string, v any) {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:]) + "\n"
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	if strings.TrimSpace(got) != strings.TrimSpace(string(want)) {
		t.Errorf("%s: the result changed (digest %s, golden %s); if that is intended, rerun with -update", name, strings.TrimSpace(got), strings.TrimSpace(string(want)))
	}
}

// TestLargeResultsGolden holds the results of the benchmarks' programmes
// to the ones recorded: staffing 1,000 audits from 500 auditors, and the
// monitoring figures (with a monthly trend) of 1,000 audits and 50,000
// findings.
func TestLargeResultsGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("large programmes")
	}
	t.Run("staffing", func(t *testing.T) {
		pool := newPool(t, benchPeople(t, 500)...)
		audits, reqs := benchSchedule()
		opts := programme.StaffOptions{Needs: []competence.Need{competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Working)},
			Requests: reqs, Limit: 40, Period: programme.PeriodQuarter}
		res, err := programme.PlanStaffing(audits, pool, opts)
		require.NoError(t, err)
		largeGolden(t, "staffing-1000.sha256", res)
	})
	t.Run("monitoring", func(t *testing.T) {
		if runtime.GOARCH != "amd64" {
			// Elsewhere the compiler may fuse a multiplication and an
			// addition (interpolated quantiles), changing the last bit of
			// a figure and so the digest.
			t.Skip("digests recorded on amd64")
		}
		in := largeInput(1000, 50000, 500)
		for _, trend := range []programme.Period{"", programme.PeriodMonth, programme.PeriodQuarter} {
			in.Trend = trend
			f, err := programme.Monitor(in)
			require.NoError(t, err)
			name := "monitor-large.sha256"
			if trend != "" {
				name = "monitor-large-" + string(trend) + ".sha256"
			}
			largeGolden(t, name, f)
		}
	})
}
