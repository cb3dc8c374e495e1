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

// Overdue reports whether a sheet due on due (YYYY-MM-DD, the whole day
// included, in loc) is overdue at now; never when due is "".
func Overdue(due string, now time.Time, loc *time.Location) bool {
	if due == "" {
		return false
	}
	d, err := time.ParseInLocation(time.DateOnly, due, loc)
	if err != nil {
		return false
	}
	return !now.Before(d.AddDate(0, 0, 1))
}
