package competencetest_test

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

// TestOnlyTestsImportCompetencetest reads every Go file of the module: no
// file but a test imports competencetest, and competencetest itself
// imports neither testify nor a test framework.
func TestOnlyTestsImportCompetencetest(t *testing.T) {
	const self = "github.com/ismsaudit/ismsaudit/competence/competencetest"
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
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			assert.NotEqual(t, self, p, "%s imports competencetest", path)
			if filepath.Dir(abs) == here {
				assert.False(t, strings.HasPrefix(p, "github.com/stretchr/testify") || p == "testing", "%s imports %s", path, p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, files, 50, "the module's files were read")
}
