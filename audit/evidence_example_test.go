package audit_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/competence"
)

// evExampleAudit walks an internal audit through the operations into
// fieldwork (opened on 10 March 2026): a team of lead and auditor-1 and a
// plan over control A.5.15 (access control) and clause 9.2.1, approved
// and communicated. A refused step panics: the example's data is fixed.
func evExampleAudit() *audit.Audit {
	day := func(d int) ismsaudit.Meta {
		return ismsaudit.Meta{At: time.Date(2026, time.March, d, 9, 0, 0, 0, time.UTC), By: "lead"}
	}
	a, err := audit.New(audit.NewOptions{ID: "IA-2026-01", Kind: annexa.Internal, Client: "Management board", Auditee: "Acme Ltd"}, day(2))
	if err != nil {
		panic(err)
	}
	access, programme := annexa.RefToControl("5.15"), annexa.RefToClause("9.2.1")
	err = errors.Join(
		a.EstablishContact(audit.Contact{Person: "CISO", At: day(2).At, By: "lead"}, day(2)),
		a.DecideFeasibility(audit.Feasibility{Information: true, Cooperation: true, TimeAndResources: true, DecidedAt: day(2).At, DecidedBy: "lead"}, day(2)),
		a.SetTeam([]audit.Member{{Auditor: "lead", Name: "Lena", Role: competence.RoleTeamLeader}, {Auditor: "auditor-1", Name: "Omar", Role: competence.RoleAuditor}}, day(2)),
		a.Prepare(day(3)),
		a.DraftPlan(audit.PlanContent{
			Objectives: []string{"conformity of access control"}, Scope: audit.Scope{Units: []string{"IT"}},
			Criteria: []audit.Criterion{{Ref: access}, {Ref: programme}}, Locations: []string{"head office"},
			Start: day(10).At, End: day(12).At,
			Schedule: []audit.Activity{{Title: "record review", Location: "head office", Start: day(10).At, End: day(12).At,
				Auditors: []competence.AuditorID{"lead", "auditor-1"}, Criteria: []annexa.Ref{access, programme}}},
			Methods:          []audit.Method{{Location: audit.OnSite, HumanInteraction: true, Description: "interviews and record review"}},
			SamplingApproach: "statistical samples of changes and leavers",
			Assignments:      []audit.Assignment{{Criterion: access, Auditor: "auditor-1"}, {Criterion: programme, Auditor: "lead"}},
		}, day(4)),
		a.ApprovePlan(day(5), nil),
		a.CommunicatePlan(day(6)),
		a.HoldOpeningMeeting(audit.OpeningMeeting{At: day(10).At, Attendees: []audit.Attendee{{Name: "Lena"}, {Name: "CISO"}}, PlanConfirmed: true, ScopeConfirmed: true}, day(10)),
	)
	if err != nil {
		panic(err)
	}
	return a
}

func ExampleAudit_CollectEvidence() {
	a := evExampleAudit()
	at := time.Date(2026, time.March, 11, 10, 0, 0, 0, time.UTC)
	export := []byte("user,removed\nj.doe,2025-11-03\n")

	err := a.CollectEvidence(audit.Evidence{
		ID:              "E-1",
		Source:          audit.SourceRecord,
		Description:     "access removal tickets for leavers",
		Supports:        []annexa.Ref{annexa.RefToControl("5.15")},
		CollectedBy:     "auditor-1",
		CollectedAt:     at,
		Covers:          &audit.Period{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
		Confidentiality: audit.ConfidentialityInternal,
		Digest:          audit.DigestOf(export),
	}, ismsaudit.Meta{At: at, By: "auditor-1"})
	fmt.Println("collected:", err == nil, a.IsAuditEvidence("E-1"))

	// Only verified information is audit evidence.
	err = a.VerifyEvidence("E-1", ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	e, _ := a.EvidenceItem("E-1")
	fmt.Println("verified:", err == nil, e.State, a.IsAuditEvidence("E-1"))

	// Input the library sets itself, or that breaks a rule, is refused
	// whole, with every problem listed.
	err = a.CollectEvidence(audit.Evidence{ID: "E-1", Source: "rumour", State: audit.EvidenceVerified}, ismsaudit.Meta{At: at, By: "auditor-1"})
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(" ", f.Path, f.Rule)
		}
	}
	fmt.Println("items:", len(a.Evidence))
	// Output:
	// collected: true false
	// verified: true verified true
	//   ID unique
	//   Source enum
	//   Description required
	//   Supports required
	//   CollectedBy required
	//   CollectedAt required
	//   Confidentiality required
	//   State library-set
	// items: 1
}

func ExampleAudit_CorrectEvidence() {
	a := evExampleAudit()
	at := time.Date(2026, time.March, 11, 10, 0, 0, 0, time.UTC)
	item := audit.Evidence{
		ID: "E-1", Source: audit.SourceInterview, Description: "HR lead on leaver process",
		Supports: []annexa.Ref{annexa.RefToControl("5.15")}, CollectedBy: "auditor-1", CollectedAt: at,
		Confidentiality: audit.ConfidentialityInternal,
	}
	_ = a.CollectEvidence(item, ismsaudit.Meta{At: at, By: "auditor-1"})

	// Rejecting needs a reason.
	err := a.RejectEvidence("E-1", ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	var te *ismsaudit.TransitionError
	if errors.As(err, &te) {
		fmt.Println("refused by", te.Rule)
	}

	// A correction is a new item; the old one stays, superseded.
	fixed := item
	fixed.ID = "E-2"
	fixed.Description = "HR lead on leaver process (notes re-read with the interviewee)"
	err = a.CorrectEvidence("E-1", fixed, ismsaudit.Meta{At: at.Add(2 * time.Hour), By: "lead", Note: "notes mixed up two interviews"})
	fmt.Println("corrected:", err == nil)
	for _, e := range a.Evidence {
		fmt.Printf("%s %s supersedes=%q\n", e.ID, e.State, e.Supersedes)
	}
	// Output:
	// refused by AUD-EVIDENCE-REJECT-REASON
	// corrected: true
	// E-1 superseded supersedes=""
	// E-2 collected supersedes="E-1"
}

func ExampleDraw() {
	plan := audit.SamplingPlan{
		ID:         "S-1",
		Purpose:    "leavers' access removed within a day",
		Population: audit.Population{Items: []string{"ana", "ben", "cho", "dev", "eli", "fay", "gus", "hal", "ida", "jon"}},
		Frame:      "HR leavers list for 2025",
		Method:     audit.Statistical,
		Size:       3,
		Exclusions: []string{"fay"},
		Seed:       20260311,
		Rationale:  "three of nine, per the programme's sampling table; fay is still in her notice period",
	}
	sample, err := audit.Draw(plan)
	fmt.Println(sample, err)
	again, _ := audit.Draw(plan)
	fmt.Println("same seed, same sample:", fmt.Sprint(again) == fmt.Sprint(sample))

	// Only the size may be known: items are then positions.
	sample, _ = audit.Draw(audit.SamplingPlan{Population: audit.Population{Size: 5000}, Method: audit.Statistical, Size: 4, Seed: 7})
	fmt.Println(sample)
	// Output:
	// [ben eli gus] <nil>
	// same seed, same sample: true
	// [85 1950 2916 4505]
}

func ExampleAudit_DrawSample() {
	a := evExampleAudit()
	at := time.Date(2026, time.March, 10, 11, 0, 0, 0, time.UTC)
	err := a.AddSamplingPlan(audit.SamplingPlan{
		ID: "S-1", Purpose: "changes approved before deployment", Population: audit.Population{Size: 412},
		Frame: "change tickets closed in 2025", Method: audit.Statistical, Size: 5, Seed: 99,
		Rationale: "five of 412 for a control operated per change with no exceptions expected",
	}, ismsaudit.Meta{At: at, By: "lead"})
	fmt.Println("added:", err == nil)
	err = a.DrawSample("S-1", ismsaudit.Meta{At: at, By: "lead"})
	p, _ := a.SamplingPlan("S-1")
	fmt.Println("drawn:", err == nil, p.Selected, p.Generator)
	err = a.DrawSample("S-1", ismsaudit.Meta{At: at, By: "lead"})
	var ve *ismsaudit.ValidationError
	fmt.Println("drawn again:", errors.As(err, &ve) && ve.Has("Selected", audit.RuleSamplingFixed))
	// Output:
	// added: true
	// drawn: true [15 45 74 108 345] splitmix64/fisher-yates/v1
	// drawn again: true
}

func ExampleAudit_SealRecord() {
	at := time.Date(2026, time.March, 11, 17, 0, 0, 0, time.UTC)
	a := evExampleAudit()
	err := errors.Join(
		a.CollectEvidence(audit.Evidence{
			ID: "E-1", Source: audit.SourceObservation, Description: "server room door left open",
			Supports: []annexa.Ref{annexa.RefToControl("5.15")}, CollectedBy: "auditor-1", CollectedAt: at.Add(-6 * time.Hour),
			Confidentiality: audit.ConfidentialityRestricted,
		}, ismsaudit.Meta{At: at.Add(-6 * time.Hour), By: "auditor-1"}),
		a.VerifyEvidence("E-1", ismsaudit.Meta{At: at.Add(-5 * time.Hour), By: "lead"}),
		a.SealRecord(ismsaudit.Meta{At: at, By: "lead"}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range a.Seal.Logs {
		fmt.Println(l.Name, l.Count)
	}
	fmt.Println("intact:", a.VerifySeal() == nil)

	// Appending is allowed; rewriting is not.
	_ = a.EndFieldwork(ismsaudit.Meta{At: at.Add(time.Hour), By: "lead"})
	fmt.Println("after appending:", a.State, a.VerifySeal() == nil)
	a.Evidence[0].Description = "server room door closed"
	var se *audit.SealError
	if errors.As(a.VerifySeal(), &se) {
		fmt.Println("changed:", se.Log, se.Entry, se.Problem)
	}
	// Output:
	// evidence 1
	// history 2
	// plan.history 2
	// evidence[E-1].history 1
	// intact: true
	// after appending: findings true
	// changed: evidence 0 entry-changed
}

func ExampleDigestOf() {
	fmt.Println(audit.DigestOf([]byte("abc")))
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
}
