package rng

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestKnownSequence pins the generator's output: SplitMix64 seeded with 0
// starts with these values in every published implementation, and any
// change here would change every reproducible sample hosts have recorded.
func TestKnownSequence(t *testing.T) {
	s := New(0)
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	for i, w := range want {
		assert.Equal(t, w, s.Uint64(), "value %d", i)
	}
	s = New(1234567)
	want = []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423}
	for i, w := range want {
		assert.Equal(t, w, s.Uint64(), "seed 1234567 value %d", i)
	}
}

// TestSampleKnownAnswers pins Sample: programme's multi-site samples and
// audit's statistical samples are recorded by seed and drawn again later,
// so the sequence of picks must never change.
func TestSampleKnownAnswers(t *testing.T) {
	assert.Equal(t, []int{8, 5, 7, 1}, New(2026).Sample(10, 4))
	assert.Equal(t, []int{389829, 16789, 900760, 582931, 452444, 249435}, New(7).Sample(1_000_000, 6))
	assert.Equal(t, []int{4, 2, 1, 0, 3}, New(0).Sample(5, 5))
}

func TestIntNRangeAndUniformity(t *testing.T) {
	s := New(42)
	counts := make([]int, 7)
	for range 70000 {
		v := s.IntN(7)
		require.True(t, v >= 0 && v < 7)
		counts[v]++
	}
	for i, c := range counts {
		assert.InDelta(t, 10000, c, 500, "bucket %d", i)
	}
	assert.Panics(t, func() { s.IntN(0) })
}

func TestSample(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.Uint64().Draw(t, "seed")
		n := rapid.IntRange(0, 200).Draw(t, "n")
		k := rapid.IntRange(-5, 250).Draw(t, "k")
		a := New(seed).Sample(n, k)
		b := New(seed).Sample(n, k)
		if !slices.Equal(a, b) {
			t.Fatalf("same seed, different samples: %v %v", a, b)
		}
		want := max(0, min(k, n))
		if len(a) != want {
			t.Fatalf("len %d, want %d", len(a), want)
		}
		seen := map[int]bool{}
		for _, i := range a {
			if i < 0 || i >= n || seen[i] {
				t.Fatalf("bad or repeated index %d in %v", i, a)
			}
			seen[i] = true
		}
	})
}

func BenchmarkSample(b *testing.B) {
	s := New(7)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Sample(10000, 50)
	}
}
