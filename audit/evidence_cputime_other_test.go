//go:build !unix

package audit

import "time"

// evCPUTime is not measured here; benchmarks then report 0 CPU time.
func evCPUTime() time.Duration { return 0 }
