package gen

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestModuleCurrent fails when a package of the module has a committed
// enums_gen.go that differs from what Generate produces, or lacks one
// while it declares enumerations. It is how go test ./... catches a
// forgotten go generate.
func TestModuleCurrent(t *testing.T) {
	root := moduleRoot(t)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); path != root && err == nil {
			return filepath.SkipDir // another module
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		stale, diff, err := Stale(path)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		checked++
		if stale {
			t.Errorf("%s/%s is stale: run go generate ./%s (-want +got):\n%s", rel, FileName, rel, diff)
		}
		return nil
	})
	require.NoError(t, err)
	require.Positive(t, checked)
}

// moduleRoot returns the directory of the go.mod above the working
// directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the working directory")
		dir = parent
	}
}
