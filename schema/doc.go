// Package schema holds the JSON Schemas (draft 2020-12) of the documents
// the library writes and reads, one per [ismsaudit.DocumentKind], so that
// hosts written in other languages can check a record before they store
// or exchange it.
//
// # The schemas
//
// Each schema is a file of this directory, <kind>.schema.json
// (audit.schema.json, programme.schema.json, soa.schema.json,
// checklist.schema.json, auditor.schema.json, audit-report.schema.json,
// programme-report.schema.json), embedded in the package and returned by
// [For]. A schema describes the document in the current format version
// ([ismsaudit.CurrentFormat]):
//
//   - the envelope: "documentKind" (a const, the kind) and "formatVersion"
//     (a const, the version), required and written first by the library;
//   - every member of every object, with its meaning taken from the Go
//     doc comments; members the library always writes are required, and
//     unknown members are refused, as the strict decoders refuse them;
//   - enumerations as "enum" with the meaning of each token, in the same
//     order, in "enumDescriptions";
//   - times as strings of format "date-time" (RFC 3339), host ids as
//     non-empty strings, Annex A control and clause ids, digests and
//     seal hashes with the patterns the library checks;
//   - the shape rules of the Go validator tags: required values, minimum
//     counts and bounds, unique lists.
//
// A schema checks the form of a document only. The process rules (an
// audit's Verify, a report's Check, a seal's VerifySeal) need the library
// or the ismsaudit command; an older format version needs
// [ismsaudit.Migrate] first.
//
// # Keeping them in sync
//
// The schemas are generated from the Go types with
// github.com/invopop/jsonschema by this package's tests, not at run time:
//
//	go test ./schema -run TestSchemasUpToDate -update
//
// rewrites them, and without -update the test regenerates them and fails
// when a committed file is stale. The tests validate the compatibility
// corpus and the records the library writes against them with an
// independent validator, github.com/santhosh-tekuri/jsonschema/v6.
package schema
