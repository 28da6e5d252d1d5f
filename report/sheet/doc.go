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
package sheet
