package audit

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
	"github.com/stretchr/testify/require"
)

// FuzzDecode decodes arbitrary bytes: Decode and Verify never panic,
// Verify cites only rules of the catalogue, and a decoded record encodes
// and decodes again to the same record.
func FuzzDecode(f *testing.F) {
	// Small records as seeds: the fuzzer minimises every input that finds
	// new code, which takes long on large ones.
	for _, s := range []State{StateInitiation, StatePreparation, StateTerminated} {
		data, err := json.Marshal(auditIn(f, s))
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"state":"closed","history":[{"from":"initiation","event":"close","to":"closed"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Decode(data)
		if err != nil {
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			return
		}
		if err := Verify(a, nil); err != nil {
			ve := requireInvalid(t, err)
			for _, fe := range ve.Fields {
				_, ok := LookupRule(fe.Rule)
				require.True(t, ok, "%s cites a rule of the catalogue", fe)
			}
		}
		again, err := json.Marshal(a)
		require.NoError(t, err)
		b, err := Decode(again)
		require.NoError(t, err)
		if diff := cmp.Diff(a, b, equateEmpty); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// FuzzEvents drives the fixture audit with operations chosen by the
// fuzzer's bytes: no input panics, a refused operation changes nothing,
// and the state always replays from the history.
func FuzzEvents(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{9, 9, 0, 0, 1, 1, 40, 41, 42, 200})
	f.Add([]byte{255, 128, 64, 32, 16, 8, 4, 2, 1})
	f.Fuzz(func(t *testing.T, ops []byte) {
		a := auditIn(t, StatePreparation)
		events := eventSet.Values()
		at := march(14, 21)
		for _, b := range ops {
			at = at.Add(time.Duration(b%3) * time.Hour)
			m := byLead(at)
			if b%7 == 0 {
				m.By = ""
			}
			before := deepCopy(a)
			var err error
			switch sel := int(b) % 16; {
			case sel < len(events):
				if b&0x80 != 0 {
					err = fireBad(a, events[sel], m)
				} else {
					err = fire(a, events[sel], m)
				}
			case sel == 10:
				err = firePlanEvent(a, planEventSet.Values()[int(b>>4)%3], m)
			case sel == 11:
				err = a.DraftPlan(fixturePlan(), m)
			case sel == 12:
				err = a.SetTeam(fixtureTeam()[:1+int(b>>4)%4], m)
			case sel == 13:
				err = a.RecordResult(fixtureCriteria[int(b>>4)%len(fixtureCriteria)], assessmentOf(b), m)
			case sel == 14:
				err = a.MarkNotAudited(fixtureCriteria[int(b>>4)%len(fixtureCriteria)], "closed for works", m)
			default:
				err = a.EscalateRisk(EscalatedRisk{ID: "R", Description: "d", FoundAt: m.At, FoundBy: "ana", EscalatedAt: m.At, EscalatedTo: "CISO"}, m)
			}
			if err != nil {
				if diff := cmp.Diff(before, a); diff != "" {
					t.Fatalf("refused (%v) but changed: mismatch (-want +got):\n%s", err, diff)
				}
			}
			end, rerr := auditMachine.Replay(a.History)
			require.NoError(t, rerr)
			require.Equal(t, end, a.State)
		}
	})
}

// assessmentOf returns a conformity resting on E-1 or, for some b, an
// assessment the checklist refuses.
func assessmentOf(b byte) annexa.Assessment {
	if b&0x40 != 0 {
		return annexa.Assessment{Result: "major-nonconformity"}
	}
	return annexa.Assessment{Result: "conforms", EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
}

// FuzzCollectEvidenceJSON decodes an evidence item from outside data as a
// host would (strict JSON) and offers it to CollectEvidence: nothing may
// panic, a refusal changes nothing, and an accepted item is logged in
// state collected and passes Verify's evidence checks.
func FuzzCollectEvidenceJSON(f *testing.F) {
	good, err := json.Marshal(newItem("E-1"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"id":"E-1","source":"interview","description":"d","supports":[{"kind":"clause","id":"9.2.1"}],"collectedBy":"a","collectedAt":"2026-03-11T10:00:00Z","confidentiality":"public","state":"","history":null}`))
	f.Add([]byte(`{"id":"E-0","source":"record","supports":[{"kind":"control","id":"5.15"},{"kind":"control","id":"5.15"}],"covers":{"from":"2026-03-12T00:00:00Z","to":"2026-03-01T00:00:00Z"}}`))
	f.Add([]byte(`{"id":"E-2","source":"gossip","sampling":{"plan":"S-9","population":"","populationSize":-1,"sampleSize":9,"method":"random"},"digest":"ABC"}`))
	f.Add([]byte(`{"id":"E-3","supersedes":"E-0","state":"verified","history":[{"from":"collected","event":"verify","to":"verified","at":"2026-03-11T10:00:00Z","by":"x"}]}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e Evidence
		if !validate.JSON(errs.NewCollector("audit", "evidence"), data, &e) {
			return
		}
		a := evidenceAudit(StateFieldwork)
		a.Evidence = []Evidence{loggedItem("E-0")}
		before := deepCopy(a)
		if err := a.CollectEvidence(e, byLead(march(11, 11))); err != nil {
			if diff := cmp.Diff(before, a); diff != "" {
				t.Fatalf("refused (%v) but changed the record: mismatch (-want +got):\n%s", err, diff)
			}
			return
		}
		if len(a.Evidence) != 2 || a.Evidence[1].State != EvidenceCollected || len(a.Evidence[1].History) != 0 {
			t.Fatalf("accepted item not logged as collected: %+v", a.Evidence)
		}
		if got := evidenceViolations(a); len(got) > 0 {
			t.Fatalf("an accepted item breaks Verify: %v", got)
		}
	})
}

// FuzzVerifyEvidenceRecord decodes a record from outside data and runs
// everything the evidence code offers on it: Verify's evidence, sampling
// and seal checks, VerifySeal, SealRecord and Draw. Nothing may panic; a
// record sealed here verifies.
func FuzzVerifyEvidenceRecord(f *testing.F) {
	sealed := sealFixture()
	if err := sealed.SealRecord(byLead(march(15, 9))); err != nil {
		f.Fatal(err)
	}
	data, err := json.Marshal(sealed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"id":"A","seal":{"algorithm":"sha256-chain-v1","logs":[{"name":"evidence","count":1152921504606846976,"head":"","trail":""}]}}`))
	f.Add([]byte(`{"id":"A","evidence":[{"id":"E","supersedes":"E","state":"superseded","history":[{"from":"collected","event":"supersede","to":"superseded"}]}]}`))
	f.Add([]byte(`{"sampling":[{"id":"S","population":{"size":9223372036854775807},"method":"statistical","size":3,"exclusions":["9223372036854775807","1"],"selected":["1","2","3"],"generator":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Audit
		if !validate.JSON(errs.NewCollector("audit", "record"), data, &a) {
			return
		}
		_ = evidenceViolations(&a)
		_ = a.VerifySeal()
		for _, p := range a.Sampling {
			_, _ = Draw(p)
		}
		a.Seal = nil
		if err := a.SealRecord(byLead(march(15, 9))); err == nil {
			if err := a.VerifySeal(); err != nil {
				t.Fatalf("a record sealed just now does not verify: %v", err)
			}
		}
	})
}

// FuzzFindingDecodeAdd decodes a finding from outside JSON strictly and
// adds it to an audit in fieldwork, then confirms it: nothing panics; a
// refused addition changes nothing; an accepted one appends exactly the
// decoded finding in draft, which round-trips through JSON.
func FuzzFindingDecodeAdd(f *testing.F) {
	for _, seed := range []Finding{
		nonconformity("F-1", Major, controlA815, "E-1"),
		observation("F-2", policyRef),
		{ID: "F-3", Kind: Nonconformity, Criteria: nil},
		nonconformity("F-4", Minor, notPlanned, "E-3", "E-99"),
	} {
		data, err := json.Marshal(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"F-5","kind":"nonconformity","grade":"major","criteria":[{"kind":"control","id":"8.15"}],"evidence":["E-1"],"found":"x","raisedBy":"a","raisedAt":"2026-03-10T10:00:00Z"}`))
	f.Add([]byte(`{"id":"","kind":"","criteria":[{"kind":"document","id":" "}],"raisedAt":"0001-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in Finding
		if !validate.JSON(errs.NewCollector("audit", "finding"), data, &in) {
			return
		}
		a := stage2Audit(t, StateFieldwork)
		before := deepCopy(a)
		m := ismsaudit.Meta{At: raisedAt.Add(time.Hour), By: auditorID}
		if err := a.AddFinding(in, m); err != nil {
			if !reflect.DeepEqual(before, a) {
				t.Fatalf("a refused addition changed the record: %s", cmp.Diff(before, a))
			}
			return
		}
		if len(a.Findings) != 1 {
			t.Fatalf("%d findings after one addition", len(a.Findings))
		}
		got := a.Findings[0]
		if got.ID != in.ID || got.Kind != in.Kind || got.State != FindingDraft || len(got.History) != 0 || !cmp.Equal(got.Criteria, in.Criteria) {
			t.Fatalf("added %+v from %+v", got, in)
		}
		out, err := json.Marshal(got)
		if err != nil {
			t.Fatalf("an added finding does not encode: %v", err)
		}
		var back Finding
		if err := json.Unmarshal(out, &back); err != nil || !cmp.Equal(got, back) {
			t.Fatalf("round trip: %v %s", err, cmp.Diff(got, back))
		}
		before = deepCopy(a)
		if err := a.ConfirmFinding(in.ID, byLead(confirmAt)); err != nil && !reflect.DeepEqual(before, a) {
			t.Fatalf("a refused confirmation changed the record")
		}
	})
}

// FuzzFindingVerifyRecord decodes a whole record from JSON (as another
// tool might have written it) and runs Verify and every read-only
// operation on findings over it: nothing panics, nothing
// changes, and the answers are deterministic.
func FuzzFindingVerifyRecord(f *testing.F) {
	for s := range States() {
		data, err := json.Marshal(recordIn(f, s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"A","kind":"stage2","state":"closed","findings":[{"id":"F","kind":"nonconformity","state":"resolved","history":[{"from":"draft","event":"resolve","to":"resolved"}]}],"followUps":[{"finding":"F","state":"closed"},{"finding":"F"}],"conclusion":{"state":"presented","recommendation":"recommend"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Audit
		if json.Unmarshal(data, &a) != nil {
			return
		}
		before := deepCopy(&a)
		err1 := Verify(&a, nil)
		Verify(&a, &VerifyOptions{At: closeAt})
		if again := Verify(&a, nil); !cmp.Equal(err1, again) {
			t.Fatalf("Verify is not deterministic:\n%v\n%v", err1, again)
		}
		DeriveRecommendation(&a)
		ReviewRecommendation(&a, closeAt)
		a.BaselineFocus()
		a.RecurringFindings()
		a.Overdue(closeAt)
		for range a.Nonconformities() {
		}
		if _, err := Compare(&a, &a); err != nil {
			t.Fatalf("an audit compares with itself: %v", err)
		}
		if !reflect.DeepEqual(before, &a) {
			t.Fatalf("a read-only operation changed the record: %s", cmp.Diff(before, &a))
		}
		// Operations that may change it must not panic either.
		m := byLead(closeAt)
		for _, fi := range a.Findings {
			_ = a.ConfirmFinding(fi.ID, m)
			_ = a.DisputeFinding(fi.ID, "no", m)
			_ = a.PlanCorrectiveAction(fi.ID, actionPlan, m)
			_ = a.VerifyCorrectiveAction(fi.ID, []ismsaudit.EvidenceID{"E-1"}, m)
		}
		if apply, err := a.prepareClosingPresentation(m); err == nil {
			apply()
		}
		_ = a.AgreeConclusion(m)
	})
}

// FuzzDraw checks that Draw never panics and is deterministic for any
// plan, and that every sample it returns has the plan's size, is in
// population order without repeats, and holds only items of the
// population that are not excluded.
func FuzzDraw(f *testing.F) {
	f.Add(uint64(42), 20, true, 5, "3,7", "statistical")
	f.Add(uint64(0), 1_000_000, false, 8, "3,17", "statistical")
	f.Add(uint64(1), 1, false, 1, "", "statistical")
	f.Add(uint64(9), 10, true, 10, "1", "statistical")
	f.Add(uint64(9), -4, false, 2, "", "statistical")
	f.Add(uint64(9), 4, true, 2, "", "judgemental")
	f.Add(^uint64(0), 1<<30, false, MaxSampleSize, "x,0,1", "")
	f.Fuzz(func(t *testing.T, seed uint64, n int, useItems bool, size int, exclusions, method string) {
		p := SamplingPlan{Method: SelectionMethod(method), Size: size, Seed: seed}
		if useItems {
			n = min(max(n, -1), 2000)
			for i := range n {
				p.Population.Items = append(p.Population.Items, "item-"+strconv.Itoa(i))
			}
		} else {
			p.Population.Size = n
		}
		if exclusions != "" {
			for _, x := range strings.Split(exclusions, ",") {
				if useItems {
					x = "item-" + x
				}
				p.Exclusions = append(p.Exclusions, x)
			}
		}
		got, err := Draw(p)
		again, err2 := Draw(p)
		if (err == nil) != (err2 == nil) || !slices.Equal(got, again) {
			t.Fatalf("Draw is not deterministic: %q, %v then %q, %v", got, err, again, err2)
		}
		if err != nil {
			if got != nil {
				t.Fatalf("a refused draw returned a sample: %q", got)
			}
			return
		}
		if len(got) != size {
			t.Fatalf("sample of %d, want %d", len(got), size)
		}
		population := len(p.Population.Items)
		if !useItems {
			population = p.Population.Size
		}
		last := -1
		for _, it := range got {
			pos := -1
			if useItems {
				pos = slices.Index(p.Population.Items, it)
			} else if k, err := strconv.Atoi(it); err == nil {
				pos = k - 1
			}
			if pos < 0 || pos >= population {
				t.Fatalf("%q is not in the population", it)
			}
			if pos <= last {
				t.Fatalf("sample %q is not in population order without repeats", got)
			}
			if slices.Contains(p.Exclusions, it) {
				t.Fatalf("%q is excluded", it)
			}
			last = pos
		}
	})
}

// FuzzSeal puts arbitrary seals (decoded leniently from JSON, as another
// tool might write them) on a sealed record: VerifySeal and Verify never
// panic, a seal that verifies can be sealed over, and the record's own
// seal always verifies again after it.
func FuzzSeal(f *testing.F) {
	a := sealFixture()
	require.NoError(f, a.SealRecord(byLead(march(15, 9))))
	good, err := json.Marshal(a.Seal)
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte(`{"algorithm":"sha256-log-chain-v2","logs":[{"name":"evidence","count":-1}]}`))
	f.Add([]byte(`{"algorithm":"sha256-log-chain-v2","head":"00","logs":[{"name":"history","count":1,"marks":"0000000g"}]}`))
	f.Add([]byte(`{"algorithm":"sha256-log-chain-v2","logs":[{"name":"findings[F-1].history","count":9,"marks":"000000000000000000000000000000000000000000000000000000000000000000000000"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Seal
		if json.Unmarshal(data, &s) != nil {
			return
		}
		b := sealFixture()
		b.Seal = &s
		_ = Verify(b, nil)
		if b.VerifySeal() == nil {
			at := march(15, 9)
			if s.At.After(at) {
				at = s.At
			}
			require.NoError(t, b.SealRecord(byLead(at)))
			require.NoError(t, b.VerifySeal())
		}
		b.Seal = nil
		require.NoError(t, b.SealRecord(byLead(march(16, 9))))
		require.NoError(t, b.VerifySeal())
	})
}
