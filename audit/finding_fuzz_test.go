package audit

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// FuzzFindingDecodeAdd decodes a finding from outside JSON strictly and
// adds it to an audit in fieldwork, then confirms it: nothing panics; a
// refused addition changes nothing; an accepted one appends exactly the
// decoded finding in draft, which round-trips through JSON.
func FuzzFindingDecodeAdd(f *testing.F) {
	for _, seed := range []Finding{
		fdNC("F-1", Major, fdA815, "E-1"),
		fdObservation("F-2", fdPolicy),
		{ID: "F-3", Kind: Nonconformity, Criteria: nil},
		fdNC("F-4", Minor, fdNotPlanned, "E-3", "E-99"),
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
		a := fdAudit(t, StateFieldwork)
		before := fdClone(a)
		m := fdMeta(fdRaisedAt.Add(time.Hour), fdAuditor)
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
		before = fdClone(a)
		if err := a.ConfirmFinding(in.ID, fdMeta(fdConfirmAt, fdLead)); err != nil && !reflect.DeepEqual(before, a) {
			t.Fatalf("a refused confirmation changed the record")
		}
	})
}

// FuzzFindingVerifyRecord decodes a whole record from JSON (as another
// tool might have written it) and runs Verify and every read-only
// operation of the findings area over it: nothing panics, nothing
// changes, and the answers are deterministic.
func FuzzFindingVerifyRecord(f *testing.F) {
	for s := range States() {
		data, err := json.Marshal(fdRecord(f, s))
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
		before := fdClone(&a)
		err1 := Verify(&a, nil)
		Verify(&a, &VerifyOptions{At: fdCloseAt})
		if again := Verify(&a, nil); !cmp.Equal(err1, again) {
			t.Fatalf("Verify is not deterministic:\n%v\n%v", err1, again)
		}
		DeriveRecommendation(&a, fdCloseAt)
		a.BaselineFocus()
		a.RecurringFindings()
		a.Overdue(fdCloseAt)
		for range a.Nonconformities() {
		}
		if _, err := Compare(&a, &a); err != nil {
			t.Fatalf("an audit compares with itself: %v", err)
		}
		if !reflect.DeepEqual(before, &a) {
			t.Fatalf("a read-only operation changed the record: %s", cmp.Diff(before, &a))
		}
		// Operations that may change it must not panic either.
		m := fdMeta(fdCloseAt, fdLead)
		for _, fi := range a.Findings {
			_ = a.ConfirmFinding(fi.ID, m)
			_ = a.DisputeFinding(fi.ID, "no", m)
			_ = a.PlanCorrectiveAction(fi.ID, fdPlan, m)
			_ = a.VerifyCorrectiveAction(fi.ID, true, []ismsaudit.EvidenceID{"E-1"}, m)
		}
		if apply, err := a.prepareClosingPresentation(m); err == nil {
			apply()
		}
		_ = a.AgreeConclusion(m)
	})
}
