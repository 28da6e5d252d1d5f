package schema_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
	"github.com/ismsaudit/ismsaudit/report"
	"github.com/ismsaudit/ismsaudit/schema"
)

var update = flag.Bool("update", false, "rewrite the committed schemas")

// module is the module path; a package's directory is its path below it,
// relative to the module root (this package's parent directory).
const module = "github.com/ismsaudit/ismsaudit"

// documents maps each document kind to the Go type of its JSON and a title.
var documents = []struct {
	kind  ismsaudit.DocumentKind
	typ   reflect.Type
	title string
}{
	{ismsaudit.KindAudit, reflect.TypeFor[audit.Audit](), "ismsaudit audit record"},
	{ismsaudit.KindProgramme, reflect.TypeFor[programme.Programme](), "ismsaudit audit programme"},
	{ismsaudit.KindSoA, reflect.TypeFor[annexa.SoA](), "ismsaudit Statement of Applicability"},
	{ismsaudit.KindChecklist, reflect.TypeFor[annexa.Checklist](), "ismsaudit audit checklist"},
	{ismsaudit.KindAuditor, reflect.TypeFor[competence.Auditor](), "ismsaudit auditor's record"},
	{ismsaudit.KindAuditReport, reflect.TypeFor[report.AuditReport](), "ismsaudit audit report"},
	{ismsaudit.KindProgrammeReport, reflect.TypeFor[report.ProgrammeReport](), "ismsaudit programme report"},
	{ismsaudit.KindPool, reflect.TypeFor[competence.PoolDocument](), "ismsaudit auditor pool"},
}

// TestSchemasUpToDate regenerates every schema and compares it with the
// committed file; with -update it rewrites the files instead.
func TestSchemasUpToDate(t *testing.T) {
	var kinds []ismsaudit.DocumentKind
	for _, d := range documents {
		kinds = append(kinds, d.kind)
	}
	if want := slices.Collect(ismsaudit.DocumentKinds()); !slices.Equal(kinds, want) {
		t.Fatalf("the generator's documents are %v, the document kinds %v: add the new kind's Go type to documents", kinds, want)
	}
	g := newGenerator(t)
	for _, d := range documents {
		t.Run(string(d.kind), func(t *testing.T) {
			got := g.generate(d.kind, d.typ, d.title)
			file := schema.FileName(d.kind)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v: run go test ./schema -run TestSchemasUpToDate -update", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s is stale: run go test ./schema -run TestSchemasUpToDate -update; mismatch (-committed +generated):\n%s", file, diff)
			}
		})
	}
}

// enumValue is one token of an enumeration with its meaning.
type enumValue struct {
	token, meaning string
}

// source is what the generator reads from the packages' Go source: doc
// comments of types and fields, and the constants of each type. Keys are
// "importpath.Type" and "importpath.Type.Field".
type source struct {
	loaded map[string]bool
	types  map[string]string
	fields map[string]string
	consts map[string][]enumValue
}

// load parses the non-test Go files of the package at import path pkg.
func (s *source) load(t *testing.T, pkg string) {
	if s.loaded[pkg] {
		return
	}
	s.loaded[pkg] = true
	dir := filepath.Join("..", filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")))
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch sp := spec.(type) {
				case *ast.TypeSpec:
					d := sp.Doc
					if d == nil && len(gd.Specs) == 1 {
						d = gd.Doc
					}
					key := pkg + "." + sp.Name.Name
					s.types[key] = text(d)
					if st, ok := sp.Type.(*ast.StructType); ok {
						prev := ""
						for _, fl := range st.Fields.List {
							doc := text(fl.Doc)
							if doc == "" {
								doc = text(fl.Comment)
							}
							for _, n := range fl.Names {
								d := doc
								// A comment on a group of fields ("CreatedAt
								// and CreatedBy say ...") sits on the first.
								if d == "" && regexp.MustCompile(`\b`+n.Name+`\b`).MatchString(prev) {
									d = prev
								}
								s.fields[key+"."+n.Name] = d
							}
							if doc != "" {
								prev = doc
							}
						}
					}
				case *ast.ValueSpec:
					if gd.Tok != token.CONST || sp.Type == nil {
						continue
					}
					typ, ok := sp.Type.(*ast.Ident)
					if !ok {
						continue
					}
					meaning := text(sp.Comment)
					if meaning == "" {
						meaning = text(sp.Doc)
					}
					for i, n := range sp.Names {
						if i >= len(sp.Values) {
							break
						}
						lit, ok := sp.Values[i].(*ast.BasicLit)
						if !ok || lit.Kind != token.STRING {
							continue
						}
						tok, err := strconv.Unquote(lit.Value)
						if err != nil {
							t.Fatal(err)
						}
						// A doc comment of the form "Name: meaning" or
						// "Name is meaning" speaks of the constant.
						m := strings.TrimPrefix(meaning, n.Name+": ")
						key := pkg + "." + typ.Name
						s.consts[key] = append(s.consts[key], enumValue{token: tok, meaning: m})
					}
				}
			}
		}
	}
}

// docLink matches a doc link, [Name] or [pkg.Name], whose brackets a
// schema reader does not need.
var docLink = regexp.MustCompile(`\[(\*?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)\]`)

// text renders a doc comment as plain text: directives dropped, doc links
// unbracketed, each paragraph on one line.
func text(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	var p comment.Parser
	d := p.Parse(docLink.ReplaceAllString(cg.Text(), "$1"))
	pr := comment.Printer{TextWidth: -1}
	return strings.TrimSpace(string(pr.Text(d)))
}

// generator makes the schemas from the Go types.
type generator struct {
	t   *testing.T
	src *source
	// named maps the $defs names to their Go types.
	named map[string]reflect.Type
	// mapped are the named non-struct types given a $defs entry of their
	// own (enumerations and ids), by name.
	mapped map[string]reflect.Type
}

func newGenerator(t *testing.T) *generator {
	return &generator{t: t, src: &source{
		loaded: map[string]bool{}, types: map[string]string{}, fields: map[string]string{}, consts: map[string][]enumValue{},
	}}
}

// ours reports whether t is a named type of this module.
func ours(t reflect.Type) bool {
	return t.Name() != "" && (t.PkgPath() == module || strings.HasPrefix(t.PkgPath(), module+"/"))
}

// defName names a type in $defs: its package's name, a dot and its name;
// a generic type's arguments follow, each after a dash:
// "audit.Finding", "ismsaudit.Entry-audit.State-audit.Event".
func defName(t reflect.Type) string {
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 {
		var args []string
		for a := range strings.SplitSeq(name[i+1:len(name)-1], ",") {
			args = append(args, path.Base(a))
		}
		name = name[:i] + "-" + strings.Join(args, "-")
	}
	return path.Base(t.PkgPath()) + "." + name
}

// baseKey is the source key of t: "importpath.Type", without type
// arguments.
func baseKey(t reflect.Type) string {
	name, _, _ := strings.Cut(t.Name(), "[")
	return t.PkgPath() + "." + name
}

// enumValues returns the values of the enumeration t, or nil when t is
// not one: a string type with an IsValid method and constants of its own.
func (g *generator) enumValues(t reflect.Type) []enumValue {
	if t.Kind() != reflect.String || !ours(t) {
		return nil
	}
	isValid, ok := t.MethodByName("IsValid")
	if !ok {
		return nil
	}
	g.src.load(g.t, t.PkgPath())
	vals := g.src.consts[baseKey(t)]
	for _, v := range vals {
		x := reflect.New(t).Elem()
		x.SetString(v.token)
		if !isValid.Func.Call([]reflect.Value{x})[0].Bool() {
			g.t.Fatalf("%s: constant %q is not valid", defName(t), v.token)
		}
	}
	return vals
}

// isID reports whether t is a host's or the catalogue's id: a string
// type of this module whose name ends in ID.
func isID(t reflect.Type) bool {
	return t.Kind() == reflect.String && ours(t) && strings.HasSuffix(t.Name(), "ID")
}

func (g *generator) reflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		ExpandedStruct: true,
		Namer: func(t reflect.Type) string {
			if !ours(t) {
				return ""
			}
			n := defName(t)
			g.named[n] = t
			return n
		},
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if g.enumValues(t) == nil && !isID(t) {
				return nil
			}
			n := defName(t)
			g.mapped[n] = t
			return &jsonschema.Schema{Ref: "#/$defs/" + n}
		},
		LookupComment: func(t reflect.Type, field string) string {
			if !ours(t) {
				return ""
			}
			g.src.load(g.t, t.PkgPath())
			if field == "" {
				return g.src.types[baseKey(t)]
			}
			return g.src.fields[baseKey(t)+"."+field]
		},
	}
}

// generate returns the schema of documents of kind k, whose Go type is typ.
func (g *generator) generate(k ismsaudit.DocumentKind, typ reflect.Type, title string) []byte {
	g.named, g.mapped = map[string]reflect.Type{}, map[string]reflect.Type{}
	s := g.reflector().ReflectFromType(typ)
	s.ID = jsonschema.ID(schema.ID(k))
	s.Title = fmt.Sprintf("%s (documentKind %q, formatVersion %d)", title, k, k.FormatVersion())
	// The document's type may hold values of its own type (a programme's
	// earlier versions): those have a definition of their own, without
	// the document's envelope, which prune drops when nothing refers to it.
	r := g.reflector()
	r.ExpandedStruct = false
	s.Definitions[defName(typ)] = r.ReflectFromType(typ).Definitions[defName(typ)]
	for n, t := range g.named {
		if t.Kind() != reflect.Struct {
			continue
		}
		def := s.Definitions[n]
		if def == nil {
			g.t.Fatalf("%s: no definition", n)
		}
		g.object(def, t)
		if t == typ {
			g.object(s, t)
		}
	}
	g.envelope(s, k)
	for n, kind := range nestedEnvelopes {
		if def := s.Definitions[n]; def != nil && g.named[n] != typ {
			g.nestedEnvelope(def, kind)
		}
	}
	for n, t := range g.mapped {
		s.Definitions[n] = g.def(t)
	}
	if _, ok := s.Definitions["annexa.Ref"]; ok {
		g.ref(s)
	}
	g.prune(s)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		g.t.Fatal(err)
	}
	return append(b, '\n')
}

// hex64 is the pattern of a SHA-256 digest or hash as the library writes
// and checks it: 64 lower-case hex digits.
const hex64 = "^[0-9a-f]{64}$"

// overrides add what the Go types cannot say to single members, by
// "$defs name.Go field name".
var overrides = map[string]func(*jsonschema.Schema){
	"audit.Evidence.Digest":       pattern(hex64),
	"report.AuditEvidence.Digest": pattern(hex64),
	"audit.SealedPart.Hash":       pattern(hex64),
	"audit.SealHead.Root":         pattern(hex64),
	"audit.SealHead.Head":         pattern(hex64),
	"audit.SealHead.Previous":     pattern(hex64),
	"audit.SealHead.Consistency":  itemsPattern(hex64),
	"audit.SealProof.Hashes":      itemsPattern(hex64),
	"audit.Seal.Head":             pattern(hex64),
	"audit.SealedLog.Marks":       pattern("^([0-9a-f]{8})*$"),
	"report.AuditSeal.Head":       pattern(hex64),
	"audit.Seal.Algorithm":        sealAlgorithm,
	"report.AuditSeal.Algorithm":  sealAlgorithm,
}

func pattern(p string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Pattern = p }
}

func itemsPattern(p string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Items.Pattern = p }
}

func sealAlgorithm(s *jsonschema.Schema) {
	s.Enum = []any{audit.SealAlgorithm, audit.SealAlgorithmV2}
	s.Extras = map[string]any{"enumDescriptions": []string{
		"the record tree: RFC 6962 Merkle tree of the record's parts and changes, with signed heads and inclusion proofs",
		"the log chain of earlier records: a SHA-256 chain over the record's append-only logs",
	}}
}

// object adds to the definition of struct type t what its json and
// validate tags say beyond what the reflector reads, and the overrides.
func (g *generator) object(def *jsonschema.Schema, t reflect.Type) {
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		prop, ok := def.Properties.Get(name)
		if !ok {
			g.t.Fatalf("%s: no property %q", defName(t), name)
		}
		key := defName(t) + "." + f.Name
		required, nonNull := g.validate(key, prop, f.Type, f.Tag.Get("validate"))
		if required && !slices.Contains(def.Required, name) {
			def.Required = append(def.Required, name)
		}
		if o := overrides[key]; o != nil {
			o(prop)
		}
		omit := slices.ContainsFunc(strings.Split(opts, ","), func(o string) bool { return o == "omitempty" || o == "omitzero" })
		switch f.Type.Kind() {
		case reflect.Slice, reflect.Map, reflect.Pointer:
			if !omit && !nonNull {
				// encoding/json writes a nil slice, map or pointer as null.
				desc := prop.Description
				prop.Description = ""
				def.Properties.Set(name, &jsonschema.Schema{Description: desc, AnyOf: []*jsonschema.Schema{prop, {Type: "null"}}})
			}
		}
	}
}

// validate applies a validate tag to the property prop of Go type ft and
// reports whether it makes the member required and whether it refuses
// null.
func (g *generator) validate(key string, prop *jsonschema.Schema, ft reflect.Type, tag string) (required, nonNull bool) {
	level, lt, field := prop, ft, true
	for part := range strings.SplitSeq(tag, ",") {
		for lt.Kind() == reflect.Pointer {
			lt = lt.Elem()
		}
		op, arg, _ := strings.Cut(part, "=")
		switch op {
		case "", "omitempty", "enum":
			// enum: the type's definition lists the valid tokens.
		case "dive":
			if level.Items == nil {
				g.t.Fatalf("%s: dive on %s", key, lt)
			}
			level, lt, field = level.Items, lt.Elem(), false
		case "required":
			if field {
				required, nonNull = true, true
			}
			if lt.Kind() == reflect.String {
				level.MinLength = ptr(uint64(1))
			}
		case "unique":
			level.UniqueItems = true
		case "oneof":
			level.Enum = nil
			for v := range strings.FieldsSeq(arg) {
				level.Enum = append(level.Enum, v)
			}
		case "min", "gte", "gt", "lte", "lt":
			n, err := strconv.ParseUint(arg, 10, 64)
			if err != nil {
				g.t.Fatalf("%s: validate %q: %v", key, part, err)
			}
			switch lt.Kind() {
			case reflect.Slice, reflect.String:
				switch {
				case op == "gt":
					n++
					fallthrough
				case op == "min" || op == "gte":
					if field && lt.Kind() == reflect.Slice && n > 0 {
						nonNull = true
					}
					if lt.Kind() == reflect.Slice {
						level.MinItems = ptr(n)
					} else {
						level.MinLength = ptr(n)
					}
				default:
					g.t.Fatalf("%s: validate %q on %s", key, part, lt)
				}
			default:
				num := json.Number(arg)
				switch op {
				case "min", "gte":
					level.Minimum = num
				case "gt":
					level.ExclusiveMinimum = num
				case "lte":
					level.Maximum = num
				case "lt":
					level.ExclusiveMaximum = num
				}
			}
		default:
			g.t.Fatalf("%s: validate %q is not known to the generator", key, part)
		}
	}
	return required, nonNull
}

func ptr[T any](v T) *T { return &v }

// envelope makes the envelope members constants, required and first.
func (g *generator) envelope(s *jsonschema.Schema, k ismsaudit.DocumentKind) {
	first := s.Properties.Oldest()
	if first == nil || first.Key != ismsaudit.MemberDocumentKind || first.Next() == nil || first.Next().Key != ismsaudit.MemberFormatVersion {
		g.t.Fatalf("%s: the Go type's first members are not %s and %s", k, ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion)
	}
	s.Properties.Set(ismsaudit.MemberDocumentKind, &jsonschema.Schema{
		Type:        "string",
		Const:       string(k),
		Description: fmt.Sprintf("The document's kind, always %q; the library writes it first.", k),
	})
	s.Properties.Set(ismsaudit.MemberFormatVersion, &jsonschema.Schema{
		Type:        "integer",
		Const:       int(k.FormatVersion()),
		Description: fmt.Sprintf("The document's format version, %d, the one this schema describes; the library writes it second. A document of an older version is migrated (ismsaudit.Migrate, or the ismsaudit command's migrate) before it is checked against this schema; a newer one is refused.", k.FormatVersion()),
	})
	req := []string{ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion}
	for _, r := range s.Required {
		if !slices.Contains(req, r) {
			req = append(req, r)
		}
	}
	s.Required = req
}

// nestedEnvelopes are the records of a document kind that documents of
// another kind hold and whose envelope their decoder checks, by $defs
// name: a pool's records (competence.DecodePool).
var nestedEnvelopes = map[string]ismsaudit.DocumentKind{
	"competence.Auditor": ismsaudit.KindAuditor,
}

// nestedEnvelope makes the envelope members of a record of kind k held in
// another document say what its decoder accepts: both members or neither,
// the kind k and a format version from 1 to the current one.
func (g *generator) nestedEnvelope(def *jsonschema.Schema, k ismsaudit.DocumentKind) {
	for _, m := range []string{ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion} {
		if _, ok := def.Properties.Get(m); !ok {
			g.t.Fatalf("%s: a record held in another document has no %s", k, m)
		}
	}
	def.Properties.Set(ismsaudit.MemberDocumentKind, &jsonschema.Schema{
		Type:        "string",
		Const:       string(k),
		Description: fmt.Sprintf("The record's kind, %q, when the record carries its own envelope (%s and %s together, or neither).", k, ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion),
	})
	def.Properties.Set(ismsaudit.MemberFormatVersion, &jsonschema.Schema{
		Type:        "integer",
		Minimum:     "1",
		Maximum:     json.Number(strconv.Itoa(int(k.FormatVersion()))),
		Description: fmt.Sprintf("The record's format version, one this library reads (at most %d), when the record carries its own envelope (%s and %s together, or neither).", k.FormatVersion(), ismsaudit.MemberDocumentKind, ismsaudit.MemberFormatVersion),
	})
	def.DependentRequired = map[string][]string{
		ismsaudit.MemberDocumentKind:  {ismsaudit.MemberFormatVersion},
		ismsaudit.MemberFormatVersion: {ismsaudit.MemberDocumentKind},
	}
}

// def returns the definition of an enumeration or an id.
func (g *generator) def(t reflect.Type) *jsonschema.Schema {
	g.src.load(g.t, t.PkgPath())
	s := &jsonschema.Schema{Type: "string", Description: g.src.types[baseKey(t)]}
	var tokens []any
	var meanings []string
	switch t {
	case reflect.TypeFor[annexa.ControlID]():
		for c := range annexa.Controls() {
			tokens, meanings = append(tokens, string(c.ID())), append(meanings, c.Title())
		}
	case reflect.TypeFor[annexa.ClauseID]():
		for c := range annexa.Clauses() {
			tokens, meanings = append(tokens, string(c.ID())), append(meanings, c.Title())
		}
	default:
		for _, v := range g.enumValues(t) {
			tokens, meanings = append(tokens, v.token), append(meanings, v.meaning)
		}
	}
	if tokens == nil {
		s.MinLength = ptr(uint64(1))
		return s
	}
	s.Enum = tokens
	if slices.ContainsFunc(meanings, func(m string) bool { return m != "" }) {
		s.Extras = map[string]any{"enumDescriptions": meanings}
	}
	return s
}

// ref makes the id of an annexa.Ref a clause id, a control id or a
// non-empty document id, as its kind says.
func (g *generator) ref(s *jsonschema.Schema) {
	when := func(kind annexa.RefKind, id *jsonschema.Schema) *jsonschema.Schema {
		ifp, thenp := jsonschema.NewProperties(), jsonschema.NewProperties()
		ifp.Set("kind", &jsonschema.Schema{Const: string(kind)})
		thenp.Set("id", id)
		return &jsonschema.Schema{If: &jsonschema.Schema{Properties: ifp}, Then: &jsonschema.Schema{Properties: thenp}}
	}
	for _, t := range []reflect.Type{reflect.TypeFor[annexa.ClauseID](), reflect.TypeFor[annexa.ControlID]()} {
		s.Definitions[defName(t)] = g.def(t)
	}
	s.Definitions["annexa.Ref"].AllOf = []*jsonschema.Schema{
		when(annexa.ClauseRef, &jsonschema.Schema{Ref: "#/$defs/annexa.ClauseID"}),
		when(annexa.ControlRef, &jsonschema.Schema{Ref: "#/$defs/annexa.ControlID"}),
		when(annexa.DocumentRef, &jsonschema.Schema{MinLength: ptr(uint64(1))}),
	}
}

var refPattern = regexp.MustCompile(`"\$ref":"#/\$defs/([^"]+)"`)

// prune drops the definitions the schema does not reach.
func (g *generator) prune(s *jsonschema.Schema) {
	defs := s.Definitions
	s.Definitions = nil
	defer func() { s.Definitions = defs }()
	reached := map[string]bool{}
	queue := []*jsonschema.Schema{s}
	for len(queue) > 0 {
		b, err := json.Marshal(queue[0])
		if err != nil {
			g.t.Fatal(err)
		}
		queue = queue[1:]
		for _, m := range refPattern.FindAllSubmatch(b, -1) {
			n := string(m[1])
			if !reached[n] {
				reached[n] = true
				if defs[n] == nil {
					g.t.Fatalf("$ref to %s, which has no definition", n)
				}
				queue = append(queue, defs[n])
			}
		}
	}
	for n := range defs {
		if !reached[n] {
			delete(defs, n)
		}
	}
}
