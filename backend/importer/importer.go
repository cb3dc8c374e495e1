// Package importer brings the office's tables into a cycle: it opens a
// CSV file or an XLSX worksheet, validates every row against the cycle with
// backend/imports, and stores the result in one transaction. The command
// line and the terminal UI share it, so an import behaves the same
// whichever the office uses.
package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"qaward/backend/imports"
	"qaward/store"
)

// Kinds are the tables that can be imported, in the order a new cycle
// needs them.
var Kinds = []string{"applicants", "profiles", "certificates", "incidents", "prior-awards",
	"reviewers", "conflicts", "groups", "scores", "consensus", "satisfaction", "survey"}

// Noun names what n records of a kind are, for messages.
func Noun(kind string) string {
	switch kind {
	case "scores":
		return "score sheets"
	case "consensus":
		return "consensus sheets"
	case "satisfaction", "survey":
		return "satisfaction results"
	case "prior-awards":
		return "prior awards"
	}
	return kind
}

// Progress reports work done of a total; for a CSV file the unit is
// kilobytes read, for a workbook rows.
type Progress func(done, total int)

// Open opens a CSV file, or a worksheet of an .xlsx workbook (the first
// when sheet is ""). The rows are read as the table is walked, so done must
// be called after the import.
func Open(file, sheet string, progress Progress) (t *imports.Table, done func(), err error) {
	return OpenWith(file, OpenOptions{Sheet: sheet, Progress: progress})
}

// OpenOptions are the choices of OpenWith.
type OpenOptions struct {
	Sheet    string           // worksheet of an .xlsx workbook; "" for the first
	Encoding imports.Encoding // of a CSV file; AutoEncoding detects UTF-8 or GB18030
	Progress Progress
}

// OpenWith is Open with the encoding of a CSV file chosen.
func OpenWith(file string, o OpenOptions) (t *imports.Table, done func(), err error) {
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".xls", ".et":
		return nil, nil, fmt.Errorf("%s: the old %s format cannot be read; save it as an Excel workbook (.xlsx) or as \"CSV UTF-8\"", file, ext)
	}
	xlsx := ext == ".xlsx" || ext == ".xlsm"
	if o.Sheet != "" && !xlsx {
		return nil, nil, fmt.Errorf("a worksheet is chosen in .xlsx workbooks only; %s is read as CSV", file)
	}
	if o.Encoding != imports.AutoEncoding && xlsx {
		return nil, nil, fmt.Errorf("an encoding is chosen for CSV files only; %s is a workbook, whose text is always Unicode", file)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	if fi, err := f.Stat(); err == nil { // refuse a huge file before reading it
		switch {
		case xlsx && fi.Size() > imports.MaxXLSXBytes:
			f.Close()
			return nil, nil, &imports.Error{File: file, Msg: fmt.Sprintf("workbook is larger than %d MB; save the sheet as CSV UTF-8", imports.MaxXLSXBytes>>20)}
		case !xlsx && fi.Size() > imports.MaxCSVBytes:
			f.Close()
			return nil, nil, &imports.Error{File: file, Msg: fmt.Sprintf("the file is longer than %d MiB; split it into smaller files", imports.MaxCSVBytes>>20)}
		}
	}
	if xlsx {
		defer f.Close()
		if t, err = imports.ReadXLSXProgress(file, f, o.Sheet, o.Progress); err != nil {
			return nil, nil, err
		}
		return t, func() { t.Close() }, nil
	}
	var kb func(done, total int)
	if o.Progress != nil {
		kb = func(done, total int) { o.Progress(done>>10, total>>10) }
	}
	if t, err = imports.ReadCSVProgress(file, f, o.Encoding, kb); err != nil {
		f.Close()
		return nil, nil, err
	}
	return t, func() { f.Close() }, nil
}

// Import validates a whole table of a kind against the cycle and stores it
// in one transaction; it returns the number of records. A refused table
// changes nothing.
func Import(st store.Store, actor, cycle, kind string, t *imports.Table) (int, error) {
	c, err := Context(st, cycle)
	if err != nil {
		return 0, err
	}
	switch kind {
	case "applicants":
		as, err := imports.Applicants(t, c.CriteriaFor)
		if err != nil {
			return 0, err
		}
		for i := range as { // a re-import keeps the pipeline stage and the office's profile
			if old, ok := c.Applicants[as[i].ID]; ok {
				as[i].Status = old.Status
				as[i].Profile = old.Profile
			}
		}
		return len(as), st.PutApplicants(actor, cycle, as)
	case "reviewers":
		rs, err := imports.Reviewers(t)
		if err != nil {
			return 0, err
		}
		return len(rs), st.PutReviewers(actor, cycle, rs)
	case "conflicts":
		cs, err := imports.Conflicts(t, c)
		if err != nil {
			return 0, err
		}
		return len(cs), st.PutConflicts(actor, cycle, cs)
	case "scores":
		ss, err := imports.Scores(t, c)
		if err != nil {
			return 0, err
		}
		return len(ss), st.PutSheets(actor, cycle, ss)
	case "groups":
		return importGroups(st, actor, cycle, c, t)
	case "consensus":
		return importConsensus(st, actor, cycle, c, t)
	case "profiles", "certificates", "incidents", "prior-awards":
		return importProfiles(st, actor, cycle, kind, c, t)
	case "satisfaction", "survey":
		read := imports.Satisfaction
		if kind == "survey" {
			read = imports.Survey
		}
		ss, err := read(t, c)
		if err != nil {
			return 0, err
		}
		return len(ss), st.PutSatisfaction(actor, cycle, ss)
	}
	return 0, fmt.Errorf("unknown kind of table %q: want one of %s", kind, strings.Join(Kinds, ", "))
}

// Context indexes what the cycle holds, for validating rows.
func Context(st store.Store, cycle string) (*imports.Context, error) {
	cy, err := st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	as, err := st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	rs, err := st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	cs, err := st.Conflicts(cycle)
	if err != nil {
		return nil, err
	}
	sets, err := store.CycleCatalog(st, cycle, nil)
	if err != nil {
		return nil, err
	}
	return imports.NewContext(as, rs, cs, sets, cy.Config.Survey), nil
}
