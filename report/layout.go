package report

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/annexa"
)

// The document layer the audit and programme reports are written through:
// a layout calls the methods of doc, which the Markdown writer (mdDoc) and
// the HTML writer (htmlDoc) implement, each escaping every piece of text,
// into an in-memory buffer (obuf); and the labels and formats of values
// both reports and the checklist share.

// doc is what the report layout writes to. The Markdown and HTML writers
// implement it; each escapes every piece of text it is given, so the
// layout never handles markup.
type doc interface {
	begin(title string)
	end()
	heading(level int, anchor, text string)
	// openHeading starts a heading whose text the following calls write,
	// anchored at anchor(prefix, id); closeHeading ends it.
	openHeading(level int, prefix, id string)
	closeHeading(level int)
	open(b block)
	close(b block)
	text(s string)
	// lit writes a constant of the layout that no format escapes:
	// letters, digits, spaces and the punctuation ",.:;()·-" only (a test
	// checks every call). It spares the escaper's scan.
	lit(s string)
	strong(s string)
	code(s string)
	// lineBreak starts a new line within a list item, for a value that
	// is a field of its own (an evidence item's digest).
	lineBreak()
	link(prefix, id, s string)   // a link to the element target(prefix, id, ...) made
	target(prefix, id, s string) // text that links can point to
	// buffer returns the buffer the doc writes to and whether it escapes
	// text for HTML (else for Markdown), so that a layout can write text
	// as the doc would without a call through the interface.
	buffer() (o *obuf, html bool)
	badge(class, s string)
	table(head ...string)
	endTable()
}

// block is a structural element a doc opens and closes.
type block int

const (
	blockPara    block = iota // a paragraph
	blockList                 // a bullet list
	blockItem                 // an item of a list
	blockNote                 // a highlighted remark
	blockDraft                // the notice that a report is a draft
	blockFinding              // one finding, kept together when printed
	blockRow                  // a table row
	blockCell                 // a table cell
)

// badge classes: fixed names, never taken from input.
const (
	badgeMajor    = "major"
	badgeMinor    = "minor"
	badgeOther    = "other"
	badgeGood     = "good"
	badgeOverdue  = "overdue"
	badgeWithheld = "withheld"
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

// newObuf returns a buffer that writes to w.
func newObuf(w io.Writer) obuf { return obuf{b: make([]byte, 0, 2*obufChunk), w: w} }

// str appends parts as they are.
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

// item writes one list item "label value" when value is not empty; the
// label carries its colon.
func item(d doc, label, value string) {
	if value == "" {
		return
	}
	d.open(blockItem)
	d.strong(label)
	d.lit(" ")
	d.text(value)
	d.close(blockItem)
}

// para writes s as a paragraph.
func para(d doc, s string) {
	d.open(blockPara)
	d.text(s)
	d.close(blockPara)
}

// list writes items as a bullet list.
func list(d doc, items []string) {
	d.open(blockList)
	for _, s := range items {
		d.open(blockItem)
		d.text(s)
		d.close(blockItem)
	}
	d.close(blockList)
}

// tcell writes s as a table cell.
func tcell(d doc, s string) {
	d.open(blockCell)
	d.text(s)
	d.close(blockCell)
}

// kindTitles name each audit kind in headings.
var kindTitles = map[annexa.AuditKind]string{
	annexa.Stage1:          "Stage 1 audit",
	annexa.Stage2:          "Stage 2 audit",
	annexa.Surveillance:    "Surveillance audit",
	annexa.Recertification: "Recertification audit",
	annexa.Internal:        "Internal audit",
	annexa.SecondParty:     "Second-party audit",
	annexa.Special:         "Special audit",
}

// label is a reference as printed: "4.1" for a clause, "A.5.1" for an
// Annex A control, the id for a document.
func label(r annexa.Ref) string {
	switch r.Kind {
	case annexa.ClauseRef:
		return r.ID
	case annexa.ControlRef:
		return "A." + r.ID
	}
	return r.ID
}

// The layouts of times and dates in the reports.
const (
	timeLayout = "2006-01-02 15:04 -07:00"
	dateLayout = "2006-01-02"
)

// fmtTime formats t in timeLayout, or "" for the zero time.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timeLayout)
}

// fmtDate formats t in dateLayout, or "" for the zero time.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// appendTime appends t as t.Format(timeLayout) does, for years 0 to 9999.
func appendTime(b []byte, t time.Time) []byte {
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, timeLayout)
	}
	hour, minute, _ := t.Clock()
	_, offset := t.Zone()
	two := func(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
	b = two(two(b, year/100), year%100)
	b = two(append(b, '-'), int(month))
	b = two(append(b, '-'), day)
	b = two(append(b, ' '), hour)
	b = two(append(b, ':'), minute)
	sign := byte('+')
	if offset < 0 {
		sign, offset = '-', -offset
	}
	offset /= 60
	b = two(append(b, ' ', sign), offset/60)
	return two(append(b, ':'), offset%60)
}

// words turns a kebab-case token into words: "team-leader" -> "team leader".
func words[T ~string](v T) string { return strings.ReplaceAll(string(v), "-", " ") }

// lowerFirst lower-cases the first letter of an ASCII phrase.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// upperFirst upper-cases the first letter of an ASCII phrase.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plural counts n things: "1 audit", "3 audits".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// num formats v with at most one decimal: "12", "12.5".
func num(v float64) string {
	return strconv.FormatFloat(round1(v), 'f', -1, 64)
}

// round1 rounds v to one decimal.
func round1(v float64) float64 {
	if v < 0 {
		return -round1(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}

// fixed1 formats v with exactly one decimal: "12.0", "12.5".
func fixed1(v float64) string { return strconv.FormatFloat(round1(v), 'f', 1, 64) }

// percent formats a ratio as a whole percentage: "75%".
func percent(r float64) string { return strconv.FormatFloat(100*r, 'f', 0, 64) + "%" }

// join joins tokens of a string type with sep, as strings.Join does.
func join[S ~string](tokens []S, sep string) string {
	switch len(tokens) {
	case 0:
		return ""
	case 1:
		return string(tokens[0])
	}
	n := len(sep) * (len(tokens) - 1)
	for _, t := range tokens {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range tokens {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(string(t))
	}
	return b.String()
}
