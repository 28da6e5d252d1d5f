package audit

import (
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// Population is what a sample is drawn from: the items themselves, or only
// their number (items are then referred to by position, "1" to Size). When
// both are given, Size must equal the number of items.
type Population struct {
	Items []string `json:"items,omitempty"`
	Size  int      `json:"size,omitempty"`
}

// SamplingPlan records how a sample is drawn (19011 6.3.4, Annex A.6): a
// work document added with AddSamplingPlan, drawn with DrawSample
// (statistical) or chosen with RecordSelection (judgemental), and checked
// by Verify (rules AUD-SAMPLING-RECORDED, AUD-SAMPLING-REPRODUCIBLE).
type SamplingPlan struct {
	ID string `json:"id"`
	// Purpose says what the sample tests, e.g. "leavers' access removed".
	Purpose    string     `json:"purpose"`
	Population Population `json:"population"`
	// Frame says where the population list came from and its period.
	Frame  string          `json:"frame"`
	Method SelectionMethod `json:"method"`
	Size   int             `json:"size"`
	// Exclusions are items excluded from the frame, with reasons in
	// Rationale.
	Exclusions []string `json:"exclusions,omitempty"`
	// Seed makes a statistical draw reproducible (see Draw); judgemental
	// plans leave it 0.
	Seed uint64 `json:"seed,omitempty"`
	// Rationale says why the size suffices (and why items are excluded).
	Rationale string `json:"rationale"`
	// Selected lists the items drawn (statistical plans, by DrawSample) or
	// chosen (judgemental plans, by RecordSelection), in population order.
	// It is set by the library and must be empty when the plan is added.
	Selected []string `json:"selected,omitempty"`
	// Generator names the procedure that drew a statistical sample
	// (SamplingGenerator), so that Verify can draw it again. Set by
	// DrawSample.
	Generator string `json:"generator,omitempty"`
	// SelectedAt and SelectedBy record when and by whom the sample was
	// drawn or chosen. Set by DrawSample and RecordSelection.
	SelectedAt time.Time `json:"selectedAt,omitzero"`
	SelectedBy string    `json:"selectedBy,omitempty"`
}

// SampleRecord describes how an evidence item was sampled (19011 6.4.7,
// Annex A.6).
type SampleRecord struct {
	// Plan is the id of the sampling plan, if the sample follows one.
	Plan string `json:"plan,omitempty"`
	// Population describes what was sampled, and PopulationSize its size.
	Population     string          `json:"population"`
	PopulationSize int             `json:"populationSize"`
	SampleSize     int             `json:"sampleSize"`
	Method         SelectionMethod `json:"method"`
}

// Evidence is one item of the evidence log (19011 6.4.7). Items are only
// ever appended; a correction is a new item with Supersedes set.
type Evidence struct {
	ID          ismsaudit.EvidenceID `json:"id"`
	Source      EvidenceSource       `json:"source"`
	Description string               `json:"description"`
	// Supports lists the criteria the item bears on.
	Supports []annexa.Ref `json:"supports"`
	// CollectedBy and CollectedAt say who gathered it and when.
	CollectedBy string    `json:"collectedBy"`
	CollectedAt time.Time `json:"collectedAt"`
	// Covers is the period the material covers; its effective date can
	// differ from when it was collected.
	Covers *Period `json:"covers,omitempty"`
	// Sampling describes the sample, when the item was sampled.
	Sampling *SampleRecord `json:"sampling,omitempty"`
	// Confidentiality says who may see the material.
	Confidentiality Confidentiality `json:"confidentiality"`
	// Digest is the lower-case hex SHA-256 of the material, when known.
	Digest string `json:"digest,omitempty"`
	// Supersedes is the item this one corrects.
	Supersedes ismsaudit.EvidenceID `json:"supersedes,omitempty"`
	// State is where the item stands; the reject entry's note says why an
	// item was rejected.
	State   EvidenceState   `json:"state"`
	History []EvidenceEntry `json:"history"`
}

// SealedLog is one log of a Seal: its name, how many of its entries are
// sealed and a mark per sealed entry.
type SealedLog struct {
	// Name identifies the log, e.g. "evidence" or "findings[F-3].history".
	Name string `json:"name"`
	// Count is how many entries were sealed: the log's first Count.
	Count int `json:"count"`
	// Marks locate a change: the CRC-64 of each sealed entry's encoding,
	// as 16 lower-case hex digits per entry (16*Count digits in all; see
	// SealAlgorithm). Seal.Head alone proves the record intact; the marks
	// name the first entry that differs when it is not.
	Marks string `json:"marks"`
}

// Seal is a hash chain over the evidence log and every history (ISO 19011
// 5.5.7, integrity), made by SealRecord as SealAlgorithm describes.
// VerifySeal detects any change, removal or reordering of sealed entries;
// entries appended after sealing are allowed (logs are append-only).
type Seal struct {
	Algorithm string      `json:"algorithm"`
	At        time.Time   `json:"at"`
	By        string      `json:"by"`
	Logs      []SealedLog `json:"logs"`
	// Head is the last link of the chain, as 64 lower-case hex digits: it
	// binds every sealed entry, every log's name, count and marks, the
	// audit's id, At and By.
	Head string `json:"head"`
}
