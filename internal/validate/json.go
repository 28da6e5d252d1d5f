package validate

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/jsonscan"
)

// JSON decodes data into v strictly: unknown fields, trailing data and
// values that do not fit their Go type are refused. A failure is appended to
// c as one FieldError whose path uses Go field names ("Decisions[3].Status"),
// with rule "json-syntax", "json-type", "unknown-field", "enum" (text an
// enumeration or identifier refused) or "json-trailing". It reports whether
// decoding succeeded. encoding/json stops at the first problem, so decoding
// reports one; validation of the decoded value then reports all of its own.
//
// A document that json.Unmarshal takes and whose object keys all name a
// field of their Go type is decoded by json.Unmarshal from data itself,
// without the copy and the second scan a json.Decoder costs; any other
// is decoded again by a strict json.Decoder, which decides and reports.
func JSON(c *errs.Collector, data []byte, v any) bool {
	if json.Unmarshal(data, v) == nil {
		k := keyChecker{jsonscan.Scanner{Data: data}}
		if k.value(jsonTypeOf(reflect.TypeOf(v))) {
			return true
		}
	}
	// Decoding the same bytes again gives v the same values.
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
	var pe *ismsaudit.ParseError
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
	dec               *json.Decoder
	found             bool
	path, val, detail string
	rule              ismsaudit.RuleID
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

func (w *walker) fail(path string, rule ismsaudit.RuleID, val, detail string) bool {
	w.found, w.path, w.rule, w.val, w.detail = true, path, rule, val, detail
	return false
}

// value reads one JSON value for type t at path. It returns false to stop
// (a problem was found or the document ended).
func (w *walker) value(t reflect.Type, path string) bool { return w.valueOpt(t, path, false) }

// valueOpt is value for a field that may carry the ",string" option
// (quoted), under which encoding/json reads a number, bool or string from
// inside a JSON string.
func (w *walker) valueOpt(t reflect.Type, path string, quoted bool) bool {
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
		switch {
		case quoted && t.Kind() != reflect.String:
			var v any
			d := json.NewDecoder(strings.NewReader(tok))
			d.UseNumber()
			if d.Decode(&v) != nil || !scalarFits(v, t) {
				return w.fail(path, "json-type", tok, "want "+kindName(t)+" inside a string")
			}
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
			if _, err := base64.StdEncoding.DecodeString(tok); err != nil {
				return w.fail(path, "json-type", tok, "want base64 data")
			}
		case t.Kind() != reflect.String:
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
			if !w.valueOpt(f.field.Type, errs.JoinPath(path, f.field.Name), f.quoted) {
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
			at := fmt.Sprintf("%s[%q]", path, key)
			if kt := t.Key(); reflect.PointerTo(kt).Implements(textUnmarshaler) {
				if err := reflect.New(kt).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(key)); err != nil {
					return w.fail(at, "enum", key, unprefixed(err))
				}
			} else if kt.Kind() != reflect.String && !numberFits(json.Number(key), kt) {
				return w.fail(at, "json-type", key, "want a key that fits "+kt.String())
			}
			if !w.value(t.Elem(), at) {
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

// jsonField is a struct field as encoding/json sees it.
type jsonField struct {
	field  reflect.StructField
	name   string // the JSON key
	quoted bool   // the ",string" option
}

// jsonFields lists the fields encoding/json fills for t, with the fields
// of embedded structs promoted (shallower fields first, as Go's own
// promotion rules put them).
func jsonFields(t reflect.Type) []jsonField {
	out := make([]jsonField, 0, t.NumField())
	level := []reflect.Type{t}
	for depth := 0; len(level) > 0 && depth < 8; depth++ {
		var next []reflect.Type
		for _, st := range level {
			for i := 0; i < st.NumField(); i++ {
				f := st.Field(i)
				tag, hasTag := f.Tag.Lookup("json")
				name, opts, _ := strings.Cut(tag, ",")
				if name == "-" && opts == "" {
					continue
				}
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if f.Anonymous && (!hasTag || name == "") && ft.Kind() == reflect.Struct {
					next = append(next, ft)
					continue
				}
				if !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				out = append(out, jsonField{field: f, name: name, quoted: hasOption(opts, "string")})
			}
		}
		level = next
	}
	return out
}

// hasOption reports whether the comma-separated tag options opts hold
// opt.
func hasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// fieldByJSONName finds the field encoding/json would fill for key (an
// exact name first, then a case-insensitive one, as encoding/json does).
func fieldByJSONName(t reflect.Type, key string) (jsonField, bool) {
	fields := jsonFields(t)
	for _, f := range fields {
		if f.name == key {
			return f, true
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, key) {
			return f, true
		}
	}
	return jsonField{}, false
}

// scalarFits reports whether a decoded JSON scalar fits kind t.
func scalarFits(v any, t reflect.Type) bool {
	switch v := v.(type) {
	case bool:
		return t.Kind() == reflect.Bool
	case json.Number:
		return numberFits(v, t)
	case nil:
		return true
	}
	return false
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

// keyChecker walks valid JSON text against a Go type and reports whether
// every object key names, exactly, a field encoding/json fills: what
// DisallowUnknownFields would accept. It answers false whenever it is not
// sure (an escaped key, a name two fields share), leaving the decision to
// a json.Decoder.
type keyChecker struct {
	jsonscan.Scanner
}

// jsonType is what keyChecker needs of a Go type (pointers removed). A
// table, once built by jsonTypeOf, is never changed.
type jsonType struct {
	kind   reflect.Kind
	opaque bool                 // decoded by its own UnmarshalJSON, or an interface
	keys   map[string]*jsonType // of a struct; nil for a name two fields share
	elem   *jsonType            // of a map, slice or array
}

// jsonTypes caches the tables of jsonTypeOf by Go type, as encoding/json
// caches its own field lists: a table depends on the type alone and is
// never changed once stored, so the cache holds no state a caller can
// observe, only work not done twice.
var jsonTypes sync.Map // reflect.Type -> *jsonType

// jsonTypeOf returns the table of t and of every type reachable from it,
// building and storing them the first time.
func jsonTypeOf(t reflect.Type) *jsonType {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if jt, ok := jsonTypes.Load(t); ok {
		return jt.(*jsonType)
	}
	built := map[reflect.Type]*jsonType{}
	jt := buildJSONType(t, built)
	for t, jt := range built {
		jsonTypes.LoadOrStore(t, jt)
	}
	return jt
}

// buildJSONType builds the table of t and of the types reachable from
// it into built; a type met again (a recursive type) is linked, not
// built twice.
func buildJSONType(t reflect.Type, built map[reflect.Type]*jsonType) *jsonType {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if jt, ok := built[t]; ok {
		return jt
	}
	if jt, ok := jsonTypes.Load(t); ok {
		return jt.(*jsonType)
	}
	jt := &jsonType{kind: t.Kind(), opaque: t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(jsonUnmarshaler)}
	built[t] = jt
	if jt.opaque {
		return jt
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := jsonFields(t)
		jt.keys = make(map[string]*jsonType, len(fields))
		for _, f := range fields {
			if _, dup := jt.keys[f.name]; dup {
				jt.keys[f.name] = nil
				continue
			}
			jt.keys[f.name] = buildJSONType(f.field.Type, built)
		}
	case reflect.Map, reflect.Slice, reflect.Array:
		jt.elem = buildJSONType(t.Elem(), built)
	}
	return jt
}

// value checks the value at Pos, for type jt, and steps over it.
func (k *keyChecker) value(jt *jsonType) bool {
	k.Space()
	switch k.Peek() {
	case '{':
		if jt.opaque {
			return k.Skip()
		}
		switch jt.kind {
		case reflect.Struct:
			return k.object(nil, jt.keys)
		case reflect.Map:
			return k.object(jt.elem, nil)
		}
	case '[':
		if jt.opaque || (jt.kind != reflect.Slice && jt.kind != reflect.Array) {
			return k.Skip()
		}
		k.Pos++
		for {
			k.Space()
			if k.Next(']') {
				return true
			}
			if !k.value(jt.elem) {
				return false
			}
			k.Space()
			k.Next(',')
		}
	}
	return k.Skip()
}

// object checks the members of the object at Pos: with keys, those of a
// struct; with nil keys, those of a map whose values are elem.
func (k *keyChecker) object(elem *jsonType, keys map[string]*jsonType) bool {
	k.Pos++
	for {
		k.Space()
		if k.Done() {
			return false
		}
		if k.Next('}') {
			return true
		}
		key, ok := k.Str()
		if !ok {
			return false
		}
		f := elem
		if keys != nil {
			if bytes.IndexByte(key, '\\') >= 0 {
				return false
			}
			if f = keys[string(key)]; f == nil {
				return false
			}
		}
		k.Space()
		if !k.Next(':') {
			return false
		}
		if !k.value(f) {
			return false
		}
		k.Space()
		k.Next(',')
	}
}

// Upgrade is ismsaudit.Upgrade for a decoder that sets the envelope
// fields itself once it has decoded: a version 0 document of a kind now in
// format version 1 is returned as it is, since the migration 0 -> 1 only
// adds the envelope members; the decoder then decodes the original bytes
// instead of a copy of the whole document.
func Upgrade(want ismsaudit.DocumentKind, data []byte) ([]byte, error) {
	if want.FormatVersion() == 1 {
		if env, err := ismsaudit.ReadEnvelope(data); err == nil && env == (ismsaudit.Envelope{}) {
			return data, nil
		}
	}
	return ismsaudit.Upgrade(want, data)
}
