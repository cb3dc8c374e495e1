package award

import (
	"fmt"
	"strings"
	"time"
)

// Before acceptance (Art. 13–17): the call for applications that the
// office publishes (Art. 13), the channel by which each applicant is
// recommended (Art. 14: the sector authority or the township or
// sub-district government), the office's formal review of each
// application (Art. 15) and the department opinions (Art. 16). Once a
// call is recorded for a cycle, an applicant enters 受理 only when all of
// them are in order (IntakeBlocks); cycles without a call (applicants
// imported as accepted) are not held to it.

// The articles of the intake.
const (
	ArticleCall        = "第十三条"
	ArticleApplication = "第十四条"
	ArticleFormal      = "第十五条"
	ArticleAcceptance  = "第十七条"
)

// Call is the call for applications (评审公告/征集通知, Art. 13): when it
// was published and where, the last day to apply (a working day on the
// official calendar), where applications go and by which channels they
// are recommended.
type Call struct {
	Published string // YYYY-MM-DD
	Deadline  string // YYYY-MM-DD, a working day
	Days      int    `json:",omitempty"` // the working days the deadline was counted with, if any
	Media     string // where it is published (市主要媒体和网站)
	Where     string // where applications are made (Art. 14: 市市场监管局)
	Contact   string `json:",omitempty"`
	By        string // who recorded it
}

// The defaults of a call (Art. 13, 14).
const (
	DefaultCallMedia = "武冈市主要媒体和市人民政府网站"
	DefaultCallWhere = "武冈市市场监督管理局"
)

// CallDeadline is the deadline of a call that gives applicants days
// working days after the day of publication, on the official calendar.
func CallDeadline(cal *Calendar, published string, days int) (string, error) {
	p, err := parseCallDate("published", published)
	if err != nil {
		return "", err
	}
	d, err := cal.AddWorkdays(p.AddDate(0, 0, 1), days)
	if err != nil {
		return "", fmt.Errorf("deadline: %w", err)
	}
	return d.Format(time.DateOnly), nil
}

// CheckCall validates a call: real dates, the deadline a working day on
// the official calendar after the day of publication, and the text fields
// within their limits.
func CheckCall(c Call, cal *Calendar) error {
	p, err := parseCallDate("published", c.Published)
	if err != nil {
		return err
	}
	d, err := parseCallDate("deadline", c.Deadline)
	if err != nil {
		return err
	}
	if !d.After(p) {
		return refusal(fmt.Sprintf("call: deadline %s is not after the publication %s: applicants need time to apply (Art. 14)", c.Deadline, c.Published),
			fmt.Sprintf("申报截止 %s 不晚于发布日期 %s：须给申报人留出申报时间（第十四条）", c.Deadline, c.Published))
	}
	work, err := cal.IsWorkday(d)
	if err != nil {
		return fmt.Errorf("call: deadline: %w", err)
	}
	if !work {
		next, err := cal.AddWorkdays(d, 1)
		if err != nil {
			return fmt.Errorf("call: deadline: %w", err)
		}
		return refusal(fmt.Sprintf("call: deadline %s is not a working day on the official calendar; the next working day is %s", c.Deadline, next.Format(time.DateOnly)),
			fmt.Sprintf("申报截止 %s 不是官方日历上的工作日；其后第一个工作日是 %s", c.Deadline, next.Format(time.DateOnly)))
	}
	for _, f := range []struct{ name, v string }{{"media", c.Media}, {"where", c.Where}, {"contact", c.Contact}} {
		if err := FieldText.Check(f.v); err != nil {
			return fmt.Errorf("call: %s: %w", f.name, err)
		}
	}
	if strings.TrimSpace(c.Where) == "" || strings.TrimSpace(c.Media) == "" {
		return refusal("call: say where it is published and where applications go (Art. 13, 14)", "请写明发布媒体和受理单位（第十三条、第十四条）")
	}
	return nil
}

func parseCallDate(field, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, refusal(fmt.Sprintf("call: %s %q: want a date YYYY-MM-DD", field, s), fmt.Sprintf("日期 %q 无效：应为 YYYY-MM-DD", s))
	}
	return t, nil
}

// ChannelKind is how an applicant is recommended (Art. 14).
type ChannelKind string

// The channels of Art. 14.
const (
	ChannelIndustry ChannelKind = "industry" // 行业主管部门
	ChannelTownship ChannelKind = "township" // 乡镇人民政府（街道办事处）
)

// ChannelKinds lists the channels.
var ChannelKinds = []ChannelKind{ChannelIndustry, ChannelTownship}

// Name is the channel in Chinese, or in English when lang is "en".
func (k ChannelKind) Name(lang string) string {
	switch {
	case k == ChannelIndustry && lang == "en":
		return "sector authority"
	case k == ChannelIndustry:
		return "行业主管部门"
	case k == ChannelTownship && lang == "en":
		return "township or sub-district"
	case k == ChannelTownship:
		return "乡镇人民政府（街道办事处）"
	}
	return string(k)
}

// ParseChannelKind accepts a channel by its English or Chinese name.
func ParseChannelKind(s string) (ChannelKind, error) {
	switch strings.TrimSpace(s) {
	case string(ChannelIndustry), "行业主管部门", "行业":
		return ChannelIndustry, nil
	case string(ChannelTownship), "乡镇人民政府", "街道办事处", "乡镇", "街道", ChannelTownship.Name("zh"):
		return ChannelTownship, nil
	}
	return "", fmt.Errorf("channel %q: want industry (行业主管部门) or township (乡镇人民政府/街道办事处) (Art. 14)", s)
}

// Channel is the recommending channel of an applicant (Art. 14): the
// kind and the body that approved and recommended it.
type Channel struct {
	ApplicantID string
	Kind        ChannelKind
	Body        string // such as 武冈市工业和信息化局, 湾头桥镇人民政府
	By, Date    string
}

// CheckChannel validates a channel.
func CheckChannel(ch Channel) error {
	if _, err := ParseChannelKind(string(ch.Kind)); err != nil {
		return err
	}
	if err := NameText.Check(ch.Body); err != nil {
		return fmt.Errorf("channel: body: %w", err)
	}
	if strings.TrimSpace(ch.Body) == "" {
		return fmt.Errorf("channel: name the recommending body (--body), such as 武冈市工业和信息化局 or 湾头桥镇人民政府")
	}
	return nil
}

// IntakeItem is one item of the office's formal review (形式审查, Art.
// 13–15), the same list for every cycle.
type IntakeItem struct {
	ID      string
	Article string
	Zh, En  string
	// OrgOnly items are not asked of individual applicants.
	OrgOnly bool
}

// IntakeItems is the formal-review checklist, in the order the office
// works through an application.
var IntakeItems = []IntakeItem{
	{"in-time", ArticleApplication, "在征集通知规定时间内提出申请", "applied within the time the call set", false},
	{"form", ArticleApplication, "申报表填写完整，申报材料齐全", "application form complete, materials all present", false},
	{"preliminary", ArticleApplication, "市市场监管局初审意见", "preliminary check by the market-supervision bureau", false},
	{"recommendation", ArticleFormal, "推荐单位审核推荐意见（盖章）", "the recommending body's signed and sealed opinion", false},
	{"subject", ArticleFormal, "主体资格（在武冈市注册的法人或个人身份）", "standing: a legal person registered in Wugang, or the individual's identity", false},
	{"credit-code", ArticleFormal, "统一社会信用代码有效，与营业执照一致", "unified social credit code valid and as on the licence", true},
	{"procedure", ArticleFormal, "申报程序符合规定", "the application followed the procedure", false},
	{"materials", ArticleFormal, "材料规范（格式、篇幅、附件符合要求）", "materials in order: format, page limits, annexes", false},
	{"eligibility", "第八条至第十条", "符合申报条件（第八条至第十条）", "meets the conditions of Art. 8-10", false},
}

// FindIntakeItem finds a checklist item by its ID.
func FindIntakeItem(id string) (IntakeItem, bool) {
	for _, it := range IntakeItems {
		if it.ID == strings.TrimSpace(id) {
			return it, true
		}
	}
	return IntakeItem{}, false
}

// ItemsFor are the checklist items asked of an applicant of a kind.
func ItemsFor(k Kind) []IntakeItem {
	var out []IntakeItem
	for _, it := range IntakeItems {
		if !it.OrgOnly || k == Organization {
			out = append(out, it)
		}
	}
	return out
}

// IntakeCheck is the office's finding on one checklist item of an
// applicant: passed, or failed with a note that says what is wrong.
type IntakeCheck struct {
	ApplicantID string
	Item        string // an IntakeItems ID
	Pass        bool
	Note        string
	By, Date    string
}

// CheckIntakeCheck validates a finding for an applicant of a kind.
func CheckIntakeCheck(c IntakeCheck, kind Kind) error {
	it, ok := FindIntakeItem(c.Item)
	if !ok {
		ids := make([]string, len(IntakeItems))
		for i, it := range IntakeItems {
			ids[i] = it.ID
		}
		return fmt.Errorf("check: item %q: want one of %s", c.Item, strings.Join(ids, ", "))
	}
	if it.OrgOnly && kind != Organization {
		return fmt.Errorf("check: item %s (%s) is asked of organisations only; %s is an individual", it.ID, it.Zh, c.ApplicantID)
	}
	if err := ReasonText.Check(c.Note); err != nil {
		return fmt.Errorf("check: note: %w", err)
	}
	if !c.Pass && strings.TrimSpace(c.Note) == "" {
		return fmt.Errorf("check: a failed item needs a note saying what is wrong (--note); it is told to the applicant (Art. 17)")
	}
	return nil
}

// IntakeRecords are the intake records of a cycle.
type IntakeRecords struct {
	Call     *Call // nil until the call is recorded
	Channels []Channel
	Checks   []IntakeCheck
}

// Channel is the applicant's recommending channel, if recorded.
func (r IntakeRecords) Channel(id string) (Channel, bool) {
	for _, ch := range r.Channels {
		if ch.ApplicantID == id {
			return ch, true
		}
	}
	return Channel{}, false
}

// ChecksOf are the applicant's checklist findings, by item ID.
func (r IntakeRecords) ChecksOf(id string) map[string]IntakeCheck {
	out := map[string]IntakeCheck{}
	for _, c := range r.Checks {
		if c.ApplicantID == id {
			out[c.Item] = c
		}
	}
	return out
}

// IntakeBlock is one thing that keeps an applicant from 受理.
type IntakeBlock struct {
	Kind    BlockKind
	Article string
	Zh, En  string
	// What names the item or department the block is about, and Note
	// what the item's note or the department said.
	What, Note string
}

// BlockKind is what kind of thing keeps an applicant from 受理.
type BlockKind string

// The kinds of IntakeBlock.
const (
	BlockChannel   BlockKind = "channel"   // no recommending channel
	BlockUnchecked BlockKind = "unchecked" // a checklist item not yet reviewed
	BlockFailed    BlockKind = "failed"    // a checklist item failed
	BlockNoOpinion BlockKind = "no-opinion"
	BlockDisagree  BlockKind = "disagree"
)

// SummarizeBlocks says the blocks in a few parts, in Chinese or (lang
// "en") English: items not reviewed and opinions missing are counted or
// listed together, failures and disagreements each with what was said.
func SummarizeBlocks(blocks []IntakeBlock, lang string) []string {
	var out, unchecked, missing []string
	for _, b := range blocks {
		switch b.Kind {
		case BlockUnchecked:
			unchecked = append(unchecked, b.What)
		case BlockNoOpinion:
			missing = append(missing, b.What)
		default:
			out = append(out, map[bool]string{true: b.En, false: b.Zh}[lang == "en"])
		}
	}
	if len(unchecked) > 0 {
		if lang == "en" {
			out = append(out, fmt.Sprintf("%d checklist items not reviewed", len(unchecked)))
		} else {
			out = append(out, fmt.Sprintf("形式审查%d项未审", len(unchecked)))
		}
	}
	if len(missing) > 0 {
		if lang == "en" {
			out = append(out, "no opinion of "+strings.Join(missing, ", "))
		} else {
			out = append(out, "未征求"+strings.Join(missing, "、")+"意见")
		}
	}
	return out
}

// IntakeBlocks are what keeps an applicant from 受理 (Art. 14–17): no
// recommending channel; each checklist item not checked or failed; each
// department of Art. 16 whose opinion is missing, or that does not agree
// (unless the office overrode that opinion with a written reason). None
// means the applicant may be accepted.
func IntakeBlocks(a Applicant, r IntakeRecords, ops []Opinion) []IntakeBlock {
	var out []IntakeBlock
	if _, ok := r.Channel(a.ID); !ok {
		out = append(out, IntakeBlock{Kind: BlockChannel, Article: ArticleApplication, Zh: "未登记推荐渠道（行业主管部门或乡镇人民政府/街道办事处）",
			En: "no recommending channel (sector authority or township) recorded"})
	}
	checks := r.ChecksOf(a.ID)
	for _, it := range ItemsFor(a.Kind) {
		c, ok := checks[it.ID]
		switch {
		case !ok:
			out = append(out, IntakeBlock{Kind: BlockUnchecked, Article: it.Article, What: it.ID,
				Zh: "形式审查未审：" + it.Zh, En: "formal review not done: " + it.En})
		case !c.Pass:
			out = append(out, IntakeBlock{Kind: BlockFailed, Article: it.Article, What: it.ID, Note: c.Note,
				Zh: "形式审查不通过：" + it.Zh + "（" + c.Note + "）", En: "formal review failed: " + it.En + " (" + c.Note + ")"})
		}
	}
	given := map[string]Opinion{}
	for _, o := range ops {
		if o.ApplicantID == a.ID {
			given[o.Department] = o
		}
	}
	for _, d := range Departments {
		o, ok := given[d]
		switch {
		case !ok:
			out = append(out, IntakeBlock{Kind: BlockNoOpinion, Article: ArticleOpinions, What: d,
				Zh: d + "意见未征求", En: "no opinion of " + d + " yet"})
		case !o.Agree && !overridden(a, d+"意见"):
			out = append(out, IntakeBlock{Kind: BlockDisagree, Article: ArticleOpinions, What: d, Note: o.Text,
				Zh: d + "不同意：" + o.Text, En: d + " does not agree: " + o.Text})
		}
	}
	return out
}

func overridden(a Applicant, rule string) bool {
	for _, o := range a.Profile.Overrides {
		if o.Article == ArticleOpinions && o.Rule == rule {
			return true
		}
	}
	return false
}

// IntakeError is the refusal to accept an applicant that IntakeBlocks
// keep out, citing each article; nil when nothing blocks.
func IntakeError(a Applicant, blocks []IntakeBlock) error {
	if len(blocks) == 0 {
		return nil
	}
	en := make([]string, len(blocks))
	zh := make([]string, len(blocks))
	for i, b := range blocks {
		en[i] = b.Article + " " + b.En
		zh[i] = b.Article + " " + b.Zh
	}
	return &RuleError{Article: ArticleAcceptance,
		Msg: fmt.Sprintf("%s %s cannot be accepted yet: %s (see 'qaward intake list')", a.ID, a.Name, strings.Join(en, "; ")),
		Zh:  fmt.Sprintf("%s %s 暂不能受理：%s", a.ID, a.Name, strings.Join(zh, "；"))}
}
