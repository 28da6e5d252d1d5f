package sample

import (
	"time"

	"github.com/ismsaudit/ismsaudit/competence"
	"github.com/ismsaudit/ismsaudit/programme"
)

// The sample multi-site organisation: Harbourline Logistics Group Ltd, a
// freight and warehousing company run from a head office in Felixstowe
// with eleven depots, seeking initial ISO/IEC 27001 certification from
// Meridian Certification Ltd. Everything here is invented.

// HarbourlineSites are the organisation's sites: the head office, where the
// ISMS is managed (the central function), and the depots. Dover is marked
// high risk: it runs the customs data exchange and had a ransomware
// incident in 2025.
func HarbourlineSites() []programme.Site {
	return []programme.Site{
		{ID: "Felixstowe HQ", Central: true},
		{ID: "Birmingham"}, {ID: "Bristol"}, {ID: "Cardiff"},
		{ID: "Dover", HighRisk: true},
		{ID: "Glasgow"}, {ID: "Leeds"}, {ID: "Liverpool"}, {ID: "Manchester"},
		{ID: "Newcastle"}, {ID: "Nottingham"}, {ID: "Southampton"},
	}
}

// HarbourlineHeadcount is what the audit time is computed from: 640
// persons doing work under the organisation's control within the ISMS
// scope, 300 of them warehouse operatives doing the same work at every
// depot with the same handheld scanners; the scope spans twelve locations
// and the organisation runs its own transport management system with many
// integrations.
func HarbourlineHeadcount() programme.AuditTimeInput {
	return programme.AuditTimeInput{
		Persons:   640,
		Identical: []programme.IdenticalActivity{{Activity: "warehouse operatives using the standard handheld scanner workflow", Persons: 300}},
		Factors:   []string{"several-locations", "high-it-complexity"},
	}
}

// Harbourline's certification timeline: today, the two stages of the
// initial audit and the certification decision.
var (
	Today          = EvaluationDay
	Stage1Start    = time.Date(2026, time.February, 9, 9, 0, 0, 0, time.UTC)
	Stage2Start    = time.Date(2026, time.March, 16, 9, 0, 0, 0, time.UTC)
	HarbourlineDec = day(2026, time.April, 20)
)

// HarbourlineStaffNeeds are what every audit of Harbourline needs from its
// team: proficient knowledge of the ISO/IEC 27001 requirements, English,
// and knowledge of the transport and logistics sector.
func HarbourlineStaffNeeds() []competence.Need {
	return []competence.Need{
		competence.KnowledgeNeed(competence.ISO27001Requirements, competence.Proficient),
		competence.LanguageNeed("en"),
		competence.SectorNeed("transport and logistics"),
	}
}

// HarbourlineStage2Needs are what stage 2 needs besides: two auditors, and
// expert knowledge of technology threats for the operational technology at
// the depots.
func HarbourlineStage2Needs() []competence.Need {
	return []competence.Need{competence.KnowledgeNeed(competence.TechnologyThreats, competence.Expert)}
}
