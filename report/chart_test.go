package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgrammeHTMLCharts(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, programmeReport(t), HTML))
	out := buf.String()
	svg := out[strings.Index(out, "<svg "):]
	svg = svg[:strings.Index(svg, "</svg>")]
	// One bar group per criterion with nonconformities, and the legend.
	assert.Equal(t, 6, strings.Count(svg, "<g>"))
	assertContains(t, svg, `<rect x="150" y="8" width="12" height="12" fill="#b3261e"/>`)
	// The histogram marks the median and the 90th percentile of the
	// figures.
	assertContains(t, out, ">median 41.0</text>")
	assertContains(t, out, ">90th percentile 73.2</text>")
	n := 0
	for _, a := range programmeReport(t).Actions {
		if !a.Open() {
			n++
		}
	}
	assert.Equal(t, 7, n)
	assert.Equal(t, 6, strings.Count(out, `fill="#1f4e79"/>`), "one bar per non-empty bin: 6 bins hold the 7 closures")
}

func TestHistogramBins(t *testing.T) {
	tests := []struct {
		values []float64
		width  float64
		counts []int
	}{
		{[]float64{0}, 1, []int{1}},
		{[]float64{0.5, 3, 9.99}, 1, []int{1, 0, 0, 1, 0, 0, 0, 0, 0, 1}},
		{[]float64{10}, 2, []int{0, 0, 0, 0, 0, 1}},
		{[]float64{12, 26, 33, 41, 45.8, 58, 96}, 10, []int{0, 1, 1, 1, 2, 1, 0, 0, 0, 1}},
		{[]float64{100}, 14, []int{0, 0, 0, 0, 0, 0, 0, 1}},
		{[]float64{30000}, 3001, []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		h := newHistogram(tt.values)
		assert.Equal(t, tt.width, h.width, "%v", tt.values)
		assert.Equal(t, tt.counts, h.counts, "%v", tt.values)
		assert.LessOrEqual(t, len(h.counts), maxBins)
	}
	assert.Equal(t, "14–28", (&histogram{width: 14}).binLabel(1))
}

func TestNiceStepAndNumbers(t *testing.T) {
	for _, tt := range []struct {
		top   float64
		ticks int
		want  float64
	}{{1, 6, 1}, {6, 6, 1}, {7, 6, 2}, {13, 6, 5}, {31, 6, 10}, {61, 6, 20}, {250, 5, 50}, {1999, 5, 500}, {9.2e18, 5, 2e18}} {
		assert.Equal(t, tt.want, niceStep(tt.top, tt.ticks), "%v/%d", tt.top, tt.ticks)
	}
	for _, tt := range []struct {
		top       float64
		ticks     int
		room      bool
		step, end float64
	}{{0, 6, false, 1, 1}, {3, 6, false, 1, 3}, {2, 5, true, 1, 3}, {10, 5, true, 2, 12}, {9, 5, true, 2, 10}} {
		step, end := axis(tt.top, tt.ticks, tt.room)
		assert.Equal(t, [2]float64{tt.step, tt.end}, [2]float64{step, end}, "%+v", tt)
	}
	assert.Equal(t, "12", num(12.04))
	assert.Equal(t, "12.1", num(12.05))
	assert.Equal(t, "-3.5", num(-3.49))
	assert.Equal(t, "20.0", fixed1(19.96))
	assert.Equal(t, "POL-ACCESS-CONTROL-20…", shorten("POL-ACCESS-CONTROL-2026-v4"))
	assert.Equal(t, "A.5.15", shorten("A.5.15"))
}

// TestAxis: the step is 1, 2 or 5 times a power of ten giving at most
// maxTicks steps; the axis ends at the first step at or above the top
// (at least 1), or a step above the largest value with room.
func TestAxis(t *testing.T) {
	for _, tc := range []struct {
		top              float64
		ticks            int
		step, end, roomy float64
	}{
		{7, 5, 2, 8, 8},
		{8, 5, 2, 8, 10},
		{0, 5, 1, 1, 2},
		{45.8, 6, 10, 50, 50},
		{100, 4, 50, 100, 150},
		{3, 10, 1, 3, 4},
	} {
		step, end := axis(tc.top, tc.ticks, false)
		assert.Equal(t, [2]float64{tc.step, tc.end}, [2]float64{step, end}, "axis(%v, %d)", tc.top, tc.ticks)
		step, end = axis(tc.top, tc.ticks, true)
		assert.Equal(t, [2]float64{tc.step, tc.roomy}, [2]float64{step, end}, "axis(%v, %d) with room", tc.top, tc.ticks)
	}
}

// TestShorten: a label of at most labelMaxRune characters stays whole; a
// longer one is cut to that many, the last an ellipsis.
func TestShorten(t *testing.T) {
	fits := strings.Repeat("é", labelMaxRune)
	assert.Equal(t, fits, shorten(fits))
	assert.Equal(t, strings.Repeat("é", labelMaxRune-1)+"…", shorten(fits+"x"))
}

// TestChartGrids: the grid of a bar chart and of a histogram has a line
// and a label at every step of the axis, from 0 to its end.
func TestChartGrids(t *testing.T) {
	// The labels of the texts with the given anchor in the grid's colour.
	labels := func(out, anchor string) []string {
		var got []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, `text-anchor="`+anchor+`" fill="#4a5560">`) {
				got = append(got, l[strings.Index(l, ">")+1:strings.Index(l, "</text>")])
			}
		}
		return got
	}
	h := &programmeHTML{htmlDoc: htmlDoc{o: newObuf(nil)}}
	h.barChart(&barChart{title: "t", unit: [2]string{"one", "ones"}, labels: []string{"a", "b"}, titles: []string{"A", "B"},
		series: []series{{name: "s", colour: "#000000", values: []int{7, 3}}}})
	assert.Equal(t, []string{"0", "2", "4", "6", "8"}, labels(string(h.o.b), "middle"), "a top of 7 in at most 6 steps: steps of 2 up to 8")
	h.o.b = h.o.b[:0]
	h.histogram(&histogram{title: "t", axis: "days", unit: [2]string{"one", "ones"}, width: 10, counts: []int{7, 2}})
	assert.Equal(t, []string{"0", "2", "4", "6", "8"}, labels(string(h.o.b), "end"), "a top of 7 with room, in at most 5 steps")
}

// TestHistogramMarkerAnchors: a marker's label reads away from the edge
// it is nearer: from the marker rightwards up to the middle of the axis
// (the middle itself included), leftwards past it.
func TestHistogramMarkerAnchors(t *testing.T) {
	h := &programmeHTML{htmlDoc: htmlDoc{o: newObuf(nil)}}
	h.histogram(&histogram{title: "t", axis: "days", unit: [2]string{"one", "ones"}, width: 10, counts: []int{1, 1, 1, 1},
		markers: []marker{{"early", 5}, {"middle", 20}, {"late", 35}}})
	anchors := map[string]string{}
	for _, m := range regexp.MustCompile(`text-anchor="(\w+)" fill="#b3261e">([^<]*)</text>`).FindAllStringSubmatch(string(h.o.b), -1) {
		anchors[m[2]] = m[1]
	}
	assert.Equal(t, map[string]string{"early 5.0": "start", "middle 20.0": "start", "late 35.0": "end"}, anchors)
}
