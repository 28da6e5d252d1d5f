package report

// byteSet marks bytes with a non-zero entry: the bytes an escaper must
// replace (or, for JSON, look at more closely).
type byteSet [256]uint8

// newByteSet marks the bytes for which mark is true.
func newByteSet(mark func(c byte) bool) *byteSet {
	var t byteSet
	for c := range 256 {
		if mark(byte(c)) {
			t[c] = 1
		}
	}
	return &t
}

// next returns the index of the first byte of s at or after i that the set
// marks, or len(s). Text is mostly plain, so it looks at eight bytes per
// step and branches once for them.
func (t *byteSet) next(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		if t[w[0]]|t[w[1]]|t[w[2]]|t[w[3]]|t[w[4]]|t[w[5]]|t[w[6]]|t[w[7]] != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if t[s[i]] != 0 {
			return i
		}
	}
	return len(s)
}
