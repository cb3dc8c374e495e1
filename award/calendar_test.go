package award

import (
	"errors"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPublicityWindow(t *testing.T) {
	c, err := NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ start, end, why string }{
		{"2026-09-28", "2026-10-09", "National Day 10/1–10/7 off"},
		{"2026-09-18", "2026-09-23", "Fri 18 (1), Sat 19 off, Sun 20 works (2), Mon 21 (3), Tue 22 (4), Wed 23 (5)"},
		{"2026-09-19", "2026-09-24", "a Saturday start: day 1 is the working Sunday 9/20, day 5 Thu 24"},
		{"2026-10-09", "2026-10-14", "Fri 9 (1), Sat 10 works (2), Mon 12 (3), 13 (4), 14 (5)"},
		{"2026-02-12", "2026-02-25", "Spring Festival: Thu 12 (1), Fri 13 (2), Sat 14 works (3), 2/15–2/23 off, Tue 24 (4), Wed 25 (5)"},
		{"2026-05-06", "2026-05-11", "Wed 6 (1), 7 (2), 8 (3), Sat 9 works (4), Mon 11 (5)"},
		{"2026-06-01", "2026-06-05", "an ordinary week"},
	} {
		end, err := c.AddWorkdays(day(tc.start), PublicityDays)
		if err != nil {
			t.Errorf("%s: %v", tc.start, err)
			continue
		}
		if got := end.Format(time.DateOnly); got != tc.end {
			t.Errorf("publicity from %s ends %s, want %s (%s)", tc.start, got, tc.end, tc.why)
		}
	}
}

func TestUncoveredYearIsRefusedUnlessConfigured(t *testing.T) {
	c, _ := NewCalendar(nil)
	if _, err := c.AddWorkdays(day("2031-03-02"), 5); !errors.Is(err, ErrUnknownYear) {
		t.Fatalf("2031 without data: %v, want ErrUnknownYear", err)
	}
	c, err := NewCalendar([]CalendarYear{{Year: 2031, Off: []string{"2031-03-03"}, Work: []string{"2031-03-08"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Mon 3/2 (1), Tue 3/3 off, 3/4 (2), 3/5 (3), 3/6 (4), Sat 3/8 works (5)
	end, err := c.AddWorkdays(day("2031-03-02"), 5)
	if err != nil || end.Format(time.DateOnly) != "2031-03-08" {
		t.Fatalf("configured 2031: %v %v", end, err)
	}
	if _, err := NewCalendar([]CalendarYear{{Year: 2031, Off: []string{"2030-01-01"}}}); err == nil {
		t.Error("a day outside its year was accepted")
	}
}
