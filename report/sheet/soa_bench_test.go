package sheet_test

import (
	"bytes"
	"testing"

	"github.com/ismsaudit/ismsaudit/report/sheet"
)

// BenchmarkReadSoAXLSX reads a 93-row SoA workbook (target: under 20 ms).
func BenchmarkReadSoAXLSX(b *testing.B) {
	data := write(b, testSoA(b), sheet.XLSX)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := sheet.ReadSoA(bytes.NewReader(data), sheet.XLSX); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadSoACSV reads a 93-row SoA as CSV.
func BenchmarkReadSoACSV(b *testing.B) {
	data := write(b, testSoA(b), sheet.CSV)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := sheet.ReadSoA(bytes.NewReader(data), sheet.CSV); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSoAXLSX writes a 93-row SoA workbook.
func BenchmarkWriteSoAXLSX(b *testing.B) {
	s := testSoA(b)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := sheet.WriteSoA(&buf, s, sheet.XLSX); err != nil {
			b.Fatal(err)
		}
	}
}
