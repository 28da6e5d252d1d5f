package report

import "strings"

// mdDoc writes the report layout as CommonMark with GitHub-style tables.
// Every piece of text goes through mdText's escaping, so text from the
// record never becomes Markdown or HTML structure.
type mdDoc struct {
	s sticky
}

// md writes text escaped for Markdown, line breaks folded.
func (m *mdDoc) md(text string) {
	if m.s.err != nil {
		return
	}
	_, m.s.err = mdReplacer.WriteString(&m.s, text)
}

func (m *mdDoc) begin(string) {}
func (m *mdDoc) end()         {}

func (m *mdDoc) heading(level int, _ string, text string) {
	m.s.str(strings.Repeat("#", level), " ")
	m.md(text)
	m.s.str("\n\n")
}

func (m *mdDoc) open(b block) {
	switch b {
	case blockItem:
		m.s.str("- ")
	case blockNote:
		m.s.str("> ")
	case blockRow:
		m.s.str("|")
	case blockCell:
		m.s.str(" ")
	}
}

func (m *mdDoc) close(b block) {
	switch b {
	case blockPara, blockNote:
		m.s.str("\n\n")
	case blockList, blockItem, blockRow:
		m.s.str("\n")
	case blockCell:
		m.s.str(" |")
	}
}

func (m *mdDoc) text(s string) { m.md(s) }

func (m *mdDoc) strong(s string) {
	m.s.str("**")
	m.md(s)
	m.s.str("**")
}

// code writes a token-like value (letters, digits, '.', ':', '-', '_',
// such as a digest) as a code span, and anything else as escaped text: a
// code span shows its content literally, so only values that cannot hold
// markup go in one.
func (m *mdDoc) code(s string) {
	if s == "" || strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == ':' || r == '-' || r == '_')
	}) >= 0 {
		m.md(s)
		return
	}
	m.s.str("`", s, "`")
}

func (m *mdDoc) link(_ string, s string)   { m.md(s) }
func (m *mdDoc) target(_ string, s string) { m.md(s) }
func (m *mdDoc) badge(_ string, s string)  { m.strong(s) }

func (m *mdDoc) table(head ...string) {
	m.s.str("|")
	for _, h := range head {
		m.s.str(" ")
		m.md(h)
		m.s.str(" |")
	}
	m.s.str("\n|")
	for range head {
		m.s.str("---|")
	}
	m.s.str("\n")
}

func (m *mdDoc) endTable() { m.s.str("\n") }
