package good

type (
	// Grade is an ordered enumeration declared in a group.
	//
	//ismsaudit:enum Grades ordered
	Grade string

	// IDKind has a name that starts with an initialism.
	//
	//ismsaudit:enum IDKinds
	IDKind string
)

// The Grade values, least serious first.
const (
	// GradeMinor is the least serious.
	GradeMinor Grade = "minor"
	// GradeMajor is more serious.
	GradeMajor Grade = "major"
)

// IDKindShort is the first IDKind.
const IDKindShort IDKind = "short"
