package gen

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/good/"+FileName)

// good is the fixture whose generated file is the golden file.
var good = filepath.Join("testdata", "good")

func TestGolden(t *testing.T) {
	if *update {
		require.NoError(t, Write(good))
	}
	got, ok, err := Generate(good)
	require.NoError(t, err)
	require.True(t, ok)
	want, err := os.ReadFile(filepath.Join(good, FileName))
	require.NoError(t, err, "run go test -update to create the golden file")
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Generate mismatch (-want +got):\n%s", diff)
	}
	stale, diff, err := Stale(good)
	require.NoError(t, err)
	assert.False(t, stale, diff)
}

func TestGenerateDeterministic(t *testing.T) {
	first, _, err := Generate(good)
	require.NoError(t, err)
	second, _, err := Generate(good)
	require.NoError(t, err)
	assert.Equal(t, first, second)

	elsewhere, _, err := Generate(copyDir(t, good))
	require.NoError(t, err)
	assert.Equal(t, first, elsewhere, "the output does not depend on the directory")
}

func TestGenerateNone(t *testing.T) {
	src, ok, err := Generate(filepath.Join("testdata", "none"))
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Nil(t, src)

	src, ok, err = Generate(t.TempDir())
	require.NoError(t, err)
	assert.False(t, ok, "a directory without Go files")
	assert.Nil(t, src)
}

// TestGeneratedCodeRuns builds, vets and tests the good fixture with its
// generated file: testdata/good/enums_test.go exercises the generated API.
func TestGeneratedCodeRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, args := range [][]string{{"vet", "./testdata/good"}, {"test", "./testdata/good"}} {
		out, err := exec.Command("go", args...).CombinedOutput()
		require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	}
}

func TestSetName(t *testing.T) {
	tests := []struct{ typ, want string }{
		{"Grade", "gradeSet"},
		{"TeamRole", "teamRoleSet"},
		{"IDKind", "idKindSet"},
		{"ID", "idSet"},
		{"X", "xSet"},
		{"URLScheme", "urlSchemeSet"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, setName(tt.typ), tt.typ)
	}
}

func TestWriteAndStale(t *testing.T) {
	generated, _, err := Generate(good)
	require.NoError(t, err)

	t.Run("missing", func(t *testing.T) {
		dir := copyDir(t, good)
		require.NoError(t, os.Remove(filepath.Join(dir, FileName)))
		assertStale(t, dir, true)
		require.NoError(t, Write(dir))
		assertFile(t, dir, generated)
		assertStale(t, dir, false)
	})
	t.Run("edited", func(t *testing.T) {
		dir := copyDir(t, good)
		path := filepath.Join(dir, FileName)
		require.NoError(t, os.WriteFile(path, append(generated, "// edited\n"...), 0o644))
		assertStale(t, dir, true)
		require.NoError(t, Write(dir))
		assertFile(t, dir, generated)
	})
	t.Run("value added", func(t *testing.T) {
		dir := copyDir(t, good)
		extra := "package good\n\nconst ColourTeal Colour = \"teal\"\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, "teal.go"), []byte(extra), 0o644))
		assertStale(t, dir, true)
		require.NoError(t, Write(dir))
		assertStale(t, dir, false)
	})
	t.Run("no enumerations left", func(t *testing.T) {
		dir := copyDir(t, filepath.Join("testdata", "none"))
		path := filepath.Join(dir, FileName)
		require.NoError(t, os.WriteFile(path, generated, 0o644))
		assertStale(t, dir, true)
		require.NoError(t, Write(dir))
		assert.NoFileExists(t, path)
		assertStale(t, dir, false)
	})
	t.Run("someone else's file", func(t *testing.T) {
		dir := copyDir(t, good)
		foreign := []byte("package good\n")
		require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), foreign, 0o644))
		require.ErrorIs(t, Write(dir), ErrNotGenerated)
		_, _, err := Stale(dir)
		require.ErrorIs(t, err, ErrNotGenerated)
		assertFile(t, dir, foreign)
	})
	t.Run("someone else's file without enumerations", func(t *testing.T) {
		dir := copyDir(t, filepath.Join("testdata", "none"))
		foreign := []byte("package none\n")
		require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), foreign, 0o644))
		require.NoError(t, Write(dir))
		assertStale(t, dir, false)
		assertFile(t, dir, foreign)
	})
	t.Run("invalid source", func(t *testing.T) {
		dir := copyDir(t, filepath.Join("testdata", "bad", "duplicate"))
		require.ErrorIs(t, Write(dir), ErrDuplicateToken)
		assert.NoFileExists(t, filepath.Join(dir, FileName))
		_, _, err := Stale(dir)
		require.ErrorIs(t, err, ErrDuplicateToken)
	})
}

func assertStale(t *testing.T, dir string, want bool) {
	t.Helper()
	stale, diff, err := Stale(dir)
	require.NoError(t, err)
	assert.Equal(t, want, stale, "stale")
	assert.Equal(t, want, diff != "", "diff:\n%s", diff)
}

func assertFile(t *testing.T, dir string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, FileName))
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", FileName, diff)
	}
}

// copyDir copies the Go files of dir, except tests, to a new temporary
// directory and returns it.
func copyDir(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
	return dst
}
