package audittest_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOnlyTestsImportAudittest reads every Go file of the module: the
// library's own code (and its example programs) never imports audittest,
// nor testify; only test files do.
func TestOnlyTestsImportAudittest(t *testing.T) {
	const self = "github.com/ismsaudit/ismsaudit/audit/audittest"
	root := filepath.Join("..", "..")
	here, err := filepath.Abs(".")
	require.NoError(t, err)
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if abs, err := filepath.Abs(path); err != nil || filepath.Dir(abs) == here {
			return err // audittest's own files may import testify
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			assert.NotEqual(t, self, p, "%s imports audittest", path)
			assert.False(t, strings.HasPrefix(p, "github.com/stretchr/testify"), "%s imports testify", path)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, files, 50, "the module's files were read")
}
