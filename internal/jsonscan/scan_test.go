package jsonscan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismsaudit/ismsaudit/internal/jsonscan"
)

func TestStr(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
		pos      int
	}{
		{`"abc",`, "abc", true, 5},
		{`""`, "", true, 2},
		{`"a\"b"x`, `a\"b`, true, 6},
		{`"a\\"x`, `a\\`, true, 5},
		{`"a\\\"b"`, `a\\\"b`, true, 8},
		{`"open`, "", false, 0},
		{`abc`, "", false, 0},
	} {
		s := jsonscan.Scanner{Data: []byte(tt.in)}
		got, ok := s.Str()
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, string(got), tt.in)
		if ok {
			assert.Equal(t, tt.pos, s.Pos, tt.in)
		}
	}
}

func TestSkip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		ok   bool
		rest string
	}{
		{`{"a":[1,{"b":"}"}],"c":"\""} tail`, true, " tail"},
		{`[1, [2, [3]]],`, true, ","},
		{`"x\\"]`, true, "]"},
		{`12.5e3,`, true, ","},
		{`true}`, true, "}"},
		{`null`, true, ""},
		{`{"a":1`, false, ""},
		{`["open]`, false, ""},
		{``, false, ""},
		{`,`, false, ","},
	} {
		s := jsonscan.Scanner{Data: []byte(tt.in)}
		assert.Equal(t, tt.ok, s.Skip(), tt.in)
		if tt.ok || tt.rest != "" {
			assert.Equal(t, tt.rest, string(s.Data[s.Pos:]), tt.in)
		}
	}
}

func TestSpaceNextPeekDone(t *testing.T) {
	s := jsonscan.Scanner{Data: []byte(" \t\r\n{ }")}
	s.Space()
	assert.Equal(t, byte('{'), s.Peek())
	assert.False(t, s.Next('}'))
	assert.True(t, s.Next('{'))
	s.Space()
	assert.True(t, s.Next('}'))
	assert.True(t, s.Done())
	assert.Zero(t, s.Peek())
	assert.False(t, s.Next('}'))
}
