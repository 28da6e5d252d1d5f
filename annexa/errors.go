package annexa

import (
	"errors"

	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// Sentinels shared by every ismsaudit package (the same values), so that
// errors.Is works across packages.

func asNotFound(err error, target **errs.NotFoundError) bool { return errors.As(err, target) }
