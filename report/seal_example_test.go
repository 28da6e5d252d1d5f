package report_test

import (
	"bytes"
	"crypto/rand"
	"encoding/csv"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/report"
)

// signedAudit is smallAudit sealed after distribution and signed by the
// team leader with a key the host made; it returns the key's verifier,
// which the host hands to whoever is to check the record.
func signedAudit() (*audit.Audit, note.Verifier) {
	a := smallAudit()
	skey, vkey, err := note.GenerateKey(rand.Reader, "ann")
	must(err)
	signer, err := note.NewSigner(skey)
	must(err)
	verifier, err := note.NewVerifier(vkey)
	must(err)
	must(a.SealRecord(ismsaudit.Meta{At: time.Date(2026, time.March, 2, 20, 0, 0, 0, time.UTC), By: "ann"}))
	must(a.SignSeal(signer))
	return a, verifier
}

func ExampleWriteAuditSeal() {
	a, _ := signedAudit()
	r, err := report.BuildAuditReport(a, nil)
	must(err)
	var buf bytes.Buffer
	must(report.WriteAuditSeal(&buf, r))
	rows, err := csv.NewReader(&buf).ReadAll()
	must(err)
	for _, row := range rows {
		fmt.Println(row[0], row[1], row[2], row[3], row[6], row[7], row[9], row[10])
	}
	// Output:
	// audit status algorithm head_number sealed_at sealed_by signers verified_signers
	// IA-7 sealed sha256-record-tree-v3 1 2026-03-02T20:00:00Z ann ann
}
