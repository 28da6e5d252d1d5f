// Command enumgen generates the wrappers of the ismsaudit enumerations.
//
// A package marks each enumeration with a directive in the type's doc
// comment and asks for generation once, in any of its files:
//
//	//go:generate go run ../internal/enumgen
//
//	// Grade is how serious a nonconformity is.
//	//
//	//ismsaudit:enum Grades ordered
//	type Grade string
//
// Usage:
//
//	enumgen [dir ...]
//
// For each package directory (default ".") enumgen writes enums_gen.go
// with the set of values, the plural sequence function, ParseX and the
// methods IsValid, String, MarshalText, UnmarshalText and, for ordered
// enumerations, Compare; it removes a stale enums_gen.go from a package
// that no longer has enumerations. Package
// github.com/ismsaudit/ismsaudit/internal/enumgen/gen documents the
// directive and the output, and its tests fail when a committed file is
// stale.
//
// Problems are reported on standard error as file:line:column: message.
// The exit code is 0 on success, 1 when a directory has a problem, and 2
// for bad usage.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ismsaudit/ismsaudit/internal/enumgen/gen"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: enumgen [dir ...]\n\nenumgen writes %s in each package directory (default \".\").\n", gen.FileName)
		flag.PrintDefaults()
	}
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	code := 0
	for _, dir := range dirs {
		if err := gen.Write(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}
