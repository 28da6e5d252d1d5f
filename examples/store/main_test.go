package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismsaudit/ismsaudit/examples/store/refstore"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "audits.db")
	code, out, errs := runArgs("-db", db)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	for _, want := range []string{
		"store: SQLite database " + db + "\n",
		"Saved internal audit IA-2026-01 of Northwind Analytics Ltd (closed) as revision 1; format version: ",
		"  northwind-audit-lead saves against revision 1: revision 2\n",
		"  northwind-quality-review saves against revision 1: refused (*refstore.ConflictError), the store holds revision 2\n",
		"  northwind-quality-review loads revision 2, signs again and saves: revision 3\n",
		"  revision 3 carries both signatures: northwind-audit-lead and northwind-quality-review\n",
		"  | head 1\n",
		"  | — northwind-audit-lead ",
		"A record with seal head 1's hash rewritten: refused (*refstore.HeadError)",
		"  open nonconformities by criterion: 0\n",
		"  overdue corrective actions: 0\n",
		"  audits planned in 2026-Q1 (2026-01-01 to 2026-03-31): 1\n",
		"    IA-2026-01 internal of Northwind Analytics Ltd, 2026-03-02 to 2026-03-05, closed, revision 3\n",
	} {
		assert.Contains(t, out, want)
	}

	// The database holds what the program says.
	s, err := refstore.OpenSQLite(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	a, rev, err := s.Load(context.Background(), "IA-2026-01")
	require.NoError(t, err)
	assert.Equal(t, int64(3), rev)
	assert.Equal(t, []string{"northwind-audit-lead", "northwind-quality-review"}, a.Seal.Signers(1))

	// The same output on every run, apart from the database's path.
	db2 := filepath.Join(t.TempDir(), "other.db")
	code, out2, _ := runArgs("-db", db2)
	require.Equal(t, 0, code)
	assert.Equal(t, out, strings.Replace(out2, db2, db, 1))

	// A database that holds the audit already is refused.
	code, _, errs = runArgs("-db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "already holds audit IA-2026-01 (revision 3)")
}

func TestStoreDefaultTempDir(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	code, out, errs := runArgs()
	require.Equal(t, 0, code, errs)
	first, _, _ := strings.Cut(out, "\n")
	path := strings.TrimPrefix(first, "store: SQLite database ")
	assert.True(t, strings.HasPrefix(path, os.Getenv("TMPDIR")), path)
	assert.FileExists(t, path)
}

func TestStorePostgres(t *testing.T) {
	dsn := os.Getenv("ISMSAUDIT_PG_DSN")
	if dsn == "" {
		t.Skip("set ISMSAUDIT_PG_DSN to run the program on PostgreSQL (refstore's tests fail under CI without it)")
	}
	// The program's audit id is fixed: run it in a schema of its own.
	s, err := refstore.OpenPostgres(context.Background(), dsn)
	require.NoError(t, err)
	schema := "store_main_test"
	_, err = s.DB().Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		s.DB().Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
		s.Close()
	})
	if strings.Contains(dsn, "://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "search_path=" + schema
	} else {
		dsn += " search_path=" + schema
	}
	code, out, errs := runArgs("-pg", dsn)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "store: PostgreSQL\n")
	assert.Contains(t, out, "  northwind-quality-review saves against revision 1: refused (*refstore.ConflictError), the store holds revision 2\n")
	assert.Contains(t, out, "    IA-2026-01 internal of Northwind Analytics Ltd, 2026-03-02 to 2026-03-05, closed, revision 3\n")
}

func TestUsage(t *testing.T) {
	code, _, errs := runArgs("-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "usage: store [flags]")
	code, _, _ = runArgs("-no-such-flag")
	assert.Equal(t, 2, code)
	code, _, errs = runArgs("-db", "x.db", "-pg", "host=/tmp")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "-db and -pg exclude each other")
	code, _, _ = runArgs("stray")
	assert.Equal(t, 2, code)
}
