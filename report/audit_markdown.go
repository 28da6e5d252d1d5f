package report

import (
	"io"
	"strings"
)

// obuf gathers a rendered document in memory and hands it to the writer
// in chunks of about obufChunk bytes, keeping the first write error.
// Appending to a byte slice is the cheapest way to write the many small
// pieces a report is made of.
type obuf struct {
	b   []byte
	w   io.Writer
	err error
}

const obufChunk = 64 << 10

func newObuf(w io.Writer) obuf { return obuf{b: make([]byte, 0, 2*obufChunk), w: w} }

func (o *obuf) str(parts ...string) {
	for _, p := range parts {
		o.b = append(o.b, p...)
	}
}

// spill writes the buffer out once it holds a chunk.
func (o *obuf) spill() {
	if len(o.b) >= obufChunk {
		o.flush()
	}
}

// flush writes what the buffer holds and returns the first write error.
func (o *obuf) flush() error {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
	return o.err
}

// mdDoc writes the report layout as CommonMark with GitHub-style tables.
// Every piece of text goes through md, which escapes as mdText does, so
// text from the record never becomes Markdown or HTML structure.
type mdDoc struct {
	o obuf
}

// md writes text escaped for Markdown as mdText does.
func (m *mdDoc) md(text string) { m.o.mdEscape(text) }

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

// codeUnsafe marks the bytes a code span may not hold: all but letters,
// digits, '.', ':', '-' and '_'.
var codeUnsafe = newByteSet(func(c byte) bool {
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-' || c == '_')
})

func (m *mdDoc) begin(string) {}
func (m *mdDoc) end()         {}

func (m *mdDoc) heading(level int, _ string, text string) {
	m.openHeading(level, "", "")
	m.md(text)
	m.closeHeading(level)
}

// mdHeadingMarks are the marks of headings of level 1 to 3.
var mdHeadingMarks = [...]string{"# ", "## ", "### "}

func (m *mdDoc) openHeading(level int, _, _ string) {
	if level >= 1 && level <= len(mdHeadingMarks) {
		m.o.str(mdHeadingMarks[level-1])
		return
	}
	m.o.str(strings.Repeat("#", level), " ")
}

func (m *mdDoc) closeHeading(int) { m.o.str("\n\n") }

func (m *mdDoc) open(b block) {
	switch b {
	case blockItem:
		m.o.str("- ")
	case blockNote:
		m.o.str("> ")
	case blockRow:
		m.o.str("|")
	case blockCell:
		m.o.str(" ")
	}
}

func (m *mdDoc) close(b block) {
	switch b {
	case blockPara, blockNote:
		m.o.str("\n\n")
	case blockList, blockItem, blockRow:
		m.o.str("\n")
	case blockCell:
		m.o.str(" |")
		return
	}
	m.o.spill()
}

func (m *mdDoc) text(s string)                { m.md(s) }
func (m *mdDoc) buffer() (o *obuf, html bool) { return &m.o, false }
func (m *mdDoc) lit(s string)                 { m.o.b = append(m.o.b, s...) }

func (m *mdDoc) strong(s string) {
	m.o.str("**")
	m.md(s)
	m.o.str("**")
}

// code writes a token-like value (letters, digits, '.', ':', '-', '_',
// such as a digest) as a code span, and anything else as escaped text: a
// code span shows its content literally, so only values that cannot hold
// markup go in one.
func (m *mdDoc) code(s string) {
	if codeUnsafe.next(s, 0) < len(s) {
		m.md(s)
		return
	}
	if s == "" {
		return
	}
	m.o.str("`", s, "`")
}

// Markdown has no portable anchors: links and targets are their text.
func (m *mdDoc) link(_, _, s string)      { m.md(s) }
func (m *mdDoc) target(_, _, s string)    { m.md(s) }
func (m *mdDoc) badge(_ string, s string) { m.strong(s) }

func (m *mdDoc) table(head ...string) {
	m.o.str("|")
	for _, h := range head {
		m.o.str(" ")
		m.md(h)
		m.o.str(" |")
	}
	m.o.str("\n|")
	for range head {
		m.o.str("---|")
	}
	m.o.str("\n")
}

func (m *mdDoc) endTable() { m.o.str("\n") }
