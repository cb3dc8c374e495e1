package main

import (
	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

func calibrationCmd(a *app) *cobra.Command {
	var format, stage string
	c := &cobra.Command{
		Use:   "calibration [--stage material|onsite] [--format table|csv|json]",
		Short: "Show how lenient or strict each reviewer scored against their panels",
		Long: `Calibration compares every reviewer's submitted sheets at a stage with the
stage scores in force of the same applicants (consensus where recorded): the
number of sheets, the mean offset of the reviewer's totals (positive for a
lenient reviewer, negative for a strict one), its spread (the mean distance
either way) and how many sheets lay above and below. Figures are exact and
rounded half up to 0.01. It informs the leaders and the office; it changes no
result.`,
		Example:           "  qaward --db cycle.db calibration --stage onsite --format csv",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if stage != string(award.Material) && stage != string(award.Onsite) {
				return usagef("calibration: --stage %q: want material or onsite", stage)
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				rows, names, err := a.backend(st).Calibration(cycle, award.Stage(stage))
				if err != nil {
					return err
				}
				return a.print(fromExport(backend.CalibrationReport(rows, names)), format)
			})
		},
	}
	formatFlag(c, &format)
	c.Flags().StringVar(&stage, "stage", "material", "the stage: `material|onsite`")
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite"))
	return c
}
