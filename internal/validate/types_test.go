package validate_test

import (
	"time"

	"github.com/ismsaudit/ismsaudit/internal/enum"
)

// Test enumerations, written the way ismsaudit packages write theirs.

type kind string

var kindSet = enum.New("testpkg", "Kind", kind("document"), kind("record"), kind("interview"))

func (k kind) IsValid() bool                 { return kindSet.Valid(k) }
func (k kind) MarshalText() ([]byte, error)  { return kindSet.Marshal(k) }
func (k *kind) UnmarshalText(b []byte) error { return kindSet.Unmarshal(b, k) }

type applicability string

var applicabilitySet = enum.New("testpkg", "Applicability", applicability("applicable"), applicability("excluded"))

func (a applicability) IsValid() bool                 { return applicabilitySet.Valid(a) }
func (a applicability) MarshalText() ([]byte, error)  { return applicabilitySet.Marshal(a) }
func (a *applicability) UnmarshalText(b []byte) error { return applicabilitySet.Unmarshal(b, a) }

// decision and soa are a small input shaped like the real ones: enums,
// slices of structs, a map, a time, a pointer, an interface.
type decision struct {
	Control       string        `json:"control" validate:"required"`
	Applicability applicability `json:"applicability" validate:"required,enum"`
	Justification string        `json:"justification,omitempty" validate:"max=20"`
	Since         time.Time     `json:"since"`
	Score         int8          `json:"score" validate:"gte=0"`
}

type soa struct {
	Org       string          `json:"org" validate:"required"`
	Owner     *kind           `json:"owner,omitempty" validate:"omitempty,enum"`
	Decisions []decision      `json:"decisions" validate:"min=1,dive"`
	Tags      map[string]kind `json:"tags,omitempty" validate:"dive,enum"`
	Ratio     float32         `json:"ratio,omitempty"`
	Count     uint16          `json:"count,omitempty"`
	Done      bool            `json:"done,omitempty"`
	Extra     any             `json:"extra,omitempty"`
	Hidden    string          `json:"-"`
	Plain     string          // no tag: matched by name, case-insensitively
}
