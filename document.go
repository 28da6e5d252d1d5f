package ismsaudit

import (
	"bytes"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/jsonscan"
)

// DocumentKind names a kind of document the library writes and reads. Each
// document carries its kind and its format version as the first two
// members of its JSON object, [MemberDocumentKind] and
// [MemberFormatVersion]:
//
//	{"documentKind":"audit","formatVersion":1,"id":"A-1",...}
//
// The zero value is unset and never valid.
type DocumentKind string

// The DocumentKind values. Never reorder; append only.
const (
	KindAudit           DocumentKind = "audit"            // an audit record (audit.Audit), 19011:6
	KindProgramme       DocumentKind = "programme"        // an audit programme (programme.Programme), 19011:5
	KindSoA             DocumentKind = "soa"              // a Statement of Applicability (annexa.SoA), 27001:6.1.3 d
	KindChecklist       DocumentKind = "checklist"        // an audit checklist (annexa.Checklist), 19011:6.3.4
	KindAuditor         DocumentKind = "auditor"          // an auditor's record (competence.Auditor), 19011:7
	KindAuditReport     DocumentKind = "audit-report"     // an audit report model (report.AuditReport), 19011:6.5
	KindProgrammeReport DocumentKind = "programme-report" // a programme report model (report.ProgrammeReport), 19011:5.7
	KindPool            DocumentKind = "pool"             // an auditor pool and its competence scheme (competence.PoolDocument), 19011:5.5.4, 7
)

// The JSON member names of the envelope every document carries.
const (
	// MemberDocumentKind is the member holding the document's kind.
	MemberDocumentKind = "documentKind"
	// MemberFormatVersion is the member holding the document's format
	// version, a JSON integer.
	MemberFormatVersion = "formatVersion"
)

var documentKinds = []DocumentKind{KindAudit, KindProgramme, KindSoA, KindChecklist, KindAuditor, KindAuditReport, KindProgrammeReport, KindPool}

// DocumentKinds yields every document kind in their fixed order.
func DocumentKinds() iter.Seq[DocumentKind] { return slices.Values(documentKinds) }

// ParseDocumentKind parses a DocumentKind token; the error lists the valid
// ones.
func ParseDocumentKind(s string) (DocumentKind, error) {
	if k := DocumentKind(s); k.IsValid() {
		return k, nil
	}
	valid := make([]string, len(documentKinds))
	for i, k := range documentKinds {
		valid[i] = string(k)
	}
	return "", &ParseError{Pkg: "ismsaudit", Type: "DocumentKind", Input: s, Valid: valid}
}

// IsValid reports whether k is one of the document kinds.
func (k DocumentKind) IsValid() bool { return slices.Contains(documentKinds, k) }

// String returns the token.
func (k DocumentKind) String() string { return string(k) }

// MarshalText implements encoding.TextMarshaler; an unknown value is refused.
func (k DocumentKind) MarshalText() ([]byte, error) {
	if k != "" && !k.IsValid() {
		_, err := ParseDocumentKind(string(k))
		return nil, err
	}
	return []byte(k), nil
}

// UnmarshalText implements encoding.TextUnmarshaler strictly.
func (k *DocumentKind) UnmarshalText(b []byte) error {
	v, err := ParseDocumentKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// FormatVersion numbers the format of a document kind's JSON. Version 0 is
// the form written before documents carried an envelope: it has neither
// the kind nor the version member. Versions only grow.
type FormatVersion int

// CurrentFormat is the format version this library writes, for every
// document kind. A kind whose format changes gets a version of its own
// (see [DocumentKind.FormatVersion]).
const CurrentFormat FormatVersion = 1

// String returns the version as a decimal number.
func (v FormatVersion) String() string { return strconv.Itoa(int(v)) }

// FormatVersion returns the format version this library writes for
// documents of kind k, or 0 when k is not a document kind.
func (k DocumentKind) FormatVersion() FormatVersion {
	if !k.IsValid() {
		return 0
	}
	return CurrentFormat
}

// SupportedVersions yields the format versions of kind k this library
// reads, from 0 to the current one.
func (k DocumentKind) SupportedVersions() iter.Seq[FormatVersion] {
	return func(yield func(FormatVersion) bool) {
		for v := range k.FormatVersion() + 1 {
			if !k.IsValid() || !yield(v) {
				return
			}
		}
	}
}

// VersionError reports a document whose format version this library does
// not read: one newer than it writes, or a negative one. It unwraps to
// ErrInvalid.
type VersionError struct {
	// Kind is the document's kind.
	Kind DocumentKind `json:"kind"`
	// Found is the version the document carries.
	Found FormatVersion `json:"found"`
	// Supported lists the versions this library reads, oldest first.
	Supported []FormatVersion `json:"supported"`
}

// Error names the kind, the version found and the versions supported.
func (e *VersionError) Error() string {
	s := make([]string, len(e.Supported))
	for i, v := range e.Supported {
		s[i] = v.String()
	}
	return fmt.Sprintf("ismsaudit: %s format version %d is not supported (supported: %s)", e.Kind, e.Found, strings.Join(s, ", "))
}

// Unwrap returns ErrInvalid.
func (e *VersionError) Unwrap() error { return ErrInvalid }

// KindError reports a document of another kind than the one asked for,
// e.g. a SoA given to audit.Decode. It unwraps to ErrInvalid.
type KindError struct {
	// Want is the kind that was asked for.
	Want DocumentKind `json:"want"`
	// Found is the kind the document says it is.
	Found DocumentKind `json:"found"`
}

// Error names both kinds.
func (e *KindError) Error() string {
	return fmt.Sprintf("ismsaudit: document is a %q, not a %q", e.Found, e.Want)
}

// Unwrap returns ErrInvalid.
func (e *KindError) Unwrap() error { return ErrInvalid }

// Envelope is what a document says of itself: its kind and format version.
type Envelope struct {
	// Kind is the document's kind; empty in a version 0 document.
	Kind DocumentKind
	// Version is the document's format version; 0 when it has none.
	Version FormatVersion
}

// ReadEnvelope reads the envelope members of the JSON object in data
// without decoding the rest: it stops as soon as it has both, so a
// document written by this library costs only its first bytes. A document
// with neither member is version 0 (Envelope{}). A member of the wrong
// type, an unknown kind, or one member without the other is refused with
// a *ValidationError naming the member. Data that is not a JSON object is
// reported as version 0, for the decoder to refuse. Member names are
// matched as written, without escapes.
func ReadEnvelope(data []byte) (Envelope, error) {
	var env Envelope
	// A document with neither name anywhere is version 0: the common old
	// record is told without walking it.
	if !bytes.Contains(data, []byte(`"`+MemberFormatVersion+`"`)) && !bytes.Contains(data, []byte(`"`+MemberDocumentKind+`"`)) {
		return env, nil
	}
	var kindRaw, versionRaw []byte
	s := jsonscan.Scanner{Data: data}
	s.Space()
	if !s.Next('{') {
		return env, nil
	}
	for kindRaw == nil || versionRaw == nil {
		s.Space()
		if s.Next('}') || s.Done() {
			break
		}
		key, ok := s.Str()
		if !ok {
			break
		}
		s.Space()
		if !s.Next(':') {
			break
		}
		s.Space()
		start := s.Pos
		if !s.Skip() {
			break
		}
		switch string(key) {
		case MemberDocumentKind:
			kindRaw = data[start:s.Pos]
		case MemberFormatVersion:
			versionRaw = data[start:s.Pos]
		}
		s.Space()
		if !s.Next(',') {
			break
		}
	}
	var fields []FieldError
	if kindRaw != nil {
		k, ok := unquote(kindRaw)
		switch {
		case !ok:
			fields = append(fields, FieldError{Path: "DocumentKind", Rule: RuleJSONType, Value: string(kindRaw), Detail: "a document kind is a JSON string"})
		case !DocumentKind(k).IsValid():
			_, err := ParseDocumentKind(k)
			fields = append(fields, FieldError{Path: "DocumentKind", Rule: RuleEnum, Value: k, Detail: err.Error()})
		default:
			env.Kind = DocumentKind(k)
		}
	}
	if versionRaw != nil {
		n, err := strconv.Atoi(string(versionRaw))
		if err != nil {
			fields = append(fields, FieldError{Path: "FormatVersion", Rule: RuleJSONType, Value: string(versionRaw), Detail: "a format version is a JSON integer"})
		} else {
			env.Version = FormatVersion(n)
		}
	}
	if len(fields) == 0 && (kindRaw == nil) != (versionRaw == nil) {
		if kindRaw == nil {
			fields = append(fields, FieldError{Path: "DocumentKind", Rule: RuleRequired, Detail: "a document with a format version names its kind"})
		} else {
			fields = append(fields, FieldError{Path: "FormatVersion", Rule: RuleRequired, Detail: "a document with a kind names its format version"})
		}
	}
	if len(fields) > 0 {
		return Envelope{}, &ValidationError{Pkg: "ismsaudit", Subject: "document envelope", Fields: fields}
	}
	if env.Kind != "" && env.Version == 0 {
		return Envelope{}, &VersionError{Kind: env.Kind, Found: 0, Supported: slices.Collect(env.Kind.SupportedVersions())}
	}
	return env, nil
}

// Upgrade checks that data is a document of kind want in a format version
// this library reads and returns it in the current format version,
// migrated (see [Migrate]) when it is older; data itself is never
// modified. A document of another kind is refused with a *KindError, a
// newer or unknown version with a *VersionError, and a malformed envelope
// with a *ValidationError; the decoders call it before anything else.
func Upgrade(want DocumentKind, data []byte) ([]byte, error) {
	env, err := ReadEnvelope(data)
	if err != nil {
		return nil, err
	}
	if env.Kind != "" && env.Kind != want {
		return nil, &KindError{Want: want, Found: env.Kind}
	}
	cur := want.FormatVersion()
	if cur == 0 {
		_, err := ParseDocumentKind(string(want))
		return nil, err
	}
	if env.Version < 0 || env.Version > cur {
		return nil, &VersionError{Kind: want, Found: env.Version, Supported: slices.Collect(want.SupportedVersions())}
	}
	for v := env.Version; v < cur; v++ {
		data = migrations[v](want, data)
	}
	return data, nil
}

// Migrate returns the document of kind k in data in the current format
// version, whatever version it is in; it is [Upgrade] under the name a
// host that stores documents looks for, and a document already current is
// returned as it is. Migrations are plain functions of the bytes: they
// never decode the rest of the document, so a record's seal (which
// leaves the envelope out of its parts) still verifies after migration.
//
// The migrations, for every kind:
//
//   - 0 -> 1: the members "documentKind" (the kind) and "formatVersion"
//     (1) are added at the start of the object; nothing else changes.
func Migrate(k DocumentKind, data []byte) ([]byte, error) { return Upgrade(k, data) }

// migrations[v] migrates a document from version v to v+1. Append only.
var migrations = []func(k DocumentKind, data []byte) []byte{
	migrate0to1,
}

// migrate0to1 adds the envelope at the start of the object. Data that is
// not an object is returned as it is, for the decoder to refuse.
func migrate0to1(k DocumentKind, data []byte) []byte {
	s := jsonscan.Scanner{Data: data}
	s.Space()
	if !s.Next('{') {
		return data
	}
	i := s.Pos
	s.Space()
	head := `"` + MemberDocumentKind + `":"` + string(k) + `","` + MemberFormatVersion + `":1`
	out := make([]byte, 0, len(data)+len(head)+1)
	out = append(out, data[:i]...)
	out = append(out, head...)
	if !s.Done() && s.Peek() != '}' {
		out = append(out, ',')
	}
	return append(out, data[i:]...)
}

// unquote returns the text of a JSON string without escapes.
func unquote(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' || bytes.IndexByte(raw[1:len(raw)-1], '\\') >= 0 {
		return "", false
	}
	return string(raw[1 : len(raw)-1]), true
}
