package imports

import (
	"fmt"
	"regexp"
	"time"

	"qaward/award"
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

func checkID(l *layout, r Row, name string) (string, error) {
	v, err := l.required(r, name)
	if err != nil {
		return "", err
	}
	if !idPattern.MatchString(v) {
		return "", l.fail(r, name, "%q: an ID is 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit", v)
	}
	return v, nil
}

// firstSeen remembers the line where a key first appeared, to refuse
// duplicate rows with both positions.
type firstSeen map[string]int

func (f firstSeen) check(l *layout, r Row, field, key, what string) error {
	if line, dup := f[key]; dup {
		return l.fail(r, field, "duplicate %s (first on line %d)", what, line)
	}
	f[key] = r.Line
	return nil
}

var applicantColumns = []column{
	{"id", []string{"编号", "申报编号"}, true},
	{"kind", []string{"类型", "类别"}, true},
	{"name", []string{"名称", "申报单位", "姓名"}, true},
	{"industry", []string{"行业"}, false},
	{"credit_code", []string{"统一社会信用代码", "信用代码"}, false},
	{"founded", []string{"成立日期", "成立时间"}, false},
	{"criteria_set", []string{"评价准则"}, false},
}

// Applicants reads applicant rows. An organisation needs a valid unified
// social credit code; an individual has none. sets tells whether a criteria
// set ID exists; an empty criteria_set takes the default for the kind.
func Applicants(t *Table, setFor func(id string, kind award.Kind) (string, error)) ([]award.Applicant, error) {
	l, err := bind(t, applicantColumns)
	if err != nil {
		return nil, err
	}
	ids, codes := firstSeen{}, firstSeen{}
	out := []award.Applicant(nil)
	err = t.Each(func(r Row) error {
		a, err := applicantRow(l, r, ids, codes, setFor)
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func applicantRow(l *layout, r Row, ids, codes firstSeen, setFor func(string, award.Kind) (string, error)) (award.Applicant, error) {
	var a award.Applicant
	var err error
	if a.ID, err = checkID(l, r, "id"); err != nil {
		return a, err
	}
	if err := ids.check(l, r, "id", a.ID, "applicant "+a.ID); err != nil {
		return a, err
	}
	if a.Kind, err = award.ParseKind(l.get(r, "kind")); err != nil {
		return a, l.fail(r, "kind", "%q: want organization or individual", l.get(r, "kind"))
	}
	if a.Name, err = l.required(r, "name"); err != nil {
		return a, err
	}
	a.Industry = l.get(r, "industry")
	a.CreditCode = l.get(r, "credit_code")
	a.Founded = l.get(r, "founded")
	switch a.Kind {
	case award.Organization:
		if a.CreditCode == "" {
			return a, l.fail(r, "credit_code", "an organisation needs its 18-character unified social credit code")
		}
		if err := award.CheckCreditCode(a.CreditCode); err != nil {
			return a, l.fail(r, "credit_code", "%v", err)
		}
		if err := codes.check(l, r, "credit_code", a.CreditCode, "credit code"); err != nil {
			return a, err
		}
	case award.Individual:
		if a.CreditCode != "" {
			return a, l.fail(r, "credit_code", "an individual has no unified social credit code; leave it empty")
		}
	}
	if a.Founded != "" {
		if err := checkFounded(a.Founded, today()); err != nil {
			return a, l.fail(r, "founded", "%v", err)
		}
	}
	if a.CriteriaSet, err = setFor(l.get(r, "criteria_set"), a.Kind); err != nil {
		return a, l.fail(r, "criteria_set", "%v", err)
	}
	a.Status = award.Accepted
	return a, nil
}

// today is the date founding dates are checked against.
var today = func() time.Time { return time.Now() }

// checkFounded checks a founding date: YYYY-MM-DD, YYYY-MM or YYYY, from
// 1800 and not after today (a month or year not starting after it).
func checkFounded(s string, now time.Time) error {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1800 {
				return fmt.Errorf("%q: year before 1800", s)
			}
			y, m, d := now.Date()
			if t.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
				return fmt.Errorf("%q is after today (%s): a founding date cannot be in the future", s, now.Format(time.DateOnly))
			}
			return nil
		}
	}
	return fmt.Errorf("%q: want a date as YYYY-MM-DD (or YYYY-MM, YYYY)", s)
}

var reviewerColumns = []column{
	{"id", []string{"编号", "评审员编号"}, true},
	{"name", []string{"姓名"}, true},
	{"affiliation", []string{"单位", "工作单位"}, false},
}

// Reviewers reads reviewer rows.
func Reviewers(t *Table) ([]award.Reviewer, error) {
	l, err := bind(t, reviewerColumns)
	if err != nil {
		return nil, err
	}
	ids := firstSeen{}
	out := []award.Reviewer(nil)
	err = t.Each(func(r Row) error {
		var v award.Reviewer
		if v.ID, err = checkID(l, r, "id"); err != nil {
			return err
		}
		if err := ids.check(l, r, "id", v.ID, "reviewer "+v.ID); err != nil {
			return err
		}
		if v.Name, err = l.required(r, "name"); err != nil {
			return err
		}
		v.Affiliation = l.get(r, "affiliation")
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

var conflictColumns = []column{
	{"reviewer_id", []string{"评审员编号", "评审员"}, true},
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"reason", []string{"原因", "回避原因"}, true},
}

// Conflicts reads declared conflicts of interest (Art. 35); the reviewer and
// the applicant must be known and a reason is required.
func Conflicts(t *Table, c *Context) ([]award.Conflict, error) {
	l, err := bind(t, conflictColumns)
	if err != nil {
		return nil, err
	}
	seen := firstSeen{}
	out := []award.Conflict(nil)
	err = t.Each(func(r Row) error {
		var v award.Conflict
		if v.ReviewerID, err = c.reviewer(l, r, "reviewer_id"); err != nil {
			return err
		}
		if v.ApplicantID, err = c.applicantID(l, r, "applicant_id"); err != nil {
			return err
		}
		if v.Reason, err = l.required(r, "reason"); err != nil {
			return err
		}
		if err := seen.check(l, r, "applicant_id", v.ReviewerID+"\x00"+v.ApplicantID, "conflict"); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
