package ismsaudit_test

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
)

// TestRuleConstantsSpellTheirIDs holds every exported rule constant of
// every package to one naming: its name, less the "Rule" prefix, spells
// its id less the package prefix (RuleClosingAfterConclusions is
// "AUD-CLOSING-AFTER-CONCLUSIONS"), letters compared without case and
// dashes.
func TestRuleConstantsSpellTheirIDs(t *testing.T) {
	dirs, err := os.ReadDir(".")
	require.NoError(t, err)
	found := 0
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") || d.Name() == "examples" || d.Name() == "internal" {
			continue
		}
		files, err := filepath.Glob(filepath.Join(d.Name(), "*.go"))
		require.NoError(t, err)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
			require.NoError(t, err)
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					sel, ok := vs.Type.(*ast.SelectorExpr)
					if !ok || sel.Sel.Name != "RuleID" {
						continue
					}
					for i, id := range vs.Names {
						lit, ok := vs.Values[i].(*ast.BasicLit)
						require.True(t, ok, "%s: %s is not a literal", name, id.Name)
						value, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						found++
						_, rest, _ := strings.Cut(value, "-")
						assert.Equal(t, strings.ToLower(strings.ReplaceAll(rest, "-", "")), strings.ToLower(strings.TrimPrefix(id.Name, "Rule")),
							"%s: %s does not spell %s", name, id.Name, value)
						assert.True(t, strings.HasPrefix(id.Name, "Rule"), "%s: %s", name, id.Name)
					}
				}
			}
		}
	}
	assert.Greater(t, found, 150, "the rule constants of every package were found")
}

func TestClause(t *testing.T) {
	tests := []struct {
		clause ismsaudit.Clause
		valid  bool
		cite   string
	}{
		{"19011:6.4.8", true, "ISO 19011:2018 6.4.8"},
		{"27001:6.1.3 d", true, "ISO/IEC 27001:2022 6.1.3 d"},
		{"19011:5.3; 27007:5.3", true, "ISO 19011:2018 5.3; ISO/IEC 27007:2020 5.3"},
		{"17021-1:9.1.3, 9.6.2.2", true, "ISO/IEC 17021-1:2015 9.1.3, 9.6.2.2"},
		{"27006:Annex B, B.1", true, "ISO/IEC 27006:2015 Annex B, B.1"},
		{"IAF-MD1:6.1", true, "IAF MD 1:2018 6.1"},
		{"", false, ""},
		{"19011", false, "19011"},
		{"9001:4.1", false, "9001:4.1"},
		{"19011:", false, "19011:"},
		{"19011:6.4.8;27007:6.4.8", false, "19011:6.4.8;27007:6.4.8"},
		{"19011:six", false, "19011:six"},
	}
	for _, tt := range tests {
		t.Run(string(tt.clause), func(t *testing.T) {
			assert.Equal(t, tt.valid, tt.clause.IsValid())
			assert.Equal(t, tt.cite, tt.clause.Cite())
		})
	}
}

func TestRuleCheck(t *testing.T) {
	good := ismsaudit.Rule{ID: "AUD-NC-EVIDENCE", Clause: "19011:6.4.8", Principle: ismsaudit.PrincipleEvidenceBased, Text: "t"}
	require.NoError(t, good.Check("AUD"))
	assert.Equal(t, "AUD-NC-EVIDENCE (19011:6.4.8): t", good.String())
	for name, change := range map[string]func(r *ismsaudit.Rule){
		"other prefix":  func(r *ismsaudit.Rule) { r.ID = "PRG-NC-EVIDENCE" },
		"lower case id": func(r *ismsaudit.Rule) { r.ID = "AUD-nc" },
		"no clause":     func(r *ismsaudit.Rule) { r.Clause = "" },
		"bad principle": func(r *ismsaudit.Rule) { r.Principle = "speed" },
		"blank text":    func(r *ismsaudit.Rule) { r.Text = " " },
	} {
		t.Run(name, func(t *testing.T) {
			r := good
			change(&r)
			require.ErrorIs(t, r.Check("AUD"), ismsaudit.ErrInvalid)
		})
	}
}

func TestPrinciple(t *testing.T) {
	require.Len(t, ismsaudit.Principles(), 7)
	for _, p := range ismsaudit.Principles() {
		got, err := ismsaudit.ParsePrinciple(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, got)
		text, err := p.MarshalText()
		require.NoError(t, err)
		var back ismsaudit.Principle
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, p, back)
	}
	_, err := ismsaudit.ParsePrinciple("speed")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Len(t, pe.Valid, 7)
	_, err = ismsaudit.Principle("speed").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var p ismsaudit.Principle
	require.ErrorIs(t, p.UnmarshalText([]byte("speed")), ismsaudit.ErrInvalid)
	require.NoError(t, p.UnmarshalText(nil))
	assert.Equal(t, ismsaudit.Principle(""), p)
}

func TestReason(t *testing.T) {
	require.Len(t, ismsaudit.Reasons(), 7)
	for _, r := range ismsaudit.Reasons() {
		assert.True(t, r.IsValid())
		data, err := json.Marshal(r)
		require.NoError(t, err)
		var back ismsaudit.Reason
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, r, back)
	}
	assert.False(t, ismsaudit.Reason("late").IsValid())
	_, err := ismsaudit.Reason("late").MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var r ismsaudit.Reason
	require.ErrorIs(t, r.UnmarshalText([]byte("late")), ismsaudit.ErrInvalid)
}

func TestErrors(t *testing.T) {
	ve := &ismsaudit.ValidationError{Pkg: "audit", Subject: "plan", Fields: []ismsaudit.FieldError{
		{Path: "Team[2].Auditor", Rule: ismsaudit.RuleRequired},
		{Path: "Criteria[0]", Rule: "AUD-PLAN-COMPLETE", Value: "x", Detail: "d"},
	}}
	require.ErrorIs(t, ve, ismsaudit.ErrInvalid)
	assert.False(t, errors.Is(ve, ismsaudit.ErrNotFound))
	assert.True(t, ve.Has("Team[2].Auditor", ismsaudit.RuleRequired))
	assert.True(t, ve.Has("", "AUD-PLAN-COMPLETE"))
	assert.False(t, ve.Has("Team[2].Auditor", ismsaudit.RuleUnknown))
	ve.Fields = append(ve.Fields, ismsaudit.FieldError{Path: "Criteria[1]", Rule: ismsaudit.RuleUnknown})
	require.ErrorIs(t, ve, ismsaudit.ErrNotFound, "an unknown reference is also not found")

	require.ErrorIs(t, &ismsaudit.ParseError{Pkg: "annexa", Type: "Theme", Input: "x"}, ismsaudit.ErrInvalid)
	require.ErrorIs(t, &ismsaudit.NotFoundError{Pkg: "annexa", Type: "control", ID: "9.9"}, ismsaudit.ErrNotFound)
	require.ErrorIs(t, &ismsaudit.HistoryError{Machine: "audit.plan", Index: 2, Problem: "p"}, ismsaudit.ErrInvalid)

	cause := errors.New("cause")
	te := &ismsaudit.TransitionError{Machine: "audit.plan", State: "draft", Event: "approve", Reason: ismsaudit.ReasonGuard, Rule: "AUD-PLAN-COMPLETE", Err: cause}
	require.ErrorIs(t, te, ismsaudit.ErrTransition)
	require.ErrorIs(t, te, cause)
	for _, part := range []string{"audit: plan:", `"approve"`, `"draft"`, "guard", "AUD-PLAN-COMPLETE"} {
		assert.Contains(t, te.Error(), part)
	}
}

func TestLifecycleDescription(t *testing.T) {
	l := ismsaudit.Lifecycle{
		Name: "doc.doc", States: []string{"draft", "signed"}, Events: []string{"sign"}, Initial: "draft", Terminal: []string{"signed"},
		Transitions: []ismsaudit.Transition{{From: "draft", Event: "sign", To: "signed", Guards: []ismsaudit.Guard{{Name: "reviewed", Rule: "DOC-REVIEWED"}, {Name: "again", Rule: "DOC-REVIEWED"}}}},
		Order:       "DOC-ORDER", Record: "DOC-RECORD",
	}
	assert.True(t, l.IsTerminal("signed"))
	assert.False(t, l.IsTerminal("draft"))
	if diff := cmp.Diff([]ismsaudit.RuleID{"DOC-ORDER", "DOC-RECORD", "DOC-REVIEWED"}, l.Rules()); diff != "" {
		t.Errorf("rules mismatch (-want +got):\n%s", diff)
	}
	want := "stateDiagram-v2\n    [*] --> draft\n    draft --> signed: sign [reviewed, again]\n    signed --> [*]\n"
	assert.Equal(t, want, l.Mermaid())

	data, err := json.Marshal(l)
	require.NoError(t, err)
	var back ismsaudit.Lifecycle
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(l, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestEntryRoundTrip(t *testing.T) {
	type state string
	type event string
	e := ismsaudit.Entry[state, event]{From: "a", Event: "go", To: "b", At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), By: "lena", Note: "n", Reason: "r"}
	data, err := json.Marshal(e)
	require.NoError(t, err)
	var back ismsaudit.Entry[state, event]
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(e, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}
