package schema

import (
	"embed"
	"iter"

	"github.com/ismsaudit/ismsaudit"
)

//go:embed *.schema.json
var files embed.FS

// BaseID is the URI every schema's "$id" starts with; the kind and
// ".schema.json" follow (see [ID]).
const BaseID = "https://github.com/ismsaudit/ismsaudit/schema/"

// ID returns the "$id" of the schema of documents of kind k, for example
// "https://github.com/ismsaudit/ismsaudit/schema/audit.schema.json". It
// does not check k.
func ID(k ismsaudit.DocumentKind) string { return BaseID + FileName(k) }

// FileName returns the name of the schema file of documents of kind k in
// this directory, "<kind>.schema.json". It does not check k.
func FileName(k ismsaudit.DocumentKind) string { return string(k) + ".schema.json" }

// For returns the JSON Schema (draft 2020-12) of documents of kind k in
// the current format version, as the bytes of its file; the caller owns
// the slice. A kind that is not a document kind is refused with the
// *ismsaudit.ParseError of [ismsaudit.ParseDocumentKind], which lists the
// valid kinds and unwraps to ismsaudit.ErrInvalid.
func For(k ismsaudit.DocumentKind) ([]byte, error) {
	if _, err := ismsaudit.ParseDocumentKind(string(k)); err != nil {
		return nil, err
	}
	return files.ReadFile(FileName(k))
}

// Kinds yields the document kinds that have a schema, in the order of
// [ismsaudit.DocumentKinds]: every one of them.
func Kinds() iter.Seq[ismsaudit.DocumentKind] {
	return func(yield func(ismsaudit.DocumentKind) bool) {
		for k := range ismsaudit.DocumentKinds() {
			if _, err := files.Open(FileName(k)); err != nil {
				continue
			}
			if !yield(k) {
				return
			}
		}
	}
}
