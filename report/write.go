package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
)

// sticky wraps a writer and keeps the first write error, like bufio.Writer:
// renderers write freely and check once at the end.
type sticky struct {
	w   io.Writer
	err error
}

func (s *sticky) str(parts ...string) {
	for _, p := range parts {
		if s.err != nil {
			return
		}
		_, s.err = io.WriteString(s.w, p)
	}
}

// Write implements io.Writer so that encoders can target a sticky writer.
func (s *sticky) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// csvWriter writes records and reports the first error at Flush.
type csvWriter struct{ *csv.Writer }

func newCSV(w io.Writer) csvWriter { return csvWriter{csv.NewWriter(w)} }

func (c csvWriter) row(fields ...string) { _ = c.Write(fields) } // errors surface at done

func (c csvWriter) done() error {
	c.Flush()
	return c.Error()
}

// cell neutralises text that a spreadsheet would run as a formula (a
// leading =, +, -, @, tab or carriage return) by prefixing an apostrophe,
// as the OWASP guidance on CSV injection advises. Only text that came from
// outside the catalogue goes through it.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdText escapes the characters that would turn free text into Markdown or
// HTML structure, and folds line breaks so a value stays on its line.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ",
)

func mdText(s string) string { return mdReplacer.Replace(s) }
