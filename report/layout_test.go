package report

import (
	"testing"
	"time"
)

// FuzzAppendTime checks the report's time formatting against time.Format.
func FuzzAppendTime(f *testing.F) {
	f.Add(int64(0), 0)
	f.Add(int64(1772442000), 60)
	f.Add(int64(-62135596800), -330)
	f.Add(int64(253402300799), 14*60)
	f.Add(int64(-62185708800), 0) // year -1
	f.Fuzz(func(t *testing.T, sec int64, offsetMinutes int) {
		offsetMinutes %= 24 * 60
		at := time.Unix(sec, 0).In(time.FixedZone("", offsetMinutes*60))
		if got, want := string(appendTime(nil, at)), at.Format(timeLayout); got != want {
			t.Fatalf("appendTime(%v) = %q, want %q", at, got, want)
		}
	})
}
