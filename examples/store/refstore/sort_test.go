package refstore_test

import (
	"cmp"
	"slices"

	"github.com/ismsaudit/ismsaudit/examples/store/refstore"
)

func sortOpen(s []refstore.OpenNonconformity) {
	slices.SortStableFunc(s, func(a, b refstore.OpenNonconformity) int {
		return cmp.Or(cmp.Compare(a.Criterion.String(), b.Criterion.String()), cmp.Compare(a.Audit, b.Audit), cmp.Compare(a.Finding, b.Finding))
	})
}

func sortOverdue(s []refstore.OverdueAction) {
	slices.SortStableFunc(s, func(a, b refstore.OverdueAction) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.Audit, b.Audit), cmp.Compare(a.Finding, b.Finding))
	})
}

func sortDue(s []refstore.DueAudit) {
	slices.SortStableFunc(s, func(a, b refstore.DueAudit) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Audit, b.Audit))
	})
}
