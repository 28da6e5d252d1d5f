package audit

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
)

// Fixtures of the evidence area. Records are built with struct literals so
// that these tests depend on nothing but the evidence code.

// evAt returns 2026-03-<day> <hour>:00 UTC.
func evAt(day, hour int) time.Time { return time.Date(2026, time.March, day, hour, 0, 0, 0, time.UTC) }

// evMeta is a ismsaudit.Meta at evAt(day, hour) by the lead auditor.
func evMeta(day, hour int) ismsaudit.Meta { return ismsaudit.Meta{At: evAt(day, hour), By: "lead"} }

// The plan's criteria.
var (
	evClause92  = annexa.RefToClause("9.2.1")
	evControl   = annexa.RefToControl("5.15")
	evControl2  = annexa.RefToControl("8.5")
	evPolicy    = annexa.RefToDocument("access-policy")
	evNotInPlan = annexa.RefToControl("7.1")
)

// evAudit returns an audit in the given state with an approved,
// communicated plan over four criteria, a statistical and a judgemental
// sampling plan, and an empty evidence log.
func evAudit(state State) *Audit {
	return &Audit{
		ID: "A-1", Kind: annexa.Internal, Client: "Board", Auditee: "Acme", CreatedAt: evAt(1, 9), CreatedBy: "lead",
		State: state,
		History: []Entry{
			{From: StateInitiation, Event: EventPrepare, To: StatePreparation, At: evAt(2, 9), By: "lead"},
			{From: StatePreparation, Event: EventOpen, To: StateFieldwork, At: evAt(10, 9), By: "lead"},
		},
		Plan: &Plan{
			State: PlanCommunicated,
			Content: PlanContent{
				Objectives: []string{"conformity of access control"},
				Criteria:   []Criterion{{Ref: evClause92}, {Ref: evControl}, {Ref: evControl2}, {Ref: evPolicy, Title: "Access policy"}},
			},
			History: []PlanEntry{
				{From: PlanDraft, Event: PlanApprove, To: PlanApproved, At: evAt(5, 9), By: "lead"},
				{From: PlanApproved, Event: PlanCommunicate, To: PlanCommunicated, At: evAt(6, 9), By: "lead"},
			},
		},
		Sampling: []SamplingPlan{
			evStatPlan("S-1"),
			{
				ID: "S-2", Purpose: "privileged accounts reviewed", Population: Population{Items: []string{"root", "admin", "backup", "deploy"}},
				Frame: "directory export of 2026-03-01", Method: Judgemental, Size: 2, Rationale: "the two accounts with the widest rights",
			},
		},
	}
}

// evStatPlan is a statistical plan over twenty leavers, one excluded.
func evStatPlan(id string) SamplingPlan {
	items := make([]string, 20)
	for i := range items {
		items[i] = fmt.Sprintf("leaver-%02d", i+1)
	}
	return SamplingPlan{
		ID: id, Purpose: "leavers' access removed", Population: Population{Items: items},
		Frame: "HR leavers list, 2025", Method: Statistical, Size: 5, Exclusions: []string{"leaver-07"}, Seed: 42,
		Rationale: "five of nineteen, per the programme's sampling table; leaver-07 is still in notice",
	}
}

// evItem is a valid evidence item for CollectEvidence.
func evItem(id ismsaudit.EvidenceID) Evidence {
	return Evidence{
		ID: id, Source: SourceRecord, Description: "access removal tickets for leavers",
		Supports:    []annexa.Ref{evControl},
		CollectedBy: "auditor-1", CollectedAt: evAt(11, 10),
		Covers:          &Period{From: evAt(1, 0).AddDate(-1, 0, 0), To: evAt(1, 0)},
		Sampling:        &SampleRecord{Plan: "S-1", Population: "leavers 2025", PopulationSize: 20, SampleSize: 5, Method: Statistical},
		Confidentiality: ConfidentialityInternal,
		Digest:          DigestOf([]byte("tickets.csv")),
	}
}

// evLogged is the item as the log keeps it after CollectEvidence, moved
// along the events given (each an hour apart from 12:00 on March 11).
func evLogged(id ismsaudit.EvidenceID, events ...EvidenceEvent) Evidence {
	e := evItem(id)
	e.State = EvidenceCollected
	e.History = []EvidenceEntry{}
	for i, ev := range events {
		to, ok := evidenceMachine.Next(e.State, ev)
		if !ok {
			panic(fmt.Sprintf("evLogged: no transition (%s, %s)", e.State, ev))
		}
		note := ""
		if ev == EvidenceReject {
			note = "unreadable export"
		}
		e.History = append(e.History, EvidenceEntry{From: e.State, Event: ev, To: to, At: evAt(11, 12+i), By: "lead", Note: note})
		e.State = to
	}
	return e
}

// evInState returns a logged item whose history leads to state s (a
// superseded item needs a successor in the log: see evWithItem).
func evInState(id ismsaudit.EvidenceID, s EvidenceState) Evidence {
	switch s {
	case EvidenceVerified:
		return evLogged(id, EvidenceVerify)
	case EvidenceRejected:
		return evLogged(id, EvidenceReject)
	case EvidenceSuperseded:
		return evLogged(id, EvidenceVerify, EvidenceSupersede)
	}
	return evLogged(id)
}

// evWithItem returns an audit in fieldwork whose log holds E-1 in state s
// (and, when s is superseded, its correcting item E-1b).
func evWithItem(s EvidenceState) *Audit {
	a := evAudit(StateFieldwork)
	a.Evidence = []Evidence{evInState("E-1", s)}
	if s == EvidenceSuperseded {
		next := evLogged("E-1b")
		next.Supersedes = "E-1"
		a.Evidence = append(a.Evidence, next)
	}
	return a
}

// evDeepCopy copies v so that the copy shares no memory with it (for
// before/after comparisons of refused operations).
func evDeepCopy[T any](v T) T {
	return evCopyValue(reflect.ValueOf(&v)).Elem().Interface().(T)
}

func evCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(evCopyValue(v.Elem()))
		return n
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(evCopyValue(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		n := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			n.SetMapIndex(it.Key(), evCopyValue(it.Value()))
		}
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v)
		for i := range v.NumField() {
			if n.Field(i).CanSet() {
				n.Field(i).Set(evCopyValue(v.Field(i)))
			}
		}
		return n
	}
	return v
}

// evUnchanged asserts that a refused operation left the record as it was.
func evUnchanged(t *testing.T, before, after *Audit) {
	t.Helper()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("a refused operation changed the record: mismatch (-want +got):\n%s", diff)
	}
}

// evRequireInvalid asserts err is a *ismsaudit.ValidationError holding (path, rule)
// for every pair given, and returns it.
func evRequireInvalid(t *testing.T, err error, pathRules ...[2]string) *ismsaudit.ValidationError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrInvalid)
	var ve *ismsaudit.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, pr := range pathRules {
		require.Truef(t, ve.Has(pr[0], ismsaudit.RuleID(pr[1])), "want a problem %s at %q; got %v", pr[1], pr[0], ve.Fields)
	}
	return ve
}

// evRequireRefused asserts err is a *ismsaudit.TransitionError with the given
// reason and rule ("" for none), and returns it.
func evRequireRefused(t *testing.T, err error, reason ismsaudit.Reason, rule ismsaudit.RuleID) *ismsaudit.TransitionError {
	t.Helper()
	require.ErrorIs(t, err, ismsaudit.ErrTransition)
	var te *ismsaudit.TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, reason, te.Reason, "reason of %v", err)
	require.Equal(t, rule, te.Rule, "rule of %v", err)
	return te
}

// evVerify runs the evidence area's part of Verify (evidence, sampling and
// seal) on a and returns its violations; the other areas' checks are left
// out so that the tests see only what this area reports.
func evVerify(a *Audit) []ismsaudit.FieldError {
	v := newVerifier(a, nil)
	v.verifyEvidence()
	v.verifySeal()
	var ve *ismsaudit.ValidationError
	if errors.As(v.ch.err(), &ve) {
		return ve.Fields
	}
	return nil
}

// evHas reports whether some violation has the path and rule.
func evHas(fields []ismsaudit.FieldError, path string, rule ismsaudit.RuleID) bool {
	for _, f := range fields {
		if f.Path == path && f.Rule == rule {
			return true
		}
	}
	return false
}

// evKeys yields the keys of m.
func evKeys[K comparable, V any](m map[K]V) func(yield func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
