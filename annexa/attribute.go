package annexa

import (
	"iter"
	"slices"
	"strings"

	"github.com/ismsaudit/ismsaudit"
)

// AttributeKind is one of the five attribute types ISO/IEC 27002:2022 uses
// to classify controls (27002:2022 clause 4.2 and Annex A).
//
//ismsaudit:enum AttributeKinds
type AttributeKind string

// The attribute kinds, in 27002 order. Never reorder.
const (
	ControlTypeKind          AttributeKind = "control-type"                    // #Preventive, #Detective, #Corrective
	SecurityPropertyKind     AttributeKind = "information-security-properties" // #Confidentiality, #Integrity, #Availability
	CybersecurityConceptKind AttributeKind = "cybersecurity-concepts"          // #Identify ... #Recover
	OperationalCapability    AttributeKind = "operational-capabilities"        // #Governance ... #Information_security_assurance
	SecurityDomainKind       AttributeKind = "security-domains"                // #Governance_and_Ecosystem ... #Resilience
)

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

// span returns the index range of kind k's values in attributeSet.
func (k AttributeKind) span() (lo, hi int) {
	for _, r := range attributeKindOf {
		if r.kind == k {
			return lo, r.end
		}
		lo = r.end
	}
	return 0, 0
}

// Attribute is one attribute value of ISO/IEC 27002:2022, such as
// #Detective or #Availability. The 27002 hashtags are unique across the five
// kinds, so one type holds them all and Kind tells which kind a value has.
// The token is the hashtag in kebab case ("governance-and-ecosystem");
// Label returns the hashtag as 27002 spells it, without '#'.
//
//ismsaudit:enum Attributes ordered
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

// ParseAttributeLabel reads an attribute as ISO/IEC 27002:2022 spells it,
// with or without '#' and ignoring ASCII case: "#Governance_and_Ecosystem",
// "Governance_and_Ecosystem" and "governance_and_ecosystem" all give
// GovernanceAndEcosystem. ParseAttribute reads the tokens
// ("governance-and-ecosystem"). The error lists the labels.
func ParseAttributeLabel(s string) (Attribute, error) {
	label := strings.TrimPrefix(s, "#")
	for i, l := range attributeLabels {
		if equalFoldASCII(l, label) {
			return attributeValues[i], nil
		}
	}
	return "", &ismsaudit.ParseError{Pkg: "annexa", Type: "Attribute label", Input: s, Valid: slices.Clone(attributeLabels[:])}
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

func (a Attribute) mask() attrMask {
	if i := attributeSet.Index(a); i >= 0 {
		return 1 << i
	}
	return 0
}

// attributes expands the bits lo..hi-1 of m into attribute values.
func (m attrMask) attributes(lo, hi int) []Attribute {
	if lo >= hi {
		return nil
	}
	out := make([]Attribute, 0, 8)
	for i := lo; i < hi; i++ {
		if m&(1<<i) != 0 {
			out = append(out, attributeValues[i])
		}
	}
	return out
}

// attributeValues is attributeSet in index order, for allocation-free use.
var attributeValues = attributeSet.Values()
