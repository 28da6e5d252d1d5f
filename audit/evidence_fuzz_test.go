package audit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// FuzzCollectEvidenceJSON decodes an evidence item from outside data as a
// host would (strict JSON) and offers it to CollectEvidence: nothing may
// panic, a refusal changes nothing, and an accepted item is logged in
// state collected and passes Verify's evidence checks.
func FuzzCollectEvidenceJSON(f *testing.F) {
	good, err := json.Marshal(evItem("E-1"))
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
		a := evAudit(StateFieldwork)
		a.Evidence = []Evidence{evLogged("E-0")}
		before := evDeepCopy(a)
		if err := a.CollectEvidence(e, evMeta(11, 11)); err != nil {
			if diff := cmp.Diff(before, a); diff != "" {
				t.Fatalf("refused (%v) but changed the record: mismatch (-want +got):\n%s", err, diff)
			}
			return
		}
		if len(a.Evidence) != 2 || a.Evidence[1].State != EvidenceCollected || len(a.Evidence[1].History) != 0 {
			t.Fatalf("accepted item not logged as collected: %+v", a.Evidence)
		}
		if got := evVerify(a); len(got) > 0 {
			t.Fatalf("an accepted item breaks Verify: %v", got)
		}
	})
}

// FuzzVerifyEvidenceRecord decodes a record from outside data and runs
// everything the evidence area offers on it: Verify's evidence, sampling
// and seal checks, VerifySeal, SealRecord and Draw. Nothing may panic; a
// record sealed here verifies.
func FuzzVerifyEvidenceRecord(f *testing.F) {
	sealed := evSealFixture()
	if err := sealed.SealRecord(evMeta(15, 9)); err != nil {
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
		_ = evVerify(&a)
		_ = a.VerifySeal()
		for _, p := range a.Sampling {
			_, _ = Draw(p)
		}
		a.Seal = nil
		if err := a.SealRecord(evMeta(15, 9)); err == nil {
			if err := a.VerifySeal(); err != nil {
				t.Fatalf("a record sealed just now does not verify: %v", err)
			}
		}
	})
}
