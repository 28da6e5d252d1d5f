package audit

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// TestCoreJSONRoundTrip encodes records in every state and decodes them
// back: nothing is lost, and the decoded record verifies.
func TestCoreJSONRoundTrip(t *testing.T) {
	records := map[string]*Audit{"big": coreBig(t, 50)}
	for s := range States() {
		records[string(s)] = coreAuditIn(t, s)
	}
	for name, a := range records {
		t.Run(name, func(t *testing.T) {
			data, err := json.Marshal(a)
			require.NoError(t, err)
			got, err := Decode(data)
			require.NoError(t, err)
			if diff := cmp.Diff(a, got, coreEquateEmpty); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
			require.NoError(t, Verify(got, nil))
		})
	}
}

// TestCoreDecodeRefuses checks that Decode refuses malformed records with
// the path of the problem.
func TestCoreDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, json string
		want       coreWant
	}{
		{"syntax", `{"id": "A-1",`, coreWant{"", "json-syntax"}},
		{"trailing data", `{"id": "A-1"} {}`, coreWant{"", "json-trailing"}},
		{"unknown field", `{"id": "A-1", "colour": "red"}`, coreWant{"", "unknown-field"}},
		{"unknown state", `{"id": "A-1", "state": "paused"}`, coreWant{"State", "enum"}},
		{"unknown kind", `{"kind": "tourism"}`, coreWant{"Kind", "enum"}},
		{"wrong type", `{"id": 7}`, coreWant{"ID", "json-type"}},
		{"bad history event", `{"history": [{"from": "initiation", "event": "jump", "to": "closed"}]}`, coreWant{"History[0].Event", "enum"}},
		{"bad plan time", `{"plan": {"content": {"start": "tomorrow"}}}`, coreWant{"Plan.Content.Start", "json-type"}},
		{"bad role", `{"team": [{"name": "x", "role": "boss"}]}`, coreWant{"Team[0].Role", "enum"}},
		{"bad clearance", `{"report": {"distribution": [{"recipient": {"name": "x", "clearance": "secret"}}]}}`, coreWant{"Report.Distribution[0].Recipient.Clearance", "enum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode([]byte(tt.json))
			assert.Nil(t, a)
			require.ErrorIs(t, err, ismsaudit.ErrInvalid)
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.want.path, tt.want.rule), "want %s at %q in %v", tt.want.rule, tt.want.path, ve.Fields)
		})
	}
}

// FuzzCoreDecode decodes arbitrary bytes: Decode and Verify never panic,
// Verify cites only rules of the catalogue, and a decoded record encodes
// and decodes again to the same record.
func FuzzCoreDecode(f *testing.F) {
	// Small records as seeds: the fuzzer minimises every input that finds
	// new code, which takes long on large ones.
	for _, s := range []State{StateInitiation, StatePreparation, StateTerminated} {
		data, err := json.Marshal(coreAuditIn(f, s))
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
			var ve *ismsaudit.ValidationError
			require.ErrorAs(t, err, &ve)
			for _, fe := range ve.Fields {
				_, ok := LookupRule(fe.Rule)
				require.True(t, ok, "%s cites a rule of the catalogue", fe)
			}
		}
		again, err := json.Marshal(a)
		require.NoError(t, err)
		b, err := Decode(again)
		require.NoError(t, err)
		if diff := cmp.Diff(a, b, coreEquateEmpty); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

// FuzzCoreEvents drives the fixture audit with operations chosen by the
// fuzzer's bytes: no input panics, a refused operation changes nothing,
// and the state always replays from the history.
func FuzzCoreEvents(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{9, 9, 0, 0, 1, 1, 40, 41, 42, 200})
	f.Add([]byte{255, 128, 64, 32, 16, 8, 4, 2, 1})
	f.Fuzz(func(t *testing.T, ops []byte) {
		a := coreAuditIn(t, StatePreparation)
		events := eventSet.Values()
		h := 300
		for _, b := range ops {
			h += int(b % 3)
			m := coreM(h)
			if b%7 == 0 {
				m.By = ""
			}
			before := coreCopy(a)
			var err error
			switch sel := int(b) % 16; {
			case sel < len(events):
				if b&0x80 != 0 {
					err = coreFireBad(a, events[sel], m)
				} else {
					err = coreFire(a, events[sel], m)
				}
			case sel == 10:
				err = coreFirePlan(a, planEventSet.Values()[int(b>>4)%3], m)
			case sel == 11:
				err = a.DraftPlan(corePlanContent(), m)
			case sel == 12:
				err = a.SetTeam(coreTeam()[:1+int(b>>4)%4], m)
			case sel == 13:
				err = a.RecordResult(coreCriteria[int(b>>4)%len(coreCriteria)], coreAssessment(b), m)
			case sel == 14:
				err = a.MarkNotAudited(coreCriteria[int(b>>4)%len(coreCriteria)], "closed for works", m)
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

// coreAssessment returns a conformity resting on E-1 or, for some b, an
// assessment the checklist refuses.
func coreAssessment(b byte) annexa.Assessment {
	if b&0x40 != 0 {
		return annexa.Assessment{Result: "major-nonconformity"}
	}
	return annexa.Assessment{Result: "conforms", EvidenceRefs: []ismsaudit.EvidenceID{"E-1"}}
}
