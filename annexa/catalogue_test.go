package annexa

import (
	"encoding/json"
	"iter"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookupControl(t *testing.T) {
	c, err := LookupControl("A.8.8")
	require.NoError(t, err)
	assert.Equal(t, ControlID("8.8"), c.ID())
	assert.Equal(t, "Management of technical vulnerabilities", c.Title())
	assert.Equal(t, Technological, c.Theme())
	assert.Equal(t, "A.8.8 Management of technical vulnerabilities", c.String())
	assert.Equal(t, []Attribute{Preventive}, c.AttributesOf(ControlTypeKind))
	assert.True(t, c.Has(Protect))
	assert.False(t, c.Has(Detective))
	assert.False(t, c.Has("bogus"))
	assert.Nil(t, c.AttributesOf("bogus"))
	var preds []Control2013ID
	for _, p := range c.Predecessors() {
		preds = append(preds, p.ID())
	}
	assert.Equal(t, []Control2013ID{"12.6.1", "18.2.3"}, preds)
	assert.False(t, c.IsNew())
	assert.True(t, MustControl("5.7").IsNew())

	_, err = LookupControl("8.99")
	require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	assert.Panics(t, func() { MustControl("8.99") })
}

func TestZeroViews(t *testing.T) {
	var c Control
	assert.False(t, c.IsValid())
	assert.Empty(t, c.ID())
	assert.Empty(t, c.Title())
	assert.Empty(t, c.Theme())
	assert.Nil(t, c.Attributes())
	assert.Nil(t, c.Questions())
	assert.Nil(t, c.Predecessors())
	assert.False(t, c.IsNew())
	assert.False(t, c.Has(Preventive))
	_, err := c.MarshalText()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var cl Clause
	assert.False(t, cl.IsValid())
	assert.Empty(t, cl.Title())
	assert.Zero(t, cl.Depth())
	assert.False(t, cl.HasSubclauses())
	var c13 Control2013
	assert.False(t, c13.IsValid())
	assert.Nil(t, c13.Successors())
}

// TestCatalogueCannotBeMutated changes everything a view hands out and
// checks the catalogue is as before.
func TestCatalogueCannotBeMutated(t *testing.T) {
	c := MustControl("5.1")
	q, e, a, m := c.Questions(), c.EvidenceHints(), c.Attributes(), c.Methods()
	q[0], e[0], a[0], m[0] = "changed", "changed", Detective, MethodObservation
	assert.NotEqual(t, "changed", c.Questions()[0])
	assert.NotEqual(t, "changed", c.EvidenceHints()[0])
	assert.Equal(t, Preventive, c.Attributes()[0])
	assert.NotEqual(t, MethodObservation, c.Methods()[0])

	cl := MustClause("9.2.2")
	cq := cl.Questions()
	cq[0] = "changed"
	assert.NotEqual(t, "changed", cl.Questions()[0])

	p := MustControl("8.8").Predecessors()
	p[0] = Control2013{}
	assert.True(t, MustControl("8.8").Predecessors()[0].IsValid())

	s, err := LookupControl2013("18.2.3")
	require.NoError(t, err)
	succ := s.Successors()
	succ[0] = Control{}
	assert.True(t, s.Successors()[0].IsValid())
}

func TestControlsWhere(t *testing.T) {
	// Every detective control that protects availability, checked
	// against the attribute table by hand.
	seq, err := ControlsWhere(Filter{Attributes: []Attribute{Detective, Availability}})
	require.NoError(t, err)
	got := ids(seq)
	for _, id := range got {
		c := MustControl(string(id))
		assert.True(t, c.Has(Detective) && c.Has(Availability), id)
	}
	var want []ControlID
	for c := range Controls() {
		if c.Has(Detective) && c.Has(Availability) {
			want = append(want, c.ID())
		}
	}
	assert.Equal(t, want, got)
	assert.NotEmpty(t, got)

	// Values of one kind are alternatives, kinds combine.
	seq, err = ControlsWhere(Filter{Themes: []Theme{Physical}, Attributes: []Attribute{Detective, Corrective}})
	require.NoError(t, err)
	assert.Equal(t, []ControlID{"7.4", "7.11"}, ids(seq))

	// Availability-only controls (SOURCES.md): 5.30 and 8.14.
	var availOnly []ControlID
	for c := range Controls() {
		if slices.Equal(c.AttributesOf(SecurityPropertyKind), []Attribute{Availability}) {
			availOnly = append(availOnly, c.ID())
		}
	}
	assert.Equal(t, []ControlID{"5.30", "8.14"}, availOnly)

	all, err := ControlsWhere(Filter{})
	require.NoError(t, err)
	assert.Equal(t, ControlCount, count(all))

	// Breaking out of the loop early stops the iteration.
	n := 0
	for range all {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestFilterErrors(t *testing.T) {
	_, err := ControlsWhere(Filter{Themes: []Theme{"spatial"}, Attributes: []Attribute{Preventive, "#Detective", "speedy"}})
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	assert.True(t, ve.Has("Themes[0]", "enum"))
	assert.True(t, ve.Has("Attributes[1]", "enum"))
	assert.True(t, ve.Has("Attributes[2]", "enum"))
	assert.Len(t, ve.Fields, 3)
	assert.False(t, Filter{Themes: []Theme{"spatial"}}.Match(MustControl("5.1")))
	assert.True(t, Filter{Themes: []Theme{Organizational}}.Match(MustControl("5.1")))
}

func TestParseAttribute(t *testing.T) {
	for _, in := range []string{"governance-and-ecosystem", "Governance_and_Ecosystem", "#Governance_and_Ecosystem", "#governance_and_ecosystem"} {
		a, err := ParseAttribute(in)
		require.NoError(t, err, in)
		assert.Equal(t, GovernanceAndEcosystem, a)
	}
	_, err := ParseAttribute("#Protected")
	var pe *ismsaudit.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Len(t, pe.Valid, 30)
}

func TestAttributeTables(t *testing.T) {
	i := 0
	for a := range Attributes() {
		assert.Equal(t, attrMask(1)<<i, a.mask(), a.String())
		assert.NotEmpty(t, a.Label())
		assert.Equal(t, "#"+a.Label(), a.Hashtag())
		back, err := ParseAttribute(a.Label())
		require.NoError(t, err)
		assert.Equal(t, a, back)
		i++
	}
	assert.Equal(t, 30, i)
	perKind := map[AttributeKind]int{}
	for k := range AttributeKinds() {
		assert.NotEmpty(t, k.Label())
		for a := range k.Values() {
			assert.Equal(t, k, a.Kind())
			perKind[k]++
		}
	}
	assert.Equal(t, map[AttributeKind]int{ControlTypeKind: 3, SecurityPropertyKind: 3, CybersecurityConceptKind: 5, OperationalCapability: 15, SecurityDomainKind: 4}, perKind)
	j := 0
	for m := range Methods() {
		assert.Equal(t, methodMask(1)<<j, mMask(m), m.String())
		j++
	}
	assert.Equal(t, []attrMask{aPreventive, aResilience}, []attrMask{Preventive.mask(), Resilience.mask()})
}

func mMask(m Method) methodMask {
	return methodMask(1) << methodSet.Index(m)
}

// enumCase is the enum contract of one enumeration, made generic-free.
type enumCase struct {
	name   string
	values []string
	parse  func(string) error
	valid  func(string) bool
	roundT func(string) (string, error)
}

type enumValue interface {
	~string
	IsValid() bool
	MarshalText() ([]byte, error)
}

func enumOf[T enumValue](name string, all func() iter.Seq[T], parse func(string) (T, error)) enumCase {
	var values []string
	for v := range all() {
		values = append(values, string(v))
	}
	return enumCase{
		name:   name,
		values: values,
		parse:  func(s string) error { _, err := parse(s); return err },
		valid:  func(s string) bool { return T(s).IsValid() },
		roundT: func(s string) (string, error) {
			b, err := json.Marshal(struct{ V T }{T(s)})
			if err != nil {
				return "", err
			}
			var back struct{ V T }
			err = json.Unmarshal(b, &back)
			return string(back.V), err
		},
	}
}

// TestEnums checks the enum contract on every enumeration of the package:
// parse, validity, JSON round trip, and an error listing the valid values.
func TestEnums(t *testing.T) {
	cases := []enumCase{
		enumOf("Theme", Themes, ParseTheme),
		enumOf("AttributeKind", AttributeKinds, ParseAttributeKind),
		enumOf("Attribute", Attributes, ParseAttribute),
		enumOf("Method", Methods, ParseMethod),
		enumOf("Applicability", Applicabilities, ParseApplicability),
		enumOf("ImplementationStatus", ImplementationStatuses, ParseImplementationStatus),
		enumOf("AuditKind", AuditKinds, ParseAuditKind),
		enumOf("Result", Results, ParseResult),
		enumOf("RefKind", RefKinds, ParseRefKind),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.NotEmpty(t, c.values)
			for _, v := range c.values {
				require.NoError(t, c.parse(v))
				assert.True(t, c.valid(v))
				back, err := c.roundT(v)
				require.NoError(t, err)
				assert.Equal(t, v, back)
			}
			err := c.parse("no-such-value")
			var pe *ismsaudit.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, c.values, pe.Valid)
			assert.False(t, c.valid(""))
			assert.False(t, c.valid("no-such-value"))
		})
	}
}

func TestViewsMarshalAsIDs(t *testing.T) {
	type doc struct {
		C  Control     `json:"c"`
		K  Clause      `json:"k"`
		C3 Control2013 `json:"c3"`
	}
	in := doc{MustControl("5.23"), MustClause("9.2.2"), Control2013{&controls2013[0]}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"c":"5.23","k":"9.2.2","c3":"5.1.1"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out, cmp.Comparer(func(a, b Control) bool { return a == b }),
		cmp.Comparer(func(a, b Clause) bool { return a == b }),
		cmp.Comparer(func(a, b Control2013) bool { return a == b })); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	require.Error(t, json.Unmarshal([]byte(`{"c":"5.99"}`), &out))
}

func TestMapTo2022(t *testing.T) {
	got, err := MapTo2022("A.12.6.1", "18.2.3", "a.5.1.2", "A.5.1.1")
	require.NoError(t, err)
	assert.Equal(t, []ControlID{"5.1", "5.36", "8.8"}, got)

	_, err = MapTo2022("A.12.6.1", "A.99.1.1", "nonsense")
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("[1]", "unknown"))
	assert.True(t, ve.Has("[2]", "format"))
}

// TestConcurrentReads reads the catalogue from many goroutines; run with
// -race to check the compiled tables are never written after start-up.
func TestConcurrentReads(t *testing.T) {
	soa := NewSoA("Concurrent Ltd", Implemented)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range Controls() {
				_ = c.Questions()
				_ = c.Attributes()
				_, _ = LookupControl(string(c.ID()))
			}
			for c := range Clauses() {
				_ = c.HasSubclauses()
			}
			_, _ = MapTo2022("12.6.1")
			if _, err := NewChecklist(soa, ChecklistOptions{Kind: Stage2}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
