package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIsBlank checks the early-stopping blank test against
// strings.TrimSpace, for ASCII and other white space.
func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "x", " x", "x ", "\u00a0", " \u0085 ", "\u2003x", "é", " é", "\u00a0\u00a0\t", "\x80", " \xff"} {
		assert.Equal(t, strings.TrimSpace(s) == "", isBlank(s), "%q", s)
	}
}

// TestRefValid checks the allocation-free reference check Verify
// uses against annexa.Ref.Validate.
func TestRefValid(t *testing.T) {
	for _, r := range []annexa.Ref{
		controlA815, clause92, policyRef, annexa.RefToControl("9.9"), annexa.RefToClause("11"), annexa.RefToClause("4"),
		annexa.RefToDocument(" "), annexa.RefToDocument(""), {ID: "5.1"}, {Kind: "paragraph", ID: "1"},
		annexa.RefToControl("A.5.1"), annexa.RefToControl("05.1"), annexa.RefToClause("9.2.1"),
	} {
		assert.Equal(t, r.Validate() == nil, refValid(r), "%+v", r)
	}
}

// TestPayloadAuthorAndTimeDefaultToMeta checks that a payload's own
// author and time, left empty, are the operation's Meta, and that given
// ones are kept.
func TestPayloadAuthorAndTimeDefaultToMeta(t *testing.T) {
	m := byLead(march(2, 13))
	earlier := march(2, 10)
	t.Run("contact", func(t *testing.T) {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.EstablishContact(Contact{Person: "Carl"}, m))
		assert.Equal(t, Contact{Person: "Carl", EstablishedAt: m.At, EstablishedBy: m.By}, *a.Contact)
		require.NoError(t, a.EstablishContact(Contact{Person: "Carl", EstablishedAt: earlier, EstablishedBy: "ana"}, m))
		assert.Equal(t, Contact{Person: "Carl", EstablishedAt: earlier, EstablishedBy: "ana"}, *a.Contact)
	})
	t.Run("feasibility", func(t *testing.T) {
		a := auditIn(t, StateInitiation)
		require.NoError(t, a.DecideFeasibility(Feasibility{Information: true, Cooperation: true, TimeAndResources: true}, m))
		assert.Equal(t, m.At, a.Feasibility.DecidedAt)
		assert.Equal(t, m.By, a.Feasibility.DecidedBy)
	})
	t.Run("evidence", func(t *testing.T) {
		a := evidenceAudit(StateFieldwork)
		e := newItem("E-9")
		e.CollectedAt, e.CollectedBy = time.Time{}, ""
		at := byLead(march(16, 12))
		require.NoError(t, a.CollectEvidence(e, at))
		got, ok := a.EvidenceItem("E-9")
		require.True(t, ok)
		assert.Equal(t, at.At, got.CollectedAt)
		assert.Equal(t, at.By, got.CollectedBy)
	})
	t.Run("finding", func(t *testing.T) {
		a := stage2Audit(t, StateFieldwork)
		f := observation("F-9", controlA51)
		f.RaisedAt, f.RaisedBy = time.Time{}, ""
		at := ismsaudit.Meta{At: a.latest().Add(time.Hour), By: "ana"}
		require.NoError(t, a.AddFinding(f, at))
		got, ok := a.Finding("F-9")
		require.True(t, ok)
		assert.Equal(t, at.At, got.RaisedAt)
		assert.Equal(t, "ana", got.RaisedBy)
	})
	t.Run("opening meeting", func(t *testing.T) {
		a := auditIn(t, StatePreparation)
		at := ismsaudit.Meta{At: a.latest().Add(time.Hour), By: "lead"}
		require.NoError(t, a.HoldOpeningMeeting(OpeningMeeting{Attendees: []Attendee{{Name: "Carl"}}, PlanConfirmed: true, ScopeConfirmed: true, RolesExplained: true}, at))
		assert.Equal(t, at.At, a.Opening.HeldAt)
	})
}
