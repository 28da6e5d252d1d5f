package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMarkdownEscapesEveryField(t *testing.T) {
	r := hostileReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	out := buf.String()
	assertInertMarkdown(t, out)
	assert.True(t, strings.Contains(out, `\<script\>alert('x')\</script\>\<img src=x onerror=alert(1)\>\&amp; "q" 'a'`))
	assert.True(t, strings.Contains(out, `\| \*b\* \_i\_ \#h \[l\](javascript:x) \`+"`c\\`"))
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	for i, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "|") {
			// A table row has as many unescaped pipes as its header.
			assert.Contains(t, []int{3, 5, 7}, len(pipes.FindAllString(line, -1)), "line %d: %s", i+1, line)
		}
		assert.False(t, strings.HasPrefix(line, "-- "), "line %d: a line break in a value leaked: %s", i+1, line)
	}
}

func TestProgrammeMarkdownEscapesEveryField(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteProgrammeReport(&buf, hostileProgrammeReport(t), Markdown))
	out := buf.String()
	assertInertMarkdown(t, out)
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	head := 0
	for i, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|"):
			n := len(pipes.FindAllString(line, -1))
			if head == 0 {
				head = n
			}
			assert.Equal(t, head, n, "line %d: a row has as many cells as its header: %s", i+1, line)
		default:
			head = 0
		}
		assert.False(t, strings.HasPrefix(line, "-- "), "line %d: a line break in a value leaked: %s", i+1, line)
	}
}

// assertInertMarkdown checks that Markdown output holds neither raw HTML
// nor HTML entities: every < is backslash-escaped, and so is every & that
// could start an entity or character reference, so a renderer shows the
// text as it was; and nothing is written as an entity ("&lt;") either.
func assertInertMarkdown(t testing.TB, out string) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == '\\':
			i++ // the escaped character
		case c == '<', c == '&' && i+1 < len(out) && isEntityStart(out[i+1]):
			t.Errorf("unescaped %q at byte %d: ...%s...", c, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	for _, entity := range []string{"&lt;", "&gt;", "&#"} {
		for i := strings.Index(out, entity); i >= 0; i = -1 {
			if i == 0 || out[i-1] != '\\' {
				t.Errorf("HTML entity %s written at byte %d: ...%s...", entity, i, out[max(0, i-40):min(len(out), i+40)])
			}
		}
	}
}

// TestMarkdownBlockStarts checks that a value starting a paragraph, a list
// item or a note stays text: it opens no list, no indented code block, no
// heading, quote, fence or HTML block.
func TestMarkdownBlockStarts(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"- x", `\- x`},
		{"+ x", `\+ x`},
		{"* x", `\* x`},
		{"1. x", `1\. x`},
		{"2026) x", `2026\) x`},
		{"1234567890. x", `1234567890. x`}, // ten digits open no list
		{"    code", "code"},
		{"\t\n - x", `\- x`},
		{"# x", `\# x`},
		{"> x", `\> x`},
		{"```go", "\\`\\`\\`go"},
		{"~~~", `\~\~\~`},
		{"<div>", `\<div\>`},
		{"---", `\---`},
		{"1.5 days", "1.5 days"},
		{"1.", `1\.`},
		{"1)\tx", `1\)` + "\tx"},
		{"-", `\-`},
		{"", ""},
	} {
		for _, b := range []block{blockPara, blockItem, blockNote} {
			var m mdDoc
			m.open(b)
			prefix := string(m.o.b)
			m.text(tt.in)
			m.text(tt.in) // only the first piece starts the block
			assert.Equal(t, prefix+tt.want+mdText(tt.in), string(m.o.b), "%q in block %d", tt.in, b)
		}
	}
	// Anything written first ends the block's start.
	var m mdDoc
	m.open(blockItem)
	m.strong("Found:")
	m.text(" - x")
	assert.Equal(t, "- **Found:** - x", string(m.o.b))
}

// TestMarkdownReportValuesStartingBlocks renders values that would open a
// block at the start of a list item or paragraph.
func TestMarkdownReportValuesStartingBlocks(t *testing.T) {
	r := internalReport(t)
	r.Objectives = []string{"1. first", "- second", "    third"}
	r.Implications = []string{"> quoted"}
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	out := buf.String()
	assert.Contains(t, out, "## Audit objectives\n\n- 1\\. first\n- \\- second\n- third\n")
	assert.Contains(t, out, "- \\> quoted\n")
}
