package main

import (
	"qaward/backend/export"
	"qaward/store"
)

func runRank(a *app, args []string) error {
	fs := a.flags("rank")
	stage := fs.String("stage", "composite", "ranking: material, onsite or composite")
	format := fs.String("format", "table", "output format: table, csv or json")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *stage != "material" && *stage != "onsite" && *stage != "composite" {
		return usagef("rank: --stage %q: want material, onsite or composite", *stage)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Results(cycle)
		if err != nil {
			return err
		}
		var r *report
		switch *stage {
		case "material":
			r = fromExport(res.MaterialReport())
		case "onsite":
			r = fromExport(res.OnsiteReport())
		default:
			r = fromExport(res.CompositeReport())
		}
		return r.write(a.stdout, *format)
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
