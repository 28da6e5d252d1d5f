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
	assertAbsent(t, out, "<script")
	assertAbsent(t, out, "<img")
	assert.True(t, strings.Contains(out, `&lt;script&gt;alert('x')&lt;/script&gt;`))
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
	assertAbsent(t, out, "<script")
	assertAbsent(t, out, "<img")
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
