package refstore_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
)

// BenchmarkSave500 and BenchmarkLoad500 save and load a closed, sealed
// audit with 500 evidence items on SQLite (issue 11's target: under 5 ms
// each).
func BenchmarkSave500(b *testing.B) {
	s := openSQLite(b)
	bl := audittest.NewBuilder(b, &audittest.Options{Evidence: 500})
	a := bl.Build()
	require.NoError(b, a.SealRecord(bl.Meta()))
	ctx := context.Background()
	rev, err := s.Save(ctx, a, 0)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if rev, err = s.Save(ctx, a, rev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad500(b *testing.B) {
	s := openSQLite(b)
	bl := audittest.NewBuilder(b, &audittest.Options{Evidence: 500})
	a := bl.Build()
	require.NoError(b, a.SealRecord(bl.Meta()))
	ctx := context.Background()
	_, err := s.Save(ctx, a, 0)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.Load(ctx, a.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode500 is Load's share spent in audit.Decode, for comparison
// with BenchmarkLoad500.
func BenchmarkDecode500(b *testing.B) {
	bl := audittest.NewBuilder(b, &audittest.Options{Evidence: 500})
	a := bl.Build()
	require.NoError(b, a.SealRecord(bl.Meta()))
	doc, err := json.Marshal(a)
	require.NoError(b, err)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := audit.Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}
