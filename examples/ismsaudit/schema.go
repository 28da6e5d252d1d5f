package main

import (
	"fmt"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/schema"
)

// runSchema prints the JSON Schema of a document kind.
func runSchema(e env, args []string) int {
	c := lookup("schema")
	fs := newFlagSet(c, e.stderr)
	pos, code, goOn := parse(fs, args, 1, "a document kind ("+kindNames()+")")
	if !goOn {
		return code
	}
	k, err := ismsaudit.ParseDocumentKind(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "ismsaudit schema: unknown document kind %q (valid: %s)\n", pos[0], kindNames())
		return cli.Usage
	}
	data, err := schema.For(k)
	if err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit schema:", err)
		return cli.Failed
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	return output(e, string(data))
}
