package imports

import (
	"fmt"
	"regexp"
	"strconv"

	"qaward/award"
	"qaward/scoring"
)

var satisfactionColumns = []column{
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"csi", []string{"满意度指数", "满意度"}, true},
	{"responses", []string{"样本量", "有效样本数"}, true},
}

// Satisfaction reads measured satisfaction indices: organisations only
// (Art. 21), 0–100 with at most two decimals, at least one response.
func Satisfaction(t *Table, c *Context) ([]award.Satisfaction, error) {
	l, err := bind(t, satisfactionColumns)
	if err != nil {
		return nil, err
	}
	seen := firstSeen{}
	out := []award.Satisfaction(nil)
	err = t.Each(func(r Row) error {
		a, err := c.organization(l, r)
		if err != nil {
			return err
		}
		if err := seen.check(l, r, "applicant_id", a.ID, "satisfaction for "+a.ID); err != nil {
			return err
		}
		v := award.Satisfaction{ApplicantID: a.ID}
		csi, err := award.ParseScore(l.get(r, "csi"))
		if err != nil || csi < 0 || csi > 10000 {
			return l.fail(r, "csi", "%q: want an index from 0 to 100 with at most two decimals", l.get(r, "csi"))
		}
		v.CSI = csi
		n, err := strconv.Atoi(l.get(r, "responses"))
		if err != nil || n < 1 {
			return l.fail(r, "responses", "%q: want the number of responses, a whole number ≥ 1", l.get(r, "responses"))
		}
		v.Responses = n
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Context) organization(l *layout, r Row) (award.Applicant, error) {
	a, err := c.applicant(l, r, "applicant_id")
	if err != nil {
		return a, err
	}
	if a.Kind != award.Organization {
		return a, l.fail(r, "applicant_id", "%s is an individual; satisfaction is measured for organisations only (Art. 21)", a.ID)
	}
	return a, nil
}

var questionPattern = regexp.MustCompile(`^[qQ]([0-9]+)$`)

// Survey reads raw survey answers (applicant_id, respondent, q1 … qk) on the
// cycle's scale and computes each organisation's index by DESIGN §2 rule 10.
func Survey(t *Table, c *Context) ([]award.Satisfaction, error) {
	cols := []column{
		{"applicant_id", []string{"申报编号", "申报者"}, true},
		{"respondent", []string{"受访者", "问卷编号"}, true},
	}
	var questions []string
	for _, h := range t.Header {
		if m := questionPattern.FindStringSubmatch(h); m != nil {
			questions = append(questions, h)
			cols = append(cols, column{name: h, required: true})
		}
	}
	l, err := bind(t, cols)
	if err != nil {
		return nil, err
	}
	for i, q := range questions {
		if want := "q" + strconv.Itoa(i+1); q != want && q != "Q"+strconv.Itoa(i+1) {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Column: l.idx[q] + 1, Field: q, Msg: fmt.Sprintf("questions must be numbered q1, q2, …; expected %s", want)}
		}
	}
	if len(questions) == 0 {
		return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Msg: "no question columns (q1, q2, …)"}
	}
	if w := c.Survey.Weights; len(w) > 0 && len(w) != len(questions) {
		return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Msg: fmt.Sprintf("%d questions, but the cycle configuration weights %d", len(questions), len(w))}
	}
	answers := map[string][][]int{}
	seen := firstSeen{}
	err = t.Each(func(r Row) error {
		a, err := c.organization(l, r)
		if err != nil {
			return err
		}
		resp, err := l.required(r, "respondent")
		if err != nil {
			return err
		}
		if err := seen.check(l, r, "respondent", a.ID+"\x00"+resp, "respondent "+resp); err != nil {
			return err
		}
		row := make([]int, len(questions))
		for i, q := range questions {
			v, err := strconv.Atoi(l.get(r, q))
			if err != nil || v < c.Survey.Low || v > c.Survey.High {
				return l.fail(r, q, "%q: want a whole number from %d to %d", l.get(r, q), c.Survey.Low, c.Survey.High)
			}
			row[i] = v
		}
		answers[a.ID] = append(answers[a.ID], row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]award.Satisfaction, 0, len(answers))
	for _, id := range sortedKeys(answers) {
		csi, stderr, n, err := scoring.CSI(answers[id], c.Survey.Weights, c.Survey.Low, c.Survey.High)
		if err != nil {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Field: id, Msg: err.Error()}
		}
		out = append(out, award.Satisfaction{ApplicantID: id, CSI: csi, Responses: n, StdErr: stderr})
	}
	return out, nil
}
