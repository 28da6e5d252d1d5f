package report_test

import (
	"bytes"
	"crypto/rand"
	"encoding/csv"
	"errors"
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

// The report of a sealed record names the seal; a recipient's copy
// carries the record's own copy, with an inclusion proof for every part
// it shows, which the recipient checks with the public key alone.
func ExampleRecipientCopy_sealed() {
	a, verifier := signedAudit()
	sigs, err := a.VerifySignatures(note.VerifierList(verifier))
	must(err)
	r, err := report.BuildAuditReport(a, &report.AuditReportOptions{Signatures: sigs})
	must(err)
	fmt.Println(r.Seal.Algorithm, "head", r.Seal.Number, "signed by", r.Seal.Signers[0].Name, "verified:", r.Seal.Signers[0].Verified)

	c, err := report.RecipientCopy(r, audit.Recipient{Name: "Raj Patel", Clearance: audit.ConfidentialityInternal})
	must(err)
	var sent bytes.Buffer
	must(report.WriteAuditReport(&sent, c, report.JSON))

	// The recipient decodes the copy (which checks the proofs and the
	// items shown against them) and checks the signature.
	got, err := report.DecodeAuditReport(sent.Bytes())
	must(err)
	_, err = got.Record.VerifySignatures(note.VerifierList(verifier))
	fmt.Println("proofs and signature:", got.Record.VerifySeal(), err)
	fmt.Println("evidence in the record's copy:", len(got.Record.Evidence), "withheld parts:", got.Seal.Withheld)

	// An item changed on the way is found out.
	got.Record.Evidence[0].Description = "Patch report: nothing to see."
	var se *audit.SealError
	fmt.Println(errors.As(got.Record.VerifySeal(), &se), se.Problem)
	// Output:
	// sha256-record-tree-v3 head 1 signed by ann verified: true
	// proofs and signature: <nil> <nil>
	// evidence in the record's copy: 1 withheld parts: 1
	// true proof-failed
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
