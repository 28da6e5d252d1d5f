//go:build unix

package report

import "syscall"

// cpuTime returns the CPU time (user and system, all threads) the test
// process has used, in nanoseconds. Benchmarks report it per operation
// next to the wall time, which a loaded machine inflates.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
