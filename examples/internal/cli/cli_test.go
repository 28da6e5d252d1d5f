package cli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		goOn   bool
		stderr []string
	}{
		{"nothing", nil, OK, true, nil},
		{"a known flag", []string{"-format", "csv"}, OK, true, nil},
		{"-h", []string{"-h"}, OK, false, []string{"usage: prog", "summary", "-format", "exit status"}},
		{"-help", []string{"-help"}, OK, false, []string{"usage: prog"}},
		{"unknown flag", []string{"-colour"}, Usage, false, []string{"-colour", "-format"}},
		{"missing value", []string{"-format"}, Usage, false, []string{"-format"}},
		{"stray argument", []string{"extra"}, Usage, false, []string{`"extra"`}},
		{"argument after a flag", []string{"-format", "csv", "extra"}, Usage, false, []string{`"extra"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			fs := NewFlagSet("prog", "summary", &stderr)
			fs.String("format", "markdown", "output format")
			code, goOn := Parse(fs, tt.args)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.goOn, goOn)
			for _, s := range tt.stderr {
				assert.Contains(t, stderr.String(), s)
			}
			if tt.stderr == nil {
				assert.Empty(t, stderr.String())
			}
		})
	}
}

func TestUsageWithoutFlags(t *testing.T) {
	var stderr bytes.Buffer
	fs := NewFlagSet("prog", "summary", &stderr)
	code, goOn := Parse(fs, []string{"-h"})
	assert.Equal(t, OK, code)
	assert.False(t, goOn)
	assert.NotContains(t, stderr.String(), "flags:")
}
