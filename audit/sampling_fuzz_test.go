package audit

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// FuzzDraw checks that Draw never panics and is deterministic for any
// plan, and that every sample it returns has the plan's size, is in
// population order without repeats, and holds only items of the
// population that are not excluded.
func FuzzDraw(f *testing.F) {
	f.Add(uint64(42), 20, true, 5, "3,7", "statistical")
	f.Add(uint64(0), 1_000_000, false, 8, "3,17", "statistical")
	f.Add(uint64(1), 1, false, 1, "", "statistical")
	f.Add(uint64(9), 10, true, 10, "1", "statistical")
	f.Add(uint64(9), -4, false, 2, "", "statistical")
	f.Add(uint64(9), 4, true, 2, "", "judgemental")
	f.Add(^uint64(0), 1<<30, false, MaxSampleSize, "x,0,1", "")
	f.Fuzz(func(t *testing.T, seed uint64, n int, useItems bool, size int, exclusions, method string) {
		p := SamplingPlan{Method: SelectionMethod(method), Size: size, Seed: seed}
		if useItems {
			n = min(max(n, -1), 2000)
			for i := range n {
				p.Population.Items = append(p.Population.Items, "item-"+strconv.Itoa(i))
			}
		} else {
			p.Population.Size = n
		}
		if exclusions != "" {
			for _, x := range strings.Split(exclusions, ",") {
				if useItems {
					x = "item-" + x
				}
				p.Exclusions = append(p.Exclusions, x)
			}
		}
		got, err := Draw(p)
		again, err2 := Draw(p)
		if (err == nil) != (err2 == nil) || !slices.Equal(got, again) {
			t.Fatalf("Draw is not deterministic: %q, %v then %q, %v", got, err, again, err2)
		}
		if err != nil {
			if got != nil {
				t.Fatalf("a refused draw returned a sample: %q", got)
			}
			return
		}
		if len(got) != size {
			t.Fatalf("sample of %d, want %d", len(got), size)
		}
		population := len(p.Population.Items)
		if !useItems {
			population = p.Population.Size
		}
		last := -1
		for _, it := range got {
			pos := -1
			if useItems {
				pos = slices.Index(p.Population.Items, it)
			} else if k, err := strconv.Atoi(it); err == nil {
				pos = k - 1
			}
			if pos < 0 || pos >= population {
				t.Fatalf("%q is not in the population", it)
			}
			if pos <= last {
				t.Fatalf("sample %q is not in population order without repeats", got)
			}
			if slices.Contains(p.Exclusions, it) {
				t.Fatalf("%q is excluded", it)
			}
			last = pos
		}
	})
}
