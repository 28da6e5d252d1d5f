package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
)

// TestRecipientCopyProvesWhatItShows follows a sealed, signed record to a
// recipient: the report's copy carries the record's copy, which verifies
// with the public key alone, holds none of the withheld evidence, and
// gives away any change to what it shows.
func TestRecipientCopyProvesWhatItShows(t *testing.T) {
	signer, verifier := newKey(t, "certco")
	a := sealedAudit(t, signer)
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	rec := audit.Recipient{Name: "Karl Braun", Organization: "Contoso Data Services GmbH", Clearance: audit.ConfidentialityInternal}
	c, err := RecipientCopy(r, rec)
	require.NoError(t, err)
	require.NotNil(t, c.Record)
	require.True(t, c.Record.Seal.IsCopy())

	// What the recipient receives is the copy's JSON and the public key.
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, c, JSON))
	got, err := DecodeAuditReport(buf.Bytes())
	require.NoError(t, err, "Check verifies the record's proofs")
	require.NoError(t, got.Record.VerifySeal())
	sigs, err := got.Record.VerifySignatures(note.VerifierList(verifier))
	require.NoError(t, err)
	assert.Equal(t, []audit.Signature{{Head: 2, Name: "certco", Hash: verifier.KeyHash()}}, sigs)

	// The withheld evidence is absent, from the record and from the report.
	withheld := 0
	for _, e := range a.Evidence {
		if e.Confidentiality.Compare(rec.Clearance) <= 0 {
			continue
		}
		withheld++
		assertAbsent(t, buf.String(), jsonText(e.Description))
		for _, kept := range got.Record.Evidence {
			assert.NotEqual(t, e.ID, kept.ID)
		}
	}
	require.Positive(t, withheld)
	assert.Equal(t, withheld, got.Seal.Withheld)
	assert.Equal(t, len(got.Record.Seal.Proofs), got.Seal.Proven)
	var md bytes.Buffer
	require.NoError(t, WriteAuditReport(&md, got, Markdown))
	assertContains(t, sectionOf(t, md.String(), "## Record seal"), "This copy carries the audit record's copy for its recipient: each of the "+
		plural(got.Seal.Proven, "part", "parts")+" of the record it shows")

	// A change to an item shown is detected: in the record, by its proof;
	// in the report, against the proven record.
	tampered := func(change func(c *AuditReport)) *AuditReport {
		c, err := DecodeAuditReport(buf.Bytes())
		require.NoError(t, err)
		change(c)
		return c
	}
	edited := tampered(func(c *AuditReport) { c.Record.Evidence[0].Description = "Nothing to see." })
	var se *audit.SealError
	require.ErrorAs(t, edited.Record.VerifySeal(), &se)
	assert.Equal(t, audit.SealProofFailed, se.Problem)
	assert.Error(t, edited.Check())
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, tampered(func(c *AuditReport) { c.Evidence[0].Description = "Nothing to see." }).Check(), &ve)
	assert.True(t, ve.Has("Evidence[0]", RuleSeal), "%v", ve.Fields)
	require.ErrorAs(t, tampered(func(c *AuditReport) { c.Findings[1].Grade = audit.Major }).Check(), &ve)
	assert.True(t, ve.Has("Findings[1]", RuleSeal), "%v", ve.Fields)

	// A signature made with another key is not the certification body's.
	_, impostor := newKey(t, "certco")
	_, err = got.Record.VerifySignatures(note.VerifierList(impostor))
	var sge *audit.SignatureError
	require.ErrorAs(t, err, &sge)
}

func TestRecipientCopyOfARecordChangedSinceSealing(t *testing.T) {
	a := sealedAudit(t)
	require.NoError(t, a.PlanCorrectiveAction("C-F3", audit.CorrectiveActionPlan{Correction: "The April test was run.", RootCause: "No owner.",
		Action: "A named owner for the monthly test.", DueAt: at2026(time.June, 14, 0, 0)}, ismsaudit.Meta{At: at2026(time.May, 20, 9, 0), By: "Lena Fischer"}))
	r, err := BuildAuditReport(a, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, r.Seal.Unsealed)
	var md bytes.Buffer
	require.NoError(t, WriteAuditReport(&md, r, Markdown))
	assertContains(t, md.String(), "- **Since sealed:** 1 operation recorded after the last head, which does not cover them yet")

	c, err := RecipientCopy(r, audit.Recipient{Name: "Karl Braun", Clearance: audit.ConfidentialityInternal})
	assert.Nil(t, c)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, hasPrefixed(ve, "Report.Record", audit.RuleSealIntact), "seal again first: %v", ve.Fields)

	require.NoError(t, a.SealRecord(ismsaudit.Meta{At: at2026(time.May, 20, 9, 30), By: "Marta Nowak"}))
	r, err = BuildAuditReport(a, nil)
	require.NoError(t, err)
	c, err = RecipientCopy(r, audit.Recipient{Name: "Karl Braun", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	assert.Equal(t, 3, c.Seal.Number)
	assert.Positive(t, c.Seal.Withheld, "the restricted supplier contracts")
}

func TestRecipientCopiesOfASealedReport(t *testing.T) {
	r := sealedReport(t)
	copies, err := RecipientCopies(r)
	require.NoError(t, err)
	require.Len(t, copies, 3)
	for i, c := range copies {
		require.NotNil(t, c.Record, i)
		require.NoError(t, c.Record.VerifySeal(), i)
		require.NoError(t, c.Check(), i)
		assert.Equal(t, r.Distribution[i].Recipient, c.Copy.Recipient)
		assert.Equal(t, len(c.Record.Seal.Withheld), c.Seal.Withheld)
		for _, e := range c.Record.Evidence {
			assert.LessOrEqual(t, e.Confidentiality.Compare(c.Copy.Recipient.Clearance), 0, "%s in %s's copy", e.ID, c.Copy.Recipient.Name)
		}
	}
	assert.Zero(t, copies[0].Seal.Withheld, "the restricted recipient sees everything")
	require.NoError(t, r.Record.VerifySeal(), "the report's own record is unchanged")
}

func TestSealedReportJSONCarriesTheRecord(t *testing.T) {
	r := sealedReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, JSON))
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(buf.Bytes(), &raw))
	require.Contains(t, raw, "record")
	back, err := DecodeAuditReport(buf.Bytes())
	require.NoError(t, err)
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckRecord(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
		path   string
	}{
		{"another head shown", func(r *AuditReport) { r.Seal.Number = 1 }, "Seal"},
		{"another signer shown", func(r *AuditReport) { r.Seal.Signers[1].Name = "mallory" }, "Seal"},
		{"a signer fewer", func(r *AuditReport) { r.Seal.Signers = r.Seal.Signers[:1] }, "Seal"},
		{"another head hash", func(r *AuditReport) { r.Seal.Head = strings.Repeat("0", len(r.Seal.Head)) }, "Seal"},
		{"another size", func(r *AuditReport) { r.Seal.Size++ }, "Seal"},
		{"sealed at another time", func(r *AuditReport) { r.Seal.SealedAt = r.Seal.SealedAt.Add(time.Second) }, "Seal"},
		{"sealed by another", func(r *AuditReport) { r.Seal.SealedBy = "mallory" }, "Seal"},
		{"another unsealed count", func(r *AuditReport) { r.Seal.Unsealed++ }, "Seal"},
		{"another proven count", func(r *AuditReport) { r.Seal.Proven++ }, "Seal"},
		{"another withheld count", func(r *AuditReport) { r.Seal.Withheld++ }, "Seal"},
		{"record left out", func(r *AuditReport) { r.Record = nil }, "Record"},
		{"record of another audit", func(r *AuditReport) { r.Record.ID = "IA-OTHER" }, "Record.ID"},
		{"record edited", func(r *AuditReport) { r.Record.Findings[0].Found = "Nothing was found." }, "Record.Findings[0]"},
		{"finding edited", func(r *AuditReport) { r.Findings[1].Found = "Nothing was found." }, "Findings[1]"},
		{"finding added", func(r *AuditReport) {
			r.Findings = append(r.Findings, r.Findings[0])
			r.Findings[len(r.Findings)-1].ID = "C-F9"
		}, "Findings[5]"},
		{"evidence edited", func(r *AuditReport) { r.Evidence[0].Description = "Nothing." }, "Evidence[0]"},
		{"record of an unsealed report", func(r *AuditReport) { r.Seal = nil }, "Record"},
		{"holder's record on a copy", func(r *AuditReport) {
			r.Copy = &AuditCopy{Recipient: audit.Recipient{Name: "Lena Fischer", Clearance: audit.ConfidentialityRestricted}}
		}, "Record.Seal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := sealedReport(t)
			tt.change(r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, r.Check(), &ve)
			assert.True(t, hasPrefixed(ve, tt.path, RuleSeal), "%s in %v", tt.path, ve.Fields)
		})
	}
}

// TestSameSeal: two seals are the same only when every part the report
// shows agrees (whether a signature was verified aside).
func TestSameSeal(t *testing.T) {
	base := func() *AuditSeal {
		return &AuditSeal{Algorithm: audit.SealAlgorithm, Intact: true, Head: strings.Repeat("ab", 32), Number: 3, Size: 12,
			SealedAt: asOf, SealedBy: "Aisha Khan", Unsealed: 1, Proven: 2, Withheld: 1,
			Signers: []AuditSigner{{Name: "certco", Hash: 7}, {Name: "marta"}}}
	}
	same := base()
	same.Signers[0].Verified = true
	same.SealedAt = asOf.In(time.FixedZone("", 3600))
	assert.True(t, sameSeal(base(), same))
	for name, change := range map[string]func(*AuditSeal){
		"algorithm": func(s *AuditSeal) { s.Algorithm = audit.SealAlgorithmV2 },
		"intact":    func(s *AuditSeal) { s.Intact = false },
		"head":      func(s *AuditSeal) { s.Head = strings.Repeat("cd", 32) },
		"number":    func(s *AuditSeal) { s.Number++ },
		"size":      func(s *AuditSeal) { s.Size++ },
		"sealed at": func(s *AuditSeal) { s.SealedAt = s.SealedAt.Add(time.Second) },
		"sealed by": func(s *AuditSeal) { s.SealedBy = "mallory" },
		"unsealed":  func(s *AuditSeal) { s.Unsealed++ },
		"proven":    func(s *AuditSeal) { s.Proven++ },
		"withheld":  func(s *AuditSeal) { s.Withheld++ },
		"a signer":  func(s *AuditSeal) { s.Signers[1].Name = "mallory" },
		"signers":   func(s *AuditSeal) { s.Signers = s.Signers[:1] },
	} {
		other := base()
		change(other)
		assert.False(t, sameSeal(base(), other), name)
	}
}
