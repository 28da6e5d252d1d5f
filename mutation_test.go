package ismsaudit_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// equivalentLine is one entry of a package's list of equivalent mutants
// (.ci/mutation): file:line:column, the mutator, the code and why.
var equivalentLine = regexp.MustCompile("^([a-z0-9_]+\\.go):([0-9]+):([0-9]+) ([A-Z_]+) `(.+?)` — (.+)$")

// TestMutationEquivalentsCurrent holds every package's list of equivalent
// mutants to the code: each entry is well formed, names a mutator gremlins
// has, gives a reason, and its line still holds the code it quotes (so an
// edit that moves or changes the line shows the entry needs a second look).
func TestMutationEquivalentsCurrent(t *testing.T) {
	lists, err := filepath.Glob(filepath.Join("*", "testdata", "mutation-equivalent.txt"))
	require.NoError(t, err)
	more, err := filepath.Glob(filepath.Join("internal", "*", "testdata", "mutation-equivalent.txt"))
	require.NoError(t, err)
	lists = append(lists, more...)
	require.NotEmpty(t, lists)
	mutators := map[string]bool{"ARITHMETIC_BASE": true, "CONDITIONALS_BOUNDARY": true, "CONDITIONALS_NEGATION": true,
		"INCREMENT_DECREMENT": true, "INVERT_ASSIGNMENTS": true, "INVERT_BITWISE": true, "INVERT_BWASSIGN": true,
		"INVERT_LOGICAL": true, "INVERT_LOOPCTRL": true, "INVERT_NEGATIVES": true, "REMOVE_SELF_ASSIGNMENTS": true}
	for _, list := range lists {
		data, err := os.ReadFile(list)
		require.NoError(t, err)
		pkg := filepath.Dir(filepath.Dir(list))
		sources := map[string][]string{}
		for n, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			where := list + ":" + strconv.Itoa(n+1)
			m := equivalentLine.FindStringSubmatch(line)
			if !assert.NotNil(t, m, "%s: not file.go:LINE:COL MUTATOR `code` — why", where) {
				continue
			}
			file, at, mutator, code := m[1], m[2], m[4], m[5]
			assert.True(t, mutators[mutator], "%s: no mutator %s", where, mutator)
			src, ok := sources[file]
			if !ok {
				b, err := os.ReadFile(filepath.Join(pkg, file))
				if !assert.NoError(t, err, where) {
					continue
				}
				src = strings.Split(string(b), "\n")
				sources[file] = src
			}
			i, _ := strconv.Atoi(at)
			if assert.True(t, i >= 1 && i <= len(src), "%s: %s has no line %d", where, file, i) {
				assert.Contains(t, src[i-1], code, "%s: %s:%d no longer holds the code", where, file, i)
			}
		}
	}
}
