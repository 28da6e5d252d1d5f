package audit

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// importedItem is an item as an importer offers it: read from a tool's
// document, with its origin, and no sampling.
func importedItem(id ismsaudit.EvidenceID) Evidence {
	return Evidence{
		ID: id, Source: SourceTechnicalVerification, Description: "authenticated scan of the directory servers",
		Supports:    []annexa.Ref{itemControl},
		CollectedBy: "Harbour Scanner", CollectedAt: march(11, 8),
		Confidentiality: ConfidentialityInternal,
		Digest:          DigestOf([]byte("scan.xml")),
		Origin: &Origin{
			Tool: "Harbour Scanner 4.2", Document: "4f7c2a8e-1b6d-4c3e-9a51-0d2e8f6b7c11",
			Item: "0c5e9d1a-7f3b-4e28-8d64-2a9b1c3e5f70", Modified: march(11, 9),
		},
	}
}

func TestEvidenceOriginRoundTripsJSON(t *testing.T) {
	for name, e := range map[string]Evidence{
		"with origin":         importedItem("E-1"),
		"origin without date": func() Evidence { e := importedItem("E-2"); e.Origin.Modified = time.Time{}; return e }(),
		"without origin":      newItem("E-3"),
	} {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(e, roundTrip(t, e)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCollectEvidenceKeepsTheOrigin(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	in := importedItem("E-1")
	require.NoError(t, a.CollectEvidence(in, byLead(march(11, 11))))
	want := importedItem("E-1")
	want.State, want.History = EvidenceCollected, []EvidenceEntry{}
	if diff := cmp.Diff(want, a.Evidence[0]); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
	in.Origin.Tool = "changed"
	assert.Equal(t, "Harbour Scanner 4.2", a.Evidence[0].Origin.Tool, "the log keeps its own copy of the origin")
	got, ok := a.EvidenceItem("E-1")
	require.True(t, ok)
	got.Origin.Item = "changed"
	assert.Equal(t, want.Origin.Item, a.Evidence[0].Origin.Item, "EvidenceItem returns a copy of the origin")
	if err := Verify(a, nil); err != nil {
		var ve *ismsaudit.ValidationError
		require.ErrorAs(t, err, &ve)
		for _, f := range ve.Fields {
			assert.False(t, within("Evidence[0]", f.Path), "Verify finds fault with the imported item: %v", f)
		}
	}
}

func TestCollectEvidenceChecksTheOrigin(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *Origin)
		want   []problem
	}{
		{"no tool", func(o *Origin) { o.Tool = " " }, []problem{{"Origin.Tool", "required"}}},
		{"no document", func(o *Origin) { o.Document = "" }, []problem{{"Origin.Document", "required"}}},
		{"no item", func(o *Origin) { o.Item = "\t" }, []problem{{"Origin.Item", "required"}}},
		{"empty", func(o *Origin) { *o = Origin{} }, []problem{{"Origin.Tool", "required"}, {"Origin.Document", "required"}, {"Origin.Item", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evidenceAudit(StateFieldwork)
			e := importedItem("E-1")
			tt.change(e.Origin)
			before := deepCopy(a)
			ve := requireInvalid(t, a.CollectEvidence(e, byLead(march(11, 11))), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
			unchanged(t, before, a)
		})
	}
}

func TestVerifyChecksTheOrigin(t *testing.T) {
	a := evidenceAudit(StateFieldwork)
	e := newItem("E-1")
	e.Origin = &Origin{Tool: "scanner"}
	e.State, e.History = EvidenceCollected, []EvidenceEntry{}
	a.Evidence = []Evidence{e}
	requireInvalid(t, Verify(a, nil),
		problem{"Evidence[0].Origin.Document", RuleRecordShape}, problem{"Evidence[0].Origin.Item", RuleRecordShape})
}

func TestCollectEvidenceItems(t *testing.T) {
	items := []Evidence{importedItem("E-1"), newItem("E-2"), importedItem("E-3")}
	items[2].CollectedBy, items[2].CollectedAt = "", time.Time{} // the Meta's
	m := byLead(march(11, 11))

	one := evidenceAudit(StateFieldwork)
	one.Evidence = []Evidence{loggedItem("E-0")}
	for _, e := range items {
		require.NoError(t, one.CollectEvidence(e, m))
	}
	batch := evidenceAudit(StateFieldwork)
	batch.Evidence = []Evidence{loggedItem("E-0")}
	require.NoError(t, batch.CollectEvidenceItems(items, m))
	if diff := cmp.Diff(one, batch); diff != "" {
		t.Fatalf("a batch differs from collecting one by one: mismatch (-want +got):\n%s", diff)
	}
	assert.Equal(t, leadID, batch.Evidence[3].CollectedBy)
	assert.Equal(t, m.At, batch.Evidence[3].CollectedAt)

	items[0].Origin.Tool = "changed"
	items[1].Supports[0] = itemNotInPlan
	if diff := cmp.Diff(one, batch); diff != "" {
		t.Errorf("the record shares memory with the caller's items: mismatch (-want +got):\n%s", diff)
	}
}

func TestCollectEvidenceItemsReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name   string
		change func(items []Evidence, m *ismsaudit.Meta)
		want   []problem
	}{
		{"none", func(items []Evidence, _ *ismsaudit.Meta) {}, nil},
		{"id in the log", func(items []Evidence, _ *ismsaudit.Meta) { items[1].ID = "E-0" }, []problem{{"Items[1].ID", "unique"}}},
		{"id twice in the batch", func(items []Evidence, _ *ismsaudit.Meta) { items[2].ID = "E-1" }, []problem{{"Items[2].ID", "unique"}}},
		{"id three times", func(items []Evidence, _ *ismsaudit.Meta) { items[1].ID, items[2].ID = "E-1", "E-1" }, []problem{{"Items[1].ID", "unique"}, {"Items[2].ID", "unique"}}},
		{"blank ids", func(items []Evidence, _ *ismsaudit.Meta) { items[0].ID, items[1].ID = "", "" }, []problem{{"Items[0].ID", "required"}, {"Items[1].ID", "required"}}},
		{"criterion not in plan", func(items []Evidence, _ *ismsaudit.Meta) {
			items[2].Supports = []annexa.Ref{itemControl, itemNotInPlan}
		}, []problem{{"Items[2].Supports[1]", RuleEvidenceCriteria}}},
		{"collected after logging", func(items []Evidence, m *ismsaudit.Meta) { items[0].CollectedAt = m.At.Add(time.Second) }, []problem{{"Items[0].CollectedAt", "not-after-event"}}},
		{"bad digest", func(items []Evidence, _ *ismsaudit.Meta) { items[1].Digest = "SHA256:00" }, []problem{{"Items[1].Digest", "sha256-hex"}}},
		{"origin incomplete", func(items []Evidence, _ *ismsaudit.Meta) { items[0].Origin.Item = "" }, []problem{{"Items[0].Origin.Item", "required"}}},
		{"state given", func(items []Evidence, _ *ismsaudit.Meta) { items[2].State = EvidenceVerified }, []problem{{"Items[2].State", "library-set"}}},
		{"no meta", func(_ []Evidence, m *ismsaudit.Meta) { *m = ismsaudit.Meta{} }, []problem{{"Meta.At", "required"}, {"Meta.By", "required"}}},
		{"every item wrong", func(items []Evidence, _ *ismsaudit.Meta) {
			items[0].Source = "rumour"
			items[1].Description = ""
			items[2].Supports = nil
		}, []problem{{"Items[0].Source", "enum"}, {"Items[1].Description", "required"}, {"Items[2].Supports", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := evidenceAudit(StateFieldwork)
			a.Evidence = []Evidence{loggedItem("E-0")}
			items := []Evidence{importedItem("E-1"), newItem("E-2"), importedItem("E-3")}
			m := byLead(march(11, 11))
			if tt.want == nil { // the empty batch
				items = nil
				tt.want = []problem{{"Items", "required"}}
			}
			tt.change(items, &m)
			before := deepCopy(a)
			ve := requireInvalid(t, a.CollectEvidenceItems(items, m), tt.want...)
			assert.Len(t, ve.Fields, len(tt.want), "exactly the expected problems: %v", ve.Fields)
			unchanged(t, before, a)
		})
	}
}

func TestCollectEvidenceItemsOnlyWhileTheAuditCollects(t *testing.T) {
	for s := range States() {
		t.Run(string(s), func(t *testing.T) {
			a := evidenceAudit(s)
			before := deepCopy(a)
			err := a.CollectEvidenceItems([]Evidence{importedItem("E-1")}, byLead(march(11, 11)))
			switch s {
			case StateFieldwork, StateFindings, StateFollowUp:
				require.NoError(t, err)
				return
			}
			requireRefused(t, err, ismsaudit.ReasonWrongState, RuleEvidenceDuringAudit)
			unchanged(t, before, a)
		})
	}
}

func TestCollectEvidenceItemsOnASealedRecord(t *testing.T) {
	a := auditIn(t, StateFieldwork)
	at := stageAt[StateFieldwork].Add(6 * time.Hour)
	require.NoError(t, a.SealRecord(byLead(at)))
	items := []Evidence{importedItem("E-91"), importedItem("E-92")}
	for i := range items {
		items[i].Supports = []annexa.Ref{refVuln}
		items[i].CollectedAt = at
		items[i].Origin.Item += fmt.Sprint(i)
	}
	changes := len(a.Seal.Changes)
	require.NoError(t, a.CollectEvidenceItems(items, byLead(at.Add(time.Hour))))
	require.NoError(t, a.VerifySeal(), "the batch keeps the seal valid")
	require.Len(t, a.Seal.Changes, changes+1, "the batch is one change")
	assert.Equal(t, "collect-evidence-items", a.Seal.Changes[changes].Op)

	// The origin is sealed like every other field.
	a.Evidence[len(a.Evidence)-1].Origin.Tool = "another scanner"
	se := requireSealError(t, a.VerifySeal())
	assert.True(t, within(se.Path, fmt.Sprintf("Evidence[%d].Origin.Tool", len(a.Evidence)-1)), "reported at %q", se.Path)
}

// TestCollectEvidenceItemsProperty: a refused batch changes nothing; an
// accepted batch leaves the record exactly as collecting its items one by
// one would, and collecting them one by one accepts each.
func TestCollectEvidenceItemsProperty(t *testing.T) {
	ids := []ismsaudit.EvidenceID{"E-0", "E-1", "E-2", "E-3", "E-4", ""}
	refs := []annexa.Ref{itemControl, itemControl2, itemClause, itemNotInPlan, annexa.RefToControl("9.9")}
	rapid.Check(t, func(t *rapid.T) {
		a := evidenceAudit(rapid.SampledFrom([]State{StateFieldwork, StateFindings, StatePreparation}).Draw(t, "state"))
		a.Evidence = []Evidence{loggedItem("E-0")}
		m := rapidMeta(t, march(11, 11))
		m.Note = ""
		items := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Evidence {
			e := importedItem(rapid.SampledFrom(ids).Draw(t, "id"))
			e.Supports = rapid.SliceOfNDistinct(rapid.SampledFrom(refs), 0, 2, func(r annexa.Ref) annexa.Ref { return r }).Draw(t, "supports")
			e.CollectedAt = march(11, 11).Add(time.Duration(rapid.IntRange(-120, 60).Draw(t, "minutes")) * time.Minute)
			if rapid.Bool().Draw(t, "no origin") {
				e.Origin = nil
			} else if rapid.IntRange(0, 9).Draw(t, "bad origin") == 0 {
				e.Origin.Document = ""
			}
			return e
		}), 0, 4).Draw(t, "items")

		before := deepCopy(a)
		err := a.CollectEvidenceItems(items, m)
		one := deepCopy(before)
		var oneErr error
		for _, e := range items {
			if oneErr = one.CollectEvidence(e, m); oneErr != nil {
				break
			}
		}
		if len(items) == 0 {
			oneErr = fmt.Errorf("empty")
		}
		if err != nil {
			if diff := quickDiff(before, a); diff != "" {
				t.Fatalf("refused (%v) but changed the record: mismatch (-want +got):\n%s", err, diff)
			}
			if oneErr == nil {
				t.Fatalf("the batch was refused (%v) but every item was accepted one by one", err)
			}
			return
		}
		if oneErr != nil {
			t.Fatalf("the batch was accepted but one by one refused an item: %v", oneErr)
		}
		if diff := quickDiff(one, a); diff != "" {
			t.Fatalf("the batch differs from one by one: mismatch (-want +got):\n%s", diff)
		}
	})
}
