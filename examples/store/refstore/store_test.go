package refstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/annexa"
	"github.com/ismsaudit/ismsaudit/audit"
	"github.com/ismsaudit/ismsaudit/audit/audittest"
	"github.com/ismsaudit/ismsaudit/examples/internal/sample"
	"github.com/ismsaudit/ismsaudit/examples/store/refstore"
)

// dsnEnv names the PostgreSQL connection string the tests run on as well
// as SQLite; .ci/run sets it.
const dsnEnv = "ISMSAUDIT_PG_DSN"

// backend opens a new, empty store for one test.
type backend struct {
	name string
	open func(t testing.TB) *refstore.Store
}

// backends returns SQLite always and PostgreSQL when ISMSAUDIT_PG_DSN is
// set. Under CI (env CI set) a missing DSN fails the test: CI runs the
// PostgreSQL tests and must not skip them.
func backends(t *testing.T) []backend {
	bs := []backend{{"sqlite", openSQLite}}
	if os.Getenv(dsnEnv) != "" {
		bs = append(bs, backend{"postgres", openPostgres})
	} else if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %s is not: .ci/run starts PostgreSQL and sets it; the PostgreSQL tests must not be skipped in CI", dsnEnv)
	} else {
		t.Logf("PostgreSQL not tested: set %s to a connection string (e.g. postgres://user@localhost:5432/db) to run these tests on PostgreSQL too", dsnEnv)
	}
	return bs
}

// run runs f as a subtest on every backend.
func run(t *testing.T, f func(t *testing.T, s *refstore.Store)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { f(t, b.open(t)) })
	}
}

func openSQLite(t testing.TB) *refstore.Store {
	s, err := refstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

var schemas atomic.Int64

// openPostgres opens a store in a schema of its own, dropped at the end.
func openPostgres(t testing.TB) *refstore.Store {
	dsn := os.Getenv(dsnEnv)
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("refstore_test_%d_%d", os.Getpid(), schemas.Add(1))
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err, "creating a schema on %s", dsnEnv)
	t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	} else {
		dsn += " search_path=" + schema
	}
	s, err := refstore.OpenPostgres(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// internalAudit is the sample internal audit, closed and sealed.
func internalAudit(t testing.TB) *audit.Audit {
	a, err := sample.Conduct(sample.InternalAudit())
	require.NoError(t, err)
	return a
}

// TestPostgres says whether the tests ran on PostgreSQL: it skips, with
// the reason, when they did not, and fails under CI.
func TestPostgres(t *testing.T) {
	if os.Getenv(dsnEnv) == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not: .ci/run starts PostgreSQL and sets it", dsnEnv)
		}
		t.Skipf("PostgreSQL not tested: set %s to a connection string (e.g. postgres://user@localhost:5432/db)", dsnEnv)
	}
	s := openPostgres(t)
	var version string
	require.NoError(t, s.DB().QueryRow("SHOW server_version").Scan(&version))
	t.Logf("PostgreSQL %s", version)
}

func TestSaveLoad(t *testing.T) {
	run(t, func(t *testing.T, s *refstore.Store) {
		ctx := context.Background()
		a := internalAudit(t)
		rev, err := s.Save(ctx, a, 0)
		require.NoError(t, err)
		assert.Equal(t, int64(1), rev)

		got, rev, err := s.Load(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, int64(1), rev)
		if diff := cmp.Diff(a, got); diff != "" {
			t.Errorf("loaded audit mismatch (-want +got):\n%s", diff)
		}

		// The format version is the document's envelope's.
		version, ok, err := s.FormatVersion(ctx, a.ID)
		require.NoError(t, err)
		assert.True(t, ok)
		assert.Equal(t, ismsaudit.CurrentFormat.String(), version)

		// A version 0 document (no envelope) has none.
		old := internalAudit(t)
		old.ID, old.DocumentKind, old.FormatVersion = "A-VERSION-0", "", 0
		_, err = s.Save(ctx, old, 0)
		require.NoError(t, err)
		_, ok, err = s.FormatVersion(ctx, old.ID)
		require.NoError(t, err)
		assert.False(t, ok)

		_, _, err = s.Load(ctx, "NO-SUCH-AUDIT")
		var nf *ismsaudit.NotFoundError
		require.ErrorAs(t, err, &nf)
		assert.Equal(t, "NO-SUCH-AUDIT", nf.ID)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	})
}

func TestStaleSaveRefused(t *testing.T) {
	run(t, func(t *testing.T, s *refstore.Store) {
		ctx := context.Background()
		a := internalAudit(t)
		_, err := s.Save(ctx, a, 0)
		require.NoError(t, err)

		// Two holders load revision 1; the first saves, the second is
		// refused and changes nothing.
		first, rev1, err := s.Load(ctx, a.ID)
		require.NoError(t, err)
		second, _, err := s.Load(ctx, a.ID)
		require.NoError(t, err)
		first.Client = "the first holder's edit"
		second.Client = "the second holder's edit"
		rev2, err := s.Save(ctx, first, rev1)
		require.NoError(t, err)
		assert.Equal(t, int64(2), rev2)

		for _, tc := range []struct {
			name     string
			a        *audit.Audit
			expected int64
			found    int64
		}{
			{"stale revision", second, rev1, 2},
			{"a new audit that is stored already", second, 0, 2},
			{"a revision from the future", second, 7, 2},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Save(ctx, tc.a, tc.expected)
				require.ErrorIs(t, err, refstore.ErrConflict)
				var ce *refstore.ConflictError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, refstore.ConflictError{Audit: a.ID, Expected: tc.expected, Found: tc.found}, *ce)

				got, rev, err := s.Load(ctx, a.ID)
				require.NoError(t, err)
				assert.Equal(t, int64(2), rev)
				if diff := cmp.Diff(first, got); diff != "" {
					t.Errorf("stored audit changed by a refused save (-want +got):\n%s", diff)
				}
			})
		}

		other := internalAudit(t)
		other.ID = "NOT-STORED"
		_, err = s.Save(ctx, other, 3)
		var ce *refstore.ConflictError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, refstore.ConflictError{Audit: "NOT-STORED", Expected: 3, Found: 0}, *ce)
		_, _, err = s.Load(ctx, "NOT-STORED")
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)
	})
}

func TestSealHeadsAppendOnly(t *testing.T) {
	run(t, func(t *testing.T, s *refstore.Store) {
		ctx := context.Background()
		a := internalAudit(t)
		require.NotNil(t, a.Seal)
		skey, vkey, err := note.GenerateKey(rand.Reader, "test-lead")
		require.NoError(t, err)
		signer, err := note.NewSigner(skey)
		require.NoError(t, err)
		verifier, err := note.NewVerifier(vkey)
		require.NoError(t, err)
		require.NoError(t, a.SignSeal(signer))
		rev, err := s.Save(ctx, a, 0)
		require.NoError(t, err)

		// Every head comes back as the record's signed note, and opens.
		for _, h := range a.Seal.Heads {
			want, ok := a.Note(h.Number)
			require.True(t, ok)
			got, err := s.Note(ctx, a.ID, h.Number)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		}
		last, _ := a.Seal.Last()
		n, err := s.Note(ctx, a.ID, last.Number)
		require.NoError(t, err)
		opened, err := note.Open(n, note.VerifierList(verifier))
		require.NoError(t, err)
		assert.Len(t, opened.Sigs, 1)
		_, err = s.Note(ctx, a.ID, last.Number+1)
		require.ErrorIs(t, err, ismsaudit.ErrNotFound)

		// A second signature later is added, the first kept.
		skey2, _, err := note.GenerateKey(rand.Reader, "test-reviewer")
		require.NoError(t, err)
		signer2, err := note.NewSigner(skey2)
		require.NoError(t, err)
		require.NoError(t, a.SignSeal(signer2))
		rev, err = s.Save(ctx, a, rev)
		require.NoError(t, err)
		want, _ := a.Note(last.Number)
		got, err := s.Note(ctx, a.ID, last.Number)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))

		// A record that contradicts a stored head is refused, whatever
		// else it carries, and nothing changes.
		for _, tc := range []struct {
			name   string
			edit   func(b *audit.Audit)
			record string
		}{
			{"another hash", func(b *audit.Audit) { b.Seal.Heads[0].Head = strings.Repeat("0", 64) }, strings.Repeat("0", 64)},
			{"the seal dropped", func(b *audit.Audit) { b.Seal = nil }, ""},
			{"the heads dropped", func(b *audit.Audit) { b.Seal.Heads = nil }, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				b, _, err := s.Load(ctx, a.ID)
				require.NoError(t, err)
				tc.edit(b)
				_, err = s.Save(ctx, b, rev)
				require.ErrorIs(t, err, refstore.ErrHeadContradicted)
				var he *refstore.HeadError
				require.ErrorAs(t, err, &he)
				assert.Equal(t, refstore.HeadError{Audit: a.ID, Number: 1, Stored: a.Seal.Heads[0].Head, Record: tc.record}, *he)
				got, gotRev, err := s.Load(ctx, a.ID)
				require.NoError(t, err)
				assert.Equal(t, rev, gotRev)
				if diff := cmp.Diff(a, got); diff != "" {
					t.Errorf("stored audit changed by a refused save (-want +got):\n%s", diff)
				}
			})
		}

		// The database itself refuses to change or remove a head or a
		// signature.
		for _, stmt := range []string{
			`UPDATE seal_heads SET head = 'x'`,
			`DELETE FROM seal_heads`,
			`UPDATE seal_signatures SET signature = 'x'`,
			`DELETE FROM seal_signatures`,
		} {
			_, err := s.DB().ExecContext(ctx, stmt)
			assert.Error(t, err, stmt)
		}
		got, err = s.Note(ctx, a.ID, last.Number)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	})
}

// day is when the queries are asked in TestQueries: after the sample
// audit closed, while the builder's audits follow up.
var day = time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)

func TestQueries(t *testing.T) {
	run(t, func(t *testing.T, s *refstore.Store) {
		ctx := context.Background()
		audits := []*audit.Audit{internalAudit(t)}
		for i, through := range []audit.State{audit.StateFieldwork, audit.StateClosing, audit.StateFollowUp, audit.StateClosed} {
			audits = append(audits, audittest.NewBuilder(t, &audittest.Options{
				ID:       ismsaudit.AuditID(fmt.Sprintf("B-%d-%s", i, through)),
				Auditee:  fmt.Sprintf("Auditee %d", i),
				Start:    time.Date(2026, time.Month(3+3*i), 2, 9, 0, 0, 0, time.UTC),
				Findings: &audittest.Findings{Major: 1, Minor: 2, Conformities: 1},
				Through:  through,
			}).Build())
		}
		for _, a := range audits {
			_, err := s.Save(ctx, a, 0)
			require.NoError(t, err, a.ID)
		}

		// The open nonconformities are the library's: standing, and
		// their follow-up not closed.
		var want []refstore.OpenNonconformity
		for _, a := range audits {
			for f := range a.Nonconformities() {
				if u, ok := a.FollowUpFor(f.ID); ok && u.State == audit.FollowUpClosed {
					continue
				}
				for _, c := range f.Criteria {
					want = append(want, refstore.OpenNonconformity{Audit: a.ID, Auditee: a.Auditee, Finding: f.ID, Criterion: c, Grade: f.Grade})
				}
			}
		}
		require.NotEmpty(t, want)
		got, err := s.OpenNonconformities(ctx, annexa.Ref{})
		require.NoError(t, err)
		sortOpen(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("open nonconformities mismatch (-want +got):\n%s", diff)
		}
		one := want[0].Criterion
		got, err = s.OpenNonconformities(ctx, one)
		require.NoError(t, err)
		require.NotEmpty(t, got)
		for _, nc := range got {
			assert.Equal(t, one, nc.Criterion)
		}

		// The overdue actions are the library's (Audit.Overdue), at
		// several times.
		for _, at := range []time.Time{day, day.AddDate(0, 6, 0), day.AddDate(2, 0, 0)} {
			var want []refstore.OverdueAction
			for _, a := range audits {
				for _, u := range a.Overdue(at) {
					want = append(want, refstore.OverdueAction{Audit: a.ID, Auditee: a.Auditee, Finding: u.Finding, State: u.State, DueAt: u.DueAt})
				}
			}
			got, err := s.OverdueActions(ctx, at)
			require.NoError(t, err)
			sortOverdue(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("overdue actions at %s mismatch (-want +got):\n%s", at, diff)
			}
		}

		// The audits due in a quarter are those whose plan meets it.
		for _, at := range []time.Time{audits[0].Plan.Content.Start, day, day.AddDate(0, 3, 0)} {
			from, to := refstore.Quarter(at)
			var want []refstore.DueAudit
			for _, a := range audits {
				if a.Plan == nil {
					continue
				}
				p := a.Plan.Content
				if p.Start.Before(to) && !p.End.Before(from) {
					want = append(want, refstore.DueAudit{Audit: a.ID, Kind: a.Kind, Auditee: a.Auditee, State: a.State, Start: p.Start, End: p.End, Revision: 1})
				}
			}
			require.NotEmpty(t, want, "no audit planned in [%s, %s)", from, to)
			got, err := s.AuditsDue(ctx, from, to)
			require.NoError(t, err)
			sortDue(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("audits due in [%s, %s) mismatch (-want +got):\n%s", from, to, diff)
			}
		}
	})
}

func TestQuarter(t *testing.T) {
	for _, tc := range []struct {
		at       time.Time
		from, to time.Time
	}{
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 6, 30, 23, 59, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		from, to := refstore.Quarter(tc.at)
		assert.Equal(t, tc.from, from, tc.at)
		assert.Equal(t, tc.to, to, tc.at)
	}
}

// TestConcurrentSaves has many goroutines save the same audit: each loads,
// collects one evidence item, saves against the revision it loaded and, when
// refused, loads again and retries. Exactly one save wins each revision, and
// every item is in the final record: no update is lost.
func TestConcurrentSaves(t *testing.T) {
	run(t, func(t *testing.T, s *refstore.Store) {
		ctx := context.Background()
		b := audittest.NewBuilder(t, &audittest.Options{Through: audit.StateFollowUp, Findings: &audittest.Findings{Minor: 1}})
		a := b.Build()
		const goroutines, each = 8, 5

		// A new audit: of many first saves, one wins.
		var wins atomic.Int64
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				_, err := s.Save(ctx, a, 0)
				if err == nil {
					wins.Add(1)
				} else if !assert.ErrorIs(t, err, refstore.ErrConflict) {
					return
				}
			})
		}
		wg.Wait()
		require.Equal(t, int64(1), wins.Load())

		criterion := a.Plan.Content.Criteria[0].Ref
		at := a.History[len(a.History)-1].At.Add(time.Hour)
		var (
			mu        sync.Mutex
			won       = map[int64]string{}
			conflicts atomic.Int64
		)
		for g := range goroutines {
			wg.Go(func() {
				for k := range each {
					id := ismsaudit.EvidenceID(fmt.Sprintf("E-G%d-%d", g, k))
					for {
						cur, rev, err := s.Load(ctx, a.ID)
						if !assert.NoError(t, err) {
							return
						}
						err = cur.CollectEvidence(audit.Evidence{
							ID: id, Source: audit.SourceDocument, Description: "collected by goroutine " + fmt.Sprint(g),
							Supports: []annexa.Ref{criterion}, CollectedBy: audittest.Auditor, CollectedAt: at,
							Confidentiality: audit.ConfidentialityInternal,
						}, ismsaudit.Meta{At: at, By: audittest.Auditor})
						if !assert.NoError(t, err) {
							return
						}
						newRev, err := s.Save(ctx, cur, rev)
						if err == nil {
							mu.Lock()
							if prev, ok := won[newRev]; ok {
								t.Errorf("revision %d won twice: by %s and %s", newRev, prev, id)
							}
							won[newRev] = string(id)
							mu.Unlock()
							break
						}
						var ce *refstore.ConflictError
						if !assert.ErrorAs(t, err, &ce) {
							return
						}
						assert.Equal(t, rev, ce.Expected)
						assert.Greater(t, ce.Found, rev)
						conflicts.Add(1)
					}
				}
			})
		}
		wg.Wait()

		final, rev, err := s.Load(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, int64(1+goroutines*each), rev)
		assert.Len(t, won, goroutines*each)
		for r := int64(2); r <= rev; r++ {
			assert.Contains(t, won, r, "no save won revision %d", r)
		}
		for g := range goroutines {
			for k := range each {
				_, ok := final.EvidenceItem(ismsaudit.EvidenceID(fmt.Sprintf("E-G%d-%d", g, k)))
				assert.True(t, ok, "E-G%d-%d lost", g, k)
			}
		}
		assert.Len(t, final.Evidence, len(a.Evidence)+goroutines*each)
		t.Logf("%d saves won, %d refused as stale", len(won), conflicts.Load())
	})
}
