package gen

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// directive starts the comment line that marks an enumeration.
const directive = "//ismsaudit:enum"

// pkg is what a package directory declares: its name and enumerations.
type pkg struct {
	Name  string
	Enums []*enumType
}

// enumType is one enumeration, in the order its values are declared.
type enumType struct {
	Name     string
	Plural   string
	Ordered  bool
	Receiver string // receiver name of the generated methods
	Pos      token.Position
	Values   []value
}

// value is one constant of an enumeration.
type value struct {
	Name  string
	Token string
	Pos   token.Position
}

// load reads the enumerations of the package in dir. A directory without
// Go files to read yields a pkg with no name.
func load(dir string) (*pkg, error) {
	fset := token.NewFileSet()
	files, err := parseDir(fset, dir)
	if err != nil {
		return nil, err
	}
	l := loader{
		fset:      fset,
		byName:    map[string]*enumType{},
		declared:  map[*enumType]bool{},
		tokens:    map[*enumType]map[string]value{},
		accepted:  map[*ast.Comment]bool{},
		receivers: map[string]string{},
	}
	p := &pkg{}
	for _, f := range files {
		if p.Name == "" {
			p.Name = f.Name.Name
		} else if f.Name.Name != p.Name {
			l.report(f.Name.Pos(), "", ErrPackage, fmt.Sprintf("package %s, not %s", f.Name.Name, p.Name))
		}
	}
	for _, f := range files {
		l.types(f)
	}
	for _, f := range files {
		l.misplaced(f)
	}
	for _, f := range files {
		l.values(f)
	}
	for _, e := range l.enums {
		if len(e.Values) == 0 && !l.declared[e] {
			l.problems = append(l.problems, &Error{Pos: e.Pos, Type: e.Name, Err: ErrNoValues, Detail: "declare its constants as NAME " + e.Name + ` = "token"`})
		}
		if r, ok := l.receivers[e.Name]; ok {
			e.Receiver = r
		}
	}
	if len(l.problems) > 0 {
		slices.SortStableFunc(l.problems, func(a, b *Error) int {
			return cmp.Or(cmp.Compare(a.Pos.Filename, b.Pos.Filename), cmp.Compare(a.Pos.Offset, b.Pos.Offset))
		})
		errs := make([]error, len(l.problems))
		for i, e := range l.problems {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	p.Enums = l.enums
	return p, nil
}

// parseDir parses the files of the package in dir that the go command
// would build, except test files and generated ones, sorted by name.
func parseDir(fset *token.FileSet, dir string) ([]*ast.File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("enumgen: %w", err)
	}
	var files []*ast.File
	for _, entry := range entries {
		name := entry.Name()
		if !entry.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, name); err != nil {
			return nil, fmt.Errorf("enumgen: %w", err)
		} else if !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("enumgen: %w", err)
		}
		if !ast.IsGenerated(f) {
			files = append(files, f)
		}
	}
	return files, nil
}

// loader gathers the enumerations of one package and every problem found.
type loader struct {
	fset      *token.FileSet
	enums     []*enumType
	byName    map[string]*enumType
	declared  map[*enumType]bool    // some constant of the type was declared, valid or not
	accepted  map[*ast.Comment]bool // directives on type declarations
	receivers map[string]string     // type name to its first named receiver
	tokens    map[*enumType]map[string]value
	problems  []*Error
}

func (l *loader) report(pos token.Pos, typ string, err error, detail string) {
	l.problems = append(l.problems, &Error{Pos: l.fset.Position(pos), Type: typ, Err: err, Detail: detail})
}

// types finds the directives on type declarations and the receiver names
// of methods in f.
func (l *loader) types(f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			l.receiver(d)
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && !d.Lparen.IsValid() {
					doc = d.Doc
				}
				if dirs := directives(doc); len(dirs) > 0 {
					l.enumType(ts, dirs)
				}
			}
		}
	}
}

// enumType records the enumeration ts declares with the given directives.
func (l *loader) enumType(ts *ast.TypeSpec, dirs []*ast.Comment) {
	for _, c := range dirs {
		l.accepted[c] = true
	}
	name := ts.Name.Name
	if id, ok := ts.Type.(*ast.Ident); !ok || id.Name != "string" || ts.Assign.IsValid() || ts.TypeParams != nil {
		l.report(dirs[0].Pos(), name, ErrPlacement, "declare it as type "+name+" string")
		return
	}
	if !ts.Name.IsExported() {
		l.report(dirs[0].Pos(), name, ErrPlacement, "the type is not exported")
		return
	}
	if len(dirs) > 1 {
		l.report(dirs[1].Pos(), name, ErrDirective, "more than one directive")
		return
	}
	fields := strings.Fields(strings.TrimPrefix(dirs[0].Text, directive))
	switch {
	case len(fields) == 0:
		l.report(dirs[0].Pos(), name, ErrDirective, "missing plural: want "+directive+" PLURAL [ordered]")
		return
	case !token.IsIdentifier(fields[0]) || !token.IsExported(fields[0]) || fields[0] == name:
		l.report(dirs[0].Pos(), name, ErrDirective, fmt.Sprintf("plural %q is not an exported identifier other than the type name", fields[0]))
		return
	case len(fields) > 2 || len(fields) == 2 && fields[1] != "ordered":
		l.report(dirs[0].Pos(), name, ErrDirective, fmt.Sprintf("unknown option %q: want ordered or nothing", strings.Join(fields[1:], " ")))
		return
	}
	e := &enumType{Name: name, Plural: fields[0], Ordered: len(fields) == 2, Receiver: "v", Pos: l.fset.Position(ts.Name.Pos())}
	l.enums = append(l.enums, e)
	l.byName[name] = e
}

// receiver records the receiver name of method d when it is the first
// named one of its type. Names the generated methods use for parameters
// are skipped.
func (l *loader) receiver(d *ast.FuncDecl) {
	if d.Recv == nil || len(d.Recv.List) != 1 || len(d.Recv.List[0].Names) != 1 {
		return
	}
	name := d.Recv.List[0].Names[0].Name
	if name == "_" || name == "text" || name == "other" {
		return
	}
	typ := d.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	id, ok := typ.(*ast.Ident)
	if !ok {
		return
	}
	if _, seen := l.receivers[id.Name]; !seen {
		l.receivers[id.Name] = name
	}
}

// misplaced reports the directives of f that are not on a type declaration.
func (l *loader) misplaced(f *ast.File) {
	for _, cg := range f.Comments {
		for _, c := range directives(cg) {
			if !l.accepted[c] {
				l.report(c.Pos(), "", ErrPlacement, "put it in the doc comment of a type X string")
			}
		}
	}
}

// values collects the constants of the enumerations declared in f.
func (l *loader) values(f *ast.File) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		var prev ast.Expr // the type a spec without type and values repeats
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			typ, implicit := vs.Type, false
			if vs.Type == nil && len(vs.Values) == 0 {
				typ, implicit = prev, true
			} else {
				prev = vs.Type
			}
			if typ == nil {
				l.conversions(vs)
				continue
			}
			id, ok := typ.(*ast.Ident)
			if !ok || l.byName[id.Name] == nil {
				continue
			}
			e := l.byName[id.Name]
			for i, n := range vs.Names {
				l.value(e, n, vs, i, implicit)
			}
		}
	}
}

// conversions reports the constants of untyped spec vs that convert to an
// enumeration, as in A = X("a"): they would be values the set misses.
func (l *loader) conversions(vs *ast.ValueSpec) {
	for i, v := range vs.Values {
		call, ok := v.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || i >= len(vs.Names) {
			continue
		}
		if id, ok := call.Fun.(*ast.Ident); ok && l.byName[id.Name] != nil {
			l.declared[l.byName[id.Name]] = true
			l.report(v.Pos(), id.Name, ErrNotLiteral, fmt.Sprintf(`declare it as %s %s = "token"`, vs.Names[i].Name, id.Name))
		}
	}
}

// value records the i-th constant of spec vs, named n, as a value of e.
func (l *loader) value(e *enumType, n *ast.Ident, vs *ast.ValueSpec, i int, implicit bool) {
	l.declared[e] = true
	if n.Name == "_" {
		l.report(n.Pos(), e.Name, ErrBlankName, "every value needs a name")
		return
	}
	if implicit || i >= len(vs.Values) {
		l.report(n.Pos(), e.Name, ErrNotLiteral, n.Name+" has no token of its own")
		return
	}
	lit, ok := vs.Values[i].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		l.report(vs.Values[i].Pos(), e.Name, ErrNotLiteral, "write the token of "+n.Name+` as "token"`)
		return
	}
	tok, err := strconv.Unquote(lit.Value)
	if err != nil {
		l.report(lit.Pos(), e.Name, ErrNotLiteral, err.Error())
		return
	}
	if tok == "" {
		l.report(lit.Pos(), e.Name, ErrEmptyToken, n.Name+` has token ""`)
		return
	}
	if first, dup := l.tokens[e][tok]; dup {
		l.report(lit.Pos(), e.Name, ErrDuplicateToken, fmt.Sprintf("%s has token %q, like %s at %s", n.Name, tok, first.Name, first.Pos))
		return
	}
	v := value{Name: n.Name, Token: tok, Pos: l.fset.Position(n.Pos())}
	if l.tokens[e] == nil {
		l.tokens[e] = map[string]value{}
	}
	l.tokens[e][tok] = v
	e.Values = append(e.Values, v)
}

// directives returns the enumeration directives in cg.
func directives(cg *ast.CommentGroup) []*ast.Comment {
	if cg == nil {
		return nil
	}
	var out []*ast.Comment
	for _, c := range cg.List {
		rest, ok := strings.CutPrefix(c.Text, directive)
		if ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			out = append(out, c)
		}
	}
	return out
}
