package main

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// exportKinds are the tables `qaward export` writes: the backend's, the
// ratings summary (Art. 36), the paper score forms and the groups with
// their assignments in the import format.
var exportKinds = append(slices.Clone(backend.ExportKinds), "ratings", "scoreform", "groups", "aftercare", "visits")

type exportFlags struct {
	stage   string
	include bool
	// scoreform: whose forms
	reviewer, applicant, group string
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

KIND groups writes the review groups and their assignments in the columns of
'import groups' (group_id, stage, leader_id, reviewer_id, applicant_id and
the group's name), of one stage with --stage material|onsite, so that
importing the file into a cycle gives them back.

Applicants' confidential fields (Art. 37) are left out unless
--include-confidential is given, which is recorded in the audit log.

ratings writes the summary of the on-site candidates' ratings of their
reviewers (Art. 36), as 'qaward ratings' prints it.

aftercare writes the register of the five years after the award: the
winners' years with their Art. 31(6) flags (the only table of a CSV file)
and the entries, as 'qaward aftercare list' prints them; --applicant keeps
one winner.

visits writes the site-visit schedule (the only table of a CSV file) and the
issues of its visits, removed ones and findings included, as 'qaward visits
list' and 'qaward visits issues --all' print them; --group keeps one group.

scoreform writes printable paper score forms (XLSX only) for the on-site
visit (--stage onsite, the default) or the material review: one form per
assigned, unconflicted reviewer and applicant whose sheet is not submitted
yet, narrowed by --reviewer, --applicant and --group, each form on its own
A4 pages with the items, their points, a box for the percentage and room for
strengths and improvements, and the scoring bands on a second sheet. The
percentages typed into the same file, it imports as it is with
'qaward import scores FILE.xlsx'.`,
		Example: `  qaward --db cycle.db export rankings rankings.xlsx
  qaward --db cycle.db export rankings composite.csv --stage composite
  qaward --db cycle.db export candidates candidates.xlsx
  qaward --db cycle.db export scoreform onsite-R003.xlsx --reviewer R003
  qaward --db cycle.db export scoreform group.xlsx --group onsite-01
  qaward --db cycle.db export ratings ratings.xlsx
  qaward --db cycle.db --cycle 2026 export aftercare aftercare.xlsx
  qaward --db cycle.db export visits 现场评审日程.xlsx
  qaward --db cycle.db export groups groups.csv --stage onsite`,
		Args:              exactArgs("KIND", "FILE"),
		ValidArgsFunction: positional(fixed(exportKinds...), files("xlsx", "csv")),
		RunE:              func(_ *cobra.Command, args []string) error { return runExport(a, f, args) },
	}
	c.Flags().StringVar(&f.stage, "stage", "all", "rankings: `material|onsite|composite|all` (all: XLSX only); groups: material|onsite|all; scoreform: onsite (default) or material")
	c.Flags().StringVar(&f.reviewer, "reviewer", "", "scoreform: the forms of this reviewer `ID`")
	c.Flags().StringVar(&f.applicant, "applicant", "", "scoreform: the forms of this applicant `ID`; aftercare: this winner only")
	c.Flags().StringVar(&f.group, "group", "", "scoreform: the forms of this review group `ID` (its stage unless --stage); visits: this group's visits")
	for _, name := range []string{"reviewer", "applicant", "group"} {
		c.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	c.Flags().BoolVar(&f.include, "include-confidential", false, "include applicants' confidential fields (Art. 37); the disclosure is audited")
	c.RegisterFlagCompletionFunc("stage", fixed("all", "material", "onsite", "composite"))
	return c
}

func runExport(a *app, f exportFlags, pos []string) error {
	kind, file := pos[0], pos[1]
	if !contains(exportKinds, kind) {
		return usagef("export: unknown kind %q: want one of %s", kind, strings.Join(exportKinds, ", "))
	}
	if kind == "aftercare" {
		return runExportAftercareChecked(a, f, file)
	}
	if kind == "visits" {
		return runExportVisits(a, f, file)
	}
	if kind != "scoreform" && (f.reviewer != "" || f.applicant != "" || f.group != "") {
		return usagef("export: --reviewer, --applicant and --group are for scoreform")
	}
	// A workbook is built cell by cell, each cell short-lived garbage:
	// collecting it sooner keeps the peak near the live size (for the
	// reference cycle's scores 120 -> 90 MB, for a few per cent more time).
	defer debug.SetGCPercent(debug.SetGCPercent(40))
	switch kind {
	case "scoreform":
		return runExportScoreform(a, f, file)
	case "ratings":
		if _, err := fileFormat(file, "xlsx", "csv"); err != nil {
			return err
		}
		if f.stage != "all" || f.include {
			return usagef("export: ratings takes neither --stage nor --include-confidential")
		}
		return runExportRatings(a, file)
	}
	format, err := fileFormat(file, "xlsx", "csv")
	if err != nil {
		return err
	}
	if kind == "groups" {
		return runExportGroups(a, f, file)
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
	return a.inCycle(!f.include, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Export(cycle, backend.ExportRequest{Kind: kind, Stage: f.stage, Lang: a.lang,
			IncludeConfidential: f.include, File: file, Progress: a.progress("writing " + file)})
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

// runExportGroups writes the groups and assignments in the import format.
func runExportGroups(a *app, f exportFlags, file string) error {
	var stage award.Stage
	switch f.stage {
	case "all":
	case "material", "onsite":
		stage = award.Stage(f.stage)
	default:
		return usagef("export groups: --stage %q: want material, onsite or all", f.stage)
	}
	if f.include {
		return usagef("export groups: --include-confidential is for tables of applicants")
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		n, err := a.backend(st).ExportGroups(cycle, stage, file)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s: groups, %d rows\n", file, n)
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
