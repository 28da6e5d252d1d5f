package annexa

import (
	"encoding/json"
	"iter"
	"testing"

	"github.com/ismsaudit/ismsaudit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
