package award

import (
	"errors"
	"fmt"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// CalendarYear is a year of the official working-day calendar given in the
// cycle configuration, for a year the built-in data does not cover (or to
// correct it): the statutory days off and the weekend days made working days
// (调休上班) by the State Council's notice.
type CalendarYear struct {
	Year int
	Off  []string // YYYY-MM-DD
	Work []string // YYYY-MM-DD
}

// Calendar answers whether a day is a working day (Art. 24): Monday to
// Friday unless a statutory day off, plus the weekend days made working
// days. It uses the official calendar carried by github.com/6tail/lunar-go
// and the configuration's years, which take precedence.
type Calendar struct {
	years map[int]*calendarYear
}

type calendarYear struct {
	off, work map[string]bool
}

// ErrUnknownYear: the calendar has no data for the year, so working days
// cannot be counted; a year the data does not cover is not holiday-free.
var ErrUnknownYear = errors.New("the official working-day calendar does not cover this year")

// NewCalendar builds a calendar with the configured years.
func NewCalendar(years []CalendarYear) (*Calendar, error) {
	c := &Calendar{years: map[int]*calendarYear{}}
	for _, y := range years {
		cy := &calendarYear{off: map[string]bool{}, work: map[string]bool{}}
		for _, list := range []struct {
			days []string
			set  map[string]bool
		}{{y.Off, cy.off}, {y.Work, cy.work}} {
			for _, d := range list.days {
				t, err := time.Parse(time.DateOnly, d)
				if err != nil || t.Year() != y.Year {
					return nil, fmt.Errorf("calendar year %d: %q is not a date of that year (YYYY-MM-DD)", y.Year, d)
				}
				list.set[d] = true
			}
		}
		c.years[y.Year] = cy
	}
	return c, nil
}

// Covers reports whether the calendar knows the year's days off.
func (c *Calendar) Covers(year int) bool {
	if _, ok := c.years[year]; ok {
		return true
	}
	return HolidayUtil.GetHolidaysByYear(year).Len() > 0
}

// IsWorkday reports whether d is a working day; ErrUnknownYear when the
// year is not covered.
func (c *Calendar) IsWorkday(d time.Time) (bool, error) {
	if !c.Covers(d.Year()) {
		return false, fmt.Errorf("%d: %w; list that year's days off and working weekend days under [[calendar]] in the cycle configuration", d.Year(), ErrUnknownYear)
	}
	ymd := d.Format(time.DateOnly)
	if y, ok := c.years[d.Year()]; ok {
		switch {
		case y.work[ymd]:
			return true, nil
		case y.off[ymd]:
			return false, nil
		}
		return weekday(d), nil
	}
	if h := HolidayUtil.GetHoliday(ymd); h != nil && h.GetDay() == ymd {
		return h.IsWork(), nil
	}
	return weekday(d), nil
}

func weekday(d time.Time) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// AddWorkdays returns the day on which a period of n working days that
// starts on start ends: start counts as day 1 when it is a working day,
// otherwise the first working day after it does. 2026-09-28 with n = 5
// gives 2026-10-09 (National Day, 10/1–10/7, is off).
func (c *Calendar) AddWorkdays(start time.Time, n int) (time.Time, error) {
	if n < 1 {
		return time.Time{}, fmt.Errorf("a period of %d working days", n)
	}
	d := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	for counted := 0; ; d = d.AddDate(0, 0, 1) {
		ok, err := c.IsWorkday(d)
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			counted++
			if counted == n {
				return d, nil
			}
		}
	}
}

// PublicityDays is the length of the publicity period (Art. 24).
const PublicityDays = 5
