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

// TestMarkdownBlockStart: text that starts a paragraph, a list item, a
// note or the draft notice is kept from opening a block of its own; text
// in other blocks (a table cell, a row) is escaped as inline text only.
func TestMarkdownBlockStart(t *testing.T) {
	for b := blockPara; b <= blockCell; b++ {
		var m mdDoc
		m.open(b)
		prefix := len(m.o.b)
		m.text("1. x")
		starts := b == blockPara || b == blockItem || b == blockNote || b == blockDraft
		want := "1. x"
		if starts {
			want = `1\. x`
		}
		if got := string(m.o.b[prefix:]); got != want {
			t.Errorf("block %d: %q, want %q", b, got, want)
		}
	}
}
