package report

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// AuditSeal is the seal of the audit record a report was built from, as
// the report shows it (ISO 19011:2018 5.5.7): the algorithm, the last
// head with who made it and when, the signers of that head, the
// operations recorded since, and on a recipient's copy how many parts of
// the record it proves and withholds. A report of a record that is not
// sealed has none (AuditReport.Seal is nil) and says so.
type AuditSeal struct {
	// Algorithm is audit.SealAlgorithm, or audit.SealAlgorithmV2 for a
	// record sealed before it and not sealed since.
	Algorithm string `json:"algorithm"`
	// Intact is set when the record matched its seal as the report was
	// built ((*audit.Audit).VerifySeal). A final report's record always
	// does; a draft's may not, and its violations say where.
	Intact bool `json:"intact"`
	// Head is the last head: SealHead.Head, the SHA-256 of its checkpoint
	// text, or a SealAlgorithmV2 seal's Head; 64 lower-case hex digits.
	Head string `json:"head"`
	// Number is the last head's number (from 1) and Size the number of
	// leaves its tree covers; both zero for SealAlgorithmV2.
	Number int   `json:"number,omitempty"`
	Size   int64 `json:"size,omitempty"`
	// SealedAt and SealedBy say when and by whom the last head was made.
	SealedAt time.Time `json:"sealedAt,omitzero"`
	SealedBy string    `json:"sealedBy,omitempty"`
	// Unsealed counts the operations recorded since the last head
	// (audit.Seal.Unsealed): the record's changes no head covers yet.
	Unsealed int `json:"unsealed,omitempty"`
	// Signers are the keys that signed the last head, in the order of its
	// signature lines (audit.Seal.Signers).
	Signers []AuditSigner `json:"signers,omitempty"`
	// Proven and Withheld are set on a recipient's copy whose record is
	// sealed with audit.SealAlgorithm: how many parts of the record the
	// copy shows, each with an inclusion proof against the last head, and
	// how many it leaves out (see RecipientCopy).
	Proven   int `json:"proven,omitempty"`
	Withheld int `json:"withheld,omitempty"`
}

// AuditSigner is one key that signed the seal's last head. Its name is
// what the signature line says; Verified is set, with the key's hash,
// when the host verified the signature with a key it trusts and passed
// it to BuildAuditReport (AuditReportOptions.Signatures).
type AuditSigner struct {
	Name     string `json:"name"`
	Verified bool   `json:"verified,omitempty"`
	Hash     uint32 `json:"hash,omitempty"`
}

// RuleSeal: the report shows the seal of the audit record as the record
// holds it, and a recipient's copy proves what it shows (5.5.7).
const RuleSeal ismsaudit.RuleID = "RPT-SEAL"

// sealOf is the report's view of seal s; intact says whether the record
// matched it; verified are the signatures the host verified. It is nil
// for a record that is not sealed.
func sealOf(s *audit.Seal, intact bool, verified []audit.Signature) *AuditSeal {
	if s == nil {
		return nil
	}
	out := &AuditSeal{Algorithm: s.Algorithm, Intact: intact}
	if s.Algorithm == audit.SealAlgorithmV2 {
		out.Head, out.SealedAt, out.SealedBy = s.Head, s.At, s.By
		return out
	}
	h, ok := s.Last()
	if !ok {
		return out
	}
	out.Head, out.Number, out.Size, out.SealedAt, out.SealedBy = h.Head, h.Number, h.Size, h.At, h.By
	out.Unsealed = max(s.Unsealed(), 0)
	for _, name := range s.Signers(h.Number) {
		sg := AuditSigner{Name: name}
		for _, v := range verified {
			if v.Head == h.Number && v.Name == name {
				sg.Verified, sg.Hash = true, v.Hash
			}
		}
		out.Signers = append(out.Signers, sg)
	}
	if s.IsCopy() {
		out.Proven, out.Withheld = len(s.Proofs), len(s.Withheld)
	}
	return out
}

// sealIntact reports whether the record matched its seal, from the
// violations audit.Verify found in it.
func sealIntact(violations []ismsaudit.FieldError) bool {
	return !slices.ContainsFunc(violations, func(f ismsaudit.FieldError) bool { return f.Rule == audit.RuleSealIntact })
}

// checkSignatures checks the signatures a host says it verified against
// the record's seal: each names a head of the seal and a key whose
// signature that head carries.
func checkSignatures(col *errs.Collector, s *audit.Seal, sigs []audit.Signature) {
	for i, sig := range sigs {
		path := errs.Index("Signatures", i)
		switch {
		case s == nil || s.Algorithm != audit.SealAlgorithm || len(s.Heads) == 0:
			col.Add(path, ismsaudit.RuleUnknown, sig.Name, "the record has no "+audit.SealAlgorithm+" head to be signed")
		case sig.Head < 1 || sig.Head > len(s.Heads):
			col.Add(path+".Head", ismsaudit.RuleUnknown, strconv.Itoa(sig.Head), "the seal has heads 1 to "+strconv.Itoa(len(s.Heads)))
		case !slices.Contains(s.Signers(sig.Head), sig.Name):
			col.Add(path+".Name", ismsaudit.RuleUnknown, sig.Name, "head "+strconv.Itoa(sig.Head)+" carries no signature by this key")
		}
	}
}

// checkSeal checks the form of the report's seal: what the algorithm's
// heads have, and counts that are not negative. A seal the record did
// not match (a draft's) needs only its algorithm.
func (r *AuditReport) checkSeal(c *checker) {
	s := r.Seal
	if s == nil {
		return
	}
	if !s.Intact {
		if !r.Draft {
			c.add("Seal.Intact", RuleRecordVerifies, "false", "a final report's record matches its seal")
		}
		if blank(s.Algorithm) {
			c.add("Seal.Algorithm", ismsaudit.RuleRequired, "", "the seal's algorithm as the record names it")
		}
	} else {
		switch s.Algorithm {
		case audit.SealAlgorithm:
			if s.Number < 1 {
				c.add("Seal.Number", ismsaudit.RuleRange, strconv.Itoa(s.Number), "heads count from 1")
			}
			if s.Size < 1 {
				c.add("Seal.Size", ismsaudit.RuleRange, strconv.FormatInt(s.Size, 10), "a head covers at least one leaf")
			}
		case audit.SealAlgorithmV2:
			if s.Number != 0 || s.Size != 0 || len(s.Signers) > 0 || s.Proven != 0 || s.Withheld != 0 || s.Unsealed != 0 {
				c.add("Seal", ismsaudit.RuleUnknown, s.Algorithm, "a "+audit.SealAlgorithmV2+" seal has no numbered heads, signatures, recorded changes or proofs")
			}
		case "":
			c.add("Seal.Algorithm", ismsaudit.RuleRequired, "", "the seal's algorithm")
		default:
			c.add("Seal.Algorithm", ismsaudit.RuleEnum, s.Algorithm, audit.SealAlgorithm+" or "+audit.SealAlgorithmV2)
		}
		if !isSHA256Hex(s.Head) {
			c.add("Seal.Head", ismsaudit.RuleFormat, s.Head, "the last head: 64 characters 0-9, a-f")
		}
		if s.SealedAt.IsZero() {
			c.add("Seal.SealedAt", ismsaudit.RuleRequired, "", "when the last head was made")
		}
		if blank(s.SealedBy) {
			c.add("Seal.SealedBy", ismsaudit.RuleRequired, "", "who made the last head")
		}
	}
	for _, n := range []struct {
		field string
		v     int
	}{{"Seal.Unsealed", s.Unsealed}, {"Seal.Proven", s.Proven}, {"Seal.Withheld", s.Withheld}} {
		if n.v < 0 {
			c.add(n.field, ismsaudit.RuleRange, strconv.Itoa(n.v), "a count is not negative")
		}
	}
	if (s.Proven != 0 || s.Withheld != 0) && r.Copy == nil {
		c.add("Seal.Proven", RuleSeal, strconv.Itoa(s.Proven), "only a recipient's copy proves and withholds parts of the record")
	}
	seen := make(map[string]bool, len(s.Signers))
	for i, sg := range s.Signers {
		a := at{"Seal.Signers", i}
		switch {
		case blank(sg.Name):
			c.add(a.p(".Name"), ismsaudit.RuleRequired, "", "the key's name")
		case seen[sg.Name]:
			c.add(a.p(".Name"), ismsaudit.RuleUnique, sg.Name, "each key once")
		}
		seen[sg.Name] = true
		if sg.Hash != 0 && !sg.Verified {
			c.add(a.p(".Hash"), RuleSeal, strconv.FormatUint(uint64(sg.Hash), 16), "a key's hash is shown for a verified signature only")
		}
	}
}

// sealSection writes the report's section on the record's seal.
func (l *auditLayout) sealSection() {
	d, s := l.d, l.r.Seal
	d.heading(2, "seal", "Record seal")
	if s == nil {
		para(d, "The audit record this report was built from is not sealed: a later change to it would not be evident.")
		return
	}
	if !s.Intact {
		d.open(blockNote)
		d.strong("The audit record does not match its seal.")
		d.lit(" ")
		d.text("It was changed after sealing other than by the library's operations, or the seal was altered: the violations of rule " +
			string(audit.RuleSealIntact) + " above say where.")
		d.close(blockNote)
	} else {
		para(d, "The audit record this report was built from is sealed: a change to it after sealing, other than by the library's operations, is evident.")
	}
	d.open(blockList)
	alg := s.Algorithm
	if alg == audit.SealAlgorithmV2 {
		alg += " (an earlier seal: it covers the evidence log and the lifecycle histories only)"
	}
	item(d, "Algorithm:", alg)
	if s.Head != "" {
		d.open(blockItem)
		d.strong("Last head:")
		if s.Number > 0 {
			d.text(" " + strconv.Itoa(s.Number) + ", over " + plural(int(min(s.Size, 1<<31-1)), "leaf", "leaves") + ",")
		}
		d.lit(" ")
		d.code(s.Head)
		d.close(blockItem)
	}
	if !s.SealedAt.IsZero() || s.SealedBy != "" {
		sealed := fmtTime(s.SealedAt)
		if s.SealedBy != "" {
			sealed += " by " + s.SealedBy
		}
		item(d, "Sealed:", sealed)
	}
	if s.Algorithm == audit.SealAlgorithm {
		item(d, "Signed by:", signersText(s.Signers))
	}
	if s.Unsealed > 0 {
		item(d, "Since sealed:", plural(s.Unsealed, "operation", "operations")+" recorded after the last head, which does not cover them yet")
	}
	d.close(blockList)
	if l.r.Copy != nil && s.Proven > 0 {
		para(d, "This copy carries the audit record's copy for its recipient: each of the "+plural(s.Proven, "part", "parts")+
			" of the record it shows, the items of this report among them, carries an inclusion proof against head "+strconv.Itoa(s.Number)+
			"; "+plural(s.Withheld, "part is", "parts are")+" withheld. Whoever holds this copy as JSON and the signers' public keys can check the proofs and the signatures without seeing what was withheld.")
	}
}

// signersText lists the signers of the last head, each marked verified
// (with its key's hash) or not.
func signersText(signers []AuditSigner) string {
	if len(signers) == 0 {
		return "nobody: the last head is not signed"
	}
	s := ""
	for i, sg := range signers {
		if i > 0 {
			s += ", "
		}
		s += sg.Name
		if sg.Verified {
			s += " (verified, key hash " + hash8(sg.Hash) + ")"
		} else {
			s += " (not verified here)"
		}
	}
	return s
}

// hash8 is a key hash as note key names write it: 8 lower-case hex
// digits.
func hash8(h uint32) string {
	s := strconv.FormatUint(uint64(h), 16)
	for len(s) < 8 {
		s = "0" + s
	}
	return s
}

// AuditSealCSVHeader returns the header row of WriteAuditSeal: one row
// saying whether the record is sealed and, when it is, with what, the
// last head and its signers. A draft's CSV has DraftCSVColumn in front
// of these columns. Each call returns a new slice: changing it changes no
// later output.
func AuditSealCSVHeader() []string { return slices.Clone(auditSealCSVHeader) }

var auditSealCSVHeader = []string{
	"audit", "status", "algorithm", "head_number", "head", "size", "sealed_at", "sealed_by",
	"unsealed_operations", "signers", "verified_signers", "proven_parts", "withheld_parts",
}

// The values of the status column of WriteAuditSeal.
const (
	sealStatusSealed   = "sealed"
	sealStatusBroken   = "not-intact"
	sealStatusUnsealed = "not-sealed"
)

// WriteAuditSeal writes the seal of the report's audit record as CSV
// (AuditSealCSVHeader): one row, whose status is "sealed", "not-intact"
// (the record did not match its seal, in a draft) or "not-sealed". Signers
// are joined by ";", verified ones as name+hash (8 hex digits); the
// proven and withheld parts are those of a recipient's copy. The report
// is checked first; an incomplete one is refused and nothing is written.
func WriteAuditSeal(w io.Writer, r *AuditReport) error {
	if err := r.Check(); err != nil {
		return err
	}
	cw := newReportCSV(w, r.Draft)
	cw.head(auditSealCSVHeader...)
	s := r.Seal
	if s == nil {
		cw.row(cell(string(r.Audit)), sealStatusUnsealed, "", "", "", "", "", "", "", "", "", "", "")
		return cw.done()
	}
	status := sealStatusSealed
	if !s.Intact {
		status = sealStatusBroken
	}
	var signers, verified []string
	for _, sg := range s.Signers {
		signers = append(signers, sg.Name)
		if sg.Verified {
			verified = append(verified, sg.Name+"+"+hash8(sg.Hash))
		}
	}
	count := func(n int64, show bool) string {
		if !show {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	v3 := s.Algorithm == audit.SealAlgorithm
	cw.row(cell(string(r.Audit)), status, cell(s.Algorithm), count(int64(s.Number), s.Number > 0), cell(s.Head), count(s.Size, s.Size > 0),
		rfc3339(s.SealedAt), cell(s.SealedBy), count(int64(s.Unsealed), v3), cellList(signers), cellList(verified),
		count(int64(s.Proven), r.Copy != nil && v3), count(int64(s.Withheld), r.Copy != nil && v3))
	return cw.done()
}

// cellList joins texts from outside the catalogue into one CSV cell,
// each neutralised as cell neutralises it.
func cellList(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = cell(s)
	}
	return strings.Join(out, ";")
}

// sealProps returns the OSCAL metadata properties of the record's seal:
// seal-status ("sealed", "not-intact" or "not-sealed") and, for a sealed
// record, seal-algorithm, seal-head, seal-head-number, seal-size,
// sealed-at, sealed-by, seal-signer per signer, seal-signer-verified
// (name+hash) per verified one, seal-unsealed-operations when some are,
// and on a recipient's copy seal-proven-parts and seal-withheld-parts.
func sealProps(props []oscalProp, r *AuditReport) []oscalProp {
	s := r.Seal
	if s == nil {
		return propTok(props, "seal-status", sealStatusUnsealed)
	}
	status := sealStatusSealed
	if !s.Intact {
		status = sealStatusBroken
	}
	props = propTok(props, "seal-status", status)
	props = prop(props, "seal-algorithm", s.Algorithm)
	if isSHA256Hex(s.Head) {
		props = propTok(props, "seal-head", s.Head)
	}
	if s.Number > 0 {
		props = propTok(props, "seal-head-number", strconv.Itoa(s.Number))
	}
	if s.Size > 0 {
		props = propTok(props, "seal-size", strconv.FormatInt(s.Size, 10))
	}
	if !s.SealedAt.IsZero() {
		props = propTok(props, "sealed-at", oscalTime(s.SealedAt))
	}
	props = prop(props, "sealed-by", s.SealedBy)
	for _, sg := range s.Signers {
		props = prop(props, "seal-signer", sg.Name)
	}
	for _, sg := range s.Signers {
		if sg.Verified {
			props = prop(props, "seal-signer-verified", sg.Name+"+"+hash8(sg.Hash))
		}
	}
	if s.Unsealed > 0 {
		props = propTok(props, "seal-unsealed-operations", strconv.Itoa(s.Unsealed))
	}
	if r.Copy != nil && s.Algorithm == audit.SealAlgorithm {
		props = propTok(props, "seal-proven-parts", strconv.Itoa(s.Proven))
		props = propTok(props, "seal-withheld-parts", strconv.Itoa(s.Withheld))
	}
	return props
}
