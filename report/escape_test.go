package report

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
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

// FuzzMarkdownEscape checks the report's Markdown escaping: it is the
// plain reference escaper below, byte for byte; its output holds no line
// break, no character that opens markup, raw HTML or an entity unless
// backslash-escaped; and removing the escapes gives the text back, line
// breaks folded into spaces. At the start of a block it also opens no
// block, and gives the text back less its leading white space.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "a\r\nb\rc\nd", `\*_[]|#<>~&` + "`", "R&D &amp; &#60; & x", "- 1. x", "  # y", hostilePrefix} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var o obuf
		o.mdEscape(s)
		got := string(o.b)
		if want := mdReference(s); got != want {
			t.Fatalf("mdEscape(%q) = %q, want %q", s, got, want)
		}
		checkInertMarkdown(t, s, got)
		if back, want := mdUnescape(got), mdFold(s); back != want {
			t.Fatalf("mdEscape(%q) = %q reads back as %q, want %q", s, got, back, want)
		}

		o.b = o.b[:0]
		o.mdEscapeStart(s)
		got = string(o.b)
		checkInertMarkdown(t, s, got)
		if back, want := mdUnescape(got), strings.TrimLeft(mdFold(s), " \t"); back != want {
			t.Fatalf("mdEscapeStart(%q) = %q reads back as %q, want %q", s, got, back, want)
		}
		if got != "" && (got[0] == ' ' || got[0] == '\t' || got[0] == '-' || got[0] == '+' || orderedListMarker.MatchString(got)) {
			t.Fatalf("mdEscapeStart(%q) = %q opens a block", s, got)
		}
	})
}

// orderedListMarker matches text that starts an ordered list.
var orderedListMarker = regexp.MustCompile(`^[0-9]{1,9}[.)]([ \t]|$)`)

// checkInertMarkdown fails when out, the escaping of s, holds a line
// break, or a character that opens markup or an entity without a
// backslash before it.
func checkInertMarkdown(t *testing.T, s, out string) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case c == '\\':
			if i+1 == len(out) || !isASCIIPunct(out[i+1]) {
				t.Fatalf("escaping %q gives %q: a backslash escapes nothing at byte %d", s, out, i)
			}
			i++
		case c == '\n' || c == '\r':
			t.Fatalf("escaping %q gives %q: a line break at byte %d", s, out, i)
		case strings.IndexByte("`*_[]|#<>~", c) >= 0, c == '&' && i+1 < len(out) && isEntityStart(out[i+1]):
			t.Fatalf("escaping %q gives %q: %q at byte %d opens markup", s, out, c, i)
		}
	}
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// mdUnescape removes CommonMark backslash escapes: a backslash before
// ASCII punctuation stands for that character.
func mdUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdFold folds each line break (CRLF, CR or LF) into one space.
func mdFold(s string) string {
	return strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
}

// mdReference is the Markdown escaping written plainly, byte by byte.
func mdReference(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '|', '#', '<', '>', '~':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '&':
			if i+1 < len(s) && (s[i+1] == '#' || s[i+1] < utf8.RuneSelf && unicode.IsLetter(rune(s[i+1]))) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteByte(' ')
		case '\n':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// mdStartReference is mdEscapeStart written plainly: leading white space
// and line breaks dropped, a leading list marker escaped, the rest as
// mdReference escapes it.
func mdStartReference(s string) string {
	s = strings.TrimLeft(s, " \t\r\n")
	if s != "" && (s[0] == '-' || s[0] == '+') {
		return "\\" + s[:1] + mdReference(s[1:])
	}
	if m := orderedListStart.FindStringSubmatch(s); m != nil {
		return m[1] + "\\" + m[2] + mdReference(s[len(m[1])+1:])
	}
	return mdReference(s)
}

// orderedListStart matches an ordered list marker: one to nine digits, a
// dot or a parenthesis, then white space, a line break or the end.
var orderedListStart = regexp.MustCompile(`^([0-9]{1,9})([.)])(?:[ \t\r\n]|$)`)

// TestEscapeMatchesReference holds the Markdown escapers and the byte
// scanner they use to their plain references, on text drawn from the
// characters where they decide something: markup, ampersands before the
// edges of the letters, line breaks, list markers, digits, white space,
// and lengths around the scanner's eight-byte steps.
func TestEscapeMatchesReference(t *testing.T) {
	alphabet := []byte("\\`*_[]|#<>~&\r\n \t-+.)09aAzZ@[`{/:x")
	marks := newByteSet(func(c byte) bool { return c == '#' || c == '&' })
	rapid.Check(t, func(rt *rapid.T) {
		bs := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, 40).Draw(rt, "text")
		s := string(bs)
		var o obuf
		o.mdEscape(s)
		if got, want := string(o.b), mdReference(s); got != want {
			rt.Fatalf("mdEscape(%q) = %q, want %q", s, got, want)
		}
		o.b = o.b[:0]
		o.mdEscapeStart(s)
		if got, want := string(o.b), mdStartReference(s); got != want {
			rt.Fatalf("mdEscapeStart(%q) = %q, want %q", s, got, want)
		}
		from := rapid.IntRange(0, len(s)).Draw(rt, "from")
		want := len(s)
		if k := strings.IndexAny(s[from:], "#&"); k >= 0 {
			want = from + k
		}
		if got := marks.next(s, from); got != want {
			rt.Fatalf("next(%q, %d) = %d, want %d", s, from, got, want)
		}
	})
	// An ampersand before every byte, and every byte alone, as text and
	// as a code span (which only letters, digits, '.', ':', '-' and '_'
	// may take).
	for c := range 256 {
		for _, s := range []string{string([]byte{'&', byte(c)}), string([]byte{byte(c)})} {
			var o obuf
			o.mdEscape(s)
			assert.Equal(t, mdReference(s), string(o.b), "%q", s)
		}
		s := "a" + string([]byte{byte(c)})
		want := mdReference(s)
		if r := rune(c); r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".:-_", r)) {
			want = "`" + s + "`"
		}
		var o obuf
		o.mdCode(s)
		assert.Equal(t, want, string(o.b), "code %q", s)
	}
	// The digits of a list marker, at and past the most CommonMark reads.
	for _, s := range []string{"123456789. x", "1234567890. x", "123456789)", "12345678901)", "1.x", "1.", "0) y", ". x", ")", "  .", "-", "+ y"} {
		var o obuf
		o.mdEscapeStart(s)
		assert.Equal(t, mdStartReference(s), string(o.b), "%q", s)
	}
}

// mdText returns text escaped as mdEscape appends it.
func mdText(text string) string {
	var o obuf
	o.mdEscape(text)
	return string(o.b)
}
