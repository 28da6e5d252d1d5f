// Package sheet reads and writes the spreadsheets auditors and ISMS
// managers work in: the Statement of Applicability as CSV and XLSX (and
// one written against ISO/IEC 27001:2013, carried to 2022), checklist
// workbooks for offline fieldwork and read back into the audit, and the
// audit workbook (findings register, nonconformity actions, evidence log).
//
// Like every ismsaudit package it does no I/O of its own: readers take an
// io.Reader and writers an io.Writer the caller gives. Importers check
// everything first and report every problem at once in an *ImportError
// naming row, column and id; they apply all or nothing. XLSX is read and
// written with github.com/xuri/excelize/v2, which is why this is a
// package of its own: a host that needs no spreadsheets does not link it.
//
// # The Statement of Applicability
//
// [ReadSoA] and [WriteSoA] read and write the SoA in CSV or XLSX under the
// header row [SoAHeader] (Control, Title, Applicability, Bases,
// Justification, Status: the contents ISO/IEC 27001:2022 6.1.3 d asks
// for). [ReadSoA2013] reads one kept against the 2013 edition and carries
// it to 2022 with annexa.Carry2013, returning the report of what was
// carried, merged or left to decide.
//
// # Checklists for offline fieldwork
//
// [WriteFieldwork] writes the checklist attached to an audit for an
// auditor to fill in (XLSX: protected, with a drop-down list of results;
// or CSV), and [ReadFieldwork] records the filled checklist in the audit
// through audit.Audit.RecordResults, all or none.
//
// # The audit workbook
//
// [WriteAuditWorkbook] writes an audit report's findings register,
// nonconformity actions and evidence log as one XLSX workbook.
//
// # Rules
//
// [Rules] lists the rules the importers cite beyond the shape rules and
// the rules of the operations they apply.
package sheet

//go:generate go run ../../internal/enumgen
