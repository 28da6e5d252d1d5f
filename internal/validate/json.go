package validate

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// JSON decodes data into v strictly: unknown fields, trailing data and
// values that do not fit their Go type are refused. A failure is appended to
// c as one FieldError whose path uses Go field names ("Decisions[3].Status"),
// with rule "json-syntax", "json-type", "unknown-field", "enum" (text an
// enumeration or identifier refused) or "json-trailing". It reports whether
// decoding succeeded. encoding/json stops at the first problem, so decoding
// reports one; validation of the decoded value then reports all of its own.
func JSON(c *errs.Collector, data []byte, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			c.Add("", "json-trailing", "", "unexpected data after the JSON value")
			return false
		}
		return true
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		c.Add("", "json-syntax", "", err.Error())
		return false
	}
	root := reflect.TypeOf(v)
	w := walker{dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	w.value(root, "")
	if w.found {
		c.Add(w.path, w.rule, w.val, w.detail)
		return false
	}
	// The walker could not place the problem: report it whole.
	detail := err.Error()
	var pe *errs.ParseError
	if errors.As(err, &pe) {
		c.Add("", "enum", pe.Input, detail)
		return false
	}
	c.Add("", "json", "", detail)
	return false
}

// walker replays a JSON document against a Go type to find the first value
// that encoding/json refused, and its path in Go field names.
type walker struct {
	dec                     *json.Decoder
	found                   bool
	path, rule, val, detail string
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

func (w *walker) fail(path, rule, val, detail string) bool {
	w.found, w.path, w.rule, w.val, w.detail = true, path, rule, val, detail
	return false
}

// value reads one JSON value for type t at path. It returns false to stop
// (a problem was found or the document ended).
func (w *walker) value(t reflect.Type, path string) bool {
	tok, err := w.dec.Token()
	if err != nil {
		return false
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if tok == nil { // null fits anything
		return true
	}
	if t == nil || t.Kind() == reflect.Interface {
		return w.skip(tok)
	}
	if s, ok := tok.(string); ok && reflect.PointerTo(t).Implements(textUnmarshaler) && !reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		p := reflect.New(t).Interface().(encoding.TextUnmarshaler)
		if err := p.UnmarshalText([]byte(s)); err != nil {
			return w.fail(path, "enum", s, unprefixed(err))
		}
		return true
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		if _, composite := tok.(json.Delim); composite {
			return w.skip(tok)
		}
		raw, _ := json.Marshal(tok)
		p := reflect.New(t).Interface().(json.Unmarshaler)
		if err := p.UnmarshalJSON(raw); err != nil {
			return w.fail(path, "json-type", strings.Trim(string(raw), `"`), unprefixed(err))
		}
		return true
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			return w.object(t, path)
		case '[':
			return w.array(t, path)
		}
		return false
	case string:
		if t.Kind() != reflect.String {
			return w.fail(path, "json-type", tok, "want "+kindName(t))
		}
	case bool:
		if t.Kind() != reflect.Bool {
			return w.fail(path, "json-type", strconv.FormatBool(tok), "want "+kindName(t))
		}
	case json.Number:
		if !numberFits(tok, t) {
			return w.fail(path, "json-type", tok.String(), "want "+kindName(t))
		}
	}
	return true
}

func (w *walker) object(t reflect.Type, path string) bool {
	switch t.Kind() {
	case reflect.Struct:
		for w.dec.More() {
			k, err := w.dec.Token()
			if err != nil {
				return false
			}
			key, _ := k.(string)
			f, ok := fieldByJSONName(t, key)
			if !ok {
				return w.fail(path, "unknown-field", key, "no such field in "+t.Name())
			}
			if !w.value(f.Type, errs.JoinPath(path, f.Name)) {
				return false
			}
		}
	case reflect.Map:
		for w.dec.More() {
			k, err := w.dec.Token()
			if err != nil {
				return false
			}
			key, _ := k.(string)
			if !w.value(t.Elem(), fmt.Sprintf("%s[%q]", path, key)) {
				return false
			}
		}
	default:
		return w.fail(path, "json-type", "object", "want "+kindName(t))
	}
	_, err := w.dec.Token() // '}'
	return err == nil
}

func (w *walker) array(t reflect.Type, path string) bool {
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		return w.fail(path, "json-type", "array", "want "+kindName(t))
	}
	for i := 0; w.dec.More(); i++ {
		if !w.value(t.Elem(), errs.Index(path, i)) {
			return false
		}
	}
	_, err := w.dec.Token() // ']'
	return err == nil
}

// skip consumes the rest of a value whose first token was tok.
func (w *walker) skip(tok json.Token) bool {
	d, ok := tok.(json.Delim)
	if !ok || (d != '{' && d != '[') {
		return true
	}
	for depth := 1; depth > 0; {
		t, err := w.dec.Token()
		if err != nil {
			return false
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return true
}

// fieldByJSONName finds the exported field encoding/json would fill for key
// (exact tag or name first, then case-insensitive, as encoding/json does).
func fieldByJSONName(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold reflect.StructField
	folded := false
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			n, _, _ := strings.Cut(tag, ",")
			if n == "-" {
				continue
			}
			if n != "" {
				name = n
			}
		}
		if name == key {
			return f, true
		}
		if !folded && strings.EqualFold(name, key) {
			fold, folded = f, true
		}
	}
	return fold, folded
}

func numberFits(n json.Number, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err := strconv.ParseInt(n.String(), 10, t.Bits())
		return err == nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err := strconv.ParseUint(n.String(), 10, t.Bits())
		return err == nil
	case reflect.Float32, reflect.Float64:
		_, err := strconv.ParseFloat(n.String(), t.Bits())
		return err == nil
	}
	return false
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object (" + t.String() + ")"
	case reflect.Slice, reflect.Array:
		return "an array (" + t.String() + ")"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer that fits " + t.Kind().String()
	}
	return t.String()
}

// unprefixed drops a leading "pkg: " from an error's text: the field error
// is already reported by a package.
func unprefixed(err error) string {
	s := err.Error()
	if _, rest, ok := strings.Cut(s, ": "); ok && !strings.ContainsAny(s[:len(s)-len(rest)-2], " \"") {
		return rest
	}
	return s
}
