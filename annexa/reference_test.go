package annexa

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files in testdata/reference are a copy of the project's checked facts
// (see testdata/reference/SOURCES.md). These tests compare the compiled
// catalogue with them, so a wrong id, title, theme, attribute or mapping
// fails the build.

func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "reference", name))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// titleVariants are the spellings SOURCES.md says vary between sources;
// both are accepted.
var titleVariants = map[string][]string{
	"8.1":  {"User end point devices", "User endpoint devices"},
	"8.25": {"Secure development life cycle", "Secure development lifecycle"},
}

func TestControlsMatchReference(t *testing.T) {
	ref := readCSV(t, "annexa-2022.csv")
	require.Len(t, ref, ControlCount)
	var got []Control
	for c := range Controls() {
		got = append(got, c)
	}
	require.Len(t, got, ControlCount)
	for i, r := range ref {
		c := got[i]
		assert.Equal(t, r["id"], string(c.ID()), "row %d id (order)", i)
		if v, ok := titleVariants[r["id"]]; ok {
			assert.Contains(t, v, c.Title(), r["id"])
		} else {
			assert.Equal(t, r["title"], c.Title(), r["id"])
		}
		assert.Equal(t, r["theme"], string(c.Theme()), r["id"])
	}
}

func TestAttributesMatchReference(t *testing.T) {
	columns := map[AttributeKind]string{
		ControlTypeKind:          "control_type",
		SecurityPropertyKind:     "information_security_properties",
		CybersecurityConceptKind: "cybersecurity_concepts",
		OperationalCapability:    "operational_capabilities",
		SecurityDomainKind:       "security_domains",
	}
	for _, r := range readCSV(t, "attributes-2022.csv") {
		c, err := LookupControl(r["id"])
		require.NoError(t, err)
		for k, col := range columns {
			want := strings.Split(r[col], ";")
			var got []string
			for _, a := range c.AttributesOf(k) {
				got = append(got, a.Label())
			}
			slices.Sort(want)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s mismatch (-want +got):\n%s", r["id"], k, diff)
			}
		}
	}
}

// TestAttributeCounts checks the per-value counts SOURCES.md records.
func TestAttributeCounts(t *testing.T) {
	want := map[Attribute]int{
		Preventive: 83, Detective: 13, Corrective: 14,
		Confidentiality: 87, Integrity: 84, Availability: 85,
		Identify: 23, Protect: 71, Detect: 14, Respond: 11, Recover: 6,
		GovernanceAndEcosystem: 27, Protection: 69, Defence: 22, Resilience: 8,
	}
	for a, n := range want {
		seq, err := ControlsWhere(Filter{Attributes: []Attribute{a}})
		require.NoError(t, err)
		assert.Equal(t, n, count(seq), a.String())
	}
	corrective, err := ControlsWhere(Filter{Attributes: []Attribute{Corrective}})
	require.NoError(t, err)
	assert.Equal(t, []ControlID{"5.5", "5.6", "5.7", "5.24", "5.26", "5.28", "5.29", "5.30", "5.35", "5.37", "6.4", "8.7", "8.13", "8.16"}, ids(corrective))
}

func TestThemeCounts(t *testing.T) {
	want := map[Theme]int{Organizational: 37, People: 8, Physical: 14, Technological: 34}
	for th, n := range want {
		seq, err := ControlsWhere(Filter{Themes: []Theme{th}})
		require.NoError(t, err)
		assert.Equal(t, n, count(seq), th.String())
	}
}

func TestClausesMatchReference(t *testing.T) {
	ref := readCSV(t, "clauses-2022.csv")
	require.Len(t, ref, ClauseCount)
	var got [][2]string
	for c := range Clauses() {
		got = append(got, [2]string{string(c.ID()), c.Title()})
	}
	var want [][2]string
	for _, r := range ref {
		want = append(want, [2]string{r["id"], r["title"]})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clauses mismatch (-want +got):\n%s", diff)
	}
}

func TestControls2013MatchReference(t *testing.T) {
	ref := readCSV(t, "annexa-2013.csv")
	require.Len(t, ref, Control2013Count)
	i := 0
	perClause := map[string]int{}
	for c := range Controls2013() {
		r := ref[i]
		assert.Equal(t, r["id"], string(c.ID()))
		assert.Equal(t, r["title"], c.Title())
		n, title := c.Clause()
		assert.Equal(t, r["clause"], n)
		assert.Equal(t, r["clause_title"], title)
		n, title = c.Objective()
		assert.Equal(t, r["objective"], n)
		assert.Equal(t, r["objective_title"], title)
		perClause[n[:strings.IndexByte(n, '.')]]++
		i++
	}
	assert.Equal(t, Control2013Count, i)
	assert.Equal(t, map[string]int{"5": 2, "6": 7, "7": 6, "8": 10, "9": 14, "10": 2, "11": 15, "12": 14, "13": 7, "14": 13, "15": 5, "16": 7, "17": 4, "18": 8}, perClause)
}

func TestMappingMatchesReference(t *testing.T) {
	ref := readCSV(t, "mapping-2013-2022.csv")
	require.Len(t, ref, 115)
	want := map[string][]string{}
	wantBack := map[string][]string{}
	for _, r := range ref {
		want[r["id_2013"]] = append(want[r["id_2013"]], r["id_2022"])
		wantBack[r["id_2022"]] = append(wantBack[r["id_2022"]], r["id_2013"])
	}
	got := map[string][]string{}
	for c := range Controls2013() {
		for _, s := range c.Successors() {
			got[string(c.ID())] = append(got[string(c.ID())], string(s.ID()))
		}
	}
	gotBack := map[string][]string{}
	for c := range Controls() {
		for _, p := range c.Predecessors() {
			gotBack[string(c.ID())] = append(gotBack[string(c.ID())], string(p.ID()))
		}
	}
	sortAll := cmp.Transformer("sort", func(in []string) []string {
		out := slices.Clone(in)
		slices.Sort(out)
		return out
	})
	if diff := cmp.Diff(want, got, sortAll); diff != "" {
		t.Errorf("2013->2022 mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBack, gotBack, sortAll); diff != "" {
		t.Errorf("2022->2013 mismatch (-want +got):\n%s", diff)
	}
}

func TestNewControlsMatchReference(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "reference", "new-in-2022.txt"))
	require.NoError(t, err)
	var want []ControlID
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, title, ok := strings.Cut(line, "\t")
		require.True(t, ok, line)
		want = append(want, ControlID(id))
		assert.Equal(t, title, MustControl(id).Title())
	}
	var got []ControlID
	for c := range Controls() {
		if c.IsNew() {
			got = append(got, c.ID())
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("new controls mismatch (-want +got):\n%s", diff)
	}
}

func count[T any](seq func(func(T) bool)) int {
	n := 0
	for range seq {
		n++
	}
	return n
}

func ids(seq func(func(Control) bool)) []ControlID {
	var out []ControlID
	for c := range seq {
		out = append(out, c.ID())
	}
	return out
}
