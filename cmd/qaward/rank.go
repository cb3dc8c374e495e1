package main

import (
	"github.com/spf13/cobra"

	"qaward/backend/export"
	"qaward/store"
)

type rankFlags struct{ stage, format string }

func rankCmd(a *app) *cobra.Command {
	var f rankFlags
	c := &cobra.Command{
		Use:   "rank [--stage material|onsite|composite] [--format table|csv|json]",
		Short: "Print the material, on-site or composite ranking",
		Long: `Rank prints a ranking of the current cycle by rule 7 of the design: composite
descending, then on-site, then material, then applicant ID. The material
ranking marks the on-site shortlist; the composite ranking carries the
outcomes under the quotas of Art. 3, and lists shortlisted applicants that
lack a score after the ranked rows as incomplete.`,
		Example: `  qaward --db cycle.db rank --stage material
  qaward --db cycle.db rank --stage composite --format csv > composite.csv`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runRank(a, f) },
	}
	c.Flags().StringVar(&f.stage, "stage", "composite", "ranking: `material|onsite|composite`")
	formatFlag(c, &f.format)
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite", "composite"))
	return c
}

func runRank(a *app, f rankFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	if f.stage != "material" && f.stage != "onsite" && f.stage != "composite" {
		return usagef("rank: --stage %q: want material, onsite or composite", f.stage)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Results(cycle)
		if err != nil {
			return err
		}
		var r *report
		switch f.stage {
		case "material":
			r = fromExport(res.MaterialReport())
		case "onsite":
			r = fromExport(res.OnsiteReport())
		default:
			r = fromExport(res.CompositeReport())
		}
		return a.print(r, f.format)
	})
}

// The reports are built in backend/export, which the exports and the TUI
// share; the command line prints them as tables, CSV or JSON.

// fromExport is an export report as the command line prints it: decimal
// columns print as JSON numbers, integer columns as JSON integers.
func fromExport(e export.Report) *report {
	r := &report{header: e.Header, rows: e.Rows, notes: e.Notes, ties: e.Ties,
		numeric: map[string]bool{}, integer: map[string]bool{}}
	for i, h := range e.Header {
		switch e.Kind(i) {
		case export.Integer:
			r.integer[h] = true
		case export.Decimal2:
			r.numeric[h] = true
		}
	}
	return r
}
