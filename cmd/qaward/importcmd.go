package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"qaward/backend"
	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/store"
)

type importFlags struct{ sheet, encoding string }

func importCmd(a *app) *cobra.Command {
	var f importFlags
	c := &cobra.Command{
		Use:   "import KIND FILE",
		Short: "Import a table (applicants, profiles, reviewers, groups, scores, consensus, satisfaction, …) from CSV or XLSX",
		Long: `Import reads a table from a CSV file (UTF-8, with or without BOM, or GB18030/GBK
as Chinese Excel and WPS write it) or an XLSX workbook into the current cycle.
KIND is one of ` + strings.Join(importer.Kinds, ", ") + `.

A header row is required and the columns may come in any order. An import is
all or nothing: one bad row refuses the file, the error names the file, line
and column, and the database is unchanged.`,
		Example: `  qaward --db cycle.db import applicants applicants.csv
  qaward --db cycle.db import scores scores.xlsx --sheet 评分`,
		Args:              exactArgs("KIND", "FILE"),
		ValidArgsFunction: positional(fixed(importer.Kinds...), files("csv", "xlsx", "xlsm")),
		RunE:              func(_ *cobra.Command, args []string) error { return runImport(a, f, args) },
	}
	c.Flags().StringVar(&f.sheet, "sheet", "", "worksheet of an .xlsx workbook to read, by `name` (default: the first)")
	c.Flags().StringVar(&f.encoding, "encoding", "", "`encoding` of a CSV file: "+imports.Encodings+" (default: UTF-8 if the file is valid UTF-8, else GB18030)")
	c.RegisterFlagCompletionFunc("encoding", fixed("utf-8", "gb18030"))
	c.RegisterFlagCompletionFunc("sheet", cobra.NoFileCompletions)
	return c
}

func runImport(a *app, f importFlags, pos []string) error {
	kind, file := pos[0], pos[1]
	if !contains(importer.Kinds, kind) {
		return usagef("import: unknown kind %q: want one of %s", kind, strings.Join(importer.Kinds, ", "))
	}
	label := "reading " + file
	if e := strings.ToLower(filepath.Ext(file)); e != ".xlsx" && e != ".xlsm" {
		label += " (KB)"
	}
	if f.sheet != "" && !strings.HasSuffix(strings.ToLower(file), ".xlsx") && !strings.HasSuffix(strings.ToLower(file), ".xlsm") {
		return usagef("import: --sheet is for .xlsx workbooks; %s is read as CSV", file)
	}
	enc, err := imports.ParseEncoding(f.encoding)
	if err != nil {
		return usagef("import: --encoding: %v", err)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		n, err := a.backend(st).Import(cycle, kind, file, backend.ImportOptions{Sheet: f.sheet, Encoding: enc, Progress: a.progress(label)})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "imported %d %s into cycle %s\n", n, importer.Noun(kind), cycle)
		return nil
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
