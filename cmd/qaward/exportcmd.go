package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/backend/export"
	"qaward/backend/importer"
	"qaward/store"
)

// exportKinds are the tables `qaward export` writes.
var exportKinds = []string{"rankings", "candidates", "applicants", "reviewers", "conflicts", "scores", "satisfaction"}

type exportFlags struct {
	stage   string
	include bool
}

func exportCmd(a *app) *cobra.Command {
	var f exportFlags
	c := &cobra.Command{
		Use:   "export KIND FILE.xlsx|FILE.csv",
		Short: "Write rankings, the candidate list or the cycle's data as XLSX or CSV (UTF-8 with BOM)",
		Long: `Export writes a table of the current cycle to an XLSX workbook or a CSV file
(UTF-8 with a BOM, as Excel and WPS expect), by the file's extension. KIND is
one of ` + strings.Join(exportKinds, ", ") + `. The rankings go into one
workbook with a sheet per stage and the rules on a sheet of their own, or one
ranking (--stage) into a CSV file. Cells that a spreadsheet would run as a
formula are neutralised.

Applicants' confidential fields (Art. 37) are left out unless
--include-confidential is given, which is recorded in the audit log.`,
		Example: `  qaward --db cycle.db export rankings rankings.xlsx
  qaward --db cycle.db export rankings composite.csv --stage composite
  qaward --db cycle.db export candidates candidates.xlsx`,
		Args:              exactArgs("KIND", "FILE"),
		ValidArgsFunction: positional(fixed(exportKinds...), files("xlsx", "csv")),
		RunE:              func(_ *cobra.Command, args []string) error { return runExport(a, f, args) },
	}
	c.Flags().StringVar(&f.stage, "stage", "all", "rankings: `material|onsite|composite|all` (all: XLSX only)")
	c.Flags().BoolVar(&f.include, "include-confidential", false, "include applicants' confidential fields (Art. 37); the disclosure is audited")
	c.RegisterFlagCompletionFunc("stage", fixed("all", "material", "onsite", "composite"))
	return c
}

func runExport(a *app, f exportFlags, pos []string) error {
	kind, file := pos[0], pos[1]
	if !contains(exportKinds, kind) {
		return usagef("export: unknown kind %q: want one of %s", kind, strings.Join(exportKinds, ", "))
	}
	format, err := fileFormat(file, "xlsx", "csv")
	if err != nil {
		return err
	}
	if !contains([]string{"all", "material", "onsite", "composite"}, f.stage) {
		return usagef("export: --stage %q: want material, onsite, composite or all", f.stage)
	}
	if f.stage != "all" && kind != "rankings" {
		return usagef("export: --stage is for rankings")
	}
	if format == "csv" && kind == "rankings" && f.stage == "all" {
		return usagef("export: a CSV file holds one ranking: give --stage material, onsite or composite (or write .xlsx for all)")
	}
	return a.inCycle(!f.include, func(st *store.DB, cycle string) error {
		tables, err := exportTables(a, st, cycle, kind, f.stage, f.include)
		if err != nil {
			return err
		}
		if format == "csv" {
			tables = tables[:1]
		}
		if f.include {
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
		if err := export.WriteFile(file, func(w io.Writer) error {
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
		ds, err := st.Decisions(cycle)
		if err != nil {
			return nil, err
		}
		return export.Rankings(kind, stage, a.lang, c, ev, ds)
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
	entry, detail := confidential.Disclosure(what, as)
	if err := st.RecordDisclosure(a.actor(), cycle, entry); err != nil {
		return fmt.Errorf("recording the disclosure of confidential fields: %w", err)
	}
	fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
	return nil
}
