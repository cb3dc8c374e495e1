package award

import (
	"strings"
	"testing"
	"time"
)

func TestParseDeadlines(t *testing.T) {
	c, err := ParseConfig("c.toml", "[deadlines]\nmaterial = \"2026-06-30\"\nonsite = 2026-08-15\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Deadlines != (Deadlines{Material: "2026-06-30", Onsite: "2026-08-15"}) || c.Deadlines.Due(Onsite) != "2026-08-15" {
		t.Fatalf("deadlines %+v", c.Deadlines)
	}
	back, err := ParseConfig("rendered.toml", c.TOML())
	if err != nil || back.Deadlines != c.Deadlines {
		t.Fatalf("round trip: %v %+v\n%s", err, back.Deadlines, c.TOML())
	}
	for _, x := range []struct{ text, want string }{
		{"[deadlines]\nmaterial = \"2026-02-30\"\n", `c.toml:2: deadlines.material: "2026-02-30": want a date YYYY-MM-DD that exists, such as 2026-06-30`},
		{"[deadlines]\n\nonsite = \"30/6/2026\"\n", `c.toml:3: deadlines.onsite: "30/6/2026": want a date YYYY-MM-DD`},
		{"[deadlines]\nmaterial = 20260630\n", "c.toml:2: deadlines.material: 20260630: want a date such as 2026-06-30"},
		{"[deadlines]\nmaterial = 2026-06-30T12:00:00\n", "c.toml:2: deadlines.material: 2026-06-30T12:00:00Z: want a day such as 2026-06-30, without a time"},
		{"[deadlines]\nmaterial = \"2026-06-30\"\nonsite = \"2026-06-29\"\n", "c.toml:3: deadlines.onsite: 2026-06-29 is before the material deadline 2026-06-30"},
		{"[deadlines]\nconsensus = \"2026-06-30\"\n", "c.toml:2: deadlines.consensus: unknown key"},
	} {
		_, err := ParseConfig("c.toml", x.text)
		if err == nil || !strings.Contains(err.Error(), x.want) {
			t.Errorf("ParseConfig(%q) = %v\nwant %q", x.text, err, x.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	for _, c := range []struct {
		due  string
		now  time.Time
		want bool
	}{
		{"2026-06-30", time.Date(2026, 6, 30, 23, 59, 0, 0, loc), false},
		{"2026-06-30", time.Date(2026, 7, 1, 0, 0, 0, 0, loc), true},
		{"", time.Date(2030, 1, 1, 0, 0, 0, 0, loc), false},
	} {
		if got := Overdue(c.due, c.now, loc); got != c.want {
			t.Errorf("Overdue(%q, %v) = %v", c.due, c.now, got)
		}
	}
}

func TestDaysLate(t *testing.T) {
	d := Deadlines{Material: "2026-06-30", Onsite: "2026-08-15"}
	for _, c := range []struct {
		st   Stage
		now  time.Time
		want int
	}{
		{Material, time.Date(2026, 6, 30, 15, 59, 0, 0, time.UTC), 0}, // 23:59 in Beijing
		{Material, time.Date(2026, 6, 30, 16, 0, 0, 0, time.UTC), 1},  // midnight in Beijing
		{Material, time.Date(2026, 7, 10, 9, 0, 0, 0, ChinaTime), 10},
		{Onsite, time.Date(2026, 7, 10, 9, 0, 0, 0, ChinaTime), 0},
		{Onsite, time.Date(2027, 8, 15, 9, 0, 0, 0, ChinaTime), 365},
	} {
		if got := d.Late(c.st, c.now); got != c.want {
			t.Errorf("Late(%s, %v) = %d, want %d", c.st, c.now, got, c.want)
		}
	}
	if got := (Deadlines{}).Late(Material, time.Now()); got != 0 {
		t.Errorf("no deadline: late %d", got)
	}
}
