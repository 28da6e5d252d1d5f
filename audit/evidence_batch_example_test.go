package audit_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
)

// A scanner's two checks arrive as one batch: each keeps its origin, and
// both stay collected until an auditor verifies them. A batch with a
// problem is refused whole, with every problem at its item's path.
func ExampleAudit_CollectEvidenceItems() {
	a := fieldworkAudit()
	scanned := time.Date(2026, time.March, 11, 6, 0, 0, 0, time.UTC)
	check := func(id ismsaudit.EvidenceID, item, what string) audit.Evidence {
		return audit.Evidence{
			ID: id, Source: audit.SourceTechnicalVerification, Description: what,
			Supports:    []annexa.Ref{annexa.RefToControl("5.15")},
			CollectedBy: "Tidewater Scan 5.3", CollectedAt: scanned,
			Confidentiality: audit.ConfidentialityInternal,
			Origin:          &audit.Origin{Tool: "Tidewater Scan 5.3", Document: "2906ceaa-9286-4309-a0ba-72b659260afb", Item: item},
		}
	}
	logged := ismsaudit.Meta{At: scanned.Add(3 * time.Hour), By: "auditor-1"}

	bad := []audit.Evidence{
		check("SCAN-1", "3fc54f83-1569-465d-9f30-fad934dae47a", "directory accounts without an owner: none"),
		check("SCAN-1", "4874b449-d63a-4f9f-acfa-697f2cb45642", ""),
	}
	err := a.CollectEvidenceItems(bad, logged)
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println("refused:", f.Path, f.Rule)
		}
	}
	fmt.Println("items after the refusal:", len(a.Evidence))

	good := []audit.Evidence{
		check("SCAN-1", "3fc54f83-1569-465d-9f30-fad934dae47a", "directory accounts without an owner: none"),
		check("SCAN-2", "4874b449-d63a-4f9f-acfa-697f2cb45642", "accounts of leavers still enabled: none"),
	}
	fmt.Println(a.CollectEvidenceItems(good, logged))
	for _, e := range a.Evidence {
		fmt.Println(e.ID, e.State, e.Origin.Tool, a.IsAuditEvidence(e.ID))
	}
	// Output:
	// refused: Items[1].Description required
	// refused: Items[1].ID unique
	// items after the refusal: 0
	// <nil>
	// SCAN-1 collected Tidewater Scan 5.3 false
	// SCAN-2 collected Tidewater Scan 5.3 false
}
