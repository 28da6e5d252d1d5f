package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/annexa"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDefaultIsStage2Markdown(t *testing.T) {
	code, out, errs := runArgs()
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "# Stage 2 audit checklist: Northwind Analytics Ltd\n"))
	assert.Contains(t, out, "### A.8.34 Protection of information systems during audit testing")
	assert.NotContains(t, out, "### A.8.30 ", "excluded in the sample SoA")
	assert.NotContains(t, out, "### A.7.12 ", "excluded in the sample SoA")
	assert.Empty(t, errs)
}

func TestEveryKindAndFormat(t *testing.T) {
	for _, k := range kinds {
		for _, f := range []string{"markdown", "csv", "json"} {
			t.Run(k.String()+"/"+f, func(t *testing.T) {
				code, out, errs := runArgs("-kind", k.String(), "-format", f)
				require.Equal(t, 0, code, errs)
				switch f {
				case "json":
					cl, err := annexa.DecodeChecklist([]byte(out))
					require.NoError(t, err)
					assert.Equal(t, k, cl.Kind)
				case "csv":
					rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
					require.NoError(t, err)
					assert.Greater(t, len(rows), 2)
				default:
					assert.Contains(t, out, "checklist: Northwind Analytics Ltd")
				}
			})
		}
	}
}

func TestCatalogues(t *testing.T) {
	tests := []struct {
		name   string
		header string
		rows   int
	}{
		{"controls", "id,title,theme,control_type,information_security_properties,cybersecurity_concepts,operational_capabilities,security_domains", 93},
		{"clauses", "id,title,requires_documented_information,documented_information", 41},
		{"map2013", "id2013,title2013,id2022", 114},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runArgs("-catalogue", tt.name)
			require.Equal(t, 0, code, errs)
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, tt.header, strings.Join(rows[0], ","))
			assert.Len(t, rows, tt.rows+1)
		})
	}
	_, out, _ := runArgs("-catalogue", "controls")
	assert.Contains(t, out, "\n5.7,Threat intelligence,organizational,Preventive;Detective;Corrective,Confidentiality;Integrity;Availability,Identify;Detect;Respond,Threat_and_vulnerability_management,Defence;Resilience\n")
}

// -h and -help print the usage and exit 0, like the Go tools.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		code, out, errs := runArgs(arg)
		assert.Equal(t, 0, code, arg)
		assert.Empty(t, out, arg)
		assert.Contains(t, errs, "usage: ", arg)
		assert.Contains(t, errs, "exit status", arg)
	}
}

func TestBadFlagsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"-kind", "stage3"},
		{"-kind", "special"},
		{"-format", "pdf"},
		{"-catalogue", "people"},
		{"-nonsense"},
		{"extra"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errs := runArgs(args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.NotEmpty(t, errs)
		})
	}
}
