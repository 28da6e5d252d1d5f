package report

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormats(t *testing.T) {
	var got []Format
	for f := range Formats() {
		got = append(got, f)
		back, err := ParseFormat(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, back)
		b, err := f.MarshalText()
		require.NoError(t, err)
		var u Format
		require.NoError(t, u.UnmarshalText(b))
		assert.Equal(t, f, u)
	}
	assert.Equal(t, []Format{Markdown, CSV, JSON, HTML}, got)
	_, err := ParseFormat("pdf")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
}
