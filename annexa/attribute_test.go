package annexa

import (
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseAttribute pins the two contracts: ParseAttribute reads tokens,
// ParseAttributeLabel the 27002 spelling with or without '#', any case.
func TestParseAttribute(t *testing.T) {
	a, err := ParseAttribute("governance-and-ecosystem")
	require.NoError(t, err)
	assert.Equal(t, GovernanceAndEcosystem, a)
	_, err = ParseAttribute("Governance_and_Ecosystem")
	require.ErrorIs(t, err, ismsaudit.ErrInvalid, "a label is not a token")

	for _, in := range []string{"Governance_and_Ecosystem", "#Governance_and_Ecosystem", "#governance_and_ecosystem"} {
		a, err := ParseAttributeLabel(in)
		require.NoError(t, err, in)
		assert.Equal(t, GovernanceAndEcosystem, a)
	}
	for _, in := range []string{"#Protected", "governance-and-ecosystem", "##Preventive", ""} {
		_, err := ParseAttributeLabel(in)
		var pe *ismsaudit.ParseError
		require.ErrorAs(t, err, &pe, in)
		assert.Len(t, pe.Valid, 30)
		assert.Equal(t, "Governance_and_Ecosystem", pe.Valid[26])
	}
}

func TestAttributeTables(t *testing.T) {
	i := 0
	for a := range Attributes() {
		assert.Equal(t, attrMask(1)<<i, a.mask(), a.String())
		assert.NotEmpty(t, a.Label())
		back, err := ParseAttributeLabel(a.Label())
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

// TestEqualFoldASCII pins the case folding of attribute labels at the edges
// of the upper-case range: A and Z fold, their neighbours do not.
func TestEqualFoldASCII(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"A", "a", true},
		{"a", "A", true},
		{"Z", "z", true},
		{"z", "Z", true},
		{"#Governance", "#GOVERNANCE", true},
		{"@", "`", false},
		{"`", "@", false},
		{"[", "{", false},
		{"{", "[", false},
		{"ab", "abc", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, equalFoldASCII(tt.a, tt.b), "%q, %q", tt.a, tt.b)
	}
}
