package audit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

// TestSealedBeforeEnvelopeVerifiesAfterMigration: a record written and
// sealed before documents carried their envelope (format version 0: no
// documentKind or formatVersion, in the record or in its checklist) still
// verifies its seal once Decode has migrated it, and after it is written
// again in the current version and read back.
func TestSealedBeforeEnvelopeVerifiesAfterMigration(t *testing.T) {
	a := auditIn(t, StateClosed)
	a.DocumentKind, a.FormatVersion = "", 0
	if a.Checklist != nil {
		a.Checklist.DocumentKind, a.Checklist.FormatVersion = "", 0
	}
	require.NoError(t, a.SealRecord(byLead(sealAt)))
	old, err := json.Marshal(a)
	require.NoError(t, err)
	env, err := ismsaudit.ReadEnvelope(old)
	require.NoError(t, err)
	require.Equal(t, ismsaudit.Envelope{}, env, "the record is written as version 0")

	got, err := Decode(old)
	require.NoError(t, err)
	require.Equal(t, ismsaudit.KindAudit, got.DocumentKind)
	require.Equal(t, ismsaudit.CurrentFormat, got.FormatVersion)
	require.NoError(t, got.VerifySeal(), "the seal verifies after migration")
	require.NoError(t, Verify(got, nil))

	current, err := json.Marshal(got)
	require.NoError(t, err)
	again, err := Decode(current)
	require.NoError(t, err)
	require.NoError(t, again.VerifySeal(), "the seal verifies in the current version")
	if diff := cmp.Diff(got, again, equateEmpty); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	// The migration itself, as a host may call it, gives the same record.
	migrated, err := ismsaudit.Migrate(ismsaudit.KindAudit, old)
	require.NoError(t, err)
	viaMigrate, err := Decode(migrated)
	require.NoError(t, err)
	if diff := cmp.Diff(got, viaMigrate, equateEmpty); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestSealLeavesOutTheEnvelope: the envelope is not part of the record's
// seal, as SealAlgorithm says; everything else still is.
func TestSealLeavesOutTheEnvelope(t *testing.T) {
	a := closedSealed(t)
	a.DocumentKind, a.FormatVersion = "", 0
	require.NoError(t, a.VerifySeal())
	a.DocumentKind, a.FormatVersion = ismsaudit.KindAudit, 7
	require.NoError(t, a.VerifySeal())
	a.Auditee += "x"
	requireSealError(t, a.VerifySeal())
}

// TestDecodeChecksTheEnvelope: Decode refuses a document of another kind
// or of a newer version before reading anything else, and a malformed
// envelope with the member named.
func TestDecodeChecksTheEnvelope(t *testing.T) {
	a := auditIn(t, StateInitiation)
	data, err := json.Marshal(a)
	require.NoError(t, err)
	require.Contains(t, string(data), `{"documentKind":"audit","formatVersion":1,`, "the envelope comes first")

	_, err = Decode([]byte(`{"documentKind":"checklist","formatVersion":1,"kind":"internal"}`))
	var ke *ismsaudit.KindError
	require.ErrorAs(t, err, &ke)
	require.Equal(t, ismsaudit.KindError{Want: ismsaudit.KindAudit, Found: ismsaudit.KindChecklist}, *ke)

	// A newer version is refused even when the rest would not decode.
	_, err = Decode([]byte(`{"documentKind":"audit","formatVersion":2,"newMember":[1,2]}`))
	var ve *ismsaudit.VersionError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, ismsaudit.FormatVersion(2), ve.Found)

	_, err = Decode([]byte(`{"documentKind":"audit","formatVersion":"one"}`))
	var verr *ismsaudit.ValidationError
	require.ErrorAs(t, err, &verr)
	require.True(t, verr.Has("FormatVersion", ismsaudit.RuleJSONType))
}

// BenchmarkDecodeStored decodes a stored, sealed audit of 500 evidence
// items: plain json.Unmarshal of the bytes into an Audit, Decode with its
// envelope check (issue target: at most 1.1 times json.Unmarshal), Decode
// of the same record stored in format version 0 (target: the migration
// adds less than 10 %), and the envelope check and the migration alone.
func BenchmarkDecodeStored(b *testing.B) {
	a := bigSealedAudit(b, 500)
	data, err := json.Marshal(a)
	require.NoError(b, err)
	old := bigSealedAudit(b, 500)
	old.DocumentKind, old.FormatVersion = "", 0
	if old.Checklist != nil {
		old.Checklist.DocumentKind, old.Checklist.FormatVersion = "", 0
	}
	v0, err := json.Marshal(old)
	require.NoError(b, err)
	env, err := ismsaudit.ReadEnvelope(v0)
	require.NoError(b, err)
	require.Zero(b, env.Version)
	run := func(name string, data []byte, f func([]byte) error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if err := f(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("json.Unmarshal", data, func(data []byte) error { var a Audit; return json.Unmarshal(data, &a) })
	run("Decode", data, func(data []byte) error { _, err := Decode(data); return err })
	run("Decode-v0", v0, func(data []byte) error { _, err := Decode(data); return err })
	run("ReadEnvelope", data, func(data []byte) error { _, err := ismsaudit.ReadEnvelope(data); return err })
	run("Migrate-v0", v0, func(data []byte) error { _, err := ismsaudit.Migrate(ismsaudit.KindAudit, data); return err })
}
