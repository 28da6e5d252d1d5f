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

// mdEscape appends text escaped as Markdown inline text (CommonMark, with
// GitHub's tables and strikethrough), so that text from a record never
// becomes Markdown structure or HTML: every character that can open
// markup (\ ` * _ [ ] | # < > ~) is backslash-escaped, as CommonMark lets
// any ASCII punctuation be; so is & where it could start an entity or
// character reference (before a letter or #), and a line break (CR, LF
// or CRLF) is folded into one space so that a value stays on its line.
// Raw HTML and autolinks cannot start, as every < is escaped; nothing is
// written as an HTML entity. Unchanged runs are copied in one piece.
//
// Text that starts a block (a paragraph, a list item, a note) also needs
// mdEscapeStart.
func (o *obuf) mdEscape(text string) {
	b := o.b
	last := 0
	for i := mdMarks.next(text, 0); i < len(text); i = mdMarks.next(text, i) {
		c := text[i]
		switch c {
		case '&':
			if i+1 == len(text) || !isEntityStart(text[i+1]) {
				i++ // a plain ampersand
				continue
			}
			b = append(append(b, text[last:i]...), '\\', '&')
		case '\n':
			b = append(append(b, text[last:i]...), ' ')
		case '\r':
			b = append(append(b, text[last:i]...), ' ')
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		default:
			b = append(append(b, text[last:i]...), '\\', c)
		}
		i++
		last = i
	}
	o.b = append(b, text[last:]...)
}

// mdMarks marks the bytes mdEscape looks at.
var mdMarks = newByteSet(func(c byte) bool {
	switch c {
	case '\\', '`', '*', '_', '[', ']', '|', '#', '<', '>', '~', '&', '\n', '\r':
		return true
	}
	return false
})

// isEntityStart reports whether c, after an &, could make an entity or a
// character reference ("&lt;", "&#60;").
func isEntityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mdEscapeStart appends text that starts a Markdown block, escaped as
// mdEscape does and also kept from opening a block of its own: leading
// white space (which could make an indented code block) is dropped, and a
// leading list marker ("-" or "+", and "1." or "1)" before white space
// or the end) is escaped. The other block
// openers (#, >, `, ~, <, *, _, |) are escaped wherever they are.
func (o *obuf) mdEscapeStart(text string) {
	i := 0
	for i < len(text) && isSpaceOrBreak(text[i]) {
		i++
	}
	text = text[i:]
	switch {
	case text == "":
	case text[0] == '-' || text[0] == '+':
		o.b = append(o.b, '\\', text[0])
		text = text[1:]
	default:
		d := 0
		for d < len(text) && d < 10 && text[d] >= '0' && text[d] <= '9' {
			d++
		}
		if d > 0 && d < 10 && d < len(text) && (text[d] == '.' || text[d] == ')') && (d+1 == len(text) || isSpaceOrBreak(text[d+1])) {
			o.b = append(append(o.b, text[:d]...), '\\', text[d])
			text = text[d+1:]
		}
	}
	o.mdEscape(text)
}

// isSpaceOrBreak reports whether c is a space, a tab or a line break, the
// bytes that end a list marker.
func isSpaceOrBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

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
