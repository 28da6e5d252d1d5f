package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"golang.org/x/mod/sumdb/tlog"
)

// The record cut into the parts the whole-record seal hashes (see
// SealAlgorithm): the root part, one part per top-level object and one
// per element of each top-level array.

// recordPart is one part of the record as it is now.
type recordPart struct {
	json   string        // the JSON name of the top-level member; "" for the root part
	field  string        // its Go name; "" for the root part
	index  int           // element index, or -1
	value  reflect.Value // the part's value; for the root part, the Audit
	root   bool
	absent bool       // the part carries nothing, so is not a part (see SealAlgorithm)
	sum    tlog.Hash  // leaf hash
	seal   SealedPart // the part as the seal keeps it, when asked for
}

// appendPath appends the part's JSON path.
func (p *recordPart) appendPath(b []byte) []byte {
	b = append(b, p.json...)
	if p.index >= 0 {
		b = append(strconv.AppendInt(append(b, '['), int64(p.index), 10), ']')
	}
	return b
}

// path is the part's JSON path.
func (p *recordPart) path() string { return string(p.appendPath(nil)) }

// goPath is the part's path in Go field names.
func (p *recordPart) goPath() string {
	switch {
	case p.root:
		return ""
	case p.index >= 0:
		return errs.Index(p.field, p.index)
	}
	return p.field
}

// appendValue appends the encoding of the part's value and reports
// whether it carries anything (an array element always does: 'z' stands
// for an empty one); when marks is not nil, the marks of an object's
// members are appended to it.
func (p *recordPart) appendValue(b []byte, marks *[]byte) ([]byte, bool) {
	v := p.value
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	var kept bool
	switch {
	case p.root:
		b, kept = canonRootPlan().appendMarked(b, canonAddr(v), marks)
	case canonIsObject(v.Type()):
		b, kept = canonStructOf(v.Type()).appendMarked(b, canonAddr(v), marks)
	default:
		b, kept = canonAppend(b, v)
	}
	if !kept && p.index >= 0 {
		return append(b, canonNull), true
	}
	return b, kept
}

// leaf appends the part's leaf data under the given path: str(path) ||
// enc(value).
func (p *recordPart) leaf(b []byte, path string) ([]byte, bool) {
	return p.appendValue(canonBytes(b, path), nil)
}

// hashIs reports whether the part's hash is h, 64 lower-case hex digits.
func (p *recordPart) hashIs(h string) bool {
	var buf [64]byte
	hex.Encode(buf[:], p.sum[:])
	return string(buf[:]) == h
}

// sealed returns the part as the seal keeps it, with its marks.
func (p *recordPart) sealed() SealedPart {
	if p.seal.Hash == "" {
		p.seal = SealedPart{Path: p.path(), Hash: hex.EncodeToString(p.sum[:]), Marks: p.computeMarks()}
	}
	return p.seal
}

// computeMarks encodes the part again for its marks.
func (p *recordPart) computeMarks() string {
	var marks []byte
	p.appendValue(nil, &marks)
	return string(marks)
}

// locate returns the Go path of the first member whose mark differs from
// the sealed marks, or the part's own path when the marks do not tell.
func (p *recordPart) locate(sealed string) string {
	want := map[string]string{}
	for _, m := range strings.Fields(sealed) {
		if k, v, ok := strings.Cut(m, "="); ok {
			want[k] = v
		}
	}
	base := p.goPath()
	v := p.value
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	goName := func(json string) string {
		if canonIsObject(v.Type()) {
			plan := canonStructOf(v.Type())
			if i, ok := plan.byJSON[json]; ok {
				json = plan.fields[i].goName
			}
		}
		if base == "" {
			return json
		}
		return base + "." + json
	}
	for _, m := range strings.Fields(p.computeMarks()) {
		name, mark, _ := strings.Cut(m, "=")
		if want[name] != mark {
			return goName(name)
		}
		delete(want, name)
	}
	if len(want) > 0 { // a member was emptied or removed
		return goName(sortedKeys(want)[0])
	}
	return base
}

// rootMember reports whether a top-level field of this type belongs to
// the root part: neither an array nor an object.
func rootMember(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() != reflect.Slice && !canonIsObject(t)
}

var auditType = reflect.TypeFor[Audit]()

// sealExcluded reports whether the top-level member is left out of the
// record's parts (see SealAlgorithm): the seal itself and the document's
// envelope, which a migration may add to a record sealed before.
func sealExcluded(json string) bool {
	return json == "seal" || json == ismsaudit.MemberDocumentKind || json == ismsaudit.MemberFormatVersion
}

// canonRootPlan is the plan of the root part: the audit's root members.
var canonRootPlan = sync.OnceValue(func() *canonStruct {
	plan := canonStructOf(auditType)
	root := &canonStruct{byJSON: map[string]int{}}
	for _, f := range plan.fields {
		if !sealExcluded(f.json) && rootMember(auditType.Field(f.index).Type) {
			root.byJSON[f.json] = len(root.fields)
			root.fields = append(root.fields, f)
		}
	}
	return root
})

// recordParts returns the parts of the record, in tree order (see
// SealAlgorithm), each encoded and hashed, and as the seal keeps them
// (with their marks) when asked;
// parts that carry nothing are left out.
func recordParts(a *Audit, sealed bool) []recordPart {
	v := reflect.ValueOf(a).Elem()
	plan := canonStructOf(auditType)
	parts := make([]recordPart, 0, 16+len(a.Evidence)+len(a.Findings)+len(a.FollowUps))
	parts = append(parts, recordPart{index: -1, value: v, root: true})
	for i := range plan.fields {
		f := &plan.fields[i]
		fv := v.Field(f.index)
		switch {
		case sealExcluded(f.json) || rootMember(fv.Type()):
		case fv.Kind() == reflect.Slice:
			for j := range fv.Len() {
				parts = append(parts, recordPart{json: f.json, field: f.goName, index: j, value: fv.Index(j)})
			}
		default:
			parts = append(parts, recordPart{json: f.json, field: f.goName, index: -1, value: fv})
		}
	}
	hashParts(parts, sealed)
	kept := parts[:0]
	for _, p := range parts {
		if !p.absent {
			kept = append(kept, p)
		}
	}
	return kept
}

// hashParts encodes and hashes the parts, and makes each a SealedPart
// when asked.
func hashParts(parts []recordPart, sealed bool) {
	var strs stringArena
	b := make([]byte, 0, 4096)
	var path, m []byte
	for i := range parts {
		p := &parts[i]
		path = p.appendPath(path[:0])
		b = canonBytes(append(b[:0], 0), path) // 0x00: the leaf's hash prefix (RFC 6962)
		var marks *[]byte
		if sealed {
			m = m[:0]
			marks = &m
		}
		var kept bool
		if b, kept = p.appendValue(b, marks); !kept {
			p.absent = true
			continue
		}
		p.sum = sha256.Sum256(b) // tlog.RecordHash of the leaf data, in one write
		if sealed {
			p.seal = strs.sealedPart(path, p.sum, m)
		}
	}
}

// stringArena makes many small strings from a few large allocations:
// each string is cut from a strings.Builder's buffer, which later writes
// only extend.
type stringArena struct{ b strings.Builder }

// sealedPart makes a SealedPart's three strings.
func (s *stringArena) sealedPart(path []byte, sum tlog.Hash, marks []byte) SealedPart {
	n := len(path) + 2*len(sum) + len(marks)
	if s.b.Cap()-s.b.Len() < n {
		s.b = strings.Builder{}
		s.b.Grow(max(n, 64<<10))
	}
	start := s.b.Len()
	s.b.Write(path)
	var hash [2 * tlog.HashSize]byte
	hex.Encode(hash[:], sum[:])
	s.b.Write(hash[:])
	s.b.Write(marks)
	all := s.b.String()[start:]
	h := len(path) + len(hash)
	return SealedPart{Path: all[:len(path)], Hash: all[len(path):h], Marks: all[h:]}
}
