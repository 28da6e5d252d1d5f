package audit

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// BenchmarkCoreEndFieldwork fires one audit transition through its
// operation (guards over a five-item checklist and the plan, one history
// entry). The audit is put back in fieldwork between iterations by
// truncating the history, which keeps its capacity.
func BenchmarkCoreEndFieldwork(b *testing.B) {
	a := coreAuditIn(b, StateFieldwork)
	n := len(a.History)
	m := coreM(60)
	b.ReportAllocs()
	defer evReportCPU(b, evCPUTime())
	for b.Loop() {
		a.State, a.History = StateFieldwork, a.History[:n]
		if err := a.EndFieldwork(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoreCommunicatePlan fires one plan transition.
func BenchmarkCoreCommunicatePlan(b *testing.B) {
	a := coreAuditIn(b, StateInitiation)
	require.NoError(b, a.Prepare(coreM(10)))
	require.NoError(b, a.DraftPlan(corePlanContent(), coreM(11)))
	require.NoError(b, a.ApprovePlan(coreM(12), nil))
	n := len(a.Plan.History)
	m := coreM(13)
	b.ReportAllocs()
	defer evReportCPU(b, evCPUTime())
	for b.Loop() {
		a.Plan.State, a.Plan.History = PlanApproved, a.Plan.History[:n]
		if err := a.CommunicatePlan(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoreApprovePlan approves a complete plan: all the approval
// guards and a copy of the content as a new version.
func BenchmarkCoreApprovePlan(b *testing.B) {
	a := coreAuditIn(b, StateInitiation)
	require.NoError(b, a.Prepare(coreM(10)))
	require.NoError(b, a.DraftPlan(corePlanContent(), coreM(11)))
	m := coreM(12)
	b.ReportAllocs()
	for b.Loop() {
		a.Plan.State, a.Plan.History, a.Plan.Versions = PlanDraft, a.Plan.History[:0], a.Plan.Versions[:0]
		if err := a.ApprovePlan(m, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorePermitted lists the events an audit allows.
func BenchmarkCorePermitted(b *testing.B) {
	a := coreAuditIn(b, StateFieldwork)
	b.ReportAllocs()
	for b.Loop() {
		if len(a.Permitted()) != 2 {
			b.Fatal("want end-fieldwork and terminate")
		}
	}
}

// coreBigSizes are the sizes of the large records: the 10,000
// evidence items and 2,000 findings, and ten times that, to read how the
// cost grows.
var coreBigSizes = []int{10_000, 100_000}

// BenchmarkCoreVerify verifies a closed audit with n evidence items and
// n/5 findings (issue target: under 10 ms at 10,000 items; ten times the
// items, at most twelve times the time).
func BenchmarkCoreVerify(b *testing.B) {
	for _, n := range coreBigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := coreBig(b, n)
			require.NoError(b, Verify(a, nil))
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				if err := Verify(a, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCoreVerifySealed is BenchmarkCoreVerify on the record sealed:
// Verify checks the seal too (AUD-SEAL-INTACT).
func BenchmarkCoreVerifySealed(b *testing.B) {
	for _, n := range coreBigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := coreBigSealed(b, n)
			require.NoError(b, Verify(a, nil))
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				if err := Verify(a, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCoreVerifyCoreAndPlan measures this area's part of Verify
// alone (verifyAudit and verifyPlan), the indexes built once outside the
// loop.
func BenchmarkCoreVerifyCoreAndPlan(b *testing.B) {
	for _, n := range coreBigSizes {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			a := coreBig(b, n)
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

// BenchmarkCoreJSON compares a JSON round trip (encode, then Decode) of a
// closed, sealed audit with n evidence items and n/5 findings with the
// same round trip through encoding/json of a plain struct tree holding
// the same data (enumerations as plain strings; encode, then
// json.Unmarshal). Issue target: the audit no slower than 1.5 times the
// plain tree, and ten times the items at most twelve times the time.
func BenchmarkCoreJSON(b *testing.B) {
	for _, n := range coreBigSizes {
		a := coreBigSealed(b, n)
		data, err := json.Marshal(a)
		require.NoError(b, err)
		var plain corePlainAudit
		require.NoError(b, json.Unmarshal(data, &plain))
		b.Run(fmt.Sprintf("evidence=%d/audit", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer evReportCPU(b, evCPUTime())
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
			defer evReportCPU(b, evCPUTime())
			for b.Loop() {
				out, err := json.Marshal(&plain)
				if err != nil {
					b.Fatal(err)
				}
				var back corePlainAudit
				if err := json.Unmarshal(out, &back); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCorePlainMirror checks that the plain struct tree of the JSON
// benchmark holds the same data as the audit: both encode to the same
// bytes, for the benchmark's own record.
func TestCorePlainMirror(t *testing.T) {
	a := coreBigSealed(t, 50)
	data, err := json.Marshal(a)
	require.NoError(t, err)
	var plain corePlainAudit
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
		"seal.logs.0.marks", "seal.head",
		"followUps.0.plannedAt", "followUps.0.plannedBy", "followUps.0.verifications.0.evidence",
		"followUps.1.earlierPlans.0.plan.action", "followUps.1.earlierPlans.0.recordedAt", "followUps.1.earlierPlans.0.recordedBy",
		"followUps.1.verifications.0.note", "followUps.1.history.2.note",
		"conclusion.objectivesNote", "evidence.0.covers.from", "evidence.0.sampling.plan",
	} {
		if coreJSONAt(m, path) == nil {
			t.Errorf("the benchmark record does not set %s", path)
		}
	}
}

// coreJSONAt returns the value at a dotted path of decoded JSON, list
// elements by position, or nil.
func coreJSONAt(v any, path string) any {
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

// TestCorePlainMirrorHasEveryField walks the record's types and the
// mirror's side by side: every field of the record has a field with the
// same JSON tag in the mirror and no more, of the same shape, an
// enumeration being a plain string there. A field added to the record's
// types fails here until the mirror has it too.
func TestCorePlainMirrorHasEveryField(t *testing.T) {
	for _, problem := range coreMirrorProblems(reflect.TypeFor[Audit](), reflect.TypeFor[corePlainAudit](), "Audit") {
		t.Error(problem)
	}
}

// coreMirrorProblems compares a type of the record with its mirror.
func coreMirrorProblems(rt, mt reflect.Type, path string) []string {
	if rt == mt {
		return nil
	}
	if rt.Kind() != mt.Kind() {
		return []string{fmt.Sprintf("%s: %s in the record, %s in the mirror", path, rt.Kind(), mt.Kind())}
	}
	switch rt.Kind() {
	case reflect.Pointer, reflect.Slice:
		return coreMirrorProblems(rt.Elem(), mt.Elem(), path+"[]")
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
			out = append(out, coreMirrorProblems(f.Type, mf.Type, path+"."+f.Name)...)
		}
		for tag := range mirror {
			out = append(out, fmt.Sprintf("%s: the mirror has a field tagged %q the record lacks", path, tag))
		}
		return out
	}
	return nil
}

// coreBigSealed is coreBig, sealed at hour 210.
func coreBigSealed(tb coreTB, n int) *Audit {
	tb.Helper()
	a := coreBig(tb, n)
	require.NoError(tb, a.SealRecord(coreM(210)))
	return a
}

// The plain mirror of the record: the same JSON shape, with every
// enumeration a plain string. Types without enumerations are reused.
type (
	corePlainEntry struct {
		From   string    `json:"from"`
		Event  string    `json:"event"`
		To     string    `json:"to"`
		At     time.Time `json:"at"`
		By     string    `json:"by"`
		Note   string    `json:"note,omitempty"`
		Reason string    `json:"reason,omitempty"`
	}
	corePlainRef struct {
		Kind string `json:"kind"`
		ID   string `json:"id"`
	}
	corePlainMember struct {
		Auditor      string `json:"auditor,omitempty"`
		Name         string `json:"name"`
		Role         string `json:"role"`
		Organization string `json:"organization,omitempty"`
	}
	corePlainScope struct {
		ISMS      string    `json:"isms,omitempty"`
		Units     []string  `json:"units,omitempty"`
		Locations []string  `json:"locations,omitempty"`
		Processes []string  `json:"processes,omitempty"`
		From      time.Time `json:"from,omitzero"`
		To        time.Time `json:"to,omitzero"`
	}
	corePlainCriterion struct {
		Ref   corePlainRef `json:"ref"`
		Title string       `json:"title,omitempty"`
	}
	corePlainMethod struct {
		Location         string `json:"location"`
		HumanInteraction bool   `json:"humanInteraction"`
		Description      string `json:"description"`
	}
	corePlainActivity struct {
		Title    string         `json:"title"`
		Location string         `json:"location"`
		Start    time.Time      `json:"start"`
		End      time.Time      `json:"end"`
		Auditors []string       `json:"auditors,omitempty"`
		Criteria []corePlainRef `json:"criteria,omitempty"`
	}
	corePlainAssignment struct {
		Criterion corePlainRef `json:"criterion"`
		Auditor   string       `json:"auditor"`
	}
	corePlainContent struct {
		Objectives       []string              `json:"objectives"`
		Scope            corePlainScope        `json:"scope"`
		Criteria         []corePlainCriterion  `json:"criteria"`
		Locations        []string              `json:"locations"`
		Start            time.Time             `json:"start"`
		End              time.Time             `json:"end"`
		Schedule         []corePlainActivity   `json:"schedule"`
		Methods          []corePlainMethod     `json:"methods"`
		SamplingApproach string                `json:"samplingApproach"`
		Assignments      []corePlainAssignment `json:"assignments"`
		Risks            []string              `json:"risks,omitempty"`
	}
	corePlainVersion struct {
		Version    int              `json:"version"`
		ApprovedAt time.Time        `json:"approvedAt"`
		ApprovedBy string           `json:"approvedBy"`
		Content    corePlainContent `json:"content"`
	}
	corePlainPlan struct {
		State    string             `json:"state"`
		Content  corePlainContent   `json:"content"`
		Versions []corePlainVersion `json:"versions,omitempty"`
		History  []corePlainEntry   `json:"history"`
	}
	corePlainItem struct {
		Ref              corePlainRef `json:"ref"`
		Title            string       `json:"title"`
		Questions        []string     `json:"questions"`
		EvidenceHints    []string     `json:"evidenceHints"`
		Methods          []string     `json:"methods"`
		Result           string       `json:"result"`
		Notes            string       `json:"notes,omitempty"`
		EvidenceRefs     []string     `json:"evidenceRefs,omitempty"`
		NotAuditedReason string       `json:"notAuditedReason,omitempty"`
	}
	corePlainChecklist struct {
		Kind         string          `json:"kind"`
		Organization string          `json:"organization,omitempty"`
		SoAVersion   string          `json:"soaVersion,omitempty"`
		Items        []corePlainItem `json:"items"`
	}
	corePlainSampling struct {
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
	corePlainSample struct {
		Plan           string `json:"plan,omitempty"`
		Population     string `json:"population"`
		PopulationSize int    `json:"populationSize"`
		SampleSize     int    `json:"sampleSize"`
		Method         string `json:"method"`
	}
	corePlainEvidence struct {
		ID              string           `json:"id"`
		Source          string           `json:"source"`
		Description     string           `json:"description"`
		Supports        []corePlainRef   `json:"supports"`
		CollectedBy     string           `json:"collectedBy"`
		CollectedAt     time.Time        `json:"collectedAt"`
		Covers          *Period          `json:"covers,omitempty"`
		Sampling        *corePlainSample `json:"sampling,omitempty"`
		Confidentiality string           `json:"confidentiality"`
		Digest          string           `json:"digest,omitempty"`
		Supersedes      string           `json:"supersedes,omitempty"`
		State           string           `json:"state"`
		History         []corePlainEntry `json:"history"`
	}
	corePlainFinding struct {
		ID               string           `json:"id"`
		Kind             string           `json:"kind"`
		Grade            string           `json:"grade,omitempty"`
		Criteria         []corePlainRef   `json:"criteria"`
		Evidence         []string         `json:"evidence,omitempty"`
		Area             string           `json:"area,omitempty"`
		Requirement      string           `json:"requirement,omitempty"`
		Found            string           `json:"found"`
		Reason           string           `json:"reason,omitempty"`
		DivergingOpinion string           `json:"divergingOpinion,omitempty"`
		Resolution       string           `json:"resolution,omitempty"`
		RaisedBy         string           `json:"raisedBy"`
		RaisedAt         time.Time        `json:"raisedAt"`
		State            string           `json:"state"`
		History          []corePlainEntry `json:"history"`
	}
	corePlainConclusion struct {
		Fulfilment         string           `json:"fulfilment"`
		Extent             string           `json:"extent"`
		Effectiveness      string           `json:"effectiveness"`
		ObjectivesAchieved bool             `json:"objectivesAchieved"`
		ObjectivesNote     string           `json:"objectivesNote,omitempty"`
		ScopeCovered       bool             `json:"scopeCovered"`
		NotCovered         []string         `json:"notCovered,omitempty"`
		Recurring          []string         `json:"recurring,omitempty"`
		Recommendation     string           `json:"recommendation,omitempty"`
		State              string           `json:"state"`
		History            []corePlainEntry `json:"history"`
	}
	corePlainRecipient struct {
		Name         string `json:"name"`
		Organization string `json:"organization,omitempty"`
		Clearance    string `json:"clearance"`
	}
	corePlainDistribution struct {
		Recipient corePlainRecipient `json:"recipient"`
		Version   int                `json:"version"`
		At        time.Time          `json:"at"`
		By        string             `json:"by"`
	}
	corePlainReport struct {
		Version      int                     `json:"version"`
		IssuedAt     time.Time               `json:"issuedAt"`
		IssuedBy     string                  `json:"issuedBy"`
		Distribution []corePlainDistribution `json:"distribution,omitempty"`
	}
	corePlainActionPlan struct {
		Correction string    `json:"correction"`
		RootCause  string    `json:"rootCause"`
		Action     string    `json:"action"`
		DueAt      time.Time `json:"dueAt"`
	}
	corePlainActionRecord struct {
		Plan       corePlainActionPlan `json:"plan"`
		RecordedAt time.Time           `json:"recordedAt"`
		RecordedBy string              `json:"recordedBy"`
	}
	corePlainVerification struct {
		At        time.Time `json:"at"`
		By        string    `json:"by"`
		Effective bool      `json:"effective"`
		Evidence  []string  `json:"evidence,omitempty"`
		Note      string    `json:"note,omitempty"`
	}
	corePlainFollowUp struct {
		Finding       string                  `json:"finding"`
		Correction    string                  `json:"correction"`
		RootCause     string                  `json:"rootCause"`
		Action        string                  `json:"action"`
		DueAt         time.Time               `json:"dueAt"`
		PlannedAt     time.Time               `json:"plannedAt,omitzero"`
		PlannedBy     string                  `json:"plannedBy,omitempty"`
		EarlierPlans  []corePlainActionRecord `json:"earlierPlans,omitempty"`
		Verifications []corePlainVerification `json:"verifications,omitempty"`
		VerifiedBy    string                  `json:"verifiedBy,omitempty"`
		Evidence      []string                `json:"evidence,omitempty"`
		State         string                  `json:"state"`
		History       []corePlainEntry        `json:"history"`
	}
	corePlainSealedLog struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
		Marks string `json:"marks"`
	}
	corePlainSeal struct {
		Algorithm string               `json:"algorithm"`
		At        time.Time            `json:"at"`
		By        string               `json:"by"`
		Logs      []corePlainSealedLog `json:"logs"`
		Head      string               `json:"head"`
	}
	corePlainAudit struct {
		ID          string               `json:"id"`
		Kind        string               `json:"kind"`
		Client      string               `json:"client"`
		Auditee     string               `json:"auditee"`
		Programme   string               `json:"programme,omitempty"`
		Baseline    string               `json:"baseline,omitempty"`
		CreatedAt   time.Time            `json:"createdAt"`
		CreatedBy   string               `json:"createdBy"`
		State       string               `json:"state"`
		History     []corePlainEntry     `json:"history"`
		Contact     *Contact             `json:"contact,omitempty"`
		Feasibility *Feasibility         `json:"feasibility,omitempty"`
		Team        []corePlainMember    `json:"team,omitempty"`
		Plan        *corePlainPlan       `json:"plan,omitempty"`
		Checklist   *corePlainChecklist  `json:"checklist,omitempty"`
		Sampling    []corePlainSampling  `json:"sampling,omitempty"`
		Opening     *OpeningMeeting      `json:"opening,omitempty"`
		Evidence    []corePlainEvidence  `json:"evidence,omitempty"`
		Risks       []EscalatedRisk      `json:"risks,omitempty"`
		Findings    []corePlainFinding   `json:"findings,omitempty"`
		Conclusion  *corePlainConclusion `json:"conclusion,omitempty"`
		Closing     *ClosingMeeting      `json:"closing,omitempty"`
		Report      *corePlainReport     `json:"report,omitempty"`
		Completion  *Completion          `json:"completion,omitempty"`
		FollowUps   []corePlainFollowUp  `json:"followUps,omitempty"`
		Termination *Termination         `json:"termination,omitempty"`
		Seal        *corePlainSeal       `json:"seal,omitempty"`
	}
)
