// Package validate is the glue between go-playground/validator/v10 and the
// ismsaudit error types: struct tags check the shape of an input, and every
// failure comes back as an ismsaudit.FieldError with a path from the input's
// root, never as one of validator's own types.
//
// Tags in use besides validator's built-ins:
//
//	enum   the field (or, with dive, each element) has an IsValid() bool
//	       method that must report true; empty values fail too, so combine
//	       with omitempty for optional enums.
package validate

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/ismsaudit/ismsaudit"
	"github.com/ismsaudit/ismsaudit/internal/errs"
)

// validity is implemented by every ismsaudit enumeration.
type validity interface{ IsValid() bool }

// engine is created once; validator caches struct metadata behind its own
// locks and is safe for concurrent use. It holds no domain state.
var engine = newEngine()

func newEngine() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	err := v.RegisterValidation("enum", func(fl validator.FieldLevel) bool {
		f := fl.Field()
		if f.CanInterface() {
			if e, ok := f.Interface().(validity); ok {
				return e.IsValid()
			}
		}
		return false
	})
	if err != nil {
		panic(err)
	}
	return v
}

// Struct checks the validate tags of s (a struct or pointer to one) and
// appends every failure to c, with paths prefixed by prefix.
func Struct(c *errs.Collector, prefix string, s any) {
	err := engine.Struct(s)
	if err == nil {
		return
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		c.Add(prefix, "shape", "", err.Error())
		return
	}
	root := reflect.Indirect(reflect.ValueOf(s)).Type().Name() + "."
	for _, fe := range ves {
		c.Add(errs.JoinPath(prefix, strings.TrimPrefix(fe.StructNamespace(), root)), ismsaudit.RuleID(fe.Tag()), valueText(fe.Value()), detail(fe))
	}
}

func valueText(v any) string {
	if v == nil {
		return ""
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Slice, reflect.Map, reflect.Struct, reflect.Pointer, reflect.Array:
		return ""
	}
	if rv.IsZero() {
		return ""
	}
	return fmt.Sprint(v)
}

func detail(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "a value is required"
	case "enum":
		return "not a valid value of the enumeration"
	case "min", "gte":
		return "at least " + fe.Param()
	case "max", "lte":
		return "at most " + fe.Param()
	case "gt":
		return "more than " + fe.Param()
	case "lt":
		return "less than " + fe.Param()
	case "oneof":
		return "one of " + fe.Param()
	case "unique":
		return "values must not repeat"
	case "required_if", "required_with", "required_unless":
		return "required here (" + fe.Param() + ")"
	case "excluded_if", "excluded_unless", "excluded_with":
		return "must be empty here (" + fe.Param() + ")"
	case "hexadecimal":
		return "hexadecimal digits"
	case "len":
		return "length must be " + fe.Param()
	}
	if p := fe.Param(); p != "" {
		return fe.Tag() + "=" + p
	}
	return ""
}
