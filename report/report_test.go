package report

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// assertAbsent fails when s occurs in out, showing where without printing out
// whole.
func assertAbsent(t testing.TB, out, s string) {
	t.Helper()
	if i := strings.Index(out, s); i >= 0 {
		t.Errorf("%q found at byte %d: ...%s...", s, i, out[max(0, i-80):min(len(out), i+80)])
	}
}

// assertContains fails when s does not occur in out, without printing out
// whole.
func assertContains(t testing.TB, out, s string, msg ...any) {
	t.Helper()
	if !strings.Contains(out, s) {
		t.Errorf("%q not found in the %d bytes of output %v", s, len(out), msg)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./report -update to create the golden files")
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// failAfter accepts n bytes and then fails every write.
type failAfter struct{ n int }

var errDisk = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errDisk
	}
	f.n -= len(p)
	return len(p), nil
}
