package audit

import (
	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// NewOptions are what an audit record starts with.
type NewOptions struct {
	// ID is the host's id for the audit; required.
	ID ID `json:"id"`
	// Kind is the kind of audit; required.
	Kind annexa.AuditKind `json:"kind"`
	// Client is who asked for the audit; required.
	Client string `json:"client"`
	// Auditee is the organization audited; required.
	Auditee string `json:"auditee"`
	// Programme is the host's id of the audit programme, if any.
	Programme string `json:"programme,omitempty"`
	// Baseline is the previous audit this one follows up, if any.
	Baseline ID `json:"baseline,omitempty"`
}

// New starts an audit record in StateInitiation. m says when and by whom
// the record was created. Every problem with the options is reported at
// once in a *ismsaudit.ValidationError.
func New(opts NewOptions, m ismsaudit.Meta) (*Audit, error) {
	col := newCollector("new audit")
	required := func(path, value, what string) {
		if isBlank(value) {
			col.Add(path, "required", "", what)
		}
	}
	required("ID", string(opts.ID), "the host's id for the audit")
	required("Client", opts.Client, "who asked for the audit (the audit client)")
	required("Auditee", opts.Auditee, "the organization audited")
	switch {
	case opts.Kind == "":
		col.Add("Kind", "required", "", "the kind of audit")
	case !opts.Kind.IsValid():
		col.Add("Kind", "enum", string(opts.Kind), "not an audit kind")
	}
	if opts.Baseline != "" && opts.Baseline == opts.ID {
		col.Add("Baseline", "self-baseline", string(opts.Baseline), "an audit cannot be its own baseline")
	}
	if m.At.IsZero() {
		col.Add("Meta.At", "required", "", "when the record was created")
	}
	required("Meta.By", m.By, "who created the record")
	if err := col.Err(); err != nil {
		return nil, err
	}
	return &Audit{
		ID: opts.ID, Kind: opts.Kind, Client: opts.Client, Auditee: opts.Auditee,
		Programme: opts.Programme, Baseline: opts.Baseline,
		CreatedAt: m.At, CreatedBy: m.By,
		State: auditMachine.Initial(), History: []Entry{},
	}, nil
}

// IsCertification reports whether the audit is a third-party
// certification audit (stage 1, stage 2, surveillance, recertification or
// special), for which conclusions carry a recommendation.
func (a *Audit) IsCertification() bool {
	switch a.Kind {
	case annexa.Stage1, annexa.Stage2, annexa.Surveillance, annexa.Recertification, annexa.Special:
		return true
	}
	return false
}
