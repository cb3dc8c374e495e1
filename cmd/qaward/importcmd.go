package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/store"
)

func runImport(a *app, args []string) error {
	fs := a.flags("import")
	sheet := fs.String("sheet", "", "worksheet of an .xlsx `file` to read (default: the first)")
	encoding := fs.String("encoding", "", "`encoding` of a CSV file: "+imports.Encodings+" (default: UTF-8 if the file is valid UTF-8, else GB18030)")
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
	enc, err := imports.ParseEncoding(*encoding)
	if err != nil {
		return usagef("import: --encoding: %v", err)
	}
	table, done, err := importer.OpenWith(file, importer.OpenOptions{Sheet: *sheet, Encoding: enc, Progress: a.progress(label)})
	if err != nil {
		return err
	}
	defer done()
	return a.inCycle(false, func(st *store.DB, cycle string) error {
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
