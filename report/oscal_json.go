package report

import (
	"io"
	"unicode/utf8"
)

// oscalWriter writes the OSCAL documents as compact JSON in one pass, byte for
// byte as encoding/json's Encoder writes the same values (a test holds it
// to that), streaming through a small buffer. On a large audit (10,000
// evidence items) encoding/json takes several times the export's time
// budget, and indentation would double the output.
type oscalWriter struct {
	obuf       // hands the document on in chunks, so a large one never sits in memory whole
	first bool // no member written yet in the open container
}

// newOSCALWriter returns a writer that writes to w.
func newOSCALWriter(w io.Writer) oscalWriter { return oscalWriter{obuf: newObuf(w)} }

func (w *oscalWriter) open(c byte) {
	w.b = append(w.b, c)
	w.first = true
}

func (w *oscalWriter) close(c byte) {
	w.b = append(w.b, c)
	w.first = false
}

// member starts an object member or an array element.
func (w *oscalWriter) member() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
}

func (w *oscalWriter) key(k string) {
	b := w.b
	if !w.first {
		b = append(b, ',')
	}
	w.first = false
	b = append(b, '"')
	b = append(b, k...)
	w.b = append(b, '"', ':')
}

// The hot writers (observations, findings, risks) append runs of members
// whose keys and order are fixed as single pieces: text is a constant of
// JSON punctuation and keys, v a value that needs no escaping (see kraw).
// They leave first false, as a written member does.

// text appends text.
func (w *oscalWriter) text(text string) {
	w.b = append(w.b, text...)
	w.first = false
}

// raw appends text, then v, then end.
func (w *oscalWriter) raw(text, v, end string) {
	b := append(w.b, text...)
	b = append(b, v...)
	w.b = append(b, end...)
	w.first = false
}

// str appends s as a JSON string escaped as encoding/json escapes it,
// HTML characters included.
func (w *oscalWriter) str(s string) {
	const hexDigits = "0123456789abcdef"
	b := append(w.b, '"')
	start := 0
	for i := jsonMarks.next(s, 0); i < len(s); i = jsonMarks.next(s, i) {
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}

// jsonMarks marks the bytes str looks at: the ASCII bytes a JSON string
// does not hold as they are, and the bytes of multi-byte sequences.
var jsonMarks = newByteSet(func(c byte) bool {
	return c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&'
})

// kstr writes a string member; kopt one that is left out when empty
// (omitempty).
func (w *oscalWriter) kstr(k, v string) {
	w.key(k)
	w.str(v)
}

// kraw writes a string member whose value needs no escaping: a uuid, a
// date-time, a token or a constant. A test checks that every such value
// of the fixtures' exports is written as encoding/json writes it.
func (w *oscalWriter) kraw(k, v string) {
	w.key(k)
	w.b = append(w.b, '"')
	w.b = append(w.b, v...)
	w.b = append(w.b, '"')
}

func (w *oscalWriter) kopt(k, v string) {
	if v != "" {
		w.kstr(k, v)
	}
}

// strs writes a string array member, left out when empty.
func (w *oscalWriter) strs(k string, vs []string, omitEmpty bool) {
	if len(vs) == 0 && omitEmpty {
		return
	}
	w.key(k)
	w.open('[')
	for _, v := range vs {
		w.member()
		w.str(v)
	}
	w.close(']')
}

// array writes an array member of n elements, each written by elem; it is
// left out when empty and omitEmpty is set.
func (w *oscalWriter) array(k string, n int, omitEmpty bool, elem func(i int)) {
	if n == 0 && omitEmpty {
		return
	}
	w.key(k)
	w.open('[')
	for i := range n {
		w.member()
		elem(i)
	}
	w.close(']')
}

func (w *oscalWriter) props(ps []oscalProp) {
	w.array("props", len(ps), true, func(i int) {
		p := &ps[i]
		if p.NS == OSCALPropNamespace {
			w.raw(`{"name":"`, p.Name, `","ns":"`+OSCALPropNamespace+`","value":`)
		} else {
			w.raw(`{"name":"`, p.Name, `"`)
			w.kopt("ns", p.NS)
			w.key("value")
		}
		if p.tok {
			w.raw(`"`, p.Value, `"`)
		} else {
			w.str(p.Value)
		}
		w.kopt("remarks", p.Remarks)
		w.text("}")
	})
}

func (w *oscalWriter) responsibleParties(rps []oscalResponsibleParty, omitEmpty bool) {
	w.array("responsible-parties", len(rps), omitEmpty, func(i int) {
		w.open('{')
		w.kraw("role-id", rps[i].RoleID)
		w.strs("party-uuids", rps[i].PartyUUIDs, false)
		w.close('}')
	})
}

func (w *oscalWriter) metadata(m *oscalMetadata) {
	w.key("metadata")
	w.open('{')
	w.kstr("title", m.Title)
	w.kopt("published", m.Published)
	w.kstr("last-modified", m.LastModified)
	w.kstr("version", m.Version)
	w.kstr("oscal-version", m.OSCALVersion)
	w.props(m.Props)
	w.array("roles", len(m.Roles), true, func(i int) {
		w.open('{')
		w.kstr("id", m.Roles[i].ID)
		w.kstr("title", m.Roles[i].Title)
		w.close('}')
	})
	w.array("locations", len(m.Locations), true, func(i int) {
		w.open('{')
		w.kstr("uuid", m.Locations[i].UUID)
		w.kopt("title", m.Locations[i].Title)
		w.close('}')
	})
	w.array("parties", len(m.Parties), true, func(i int) {
		p := &m.Parties[i]
		w.open('{')
		w.kstr("uuid", p.UUID)
		w.kstr("type", p.Type)
		w.kopt("name", p.Name)
		w.props(p.Props)
		w.strs("member-of-organizations", p.MemberOfOrgs, true)
		w.close('}')
	})
	w.responsibleParties(m.ResponsibleParties, true)
	w.kopt("remarks", m.Remarks)
	w.close('}')
}

func (w *oscalWriter) backMatter(bm *oscalBackMatter) {
	if bm == nil {
		return
	}
	w.key("back-matter")
	w.open('{')
	w.array("resources", len(bm.Resources), false, func(i int) {
		r := &bm.Resources[i]
		w.open('{')
		w.kstr("uuid", r.UUID)
		w.kopt("title", r.Title)
		w.kopt("description", r.Description)
		w.props(r.Props)
		w.array("document-ids", len(r.DocumentIDs), true, func(j int) {
			d := &r.DocumentIDs[j]
			w.open('{')
			w.kopt("scheme", d.Scheme)
			w.kstr("identifier", d.Identifier)
			w.close('}')
		})
		w.array("rlinks", len(r.RLinks), true, func(j int) {
			l := &r.RLinks[j]
			w.open('{')
			w.kstr("href", l.Href)
			w.kopt("media-type", l.MediaType)
			w.close('}')
		})
		w.close('}')
	})
	w.close('}')
}

func (w *oscalWriter) origins(os []oscalOrigin) {
	if len(os) == 1 && len(os[0].Actors) == 1 {
		// The one origin of one actor the exports make, in one piece.
		a := &os[0].Actors[0]
		w.key("origins")
		w.raw(`[{"actors":[{"type":"`, a.Type, `","actor-uuid":"`)
		w.raw("", a.ActorUUID, `"}]}]`)
		return
	}
	w.array("origins", len(os), true, func(i int) {
		w.open('{')
		w.array("actors", len(os[i].Actors), false, func(j int) {
			a := &os[i].Actors[j]
			w.raw(`{"type":"`, a.Type, `"`)
			w.raw(`,"actor-uuid":"`, a.ActorUUID, `"}`)
		})
		w.close('}')
	})
}

func (w *oscalWriter) relatedObservations(ros []oscalRelatedObservation) {
	w.array("related-observations", len(ros), true, func(i int) {
		w.raw(`{"observation-uuid":"`, ros[i].ObservationUUID, `"}`)
	})
}

func (w *oscalWriter) relatedRisks(rrs []oscalRelatedRisk) {
	w.array("related-risks", len(rrs), true, func(i int) {
		w.raw(`{"risk-uuid":"`, rrs[i].RiskUUID, `"}`)
	})
}

func (w *oscalWriter) observation(o *oscalObservation) {
	w.raw(`{"uuid":"`, o.UUID, `","description":`)
	descStart := len(w.b)
	w.str(o.Description)
	desc := w.b[descStart:len(w.b):len(w.b)] // the escaped description, quotes included
	w.props(o.Props)
	w.array("methods", len(o.Methods), false, func(i int) {
		w.raw(`"`, o.Methods[i], `"`) // a constant: nothing to escape
	})
	w.origins(o.Origins)
	w.array("relevant-evidence", len(o.RelevantEvidence), true, func(i int) {
		re := &o.RelevantEvidence[i]
		w.open('{')
		switch re.Description {
		case withheldEvidence:
			w.kraw("description", re.Description) // a constant: nothing to escape
		case o.Description:
			w.key("description")
			w.b = append(w.b, desc...) // escaped once already
		default:
			w.kstr("description", re.Description)
		}
		w.props(re.Props)
		w.close('}')
	})
	w.b = append(w.b, `,"collected":"`...)
	w.b = appendDateTime(w.b, o.Collected.t)
	w.text(`"}`)
	w.spill()
}

func (w *oscalWriter) finding(f *oscalFinding) {
	w.raw(`{"uuid":"`, f.UUID, `"`)
	w.kstr("title", f.Title)
	w.kstr("description", f.Description)
	w.props(f.Props)
	w.origins(f.Origins)
	w.raw(`,"target":{"type":"`, f.Target.Type, `"`)
	w.raw(`,"target-id":"`, f.Target.TargetID, `"`)
	w.kopt("title", f.Target.Title)
	w.raw(`,"status":{"state":"`, f.Target.Status.State, `"`)
	w.kopt("reason", f.Target.Status.Reason)
	w.text("}}")
	w.relatedObservations(f.RelatedObservations)
	w.relatedRisks(f.RelatedRisks)
	w.kopt("remarks", f.Remarks)
	w.close('}')
	w.spill()
}

func (w *oscalWriter) risk(r *oscalRisk) {
	w.raw(`{"uuid":"`, r.UUID, `"`)
	w.kstr("title", r.Title)
	w.kstr("description", r.Description)
	w.kstr("statement", r.Statement)
	w.props(r.Props)
	w.kstr("status", r.Status)
	w.origins(r.Origins)
	w.kopt("deadline", r.Deadline)
	w.array("remediations", len(r.Remediations), true, func(i int) {
		resp := &r.Remediations[i]
		w.open('{')
		w.kstr("uuid", resp.UUID)
		w.kstr("lifecycle", resp.Lifecycle)
		w.kstr("title", resp.Title)
		w.kstr("description", resp.Description)
		w.props(resp.Props)
		w.array("tasks", len(resp.Tasks), true, func(j int) {
			t := &resp.Tasks[j]
			w.open('{')
			w.kstr("uuid", t.UUID)
			w.kstr("type", t.Type)
			w.kstr("title", t.Title)
			if t.Timing != nil {
				w.key("timing")
				w.open('{')
				if t.Timing.OnDate != nil {
					w.key("on-date")
					w.open('{')
					w.kstr("date", t.Timing.OnDate.Date)
					w.close('}')
				}
				w.close('}')
			}
			w.close('}')
		})
		w.close('}')
	})
	w.relatedObservations(r.RelatedObservations)
	w.close('}')
	w.spill()
}

func (w *oscalWriter) observations(os []oscalObservation, l lazyList[oscalObservation]) {
	n, at := listOf(os, l)
	w.array("observations", n, true, func(i int) { w.observation(at(i)) })
}

func (w *oscalWriter) risks(rs []oscalRisk, l lazyList[oscalRisk]) {
	n, at := listOf(rs, l)
	w.array("risks", n, true, func(i int) { w.risk(at(i)) })
}

func (w *oscalWriter) findings(fs []oscalFinding, l lazyList[oscalFinding]) {
	n, at := listOf(fs, l)
	w.array("findings", n, true, func(i int) { w.finding(at(i)) })
}

func (w *oscalWriter) result(r *oscalResult) {
	w.open('{')
	w.kstr("uuid", r.UUID)
	w.kstr("title", r.Title)
	w.kstr("description", r.Description)
	w.props(r.Props)
	w.kstr("start", r.Start)
	w.kopt("end", r.End)
	w.key("reviewed-controls")
	w.open('{')
	sels := r.ReviewedControls.ControlSelections
	w.array("control-selections", len(sels), false, func(i int) {
		w.open('{')
		w.kopt("description", sels[i].Description)
		w.array("include-controls", len(sels[i].IncludeControls), false, func(j int) {
			w.open('{')
			w.kstr("control-id", sels[i].IncludeControls[j].ControlID)
			w.close('}')
		})
		w.close('}')
	})
	w.close('}')
	w.array("attestations", len(r.Attestations), true, func(i int) {
		a := &r.Attestations[i]
		w.open('{')
		w.responsibleParties(a.ResponsibleParties, true)
		w.array("parts", len(a.Parts), false, func(j int) {
			p := &a.Parts[j]
			w.open('{')
			w.kstr("name", p.Name)
			w.kopt("ns", p.NS)
			w.kopt("title", p.Title)
			w.kopt("prose", p.Prose)
			w.close('}')
		})
		w.close('}')
	})
	w.observations(r.Observations, r.observations)
	w.risks(r.Risks, r.risks)
	w.findings(r.Findings, r.findings)
	w.kopt("remarks", r.Remarks)
	w.close('}')
}

// assessmentResults writes the whole Assessment Results document.
func (w *oscalWriter) assessmentResults(d *oscalARDocument) {
	ar := &d.AssessmentResults
	w.open('{')
	w.key("assessment-results")
	w.open('{')
	w.kstr("uuid", ar.UUID)
	w.metadata(&ar.Metadata)
	w.key("import-ap")
	w.open('{')
	w.kstr("href", ar.ImportAP.Href)
	w.close('}')
	w.array("results", len(ar.Results), false, func(i int) { w.result(&ar.Results[i]) })
	w.backMatter(ar.BackMatter)
	w.close('}')
	w.close('}')
	w.b = append(w.b, '\n')
}

// poam writes the whole POA&M document.
func (w *oscalWriter) poam(d *oscalPOAMDocument) {
	p := &d.POAM
	w.open('{')
	w.key("plan-of-action-and-milestones")
	w.open('{')
	w.kstr("uuid", p.UUID)
	w.metadata(&p.Metadata)
	w.key("system-id")
	w.open('{')
	w.kstr("identifier-type", p.SystemID.IdentifierType)
	w.kstr("id", p.SystemID.ID)
	w.close('}')
	w.observations(p.Observations, p.observations)
	w.risks(p.Risks, p.risks)
	w.findings(p.Findings, p.findings)
	nItems, itemAt := listOf(p.POAMItems, p.items)
	w.array("poam-items", nItems, false, func(i int) {
		it := itemAt(i)
		w.open('{')
		w.kstr("uuid", it.UUID)
		w.kstr("title", it.Title)
		w.kstr("description", it.Description)
		w.props(it.Props)
		w.origins(it.Origins)
		w.array("related-findings", len(it.RelatedFindings), true, func(j int) {
			w.open('{')
			w.kstr("finding-uuid", it.RelatedFindings[j].FindingUUID)
			w.close('}')
		})
		w.relatedObservations(it.RelatedObservations)
		w.relatedRisks(it.RelatedRisks)
		w.close('}')
		w.spill()
	})
	w.backMatter(p.BackMatter)
	w.close('}')
	w.close('}')
	w.b = append(w.b, '\n')
}
