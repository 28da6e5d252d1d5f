package report

import (
	"html/template"
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

// FuzzHTMLEscape checks that the page's escaping is html/template's.
func FuzzHTMLEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "<b>&amp;</b>", `"'`, "\x00", "é\xff<", hostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var o obuf
		o.htmlEscape(s)
		if got, want := string(o.b), template.HTMLEscapeString(s); got != want {
			t.Fatalf("htmlEscape(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzMarkdownEscape checks that the report's Markdown escaping is the
// package's mdText.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "a\r\nb\rc\nd", `\*_[]|#<>` + "`", hostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m mdDoc
		m.md(s)
		if got, want := string(m.o.b), mdText(s); got != want {
			t.Fatalf("md(%q) = %q, want %q", s, got, want)
		}
	})
}
