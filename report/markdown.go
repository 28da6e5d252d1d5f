package report

import (
	"strings"
)

// mdDoc writes the report layout as CommonMark with GitHub-style tables.
// Every piece of text goes through md, which escapes as mdText does, so
// text from the record never becomes Markdown or HTML structure.
type mdDoc struct {
	o obuf
}

// md writes text escaped for Markdown as mdText does.
func (m *mdDoc) md(text string) { m.o.mdEscape(text) }

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
