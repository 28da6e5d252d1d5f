// Package jsonscan walks JSON text without decoding it: the few steps the
// envelope reader and the strict decoder's key check need, over bytes
// that are usually valid JSON already. It never allocates.
package jsonscan

import "bytes"

// Scanner walks Data from Pos. Its methods step over what they read and
// report false, leaving Pos where they stopped, when the text does not
// hold what they expect.
type Scanner struct {
	Data []byte
	Pos  int
}

// Done reports whether the text has been read to its end.
func (s *Scanner) Done() bool { return s.Pos >= len(s.Data) }

// Peek returns the byte at Pos, or 0 at the end.
func (s *Scanner) Peek() byte {
	if s.Done() {
		return 0
	}
	return s.Data[s.Pos]
}

// Space steps over JSON white space.
func (s *Scanner) Space() {
	for s.Pos < len(s.Data) && isSpace(s.Data[s.Pos]) {
		s.Pos++
	}
}

// Next steps over c if it is the next byte.
func (s *Scanner) Next(c byte) bool {
	if s.Pos < len(s.Data) && s.Data[s.Pos] == c {
		s.Pos++
		return true
	}
	return false
}

// Str steps over a string and returns its text between the quotes, with
// its escapes as written.
func (s *Scanner) Str() ([]byte, bool) {
	if !s.Next('"') {
		return nil, false
	}
	start := s.Pos
	for {
		j := bytes.IndexByte(s.Data[s.Pos:], '"')
		if j < 0 {
			return nil, false
		}
		s.Pos += j + 1
		// The quote is escaped when an odd number of backslashes
		// precede it.
		n := 0
		for k := s.Pos - 2; k >= start && s.Data[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return s.Data[start : s.Pos-1], true
		}
	}
}

// Skip steps over one value of any kind: a string, an object or array
// with everything in it, or a number or literal.
func (s *Scanner) Skip() bool {
	switch s.Peek() {
	case '"':
		_, ok := s.Str()
		return ok
	case '{', '[':
		depth := 0
		for s.Pos < len(s.Data) {
			switch s.Data[s.Pos] {
			case '"':
				if _, ok := s.Str(); !ok {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.Pos++
					return true
				}
			}
			s.Pos++
		}
		return false
	}
	start := s.Pos
	for s.Pos < len(s.Data) && !isSpace(s.Data[s.Pos]) && s.Data[s.Pos] != ',' && s.Data[s.Pos] != '}' && s.Data[s.Pos] != ']' {
		s.Pos++
	}
	return s.Pos > start
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
