package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// exportKinds are the tables `qaward export` writes.
var exportKinds = backend.ExportKinds

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
	return a.inCycle(!*include, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Export(cycle, backend.ExportRequest{Kind: kind, Stage: *stage, Lang: a.lang,
			IncludeConfidential: *include, File: file, Progress: a.progress("writing " + file)})
		if err != nil {
			return err
		}
		if res.Skipped > 0 {
			fmt.Fprintf(a.stderr, "note: %d sheet(s) not submitted or incomplete are left out (an import makes every sheet submitted)\n", res.Skipped)
		}
		if res.Disclosure != "" {
			fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", res.Disclosure)
		}
		fmt.Fprintf(a.stdout, "wrote %s: %s, %d rows\n", file, strings.Join(res.Tables, ", "), res.Rows)
		return nil
	})
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
// (Art. 32, 37), before they are written, and says so on stderr.
func disclose(a *app, st store.Store, cycle, what string, as []award.Applicant) error {
	detail, err := a.backend(st).Disclose(cycle, what, as)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
	return nil
}
