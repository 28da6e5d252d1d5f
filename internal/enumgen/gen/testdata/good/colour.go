// Package good is a fixture of enumgen: valid enumerations over several
// files, with its generated enums_gen.go as the golden file.
package good

// Colour is an unordered enumeration whose methods are written with the
// receiver name c.
//
//ismsaudit:enum Colours
type Colour string

// The Colour values. Never reorder.
const (
	ColourRed               Colour = "red" // the first
	ColourGreen, ColourBlue Colour = "green", `blue`

	answer = 42 // not a Colour
)

// Warm reports whether c is a warm colour.
func (c Colour) Warm() bool { return c == ColourRed }

// Size has no directive, so it is not an enumeration.
type Size string

// SizeSmall is a Size.
const SizeSmall Size = "small"

var _ = answer
