package programme

// scheduleRules are the scheduling rules: internal coverage, the
// certification cycle, audit time and multi-site sampling.
var scheduleRules = []Rule{
	{"PRG-SURV-FIRST-12-MONTHS", "ISO/IEC 17021-1:2015 9.1.3.2", "the first surveillance audit is no later than 12 months after the initial certification decision"},
}
