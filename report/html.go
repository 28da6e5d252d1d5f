package report

// htmlDoc writes the report layout as one self-contained HTML page: inline
// CSS with print rules, no script, no external resource (a
// Content-Security-Policy forbids both), and every piece of text escaped.
//
// The page is written directly rather than through html/template: at the
// size of a large audit (2,000 findings, 10,000 evidence items) template
// execution takes about ten times the 20 ms budget. Safety does not rest
// on contextual escaping, as text only ever lands in element content or in
// quoted attribute values, both escaped with htmlEscape (the same escaping
// as html/template's HTMLEscapeString, which a fuzz test checks), and
// element ids are made by anchor, which keeps only letters, digits and
// '-'. Class names come from constants, never from input.
type htmlDoc struct {
	o obuf
	// style is added to the page's stylesheet (htmlStyle): constants
	// only, such as the charts' rules.
	style string
}

// htmlStyle is the page's stylesheet, screen and print.
const htmlStyle = `:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1f24;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem}
h1{font-size:1.8rem;margin:0 0 1rem;padding-bottom:.4rem;border-bottom:3px solid #1f4e79}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;color:#1f4e79;border-bottom:1px solid #c9d3dd}
h3{font-size:1.05rem;margin:0 0 .4rem}
p,li,td,th{white-space:pre-line;overflow-wrap:anywhere}
ul{padding-left:1.4rem;margin:.3rem 0 .8rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #c9d3dd;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
a{color:#1f4e79}
.finding{border:1px solid #c9d3dd;border-left:4px solid #1f4e79;border-radius:4px;padding:.75rem 1rem;margin:0 0 1rem}
.note{background:#f4f6f8;border-left:4px solid #7a8896;padding:.5rem .75rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85em;font-weight:600;white-space:nowrap}
.badge-major{background:#fde2e1;color:#8a1c17}
.badge-minor{background:#fff1d6;color:#7a4b00}
.badge-good{background:#dff3e4;color:#1d5e2c}
.badge-other{background:#e6eef7;color:#1f4e79}
.badge-overdue{background:#8a1c17;color:#fff}
.badge-withheld{background:#3d4650;color:#fff}
@page{margin:18mm 15mm}
@media print{
body{font-size:10.5pt}
main{max-width:none;padding:0}
h2,h3{break-after:avoid}
.finding,tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
.badge{border:1px solid currentColor}
}
`

func (h *htmlDoc) begin(title string) {
	h.o.str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<meta name=\"generator\" content=\"ismsaudit\">\n<title>")
	h.o.htmlEscape(title)
	h.o.str("</title>\n<style>\n", htmlStyle, h.style, "</style>\n</head>\n<body>\n<main>\n")
}

func (h *htmlDoc) end() { h.o.str("</main>\n</body>\n</html>\n") }

var headingTags = [...][2]string{{"<h1", "</h1>\n"}, {"<h2", "</h2>\n"}, {"<h3", "</h3>\n"}}

func (h *htmlDoc) heading(level int, anchor, text string) {
	t := headingTags[min(max(level, 1), len(headingTags))-1]
	h.o.str(t[0], ` id="`)
	h.o.htmlEscape(anchor)
	h.o.str(`">`)
	h.o.htmlEscape(text)
	h.o.str(t[1])
}

func (h *htmlDoc) openHeading(level int, prefix, id string) {
	h.o.str(headingTags[min(max(level, 1), len(headingTags))-1][0], ` id="`)
	h.o.b = appendAnchor(h.o.b, prefix, id)
	h.o.str(`">`)
}

func (h *htmlDoc) closeHeading(level int) {
	h.o.str(headingTags[min(max(level, 1), len(headingTags))-1][1])
}

var (
	openTags  = [...]string{blockPara: "<p>", blockList: "<ul>\n", blockItem: "<li>", blockNote: `<p class="note">`, blockDraft: `<p class="draft" role="alert">`, blockFinding: "<article class=\"finding\">\n", blockRow: "<tr>", blockCell: "<td>"}
	closeTags = [...]string{blockPara: "</p>\n", blockList: "</ul>\n", blockItem: "</li>\n", blockNote: "</p>\n", blockDraft: "</p>\n", blockFinding: "</article>\n", blockRow: "</tr>\n", blockCell: "</td>"}
)

func (h *htmlDoc) open(b block) { h.o.str(openTags[b]) }

func (h *htmlDoc) close(b block) {
	h.o.str(closeTags[b])
	if b != blockCell {
		h.o.spill()
	}
}

func (h *htmlDoc) text(s string)                { h.o.htmlEscape(s) }
func (h *htmlDoc) buffer() (o *obuf, html bool) { return &h.o, true }
func (h *htmlDoc) lit(s string)                 { h.o.b = append(h.o.b, s...) }

// lineBreak starts a new line within the element.
func (h *htmlDoc) lineBreak() { h.o.str("<br>") }

func (h *htmlDoc) strong(s string) {
	h.o.str("<strong>")
	h.o.htmlEscape(s)
	h.o.str("</strong>")
}

func (h *htmlDoc) code(s string) {
	h.o.str("<code>")
	h.o.htmlEscape(s)
	h.o.str("</code>")
}

func (h *htmlDoc) link(prefix, id, s string) {
	h.o.str(`<a href="#`)
	h.o.b = appendAnchor(h.o.b, prefix, id)
	h.o.str(`">`)
	h.o.htmlEscape(s)
	h.o.str("</a>")
}

func (h *htmlDoc) target(prefix, id, s string) {
	h.o.str(`<strong id="`)
	h.o.b = appendAnchor(h.o.b, prefix, id)
	h.o.str(`">`)
	h.o.htmlEscape(s)
	h.o.str("</strong>")
}

func (h *htmlDoc) badge(class, s string) {
	h.o.str(`<span class="badge badge-`, class, `">`)
	h.o.htmlEscape(s)
	h.o.str("</span>")
}

func (h *htmlDoc) table(head ...string) {
	h.o.str("<table>\n<thead><tr>")
	for _, c := range head {
		h.o.str("<th>")
		h.o.htmlEscape(c)
		h.o.str("</th>")
	}
	h.o.str("</tr></thead>\n<tbody>\n")
}

func (h *htmlDoc) endTable() { h.o.str("</tbody>\n</table>\n") }

// anchor makes an element id from a kind prefix and a host id: letters,
// digits and '-' stay, every other byte becomes '_' and two hex digits, so
// distinct ids give distinct anchors.
func anchor(prefix, id string) string { return string(appendAnchor(nil, prefix, id)) }

// appendAnchor appends anchor(prefix, id), copying runs of bytes that
// stay in one piece.
func appendAnchor(b []byte, prefix, id string) []byte {
	const hex = "0123456789abcdef"
	b = append(append(b, prefix...), '-')
	last := 0
	for i := anchorMarks.next(id, 0); i < len(id); i = anchorMarks.next(id, i) {
		c := id[i]
		b = append(append(b, id[last:i]...), '_', hex[c>>4], hex[c&15])
		i++
		last = i
	}
	return append(b, id[last:]...)
}

// anchorMarks marks the bytes an anchor replaces: all but letters, digits
// and '-'.
var anchorMarks = newByteSet(func(c byte) bool {
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')
})
