package programme_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/programme"
)

// FuzzDecodeMonitorInput feeds JSON to DecodeMonitorInput and what it
// accepts to Monitor: neither panics, refusals are typed, accepted input
// re-encodes to itself, and the figures round-trip through JSON (so none
// is NaN or infinite).
func FuzzDecodeMonitorInput(f *testing.F) {
	// Small seeds: the fuzzer minimises each new input it finds, and a
	// large one takes its whole minimisation time.
	small := `{"at":"2026-06-30T12:00:00Z","trend":"month",` +
		`"schedule":[{"id":"S","kind":"internal","auditee":"a","due":{"earliest":"2026-03-01T00:00:00Z","latest":"2026-03-31T00:00:00Z"},"audit":"A"}],` +
		`"audits":[{"id":"A","kind":"internal","client":"c","auditee":"a","createdAt":"2026-02-01T00:00:00Z","createdBy":"p","state":"completed",` +
		`"history":[{"from":"distributed","event":"complete","to":"completed","at":"2026-03-20T00:00:00Z","by":"l"}],` +
		`"findings":[{"id":"F","kind":"nonconformity","grade":"major","criteria":[{"kind":"control","id":"5.1"}],"found":"x","raisedBy":"r","raisedAt":"2026-03-10T00:00:00Z","state":"presented",` +
		`"history":[{"from":"draft","event":"confirm","to":"confirmed","at":"2026-03-10T00:00:00Z","by":"l"},{"from":"confirmed","event":"present","to":"presented","at":"2026-03-12T00:00:00Z","by":"l"}]}],` +
		`"followUps":[{"finding":"F","correction":"c","rootCause":"r","action":"a","dueAt":"2026-04-30T00:00:00Z","state":"closed",` +
		`"history":[{"from":"implemented","event":"verify-effective","to":"closed","at":"2026-04-11T00:00:00Z","by":"l"}]}]}],` +
		`"feedback":[{"audit":"A","auditor":"x","score":4,"at":"2026-03-21T00:00:00Z"}]}`
	for _, trend := range []string{"month", "quarter", "year", ""} {
		f.Add([]byte(strings.Replace(small, `"month"`, strconv.Quote(trend), 1)))
	}
	for _, s := range []string{
		`{}`, `{"at":"2026-06-30T12:00:00Z"}`, `{"at":"2026-06-30T12:00:00Z","trend":"month","audits":[null]}`,
		`{"at":"0001-01-01T00:00:01Z","trend":"month","schedule":[{"id":"s","kind":"internal","auditee":"a","due":{"latest":"9999-12-31T23:59:59Z"}}]}`,
		`{"at":"2026-06-30T12:00:00Z","feedback":[{"audit":"x","auditor":"y","score":-9,"at":"2026-01-01T00:00:00Z"}]}`,
		`[`, `null`, `{"at":"2026-06-30T12:00:00+14:00","trend":"year"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := programme.DecodeMonitorInput(data)
		if err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.Is(err, ismsaudit.ErrInvalid) || !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("refusal is not a *ValidationError: %v", err)
			}
			return
		}
		again, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("accepted input does not encode: %v", err)
		}
		back, err := programme.DecodeMonitorInput(again)
		if err != nil {
			t.Fatalf("re-encoded input refused: %v\n%s", err, again)
		}
		// As elsewhere in the project, an empty list and no list are the
		// same once encoded (omitempty).
		if d := cmp.Diff(in, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("input round trip mismatch (-want +got):\n%s", d)
		}
		got, err := programme.Monitor(in)
		if err != nil {
			var ve *ismsaudit.ValidationError
			if !errors.As(err, &ve) || !ve.Has("Trend", "max") || len(ve.Fields) != 1 {
				t.Fatalf("checked input refused for another reason than its span: %v", err)
			}
			return
		}
		assertRoundTrip(t, got)
	})
}
