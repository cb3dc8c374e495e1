package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"qaward/award"
	"qaward/store"
)

func runPublicity(a *app, args []string) error {
	fs := a.flags("publicity")
	start := fs.String("start", "", "first day of publicity, `YYYY-MM-DD`")
	days := fs.Int("days", award.PublicityDays, "length in working days (Art. 24: 5)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if *start == "" {
		return usagef("publicity: --start YYYY-MM-DD is required")
	}
	d, err := time.Parse(time.DateOnly, *start)
	if err != nil {
		return usagef("publicity: --start %q: want a date as YYYY-MM-DD", *start)
	}
	if *days < 1 || *days > 60 {
		return usagef("publicity: --days %d: want 1 to 60", *days)
	}
	years, err := a.calendarYears()
	if err != nil {
		return err
	}
	cal, err := award.NewCalendar(years)
	if err != nil {
		return err
	}
	end, err := cal.AddWorkdays(d, *days)
	if err != nil {
		return err
	}
	first := d
	for ok, _ := cal.IsWorkday(first); !ok; ok, _ = cal.IsWorkday(first) {
		first = first.AddDate(0, 0, 1)
	}
	fmt.Fprintf(a.stdout, "publicity of %d working days: %s to %s", *days, first.Format(time.DateOnly), end.Format(time.DateOnly))
	if !first.Equal(d) {
		fmt.Fprintf(a.stdout, " (%s is not a working day)", *start)
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
