package schema_test

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/schema"
)

// A host compiles a kind's schema with any JSON Schema 2020-12 validator
// (here github.com/santhosh-tekuri/jsonschema/v6) and checks documents
// against it: a document of the wrong kind, a missing member or an
// unknown enumeration token fails.
func Example() {
	b, err := schema.For(ismsaudit.KindSoA)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.ID(ismsaudit.KindSoA), doc); err != nil {
		fmt.Println(err)
		return
	}
	soa, err := c.Compile(schema.ID(ismsaudit.KindSoA))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, record := range []string{
		`{"documentKind":"soa","formatVersion":1,"organization":"Example Ltd","version":"1","decisions":[]}`,
		`{"documentKind":"soa","formatVersion":1,"organization":"Example Ltd","version":"1"}`,
		`{"documentKind":"audit","formatVersion":1,"organization":"Example Ltd","version":"1","decisions":[]}`,
		`{"documentKind":"soa","formatVersion":1,"organization":"Example Ltd","version":"1","decisions":[{"control":"5.1","applicability":"maybe"}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(record)))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(soa.Validate(inst) == nil)
	}
	// Output:
	// true
	// false
	// false
	// false
}

func ExampleFor() {
	b, err := schema.For(ismsaudit.KindAudit)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(schema.ID(ismsaudit.KindAudit), bytes.Contains(b, []byte(`"const": "audit"`)))
	_, err = schema.For("minutes")
	fmt.Println(err)
	// Output:
	// https://github.com/ismsaudit/ismsaudit/schema/audit.schema.json true
	// ismsaudit: invalid DocumentKind "minutes" (valid: audit, programme, soa, checklist, auditor, audit-report, programme-report, pool)
}

func ExampleKinds() {
	for k := range schema.Kinds() {
		fmt.Println(schema.FileName(k))
	}
	// Output:
	// audit.schema.json
	// programme.schema.json
	// soa.schema.json
	// checklist.schema.json
	// auditor.schema.json
	// audit-report.schema.json
	// programme-report.schema.json
	// pool.schema.json
}
