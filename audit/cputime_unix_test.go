//go:build unix

package audit

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used.
// Benchmarks report it per operation next to wall time, as wall time
// means little on a machine other work is keeping busy.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
