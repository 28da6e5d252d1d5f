package annexa

import "strings"

// Method is a way of gathering audit evidence that suits a requirement or
// control (ISO 19011:2018 Annex A.1 and ISO/IEC 27007:2020 6.4.7).
//
//ismsaudit:enum Methods
type Method string

// The audit methods. Never reorder.
const (
	MethodInterview             Method = "interview"              // asking the people who do the work
	MethodDocumentReview        Method = "document-review"        // reading policies, procedures, plans
	MethodObservation           Method = "observation"            // watching the activity or the site
	MethodTechnicalVerification Method = "technical-verification" // inspecting configurations, tests, tool output
	MethodRecordSampling        Method = "record-sampling"        // sampling records the activity leaves
)

// methodMask is a set of methods, bit i standing for methodSet value i.
type methodMask uint8

// The masks, in methodSet order (checked by tests).
const (
	mInterview methodMask = 1 << iota
	mDocumentReview
	mObservation
	mTechnicalVerification
	mRecordSampling
)

// Label returns the method in words, e.g. "document review".
func (m Method) Label() string {
	if !m.IsValid() {
		return ""
	}
	return strings.ReplaceAll(string(m), "-", " ")
}

// methods expands a mask into methods in canonical order.
func (mm methodMask) methods() []Method {
	out := make([]Method, 0, len(methodValues))
	for i, m := range methodValues {
		if mm&(1<<i) != 0 {
			out = append(out, m)
		}
	}
	return out
}

// methodValues is methodSet in index order, for allocation-free use.
var methodValues = methodSet.Values()
