package audit

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"
)

// BenchmarkEndFieldwork fires one audit transition through its
// operation (guards over a five-item checklist and the plan, one history
// entry). The audit is put back in fieldwork between iterations by
// truncating the history, which keeps its capacity.
func BenchmarkEndFieldwork(b *testing.B) {
	a := auditIn(b, StateFieldwork)
	n := len(a.History)
	m := byLead(march(4, 21))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		a.State, a.History = StateFieldwork, a.History[:n]
		if err := a.EndFieldwork(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommunicatePlan fires one plan transition.
func BenchmarkCommunicatePlan(b *testing.B) {
	a := auditIn(b, StateInitiation)
	require.NoError(b, a.Prepare(byLead(march(2, 19))))
	require.NoError(b, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	require.NoError(b, a.ApprovePlan(PlanCheck{}, byLead(march(2, 21))))
	n := len(a.Plan.History)
	m := byLead(march(2, 22))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		a.Plan.State, a.Plan.History = PlanApproved, a.Plan.History[:n]
		if err := a.CommunicatePlan(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApprovePlan approves a complete plan: all the approval
// guards and a copy of the content as a new version.
func BenchmarkApprovePlan(b *testing.B) {
	a := auditIn(b, StateInitiation)
	require.NoError(b, a.Prepare(byLead(march(2, 19))))
	require.NoError(b, a.DraftPlan(fixturePlan(), byLead(march(2, 20))))
	m := byLead(march(2, 21))
	b.ReportAllocs()
	for b.Loop() {
		a.Plan.State, a.Plan.History, a.Plan.Versions = PlanDraft, a.Plan.History[:0], a.Plan.Versions[:0]
		if err := a.ApprovePlan(PlanCheck{}, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPermitted lists the events an audit allows.
func BenchmarkPermitted(b *testing.B) {
	a := auditIn(b, StateFieldwork)
	b.ReportAllocs()
	for b.Loop() {
		if len(a.Permitted()) != 2 {
			b.Fatal("want end-fieldwork and terminate")
		}
	}
}

// bigSizes are the sizes of the large records: the 10,000
// evidence items and 2,000 findings, and ten times that, to read how the
// cost grows.
var bigSizes = []int{10_000, 100_000}

// BenchmarkVerify verifies a closed audit with n evidence items and
// n/5 findings (issue target: under 10 ms at 10,000 items; ten times the
// items, at most twelve times the time).
func BenchmarkVerify(b *testing.B) {
	for _, n := range bigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := bigAudit(b, n)
			require.NoError(b, Verify(a, nil))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if err := Verify(a, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifySealed is BenchmarkVerify on the record sealed:
// Verify checks the seal too (AUD-SEAL-INTACT).
func BenchmarkVerifySealed(b *testing.B) {
	for _, n := range bigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := bigSealedAudit(b, n)
			require.NoError(b, Verify(a, nil))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if err := Verify(a, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyAuditAndPlan measures the audit lifecycle's and the plan's part of Verify
// alone (verifyAudit and verifyPlan), the indexes built once outside the
// loop.
func BenchmarkVerifyAuditAndPlan(b *testing.B) {
	for _, n := range bigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := bigAudit(b, n)
			v := newVerifier(a, nil)
			b.ReportAllocs()
			for b.Loop() {
				v.ch = &checker{subject: "audit record", record: true}
				v.verifyAudit()
				v.verifyPlan()
				if v.ch.len() != 0 {
					b.Fatal(v.ch.err())
				}
			}
		})
	}
}

// BenchmarkJSON compares a JSON round trip (encode, then Decode) of a
// closed, sealed audit with n evidence items and n/5 findings with the
// same round trip through encoding/json of a plain struct tree holding
// the same data (enumerations as plain strings; encode, then
// json.Unmarshal). Issue target: the audit no slower than 1.5 times the
// plain tree, and ten times the items at most twelve times the time.
func BenchmarkJSON(b *testing.B) {
	for _, n := range bigSizes {
		a := bigSealedAudit(b, n)
		data, err := json.Marshal(a)
		require.NoError(b, err)
		var plain plainAudit
		require.NoError(b, json.Unmarshal(data, &plain))
		b.Run(fmt.Sprintf("evidence=%d/audit", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				out, err := json.Marshal(a)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Decode(out); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("evidence=%d/plain", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				out, err := json.Marshal(&plain)
				if err != nil {
					b.Fatal(err)
				}
				var back plainAudit
				if err := json.Unmarshal(out, &back); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPlainMirror checks that the plain struct tree of the JSON
// benchmark holds the same data as the audit: both encode to the same
// bytes, for the benchmark's own record.
func TestPlainMirror(t *testing.T) {
	a := bigSealedAudit(t, 50)
	data, err := json.Marshal(a)
	require.NoError(t, err)
	var plain plainAudit
	require.NoError(t, json.Unmarshal(data, &plain))
	again, err := json.Marshal(&plain)
	require.NoError(t, err)
	if diff := cmp.Diff(string(data), string(again)); diff != "" {
		t.Errorf("the mirror loses data: mismatch (-want +got):\n%s", diff)
	}
	// The fields added to the record's types since the mirror was first
	// written are set in the benchmark's record, so that both sides of the
	// comparison decode them.
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	for _, path := range []string{
		"sampling.0.generator", "sampling.0.selectedAt", "sampling.0.selectedBy", "sampling.1.selectedBy",
		"seal.parts.0.marks", "seal.heads.0.head",
		"followUps.0.plannedAt", "followUps.0.plannedBy", "followUps.0.verifications.0.evidence",
		"followUps.1.earlierPlans.0.plan.action", "followUps.1.earlierPlans.0.recordedAt", "followUps.1.earlierPlans.0.recordedBy",
		"followUps.1.verifications.0.reason", "followUps.1.history.2.reason",
		"conclusion.objectivesNote", "evidence.0.covers.from", "evidence.0.sampling.plan",
	} {
		if jsonAt(m, path) == nil {
			t.Errorf("the benchmark record does not set %s", path)
		}
	}
}

// jsonAt returns the value at a dotted path of decoded JSON, list
// elements by position, or nil.
func jsonAt(v any, path string) any {
	for _, key := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// TestPlainMirrorHasEveryField walks the record's types and the
// mirror's side by side: every field of the record has a field with the
// same JSON tag in the mirror and no more, of the same shape, an
// enumeration being a plain string there. A field added to the record's
// types fails here until the mirror has it too.
func TestPlainMirrorHasEveryField(t *testing.T) {
	for _, problem := range mirrorProblems(reflect.TypeFor[Audit](), reflect.TypeFor[plainAudit](), "Audit") {
		t.Error(problem)
	}
}

// mirrorProblems compares a type of the record with its mirror.
func mirrorProblems(rt, mt reflect.Type, path string) []string {
	if rt == mt {
		return nil
	}
	if rt.Kind() != mt.Kind() {
		return []string{fmt.Sprintf("%s: %s in the record, %s in the mirror", path, rt.Kind(), mt.Kind())}
	}
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice:
		return mirrorProblems(rt.Elem(), mt.Elem(), path+"[]")
	case reflect.Struct:
		if rt == reflect.TypeFor[time.Time]() || mt == reflect.TypeFor[time.Time]() {
			return []string{fmt.Sprintf("%s: %s in the record, %s in the mirror", path, rt, mt)}
		}
		var out []string
		mirror := map[string]reflect.StructField{}
		for f := range mt.Fields() {
			mirror[f.Tag.Get("json")] = f
		}
		for f := range rt.Fields() {
			tag := f.Tag.Get("json")
			mf, ok := mirror[tag]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: no field tagged %q in the mirror", path, f.Name, tag))
				continue
			}
			delete(mirror, tag)
			out = append(out, mirrorProblems(f.Type, mf.Type, path+"."+f.Name)...)
		}
		for tag := range mirror {
			out = append(out, fmt.Sprintf("%s: the mirror has a field tagged %q the record lacks", path, tag))
		}
		return out
	}
	return nil
}

// bigSealedAudit is bigAudit, sealed on March 11 at 03:00.
func bigSealedAudit(tb tb, n int) *Audit {
	tb.Helper()
	a := bigAudit(tb, n)
	require.NoError(tb, a.SealRecord(byLead(march(11, 3))))
	return a
}

// The plain mirror of the record: the same JSON shape, with every
// enumeration a plain string. Types without enumerations are reused.
type (
	plainEntry struct {
		From   string    `json:"from"`
		Event  string    `json:"event"`
		To     string    `json:"to"`
		At     time.Time `json:"at"`
		By     string    `json:"by"`
		Note   string    `json:"note,omitempty"`
		Reason string    `json:"reason,omitempty"`
	}
	plainRef struct {
		Kind string `json:"kind"`
		ID   string `json:"id"`
	}
	plainMember struct {
		Auditor      string `json:"auditor,omitempty"`
		Name         string `json:"name"`
		Role         string `json:"role"`
		Organization string `json:"organization,omitempty"`
	}
	plainScope struct {
		ISMS      string    `json:"isms,omitempty"`
		Units     []string  `json:"units,omitempty"`
		Locations []string  `json:"locations,omitempty"`
		Processes []string  `json:"processes,omitempty"`
		From      time.Time `json:"from,omitzero"`
		To        time.Time `json:"to,omitzero"`
	}
	plainCriterion struct {
		Ref   plainRef `json:"ref"`
		Title string   `json:"title,omitempty"`
	}
	plainMethod struct {
		Location         string `json:"location"`
		HumanInteraction bool   `json:"humanInteraction"`
		Description      string `json:"description"`
	}
	plainActivity struct {
		Title    string     `json:"title"`
		Location string     `json:"location"`
		Start    time.Time  `json:"start"`
		End      time.Time  `json:"end"`
		Auditors []string   `json:"auditors,omitempty"`
		Criteria []plainRef `json:"criteria,omitempty"`
	}
	plainAssignment struct {
		Criterion plainRef `json:"criterion"`
		Auditor   string   `json:"auditor"`
	}
	plainContent struct {
		Objectives       []string          `json:"objectives"`
		Scope            plainScope        `json:"scope"`
		Criteria         []plainCriterion  `json:"criteria"`
		Locations        []string          `json:"locations"`
		Start            time.Time         `json:"start"`
		End              time.Time         `json:"end"`
		Schedule         []plainActivity   `json:"schedule"`
		Methods          []plainMethod     `json:"methods"`
		SamplingApproach string            `json:"samplingApproach"`
		Assignments      []plainAssignment `json:"assignments"`
		Risks            []string          `json:"risks,omitempty"`
	}
	plainVersion struct {
		Version    int          `json:"version"`
		ApprovedAt time.Time    `json:"approvedAt"`
		ApprovedBy string       `json:"approvedBy"`
		Content    plainContent `json:"content"`
	}
	plainPlan struct {
		State    string         `json:"state"`
		Content  plainContent   `json:"content"`
		Versions []plainVersion `json:"versions,omitempty"`
		History  []plainEntry   `json:"history"`
	}
	plainItem struct {
		Ref              plainRef `json:"ref"`
		Title            string   `json:"title"`
		Questions        []string `json:"questions"`
		EvidenceHints    []string `json:"evidenceHints"`
		Methods          []string `json:"methods"`
		Result           string   `json:"result"`
		Notes            string   `json:"notes,omitempty"`
		EvidenceRefs     []string `json:"evidenceRefs,omitempty"`
		NotAuditedReason string   `json:"notAuditedReason,omitempty"`
	}
	plainChecklist struct {
		DocumentKind  string      `json:"documentKind,omitempty"`
		FormatVersion int         `json:"formatVersion,omitempty"`
		Kind          string      `json:"kind"`
		Organization  string      `json:"organization,omitempty"`
		SoAVersion    string      `json:"soaVersion,omitempty"`
		Items         []plainItem `json:"items"`
	}
	plainSampling struct {
		ID         string     `json:"id"`
		Purpose    string     `json:"purpose"`
		Population Population `json:"population"`
		Frame      string     `json:"frame"`
		Method     string     `json:"method"`
		Size       int        `json:"size"`
		Exclusions []string   `json:"exclusions,omitempty"`
		Seed       uint64     `json:"seed,omitempty"`
		Rationale  string     `json:"rationale"`
		Selected   []string   `json:"selected,omitempty"`
		Generator  string     `json:"generator,omitempty"`
		SelectedAt time.Time  `json:"selectedAt,omitzero"`
		SelectedBy string     `json:"selectedBy,omitempty"`
	}
	plainSample struct {
		Plan           string `json:"plan,omitempty"`
		Population     string `json:"population"`
		PopulationSize int    `json:"populationSize"`
		SampleSize     int    `json:"sampleSize"`
		Method         string `json:"method"`
	}
	plainEvidence struct {
		ID              string       `json:"id"`
		Source          string       `json:"source"`
		Description     string       `json:"description"`
		Supports        []plainRef   `json:"supports"`
		CollectedBy     string       `json:"collectedBy"`
		CollectedAt     time.Time    `json:"collectedAt"`
		Covers          *Period      `json:"covers,omitempty"`
		Sampling        *plainSample `json:"sampling,omitempty"`
		Confidentiality string       `json:"confidentiality"`
		Digest          string       `json:"digest,omitempty"`
		Origin          *Origin      `json:"origin,omitempty"`
		Supersedes      string       `json:"supersedes,omitempty"`
		State           string       `json:"state"`
		History         []plainEntry `json:"history"`
	}
	plainFinding struct {
		ID               string       `json:"id"`
		Kind             string       `json:"kind"`
		Grade            string       `json:"grade,omitempty"`
		Criteria         []plainRef   `json:"criteria"`
		Evidence         []string     `json:"evidence,omitempty"`
		Area             string       `json:"area,omitempty"`
		Requirement      string       `json:"requirement,omitempty"`
		Found            string       `json:"found"`
		Reason           string       `json:"reason,omitempty"`
		DivergingOpinion string       `json:"divergingOpinion,omitempty"`
		Resolution       string       `json:"resolution,omitempty"`
		RaisedBy         string       `json:"raisedBy"`
		RaisedAt         time.Time    `json:"raisedAt"`
		State            string       `json:"state"`
		History          []plainEntry `json:"history"`
	}
	plainConclusion struct {
		Fulfilment         string       `json:"fulfilment"`
		Extent             string       `json:"extent"`
		Effectiveness      string       `json:"effectiveness"`
		Effective          bool         `json:"effective,omitempty"`
		ObjectivesAchieved bool         `json:"objectivesAchieved"`
		ObjectivesNote     string       `json:"objectivesNote,omitempty"`
		ScopeCovered       bool         `json:"scopeCovered"`
		NotCovered         []string     `json:"notCovered,omitempty"`
		Recurring          []string     `json:"recurring,omitempty"`
		Recommendation     string       `json:"recommendation,omitempty"`
		State              string       `json:"state"`
		History            []plainEntry `json:"history"`
	}
	plainRecipient struct {
		Name         string `json:"name"`
		Organization string `json:"organization,omitempty"`
		Clearance    string `json:"clearance"`
	}
	plainDistribution struct {
		Recipient plainRecipient `json:"recipient"`
		Version   int            `json:"version"`
		At        time.Time      `json:"at"`
		By        string         `json:"by"`
	}
	plainReport struct {
		Version      int                 `json:"version"`
		IssuedAt     time.Time           `json:"issuedAt"`
		IssuedBy     string              `json:"issuedBy"`
		Distribution []plainDistribution `json:"distribution,omitempty"`
	}
	plainActionPlan struct {
		Correction string    `json:"correction"`
		RootCause  string    `json:"rootCause"`
		Action     string    `json:"action"`
		DueAt      time.Time `json:"dueAt"`
	}
	plainActionRecord struct {
		Plan       plainActionPlan `json:"plan"`
		RecordedAt time.Time       `json:"recordedAt"`
		RecordedBy string          `json:"recordedBy"`
	}
	plainVerification struct {
		At        time.Time `json:"at"`
		By        string    `json:"by"`
		Effective bool      `json:"effective"`
		Evidence  []string  `json:"evidence,omitempty"`
		Reason    string    `json:"reason,omitempty"`
	}
	plainFollowUp struct {
		Finding       string              `json:"finding"`
		Correction    string              `json:"correction"`
		RootCause     string              `json:"rootCause"`
		Action        string              `json:"action"`
		DueAt         time.Time           `json:"dueAt"`
		PlannedAt     time.Time           `json:"plannedAt,omitzero"`
		PlannedBy     string              `json:"plannedBy,omitempty"`
		EarlierPlans  []plainActionRecord `json:"earlierPlans,omitempty"`
		Verifications []plainVerification `json:"verifications,omitempty"`
		VerifiedBy    string              `json:"verifiedBy,omitempty"`
		Evidence      []string            `json:"evidence,omitempty"`
		State         string              `json:"state"`
		History       []plainEntry        `json:"history"`
	}
	plainAudit struct {
		DocumentKind  string           `json:"documentKind,omitempty"`
		FormatVersion int              `json:"formatVersion,omitempty"`
		ID            string           `json:"id"`
		Kind          string           `json:"kind"`
		Client        string           `json:"client"`
		Auditee       string           `json:"auditee"`
		Programme     string           `json:"programme,omitempty"`
		Baseline      string           `json:"baseline,omitempty"`
		CreatedAt     time.Time        `json:"createdAt"`
		CreatedBy     string           `json:"createdBy"`
		State         string           `json:"state"`
		History       []plainEntry     `json:"history"`
		Contact       *Contact         `json:"contact,omitempty"`
		Feasibility   *Feasibility     `json:"feasibility,omitempty"`
		Team          []plainMember    `json:"team,omitempty"`
		Plan          *plainPlan       `json:"plan,omitempty"`
		Checklist     *plainChecklist  `json:"checklist,omitempty"`
		Sampling      []plainSampling  `json:"sampling,omitempty"`
		Opening       *OpeningMeeting  `json:"opening,omitempty"`
		Evidence      []plainEvidence  `json:"evidence,omitempty"`
		Risks         []EscalatedRisk  `json:"risks,omitempty"`
		Findings      []plainFinding   `json:"findings,omitempty"`
		Conclusion    *plainConclusion `json:"conclusion,omitempty"`
		Closing       *ClosingMeeting  `json:"closing,omitempty"`
		Report        *plainReport     `json:"report,omitempty"`
		Completion    *Completion      `json:"completion,omitempty"`
		FollowUps     []plainFollowUp  `json:"followUps,omitempty"`
		Termination   *Termination     `json:"termination,omitempty"`
		Seal          *Seal            `json:"seal,omitempty"`
	}
)

// bigEvidenceAudit builds a record with n evidence items (each verified: one history
// entry; every tenth sampled), n/5 findings (three history entries each),
// a follow-up per tenth finding (two entries), the conclusions and the
// audit and plan histories.
func bigEvidenceAudit(n int) *Audit {
	a := sealFixture()
	a.Evidence = make([]Evidence, n)
	start := march(11, 9)
	for i := range a.Evidence {
		e := newItem(ismsaudit.EvidenceID(fmt.Sprintf("E-%06d", i)))
		if i%10 != 0 {
			e.Sampling = nil
		}
		e.CollectedAt = start.Add(time.Duration(i) * time.Second)
		e.State = EvidenceVerified
		e.History = []EvidenceEntry{{From: EvidenceCollected, Event: EvidenceVerify, To: EvidenceVerified, At: e.CollectedAt.Add(time.Minute), By: "lead"}}
		a.Evidence[i] = e
	}
	a.Findings = make([]Finding, n/5)
	a.FollowUps = nil
	for i := range a.Findings {
		at := march(14, 9).Add(time.Duration(i) * time.Second)
		f := Finding{
			ID: FindingID(fmt.Sprintf("F-%05d", i)), Kind: Conformity, Criteria: []annexa.Ref{itemControl},
			Evidence: []ismsaudit.EvidenceID{a.Evidence[i].ID}, Found: "in place", RaisedBy: "auditor-1", RaisedAt: at, State: FindingAcknowledged,
			History: []FindingEntry{
				{From: FindingDraft, Event: FindingConfirm, To: FindingConfirmed, At: at, By: "lead"},
				{From: FindingConfirmed, Event: FindingPresent, To: FindingPresented, At: at.Add(time.Hour), By: "lead"},
				{From: FindingPresented, Event: FindingAcknowledge, To: FindingAcknowledged, At: at.Add(2 * time.Hour), By: "auditee"},
			},
		}
		if i%10 == 0 {
			f.Kind, f.Grade = Nonconformity, Minor
			a.FollowUps = append(a.FollowUps, FollowUp{
				Finding: f.ID, Correction: "c", RootCause: "r", Action: "a", DueAt: march(30, 0), State: FollowUpImplemented,
				History: []FollowUpEntry{
					{From: FollowUpPlanning, Event: FollowUpAcceptPlan, To: FollowUpAccepted, At: at, By: "lead"},
					{From: FollowUpAccepted, Event: FollowUpImplement, To: FollowUpImplemented, At: at.Add(time.Hour), By: "auditee"},
				},
			})
		}
		a.Findings[i] = f
	}
	return a
}

// BenchmarkSeal measures, in one run and on one record of 10,000
// evidence items and 2,000 findings, json.Marshal of the record beside
// SealRecord and VerifySeal. Issue target: sealing and verifying each take
// no more than half the time of json.Marshal. Compare the figures of one
// run: the machine's speed varies from run to run.
func BenchmarkSeal(b *testing.B) {
	a := bigEvidenceAudit(10_000)
	m := byLead(march(20, 9))
	require.NoError(b, a.SealRecord(m))
	sealed := a.Seal
	marshal := func(b *testing.B) {
		if _, err := json.Marshal(a); err != nil {
			b.Fatal(err)
		}
	}
	seal := func(b *testing.B) {
		a.Seal = nil
		if err := a.SealRecord(m); err != nil {
			b.Fatal(err)
		}
		a.Seal = sealed
	}
	verify := func(b *testing.B) {
		if err := a.VerifySeal(); err != nil {
			b.Fatal(err)
		}
	}
	for _, bm := range []struct {
		name string
		run  func(*testing.B)
	}{{"json.Marshal", marshal}, {"SealRecord", seal}, {"VerifySeal", verify}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				bm.run(b)
			}
		})
	}
}

// BenchmarkSealGrowth seals and verifies records of 10,000 and 100,000
// evidence items: the time grows linearly.
func BenchmarkSealGrowth(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("evidence=%d/findings=%d", n, n/5), func(b *testing.B) {
			a := bigEvidenceAudit(n)
			m := byLead(march(20, 9))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				a.Seal = nil
				if err := a.SealRecord(m); err != nil {
					b.Fatal(err)
				}
				if err := a.VerifySeal(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInclusionProof builds and verifies the inclusion proof of one
// finding of the 10,000-evidence record against its head, the tree built
// once as RecipientCopy builds it for all its proofs. Issue target: under
// 50 µs.
func BenchmarkInclusionProof(b *testing.B) {
	a := bigEvidenceAudit(10_000)
	require.NoError(b, a.SealRecord(byLead(march(20, 9))))
	s := a.Seal
	tree := newSealTree(sealLeaves(s, len(s.Changes))).store()
	head, _ := s.Last()
	leaves := latestLeaves(s)
	parts := recordParts(a, false)
	i := slices.IndexFunc(parts, func(p recordPart) bool { return p.path() == "findings[1000]" })
	require.GreaterOrEqual(b, i, 0)
	part := parts[i]
	b.ReportAllocs()
	for b.Loop() {
		leaf := leaves["findings[1000]"]
		proof, err := tree.prove(leaf)
		if err != nil {
			b.Fatal(err)
		}
		if err := checkProof(&part, "findings[1000]", SealProof{Path: "findings[1000]", Leaf: leaf, Hashes: proof}, head); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyRecipientCopy verifies the public copy of the
// 10,000-evidence record: its 2,000 findings and other parts shown, each
// with its proof, the evidence withheld. Issue target: under 20 ms.
func BenchmarkVerifyRecipientCopy(b *testing.B) {
	a := bigEvidenceAudit(10_000)
	require.NoError(b, a.SealRecord(byLead(march(20, 9))))
	c, err := a.RecipientCopy(ConfidentialityPublic)
	require.NoError(b, err)
	require.Len(b, c.Findings, 2_000)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		if err := c.VerifySeal(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifySignatures checks one Ed25519 signature on the head of a
// sealed record. Issue target: under 100 µs.
func BenchmarkVerifySignatures(b *testing.B) {
	a := sealFixture()
	require.NoError(b, a.SealRecord(byLead(march(20, 9))))
	key := newTestKey(b, "team-leader")
	require.NoError(b, a.SignSeal(key.signer))
	verifiers := note.VerifierList(key.verifier)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.VerifySignatures(verifiers); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCollectEvidence appends one item to logs of growing length: the
// duplicate-id check scans the log (the record keeps no hidden index).
func BenchmarkCollectEvidence(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		b.Run(fmt.Sprintf("log=%d", n), func(b *testing.B) {
			a := bigEvidenceAudit(n)
			a.State = StateFieldwork
			a.Evidence = append(a.Evidence, Evidence{}) // room to append without growing
			a.Evidence = a.Evidence[:n]
			e := newItem("E-new")
			m := byLead(march(20, 9))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				a.Evidence = a.Evidence[:n]
				if err := a.CollectEvidence(e, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyEvidenceEvent fires verify on the last item of a 10,000
// item log (the lookup is the scan; the firing itself is a table lookup).
func BenchmarkVerifyEvidenceEvent(b *testing.B) {
	for _, n := range []int{1, 10_000} {
		b.Run(fmt.Sprintf("log=%d", n), func(b *testing.B) {
			a := bigEvidenceAudit(n)
			a.State = StateFieldwork
			last := &a.Evidence[n-1]
			last.State, last.History = EvidenceCollected, make([]EvidenceEntry, 0, 1)
			id := last.ID
			m := byLead(march(20, 9))
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				last.State, last.History = EvidenceCollected, last.History[:0]
				if err := a.VerifyEvidence(id, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyEvidenceRecord runs Verify's evidence, sampling and seal
// checks on the 10,000-item record (sealed) and on one ten times larger.
func BenchmarkVerifyEvidenceRecord(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := bigEvidenceAudit(n)
			if err := a.SealRecord(byLead(march(20, 9))); err != nil {
				b.Fatal(err)
			}
			if got := evidenceViolations(a); len(got) > 0 {
				b.Fatalf("fixture does not conform: %v", got[:min(3, len(got))])
			}
			// The verifier's indexes are built by Verify for every area;
			// only those checks are measured.
			v := newVerifier(a, nil)
			b.Run("without-seal", func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					v.verifyEvidence()
				}
			})
			b.Run("with-seal", func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					v.verifyEvidence()
					v.verifySeal()
				}
			})
			if v.ch.len() > 0 {
				b.Fatalf("violations: %v", v.ch.err())
			}
		})
	}
}

func BenchmarkDraw(b *testing.B) {
	for _, tc := range []struct {
		name string
		plan SamplingPlan
	}{
		{"25-of-1000-items", func() SamplingPlan {
			items := make([]string, 1000)
			for i := range items {
				items[i] = fmt.Sprintf("ticket-%04d", i)
			}
			return SamplingPlan{Population: Population{Items: items}, Method: Statistical, Size: 25, Seed: 1}
		}()},
		{"60-of-a-million", SamplingPlan{Population: Population{Size: 1_000_000}, Exclusions: []string{"1", "2"}, Method: Statistical, Size: 60, Seed: 1}},
		{"max-of-a-billion", SamplingPlan{Population: Population{Size: 1 << 30}, Method: Statistical, Size: MaxSampleSize, Seed: 1}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				if _, err := Draw(tc.plan); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// bigFindingsAudit returns a stage 2 audit in the given state with nEvidence verified
// evidence items (E-0...) and nFindings findings (F-0...): every second one
// a nonconformity (alternately minor and major) citing the evidence item of
// its number scaled into the log, the others observations; all on Annex A
// controls of the plan, in state fs. From the closing meeting on, every
// nonconformity has a follow-up; every fourth one is overdue at closeAt.
func bigFindingsAudit(b tb, state State, nEvidence, nFindings int, fs FindingState) *Audit {
	a := stage2Audit(b, state)
	var controls []annexa.Ref
	for c := range annexa.Controls() {
		controls = append(controls, annexa.RefToControl(c.ID()))
	}
	a.Plan.Content.Criteria = nil
	for _, c := range controls {
		a.Plan.Content.Criteria = append(a.Plan.Content.Criteria, Criterion{Ref: c})
	}
	verified := evidenceIn(b, "E", EvidenceVerified, collectedAt)
	a.Evidence = make([]Evidence, nEvidence)
	for i := range a.Evidence {
		e := verified
		e.ID = ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i))
		e.History = slices.Clone(verified.History)
		a.Evidence[i] = e
	}
	findingHistory := findingIn(b, observation("F", controlA51), fs).History
	a.Findings = make([]Finding, nFindings)
	for i := range a.Findings {
		var f Finding
		if i%2 == 0 {
			g := Minor
			if i%4 == 0 {
				g = Major
			}
			f = nonconformity(FindingID(fmt.Sprintf("F-%d", i)), g, controls[i%len(controls)], ismsaudit.EvidenceID(fmt.Sprintf("E-%d", i*nEvidence/nFindings)))
		} else {
			f = observation(FindingID(fmt.Sprintf("F-%d", i)), controls[i%len(controls)])
		}
		f.State, f.History = fs, slices.Clone(findingHistory)
		a.Findings[i] = f
	}
	if stageOf(state) == stagePresented {
		a.Conclusion = conclusionIn(b, RecommendAfterVerification, ConclusionPresented)
		for i := 0; i < nFindings; i += 2 {
			u := followUpIn(b, a.Findings[i].ID, FollowUpAccepted)
			if i%8 != 0 {
				u.DueAt = closeAt.AddDate(0, 1, 0)
			}
			a.FollowUps = append(a.FollowUps, u)
		}
	}
	return a
}

// BenchmarkFindingFire measures firing a guarded finding event alone (the
// table lookup, four guards over a small audit, the entry), the part the
// issue's "under 1 µs, at most 2 allocations" target is about.
func BenchmarkFindingFire(b *testing.B) {
	a := stage2Audit(b, StateFindings)
	f := nonconformity("F-1", Major, controlA815, "E-1")
	s := findingSubject{a: a, f: &f, in: findingInput{given: true, at: confirmAt, by: leadID}}
	m := byLead(confirmAt)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := findingMachine.Fire(s, FindingDraft, time.Time{}, FindingConfirm, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindingConfirm measures ConfirmFinding on an audit with 10,000
// evidence items and 2,000 findings: the first finding citing the first
// item (lookups cheapest) and the last nonconformity citing an item near
// the end (lookups dearest: the finding and evidence ids are found by
// scanning). Each iteration puts the finding back in draft, reusing its
// history's capacity.
func BenchmarkFindingConfirm(b *testing.B) {
	for _, bc := range []struct {
		name string
		i    int
	}{{"first", 0}, {"last", 1998}} {
		b.Run(bc.name, func(b *testing.B) {
			a := bigFindingsAudit(b, StateFindings, 10000, 2000, FindingDraft)
			f := &a.Findings[bc.i]
			id := f.ID
			m := byLead(confirmAt)
			b.ReportAllocs()
			for b.Loop() {
				if err := a.ConfirmFinding(id, m); err != nil {
					b.Fatal(err)
				}
				f.State, f.History = FindingDraft, f.History[:0]
			}
		})
	}
}

// BenchmarkReviewRecommendation measures the recommendation rules over
// 2,000 presented findings (1,000 nonconformities with follow-ups).
func BenchmarkReviewRecommendation(b *testing.B) {
	a := bigFindingsAudit(b, StateFollowUp, 10000, 2000, FindingPresented)
	b.ReportAllocs()
	for b.Loop() {
		if rec, _ := ReviewRecommendation(a, closeAt); rec != NotRecommend {
			b.Fatalf("got %s", rec)
		}
	}
}

// BenchmarkFindingVerify measures the findings' share of Verify (findings,
// conclusions, follow-ups) on a presented record with 10,000 evidence
// items and 2,000 findings, and at ten times that size. The verifier and
// its indexes (built by Verify for every area) are made once, outside the
// loop: a conforming record adds nothing to them.
func BenchmarkFindingVerify(b *testing.B) {
	for _, scale := range []int{1, 10} {
		b.Run(fmt.Sprintf("x%d", scale), func(b *testing.B) {
			a := bigFindingsAudit(b, StateFollowUp, 10000*scale, 2000*scale, FindingPresented)
			v := newVerifier(a, &VerifyOptions{At: closingAt})
			b.ReportAllocs()
			for b.Loop() {
				v.verifyFindings()
				v.verifyConclusion()
				v.verifyFollowUps()
				if v.ch.len() != 0 {
					b.Fatalf("%d violations: %v", v.ch.len(), v.ch.err())
				}
			}
		})
	}
}

// BenchmarkCompare measures comparing two audits of 2,000 findings each.
func BenchmarkCompare(b *testing.B) {
	prev := bigFindingsAudit(b, StateFollowUp, 100, 2000, FindingPresented)
	cur := bigFindingsAudit(b, StateFollowUp, 100, 2000, FindingPresented)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(prev, cur); err != nil {
			b.Fatal(err)
		}
	}
}
