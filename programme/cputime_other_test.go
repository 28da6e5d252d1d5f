//go:build !unix

package programme_test

import "time"

// prCPUTime is not measured here; benchmarks then report no CPU time.
func prCPUTime() time.Duration { return 0 }
