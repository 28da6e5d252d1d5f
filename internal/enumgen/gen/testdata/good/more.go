package good

// Values in a later file come after those of earlier files.
const (
	GradeCritical Grade  = "critical"
	ColourPurple  Colour = "purple"
	IDKindLong    IDKind = "long-form"
)
