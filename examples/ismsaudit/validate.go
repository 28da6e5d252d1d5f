package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/examples/internal/cli"
	"github.com/ismsaudit/ismsaudit/schema"
)

// validation is what validate prints as JSON for one document.
type validation struct {
	// File is the name given on the command line ("-" for standard input).
	File string `json:"file"`
	// Kind is the document kind the document names.
	Kind ismsaudit.DocumentKind `json:"documentKind"`
	// Schema is the $id of the schema it was validated against.
	Schema string `json:"schema"`
	// Valid is true when the document validates.
	Valid bool `json:"valid"`
	// Problems lists each value the schema refuses, by its JSON Pointer
	// in the document, ordered by pointer (array indexes as numbers).
	Problems []schemaProblem `json:"problems"`
}

// schemaProblem is one value a schema refuses.
type schemaProblem struct {
	// Pointer is the value's JSON Pointer (RFC 6901) in the document; ""
	// is the whole document.
	Pointer string `json:"pointer"`
	// Keyword is the schema keyword that refused it, e.g. "enum".
	Keyword string `json:"keyword"`
	// Message says why, in English.
	Message string   `json:"message"`
	at      []string // the pointer's reference tokens
}

// compareToken orders two reference tokens of a JSON Pointer: array
// indexes as numbers, before member names.
func compareToken(a, b string) int {
	ai, aerr := strconv.Atoi(a)
	bi, berr := strconv.Atoi(b)
	switch {
	case aerr == nil && berr == nil:
		return cmp.Compare(ai, bi)
	case aerr == nil:
		return -1
	case berr == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// runValidate validates documents against the JSON Schema of the kind
// each names: the check a host in another language makes with the schemas
// 'ismsaudit schema' prints, made here with an independent validator.
func runValidate(e env, args []string) int {
	c := lookup("validate")
	fs := newFlagSet(c, e.stderr)
	format := newChoice("text", "text", "json")
	fs.Var(format, "format", "output format: text|json")
	pos, code, goOn := parseAtLeast(fs, args, 1, true, "FILE or - (standard input), one or more")
	if !goOn {
		return code
	}
	stdin := 0
	for _, name := range pos {
		if name == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		fmt.Fprintln(e.stderr, "ismsaudit validate: standard input (-) given more than once")
		return cli.Usage
	}
	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	compiler.AssertFormat()
	schemas := map[ismsaudit.DocumentKind]*jsonschema.Schema{}
	var results []validation
	for _, name := range pos {
		data, err := readInput(e, name)
		if err != nil {
			fmt.Fprintln(e.stderr, "ismsaudit validate:", err)
			return cli.Usage
		}
		res, err := validateDocument(compiler, schemas, name, data)
		if err != nil {
			fmt.Fprintf(e.stderr, "ismsaudit validate: %s: %v\n", name, err)
			return cli.Usage
		}
		results = append(results, res)
	}
	if err := writeValidations(e.stdout, format.value, results); err != nil {
		fmt.Fprintln(e.stderr, "ismsaudit validate:", err)
		return cli.Failed
	}
	for _, r := range results {
		if !r.Valid {
			return cli.Failed
		}
	}
	return cli.OK
}

// validateDocument validates one document against the schema of the kind
// it names, compiling each kind's schema once. An error means the
// document could not be validated at all: not JSON, or no kind named.
func validateDocument(c *jsonschema.Compiler, schemas map[ismsaudit.DocumentKind]*jsonschema.Schema, name string, data []byte) (validation, error) {
	env, err := ismsaudit.ReadEnvelope(data)
	if err != nil {
		return validation{}, err
	}
	if env.Kind == "" {
		return validation{}, errors.New("the document names no documentKind: it was written in format version 0, which has no schema; 'ismsaudit migrate' upgrades it")
	}
	sch, ok := schemas[env.Kind]
	if !ok {
		text, err := schema.For(env.Kind)
		if err != nil {
			return validation{}, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
		if err == nil {
			err = c.AddResource(schema.ID(env.Kind), doc)
		}
		if err == nil {
			sch, err = c.Compile(schema.ID(env.Kind))
		}
		if err != nil {
			return validation{}, fmt.Errorf("compiling the %s schema: %w", env.Kind, err)
		}
		schemas[env.Kind] = sch
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return validation{}, err
	}
	res := validation{File: name, Kind: env.Kind, Schema: schema.ID(env.Kind), Valid: true, Problems: []schemaProblem{}}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		res.Valid = false
		p := message.NewPrinter(language.English)
		var leaves func(*jsonschema.ValidationError)
		leaves = func(v *jsonschema.ValidationError) {
			if len(v.Causes) == 0 {
				res.Problems = append(res.Problems, schemaProblem{Pointer: pointer(v.InstanceLocation), Keyword: strings.Join(v.ErrorKind.KeywordPath(), "/"), Message: v.ErrorKind.LocalizedString(p), at: v.InstanceLocation})
			}
			for _, c := range v.Causes {
				leaves(c)
			}
		}
		leaves(ve)
		slices.SortStableFunc(res.Problems, func(a, b schemaProblem) int { return slices.CompareFunc(a.at, b.at, compareToken) })
	} else if err != nil {
		return validation{}, err
	}
	return res, nil
}

// pointer joins reference tokens into a JSON Pointer (RFC 6901).
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

// writeValidations prints the results as text (one line per document,
// then one per problem) or as a JSON array.
func writeValidations(w io.Writer, format string, results []validation) error {
	if format == "json" {
		out, err := json.MarshalIndent(results, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}
	var b strings.Builder
	for _, r := range results {
		if r.Valid {
			fmt.Fprintf(&b, "%s: valid %s document (%s)\n", r.File, r.Kind, r.Schema)
			continue
		}
		fmt.Fprintf(&b, "%s: %s document does not validate against %s: %d problems\n", r.File, r.Kind, r.Schema, len(r.Problems))
		for _, p := range r.Problems {
			at := p.Pointer
			if at == "" {
				at = "(the document)"
			}
			fmt.Fprintf(&b, "  %s: %s (%s)\n", at, p.Message, p.Keyword)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
