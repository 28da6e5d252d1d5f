// Package programme models an audit programme as ISO 19011:2018 and
// ISO/IEC 27007:2020 clause 5 describe it: what the people managing an ISMS
// audit programme plan, staff, track and improve over a certification
// cycle, for internal audits and for a certification body's clients.
package programme
