package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

type publicityFlags struct {
	start string
	days  int
}

func publicityCmd(a *app) *cobra.Command {
	var f publicityFlags
	c := &cobra.Command{
		Use:   "publicity --start YYYY-MM-DD [--days 5]",
		Short: "Compute the publicity window on the official working-day calendar",
		Long: `Publicity computes the window of the publicity (Art. 24: 5 working days) from
its first day on the official working-day calendar, holidays and make-up
working days included, with the years the cycle's configuration adds.`,
		Example:           "  qaward publicity --start 2026-09-28",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runPublicity(a, f) },
	}
	c.Flags().StringVar(&f.start, "start", "", "first day of publicity, `YYYY-MM-DD`")
	c.Flags().IntVar(&f.days, "days", award.PublicityDays, "length in working `days` (Art. 24: 5)")
	c.RegisterFlagCompletionFunc("start", cobra.NoFileCompletions)
	c.RegisterFlagCompletionFunc("days", cobra.NoFileCompletions)
	return c
}

func runPublicity(a *app, f publicityFlags) error {
	if f.start == "" {
		return usagef("publicity: --start YYYY-MM-DD is required")
	}
	d, err := time.Parse(time.DateOnly, f.start)
	if err != nil {
		return usagef("publicity: --start %q: want a date as YYYY-MM-DD", f.start)
	}
	if f.days < 1 || f.days > 60 {
		return usagef("publicity: --days %d: want 1 to 60", f.days)
	}
	years, err := a.calendarYears()
	if err != nil {
		return err
	}
	n, err := backend.PublicityWindow(award.Config{Calendar: years}, f.start, f.days)
	if err != nil {
		return err
	}
	first, end := n.Start, n.End
	fmt.Fprintf(a.stdout, "publicity of %d working days: %s to %s", f.days, first, end)
	if first != d.Format(time.DateOnly) {
		fmt.Fprintf(a.stdout, " (%s is not a working day)", f.start)
	}
	fmt.Fprintln(a.stdout)
	return nil
}

// calendarYears are the working-day years the cycle configuration adds,
// when there is a database with a cycle; none otherwise.
func (a *app) calendarYears() ([]award.CalendarYear, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	st, err := a.openStore(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	cycle, err := a.cycleID(st)
	if err != nil {
		if errors.Is(err, store.ErrNoCycle) {
			return nil, nil
		}
		return nil, err
	}
	c, err := st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	return c.Config.Calendar, nil
}
