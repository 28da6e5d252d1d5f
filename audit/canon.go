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
	"unsafe"
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

// canonFn appends the encoding of the value at p (of the type the
// function was built for) to b and reports whether it carries anything;
// when it does not, b comes back as it was given. Encoders read the
// record's memory through pointers, as encoding/json's own encoders read
// it through reflection, without a reflect.Value per field.
type canonFn func(b []byte, p unsafe.Pointer) ([]byte, bool)

// canonField is one member of a struct's canonical object.
type canonField struct {
	json    string // the JSON member name
	key     string // what the member starts with: 'k' str(json)
	goName  string // the Go field name, for paths
	index   int
	offset  uintptr
	omitzro func(unsafe.Pointer) bool // for fields tagged omitzero: whether the value is zero, as encoding/json judges it
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
	return canonFor(v.Type())(b, canonAddr(v))
}

// canonAddr returns where v is, copying it first when it is not
// addressable.
func canonAddr(v reflect.Value) unsafe.Pointer {
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	return v.Addr().UnsafePointer()
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
	indirect := canonFn(func(b []byte, p unsafe.Pointer) ([]byte, bool) {
		once.Do(func() { real = canonBuild(t) })
		return real(b, p)
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
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			return canonText(b, reflect.NewAt(t, p).Elem())
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			if !*(*bool)(p) {
				return b, false
			}
			return append(b, canonTrue), true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			v := reflect.NewAt(t, p).Elem()
			var n [20]byte
			var text []byte
			if v.CanInt() {
				if v.Int() == 0 {
					return b, false
				}
				text = strconv.AppendInt(n[:0], v.Int(), 10)
			} else {
				if v.Uint() == 0 {
					return b, false
				}
				text = strconv.AppendUint(n[:0], v.Uint(), 10)
			}
			return canonBytes(append(b, canonNumber), text), true
		}
	case reflect.Pointer:
		elem := canonFor(t.Elem())
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return b, false
			}
			return elem(b, q)
		}
	case reflect.Slice:
		elem, size := canonFor(t.Elem()), t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			s := (*canonSlice)(p)
			if s.len == 0 {
				return b, false
			}
			b = append(b, canonArray)
			for i := range s.len {
				var kept bool
				if b, kept = elem(b, unsafe.Add(s.data, uintptr(i)*size)); !kept {
					b = append(b, canonNull)
				}
			}
			return append(b, canonEnd), true
		}
	case reflect.Struct:
		plan := canonStructOf(t)
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return plan.append(b, p) }
	}
	panic(fmt.Sprintf("audit: the seal cannot encode %s (kind %s)", t, t.Kind()))
}

// canonSlice is how a slice is laid out in memory.
type canonSlice struct {
	data     unsafe.Pointer
	len, cap int
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
		cf := canonField{json: name, key: string(canonBytes([]byte{canonKey}, name)), goName: f.Name, index: i, offset: f.Offset}
		if slices.Contains(strings.Split(opts, ","), "omitzero") {
			ft := f.Type
			cf.omitzro = func(p unsafe.Pointer) bool { return reflect.NewAt(ft, p).Elem().IsZero() }
			if ft == timeType {
				cf.omitzro = func(p unsafe.Pointer) bool { return (*time.Time)(p).IsZero() }
			}
		}
		p.fields = append(p.fields, cf)
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

// append encodes the struct at p as an object of its members that carry
// something.
func (s *canonStruct) append(b []byte, p unsafe.Pointer) ([]byte, bool) {
	return s.appendMarked(b, p, nil)
}

// appendMarked is append that, when marks is not nil, also appends to it
// the mark of each member encoded (see SealAlgorithm): name=crc, space
// separated.
func (s *canonStruct) appendMarked(b []byte, p unsafe.Pointer, marks *[]byte) ([]byte, bool) {
	b = append(b, canonObject)
	for i := range s.fields {
		f := &s.fields[i]
		fp := unsafe.Add(p, f.offset)
		if f.omitzro != nil && f.omitzro(fp) {
			continue
		}
		mark := len(b)
		var kept bool
		if b, kept = f.enc(append(b, f.key...), fp); !kept {
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

func canonStr(b []byte, p unsafe.Pointer) ([]byte, bool) {
	return canonStrValue(b, *(*string)(p)) // every string kind is laid out as a string
}

// canonStrValue encodes a string value, left out when empty.
func canonStrValue(b []byte, s string) ([]byte, bool) {
	if s == "" {
		return b, false
	}
	return canonBytes(append(b, canonString), s), true
}

func canonTime(b []byte, p unsafe.Pointer) ([]byte, bool) {
	var buf [40]byte
	text := appendRFC3339Nano(buf[:0], *(*time.Time)(p))
	return canonBytes(append(b, canonString), text), true
}

// appendRFC3339Nano appends t as time.RFC3339Nano formats it (and
// encoding/json writes it), with a fast path for UTC times of years 0 to
// 9999, the times records hold.
func appendRFC3339Nano(b []byte, t time.Time) []byte {
	if t.Location() != time.UTC {
		return t.AppendFormat(b, time.RFC3339Nano)
	}
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, time.RFC3339Nano)
	}
	h, mi, s := t.Clock()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10), ':', byte('0'+s/10), byte('0'+s%10))
	if ns := t.Nanosecond(); ns != 0 {
		var frac [9]byte
		for i := 8; i >= 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 9
		for frac[n-1] == '0' {
			n--
		}
		b = append(append(b, '.'), frac[:n]...)
	}
	return append(b, 'Z')
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
