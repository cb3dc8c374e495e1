package award

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Verdict is the outcome of one eligibility rule.
type Verdict string

// Verdicts (DESIGN rule 12): a rule is met, not met (with the evidence),
// or not recorded when the records lack the evidence to decide.
const (
	Met         Verdict = "met"
	NotMet      Verdict = "not-met"
	NotRecorded Verdict = "not-recorded"
)

// Check is one eligibility rule applied to an applicant.
type Check struct {
	Article  string // such as "第八条(二)" / "Art. 8(2)"
	Rule     string // the rule in Chinese
	Verdict  Verdict
	Evidence string // what was found, in Chinese
	// Override is the office's written reason for holding the rule as
	// met (Profile.Overrides), shown beside the verdict; "" when none.
	Override string `json:",omitempty"`
}

// Eligibility is the report on one applicant: every rule, with its article
// and evidence.
type Eligibility struct {
	ApplicantID string
	Checks      []Check
}

// Eligible reports whether every rule passed.
func (e Eligibility) Eligible() bool {
	for _, c := range e.Checks {
		if c.Verdict != Met {
			return false
		}
	}
	return true
}

// Failures are the checks that did not pass.
func (e Eligibility) Failures() []Check {
	var out []Check
	for _, c := range e.Checks {
		if c.Verdict != Met {
			out = append(out, c)
		}
	}
	return out
}

// Revocation withdraws an award (Art. 28–31).
type Revocation struct {
	Identity string // Identity of the holder
	Cycle    string // the cycle the award was won in
	Date     string // YYYY-MM-DD
	Reason   string
	Article  string
	Fraud    bool // won by fraud: barred for the next two cycles (Art. 30)
	// Grounds are the grounds of Art. 31 it rests on; a record written
	// before they were kept has none.
	Grounds []Ground `json:",omitempty"`
}

// Win is an award given in an earlier cycle (an announced decision).
type Win struct {
	Identity string
	Cycle    string
	Award    bool // the award itself, not the nomination
}

// History is what the database knows of earlier cycles.
type History struct {
	Cycles      []Cycle // every cycle, any order
	Wins        []Win
	Revocations []Revocation
}

// Identity names an applicant across cycles: the credit code of an
// organisation, the name of an individual.
func Identity(a Applicant) string {
	if a.Kind == Organization && a.CreditCode != "" {
		return "org:" + a.CreditCode
	}
	return "person:" + a.Name
}

// wugangDivision is the administrative division code of Wugang (武冈市), the
// third to eighth characters of a credit code registered there.
const wugangDivision = "430581"

// CheckEligibility applies the rules of Art. 8 (organisations) or Art. 9
// (individuals) and Art. 10 and 30 to an applicant of cycle, as of the date
// of the call for applications, with the office's overrides marked.
func CheckEligibility(a Applicant, cycle string, asOf time.Time, h History) Eligibility {
	r := Eligibility{ApplicantID: a.ID}
	if a.Kind == Organization {
		r.Checks = append(r.Checks, registered(a), legalPerson(a), operatingYears(a, asOf),
			certified(a, asOf), incidents(a, asOf, true))
	} else {
		r.Checks = append(r.Checks, incidents(a, asOf, false))
	}
	r.Checks = append(r.Checks, higherAwards(a), recentWin(a, cycle, h), fraudBan(a, cycle, h))
	return r.WithOverrides(a.Profile.Overrides)
}

func registered(a Applicant) Check {
	c := Check{Article: "第八条(二)", Rule: "依法在武冈市本级行政区域内注册登记"}
	inCode := len(a.CreditCode) == 18 && a.CreditCode[2:8] == wugangDivision
	switch {
	case strings.Contains(a.Profile.RegisteredIn, "武冈") || inCode:
		c.Verdict, c.Evidence = Met, joinEvidence("注册地 "+a.Profile.RegisteredIn, codeEvidence(a, inCode))
	case a.Profile.RegisteredIn == "" && a.CreditCode == "":
		c.Verdict, c.Evidence = NotRecorded, "未登记注册地"
	default:
		c.Verdict, c.Evidence = NotMet, joinEvidence("注册地 "+a.Profile.RegisteredIn, codeEvidence(a, inCode))
	}
	return c
}

func codeEvidence(a Applicant, inWugang bool) string {
	if a.CreditCode == "" {
		return ""
	}
	if inWugang {
		return "信用代码登记管理机关 " + wugangDivision + "（武冈市）"
	}
	return "信用代码登记管理机关 " + a.CreditCode[2:8]
}

func joinEvidence(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(strings.TrimPrefix(p, "注册地 ")) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "；")
}

// profileRecorded reports whether the office recorded the applicant's
// profile (a profile import or the profile form sets the registration
// place or one of the yes/no answers): before that, "no" means "not
// recorded" rather than "not met".
func profileRecorded(a Applicant) bool {
	p := a.Profile
	return p.RegisteredIn != "" || p.LegalPerson || p.ExcellenceModel
}

func legalPerson(a Applicant) Check {
	c := Check{Article: "第八条(二)", Rule: "具有法人资格", Verdict: NotRecorded, Evidence: "未登记法人资格"}
	switch {
	case a.Profile.LegalPerson:
		c.Verdict, c.Evidence = Met, "具有法人资格"
	case profileRecorded(a):
		c.Verdict, c.Evidence = NotMet, "不具有法人资格"
	}
	return c
}

func operatingYears(a Applicant, asOf time.Time) Check {
	c := Check{Article: "第八条(二)", Rule: "从事生产经营3年以上"}
	founded, ok := parseLooseDate(a.Founded)
	switch {
	case !ok:
		c.Verdict, c.Evidence = NotRecorded, "未登记成立日期"
	case !founded.AddDate(3, 0, 0).After(asOf):
		c.Verdict, c.Evidence = Met, fmt.Sprintf("成立于 %s，至 %s 已满3年", a.Founded, asOf.Format(time.DateOnly))
	default:
		c.Verdict, c.Evidence = NotMet, fmt.Sprintf("成立于 %s，至 %s 不满3年", a.Founded, asOf.Format(time.DateOnly))
	}
	return c
}

func certified(a Applicant, asOf time.Time) Check {
	c := Check{Article: "第八条(三)", Rule: "取得体系认证证书并运行有效，已实施卓越绩效管理模式"}
	var valid []string
	for _, cert := range a.Profile.Certifications {
		if until, ok := parseLooseDate(cert.ValidUntil); ok && !until.Before(asOf) {
			valid = append(valid, fmt.Sprintf("%s（%s，有效期至 %s）", cert.Name, cert.Number, cert.ValidUntil))
		}
	}
	switch {
	case len(a.Profile.Certifications) == 0 && !profileRecorded(a):
		c.Verdict, c.Evidence = NotRecorded, "未登记体系认证证书"
	case len(valid) == 0:
		c.Verdict, c.Evidence = NotMet, "无有效期内的体系认证证书"
	case !a.Profile.ExcellenceModel && !profileRecorded(a):
		c.Verdict, c.Evidence = NotRecorded, "有效证书："+strings.Join(valid, "、")+"；未登记是否实施卓越绩效管理模式"
	case !a.Profile.ExcellenceModel:
		c.Verdict, c.Evidence = NotMet, "有效证书："+strings.Join(valid, "、")+"；未实施卓越绩效管理模式"
	default:
		c.Verdict, c.Evidence = Met, "有效证书："+strings.Join(valid, "、")+"；已实施卓越绩效管理模式"
	}
	return c
}

// incidents checks the last three years: for organisations no major
// accident and no violation (Art. 8(7)); for individuals no violation
// (Art. 9(1)).
func incidents(a Applicant, asOf time.Time, organisation bool) Check {
	c := Check{Article: "第八条(七)", Rule: "近3年内无较大质量、安全、环保、公共卫生等事故，无违法、违规、违纪行为"}
	if !organisation {
		c.Article, c.Rule = "第九条(一)", "无违法、违规和违纪行为"
	}
	since := asOf.AddDate(-3, 0, 0)
	var found []string
	for _, in := range a.Profile.Incidents {
		d, ok := parseLooseDate(in.Date)
		if ok && (d.Before(since) || d.After(asOf)) {
			continue
		}
		if in.Kind == Violation || (organisation && in.Major) {
			found = append(found, fmt.Sprintf("%s %s：%s", in.Date, in.Kind.Name(), in.Description))
		}
	}
	if len(found) > 0 {
		c.Verdict, c.Evidence = NotMet, strings.Join(found, "；")
	} else {
		c.Verdict, c.Evidence = Met, fmt.Sprintf("%s 至 %s 无记录", since.Format(time.DateOnly), asOf.Format(time.DateOnly))
	}
	return c
}

func higherAwards(a Applicant) Check {
	c := Check{Article: "第十条", Rule: "未获得中国质量奖、省长质量奖、邵阳市市长质量奖", Verdict: Met, Evidence: "无"}
	names := map[PriorAwardKind]string{ChinaQualityAward: "中国质量奖", HunanGovernorAward: "湖南省省长质量奖", ShaoyangMayorAward: "邵阳市市长质量奖"}
	for _, p := range a.Profile.PriorAwards {
		if n, ok := names[p.Award]; ok {
			c.Verdict, c.Evidence = NotMet, fmt.Sprintf("%d 年获%s", p.Year, n)
		}
	}
	return c
}

// cyclesAfter returns the IDs of the cycles created after the given cycle
// (or date), oldest first.
func cyclesAfter(h History, after time.Time) []string {
	cs := append([]Cycle(nil), h.Cycles...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Created.Before(cs[j].Created) })
	var out []string
	for _, c := range cs {
		if c.Created.After(after) {
			out = append(out, c.ID)
		}
	}
	return out
}

func cycleCreated(h History, id string) (time.Time, bool) {
	for _, c := range h.Cycles {
		if c.ID == id {
			return c.Created, true
		}
	}
	return time.Time{}, false
}

// within2 reports whether cycle is one of the first two of next.
func within2(next []string, cycle string) bool {
	for i, id := range next {
		if i < 2 && id == cycle {
			return true
		}
	}
	return false
}

func recentWin(a Applicant, cycle string, h History) Check {
	c := Check{Article: "第十条", Rule: "获得市长质量奖（不含提名奖）后两届内不得再次申报", Verdict: Met, Evidence: "近两届无获奖记录"}
	id := Identity(a)
	wins := append([]Win(nil), h.Wins...)
	for _, p := range a.Profile.PriorAwards {
		if p.Award == WugangMayorAward && p.Cycle != "" {
			wins = append(wins, Win{Identity: id, Cycle: p.Cycle, Award: true})
		}
	}
	for _, w := range wins {
		if w.Identity != id || !w.Award {
			continue
		}
		created, ok := cycleCreated(h, w.Cycle)
		if ok && within2(cyclesAfter(h, created), cycle) {
			c.Verdict, c.Evidence = NotMet, fmt.Sprintf("在 %s 届获市长质量奖", w.Cycle)
		}
	}
	return c
}

func fraudBan(a Applicant, cycle string, h History) Check {
	c := Check{Article: "第三十条", Rule: "以弄虚作假等手段获奖被撤销的，两届内不得申报", Verdict: Met, Evidence: "无撤销记录"}
	id := Identity(a)
	for _, r := range h.Revocations {
		if r.Identity != id || !r.Fraud {
			continue
		}
		d, ok := parseLooseDate(r.Date)
		if ok && within2(cyclesAfter(h, d), cycle) {
			c.Verdict, c.Evidence = NotMet, fmt.Sprintf("%s 因弄虚作假被撤销 %s 届奖励：%s", r.Date, r.Cycle, r.Reason)
		}
	}
	return c
}

// parseLooseDate reads YYYY-MM-DD, YYYY-MM or YYYY (the first day of the
// period).
func parseLooseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
