package imports

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"qaward/award"
	"qaward/award/confidential"
)

// The office's records of applicants for eligibility (Art. 8–10) and their
// declared secrets (Art. 37): profiles, certificates, incidents and prior
// awards. Each table changes the profiles of the applicants it names and
// nothing else; the caller applies the changes to the stored profiles in
// one transaction.

// ProfileChange is what a table changes in one applicant's profile: Apply
// changes the stored profile in place. Records is the number of records
// (certificates, incidents, awards; 1 for a profile row) it brings.
type ProfileChange struct {
	ApplicantID string
	Apply       func(p *award.Profile)
	Records     int
}

// parseYesNo reads yes/no, 是/否, and the TRUE/FALSE of a spreadsheet's
// logical cells.
func parseYesNo(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "是", "true":
		return true, true
	case "no", "否", "false":
		return false, true
	}
	return false, false
}

// yesNo returns the yes/no cell of a column, which must not be empty.
func yesNo(l *layout, r Row, name string) (bool, error) {
	v, ok := parseYesNo(l.get(r, name))
	if !ok {
		return false, l.fail(r, name, "%q: want yes or no (是 or 否)", l.get(r, name))
	}
	return v, nil
}

// date returns a required YYYY-MM-DD cell.
func date(l *layout, r Row, name string) (string, error) {
	v, err := l.required(r, name)
	if err != nil {
		return "", err
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return "", l.fail(r, name, "%q: want a date as YYYY-MM-DD", v)
	}
	if d.Year() < 1900 || d.Year() > 2200 {
		return "", l.fail(r, name, "%q: want a year from 1900 to 2200", v)
	}
	return v, nil
}

var profileColumns = []column{
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"registered_in", []string{"注册地", "注册登记地"}, false},
	{"legal_person", []string{"法人资格", "具有法人资格"}, false},
	{"excellence_model", []string{"卓越绩效管理模式", "实施卓越绩效管理模式"}, false},
	{"confidential", []string{"保密字段", "保密事项"}, false},
}

// Profiles reads profile rows: for each applicant named (once), the
// columns the table has set those fields of its profile, and the rest of
// the profile stays as it is. legal_person and excellence_model are yes or
// no; confidential lists field names (award/confidential) separated by
// ";" and may be empty (nothing declared secret).
func Profiles(t *Table, c *Context) ([]ProfileChange, error) {
	l, err := bind(t, profileColumns)
	if err != nil {
		return nil, err
	}
	if !l.has("registered_in") && !l.has("legal_person") && !l.has("excellence_model") && !l.has("confidential") {
		return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1,
			Msg: fmt.Sprintf("a profiles table sets at least one of registered_in, legal_person, excellence_model, confidential (header has: %s)", strings.Join(t.Header, ", "))}
	}
	seen := firstSeen{}
	var out []ProfileChange
	err = t.Each(func(r Row) error {
		id, err := c.applicantID(l, r, "applicant_id")
		if err != nil {
			return err
		}
		if err := seen.check(l, r, "applicant_id", id, "profile of "+id); err != nil {
			return err
		}
		var sets []func(p *award.Profile)
		if l.has("registered_in") {
			v := l.get(r, "registered_in")
			sets = append(sets, func(p *award.Profile) { p.RegisteredIn = v })
		}
		if l.has("legal_person") {
			v, err := yesNo(l, r, "legal_person")
			if err != nil {
				return err
			}
			sets = append(sets, func(p *award.Profile) { p.LegalPerson = v })
		}
		if l.has("excellence_model") {
			v, err := yesNo(l, r, "excellence_model")
			if err != nil {
				return err
			}
			sets = append(sets, func(p *award.Profile) { p.ExcellenceModel = v })
		}
		if l.has("confidential") {
			v, err := confidentialFields(l, r)
			if err != nil {
				return err
			}
			sets = append(sets, func(p *award.Profile) { p.Confidential = slices.Clone(v) })
		}
		out = append(out, ProfileChange{ApplicantID: id, Records: 1, Apply: func(p *award.Profile) {
			for _, set := range sets {
				set(p)
			}
		}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// confidentialFields reads the confidential cell: known field names
// separated by ";" (or the full-width "；"), each once.
func confidentialFields(l *layout, r Row) ([]string, error) {
	cell := strings.ReplaceAll(l.get(r, "confidential"), "；", ";")
	var out []string
	for _, f := range strings.Split(cell, ";") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(confidential.Fields, f) {
			return nil, l.fail(r, "confidential", "%q is not a field that can be declared confidential: want %s, separated by ';'",
				f, strings.Join(confidential.Fields, ", "))
		}
		if slices.Contains(out, f) {
			return nil, l.fail(r, "confidential", "%q is listed twice", f)
		}
		out = append(out, f)
	}
	return out, nil
}

// lists gathers, per applicant, the records of a table that replaces one
// list of the profile (certificates, incidents, prior awards). A row with
// nothing but the applicant records that the applicant has none.
type lists[T any] struct {
	what  string // "certificates", for messages
	order []string
	items map[string][]T
	first map[string]int // line of the applicant's first row
	none  map[string]int // line of the row that records none
}

func newLists[T any](what string) *lists[T] {
	return &lists[T]{what: what, items: map[string][]T{}, first: map[string]int{}, none: map[string]int{}}
}

// add takes one row of applicant app: an item, or (none) the record that
// the applicant has none.
func (ls *lists[T]) add(l *layout, r Row, app string, item T, none bool) error {
	if line, ok := ls.none[app]; ok {
		return l.fail(r, "applicant_id", "line %d records that %s has no %s; a row with only the applicant must be its only row", line, app, ls.what)
	}
	if _, ok := ls.first[app]; !ok {
		ls.first[app] = r.Line
		ls.order = append(ls.order, app)
	} else if none {
		return l.fail(r, "applicant_id", "a row with only the applicant records that %s has no %s, but line %d lists one", app, ls.what, ls.first[app])
	}
	if none {
		ls.none[app] = r.Line
		return nil
	}
	ls.items[app] = append(ls.items[app], item)
	return nil
}

// changes returns one change per applicant, in the order first named,
// that replaces the list with set.
func (ls *lists[T]) changes(set func(p *award.Profile, items []T)) []ProfileChange {
	out := make([]ProfileChange, 0, len(ls.order))
	for _, app := range ls.order {
		items := ls.items[app]
		out = append(out, ProfileChange{ApplicantID: app, Records: len(items), Apply: func(p *award.Profile) {
			set(p, slices.Clone(items))
		}})
	}
	return out
}

// emptyExcept reports whether every cell of a row but the named one is
// empty.
func emptyExcept(l *layout, r Row, cols []column, except string) bool {
	for _, c := range cols {
		if c.name != except && l.get(r, c.name) != "" {
			return false
		}
	}
	return true
}

var certificateColumns = []column{
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"name", []string{"证书名称", "认证名称"}, true},
	{"number", []string{"证书编号"}, true},
	{"valid_until", []string{"有效期至", "有效期"}, true},
}

// Certificates reads management-system certificates (Art. 8(3)): name,
// number and the last day of validity (YYYY-MM-DD). Each applicant named
// gets exactly the file's certificates in place of those recorded; a row
// with only the applicant records that it has none.
func Certificates(t *Table, c *Context) ([]ProfileChange, error) {
	l, err := bind(t, certificateColumns)
	if err != nil {
		return nil, err
	}
	ls := newLists[award.Certification]("certificates")
	numbers := firstSeen{}
	err = t.Each(func(r Row) error {
		app, err := c.applicantID(l, r, "applicant_id")
		if err != nil {
			return err
		}
		if emptyExcept(l, r, certificateColumns, "applicant_id") {
			return ls.add(l, r, app, award.Certification{}, true)
		}
		var v award.Certification
		if v.Name, err = l.required(r, "name"); err != nil {
			return err
		}
		if v.Number, err = l.required(r, "number"); err != nil {
			return err
		}
		if err := numbers.check(l, r, "number", app+"\x00"+v.Number, "certificate "+v.Number+" of "+app); err != nil {
			return err
		}
		if v.ValidUntil, err = date(l, r, "valid_until"); err != nil {
			return err
		}
		return ls.add(l, r, app, v, false)
	})
	if err != nil {
		return nil, err
	}
	return ls.changes(func(p *award.Profile, cs []award.Certification) { p.Certifications = cs }), nil
}

var incidentColumns = []column{
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"date", []string{"日期", "发生日期"}, true},
	{"kind", []string{"类型", "类别"}, true},
	{"major", []string{"较大及以上", "是否较大及以上"}, true},
	{"description", []string{"说明", "情况说明", "描述"}, true},
}

// parseIncidentKind accepts the contract spelling and the Chinese names.
func parseIncidentKind(s string) (award.IncidentKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "quality", "质量", "质量事故":
		return award.QualityIncident, true
	case "safety", "安全", "安全事故":
		return award.SafetyIncident, true
	case "environment", "环保", "环境", "环保事故", "环境事故":
		return award.EnvironmentIncident, true
	case "public-health", "公共卫生", "公共卫生事故":
		return award.PublicHealthIncident, true
	case "violation", "违法", "违规", "违纪", "违法违规", "违法违规违纪":
		return award.Violation, true
	}
	return "", false
}

// Incidents reads accidents and violations on record (Art. 8(7), 9(1)):
// date (YYYY-MM-DD), kind, whether it was major (yes/no) and a
// description. Each applicant named gets exactly the file's incidents in
// place of those recorded; a row with only the applicant records that it
// has none.
func Incidents(t *Table, c *Context) ([]ProfileChange, error) {
	l, err := bind(t, incidentColumns)
	if err != nil {
		return nil, err
	}
	ls := newLists[award.Incident]("incidents")
	err = t.Each(func(r Row) error {
		app, err := c.applicantID(l, r, "applicant_id")
		if err != nil {
			return err
		}
		if emptyExcept(l, r, incidentColumns, "applicant_id") {
			return ls.add(l, r, app, award.Incident{}, true)
		}
		var v award.Incident
		if v.Date, err = date(l, r, "date"); err != nil {
			return err
		}
		kind, ok := parseIncidentKind(l.get(r, "kind"))
		if !ok {
			return l.fail(r, "kind", "%q: want quality, safety, environment, public-health or violation", l.get(r, "kind"))
		}
		v.Kind = kind
		if v.Major, err = yesNo(l, r, "major"); err != nil {
			return err
		}
		if v.Description, err = l.required(r, "description"); err != nil {
			return err
		}
		return ls.add(l, r, app, v, false)
	})
	if err != nil {
		return nil, err
	}
	return ls.changes(func(p *award.Profile, is []award.Incident) { p.Incidents = is }), nil
}

var priorAwardColumns = []column{
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"award", []string{"奖项", "奖项名称"}, true},
	{"year", []string{"年度", "年份", "获奖年度"}, true},
	{"cycle", []string{"届次", "届"}, false},
}

// parsePriorAward accepts the contract spelling and the Chinese names.
func parsePriorAward(s string) (award.PriorAwardKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "china-quality-award", "中国质量奖":
		return award.ChinaQualityAward, true
	case "hunan-governor-award", "湖南省省长质量奖", "省长质量奖":
		return award.HunanGovernorAward, true
	case "shaoyang-mayor-award", "邵阳市市长质量奖":
		return award.ShaoyangMayorAward, true
	case "wugang-mayor-award", "武冈市市长质量奖", "市长质量奖":
		return award.WugangMayorAward, true
	case "wugang-mayor-nomination", "武冈市市长质量奖提名奖", "提名奖":
		return award.WugangMayorNomination, true
	}
	return "", false
}

// PriorAwards reads the awards applicants won before (Art. 10): award and
// year, and for the Wugang awards optionally the cycle (届) it was won in,
// which the two-cycle bar of Art. 10 counts from. Each applicant named gets
// exactly the file's awards in place of those recorded; a row with only the
// applicant records that it has none.
func PriorAwards(t *Table, c *Context) ([]ProfileChange, error) {
	l, err := bind(t, priorAwardColumns)
	if err != nil {
		return nil, err
	}
	ls := newLists[award.PriorAward]("prior awards")
	seen := firstSeen{}
	err = t.Each(func(r Row) error {
		app, err := c.applicantID(l, r, "applicant_id")
		if err != nil {
			return err
		}
		if emptyExcept(l, r, priorAwardColumns, "applicant_id") {
			return ls.add(l, r, app, award.PriorAward{}, true)
		}
		var v award.PriorAward
		kind, ok := parsePriorAward(l.get(r, "award"))
		if !ok {
			return l.fail(r, "award", "%q: want china-quality-award, hunan-governor-award, shaoyang-mayor-award, wugang-mayor-award or wugang-mayor-nomination", l.get(r, "award"))
		}
		v.Award = kind
		year, err := l.required(r, "year")
		if err != nil {
			return err
		}
		if v.Year, err = strconv.Atoi(year); err != nil || len(year) != 4 || v.Year < 1900 || v.Year > 2200 {
			return l.fail(r, "year", "%q: want a year as four digits, such as 2024", year)
		}
		if cy := l.get(r, "cycle"); cy != "" {
			if kind != award.WugangMayorAward && kind != award.WugangMayorNomination {
				return l.fail(r, "cycle", "a cycle (届) is recorded for the Wugang awards only; leave it empty for %s", kind)
			}
			if cy, err = checkID(l, r, "cycle"); err != nil {
				return err
			}
			v.Cycle = cy
		}
		if err := seen.check(l, r, "award", app+"\x00"+string(kind)+"\x00"+year, fmt.Sprintf("%s %d of %s", kind, v.Year, app)); err != nil {
			return err
		}
		return ls.add(l, r, app, v, false)
	})
	if err != nil {
		return nil, err
	}
	return ls.changes(func(p *award.Profile, ps []award.PriorAward) { p.PriorAwards = ps }), nil
}
