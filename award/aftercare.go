package award

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The five years after the award (Art. 28, 31, 40–43). The office and the
// departments follow the winners (巡访及动态管理, Art. 28); a winner is to
// share its quality management with others (Art. 40–43), and one that
// does not may lose the award (Art. 31(6)); within five years of winning,
// the award is revoked on one of the eight grounds of Art. 31.

// AftercareKind is what an entry of the aftercare register records.
type AftercareKind string

// The kinds of aftercare entries.
const (
	AftercareVisit    AftercareKind = "visit"    // 回访 (Art. 28)
	AftercareIncident AftercareKind = "incident" // 事件（质量、安全、环境等）(Art. 31)
	AftercareSharing  AftercareKind = "sharing"  // 经验交流与分享 (Art. 41–43)
)

// AftercareKinds lists the kinds in the order forms offer them.
var AftercareKinds = []AftercareKind{AftercareVisit, AftercareIncident, AftercareSharing}

// Name is the kind in Chinese, or in English when lang is "en".
func (k AftercareKind) Name(lang string) string {
	names := map[AftercareKind][2]string{
		AftercareVisit:    {"回访", "visit"},
		AftercareIncident: {"事件（质量、安全、环境等）", "incident (quality, safety, environment, …)"},
		AftercareSharing:  {"经验交流与分享", "sharing of experience"},
	}
	n, ok := names[k]
	switch {
	case !ok:
		return string(k)
	case lang == "en":
		return n[1]
	}
	return n[0]
}

// ParseAftercareKind accepts a kind by its English name, its Chinese name
// or the Chinese name's first word (回访, 事件, 分享).
func ParseAftercareKind(s string) (AftercareKind, error) {
	v := strings.TrimSpace(s)
	short := map[string]AftercareKind{"回访": AftercareVisit, "事件": AftercareIncident, "分享": AftercareSharing, "经验交流": AftercareSharing}
	if k, ok := short[v]; ok {
		return k, nil
	}
	for _, k := range AftercareKinds {
		if strings.EqualFold(v, string(k)) || v == k.Name("zh") {
			return k, nil
		}
	}
	return "", fmt.Errorf("kind %q: want visit (回访), incident (事件) or sharing (经验交流与分享)", s)
}

// AftercareEntry is one entry of the aftercare register of a winner: a
// visit by the office or a department (Art. 28), an incident that bears
// on the award (quality, safety, environment, …; Art. 31), or an activity
// in which the winner shared its experience (Art. 41–43).
type AftercareEntry struct {
	ID          string // F001, F002, … in the order recorded
	ApplicantID string // the winner, an applicant of the cycle it won in
	Kind        AftercareKind
	Date        string // YYYY-MM-DD, the day it happened
	Note        string // what happened: who visited, what was found or shared
	RecordedBy  string // who recorded it (the office member)
}

// CheckAftercare validates an entry for a winner whose five years are w,
// as of today: a known kind, a note, and a date inside the five years and
// not after today. Every problem names its field.
func CheckAftercare(e AftercareEntry, w Window, today time.Time) error {
	name := "aftercare entry"
	if e.ID != "" {
		name += " " + e.ID
	}
	if err := DescriptionText.Check(e.Note); err != nil {
		return fmt.Errorf("%s: note: %w", name, err)
	}
	if _, err := ParseAftercareKind(string(e.Kind)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimSpace(e.Note) == "" {
		return refusal(name+": note: say what happened (who visited, what was found or shared)",
			"请写明情况（谁回访、发现或分享了什么）")
	}
	d, err := time.Parse(time.DateOnly, e.Date)
	if err != nil {
		return refusal(fmt.Sprintf("%s: date %q: want YYYY-MM-DD", name, e.Date), fmt.Sprintf("日期 %q 无效：应为 YYYY-MM-DD", e.Date))
	}
	switch {
	case d.After(calendarDay(today)):
		return refusal(fmt.Sprintf("%s: date %s is after today (%s): the register records what happened", name, e.Date, today.Format(time.DateOnly)),
			fmt.Sprintf("日期 %s 晚于今天（%s）：登记的是已发生的情况", e.Date, today.Format(time.DateOnly)))
	case !w.Contains(d):
		return refusal(fmt.Sprintf("%s: date %s is outside the five years after the award (%s)", name, e.Date, w.Span("en")),
			fmt.Sprintf("日期 %s 不在获奖后五年内（%s）", e.Date, w.Span("zh")))
	}
	return nil
}

// Window is the five years after an award (Art. 31: 获奖后 5 年内), counted
// on the calendar (not in working days) from the day the award was
// announced (审定公告): from that day up to, not including, the same day
// five years later. An award announced on 2026-10-12 is followed until
// 2031-10-11; one announced on 29 February until 28 February.
type Window struct {
	Announced time.Time // the first day
	End       time.Time // the day after the last
}

// AftercareYears is the length of the window in years.
const AftercareYears = 5

// FiveYears is the window of an award announced on the given day.
func FiveYears(announced time.Time) Window {
	a := calendarDay(announced)
	return Window{Announced: a, End: a.AddDate(AftercareYears, 0, 0)}
}

// calendarDay is t's calendar day, as a UTC midnight.
func calendarDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Last is the last day of the window.
func (w Window) Last() time.Time { return w.End.AddDate(0, 0, -1) }

// Contains reports whether the day d falls in the window.
func (w Window) Contains(d time.Time) bool {
	d = calendarDay(d)
	return !d.Before(w.Announced) && d.Before(w.End)
}

// Year is the year of the window (1 to 5) that the day d falls in, 0
// outside the window.
func (w Window) Year(d time.Time) int {
	for n := 1; n <= AftercareYears; n++ {
		from, to := w.YearSpan(n)
		if d = calendarDay(d); !d.Before(from) && !d.After(to) {
			return n
		}
	}
	return 0
}

// YearSpan is the first and the last day of year n of the window.
func (w Window) YearSpan(n int) (from, to time.Time) {
	from = w.Announced.AddDate(n-1, 0, 0)
	return from, w.Announced.AddDate(n, 0, 0).AddDate(0, 0, -1)
}

// Span is the window as text: "2026-10-12 to 2031-10-11" (至 in Chinese).
func (w Window) Span(lang string) string {
	sep := " 至 "
	if lang == "en" {
		sep = " to "
	}
	return w.Announced.Format(time.DateOnly) + sep + w.Last().Format(time.DateOnly)
}

// AnnouncedOn is the day (Beijing time) on which the applicant's award
// was announced: its move to 审定公告; false when it has none.
func AnnouncedOn(ts []Transition, applicantID string) (time.Time, bool) {
	d, ok := AnnouncedDays(ts)[applicantID]
	return d, ok
}

// AnnouncedDays are the days (Beijing time) of the moves to 审定公告, by
// applicant, read in one pass.
func AnnouncedDays(ts []Transition) map[string]time.Time {
	at := map[string]time.Time{}
	for _, t := range ts {
		if t.To == Announced && t.At.After(at[t.ApplicantID]) {
			at[t.ApplicantID] = t.At
		}
	}
	for id, t := range at {
		at[id] = calendarDay(t.In(ChinaTime))
	}
	return at
}

// AftercareClosed refuses an entry for a winner whose award was revoked
// on the given day: the register of its five years is closed.
func AftercareClosed(applicantID, revoked string) error {
	return refusal(fmt.Sprintf("aftercare: the award of %s was revoked on %s: the register of its five years is closed", applicantID, revoked),
		fmt.Sprintf("%s 的奖项已于 %s 撤销，获奖后跟踪登记已结束", applicantID, revoked))
}

// SharingState is what the register says of one year of the window about
// the winner's duty to share its experience (Art. 31(6), 41–43).
type SharingState string

// The states of a year.
const (
	Shared     SharingState = "shared"     // a sharing activity is recorded in the year
	NotShared  SharingState = "not-shared" // the year has ended with none recorded: Art. 31(6)
	SharingDue SharingState = "due"        // the year is under way, none recorded yet
	YearAhead  SharingState = "ahead"      // the year has not begun
)

// Name is the state in Chinese, or in English when lang is "en".
func (s SharingState) Name(lang string) string {
	names := map[SharingState][2]string{
		Shared: {"已分享", "shared"}, NotShared: {"未记录分享", "no sharing recorded"},
		SharingDue: {"本年尚未记录分享", "none recorded yet"}, YearAhead: {"未到", "not begun"},
	}
	if n, ok := names[s]; ok {
		if lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return string(s)
}

// SharingYear is one year of a winner's window: its days, the sharing
// activities recorded in it and what that says.
type SharingYear struct {
	Year     int
	From, To string // YYYY-MM-DD, both inside the year
	Sharing  int    // sharing activities recorded in the year
	State    SharingState
}

// Flagged reports whether the year ended with no sharing recorded, which
// Art. 31(6) makes a ground for revoking the award.
func (y SharingYear) Flagged() bool { return y.State == NotShared }

// Flag is the year's Art. 31(6) flag as text, "" when it has none: "no
// sharing recorded in year 2 (2027-10-12 to 2028-10-11), Art. 31(6)".
func (y SharingYear) Flag(lang string) string {
	if !y.Flagged() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("no sharing recorded in year %d (%s to %s), Art. 31(6)", y.Year, y.From, y.To)
	}
	return fmt.Sprintf("第%d年（%s 至 %s）未记录分享，第三十一条（六）", y.Year, y.From, y.To)
}

// SharingByYear says, for each of the five years of w, whether the
// entries record a sharing activity in it, as of today. Entries of other
// kinds, and days outside the window, count for nothing.
func SharingByYear(w Window, entries []AftercareEntry, today time.Time) []SharingYear {
	today = calendarDay(today)
	out := make([]SharingYear, AftercareYears)
	for i := range out {
		from, to := w.YearSpan(i + 1)
		y := SharingYear{Year: i + 1, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly)}
		for _, e := range entries {
			if d, err := time.Parse(time.DateOnly, e.Date); err == nil && e.Kind == AftercareSharing && w.Year(d) == y.Year {
				y.Sharing++
			}
		}
		switch {
		case y.Sharing > 0:
			y.State = Shared
		case today.After(to):
			y.State = NotShared
		case today.Before(from):
			y.State = YearAhead
		default:
			y.State = SharingDue
		}
		out[i] = y
	}
	return out
}

// Ground is one of the eight grounds of Art. 31 on which an award is
// revoked within five years of winning, numbered 1 to 8 as the article's
// items (一) to (八).
type Ground int

// The grounds of Art. 31, by item.
const (
	GroundAccident     Ground = iota + 1 // (一) major accident
	GroundInspection                     // (二) seriously nonconforming in a state or provincial inspection
	GroundComplaint                      // (三) major problem, complaint verified
	GroundExport                         // (四) export products notified or claimed abroad
	GroundLoss                           // (五) serious operating loss
	GroundNoSharing                      // (六) does not share its experience
	GroundMisuse                         // (七) misuse of the title, sale or hire of the certificate
	GroundOtherOffence                   // (八) other serious violations of law
)

// Grounds lists the eight grounds in the article's order.
var Grounds = []Ground{GroundAccident, GroundInspection, GroundComplaint, GroundExport,
	GroundLoss, GroundNoSharing, GroundMisuse, GroundOtherOffence}

// groundTexts are the grounds: the rules' own words (第三十一条) and a
// short label in Chinese, and the same in English (a rendering: the rules
// are Chinese only).
var groundTexts = map[Ground][4]string{
	GroundAccident: {"组织或个人所属组织发生了重大质量、安全、环保、卫生等责任事故的", "重大责任事故",
		"a major quality, safety, environmental or health accident for which it (or the person's organisation) is responsible", "major accident"},
	GroundInspection: {"产品、工程、服务或环境质量不稳定，经国家级或省级质量监督抽查判定为严重不合格的", "抽查严重不合格",
		"unstable quality of products, works, services or environment, found seriously nonconforming by a national or provincial quality inspection", "failed inspection"},
	GroundComplaint: {"产品、工程、服务或环境质量发生重大问题，被有关方面和群众投诉并查证属实的", "重大质量问题被投诉属实",
		"a major quality problem of products, works, services or environment, complained about by the parties concerned or the public and verified", "verified complaint"},
	GroundExport: {"出口产品因质量问题被国外通报或索赔，造成国家形象和产品信誉受到较大损害的", "出口产品被国外通报或索赔",
		"export products notified or claimed against abroad for quality problems, seriously harming the country's image and the products' reputation", "export incident"},
	GroundLoss: {"因经营管理不善，出现严重经营性亏损的", "严重经营性亏损",
		"a serious operating loss through poor management", "serious loss"},
	GroundNoSharing: {"不能履行向社会推广、分享其质量工作经验和成果的义务，典型示范作用不能充分体现的", "未履行推广分享义务",
		"failing its duty to promote and share its quality work, experience and results with society, so that it is no full example to others", "no sharing"},
	GroundMisuse: {"滥用市长质量奖标志、获奖称号，出售、出租证书和奖牌或将其用于从事其他盈利性活动的", "滥用标志或称号",
		"misusing the award's mark or title, selling or hiring out the certificate and plaque, or using them for other profit", "misuse of the title"},
	GroundOtherOffence: {"发生其他严重违反法律、法规行为的", "其他严重违法行为",
		"other serious violations of laws and regulations", "other serious offence"},
}

var chineseItems = []string{"一", "二", "三", "四", "五", "六", "七", "八"}

// Valid reports whether g is one of the eight.
func (g Ground) Valid() bool { return g >= GroundAccident && g <= GroundOtherOffence }

// Item is the ground's item of the article: （一） to （八）.
func (g Ground) Item() string {
	if !g.Valid() {
		return fmt.Sprintf("（%d）", int(g))
	}
	return "（" + chineseItems[g-1] + "）"
}

// Article is the ground's article and item, such as 第三十一条（六）, or
// Art. 31(6) when lang is "en".
func (g Ground) Article(lang string) string {
	if lang == "en" {
		return fmt.Sprintf("Art. 31(%d)", int(g))
	}
	return "第三十一条" + g.Item()
}

// Text is the ground in the rules' words, or in English when lang is "en".
func (g Ground) Text(lang string) string {
	if lang == "en" {
		return groundTexts[g][2]
	}
	return groundTexts[g][0]
}

// Name is the ground's short label in Chinese, or in English when lang is
// "en".
func (g Ground) Name(lang string) string {
	t, ok := groundTexts[g]
	switch {
	case !ok:
		return strconv.Itoa(int(g))
	case lang == "en":
		return t[3]
	}
	return t[1]
}

// ParseGround accepts a ground by its number (1 to 8), its item (六, （六）
// or (六)) or as 31(6).
func ParseGround(s string) (Ground, error) {
	v := strings.TrimSpace(s)
	v = strings.TrimPrefix(strings.TrimPrefix(v, "第三十一条"), "31")
	v = strings.Trim(v, "()（） ")
	if n, err := strconv.Atoi(v); err == nil && Ground(n).Valid() {
		return Ground(n), nil
	}
	if i := slices.Index(chineseItems, v); i >= 0 {
		return Ground(i + 1), nil
	}
	return 0, fmt.Errorf("ground %q: want 1 to 8, the items of Art. 31 ('qaward aftercare grounds' lists them)", s)
}

// GroundsArticle is the article that cited grounds rest on: 第三十一条（二）（六）.
func GroundsArticle(gs []Ground) string {
	s := "第三十一条"
	for _, g := range gs {
		s += g.Item()
	}
	return s
}

// articleItems finds the items an article names: （六）, (6).
var articleItems = regexp.MustCompile(`[（(]\s*([一二三四五六七八]|[1-8])\s*[）)]`)

// ReadArticle completes a revocation from the article it names, so that
// citing the article is citing its grounds: 第三十条 is the fraud of Art.
// 30, and 第三十一条（二）（六） cites grounds 2 and 6 when none are given
// otherwise. A bare 第三十一条 names no ground and stays without one.
func (r Revocation) ReadArticle() Revocation {
	art := strings.TrimSpace(r.Article)
	switch {
	case strings.HasPrefix(art, "第三十条"):
		r.Fraud = true
	case len(r.Grounds) == 0 && strings.HasPrefix(art, "第三十一条"):
		for _, m := range articleItems.FindAllStringSubmatch(art, -1) {
			if g, err := ParseGround(m[1]); err == nil && !slices.Contains(r.Grounds, g) {
				r.Grounds = append(r.Grounds, g)
			}
		}
	}
	return r
}

// CheckRevocation applies the rules of a revocation to r, for an award
// announced on the first day of w (nil when it has not been announced):
// a reason; at least one ground of Art. 31, unless it was won by fraud
// (Art. 30, which has no time limit); grounds among the eight, each once;
// and, for a revocation on grounds of Art. 31, a date inside the five
// years after the award.
func CheckRevocation(r Revocation, w *Window) error {
	if strings.TrimSpace(r.Reason) == "" {
		return refusal("revoke: the reason is required", "请填写撤销理由")
	}
	if err := r.CheckGrounds(); err != nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, r.Date)
	if err != nil {
		return refusal(fmt.Sprintf("revoke: date %q: want YYYY-MM-DD", r.Date), fmt.Sprintf("撤销日期 %q 无效：应为 YYYY-MM-DD", r.Date))
	}
	if len(r.Grounds) == 0 {
		return nil
	}
	switch {
	case w == nil:
		return refusal("revoke: the award has not been announced: the five years of Art. 31 run from its announcement (审定公告)",
			"尚未审定公告：第三十一条的五年自获奖公告之日起计算")
	case !w.Contains(d):
		return refusal(fmt.Sprintf("revoke: %s is outside the five years after the award (%s, Art. 31); an award won by fraud is revoked at any time (Art. 30)", r.Date, w.Span("en")),
			fmt.Sprintf("%s 不在获奖后五年内（%s，第三十一条）；以弄虚作假手段获奖的不受此限（第三十条）", r.Date, w.Span("zh")))
	}
	return nil
}

// CheckGrounds checks the grounds a revocation cites: at least one unless
// the award was won by fraud (Art. 30), each one of the eight, once.
func (r Revocation) CheckGrounds() error {
	if len(r.Grounds) == 0 && !r.Fraud {
		return refusal("revoke: cite at least one ground of Art. 31 (1 to 8, 'qaward aftercare grounds' lists them), or mark an award won by fraud (Art. 30)",
			"请选择第三十一条的撤销情形（至少一项），或标明以弄虚作假手段获奖（第三十条）")
	}
	return CheckGroundList(r.Grounds)
}

// CheckGroundList checks that each ground is one of the eight and cited
// once; none is no fault (a revocation recorded before grounds were kept).
func CheckGroundList(gs []Ground) error {
	for i, g := range gs {
		if !g.Valid() {
			return refusal(fmt.Sprintf("revoke: ground %d: want 1 to 8, the items of Art. 31", int(g)), fmt.Sprintf("撤销情形 %d 无效：应为第三十一条第一至八项", int(g)))
		}
		if slices.Contains(gs[:i], g) {
			return refusal(fmt.Sprintf("revoke: ground %d is cited twice", int(g)), fmt.Sprintf("撤销情形%s重复", g.Item()))
		}
	}
	return nil
}
