package refstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// bench500 is the audit the store benchmarks save and load: closed, with
// 500 evidence items, sealed when sealed is true (the seal's part list,
// one part per evidence item and per section, nearly doubles the
// document: 216 KB unsealed, 370 KB sealed).
func bench500(b *testing.B, sealed bool) *audit.Audit {
	bl := audittest.NewBuilder(b, &audittest.Options{Evidence: 500})
	a := bl.Build()
	if sealed {
		require.NoError(b, a.SealRecord(bl.Meta()))
	}
	return a
}

// BenchmarkSave500 and BenchmarkLoad500 save and load a closed audit with
// 500 evidence items on SQLite (issue 11's target: under 5 ms each), and
// the same audit sealed.
func BenchmarkSave500(b *testing.B) {
	for _, sealed := range []bool{false, true} {
		b.Run(fmt.Sprintf("sealed=%t", sealed), func(b *testing.B) {
			s := openSQLite(b)
			a := bench500(b, sealed)
			ctx := context.Background()
			rev, err := s.Save(ctx, a, 0)
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if rev, err = s.Save(ctx, a, rev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad500(b *testing.B) {
	for _, sealed := range []bool{false, true} {
		b.Run(fmt.Sprintf("sealed=%t", sealed), func(b *testing.B) {
			s := openSQLite(b)
			a := bench500(b, sealed)
			ctx := context.Background()
			_, err := s.Save(ctx, a, 0)
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := s.Load(ctx, a.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode500 is Load's share spent in audit.Decode, for comparison
// with BenchmarkLoad500.
func BenchmarkDecode500(b *testing.B) {
	doc, err := json.Marshal(bench500(b, true))
	require.NoError(b, err)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := audit.Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}
