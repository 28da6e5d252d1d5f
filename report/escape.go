package report

import "strings"

// byteSet marks bytes with a non-zero entry: the bytes an escaper must
// replace (or, for JSON, look at more closely).
type byteSet [256]uint8

// newByteSet marks the bytes for which mark is true.
func newByteSet(mark func(c byte) bool) *byteSet {
	var t byteSet
	for c := range 256 {
		if mark(byte(c)) {
			t[c] = 1
		}
	}
	return &t
}

// next returns the index of the first byte of s at or after i that the set
// marks, or len(s). Text is mostly plain, so it looks at eight bytes per
// step and branches once for them.
func (t *byteSet) next(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		if t[w[0]]|t[w[1]]|t[w[2]]|t[w[3]]|t[w[4]]|t[w[5]]|t[w[6]]|t[w[7]] != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if t[s[i]] != 0 {
			return i
		}
	}
	return len(s)
}

// mdEscape appends text escaped for Markdown as mdText does (markup
// characters backslash-escaped, < and > as entities, line breaks folded
// into spaces), copying unchanged runs in one piece.
func (o *obuf) mdEscape(text string) {
	b := o.b
	last := 0
	for i := mdMarks.next(text, 0); i < len(text); i = mdMarks.next(text, i) {
		var rep string
		switch text[i] {
		case '\\':
			rep = `\\`
		case '`':
			rep = "\\`"
		case '*':
			rep = `\*`
		case '_':
			rep = `\_`
		case '[':
			rep = `\[`
		case ']':
			rep = `\]`
		case '|':
			rep = `\|`
		case '#':
			rep = `\#`
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '\n':
			rep = " "
		case '\r':
			rep = " "
			if i+1 < len(text) && text[i+1] == '\n' {
				b = append(append(b, text[last:i]...), rep...)
				i += 2
				last = i
				continue
			}
		}
		b = append(append(b, text[last:i]...), rep...)
		i++
		last = i
	}
	o.b = append(b, text[last:]...)
}

// mdMarks marks the bytes md replaces.
var mdMarks = newByteSet(func(c byte) bool {
	switch c {
	case '\\', '`', '*', '_', '[', ']', '|', '#', '<', '>', '\n', '\r':
		return true
	}
	return false
})

// htmlEscape appends text with &, <, >, " and ' replaced by entities and
// NUL by U+FFFD, copying unchanged runs in one piece.
func (o *obuf) htmlEscape(text string) {
	b := o.b
	last := 0
	for i := htmlMarks.next(text, 0); i < len(text); i = htmlMarks.next(text, i) {
		var rep string
		switch text[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case 0:
			rep = "\uFFFD"
		}
		b = append(append(b, text[last:i]...), rep...)
		i++
		last = i
	}
	o.b = append(b, text[last:]...)
}

// htmlMarks marks the bytes htmlEscape replaces.
var htmlMarks = newByteSet(func(c byte) bool {
	switch c {
	case '&', '<', '>', '"', '\'', 0:
		return true
	}
	return false
})

// cell neutralises text that a spreadsheet would run as a formula (a
// leading =, +, -, @, tab or carriage return) by prefixing an apostrophe,
// as the OWASP guidance on CSV injection advises. Only text that came from
// outside the catalogue goes through it.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdText escapes the characters that would turn free text into Markdown or
// HTML structure, and folds line breaks so a value stays on its line.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ",
)

func mdText(s string) string { return mdReplacer.Replace(s) }
