package report

import (
	"math"
	"strconv"
	"strings"
)

// programmeDoc is a doc that also draws the programme report's charts.
type programmeDoc interface {
	doc
	barChart(c *barChart)
	histogram(h *histogram)
}

// barChart is a horizontal bar chart with one row per category and one
// stacked segment per series.
type barChart struct {
	title   string
	caption string
	unit    [2]string // what a bar counts, singular and plural: "nonconformity", "nonconformities"
	head    string    // the category column's heading in tables
	labels  []string  // short category labels, e.g. "A.8.8"
	titles  []string  // long titles, e.g. "Management of technical vulnerabilities"
	series  []series
}

// series is one stacked segment of a bar chart: a name, a fixed colour
// (never taken from input) and one value per category.
type series struct {
	name   string
	colour string
	values []int
}

func (c *barChart) total(i int) int {
	n := 0
	for _, s := range c.series {
		n += s.values[i]
	}
	return n
}

// histogram counts values in bins of equal width from 0, with markers
// such as the median drawn over it.
type histogram struct {
	title   string
	caption string
	axis    string    // what the x axis measures, e.g. "days to close"
	unit    [2]string // what a bar counts, singular and plural: "action", "actions"
	width   float64
	counts  []int
	markers []marker
}

type marker struct {
	name  string
	value float64
}

// binLabel names bin i, e.g. "14–28".
func (h *histogram) binLabel(i int) string {
	return num(float64(i)*h.width) + "–" + num(float64(i+1)*h.width)
}

// binWidths are the bin widths a closure-time histogram chooses from, in
// days: the smallest that keeps at most maxBins bins.
var binWidths = []float64{1, 2, 5, 7, 10, 14, 15, 30, 45, 60, 90, 120, 180, 365, 730}

const maxBins = 10

// newHistogram bins values (all at least 0) in at most maxBins bins.
func newHistogram(values []float64) histogram {
	top := 0.0
	for _, v := range values {
		top = max(top, v)
	}
	w := 0.0
	for _, c := range binWidths {
		if int(top/c)+1 <= maxBins {
			w = c
			break
		}
	}
	if w == 0 {
		w = float64(int(top/maxBins) + 1)
	}
	h := histogram{width: w, counts: make([]int, int(top/w)+1)}
	for _, v := range values {
		h.counts[int(v/w)]++
	}
	return h
}

// programmeMarkdown writes the programme report as Markdown: charts become tables
// of the figures they draw.
type programmeMarkdown struct {
	mdDoc
}

func (m *programmeMarkdown) barChart(c *barChart) {
	m.strong(c.title)
	m.o.str("\n\n")
	head := []string{c.head, "Title"}
	for _, s := range c.series {
		head = append(head, upperFirst(s.name))
	}
	head = append(head, "Total")
	m.table(head...)
	for i := range c.labels {
		m.open(blockRow)
		tcell(m, c.labels[i])
		tcell(m, c.titles[i])
		for _, s := range c.series {
			tcell(m, strconv.Itoa(s.values[i]))
		}
		tcell(m, strconv.Itoa(c.total(i)))
		m.close(blockRow)
	}
	m.endTable()
	para(m, c.caption)
}

func (m *programmeMarkdown) histogram(h *histogram) {
	m.strong(h.title)
	m.o.str("\n\n")
	m.table(upperFirst(h.axis), upperFirst(h.unit[1]))
	for i, n := range h.counts {
		m.open(blockRow)
		tcell(m, h.binLabel(i))
		tcell(m, strconv.Itoa(n))
		m.close(blockRow)
	}
	m.endTable()
	marks := make([]string, len(h.markers))
	for i, k := range h.markers {
		marks[i] = k.name + " " + fixed1(k.value)
	}
	para(m, h.caption+" Marked: "+strings.Join(marks, ", ")+".")
}

// programmeHTML writes the programme report as the audit report's HTML page,
// with the charts as inline SVG.
type programmeHTML struct {
	htmlDoc
	charts int // charts written, for element ids
}

// chartStyle adds the charts' rules to the audit report's stylesheet.
const chartStyle = `figure.chart{margin:.6rem 0 1.2rem}
figure.chart svg{display:block;max-width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
figcaption{font-size:.9em;color:#4a5560;margin-top:.3rem}
@media print{figure.chart{break-inside:avoid}}
`

// svgOpen starts a figure with an SVG of the given size, titled for
// assistive technology.
func (h *programmeHTML) svgOpen(title string, width, height float64) {
	h.charts++
	id := "chart-" + strconv.Itoa(h.charts)
	w, hh := num(width), num(height)
	h.o.str("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", w, " ", hh,
		"\" width=\"", w, "\" height=\"", hh, "\" role=\"img\" aria-labelledby=\"", id, "-title\">\n<title id=\"", id, "-title\">")
	h.o.htmlEscape(title)
	h.o.str("</title>\n")
}

func (h *programmeHTML) svgClose(caption string) {
	h.o.str("</svg>\n<figcaption>")
	h.o.htmlEscape(caption)
	h.o.str("</figcaption>\n</figure>\n")
	h.o.spill()
}

// svgText writes a text element at (x, y) with the given anchor and
// extra attributes (constants only).
func (h *programmeHTML) svgText(x, y float64, anchor, attrs, s string) {
	h.o.str(`<text x="`, num(x), `" y="`, num(y), `" text-anchor="`, anchor, `"`, attrs, ">")
	h.o.htmlEscape(s)
	h.o.str("</text>\n")
}

func (h *programmeHTML) svgLine(x1, y1, x2, y2 float64, attrs string) {
	h.o.str(`<line x1="`, num(x1), `" y1="`, num(y1), `" x2="`, num(x2), `" y2="`, num(y2), `"`, attrs, "/>\n")
}

func (h *programmeHTML) svgRect(x, y, w, hh float64, fill string) {
	h.o.str(`<rect x="`, num(x), `" y="`, num(y), `" width="`, num(w), `" height="`, num(hh), `" fill="`, fill, "\"/>\n")
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that divides
// 0..top into at most maxTicks steps.
func niceStep(top float64, maxTicks int) float64 {
	for step := 1.0; ; step *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if math.Ceil(top/(m*step)) <= float64(maxTicks) {
				return m * step
			}
		}
	}
}

// axis returns the step and the top of an axis from 0 that holds top
// (at least 1) in at most maxTicks steps; with room, the top is a step
// above the largest value.
func axis(top float64, maxTicks int, room bool) (step, end float64) {
	top = max(top, 1)
	step = niceStep(top, maxTicks)
	end = math.Ceil(top/step) * step
	if room {
		end = (math.Floor(top/step) + 1) * step
	}
	return step, end
}

// Chart geometry, in SVG user units.
const (
	chartWidth   = 720.0
	barLabelW    = 150.0 // the category labels' column
	barTop       = 34.0  // room for the legend
	barRow       = 20.0
	barHeight    = 13.0
	barRight     = 44.0 // room for the totals
	chartBottom  = 30.0 // room for the axis labels
	histTop      = 40.0 // room for the marker labels
	histHeight   = 180.0
	histLeft     = 48.0
	histRight    = 20.0
	labelMaxRune = 22
)

// shorten cuts a label to labelMaxRune characters with an ellipsis, so it
// stays in its column; the full text is in the row's title.
func shorten(s string) string {
	if r := []rune(s); len(r) > labelMaxRune {
		return string(r[:labelMaxRune-1]) + "…"
	}
	return s
}

func (h *programmeHTML) barChart(c *barChart) {
	n := len(c.labels)
	top := 0.0
	for i := range n {
		top = max(top, float64(c.total(i)))
	}
	step, axisMax := axis(top, 6, false)
	x0, x1 := barLabelW, chartWidth-barRight
	scale := (x1 - x0) / axisMax
	height := barTop + float64(n)*barRow + chartBottom
	h.svgOpen(c.title, chartWidth, height)
	// Legend.
	x := x0
	for _, s := range c.series {
		h.svgRect(x, 8, 12, 12, s.colour)
		h.svgText(x+16, 18, "start", "", s.name)
		x += 16 + 8*float64(len(s.name)) + 18
	}
	// Grid and axis labels.
	base := barTop + float64(n)*barRow
	for k := 0.0; k*step <= axisMax; k++ {
		v := k * step
		gx := x0 + v*scale
		h.svgLine(gx, barTop-4, gx, base, ` stroke="#d9e0e7"`)
		h.svgText(gx, base+16, "middle", ` fill="#4a5560"`, num(v))
	}
	// Bars.
	for i := range n {
		y := barTop + float64(i)*barRow
		tip := c.labels[i]
		if c.titles[i] != "" {
			tip += " " + c.titles[i]
		}
		parts := []string{}
		for _, s := range c.series {
			if s.values[i] > 0 {
				parts = append(parts, strconv.Itoa(s.values[i])+" "+s.name)
			}
		}
		tip += ": " + plural(c.total(i), c.unit[0], c.unit[1]) + " (" + strings.Join(parts, ", ") + ")"
		h.o.str("<g>\n<title>")
		h.o.htmlEscape(tip)
		h.o.str("</title>\n")
		h.svgText(x0-8, y+barHeight-2, "end", "", shorten(c.labels[i]))
		bx := x0
		for _, s := range c.series {
			if v := s.values[i]; v > 0 {
				w := float64(v) * scale
				h.svgRect(bx, y, w, barHeight, s.colour)
				bx += w
			}
		}
		h.svgText(bx+6, y+barHeight-2, "start", "", strconv.Itoa(c.total(i)))
		h.o.str("</g>\n")
	}
	h.svgLine(x0, barTop-4, x0, base, ` stroke="#4a5560"`)
	h.svgClose(c.caption)
}

func (h *programmeHTML) histogram(hg *histogram) {
	n := len(hg.counts)
	top := 0.0
	for _, c := range hg.counts {
		top = max(top, float64(c))
	}
	step, axisMax := axis(top, 5, true) // room above the tallest bar for its count
	x0, x1 := histLeft, chartWidth-histRight
	y0, y1 := histTop, histTop+histHeight
	binW := (x1 - x0) / float64(n)
	yScale := histHeight / axisMax
	h.svgOpen(hg.title, chartWidth, y1+chartBottom+18)
	for k := 0.0; k*step <= axisMax; k++ {
		v := k * step
		gy := y1 - v*yScale
		h.svgLine(x0, gy, x1, gy, ` stroke="#d9e0e7"`)
		h.svgText(x0-6, gy+4, "end", ` fill="#4a5560"`, num(v))
	}
	for i, c := range hg.counts {
		bx := x0 + float64(i)*binW
		h.o.str("<g>\n<title>")
		h.o.htmlEscape(hg.binLabel(i) + " " + hg.axis + ": " + plural(c, hg.unit[0], hg.unit[1]))
		h.o.str("</title>\n")
		if c > 0 {
			bh := float64(c) * yScale
			h.svgRect(bx+1, y1-bh, binW-2, bh, "#1f4e79")
			h.svgText(bx+binW/2, y1-bh-4, "middle", "", strconv.Itoa(c))
		}
		h.o.str("</g>\n")
	}
	for i := 0; i <= n; i++ {
		h.svgText(x0+float64(i)*binW, y1+16, "middle", ` fill="#4a5560"`, num(float64(i)*hg.width))
	}
	h.svgText((x0+x1)/2, y1+34, "middle", ` fill="#4a5560"`, hg.axis)
	span := float64(n) * hg.width
	for i, m := range hg.markers {
		mx := x0 + m.value/span*(x1-x0)
		h.svgLine(mx, y0-6, mx, y1, ` stroke="#b3261e" stroke-dasharray="4 3"`)
		anchor := "start"
		if mx > (x0+x1)/2 {
			anchor = "end"
		}
		dx := 4.0
		if anchor == "end" {
			dx = -4
		}
		h.svgText(mx+dx, y0-10-float64(i%2)*14, anchor, ` fill="#b3261e"`, m.name+" "+fixed1(m.value))
	}
	h.svgLine(x0, y1, x1, y1, ` stroke="#4a5560"`)
	h.svgClose(hg.caption)
}
