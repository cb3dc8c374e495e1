package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"qaward/award"
	"qaward/award/imports"
	"qaward/criteria"
	"qaward/store"
)

// importKinds are the tables `qaward import` takes.
var importKinds = []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction", "survey"}

func runImport(a *app, args []string) error {
	fs := a.flags("import")
	sheet := fs.String("sheet", "", "worksheet of an .xlsx `file` to read (default: the first)")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	kind, file := pos[0], pos[1]
	if !contains(importKinds, kind) {
		return usagef("import: unknown kind %q: want one of %s", kind, strings.Join(importKinds, ", "))
	}
	label := "reading " + file
	if e := strings.ToLower(filepath.Ext(file)); e != ".xlsx" && e != ".xlsm" {
		label += " (KB)"
	}
	table, done, err := readTableSheet(file, *sheet, a.progress(label))
	if err != nil {
		return err
	}
	defer done()
	return a.inCycle(false, func(st *store.DB, cycle string) error {
		n, err := importTable(st, a.actor(), cycle, kind, table)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "imported %d %s into cycle %s\n", n, importNoun(kind, n), cycle)
		return nil
	})
}

func importNoun(kind string, n int) string {
	switch kind {
	case "scores":
		return "score sheets"
	case "satisfaction", "survey":
		return "satisfaction results"
	}
	return kind
}

// readTable opens an import file by its extension; the table's rows are
// read as it is walked, so done must be called after the import.
func readTable(file string) (t *imports.Table, done func(), err error) {
	return readTableSheet(file, "", nil)
}

// readTableSheet reads a CSV file, or a worksheet of an .xlsx workbook
// (the first when sheet is ""), reporting progress as it reads.
func readTableSheet(file, sheet string, progress func(done, total int)) (t *imports.Table, done func(), err error) {
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".xls", ".et":
		return nil, nil, fmt.Errorf("%s: the old %s format cannot be read; save it as an Excel workbook (.xlsx) or as \"CSV UTF-8\"", file, ext)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	var size int
	if fi, err := f.Stat(); err == nil {
		size = int(fi.Size())
	}
	if ext == ".xlsx" || ext == ".xlsm" {
		defer f.Close()
		if t, err = imports.ReadXLSXProgress(file, f, sheet, progress); err != nil {
			return nil, nil, err
		}
		return t, func() { t.Close() }, nil
	}
	if sheet != "" {
		f.Close()
		return nil, nil, usagef("import: --sheet is for .xlsx workbooks; %s is read as CSV", file)
	}
	var kb func(done, total int) // a CSV file's progress is in kilobytes read
	if progress != nil {
		kb = func(done, total int) { progress(done>>10, total>>10) }
	}
	if t, err = imports.ReadCSV(file, &countingReader{r: f, total: size, progress: kb}); err != nil {
		f.Close()
		return nil, nil, err
	}
	return t, func() { f.Close() }, nil
}

// importTable validates a whole table against the cycle and stores it in
// one transaction; it returns the number of records.
func importTable(st store.Store, actor, cycle, kind string, t *imports.Table) (int, error) {
	c, err := importContext(st, cycle)
	if err != nil {
		return 0, err
	}
	switch kind {
	case "applicants":
		as, err := imports.Applicants(t, criteriaFor)
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
	return 0, usagef("import: unknown kind %q", kind)
}

func importContext(st store.Store, cycle string) (*imports.Context, error) {
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
	return imports.NewContext(as, rs, cs, lookupSet, cy.Config.Survey), nil
}

func lookupSet(id string) *criteria.Set {
	s, _ := criteria.Lookup(id)
	return s
}

// criteriaFor picks an applicant's criteria set: the named one, which must
// be for that kind of applicant, or the kind's default.
func criteriaFor(id string, kind award.Kind) (string, error) {
	if id == "" {
		return criteria.Default(string(kind)).ID, nil
	}
	s, ok := criteria.Lookup(id)
	if !ok {
		return "", fmt.Errorf("unknown criteria set %q (see 'qaward criteria')", id)
	}
	if s.Applicant != string(kind) {
		return "", fmt.Errorf("criteria set %q is for %s applicants, not %s", id, s.Applicant, kind)
	}
	return s.ID, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
