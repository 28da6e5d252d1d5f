package competence

import (
	"slices"
	"strings"
	"time"

	"github.com/ismsaudit/ismsaudit/internal/errs"
	"github.com/ismsaudit/ismsaudit/internal/validate"
)

// MaxNeeds is the most needs one team selection accepts.
const MaxNeeds = 255

// NeedKind says what an audit needs from its team (19011:5.5.4).
//
//ismsaudit:enum NeedKinds
type NeedKind string

// The need kinds. Never reorder.
const (
	// NeedKnowledge: a knowledge area at a level (19011:5.5.4).
	NeedKnowledge NeedKind = "knowledge"
	// NeedSector: knowledge of the auditee's sector (19011:5.5.4,
	// 7.2.3.3).
	NeedSector NeedKind = "sector"
	// NeedTechnicalArea: knowledge of a technical area (19011:5.5.4,
	// 7.2.3.3).
	NeedTechnicalArea NeedKind = "technical-area"
	// NeedLanguage: a language the audit is conducted in; only auditors
	// meet it (19011:5.5.4).
	NeedLanguage NeedKind = "language"
	// NeedLeader: a competent team leader (19011:5.5.5). Reported in a
	// NoTeamError only; every team needs one.
	NeedLeader NeedKind = "leader"
	// NeedTeamSize: the size bounds (19011:5.5.4). Reported in a
	// NoTeamError only.
	NeedTeamSize NeedKind = "team-size"
)

// ExpertMayMeet reports whether a technical expert may meet a need of
// kind k: knowledge, sector and technical area needs (19011:5.5.4).
func (k NeedKind) ExpertMayMeet() bool {
	return k == NeedKnowledge || k == NeedSector || k == NeedTechnicalArea
}

// Need is one thing an audit needs from its team (ISO 19011:2018 5.5.4):
// a knowledge area at a level, a sector, a technical area or a language.
// Kinds leader and team-size only appear in a [NoTeamError].
type Need struct {
	// Kind says what is needed.
	Kind NeedKind `json:"kind" validate:"enum"`
	// Area is the knowledge area of a knowledge need.
	Area KnowledgeArea `json:"area,omitempty" validate:"omitempty,enum"`
	// Level is the minimum level of a knowledge need.
	Level Level `json:"level,omitempty" validate:"omitempty,enum"`
	// Value is the sector, technical area or language.
	Value string `json:"value,omitempty"`
}

// KnowledgeNeed returns the need for area at level or above.
func KnowledgeNeed(area KnowledgeArea, level Level) Need {
	return Need{Kind: NeedKnowledge, Area: area, Level: level}
}

// SectorNeed returns the need for knowledge of a sector.
func SectorNeed(sector string) Need { return Need{Kind: NeedSector, Value: sector} }

// TechnicalAreaNeed returns the need for knowledge of a technical area.
func TechnicalAreaNeed(area string) Need { return Need{Kind: NeedTechnicalArea, Value: area} }

// LanguageNeed returns the need for an auditor working in a language.
func LanguageNeed(lang string) Need { return Need{Kind: NeedLanguage, Value: lang} }

// String renders the need as "knowledge risk-assessment>=proficient",
// "sector finance", "language de", "leader" or "team-size".
func (n Need) String() string {
	switch n.Kind {
	case NeedKnowledge:
		return "knowledge " + string(n.Area) + ">=" + string(n.Level)
	case NeedLeader, NeedTeamSize:
		return string(n.Kind)
	}
	return string(n.Kind) + " " + n.Value
}

// TeamNeeds is what an audit needs from its team (ISO 19011:2018 5.5.4,
// 5.5.5): the needs to cover, the scope the team must be independent of,
// the dates, the size bounds and the people to exclude. Every team also
// needs a competent team leader.
type TeamNeeds struct {
	// Scope is what the audit covers; members must be independent of it.
	Scope Scope `json:"scope"`
	// At is the first audit day: competence and independence are judged
	// on it.
	At time.Time `json:"at" validate:"required"`
	// Until is the last audit day; zero for a one-day audit. Members must
	// be available throughout.
	Until time.Time `json:"until,omitzero"`
	// Needs lists the needs; each must be met by a member able to meet it
	// (technical experts meet knowledge, sector and technical area needs
	// only).
	Needs []Need `json:"needs,omitempty" validate:"dive"`
	// MinAuditors is the least number of auditors (leader included,
	// experts not); 0 means one, the leader.
	MinAuditors int `json:"minAuditors,omitempty" validate:"gte=0"`
	// MaxAuditors is the most auditors; 0 means no maximum.
	MaxAuditors int `json:"maxAuditors,omitempty" validate:"gte=0"`
	// Exclude lists people who must not be on the team.
	Exclude []AuditorID `json:"exclude,omitempty" validate:"unique,dive,required"`
}

// period returns the audit days as a Period.
func (t *TeamNeeds) period() Period {
	p := Period{From: t.At, To: t.Until}
	if p.To.IsZero() {
		p.To = t.At
	}
	return p
}

// Validate checks the needs' shape and domain rules and reports every
// problem at once in a *ismsaudit.ValidationError.
func (t *TeamNeeds) Validate() error {
	c := newCollector("team needs")
	t.validateInto(c)
	return c.Err()
}

func (t *TeamNeeds) validateInto(c *errs.Collector) {
	if !t.shapeOK() {
		validate.Struct(c, "", t)
	}
	checkOrder(c, "Until", t.At, t.Until)
	if len(t.Needs) > MaxNeeds {
		c.Add("Needs", "max", itoa(len(t.Needs)), "at most "+itoa(MaxNeeds)+" needs")
	}
	if t.MaxAuditors > 0 && t.MinAuditors > t.MaxAuditors {
		c.Add("MinAuditors", "lte", itoa(t.MinAuditors), "at most MaxAuditors ("+itoa(t.MaxAuditors)+")")
	}
	seen := make(map[Need]int, len(t.Needs))
	for i, n := range t.Needs {
		path := errs.Index("Needs", i)
		switch n.Kind {
		case NeedKnowledge:
			if n.Area == "" {
				c.Add(path+".Area", "required-for-kind", "", "a knowledge need names an area")
			}
			if n.Level == "" {
				c.Add(path+".Level", "required-for-kind", "", "a knowledge need names a level")
			}
			if n.Value != "" {
				c.Add(path+".Value", "unused-for-kind", n.Value, "a knowledge need has no value")
			}
		case NeedSector, NeedTechnicalArea, NeedLanguage:
			if strings.TrimSpace(n.Value) == "" {
				c.Add(path+".Value", "required-for-kind", "", "a "+string(n.Kind)+" need names a value")
			}
			if n.Area != "" {
				c.Add(path+".Area", "unused-for-kind", string(n.Area), "only knowledge needs have an area")
			}
			if n.Level != "" {
				c.Add(path+".Level", "unused-for-kind", string(n.Level), "only knowledge needs have a level")
			}
		case NeedLeader, NeedTeamSize:
			c.Add(path+".Kind", "input-kind", string(n.Kind), "every team needs a leader; size goes in MinAuditors and MaxAuditors")
		}
		if j, dup := seen[n]; dup {
			c.Add(path, "unique", n.String(), "same as Needs["+itoa(j)+"]")
		} else {
			seen[n] = i
		}
	}
}

// shapeOK reports whether the struct tags of the needs (and of their
// scope and needs) hold, as far as a direct check can tell: when it says
// yes, the validator would find nothing, so selection skips it; when it
// says no, the validator runs and reports what is wrong. Team selection
// runs it once per selection, which a staffing run repeats a thousand
// times.
func (t *TeamNeeds) shapeOK() bool {
	if t.At.IsZero() || t.MinAuditors < 0 || t.MaxAuditors < 0 || t.Scope.Auditee == "" ||
		!uniqueFilled(t.Scope.Units) || !uniqueFilled(t.Scope.Processes) || !uniqueFilled(t.Scope.Controls) || !uniqueFilled(t.Exclude) {
		return false
	}
	for i := range t.Needs {
		n := &t.Needs[i]
		if !n.Kind.IsValid() || (n.Area != "" && !n.Area.IsValid()) || (n.Level != "" && !n.Level.IsValid()) {
			return false
		}
	}
	return true
}

// uniqueFilled reports whether no value is empty and none repeats (the
// tags unique,dive,required).
func uniqueFilled[S ~string](values []S) bool {
	if len(values) > 16 {
		seen := make(map[S]bool, len(values))
		for _, v := range values {
			if v == "" || seen[v] {
				return false
			}
			seen[v] = true
		}
		return true
	}
	for i, v := range values {
		if v == "" || slices.Contains(values[:i], v) {
			return false
		}
	}
	return true
}

// DecodeTeamNeeds decodes team needs from JSON strictly and validates
// them. Problems come back as one *ismsaudit.ValidationError with Go-field paths.
func DecodeTeamNeeds(data []byte) (TeamNeeds, error) {
	var t TeamNeeds
	c := newCollector("team needs")
	if !validate.JSON(c, data, &t) {
		return TeamNeeds{}, c.Err()
	}
	t.validateInto(c)
	if err := c.Err(); err != nil {
		return TeamNeeds{}, err
	}
	return t, nil
}
