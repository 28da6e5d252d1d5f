package report

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
)

// TestLiteralsNeedNoEscaping checks every call of a doc's lit in the
// package's renderers: its argument is a string constant that neither
// format would change, so writing it unescaped gives the same bytes.
func TestLiteralsNeedNoEscaping(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "lit" {
				return true
			}
			calls++
			pos := fset.Position(call.Pos())
			require.Len(t, call.Args, 1, pos)
			arg, ok := call.Args[0].(*ast.BasicLit)
			require.True(t, ok && arg.Kind == token.STRING, "%s: lit takes a string literal", pos)
			s, err := strconv.Unquote(arg.Value)
			require.NoError(t, err, pos)
			for _, r := range s {
				ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" ,.:;()·-", r)
				assert.True(t, ok, "%s: %q holds %q", pos, s, r)
			}
			var m mdDoc
			m.md(s)
			assert.Equal(t, s, string(m.o.b), "%s: Markdown escapes %q", pos, s)
			var h obuf
			h.htmlEscape(s)
			assert.Equal(t, s, string(h.b), "%s: HTML escapes %q", pos, s)
			return true
		})
	}
	assert.Greater(t, calls, 20, "lit calls found")
}

func TestFindingKindWords(t *testing.T) {
	for k := range audit.FindingKinds() {
		assert.Equal(t, strings.ToLower(findingKindLabel(k)), findingKindWords(k), k)
	}
	assert.Equal(t, "unknown-kind", findingKindWords("Unknown-Kind"))
}

// TestLayoutTimeCache checks that the layout's last-time cache writes what
// appendTime writes, for repeats, other locations and other seconds.
func TestLayoutTimeCache(t *testing.T) {
	east := time.FixedZone("east", 5*3600+30*60)
	base := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	times := []time.Time{
		base, base, base.Add(500 * time.Millisecond), base.In(east), base.In(east), base,
		base.Add(time.Second), base.Add(time.Minute), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), {}, base,
	}
	var m mdDoc
	l := layout{d: &m, o: &m.o}
	var want []byte
	for _, at := range times {
		l.time(at)
		want = appendTime(want, at)
	}
	assert.Equal(t, string(want), string(m.o.b))
}

// FuzzAppendAnchor checks appendAnchor, which copies runs, against the
// definition of an anchor byte by byte.
func FuzzAppendAnchor(f *testing.F) {
	for _, s := range []string{"", "F-1", "EV-00004-0", "F_1", "F 1/2", "é", "abcdefghijklmnop#", arHostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		want := "e-"
		for i := 0; i < len(id); i++ {
			c := id[i]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
				want += string(c)
			} else {
				want += fmt.Sprintf("_%02x", c)
			}
		}
		if got := string(appendAnchor([]byte("x"), "e", id)); got != "x"+want {
			t.Fatalf("appendAnchor(%q) = %q, want %q", id, got, "x"+want)
		}
	})
}

// TestLayoutTextIsDocText checks that the layout's direct writes escape
// as the doc's own methods do, in both formats.
func TestLayoutTextIsDocText(t *testing.T) {
	texts := []string{"", "plain", "a\r\nb\rc\nd\r", `\*_[]|#<>` + "`&\"'\x00", "é·", arHostilePrefix}
	for _, d := range []doc{&mdDoc{}, &htmlDoc{}} {
		o, _ := d.buffer()
		for _, s := range texts {
			d.text(s)
			want := string(o.b)
			o.b = o.b[:0]
			l := layout{d: d}
			l.o, l.html = d.buffer()
			l.text(s)
			assert.Equal(t, want, string(o.b), "%T %q", d, s)
			o.b = o.b[:0]
		}
	}
}
