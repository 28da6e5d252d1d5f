// Package rng is the one seeded random number generator of ismsaudit. The
// library never uses a global or time-seeded source: every draw that needs
// randomness (statistical samples, the random share of a multi-site sample)
// takes a seed from the caller, so the same seed and input give the same
// result on every platform and every Go version. The algorithm is fixed
// here, not borrowed from math/rand, whose sequences Go may change.
//
// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014): a 64-bit state advanced by
// a constant and mixed by a fixed finaliser. It is fast and statistically
// sound for sampling; it is not a cryptographic generator.
package rng

// Source is a SplitMix64 generator. The zero value is a valid generator
// seeded with 0. It is not safe for concurrent use.
type Source struct{ state uint64 }

// New returns a generator seeded with seed.
func New(seed uint64) *Source { return &Source{state: seed} }

// Uint64 returns the next 64 pseudo-random bits.
func (s *Source) Uint64() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// IntN returns a uniform integer in [0, n); it panics if n <= 0. It
// rejects the few values that would bias the result (Lemire's method), so
// every integer is equally likely.
func (s *Source) IntN(n int) int {
	if n <= 0 {
		panic("rng: IntN with n <= 0")
	}
	bound := uint64(n)
	threshold := -bound % bound
	for {
		hi, lo := mul64(s.Uint64(), bound)
		if lo >= threshold {
			return int(hi)
		}
	}
}

// mul64 returns the 128-bit product of x and y as (high, low).
func mul64(x, y uint64) (hi, lo uint64) {
	const mask32 = 1<<32 - 1
	x0, x1 := x&mask32, x>>32
	y0, y1 := y&mask32, y>>32
	w0 := x0 * y0
	t := x1*y0 + w0>>32
	w1, w2 := t&mask32, t>>32
	w1 += x0 * y1
	hi = x1*y1 + w2 + w1>>32
	lo = x * y
	return hi, lo
}

// Sample returns k distinct indexes of [0, n) in the order drawn, by a
// partial Fisher-Yates shuffle; k is clamped to [0, n].
func (s *Source) Sample(n, k int) []int {
	if k > n {
		k = n
	}
	if k <= 0 {
		return nil
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + s.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:k:k]
}
