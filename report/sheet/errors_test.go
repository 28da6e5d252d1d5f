package sheet_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/report/sheet"
)

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		assert.Equal(t, want, sheet.ColumnName(i), i)
	}
}

func TestTrimCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"5.1":                 "5.1",
		"\uFEFF5.1":           "5.1",
		" \uFEFF 5.1 \uFEFF ": "5.1",
		"\uFEFF":              "",
		"a\uFEFFb":            "a\uFEFFb",
		"\t applicable \r\n":  "applicable",
	} {
		assert.Equal(t, want, sheet.TrimCell(in), "%q", in)
	}
}

func TestImportError(t *testing.T) {
	err := error(&sheet.ImportError{What: "Statement of Applicability", Problems: []sheet.Problem{
		{Row: 12, Column: "C", Header: "Applicability", ID: "5.23", Rule: ismsaudit.RuleEnum, Value: "maybe", Detail: "want applicable or excluded"},
		{Sheet: "Checklist", Rule: ismsaudit.RuleRequired, Detail: "no header row"},
	}})
	assert.True(t, errors.Is(err, ismsaudit.ErrInvalid))
	var ie *sheet.ImportError
	assert.True(t, errors.As(err, &ie))
	assert.True(t, ie.Has(12, ismsaudit.RuleEnum))
	assert.False(t, ie.Has(12, ismsaudit.RuleRequired))
	assert.False(t, ie.Has(13, ismsaudit.RuleEnum))
	assert.Equal(t, "sheet: reading the Statement of Applicability: 2 problems\n"+
		"\trow 12, column C (Applicability), 5.23: enum \"maybe\": want applicable or excluded\n"+
		"\tsheet \"Checklist\", the sheet: required: no header row", err.Error())
}
