package annexa

import "testing"

var sinkControl Control

// BenchmarkLookupControl measures a lookup by id in a form people type.
// Target: under 50 ns and no allocation.
func BenchmarkLookupControl(b *testing.B) {
	ids := []string{"5.1", "A.8.34", " a.7.4 ", "6.3"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c, err := LookupControl(ids[i%len(ids)])
		if err != nil {
			b.Fatal(err)
		}
		sinkControl = c
	}
}

var sinkChecklist *Checklist

// BenchmarkStage2Checklist builds the full stage 2 checklist: 30
// requirements and 91 applicable controls. Target: under 50 µs, with
// allocations only for the result.
func BenchmarkStage2Checklist(b *testing.B) {
	soa := sampleSoA(b)
	opts := ChecklistOptions{Kind: Stage2}
	b.ReportAllocs()
	for b.Loop() {
		cl, err := NewChecklist(soa, opts)
		if err != nil {
			b.Fatal(err)
		}
		sinkChecklist = cl
	}
}

// BenchmarkControlsWhere filters the catalogue by two attributes.
func BenchmarkControlsWhere(b *testing.B) {
	f := Filter{Attributes: []Attribute{Detective, Availability}}
	b.ReportAllocs()
	for b.Loop() {
		seq, err := ControlsWhere(f)
		if err != nil {
			b.Fatal(err)
		}
		for c := range seq {
			sinkControl = c
		}
	}
}
