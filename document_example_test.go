package ismsaudit_test

import (
	"errors"
	"fmt"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// ExampleVersionError shows a record written by a newer version of the
// library refused by name, and a document of another kind refused with
// both kinds named.
func ExampleVersionError() {
	_, err := audit.Decode([]byte(`{"documentKind":"audit","formatVersion":9,"id":"A-2031-01"}`))
	var ve *ismsaudit.VersionError
	if errors.As(err, &ve) {
		fmt.Println("found:", ve.Found, "supported:", ve.Supported)
	}
	fmt.Println(err)
	fmt.Println(errors.Is(err, ismsaudit.ErrInvalid))

	_, err = audit.Decode([]byte(`{"documentKind":"soa","formatVersion":1,"organization":"Example Ltd"}`))
	var ke *ismsaudit.KindError
	if errors.As(err, &ke) {
		fmt.Println("want:", ke.Want, "found:", ke.Found)
	}
	// Output:
	// found: 9 supported: [0 1]
	// ismsaudit: audit format version 9 is not supported (supported: 0, 1)
	// true
	// want: audit found: soa
}

// ExampleMigrate upgrades a record stored before documents carried their
// kind and format version (version 0): the envelope is added in front and
// nothing else changes, so a host can migrate its store without decoding.
func ExampleMigrate() {
	old := []byte(`{"id":"A-2026-01","kind":"internal","client":"Example Ltd"}`)
	env, _ := ismsaudit.ReadEnvelope(old)
	fmt.Println("stored version:", env.Version)

	current, err := ismsaudit.Migrate(ismsaudit.KindAudit, old)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(current))
	// Output:
	// stored version: 0
	// {"documentKind":"audit","formatVersion":1,"id":"A-2026-01","kind":"internal","client":"Example Ltd"}
}
