package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// calibrationFlags are the flags of `qaward calibration`.
type calibrationFlags struct {
	format, stage, group, whatIf string
	stageSet                     bool
}

func calibrationCmd(a *app) *cobra.Command {
	var f calibrationFlags
	c := &cobra.Command{
		Use:   "calibration [--stage material|onsite] [--group G] [--what-if zscore] [--format table|csv|json]",
		Short: "Show how lenient or strict each reviewer scored against their panels",
		Long: `Calibration compares every reviewer's submitted sheets at a stage with the
stage scores in force of the same applicants (consensus where recorded): the
number of sheets, the mean offset of the reviewer's totals (positive for a
lenient reviewer, negative for a strict one), its spread (the mean distance
either way) and how many sheets lay above and below. Figures are exact and
rounded half up to 0.01. It informs the leaders and the office; it changes no
result.

The office sees every reviewer across the cycle. A group leader (--as) sees
the members of the groups they lead, each against that group's applicants
only; --group picks one group (the office may name any), at its own stage
unless --stage says otherwise. A reviewer who leads no group may not run it.

--what-if zscore (the office's) prints instead the ranking as it would be if
every reviewer's sheet totals were normalised by z-score: standardised by the
reviewer's own mean and mean absolute deviation, re-expressed on the stage's
pooled scale. With it, --stage picks the ranking: composite (the default) or
material. It is a what-if, not the official result: nothing is saved, and
rank, exports and documents never use it.`,
		Example: "  qaward --db cycle.db calibration --stage onsite --format csv\n" +
			"  qaward --db cycle.db --as R003 calibration --group G1\n" +
			"  qaward --db cycle.db calibration --what-if zscore",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.stageSet = cmd.Flags().Changed("stage")
			return runCalibration(a, f)
		},
	}
	formatFlag(c, &f.format)
	c.Flags().StringVar(&f.stage, "stage", "material", "the stage: `material|onsite` (with --what-if: the ranking, composite|material)")
	c.Flags().StringVar(&f.group, "group", "", "only this review `group`'s members, against its applicants")
	c.Flags().StringVar(&f.whatIf, "what-if", "", "print the ranking under a normalisation instead: `zscore` (the office's; never the official result)")
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite", "composite"))
	c.RegisterFlagCompletionFunc("what-if", fixed("zscore"))
	return c
}

func runCalibration(a *app, f calibrationFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	if f.whatIf != "" {
		return runZScore(a, f)
	}
	if f.stage != string(award.Material) && f.stage != string(award.Onsite) {
		return usagef("calibration: --stage %q: want material or onsite", f.stage)
	}
	stage := award.Stage(f.stage)
	if f.group != "" && !f.stageSet {
		stage = "" // the group's own stage
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		b := a.backend(st)
		if f.group == "" && a.officeOnly("") == nil {
			rows, names, err := b.Calibration(cycle, stage)
			if err != nil {
				return err
			}
			return a.print(fromExport(backend.CalibrationReport(rows, names)), f.format)
		}
		rows, names, err := b.GroupCalibration(cycle, stage, f.group)
		if err != nil {
			return err
		}
		return a.print(fromExport(backend.GroupCalibrationReport(rows, names)), f.format)
	})
}

// runZScore prints the z-score what-if under its banner: above a table,
// on standard error beside CSV and JSON (which stay data only).
func runZScore(a *app, f calibrationFlags) error {
	if f.whatIf != "zscore" {
		return usagef("calibration: --what-if %q: want zscore", f.whatIf)
	}
	if f.group != "" {
		return usagef("calibration: --what-if ranks the whole cycle: leave out --group")
	}
	stage := award.Stage("composite")
	if f.stageSet {
		if f.stage != string(award.Material) && f.stage != "composite" {
			return usagef("calibration --what-if: --stage %q: want composite or material", f.stage)
		}
		stage = award.Stage(f.stage)
	}
	if err := a.officeOnly("ask for the z-score what-if"); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		r, z, err := a.backend(st).ZScoreWhatIf(cycle)
		if err != nil {
			return err
		}
		banner := a.stdout
		if f.format != "table" {
			banner = a.stderr
		}
		fmt.Fprintln(banner, "*** "+backend.ZScoreBanner+" ***")
		return a.print(fromExport(backend.ZScoreReport(r, z, stage)), f.format)
	})
}
