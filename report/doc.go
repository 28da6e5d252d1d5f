// Package report renders what ismsaudit models for people and for other
// tools: checklists and catalogues today, audit and programme reports as
// they arrive. Every renderer writes to an io.Writer the caller gives, in a
// deterministic order (the same input gives the same bytes), validates its
// input first and writes nothing when it is invalid, and returns the first
// write error.
//
// # Checklists
//
// [WriteChecklist] renders an annexa.Checklist as Markdown (one section per
// clause or Annex A theme, questions as task-list items), CSV (one row per
// item, with [ChecklistCSVHeader]; text from outside the catalogue is
// guarded against spreadsheet formula injection) or JSON (the model itself,
// which annexa.ParseChecklist reads back).
//
// # Catalogues
//
// [ControlsCSV], [ClausesCSV] and [Map2013CSV] write the annexa catalogues
// as CSV with a header row; attribute values are spelled as ISO/IEC
// 27002:2022 spells them and several values are joined by ";".
package report
