// Package errs is the packages' machinery for building the shared error
// types of the root package ismsaudit: a Collector that gathers every
// problem of one input into one *ismsaudit.ValidationError, and the field
// path helpers. Nothing here is seen by hosts.
package errs

import (
	"errors"
	"fmt"

	"github.com/ismsaudit/ismsaudit"
)

// Collector gathers field errors for one ismsaudit.ValidationError. The zero value is
// not usable; use NewCollector.
type Collector struct {
	pkg, subject string
	fields       []ismsaudit.FieldError
}

// NewCollector starts collecting problems for subject in package pkg.
func NewCollector(pkg, subject string) *Collector {
	return &Collector{pkg: pkg, subject: subject}
}

// Add records one problem.
func (c *Collector) Add(path string, rule ismsaudit.RuleID, value, detail string) {
	c.fields = append(c.fields, ismsaudit.FieldError{Path: path, Rule: rule, Value: value, Detail: detail})
}

// AddField records a prepared problem, prefixing its path with prefix
// (joined with a dot unless the path starts with "[").
func (c *Collector) AddField(prefix string, f ismsaudit.FieldError) {
	f.Path = JoinPath(prefix, f.Path)
	c.fields = append(c.fields, f)
}

// Merge adds every problem of err when err is a *ismsaudit.ValidationError (paths
// prefixed with prefix) and otherwise one problem with the given rule and
// the error's text as detail.
func (c *Collector) Merge(prefix string, rule ismsaudit.RuleID, err error) {
	if err == nil {
		return
	}
	var ve *ismsaudit.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		for _, f := range ve.Fields {
			c.AddField(prefix, f)
		}
		return
	}
	c.Add(prefix, rule, "", err.Error())
}

// Len reports how many problems were collected.
func (c *Collector) Len() int { return len(c.fields) }

// Err returns nil when nothing was collected, else the *ismsaudit.ValidationError.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return &ismsaudit.ValidationError{Pkg: c.pkg, Subject: c.subject, Fields: c.fields}
}

// JoinPath joins two field paths: JoinPath("Plan", "Team[2]") is
// "Plan.Team[2]", JoinPath("Items", "[3].Result") is "Items[3].Result".
func JoinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	default:
		return prefix + "." + path
	}
}

// Index renders an element path: Index("Items", 3) is "Items[3]".
func Index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}
