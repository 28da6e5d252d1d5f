//go:build !unix

package report

// arCPUTime is not measured on this platform.
func arCPUTime() int64 { return 0 }
