package report

import (
	"strings"

	"github.com/ismsaudit/ismsaudit"
)

// Format is an output format of a renderer.
//
//ismsaudit:enum Formats
type Format string

// The formats. Never reorder.
const (
	Markdown Format = "markdown" // CommonMark with GitHub-style tables
	CSV      Format = "csv"      // RFC 4180, one header row, opens in a spreadsheet
	JSON     Format = "json"     // indented encoding/json of the model
	HTML     Format = "html"     // one self-contained printable page, every value escaped
)

// unsupportedFormat refuses a format a renderer does not write, listing
// those it does.
func unsupportedFormat(f Format, supported ...Format) error {
	names := make([]string, len(supported))
	for i, s := range supported {
		names[i] = string(s)
	}
	col := newCollector("format")
	col.Add("", ismsaudit.RuleEnum, string(f), "one of "+strings.Join(names, ", "))
	return col.Err()
}
