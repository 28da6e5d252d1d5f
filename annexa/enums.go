package annexa

import (
	"iter"
	"strings"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// Theme is one of the four themes ISO/IEC 27001:2022 Annex A groups its
// controls into (clauses 5 to 8 of the annex).
type Theme string

// The themes, in Annex A order. Never reorder.
const (
	Organizational Theme = "organizational" // Annex A clause 5, 37 controls
	People         Theme = "people"         // Annex A clause 6, 8 controls
	Physical       Theme = "physical"       // Annex A clause 7, 14 controls
	Technological  Theme = "technological"  // Annex A clause 8, 34 controls
)

var themeSet = enum.New("annexa", "Theme", Organizational, People, Physical, Technological)

// Themes yields the themes in Annex A order.
func Themes() iter.Seq[Theme] { return themeSet.All() }

// ParseTheme parses a theme token such as "physical".
func ParseTheme(s string) (Theme, error) { return themeSet.Parse(s) }

// IsValid reports whether t is one of the four themes.
func (t Theme) IsValid() bool { return themeSet.Valid(t) }

// String returns the token.
func (t Theme) String() string { return string(t) }

// Clause returns the Annex A clause number of the theme (5 to 8), or 0.
func (t Theme) Clause() int {
	if i := themeSet.Index(t); i >= 0 {
		return 5 + i
	}
	return 0
}

// Compare orders themes as Annex A does.
func (t Theme) Compare(u Theme) int { return themeSet.Compare(t, u) }

// MarshalText implements encoding.TextMarshaler.
func (t Theme) MarshalText() ([]byte, error) { return themeSet.Marshal(t) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (t *Theme) UnmarshalText(b []byte) error { return themeSet.Unmarshal(b, t) }

// AttributeKind is one of the five attribute types ISO/IEC 27002:2022 uses
// to classify controls (27002:2022 clause 4.2 and Annex A).
type AttributeKind string

// The attribute kinds, in 27002 order. Never reorder.
const (
	ControlTypeKind          AttributeKind = "control-type"                    // #Preventive, #Detective, #Corrective
	SecurityPropertyKind     AttributeKind = "information-security-properties" // #Confidentiality, #Integrity, #Availability
	CybersecurityConceptKind AttributeKind = "cybersecurity-concepts"          // #Identify ... #Recover
	OperationalCapability    AttributeKind = "operational-capabilities"        // #Governance ... #Information_security_assurance
	SecurityDomainKind       AttributeKind = "security-domains"                // #Governance_and_Ecosystem ... #Resilience
)

var attributeKindSet = enum.New("annexa", "AttributeKind",
	ControlTypeKind, SecurityPropertyKind, CybersecurityConceptKind, OperationalCapability, SecurityDomainKind)

// AttributeKinds yields the five kinds in 27002 order.
func AttributeKinds() iter.Seq[AttributeKind] { return attributeKindSet.All() }

// ParseAttributeKind parses a kind token such as "control-type".
func ParseAttributeKind(s string) (AttributeKind, error) { return attributeKindSet.Parse(s) }

// IsValid reports whether k is one of the five kinds.
func (k AttributeKind) IsValid() bool { return attributeKindSet.Valid(k) }

// String returns the token.
func (k AttributeKind) String() string { return string(k) }

// Label returns the column heading 27002 uses, e.g. "Control type".
func (k AttributeKind) Label() string {
	switch k {
	case ControlTypeKind:
		return "Control type"
	case SecurityPropertyKind:
		return "Information security properties"
	case CybersecurityConceptKind:
		return "Cybersecurity concepts"
	case OperationalCapability:
		return "Operational capabilities"
	case SecurityDomainKind:
		return "Security domains"
	}
	return ""
}

// Values yields the attribute values of kind k in 27002 order.
func (k AttributeKind) Values() iter.Seq[Attribute] {
	return func(yield func(Attribute) bool) {
		for a := range attributeSet.All() {
			if a.Kind() == k && !yield(a) {
				return
			}
		}
	}
}

// MarshalText implements encoding.TextMarshaler.
func (k AttributeKind) MarshalText() ([]byte, error) { return attributeKindSet.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (k *AttributeKind) UnmarshalText(b []byte) error { return attributeKindSet.Unmarshal(b, k) }

// Attribute is one attribute value of ISO/IEC 27002:2022, such as
// #Detective or #Availability. The 27002 hashtags are unique across the five
// kinds, so one type holds them all and Kind tells which kind a value has.
// The token is the hashtag in kebab case ("governance-and-ecosystem");
// Label returns the hashtag as 27002 spells it, without '#'.
type Attribute string

// Attribute values, in 27002 order within each kind. Never reorder.
const (
	// Control type (27002:2022 4.2): when the control acts.
	Preventive Attribute = "preventive"
	Detective  Attribute = "detective"
	Corrective Attribute = "corrective"
	// Information security properties: what the control preserves.
	Confidentiality Attribute = "confidentiality"
	Integrity       Attribute = "integrity"
	Availability    Attribute = "availability"
	// Cybersecurity concepts (ISO/IEC TS 27110).
	Identify Attribute = "identify"
	Protect  Attribute = "protect"
	Detect   Attribute = "detect"
	Respond  Attribute = "respond"
	Recover  Attribute = "recover"
	// Operational capabilities: the practitioner's view.
	Governance                         Attribute = "governance"
	AssetManagement                    Attribute = "asset-management"
	InformationProtection              Attribute = "information-protection"
	HumanResourceSecurity              Attribute = "human-resource-security"
	PhysicalSecurity                   Attribute = "physical-security"
	SystemAndNetworkSecurity           Attribute = "system-and-network-security"
	ApplicationSecurity                Attribute = "application-security"
	SecureConfiguration                Attribute = "secure-configuration"
	IdentityAndAccessManagement        Attribute = "identity-and-access-management"
	ThreatAndVulnerabilityManagement   Attribute = "threat-and-vulnerability-management"
	Continuity                         Attribute = "continuity"
	SupplierRelationshipsSecurity      Attribute = "supplier-relationships-security"
	LegalAndCompliance                 Attribute = "legal-and-compliance"
	InformationSecurityEventManagement Attribute = "information-security-event-management"
	InformationSecurityAssurance       Attribute = "information-security-assurance"
	// Security domains.
	GovernanceAndEcosystem Attribute = "governance-and-ecosystem"
	Protection             Attribute = "protection"
	Defence                Attribute = "defence"
	Resilience             Attribute = "resilience"
)

// attrMask is a set of attributes, bit i standing for attributeSet value i.
type attrMask uint32

// The masks, in the same order as attributeSet (checked by tests).
const (
	aPreventive attrMask = 1 << iota
	aDetective
	aCorrective
	aConfidentiality
	aIntegrity
	aAvailability
	aIdentify
	aProtect
	aDetect
	aRespond
	aRecover
	aGovernance
	aAssetManagement
	aInformationProtection
	aHumanResourceSecurity
	aPhysicalSecurity
	aSystemAndNetworkSecurity
	aApplicationSecurity
	aSecureConfiguration
	aIdentityAndAccessManagement
	aThreatAndVulnerabilityManagement
	aContinuity
	aSupplierRelationshipsSecurity
	aLegalAndCompliance
	aInformationSecurityEventManagement
	aInformationSecurityAssurance
	aGovernanceAndEcosystem
	aProtection
	aDefence
	aResilience
)

var attributeSet = enum.New("annexa", "Attribute",
	Preventive, Detective, Corrective,
	Confidentiality, Integrity, Availability,
	Identify, Protect, Detect, Respond, Recover,
	Governance, AssetManagement, InformationProtection, HumanResourceSecurity, PhysicalSecurity,
	SystemAndNetworkSecurity, ApplicationSecurity, SecureConfiguration, IdentityAndAccessManagement,
	ThreatAndVulnerabilityManagement, Continuity, SupplierRelationshipsSecurity, LegalAndCompliance,
	InformationSecurityEventManagement, InformationSecurityAssurance,
	GovernanceAndEcosystem, Protection, Defence, Resilience,
)

// attributeKindOf gives the kind of each attributeSet value by index range.
var attributeKindOf = [...]struct {
	kind AttributeKind
	end  int // exclusive index into attributeSet
}{
	{ControlTypeKind, 3}, {SecurityPropertyKind, 6}, {CybersecurityConceptKind, 11},
	{OperationalCapability, 26}, {SecurityDomainKind, 30},
}

// attributeLabels are the 27002 spellings, indexed like attributeSet.
var attributeLabels = [...]string{
	"Preventive", "Detective", "Corrective",
	"Confidentiality", "Integrity", "Availability",
	"Identify", "Protect", "Detect", "Respond", "Recover",
	"Governance", "Asset_management", "Information_protection", "Human_resource_security", "Physical_security",
	"System_and_network_security", "Application_security", "Secure_configuration", "Identity_and_access_management",
	"Threat_and_vulnerability_management", "Continuity", "Supplier_relationships_security", "Legal_and_compliance",
	"Information_security_event_management", "Information_security_assurance",
	"Governance_and_Ecosystem", "Protection", "Defence", "Resilience",
}

// Attributes yields every attribute value, kind by kind, in 27002 order.
func Attributes() iter.Seq[Attribute] { return attributeSet.All() }

// ParseAttribute parses an attribute token ("governance-and-ecosystem"). It
// also accepts the 27002 spelling with or without '#'
// ("#Governance_and_Ecosystem", "Governance_and_Ecosystem"), ignoring case.
func ParseAttribute(s string) (Attribute, error) {
	if a, err := attributeSet.Parse(s); err == nil {
		return a, nil
	}
	label := s
	if len(label) > 0 && label[0] == '#' {
		label = label[1:]
	}
	for i, l := range attributeLabels {
		if equalFoldASCII(l, label) {
			return attributeSet.Values()[i], nil
		}
	}
	return "", attributeSet.Error(s)
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// IsValid reports whether a is one of the 30 attribute values.
func (a Attribute) IsValid() bool { return attributeSet.Valid(a) }

// String returns the token.
func (a Attribute) String() string { return string(a) }

// Kind returns the attribute kind a belongs to, or "" when a is invalid.
func (a Attribute) Kind() AttributeKind {
	i := attributeSet.Index(a)
	if i < 0 {
		return ""
	}
	for _, r := range attributeKindOf {
		if i < r.end {
			return r.kind
		}
	}
	return ""
}

// Label returns the value as 27002 spells it, without '#', e.g.
// "Governance_and_Ecosystem"; "" when a is invalid.
func (a Attribute) Label() string {
	if i := attributeSet.Index(a); i >= 0 {
		return attributeLabels[i]
	}
	return ""
}

// Hashtag returns the 27002 hashtag, e.g. "#Preventive".
func (a Attribute) Hashtag() string {
	if l := a.Label(); l != "" {
		return "#" + l
	}
	return ""
}

// Compare orders attributes as 27002 lists them.
func (a Attribute) Compare(b Attribute) int { return attributeSet.Compare(a, b) }

func (a Attribute) mask() attrMask {
	if i := attributeSet.Index(a); i >= 0 {
		return 1 << i
	}
	return 0
}

// MarshalText implements encoding.TextMarshaler.
func (a Attribute) MarshalText() ([]byte, error) { return attributeSet.Marshal(a) }

// UnmarshalText implements encoding.TextUnmarshaler (strict tokens).
func (a *Attribute) UnmarshalText(b []byte) error { return attributeSet.Unmarshal(b, a) }

// Method is a way of gathering audit evidence that suits a requirement or
// control (ISO 19011:2018 Annex A.1 and ISO/IEC 27007:2020 6.4.7).
type Method string

// The audit methods. Never reorder.
const (
	MethodInterview             Method = "interview"              // asking the people who do the work
	MethodDocumentReview        Method = "document-review"        // reading policies, procedures, plans
	MethodObservation           Method = "observation"            // watching the activity or the site
	MethodTechnicalVerification Method = "technical-verification" // inspecting configurations, tests, tool output
	MethodRecordSampling        Method = "record-sampling"        // sampling records the activity leaves
)

var methodSet = enum.New("annexa", "Method", MethodInterview, MethodDocumentReview, MethodObservation, MethodTechnicalVerification, MethodRecordSampling)

// methodMask is a set of methods, bit i standing for methodSet value i.
type methodMask uint8

// The masks, in methodSet order (checked by tests).
const (
	mInterview methodMask = 1 << iota
	mDocumentReview
	mObservation
	mTechnicalVerification
	mRecordSampling
)

// Methods yields the audit methods in canonical order.
func Methods() iter.Seq[Method] { return methodSet.All() }

// ParseMethod parses a method token such as "record-sampling".
func ParseMethod(s string) (Method, error) { return methodSet.Parse(s) }

// IsValid reports whether m is one of the methods.
func (m Method) IsValid() bool { return methodSet.Valid(m) }

// String returns the token.
func (m Method) String() string { return string(m) }

// Label returns the method in words, e.g. "document review".
func (m Method) Label() string {
	if !m.IsValid() {
		return ""
	}
	return strings.ReplaceAll(string(m), "-", " ")
}

// MarshalText implements encoding.TextMarshaler.
func (m Method) MarshalText() ([]byte, error) { return methodSet.Marshal(m) }

// UnmarshalText implements encoding.TextUnmarshaler (strict).
func (m *Method) UnmarshalText(b []byte) error { return methodSet.Unmarshal(b, m) }

// methods expands a mask into methods in canonical order.
func (mm methodMask) methods() []Method {
	out := make([]Method, 0, len(methodValues))
	for i, m := range methodValues {
		if mm&(1<<i) != 0 {
			out = append(out, m)
		}
	}
	return out
}
