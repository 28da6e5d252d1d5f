// Package sample holds the built-in sample data the example programs run
// on: Northwind Analytics Ltd, a 140-person company selling a cloud-hosted
// analytics service from two offices, with its Statement of Applicability,
// its internal auditors and the story of its internal audit IA-2026-01;
// Meridian Certification Ltd's auditor pool; and Harbourline Logistics
// Group Ltd, a multi-site organisation seeking certification. Everything
// here is invented for demonstration.
package sample

import "github.com/ismsaudit/ismsaudit/annexa"

// Organization is the sample organisation's name.
const Organization = "Northwind Analytics Ltd"

// riskTreatment is why Northwind includes most controls: its risk
// treatment plan selected them. It is the default every control gets.
var riskTreatment = annexa.Inclusion{
	Bases:         []annexa.InclusionBasis{annexa.BasisRiskTreatment},
	Justification: "Selected by risk treatment plan RTP-2026 to treat risks in the information security risk register.",
	Status:        annexa.Implemented,
}

// inclusions are the controls included for reasons beyond the risk
// treatment, or not yet fully implemented, each with its own
// justification (ISO/IEC 27001:2022 6.1.3 d).
var inclusions = []struct {
	id annexa.ControlID
	in annexa.Inclusion
}{
	{"5.7", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Threat intelligence selected by RTP-2026 against targeted attacks (risk R-04); feeds subscribed, triage not yet routine.",
		Status:        annexa.PartiallyImplemented}},
	{"5.23", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment, annexa.BasisContractual},
		Justification: "The service runs in a public cloud (risk R-09); customer contracts require cloud security commitments.",
		Status:        annexa.Implemented}},
	{"5.30", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisContractual, annexa.BasisRiskTreatment},
		Justification: "Customer SLAs promise 99.9% availability (risk R-02); the ICT continuity plan is tested for one region only.",
		Status:        annexa.PartiallyImplemented}},
	{"5.31", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisContractual},
		Justification: "UK GDPR, the Data Protection Act 2018 and customer contracts bind the service.",
		Status:        annexa.Implemented}},
	{"5.34", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisContractual},
		Justification: "Customer datasets hold personal data: UK GDPR and the data processing agreements with customers.",
		Status:        annexa.Implemented}},
	{"6.6", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisContractual},
		Justification: "Customer contracts require every employee and contractor with data access to sign a confidentiality agreement.",
		Status:        annexa.Implemented}},
	{"8.11", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisLegalOrRegulatory, annexa.BasisRiskTreatment},
		Justification: "Masking personal data in analytics extracts (UK GDPR art. 25; risk R-12); tooling chosen, rollout planned.",
		Status:        annexa.Planned}},
	{"8.12", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment, annexa.BasisContractual},
		Justification: "Leakage of customer datasets (risk R-13; contracts); e-mail covered, endpoints in progress.",
		Status:        annexa.PartiallyImplemented}},
	{"8.16", annexa.Inclusion{Bases: []annexa.InclusionBasis{annexa.BasisRiskTreatment},
		Justification: "Monitoring of production and offices (risk R-05); office network monitoring not yet in place.",
		Status:        annexa.PartiallyImplemented}},
}

// exclusions are the controls Northwind's SoA excludes, with the reasons
// its risk treatment gave.
var exclusions = []struct {
	id  annexa.ControlID
	why string
}{
	{"7.12", "No server rooms or structured cabling of our own: production runs in the cloud provider's regions and the offices use the landlord's shared network; covered by supplier assurance under A.5.23."},
	{"8.30", "All software is developed by employees; no development work is outsourced, and contracts with agencies forbid subcontracting code."},
}

// SoA returns Northwind's Statement of Applicability, version 2026.2: every
// control decided and justified, most by the risk treatment plan, some by
// law or contract; two justified exclusions; five controls still being
// implemented.
func SoA() *annexa.SoA {
	soa, err := annexa.NewSoA(Organization, riskTreatment)
	if err != nil {
		panic(err) // the sample data is fixed; a failure is a bug
	}
	soa.Version = "2026.2"
	for _, c := range inclusions {
		if err := soa.Include(c.id, c.in); err != nil {
			panic(err)
		}
	}
	for _, e := range exclusions {
		if err := soa.Exclude(e.id, e.why); err != nil {
			panic(err)
		}
	}
	return soa
}
