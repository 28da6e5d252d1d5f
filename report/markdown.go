package report

// mdDoc writes the report layout as CommonMark with GitHub-style tables.
// Every piece of text goes through md, which escapes it as Markdown
// (mdEscape, and mdEscapeStart where it starts a block), so text from the
// record never becomes Markdown or HTML structure.
type mdDoc struct {
	o obuf
	// start is set while nothing has been written in the paragraph, list
	// item or note just opened.
	start bool
}

// md writes text escaped for Markdown.
func (m *mdDoc) md(text string) {
	if m.start {
		n := len(m.o.b)
		m.o.mdEscapeStart(text)
		m.start = len(m.o.b) == n
		return
	}
	m.o.mdEscape(text)
}

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

// openHeading clamps level to 1..3, as the HTML page does.
func (m *mdDoc) openHeading(level int, _, _ string) {
	m.start = false
	m.o.str(mdHeadingMarks[min(max(level, 1), len(mdHeadingMarks))-1])
}

func (m *mdDoc) closeHeading(int) { m.o.str("\n\n") }

func (m *mdDoc) open(b block) {
	m.start = b == blockPara || b == blockItem || b == blockNote || b == blockDraft
	switch b {
	case blockItem:
		m.o.str("- ")
	case blockNote, blockDraft:
		m.o.str("> ")
	case blockRow:
		m.o.str("|")
	case blockCell:
		m.o.str(" ")
	}
}

func (m *mdDoc) close(b block) {
	switch b {
	case blockPara, blockNote, blockDraft:
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
func (m *mdDoc) lit(s string) {
	m.start = false
	m.o.b = append(m.o.b, s...)
}

// lineBreak ends the line within a list item with a hard line break (a
// backslash at the end of the line) and indents the next as the item's.
func (m *mdDoc) lineBreak() {
	m.start = false
	m.o.str("\\\n  ")
}

func (m *mdDoc) strong(s string) {
	m.start = false
	m.o.str("**")
	m.md(s)
	m.o.str("**")
}

// code writes a token-like value (letters, digits, '.', ':', '-', '_',
// such as a digest) as a code span, and anything else as escaped text: a
// code span shows its content literally, so only values that cannot hold
// markup go in one.
func (m *mdDoc) code(s string) {
	m.start = false
	m.o.mdCode(s)
}

// mdCode appends a token-like value (letters, digits, '.', ':', '-', '_')
// as a code span, and anything else as escaped text.
func (o *obuf) mdCode(s string) {
	switch {
	case s == "":
	case codeUnsafe.next(s, 0) < len(s):
		o.mdEscape(s)
	default:
		o.str("`", s, "`")
	}
}

// Markdown has no portable anchors: links and targets are their text.
func (m *mdDoc) link(_, _, s string)      { m.md(s) }
func (m *mdDoc) target(_, _, s string)    { m.md(s) }
func (m *mdDoc) badge(_ string, s string) { m.strong(s) }

func (m *mdDoc) table(head ...string) {
	m.start = false
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
