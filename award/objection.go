package award

import (
	"fmt"
	"time"
)

// ObjectionReplyDays is the default time limit of the office's answer to
// an objection, in working days. Art. 39 has the office investigate and
// tell the filer the outcome "在法律规章规定的时限内", within the limit
// that laws and regulations set, without naming one; 15 working days is
// the usual limit in the rules of comparable quality awards, and the
// cycle's configuration sets another ([objections] reply_days).
const ObjectionReplyDays = 15

// ReplyDays is the time limit of an objection's answer in working days:
// the configured one, or ObjectionReplyDays for a configuration stored
// before the key existed.
func (c Config) ReplyDays() int {
	if c.ObjectionReplyDays > 0 {
		return c.ObjectionReplyDays
	}
	return ObjectionReplyDays
}

// ReplyDue is the last day on which the office may answer an objection
// received on filed (YYYY-MM-DD): the days-th working day after it on the
// official calendar. The day of receipt is not counted, as Chinese law
// counts a period in days (民法典第二百零一条: 开始的当日不计入): an
// objection received on Tuesday 2026-09-29 with 15 working days is due on
// Monday 2026-10-26: the National Day holiday is not counted, the working
// Saturday 10-10 is. A year the calendar
// does not cover gives ErrUnknownYear.
func ReplyDue(cal *Calendar, filed string, days int) (string, error) {
	d, err := time.Parse(time.DateOnly, filed)
	if err != nil {
		return "", fmt.Errorf("received on %q: want YYYY-MM-DD", filed)
	}
	due, err := cal.AddWorkdays(d.AddDate(0, 0, 1), days)
	if err != nil {
		return "", err
	}
	return due.Format(time.DateOnly), nil
}

// isDate reports whether s is a date written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
