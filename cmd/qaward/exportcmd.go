package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/award/export"
	"qaward/store"
	"qaward/store/importer"
)

// exportKinds are the tables `qaward export` writes.
var exportKinds = []string{"rankings", "candidates", "applicants", "reviewers", "conflicts", "scores", "satisfaction"}

func runExport(a *app, args []string) error {
	fs := a.flags("export")
	stage := fs.String("stage", "all", "rankings: material, onsite, composite, or all (XLSX only)")
	include := fs.Bool("include-confidential", false, "include applicants' confidential fields (Art. 37); the disclosure is audited")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	kind, file := pos[0], pos[1]
	if !contains(exportKinds, kind) {
		return usagef("export: unknown kind %q: want one of %s", kind, strings.Join(exportKinds, ", "))
	}
	format, err := fileFormat(file, "xlsx", "csv")
	if err != nil {
		return err
	}
	if !contains([]string{"all", "material", "onsite", "composite"}, *stage) {
		return usagef("export: --stage %q: want material, onsite, composite or all", *stage)
	}
	if *stage != "all" && kind != "rankings" {
		return usagef("export: --stage is for rankings")
	}
	if format == "csv" && kind == "rankings" && *stage == "all" {
		return usagef("export: a CSV file holds one ranking: give --stage material, onsite or composite (or write .xlsx for all)")
	}
	return a.inCycle(!*include, func(st *store.DB, cycle string) error {
		tables, err := exportTables(a, st, cycle, kind, *stage, *include)
		if err != nil {
			return err
		}
		if format == "csv" {
			tables = tables[:1]
		}
		if *include {
			as, err := st.Applicants(cycle)
			if err != nil {
				return err
			}
			if err := disclose(a, st, cycle, "export "+kind+" to "+file, as); err != nil {
				return err
			}
		}
		rows := 0
		for _, t := range tables {
			rows += len(t.Rows)
		}
		progress := a.progress("writing " + file)
		if err := writeFileAtomic(file, func(w io.Writer) error {
			if format == "csv" {
				return export.WriteCSV(w, &tables[0], progress)
			}
			return export.WriteXLSX(w, tables, progress)
		}); err != nil {
			return err
		}
		names := make([]string, len(tables))
		for i, t := range tables {
			names[i] = t.Name
		}
		fmt.Fprintf(a.stdout, "wrote %s: %s, %d rows\n", file, strings.Join(names, ", "), rows)
		return nil
	})
}

// exportTables builds the tables of an export; the rankings reuse the
// rows `qaward rank` and `qaward candidates` print.
func exportTables(a *app, st *store.DB, cycle, kind, stage string, include bool) ([]export.Table, error) {
	c, err := st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "rankings", "candidates":
		ev, err := evaluate(st, cycle)
		if err != nil {
			return nil, err
		}
		var out []export.Table
		add := func(name string, r *report) { out = append(out, export.Localize(reportTable(name, r), a.lang)) }
		if kind == "rankings" && (stage == "all" || stage == "material") {
			add(export.SheetMaterial, materialReport(ev))
		}
		if kind == "rankings" && (stage == "all" || stage == "onsite") {
			add(export.SheetOnsite, onsiteReport(ev))
		}
		if kind == "rankings" && (stage == "all" || stage == "composite") {
			add(export.SheetComposite, compositeReport(ev))
		}
		if kind == "candidates" || stage == "all" {
			ds, err := st.Decisions(cycle)
			if err != nil {
				return nil, err
			}
			add(export.SheetCandidates, candidatesReport(ev, ds))
		}
		return append(out, export.Rules(c)), nil
	case "applicants":
		as, err := st.Applicants(cycle)
		return []export.Table{export.Applicants(as, include)}, err
	case "reviewers":
		rs, err := st.Reviewers(cycle)
		return []export.Table{export.Reviewers(rs)}, err
	case "conflicts":
		cs, err := st.Conflicts(cycle)
		return []export.Table{export.Conflicts(cs)}, err
	case "satisfaction":
		ss, err := st.Satisfaction(cycle)
		return []export.Table{export.Satisfaction(ss)}, err
	case "scores":
		var ss []award.Sheet
		if err := st.Sheets(cycle, true, func(s award.Sheet) error { ss = append(ss, s); return nil }); err != nil {
			return nil, err
		}
		t, skipped := export.Scores(ss, importer.LookupSet)
		if skipped > 0 {
			fmt.Fprintf(a.stderr, "note: %d sheet(s) not submitted or incomplete are left out (an import makes every sheet submitted)\n", skipped)
		}
		return []export.Table{t}, nil
	}
	return nil, usagef("export: unknown kind %q", kind)
}

// reportTable turns the command line's report into an export table.
func reportTable(name string, r *report) export.Table {
	cols := make([]export.Column, len(r.header))
	for i, h := range r.header {
		switch {
		case r.integer[h]:
			cols[i] = export.Integer
		case r.numeric[h]:
			cols[i] = export.Decimal2
		}
	}
	return export.Table{Name: name, Header: r.header, Columns: cols, Rows: r.rows, Notes: r.notes}
}

// fileFormat is the format a file name asks for by its extension.
func fileFormat(file string, allowed ...string) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), ".")
	if ext == "htm" {
		ext = "html"
	}
	if ext == "markdown" {
		ext = "md"
	}
	if !contains(allowed, ext) {
		return "", usagef("%s: want a file ending in .%s", file, strings.Join(allowed, " or ."))
	}
	return ext, nil
}

// disclose records in the audit log that confidential fields left qaward
// (Art. 32, 37), before they are written.
func disclose(a *app, st *store.DB, cycle, what string, as []award.Applicant) error {
	fields := confidential.Withheld(as)
	detail := "no applicant declared a confidential field"
	if len(fields) > 0 {
		detail = "confidential fields included: " + strings.Join(fields, ", ")
	}
	if err := st.RecordDisclosure(a.actor(), cycle, what+" ("+detail+")"); err != nil {
		return fmt.Errorf("recording the disclosure of confidential fields: %w", err)
	}
	fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same
// directory, renamed into place only when complete: an error leaves no
// file, and an existing file untouched.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}
