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

// exclusions are the controls Northwind's SoA excludes, with the reasons
// its risk treatment gave.
var exclusions = []struct{ id, why string }{
	{"7.12", "No server rooms or structured cabling of our own: production runs in the cloud provider's regions and the offices use the landlord's shared network; covered by supplier assurance under A.5.23."},
	{"8.30", "All software is developed by employees; no development work is outsourced, and contracts with agencies forbid subcontracting code."},
}

// statuses lists the applicable controls that are not yet fully implemented.
var statuses = map[annexa.ControlID]annexa.ImplementationStatus{
	"5.7":  annexa.PartiallyImplemented,
	"5.30": annexa.PartiallyImplemented,
	"8.11": annexa.Planned,
	"8.12": annexa.PartiallyImplemented,
	"8.16": annexa.PartiallyImplemented,
}

// SoA returns Northwind's Statement of Applicability, version 2026.2: every
// control decided, two justified exclusions, five controls still being
// implemented.
func SoA() *annexa.SoA {
	soa := annexa.NewSoA(Organization, annexa.Implemented)
	soa.Version = "2026.2"
	for _, e := range exclusions {
		if err := soa.Exclude(e.id, e.why); err != nil {
			panic(err) // the sample data is fixed; a failure is a bug
		}
	}
	for id, st := range statuses {
		if err := soa.Set(annexa.Decision{Control: id, Applicability: annexa.Applicable, Status: st,
			Justification: "Selected by the risk treatment plan; implementation in progress."}); err != nil {
			panic(err)
		}
	}
	return soa
}
