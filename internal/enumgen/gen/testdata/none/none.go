// Package none is a fixture of enumgen without enumerations.
package none

// Size has no directive.
type Size string

// SizeSmall is a Size.
const SizeSmall Size = "small"
