package award

import (
	"errors"
	"testing"
)

func TestReplyDue(t *testing.T) {
	cal, err := NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		filed string
		days  int
		due   string
	}{
		// 9/30 is day 1; 10/1–10/7 off; 10/10 (Saturday) a working day
		{"2026-09-29", 15, "2026-10-26"},
		// received on a Friday: Monday is day 1
		{"2026-03-06", 1, "2026-03-09"},
		{"2026-03-06", 5, "2026-03-13"},
		// received on a Sunday (a working day counts from the day after)
		{"2026-03-08", 1, "2026-03-09"},
	} {
		got, err := ReplyDue(cal, c.filed, c.days)
		if err != nil || got != c.due {
			t.Errorf("ReplyDue(%s, %d) = %s, %v; want %s", c.filed, c.days, got, err, c.due)
		}
	}
	if _, err := ReplyDue(cal, "2035-06-01", 15); !errors.Is(err, ErrUnknownYear) {
		t.Errorf("a year the calendar does not cover: %v, want ErrUnknownYear", err)
	}
	if _, err := ReplyDue(cal, "29.9.2026", 15); err == nil {
		t.Error("a date that is not YYYY-MM-DD was taken")
	}
	if d := (Config{}).ReplyDays(); d != ObjectionReplyDays {
		t.Errorf("a configuration stored before the key: %d days", d)
	}
	c, err := ParseConfig("cycle.toml", "[objections]\nreply_days = 30\n")
	if err != nil || c.ReplyDays() != 30 {
		t.Errorf("reply_days = 30: %d, %v", c.ReplyDays(), err)
	}
	if _, err := ParseConfig("cycle.toml", "[objections]\nreply_days = 0\n"); err == nil {
		t.Error("reply_days = 0 was taken")
	}
	back, err := ParseConfig("round", DefaultConfig().TOML())
	if err != nil || back.ReplyDays() != ObjectionReplyDays {
		t.Errorf("the defaults' TOML does not read back: %v", err)
	}
}

func TestObjectionReplied(t *testing.T) {
	n := Notice{Start: "2026-09-28", End: "2026-10-09", Days: 5}
	none := func(string, string) bool { return false }
	base := Objection{ID: "Y1", ApplicantID: "A1", Filed: "2026-09-29", Evidence: "e", HandlerID: "office"}
	for _, c := range []struct {
		o  func(Objection) Objection
		ok bool
	}{
		{func(o Objection) Objection { o.Outcome = Pending; return o }, true},
		{func(o Objection) Objection { o.Outcome, o.Replied = Pending, "2026-10-09"; return o }, false},
		{func(o Objection) Objection { o.Outcome, o.Finding, o.Replied = Dismissed, "f", "2026-10-09"; return o }, true},
		{func(o Objection) Objection { o.Outcome, o.Finding, o.Replied = Dismissed, "f", "2026-09-28"; return o }, false},
		{func(o Objection) Objection { o.Outcome, o.Finding, o.Replied = Dismissed, "f", "9 Oct"; return o }, false},
	} {
		o := c.o(base)
		if err := CheckObjection(o, n, none); (err == nil) != c.ok {
			t.Errorf("%+v: %v, want ok %v", o, err, c.ok)
		}
	}
}
