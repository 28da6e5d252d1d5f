package audit

import (
	"encoding"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The canonical encoding the whole-record seal hashes (SealAlgorithm
// describes it byte by byte). It is defined on the record's JSON value,
// so that anyone holding the JSON can rebuild it, and computed here
// straight from the Go value, member by member in the order of their
// JSON names, without writing JSON.

// Tags of the canonical encoding.
const (
	canonString = 's'
	canonNumber = 'n'
	canonTrue   = 't'
	canonNull   = 'z'
	canonArray  = 'a'
	canonObject = 'o'
	canonKey    = 'k'
	canonEnd    = 'e'
)

// canonFn appends the encoding of v to b and reports whether v carries
// anything; when it does not, b comes back as it was given.
type canonFn func(b []byte, v reflect.Value) ([]byte, bool)

// canonField is one member of a struct's canonical object.
type canonField struct {
	json    string // the JSON member name
	goName  string // the Go field name, for paths
	index   int
	omitzro bool // tagged omitzero: left out when the Go value is zero, as encoding/json does
	enc     canonFn
}

// canonStruct is the plan for one struct type: its members in the byte
// order of their JSON names.
type canonStruct struct {
	fields []canonField
	byJSON map[string]int
}

var (
	canonPlans   sync.Map // reflect.Type -> canonFn
	canonStructs sync.Map // reflect.Type -> *canonStruct
	timeType     = reflect.TypeFor[time.Time]()
	textMarshal  = reflect.TypeFor[encoding.TextMarshaler]()
)

// canonAppend appends the canonical encoding of v (any value of the
// record's types) to b and reports whether it carries anything.
func canonAppend(b []byte, v reflect.Value) ([]byte, bool) {
	return canonFor(v.Type())(b, v)
}

// canonFor returns the encoder of a type, building and caching it once.
func canonFor(t reflect.Type) canonFn {
	if f, ok := canonPlans.Load(t); ok {
		return f.(canonFn)
	}
	// A recursive type refers to itself through this indirection until
	// its plan is built.
	var (
		once sync.Once
		real canonFn
	)
	indirect := canonFn(func(b []byte, v reflect.Value) ([]byte, bool) {
		once.Do(func() { real = canonBuild(t) })
		return real(b, v)
	})
	if f, loaded := canonPlans.LoadOrStore(t, indirect); loaded {
		return f.(canonFn)
	}
	f := canonBuild(t)
	canonPlans.Store(t, f)
	return f
}

// canonBuild builds the encoder of a type. The record's types hold
// strings, booleans, integers, times, text-marshalled values, structs,
// pointers and slices; anything else is a programming error caught by
// the tests that encode every record type.
func canonBuild(t reflect.Type) canonFn {
	switch {
	case t == timeType:
		return canonTime
	case t.Kind() == reflect.String:
		return canonStr
	case t.Kind() != reflect.Pointer && t.Implements(textMarshal):
		return canonText
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if !v.Bool() {
				return b, false
			}
			return append(b, canonTrue), true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if v.Int() == 0 {
				return b, false
			}
			var n [20]byte
			return canonBytes(append(b, canonNumber), strconv.AppendInt(n[:0], v.Int(), 10)), true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if v.Uint() == 0 {
				return b, false
			}
			var n [20]byte
			return canonBytes(append(b, canonNumber), strconv.AppendUint(n[:0], v.Uint(), 10)), true
		}
	case reflect.Pointer:
		elem := canonFor(t.Elem())
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return b, false
			}
			return elem(b, v.Elem())
		}
	case reflect.Slice:
		elem := canonFor(t.Elem())
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			n := v.Len()
			if n == 0 {
				return b, false
			}
			b = append(b, canonArray)
			for i := range n {
				var kept bool
				if b, kept = elem(b, v.Index(i)); !kept {
					b = append(b, canonNull)
				}
			}
			return append(b, canonEnd), true
		}
	case reflect.Struct:
		plan := canonStructOf(t)
		return func(b []byte, v reflect.Value) ([]byte, bool) { return plan.append(b, v) }
	}
	panic(fmt.Sprintf("audit: the seal cannot encode %s (kind %s)", t, t.Kind()))
}

// canonStructOf returns the plan of a struct type.
func canonStructOf(t reflect.Type) *canonStruct {
	if p, ok := canonStructs.Load(t); ok {
		return p.(*canonStruct)
	}
	p := &canonStruct{byJSON: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous {
			panic(fmt.Sprintf("audit: the seal cannot encode the embedded field %s.%s", t, f.Name))
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p.fields = append(p.fields, canonField{json: name, goName: f.Name, index: i, omitzro: slices.Contains(strings.Split(opts, ","), "omitzero")})
	}
	slices.SortFunc(p.fields, func(a, b canonField) int { return strings.Compare(a.json, b.json) })
	for i := range p.fields {
		p.byJSON[p.fields[i].json] = i
	}
	if q, loaded := canonStructs.LoadOrStore(t, p); loaded {
		return q.(*canonStruct)
	}
	// The members' encoders are looked up after the plan is stored, so
	// that a type containing itself finds it.
	for i := range p.fields {
		p.fields[i].enc = canonFor(t.Field(p.fields[i].index).Type)
	}
	return p
}

// append encodes a struct value as an object of its members that carry
// something.
func (p *canonStruct) append(b []byte, v reflect.Value) ([]byte, bool) {
	return p.appendMarked(b, v, nil)
}

// appendMarked is append that, when marks is not nil, also appends to it
// the mark of each member encoded (see SealAlgorithm): name=crc, space
// separated.
func (p *canonStruct) appendMarked(b []byte, v reflect.Value, marks *[]byte) ([]byte, bool) {
	b = append(b, canonObject)
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if f.omitzro && fv.IsZero() {
			continue
		}
		mark := len(b)
		b = canonBytes(append(b, canonKey), f.json)
		var kept bool
		if b, kept = f.enc(b, fv); !kept {
			b = b[:mark]
			continue
		}
		if marks != nil {
			if len(*marks) > 0 {
				*marks = append(*marks, ' ')
			}
			*marks = sealAppendMark(append(append(*marks, f.json...), '='), crc32.Checksum(b[mark:], sealCastagnoli))
		}
	}
	return append(b, canonEnd), true
}

// canonIsObject reports whether values of type t encode as objects.
func canonIsObject(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != timeType && !t.Implements(textMarshal)
}

// canonBytes appends a length-prefixed string: its length in bytes as an
// unsigned varint, then the bytes.
func canonBytes[T ~string | ~[]byte](b []byte, s T) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func canonStr(b []byte, v reflect.Value) ([]byte, bool) {
	return canonStrValue(b, v.String())
}

// canonStrValue encodes a string value, left out when empty.
func canonStrValue(b []byte, s string) ([]byte, bool) {
	if s == "" {
		return b, false
	}
	return canonBytes(append(b, canonString), s), true
}

func canonTime(b []byte, v reflect.Value) ([]byte, bool) {
	var t time.Time
	if v.CanAddr() {
		t = *(*time.Time)(v.Addr().UnsafePointer()) // no copy to the heap
	} else {
		t = v.Interface().(time.Time)
	}
	var buf [40]byte
	text := t.AppendFormat(buf[:0], time.RFC3339Nano)
	return canonBytes(append(b, canonString), text), true
}

func canonText(b []byte, v reflect.Value) ([]byte, bool) {
	text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		// encoding/json could not write the value either; its error
		// text stands in so that the value still counts as changed.
		text = []byte("!" + err.Error())
	}
	return canonStrValue(b, string(text))
}
