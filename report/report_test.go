package report

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
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

// TestWritesInChunks: a long report goes out in writes of at least a
// chunk each but the last, never an empty one, and a write error, even
// one the writer would not repeat, is what the call returns.
func TestWritesInChunks(t *testing.T) {
	r, err := BuildAuditReport(largeAudit(t, 500), nil)
	require.NoError(t, err)
	for _, f := range []Format{Markdown, HTML} {
		var w recordWrites
		require.NoError(t, WriteAuditReport(&w, r, f))
		require.Greater(t, len(w.sizes), 2, "%s: a report of several chunks", f)
		for i, n := range w.sizes {
			assert.Positive(t, n, "%s: write %d", f, i)
			if i < len(w.sizes)-1 {
				assert.GreaterOrEqual(t, n, obufChunk, "%s: write %d", f, i)
			}
		}
		err := WriteAuditReport(&failOnce{}, r, f)
		assert.ErrorIs(t, err, errDisk, f)
	}
	for name, write := range map[string]func(io.Writer, *AuditReport) error{"assessment results": AssessmentResults, "POA&M": PlanOfActionAndMilestones} {
		var w recordWrites
		require.NoError(t, write(&w, r))
		require.Greater(t, len(w.sizes), 2, "%s: a document of several chunks", name)
		for i, n := range w.sizes {
			assert.Positive(t, n, "%s: write %d", name, i)
			if i < len(w.sizes)-1 {
				assert.GreaterOrEqual(t, n, obufChunk, "%s: write %d", name, i)
			}
		}
		assert.ErrorIs(t, write(&failOnce{}, r), errDisk, name)
	}
}

// TestFlushEmpty: flushing an empty buffer writes nothing.
func TestFlushEmpty(t *testing.T) {
	var w recordWrites
	o := newObuf(&w)
	require.NoError(t, o.flush())
	o.str("x")
	require.NoError(t, o.flush())
	require.NoError(t, o.flush())
	assert.Equal(t, []int{1}, w.sizes)
}

// recordWrites records the size of each write.
type recordWrites struct{ sizes []int }

func (w *recordWrites) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return len(p), nil
}

// failOnce fails its first write and takes every later one.
type failOnce struct{ failed bool }

func (f *failOnce) Write(p []byte) (int, error) {
	if !f.failed {
		f.failed = true
		return 0, errDisk
	}
	return len(p), nil
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errDisk
	}
	f.n -= len(p)
	return len(p), nil
}
