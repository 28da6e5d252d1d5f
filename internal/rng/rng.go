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

import "math/bits"

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
// rejects the few values that would bias the result (Lemire, "Fast random
// integer generation in an interval", 2019): the high 64 bits of the
// 128-bit product of the next output and n, drawing again while the low 64
// bits are under (2^64-n) mod n, so that every integer is equally likely.
func (s *Source) IntN(n int) int {
	if n <= 0 {
		panic("rng: IntN with n <= 0")
	}
	bound := uint64(n)
	threshold := -bound % bound
	for {
		hi, lo := bits.Mul64(s.Uint64(), bound)
		if lo >= threshold {
			return int(hi)
		}
	}
}

// Sample returns k distinct indexes of [0, n) in the order drawn, by a
// partial Fisher-Yates shuffle (for i from 0 to k-1, j = i + IntN(n-i),
// then positions i and j swap); k is clamped to [0, n]. Only the displaced
// positions are kept, so the cost grows with k, not with n.
func (s *Source) Sample(n, k int) []int {
	k = min(k, n)
	if k <= 0 {
		return nil
	}
	moved := make(map[int]int, k)
	at := func(x int) int {
		if v, ok := moved[x]; ok {
			return v
		}
		return x
	}
	out := make([]int, k)
	for i := range k {
		j := i + s.IntN(n-i)
		out[i] = at(j)
		moved[j] = at(i) // position i is never read again
	}
	return out
}
