package award

import (
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

// parseDeadlines reads [deadlines]: each stage's due date as a TOML date
// (2026-06-30) or a string ("2026-06-30"), a real day of the calendar,
// the on-site date not before the material one.
func parseDeadlines(file, text string, material, onsite any, d *Deadlines) error {
	for _, f := range []struct {
		key string
		v   any
		dst *string
	}{{"material", material, &d.Material}, {"onsite", onsite, &d.Onsite}} {
		if f.v == nil {
			continue
		}
		key := toml.Key{"deadlines", f.key}
		var s string
		switch v := f.v.(type) {
		case string:
			s = v
		case time.Time: // a TOML date, or a date and time
			if h, m, sec := v.Clock(); h != 0 || m != 0 || sec != 0 || v.Nanosecond() != 0 {
				return configErr(file, text, key, fmt.Sprintf("%s: want a day such as 2026-06-30, without a time", v.Format(time.RFC3339)))
			}
			s = v.Format(time.DateOnly)
		default:
			return configErr(file, text, key, fmt.Sprintf("%v: want a date such as 2026-06-30", f.v))
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return configErr(file, text, key, fmt.Sprintf("%q: want a date YYYY-MM-DD that exists, such as 2026-06-30", s))
		}
		*f.dst = s
	}
	if d.Material != "" && d.Onsite != "" && d.Onsite < d.Material {
		return configErr(file, text, toml.Key{"deadlines", "onsite"},
			fmt.Sprintf("%s is before the material deadline %s: the on-site review follows the material review", d.Onsite, d.Material))
	}
	return nil
}

// ChinaTime is Beijing time: China keeps one time zone and no daylight
// saving, and due dates are days in it.
var ChinaTime = time.FixedZone("CST", 8*3600)

// Overdue reports whether a sheet due on due (YYYY-MM-DD, the whole day
// included, in loc) is overdue at now; never when due is "".
func Overdue(due string, now time.Time, loc *time.Location) bool {
	return DaysLate(due, now, loc) > 0
}

// DaysLate is how many days after due (YYYY-MM-DD, the whole day
// included, in loc) the day of now is: 1 on the day after; 0 when it is
// not past due, or due is "".
func DaysLate(due string, now time.Time, loc *time.Location) int {
	if due == "" {
		return 0
	}
	d, err := time.ParseInLocation(time.DateOnly, due, loc)
	if err != nil {
		return 0
	}
	now = now.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	return max(0, int(today.Sub(d).Hours()/24+0.5))
}

// Late is how many days a sheet of the stage, not submitted, is past the
// stage's due date at now, in Beijing time; 0 when it is not late. It is
// the one rule of lateness: `qaward status` (backend.Status) and the
// screens' flags both ask it.
func (d Deadlines) Late(st Stage, now time.Time) int {
	return DaysLate(d.Due(st), now, ChinaTime)
}
