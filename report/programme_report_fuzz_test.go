package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// FuzzDecodeProgrammeReport feeds DecodeProgrammeReport outside data. A
// report it accepts is complete, renders in every format deterministically
// (charts included, whatever the figures) and reads back from its own JSON
// unchanged.
func FuzzDecodeProgrammeReport(f *testing.F) {
	// Small seeds: the fuzzing engine slows to a crawl on inputs of tens
	// of kilobytes, such as the whole fixture report.
	for _, r := range []*ProgrammeReport{smallProgrammeReport(f), hostileSmallProgrammeReport(f)} {
		data, err := json.Marshal(r)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"title": "x", "schedule": [{"id": "A"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeProgrammeReport(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			require.Nil(t, r)
			return
		}
		require.NoError(t, r.Check())
		var first, again bytes.Buffer
		for format := range Formats() {
			first.Reset()
			again.Reset()
			require.NoError(t, WriteProgrammeReport(&first, r, format), format)
			require.NoError(t, WriteProgrammeReport(&again, r, format), format)
			require.Equal(t, first.String(), again.String(), "%s is deterministic", format)
		}
		first.Reset()
		require.NoError(t, WriteProgrammeReport(&first, r, JSON))
		back, err := DecodeProgrammeReport(first.Bytes())
		require.NoError(t, err)
		if diff := cmp.Diff(r, back); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// smallProgrammeReport is a small complete report: the certification cycle's audits
// and last year's audit with three actions, one open, no coverage.
func smallProgrammeReport(t testing.TB) *ProgrammeReport {
	t.Helper()
	p := northwindProgramme(t)
	p.Schedule = nil
	p.Objectives = p.Objectives[:1]
	r, err := BuildProgrammeReport(p, []*audit.Audit{previousAudit(t, closures[4:])}, &ProgrammeReportOptions{AsOf: asOf})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

func hostileSmallProgrammeReport(t testing.TB) *ProgrammeReport {
	t.Helper()
	r := smallProgrammeReport(t)
	prefixStrings(reflect.ValueOf(r).Elem())
	require.NoError(t, r.Check())
	return r
}
