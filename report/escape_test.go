package report

import (
	"crypto/sha1"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestByteSetNext(t *testing.T) {
	set := newByteSet(func(c byte) bool { return c == '#' })
	for _, tt := range []struct {
		s    string
		from int
		want int
	}{
		{"", 0, 0}, {"#", 0, 0}, {"abc", 0, 3}, {"abcdefgh#", 0, 8}, {"abcdefg#", 0, 7},
		{"abcdefghijklmnop#", 0, 16}, {"#bcdefghij#", 1, 10}, {strings.Repeat("x", 100), 0, 100}, {"ab#", 3, 3},
	} {
		assert.Equal(t, tt.want, set.next(tt.s, tt.from), "%q from %d", tt.s, tt.from)
	}
}

// FuzzOSCALUUID checks that hashing a part that needs no escaping as it
// is gives the UUID the escaped name gives.
func FuzzOSCALUUID(f *testing.F) {
	for _, s := range []string{"", "IA-2026-01", "F/2", "a b", "é", "~._-$&+:=@", ";,?", "%41", arHostilePrefix} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		name := append(append([]byte{}, oscalNamespace[:]...), "audit/"+url.PathEscape(a)+"/evidence/"+url.PathEscape(b)...)
		if got, want := OSCALUUID("audit", a, "evidence", b), uuidText(sha1.Sum(name)); got != want {
			t.Fatalf("OSCALUUID(%q, %q) = %s, want %s", a, b, got, want)
		}
	})
}
