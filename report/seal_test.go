package report

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/csv"
	"strconv"
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

// fixedKey is a note key made from a seed, so that signatures, and the
// goldens that show them, do not change from run to run. Other tests make
// their keys with note.GenerateKey(rand.Reader, name).
func fixedKey(t testing.TB, name string) (note.Signer, note.Verifier) {
	t.Helper()
	seed := sha256.Sum256([]byte("report test key " + name))
	skey, vkey, err := note.GenerateKey(bytes.NewReader(seed[:]), name)
	require.NoError(t, err)
	return keyPair(t, skey, vkey)
}

// newKey is a fresh key, as a host would make one.
func newKey(t testing.TB, name string) (note.Signer, note.Verifier) {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	require.NoError(t, err)
	return keyPair(t, skey, vkey)
}

func keyPair(t testing.TB, skey, vkey string) (note.Signer, note.Verifier) {
	t.Helper()
	signer, err := note.NewSigner(skey)
	require.NoError(t, err)
	verifier, err := note.NewVerifier(vkey)
	require.NoError(t, err)
	return signer, verifier
}

// sealedAudit is the certification audit sealed when its report was
// issued, then distributed and sealed again, the second head signed by the
// certification body and by the team leader (with the keys signers
// gives), as the library's operations leave it.
func sealedAudit(t testing.TB, signers ...note.Signer) *audit.Audit {
	t.Helper()
	a := certificationAudit(t)
	lead := "Marta Nowak"
	require.NoError(t, a.SealRecord(ismsaudit.Meta{At: at2026(time.May, 15, 9, 30), By: lead}))
	require.NoError(t, a.Distribute([]audit.Recipient{
		{Name: "Lena Fischer", Organization: "Contoso Data Services GmbH", Clearance: audit.ConfidentialityRestricted},
		{Name: "Karl Braun", Organization: "Contoso Data Services GmbH", Clearance: audit.ConfidentialityInternal},
		{Name: "Accreditation witness", Organization: "National accreditation body", Clearance: audit.ConfidentialityPublic},
	}, ismsaudit.Meta{At: at2026(time.May, 16, 10, 0), By: lead}))
	require.NoError(t, a.SealRecord(ismsaudit.Meta{At: at2026(time.May, 16, 10, 30), By: lead}))
	for _, s := range signers {
		require.NoError(t, a.SignSeal(s))
	}
	require.NoError(t, a.VerifySeal())
	return a
}

// sealedReport is the report of sealedAudit signed with fixed keys, the
// certification body's signature verified by the host.
func sealedReport(t testing.TB) *AuditReport {
	t.Helper()
	certco, certcoV := fixedKey(t, "certco")
	marta, _ := fixedKey(t, "marta")
	a := sealedAudit(t, certco, marta)
	sigs, err := a.VerifySignatures(note.VerifierList(certcoV, mustVerifier(t, marta)))
	require.NoError(t, err)
	var trusted []audit.Signature
	for _, s := range sigs {
		if s.Name == "certco" {
			trusted = append(trusted, s)
		}
	}
	r, err := BuildAuditReport(a, &AuditReportOptions{Signatures: trusted})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	return r
}

// mustVerifier is the verifier of a fixed key's signer.
func mustVerifier(t testing.TB, s note.Signer) note.Verifier {
	t.Helper()
	_, v := fixedKey(t, s.Name())
	return v
}

func TestSealOf(t *testing.T) {
	certco, _ := newKey(t, "certco")
	sealed := sealedAudit(t, certco)
	last, _ := sealed.Seal.Last()
	v2 := &audit.Seal{Algorithm: audit.SealAlgorithmV2, Head: strings.Repeat("ab", 32), At: at2026(time.May, 15, 9, 30), By: "Marta Nowak"}
	pending := sealedAudit(t)
	require.NoError(t, pending.PlanCorrectiveAction("C-F3", audit.CorrectiveActionPlan{Correction: "The April test was run.", RootCause: "No owner.",
		Action: "A named owner for the monthly test.", DueAt: at2026(time.June, 14, 0, 0)}, ismsaudit.Meta{At: at2026(time.May, 20, 9, 0), By: "Lena Fischer"}))
	for _, tt := range []struct {
		name     string
		seal     *audit.Seal
		intact   bool
		verified []audit.Signature
		want     *AuditSeal
	}{
		{"not sealed", nil, true, nil, nil},
		{"earlier algorithm", v2, true, nil, &AuditSeal{Algorithm: audit.SealAlgorithmV2, Intact: true, Head: v2.Head, SealedAt: v2.At, SealedBy: v2.By}},
		{"signed, not verified", sealed.Seal, true, nil, &AuditSeal{Algorithm: audit.SealAlgorithm, Intact: true, Head: last.Head, Number: 2, Size: last.Size,
			SealedAt: at2026(time.May, 16, 10, 30), SealedBy: "Marta Nowak", Signers: []AuditSigner{{Name: "certco"}}}},
		{"signed and verified", sealed.Seal, true, []audit.Signature{{Head: 1, Name: "certco", Hash: 7}, {Head: 2, Name: "certco", Hash: 42}},
			&AuditSeal{Algorithm: audit.SealAlgorithm, Intact: true, Head: last.Head, Number: 2, Size: last.Size,
				SealedAt: at2026(time.May, 16, 10, 30), SealedBy: "Marta Nowak", Signers: []AuditSigner{{Name: "certco", Verified: true, Hash: 42}}}},
		{"operations since", pending.Seal, true, nil, &AuditSeal{Algorithm: audit.SealAlgorithm, Intact: true, Head: last.Head, Number: 2, Size: last.Size,
			SealedAt: at2026(time.May, 16, 10, 30), SealedBy: "Marta Nowak", Unsealed: 1}},
		{"not intact", &audit.Seal{Algorithm: "sha1-something"}, false, nil, &AuditSeal{Algorithm: "sha1-something"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sealOf(tt.seal, tt.intact, tt.verified)); diff != "" {
				t.Errorf("seal mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildAuditReportShowsSeal(t *testing.T) {
	r := sealedReport(t)
	require.NotNil(t, r.Seal)
	assert.True(t, r.Seal.Intact)
	assert.Equal(t, 2, r.Seal.Number)
	assert.Equal(t, []AuditSigner{{Name: "certco", Verified: true, Hash: r.Seal.Signers[0].Hash}, {Name: "marta"}}, r.Seal.Signers)
	assert.NotZero(t, r.Seal.Signers[0].Hash)
	require.NotNil(t, r.Record, "the report carries the sealed record")
	require.NoError(t, r.Record.VerifySeal())

	u := internalReport(t)
	assert.Nil(t, u.Seal, "an unsealed record has no seal")
	assert.Nil(t, u.Record, "nor does its report carry it")
}

func TestBuildAuditReportRefusesSignaturesTheSealLacks(t *testing.T) {
	certco, _ := newKey(t, "certco")
	for _, tt := range []struct {
		name   string
		record func(t testing.TB) *audit.Audit
		sig    audit.Signature
		path   string
	}{
		{"unsealed record", internalAudit, audit.Signature{Head: 1, Name: "certco"}, "Signatures[0]"},
		{"no such head", func(t testing.TB) *audit.Audit { return sealedAudit(t, certco) }, audit.Signature{Head: 3, Name: "certco"}, "Signatures[0].Head"},
		{"head not signed by the key", func(t testing.TB) *audit.Audit { return sealedAudit(t, certco) }, audit.Signature{Head: 1, Name: "certco"}, "Signatures[0].Name"},
		{"unknown key", func(t testing.TB) *audit.Audit { return sealedAudit(t, certco) }, audit.Signature{Head: 2, Name: "mallory"}, "Signatures[0].Name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := BuildAuditReport(tt.record(t), &AuditReportOptions{AsOf: asOf, Signatures: []audit.Signature{tt.sig}})
			assert.Nil(t, r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, ismsaudit.RuleUnknown), "%v", ve.Fields)
		})
	}
}

func TestAuditReportSealGolden(t *testing.T) {
	r := sealedReport(t)
	for _, f := range []Format{Markdown, HTML} {
		var buf bytes.Buffer
		require.NoError(t, WriteAuditReport(&buf, r, f))
		golden(t, "audit-sealed."+map[Format]string{Markdown: "md", HTML: "html"}[f], buf.Bytes())
	}
	var buf bytes.Buffer
	require.NoError(t, WriteAuditSeal(&buf, r))
	golden(t, "audit-sealed-seal.csv", buf.Bytes())
	golden(t, "oscal-assessment-results-sealed.json", indentJSON(t, exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) })))
	c, err := RecipientCopy(r, audit.Recipient{Name: "Karl Braun", Organization: "Contoso Data Services GmbH", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, WriteAuditReport(&buf, c, Markdown))
	golden(t, "audit-sealed-copy-internal.md", buf.Bytes())
}

// sectionOf returns the report's seal section: from its heading to the
// end.
func sectionOf(t *testing.T, out, heading string) string {
	t.Helper()
	i := strings.Index(out, heading)
	require.GreaterOrEqual(t, i, 0, "no %q", heading)
	return out[i:]
}

func TestSealIsShownInEveryFormat(t *testing.T) {
	sealed := sealedReport(t)
	head := sealed.Seal.Head
	unsealed := internalReport(t)
	for _, tt := range []struct {
		name string
		r    *AuditReport
		md   []string
		csv  []string // the status, algorithm, head number and head cells
		prop map[string][]string
	}{
		{"sealed", sealed,
			[]string{"## Record seal", "- **Algorithm:** sha256-record-tree-v3", "- **Last head:** 2, over ", "`" + head + "`",
				"- **Sealed:** 2026-05-16 10:30 +00:00 by Marta Nowak", "- **Signed by:** certco (verified, key hash " + hash8(sealed.Seal.Signers[0].Hash) + "), marta (not verified here)"},
			[]string{"sealed", audit.SealAlgorithm, "2", head},
			map[string][]string{"seal-status": {"sealed"}, "seal-algorithm": {audit.SealAlgorithm}, "seal-head": {head}, "seal-head-number": {"2"},
				"sealed-by": {"Marta Nowak"}, "seal-signer": {"certco", "marta"}, "seal-signer-verified": {"certco+" + hash8(sealed.Seal.Signers[0].Hash)}}},
		{"not sealed", unsealed,
			[]string{"## Record seal\n\nThe audit record this report was built from is not sealed"},
			[]string{"not-sealed", "", "", ""},
			map[string][]string{"seal-status": {"not-sealed"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var md, page bytes.Buffer
			require.NoError(t, WriteAuditReport(&md, tt.r, Markdown))
			section := sectionOf(t, md.String(), "## Record seal")
			for _, s := range tt.md {
				assertContains(t, section, s)
			}
			require.NoError(t, WriteAuditReport(&page, tt.r, HTML))
			assertContains(t, page.String(), `<h2 id="seal">Record seal</h2>`)
			if tt.r.Seal != nil {
				assertContains(t, page.String(), "<code>"+head+"</code>")
			}

			var js bytes.Buffer
			require.NoError(t, WriteAuditReport(&js, tt.r, JSON))
			back, err := DecodeAuditReport(js.Bytes())
			require.NoError(t, err)
			if diff := cmp.Diff(tt.r.Seal, back.Seal); diff != "" {
				t.Errorf("JSON seal mismatch (-want +got):\n%s", diff)
			}

			var c bytes.Buffer
			require.NoError(t, WriteAuditSeal(&c, tt.r))
			rows, err := csv.NewReader(&c).ReadAll()
			require.NoError(t, err)
			require.Len(t, rows, 2)
			assert.Equal(t, AuditSealCSVHeader(), rows[0])
			assert.Equal(t, append([]string{string(tt.r.Audit)}, tt.csv...), rows[1][:5])

			for name, export := range map[string]func(*bytes.Buffer) error{
				"assessment results": func(w *bytes.Buffer) error { return AssessmentResults(w, tt.r) },
				"poam":               func(w *bytes.Buffer) error { return PlanOfActionAndMilestones(w, tt.r) },
			} {
				_, props := metadataProps(t, exportOSCAL(t, export))
				for k, want := range tt.prop {
					assert.Equal(t, want, props[k], "%s: %s", name, k)
				}
			}
		})
	}
}

func TestSealOfADraftThatDoesNotMatchIt(t *testing.T) {
	a := sealedAudit(t)
	a.Findings[1].Grade = audit.Major // an edit no operation made
	_, err := BuildAuditReport(a, nil)
	var ue *UnverifiedError
	require.ErrorAs(t, err, &ue)
	assert.True(t, ue.Err.Has("Findings[1].Grade", audit.RuleSealIntact), "%v", ue.Err.Fields)

	r, err := BuildAuditReport(a, &AuditReportOptions{Draft: true})
	require.NoError(t, err)
	require.NoError(t, r.Check())
	require.NotNil(t, r.Seal)
	assert.False(t, r.Seal.Intact)
	assert.Nil(t, r.Record, "a record that does not match its seal proves nothing")
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	assertContains(t, sectionOf(t, buf.String(), "## Record seal"), "> **The audit record does not match its seal.**")
	buf.Reset()
	require.NoError(t, WriteAuditSeal(&buf, r))
	assertContains(t, buf.String(), "\ndraft,"+string(r.Audit)+",not-intact,")

	// A final report's record matches its seal.
	r.Draft, r.Violations = false, nil
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	assert.True(t, ve.Has("Seal.Intact", RuleRecordVerifies), "%v", ve.Fields)
}

func TestCheckSeal(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *AuditReport)
		path   string
		rule   ismsaudit.RuleID
	}{
		{"algorithm unknown", func(r *AuditReport) { r.Seal.Algorithm = "md5" }, "Seal.Algorithm", ismsaudit.RuleEnum},
		{"head not hex", func(r *AuditReport) { r.Seal.Head = "ABC" }, "Seal.Head", ismsaudit.RuleFormat},
		{"head number", func(r *AuditReport) { r.Seal.Number = 0 }, "Seal.Number", ismsaudit.RuleRange},
		{"head size", func(r *AuditReport) { r.Seal.Size = 0 }, "Seal.Size", ismsaudit.RuleRange},
		{"no sealer", func(r *AuditReport) { r.Seal.SealedBy = " " }, "Seal.SealedBy", ismsaudit.RuleRequired},
		{"no time", func(r *AuditReport) { r.Seal.SealedAt = time.Time{} }, "Seal.SealedAt", ismsaudit.RuleRequired},
		{"signer twice", func(r *AuditReport) { r.Seal.Signers[1].Name = "certco" }, "Seal.Signers[1].Name", ismsaudit.RuleUnique},
		{"unverified hash", func(r *AuditReport) { r.Seal.Signers[1].Hash = 9 }, "Seal.Signers[1].Hash", RuleSeal},
		{"proofs on the holder's report", func(r *AuditReport) { r.Seal.Proven = 4 }, "Seal.Proven", RuleSeal},
		{"negative count", func(r *AuditReport) { r.Seal.Unsealed = -1 }, "Seal.Unsealed", ismsaudit.RuleRange},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := sealedReport(t)
			tt.change(r)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, r.Check(), &ve)
			assert.True(t, hasPrefixed(ve, tt.path, tt.rule), "%s %s in %v", tt.path, tt.rule, ve.Fields)
		})
	}
	// The first head, of one leaf, is in range (the report then shows
	// another seal than the record's).
	r := sealedReport(t)
	r.Seal.Number, r.Seal.Size = 1, 1
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, r.Check(), &ve)
	assert.False(t, hasPrefixed(ve, "Seal.Number", ismsaudit.RuleRange), "%v", ve.Fields)
	assert.False(t, hasPrefixed(ve, "Seal.Size", ismsaudit.RuleRange), "%v", ve.Fields)

	r = internalReport(t)
	r.Seal = &AuditSeal{Algorithm: audit.SealAlgorithmV2, Intact: true, Head: strings.Repeat("0", 64), SealedAt: asOf, SealedBy: "Aisha Khan", Number: 3}
	require.ErrorAs(t, r.Check(), &ve)
	assert.True(t, ve.Has("Seal", ismsaudit.RuleUnknown), "a v2 seal has no numbered heads: %v", ve.Fields)
	r.Seal.Number = 0
	require.NoError(t, r.Check(), "a v2 seal carries no record")
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, r, Markdown))
	section := sectionOf(t, buf.String(), "## Record seal")
	assertContains(t, section, "- **Algorithm:** sha256-log-chain-v2 (an earlier seal")
	// A v2 seal has no head number, size, signers, later operations or
	// proofs: none is shown as a zero.
	assertContains(t, section, "- **Last head:** `"+r.Seal.Head+"`")
	assertContains(t, section, "- **Sealed:** "+fmtTime(asOf)+" by Aisha Khan")
	for _, absent := range []string{"over ", "leaf", "Signed by", "Since sealed", "inclusion proof"} {
		assert.NotContains(t, section, absent)
	}
	buf.Reset()
	require.NoError(t, WriteAuditSeal(&buf, r))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	row := map[string]string{}
	for i, h := range rows[0] {
		row[h] = rows[1][i]
	}
	for _, col := range []string{"head_number", "size", "unsealed_operations", "signers", "proven_parts", "withheld_parts"} {
		assert.Empty(t, row[col], col)
	}
	_, props := metadataProps(t, exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, r) }))
	for _, name := range []string{"seal-head-number", "seal-size", "seal-unsealed-operations", "seal-proven-parts", "seal-withheld-parts", "seal-signer"} {
		assert.NotContains(t, props, name)
	}
	assert.Equal(t, []string{r.Seal.Head}, props["seal-head"])
}

// TestSealIntact: a record matches its seal unless a violation cites the
// seal rule; other violations say nothing of it.
func TestSealIntact(t *testing.T) {
	other := ismsaudit.FieldError{Path: "Findings[0]", Rule: audit.RuleOpeningMeeting}
	broken := ismsaudit.FieldError{Path: "Seal", Rule: audit.RuleSealIntact}
	assert.True(t, sealIntact(nil))
	assert.True(t, sealIntact([]ismsaudit.FieldError{other}))
	assert.False(t, sealIntact([]ismsaudit.FieldError{other, broken}))
	assert.False(t, sealIntact([]ismsaudit.FieldError{broken}))
}

// hasPrefixed reports whether ve holds a problem under rule whose path is
// path or lies below it.
func hasPrefixed(ve *ismsaudit.ValidationError, path string, rule ismsaudit.RuleID) bool {
	for _, f := range ve.Fields {
		if f.Rule == rule && (f.Path == path || strings.HasPrefix(f.Path, path+".") || strings.HasPrefix(f.Path, path+"[")) {
			return true
		}
	}
	return false
}

func TestAuditSealCSVHeaderIsACopy(t *testing.T) {
	h := AuditSealCSVHeader()
	h[0] = "changed"
	assert.Equal(t, "audit", AuditSealCSVHeader()[0])
}

// TestSealOfARecipientCopy: a recipient's copy shows, in every format,
// how many parts of the record it proves and how many it withholds.
func TestSealOfARecipientCopy(t *testing.T) {
	c, err := RecipientCopy(sealedReport(t), audit.Recipient{Name: "Karl Braun", Clearance: audit.ConfidentialityInternal})
	require.NoError(t, err)
	require.Positive(t, c.Seal.Proven)
	require.Positive(t, c.Seal.Withheld)
	proven, withheld := strconv.Itoa(c.Seal.Proven), strconv.Itoa(c.Seal.Withheld)
	var buf bytes.Buffer
	require.NoError(t, WriteAuditReport(&buf, c, Markdown))
	assertContains(t, sectionOf(t, buf.String(), "## Record seal"), "each of the "+plural(c.Seal.Proven, "part", "parts")+" of the record it shows")
	_, props := metadataProps(t, exportOSCAL(t, func(w *bytes.Buffer) error { return AssessmentResults(w, c) }))
	assert.Equal(t, []string{proven}, props["seal-proven-parts"])
	assert.Equal(t, []string{withheld}, props["seal-withheld-parts"])
	buf.Reset()
	require.NoError(t, WriteAuditSeal(&buf, c))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{proven, withheld}, rows[1][11:13])
}
