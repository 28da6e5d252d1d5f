package annexa

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// TestConcurrentReads reads the catalogue from many goroutines; run with
// -race to check the compiled tables are never written after start-up.
func TestConcurrentReads(t *testing.T) {
	soa := newSoA(t, "Concurrent Ltd")
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
