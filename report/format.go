package report

import (
	"iter"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// Format is an output format of a renderer.
type Format string

// The formats. Never reorder.
const (
	Markdown Format = "markdown" // CommonMark with GitHub-style tables
	CSV      Format = "csv"      // RFC 4180, one header row, opens in a spreadsheet
	JSON     Format = "json"     // indented encoding/json of the model
	HTML     Format = "html"     // one self-contained printable page, every value escaped
)

var formatSet = enum.New("report", "Format", Markdown, CSV, JSON, HTML)

// Formats yields the formats in canonical order.
func Formats() iter.Seq[Format] { return formatSet.All() }

// ParseFormat parses a format token such as "markdown".
func ParseFormat(s string) (Format, error) { return formatSet.Parse(s) }

// IsValid reports whether f is a known format.
func (f Format) IsValid() bool { return formatSet.Valid(f) }

// String returns the token.
func (f Format) String() string { return string(f) }

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) { return formatSet.Marshal(f) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (f *Format) UnmarshalText(b []byte) error { return formatSet.Unmarshal(b, f) }
