package ismsaudit

import "fmt"

// Step is one operation of a record waiting only for its Meta: a method
// value such as a.Prepare, or an operation bound to its payload with
// [With] or [With2]. Steps let a host write a sequence of operations
// (seeding a record, replaying commands from a queue, a test) as a list
// and run it with [Run].
type Step func(Meta) error

// With binds an operation to its payload: With(a.SetTeam, team) is the
// step that calls a.SetTeam(team, m) with the Meta it is run with.
func With[T any](op func(T, Meta) error, v T) Step {
	return func(m Meta) error { return op(v, m) }
}

// With2 binds an operation to its two arguments: With2(a.PlanCorrectiveAction,
// id, plan) is the step that calls a.PlanCorrectiveAction(id, plan, m).
func With2[T, U any](op func(T, U, Meta) error, v T, w U) Step {
	return func(m Meta) error { return op(v, w, m) }
}

// StepError reports the step of a [Run] that was refused. The steps
// before it took effect; the steps after it were not run.
type StepError struct {
	// Step is the refused step's position in the list, from 1.
	Step int
	// Err is the step's error, unchanged: errors.As reaches the
	// *TransitionError or *ValidationError inside.
	Err error
}

// Error names the step and its error.
func (e *StepError) Error() string { return fmt.Sprintf("step %d: %v", e.Step, e.Err) }

// Unwrap returns the step's error.
func (e *StepError) Unwrap() error { return e.Err }

// Run runs the steps in order, each with the Meta next returns when its
// turn comes, and stops at the first refusal, which it returns as a
// *StepError. A refused operation changes nothing, so stopping there
// leaves the record as the last accepted step left it, and the one error
// says what to fix instead of every later step failing in turn. next is
// the host's: the library reads no clock. A nil next or a nil step is
// refused before any step runs, as a *ValidationError naming it.
func Run(next func() Meta, steps ...Step) error {
	var fields []FieldError
	if next == nil {
		fields = append(fields, FieldError{Path: "next", Rule: RuleRequired, Detail: "the Meta of each step"})
	}
	for i, step := range steps {
		if step == nil {
			fields = append(fields, FieldError{Path: fmt.Sprintf("steps[%d]", i), Rule: RuleRequired, Detail: "a step to run"})
		}
	}
	if fields != nil {
		return &ValidationError{Pkg: "ismsaudit", Subject: "steps", Fields: fields}
	}
	for i, step := range steps {
		if err := step(next()); err != nil {
			return &StepError{Step: i + 1, Err: err}
		}
	}
	return nil
}
