package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"qaward/backend/importer"
	"qaward/store"
)

func runImport(a *app, args []string) error {
	fs := a.flags("import")
	sheet := fs.String("sheet", "", "worksheet of an .xlsx `file` to read (default: the first)")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	kind, file := pos[0], pos[1]
	if !contains(importer.Kinds, kind) {
		return usagef("import: unknown kind %q: want one of %s", kind, strings.Join(importer.Kinds, ", "))
	}
	label := "reading " + file
	if e := strings.ToLower(filepath.Ext(file)); e != ".xlsx" && e != ".xlsm" {
		label += " (KB)"
	}
	if *sheet != "" && !strings.HasSuffix(strings.ToLower(file), ".xlsx") && !strings.HasSuffix(strings.ToLower(file), ".xlsm") {
		return usagef("import: --sheet is for .xlsx workbooks; %s is read as CSV", file)
	}
	table, done, err := importer.Open(file, *sheet, a.progress(label))
	if err != nil {
		return err
	}
	defer done()
	return a.inCycle(false, func(st store.Store, cycle string) error {
		n, err := importer.Import(st, a.actor(), cycle, kind, table)
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
