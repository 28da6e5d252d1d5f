package report

import "strings"

// mdDoc writes the report layout as CommonMark with GitHub-style tables.
// Every piece of text goes through mdText's escaping, so text from the
// record never becomes Markdown or HTML structure.
type mdDoc struct {
	s sticky
}

// md writes text escaped for Markdown as mdText does (markup characters
// backslash-escaped, < and > as entities, line breaks folded into
// spaces), writing unchanged runs in one piece.
func (m *mdDoc) md(text string) {
	last := 0
	for i := 0; i < len(text); i++ {
		if !mdSpecial[text[i]] {
			continue
		}
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
				m.s.str(text[last:i], rep)
				i++
				last = i + 1
				continue
			}
		default:
			continue
		}
		m.s.str(text[last:i], rep)
		last = i + 1
	}
	m.s.str(text[last:])
}

func (m *mdDoc) raw(b []byte) { _, _ = m.s.Write(b) }

// mdSpecial marks the bytes md replaces.
var mdSpecial = func() (t [256]bool) {
	for _, c := range "\\`*_[]|#<>\n\r" {
		t[c] = true
	}
	return t
}()

// codeSafe marks the bytes a code span may hold.
var codeSafe = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-' || c == '_'
	}
	return t
}()

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
	for i := 0; i < len(s); i++ {
		if !codeSafe[s[i]] {
			m.md(s)
			return
		}
	}
	if s == "" {
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
