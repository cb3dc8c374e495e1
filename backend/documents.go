package backend

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/backend/document"
	"qaward/backend/export"
	"qaward/scoring"
)

// The official documents of a cycle (DESIGN §3, `qaward document KIND`),
// each filled from the database only: the results in force (Results), the
// pipeline's history, the notice and the objections. A document that the
// procedure has not reached yet is refused with what is missing and the
// command that makes it.

// Office is the issuing office (Art. 6: 评委会办公室, at the city's market
// supervision bureau), which signs every document but the announcement
// and the certificates.
const Office = "武冈市市长质量奖评审委员会办公室"

// OfficeSeat is where the office sits (Art. 6), where objections go.
const OfficeSeat = "武冈市市场监督管理局"

// Government announces the winners (Art. 24: 由市人民政府公告) and gives
// the certificates (Art. 25).
const Government = "武冈市人民政府"

// rulesName is the management rules' title as documents cite it.
const rulesName = "《武冈市市长质量奖管理办法》"

// DocumentKind is one kind of official document.
type DocumentKind struct {
	ID   string // the command line's name: accepted, not-accepted, …
	Name string // the document's name in Chinese
	Help string // what it is, in English, for --help
}

// DocumentKinds are the documents `qaward document KIND` writes, in the
// order of the procedure.
var DocumentKinds = []DocumentKind{
	{"call", "申报征集通知", "the call for applications: who may apply, until when, where and through which channels, the formal review (Art. 13-17)"},
	{"accepted", "受理名单公示", "the list of applicants accepted (Art. 17)"},
	{"not-accepted", "不予受理告知书", "a letter to each applicant not accepted, with the stored reason and article (Art. 17)"},
	{"shortlist", "材料评审结果与现场评审名单", "the material-review ranking and the on-site shortlist (Art. 19)"},
	{"site-report", "现场评审报告", "the on-site group's report of each site visit: dates, group, item scores against the material ones, issues and findings, signatures (Art. 20)"},
	{"committee", "评审结果汇总表", "every figure with its rule, for the committee's deliberation (Art. 22-23)"},
	{"publicity", "获奖建议名单公示", "the publicity notice: the candidates, the window, how to object (Art. 24, 38)"},
	{"objection-reply", "异议处理告知书", "a letter to the filer of each decided objection, with its finding (Art. 39)"},
	{"announcement", "获奖公告", "the announcement of the winners by their final status (Art. 24)"},
	{"certificate", "获奖证书", "a certificate for each winner whose award or nomination is in force (Art. 25)"},
}

// FindDocumentKind finds a kind by its ID or its Chinese name.
func FindDocumentKind(s string) (DocumentKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range DocumentKinds {
		if s == k.ID || s == k.Name {
			return k, true
		}
	}
	return DocumentKind{}, false
}

// FileName is the file a document of this kind is written to by default,
// such as "2026-受理名单公示.docx".
func (k DocumentKind) FileName(cycle string) string {
	return k.FileNameAs(cycle, DOCX)
}

// FileNameAs is FileName in a format (DOCX or PDF): "2026-获奖公告.pdf".
func (k DocumentKind) FileNameAs(cycle, format string) string {
	return strings.NewReplacer("/", "-", `\`, "-").Replace(cycle) + "-" + k.Name + "." + format
}

// The formats a document is written in.
const (
	DOCX = "docx" // WordprocessingML, for WPS, Word and LibreOffice
	PDF  = "pdf"  // converted by LibreOffice, for printing as it is
)

// DocumentFormat is the format of a document file: format when given
// ("docx" or "pdf"), else the one path's extension names, else DOCX. A
// format that the extension contradicts, or an extension that is neither,
// is refused.
func DocumentFormat(path, format string) (string, error) {
	format = strings.ToLower(strings.TrimSpace(format))
	if format != "" && format != DOCX && format != PDF {
		return "", fmt.Errorf("format %q: want docx or pdf", format)
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	switch {
	case path == "":
	case ext != DOCX && ext != PDF:
		return "", fmt.Errorf("%s: want a file ending in .docx or .pdf", path)
	case format == "":
		format = ext
	case ext != format:
		return "", fmt.Errorf("%s ends in .%s, but the format is %s: name the file .%s, or leave the format out", path, ext, format, format)
	}
	if format == "" {
		format = DOCX
	}
	return format, nil
}

// WriteDocument writes a document to path as DOCX or, converted by
// LibreOffice (soffice headless, in a profile of its own and bounded by
// document.ConvertTimeout), as PDF: whole or not at all, through a
// temporary file renamed into place. Without LibreOffice a PDF fails with
// an error wrapping document.ErrNoLibreOffice, and nothing is written.
func WriteDocument(d *document.Doc, path, format string) error {
	format, err := DocumentFormat(path, format)
	if err != nil {
		return err
	}
	if format == DOCX {
		return export.WriteFile(path, d.Write)
	}
	pdf, err := d.PDF(context.Background())
	if err != nil {
		if errors.Is(err, document.ErrNoLibreOffice) {
			return fmt.Errorf("PDF needs LibreOffice (soffice) installed, or write DOCX: %w", err)
		}
		return err
	}
	return export.WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(pdf)
		return err
	})
}

// Document builds an official document of a kind (DocumentKinds) for the
// cycle ("" is the current one), filled from the database. Documents are
// the office's. Write it with (*document.Doc).Write, through a file that
// is written whole or not at all (export.WriteFile).
func (b *Backend) Document(cycle, kind string) (*document.Doc, error) {
	return b.DocumentFor(cycle, kind, "")
}

// DocumentFor is Document for one applicant, for the kinds made one per
// applicant that take one (site-report); applicant "" is every one.
func (b *Backend) DocumentFor(cycle, kind, applicant string) (*document.Doc, error) {
	if err := b.officeOnly("write official documents"); err != nil {
		return nil, err
	}
	k, ok := FindDocumentKind(kind)
	if !ok {
		ids := make([]string, len(DocumentKinds))
		for i, k := range DocumentKinds {
			ids[i] = k.ID
		}
		return nil, fmt.Errorf("document: unknown kind %q: want one of %s", kind, strings.Join(ids, ", "))
	}
	r, err := b.Results(cycle)
	if err != nil {
		return nil, err
	}
	if applicant != "" && k.ID != "site-report" {
		return nil, fmt.Errorf("document %s: an applicant is given for site-report only", k.ID)
	}
	w := &writer{b: b, r: r, doc: document.New(cycleTitle(r.Cycle.ID)+k.Name, Office), applicant: applicant}
	build := map[string]func() error{
		"call": w.call, "accepted": w.accepted, "not-accepted": w.notAccepted, "shortlist": w.shortlist, "site-report": w.siteReport, "committee": w.committee,
		"publicity": w.publicity, "objection-reply": w.objectionReply, "announcement": w.announcement, "certificate": w.certificate,
	}[k.ID]
	if err := build(); err != nil {
		return nil, fmt.Errorf("document %s (%s): %w", k.ID, k.Name, err)
	}
	return w.doc, nil
}

// writer builds one document.
type writer struct {
	b   *Backend
	r   *Results
	doc *document.Doc
	// applicant is the one applicant of a kind made one per applicant
	// ("" for every one).
	applicant string
}

func (w *writer) cycle() string { return w.r.Cycle.ID }

// today is the date of a document that carries no date of its own.
func (w *writer) today() time.Time { return w.b.now().In(award.ChinaTime) }

var fourDigits = regexp.MustCompile(`^\d{4}$`)

// cycleTitle names the cycle's award: "2026年度武冈市市长质量奖".
func cycleTitle(cycle string) string {
	if fourDigits.MatchString(cycle) {
		return cycle + "年度武冈市市长质量奖"
	}
	return "武冈市市长质量奖（" + cycle + "）"
}

func kindName(k award.Kind) string {
	if k == award.Individual {
		return "个人"
	}
	return "组织"
}

// industry is the applicant's industry, withheld when declared
// confidential (Art. 37).
func industry(a award.Applicant) string {
	if confidential.Has(a, confidential.Industry) {
		return confidential.Mask
	}
	return a.Industry
}

func scoreCell(s award.Score, has bool) string {
	if !has {
		return "—"
	}
	return s.String()
}

// articleText writes an article as Chinese text does: 第八条(七) as
// 第八条（七）.
func articleText(a string) string {
	return strings.NewReplacer("(", "（", ")", "）").Replace(strings.TrimSpace(a))
}

// you is how a letter addresses the applicant.
func you(a award.Applicant) string {
	if a.Kind == award.Individual {
		return "你"
	}
	return "你单位"
}

func salutation(a award.Applicant) string {
	if a.Kind == award.Individual {
		return a.Name + "同志："
	}
	return a.Name + "："
}

// accepted is the list of applicants accepted (受理名单, Art. 17).
func (w *writer) accepted() error {
	ts, err := w.b.st.Transitions(w.cycle())
	if err != nil {
		return err
	}
	ended := endings(ts)
	var orgs, people [][]string
	var pending []string
	for _, a := range w.r.Snapshot.Applicants {
		switch acceptance(a, ended) {
		case isPending:
			pending = append(pending, a.ID+" "+a.Status.Name("zh"))
		case isAccepted:
			if a.Kind == award.Individual {
				people = append(people, []string{strconv.Itoa(len(people) + 1), a.Name, industry(a)})
			} else {
				orgs = append(orgs, []string{strconv.Itoa(len(orgs) + 1), a.Name, industry(a)})
			}
		}
	}
	if len(pending) > 0 {
		return fmt.Errorf("%d applicant(s) are not through the office's review yet (%s): accept or refuse each first ('qaward stage ID accepted', or 'qaward stage ID rejected --reason TEXT --article ART')",
			len(pending), strings.Join(pending, ", "))
	}
	if len(orgs)+len(people) == 0 {
		return fmt.Errorf("no applicant has been accepted: import the applicants ('qaward import applicants FILE') or accept them ('qaward stage ID accepted')")
	}
	d := w.doc
	d.Title(cycleTitle(w.cycle()) + "受理名单公示")
	consulted := ""
	if len(w.r.Opinions) > 0 {
		consulted = "，并征求了有关主管部门意见"
	}
	d.Para(fmt.Sprintf("根据%s第十五条至第十七条规定，评委会办公室对申报材料的主体资格、推荐渠道、申报程序和材料规范性进行了审查%s。现将%s受理名单公示如下：",
		rulesName, consulted, cycleTitle(w.cycle())))
	n := 1
	if len(orgs) > 0 {
		d.Heading(fmt.Sprintf("%s、受理的申报组织（%d家）", document.Han(n), len(orgs)))
		d.Table([]string{"序号", "申报组织名称", "所属行业"}, orgs, []int{1, 6, 3})
		n++
	}
	if len(people) > 0 {
		d.Heading(fmt.Sprintf("%s、受理的申报个人（%d名）", document.Han(n), len(people)))
		d.Table([]string{"序号", "姓名", "所属行业（领域）"}, people, []int{1, 6, 3})
	}
	d.Para(fmt.Sprintf("对受理名单有异议的，请以书面形式向%s（设在%s）提出，写明异议人真实姓名或者单位名称和联系方式，并提供有效的证明材料（第三十八条）。", Office, OfficeSeat))
	d.Closing(Office, document.Date(w.today()))
	return nil
}

// Where an applicant stands with respect to acceptance (Art. 17).
const (
	isPending     = iota // before the office's decision
	isAccepted           // accepted, whatever came after
	isNotAccepted        // rejected or found ineligible at or before acceptance
	isWithdrawn          // withdrew before acceptance
)

// endings are the transitions that ended each applicant's way, by
// applicant (the last to its ended status).
func endings(ts []award.Transition) map[string]award.Transition {
	out := map[string]award.Transition{}
	for _, t := range ts {
		if t.To.IsEnded() {
			out[t.ApplicantID] = t
		}
	}
	return out
}

var acceptedAt = slices.Index(award.Pipeline, award.Accepted)

func acceptance(a award.Applicant, ended map[string]award.Transition) int {
	if !a.Status.IsEnded() {
		if slices.Index(award.Pipeline, a.Status) < acceptedAt {
			return isPending
		}
		return isAccepted
	}
	t, ok := ended[a.ID]
	if ok && slices.Index(award.Pipeline, t.From) > acceptedAt {
		return isAccepted
	}
	if a.Status == award.Withdrawn {
		return isWithdrawn
	}
	return isNotAccepted
}

// notAccepted is one letter to each applicant refused at or before
// acceptance (Art. 17: 说明理由), with the reason and article stored with
// the move that ended its way.
func (w *writer) notAccepted() error {
	ts, err := w.b.st.Transitions(w.cycle())
	if err != nil {
		return err
	}
	ended := endings(ts)
	intake, err := w.b.st.Intake(w.cycle())
	if err != nil {
		return err
	}
	d := w.doc
	n := 0
	for _, a := range w.r.Snapshot.Applicants {
		if acceptance(a, ended) != isNotAccepted {
			continue
		}
		t, ok := ended[a.ID]
		if !ok || strings.TrimSpace(t.Reason) == "" {
			return fmt.Errorf("%s %s is %s, but no recorded move gives the reason the applicant must be told (Art. 17)", a.ID, a.Name, a.Status.Name("zh"))
		}
		if n > 0 {
			d.Section()
		}
		n++
		d.Title("不予受理告知书")
		d.Salutation(salutation(a))
		verdict := you(a) + "的申报不予受理"
		if a.Status == award.Ineligible {
			verdict = you(a) + "不符合申报条件，申报不予受理"
		}
		d.Para(fmt.Sprintf("%s申报%s的材料收悉。经评委会办公室审查，%s。理由如下：", you(a), cycleTitle(w.cycle()), verdict))
		d.Para(t.Reason)
		if failed := failedChecks(intake, a); len(failed) > 0 {
			d.Para("形式审查中未通过的事项（第十五条）：")
			for _, f := range failed {
				d.Para(f)
			}
		}
		if art := strings.TrimSpace(t.Article); art != "" {
			d.Para("依据：" + rulesName + articleText(art) + "。")
		}
		d.Para(fmt.Sprintf("根据%s第十七条规定，特此告知。如对本告知有异议，可以向评委会办公室书面提出，并提供有效的证明材料（第三十八条）。", rulesName))
		d.Closing(Office, document.Date(t.At.In(award.ChinaTime)))
	}
	if n == 0 {
		return fmt.Errorf("no applicant has been refused at or before acceptance: 'qaward stage ID rejected --reason TEXT --article ART' records one")
	}
	return nil
}

// stageRule says how a stage score is drawn from the sheets (DESIGN rule
// 4), as the cycle is configured.
func stageRule(c award.Consolidation) string {
	var how string
	switch c.Method {
	case award.Mean:
		how = "取各评审员已提交评分表总分的算术平均"
	case award.Median:
		how = "取各评审员已提交评分表总分的中位数（偶数份时取中间两份的平均）"
	default:
		n := c.TrimMin
		if n <= 0 {
			n = scoring.DefaultTrimMin
		}
		how = fmt.Sprintf("各评审员已提交评分表的总分，不少于%d份时去掉一个最高分和一个最低分后取算术平均，少于%d份时取全部算术平均", n, n)
	}
	return how + "，四舍五入保留两位小数；只计各项均已评分并已提交的评分表。评审组长提交合议评分表的，以合议分为准，计算值一并列明（组长负责制，第十九条、第二十条）。"
}

// stageBasis is one applicant's stage score with its basis: the sheets
// and how they were drawn together, or the leader's consensus.
func (w *writer) stageBasis(id string, st award.Stage) string {
	s := w.r.Eval.Stage(id, st)
	if !s.Has {
		return "—"
	}
	totals := make([]string, len(s.Totals))
	for i, t := range s.Totals {
		totals[i] = t.String()
	}
	how := "平均"
	switch {
	case s.Trimmed:
		how = "去掉最高、最低分后平均"
	case w.r.Cycle.Config.Consolidation.Method == award.Median:
		how = "中位数"
	}
	computed := ""
	if s.HasComputed {
		// the totals apart by spaces, where a narrow cell may break a line
		computed = fmt.Sprintf("%d份，%s：\n%s", len(s.Totals), how, strings.Join(totals, " "))
	}
	if s.HasConsensus {
		if computed != "" {
			computed = "\n计算值" + s.Computed.String() + "（" + computed + "）"
		}
		return s.Score.String() + "\n组长合议分" + computed
	}
	return s.Score.String() + "\n" + computed
}

// rankCell is a rank with its tie marker.
func rankCell(rank int, tie bool) string {
	switch {
	case rank == 0:
		return "—"
	case tie:
		return strconv.Itoa(rank) + "（并列）"
	}
	return strconv.Itoa(rank)
}

// shortlist is the material-review ranking and the on-site shortlist
// (Art. 19).
func (w *writer) shortlist() error {
	r := w.r
	scored := 0
	for _, m := range r.Eval.Material {
		if m.HasMaterial {
			scored++
		}
	}
	if scored == 0 {
		return fmt.Errorf("no applicant has a material score yet: the material sheets are submitted in the TUI or imported ('qaward import scores FILE')")
	}
	cfg := r.Cycle.Config
	d := w.doc
	d.Title(cycleTitle(w.cycle()) + "\n材料评审结果与现场评审名单")
	d.Para(fmt.Sprintf("根据%s第十九条规定，材料评审组按照评审准则对%d个申报组织和个人的申报材料进行了评分。现将材料评审结果和现场评审名单报告如下。",
		rulesName, len(r.Eval.Material)))
	d.Heading("一、计分方法")
	d.Para("材料评审得分（满分1000分）：" + stageRule(cfg.Consolidation))
	d.Para(fmt.Sprintf("现场评审名单：按材料得分从高到低排列（得分相同的按编号），组织和个人分别取材料得分不低于%s分者，组织不超过%d家、个人不超过%d名。",
		cfg.Thresholds.MaterialMin, cfg.Shortlist.Organizations, cfg.Shortlist.Individuals))
	d.Heading("二、材料评审结果")
	var rows [][]string
	consensus := false
	for _, m := range r.Eval.Material {
		score := scoreCell(m.Material, m.HasMaterial)
		if r.Eval.Stage(m.Applicant.ID, award.Material).HasConsensus {
			score += "\n（合议）"
			consensus = true
		}
		in := "否"
		if m.Shortlisted {
			in = "是"
		}
		rows = append(rows, []string{rankCell(m.Rank, m.Tie), m.Applicant.Name, kindName(m.Applicant.Kind), score, strconv.Itoa(m.Reviewers), in})
	}
	d.Table([]string{"名次", "名称", "类别", "材料得分", "评分表（份）", "进入现场评审"}, rows, []int{3, 10, 2, 4, 3, 3})
	var notes []string
	if consensus {
		notes = append(notes, "标注“合议”的为评审组长合议分，其计算值见评审结果汇总表。")
	}
	notes = append(notes, w.fewSheets()...)
	if len(notes) == 1 {
		d.Note("注：" + notes[0])
	} else if len(notes) > 1 {
		d.Note("注：")
		for i, n := range notes {
			d.Note(fmt.Sprintf("%d．%s", i+1, n))
		}
	}
	d.Heading("三、现场评审名单")
	var list [][]string
	for _, kind := range []award.Kind{award.Organization, award.Individual} {
		for _, m := range r.Eval.Material {
			if m.Shortlisted && m.Applicant.Kind == kind {
				list = append(list, []string{strconv.Itoa(len(list) + 1), m.Applicant.Name, kindName(kind), industry(m.Applicant), m.Material.String()})
			}
		}
	}
	if len(list) == 0 {
		d.Para("没有申报组织或个人达到现场评审条件。")
	} else {
		d.Table([]string{"序号", "名称", "类别", "所属行业", "材料得分"}, list, []int{2, 10, 2, 4, 3})
	}
	d.Para("对未进入现场评审的组织，评委会办公室将及时反馈材料评审结果（第十九条）。")
	d.Closing(Office, document.Date(w.today()))
	return nil
}

// fewSheets names the shortlisted applicants whose material score rests
// on fewer sheets than their group has members (no consensus in force),
// as ShortlistWarnings does for the command line.
func (w *writer) fewSheets() []string {
	members := map[string]int{}
	for _, g := range w.r.Groups {
		if g.Stage == award.Material {
			for _, a := range g.Applicants {
				members[a] = max(members[a], len(g.Members))
			}
		}
	}
	var out []string
	for _, m := range w.r.Eval.Material {
		n := members[m.Applicant.ID]
		if !m.Shortlisted || n == 0 || m.Reviewers >= n || w.r.Eval.Stage(m.Applicant.ID, award.Material).HasConsensus {
			continue
		}
		out = append(out, fmt.Sprintf("%s的材料得分依据%d份评分表，少于材料评审组成员数（%d人）。", m.Applicant.Name, m.Reviewers, n))
	}
	return out
}

// formula is the composite of a row and, under it, the formula of DESIGN
// rule 6 with the row's figures, in lines that fit a table's cell.
func formula(wt award.Weights, c scoring.CompositeRow) string {
	if c.Outcome == scoring.Incomplete {
		var miss []string
		if c.MissingOnsite {
			miss = append(miss, "现场评审得分")
		}
		if c.MissingSatisfaction {
			miss = append(miss, "满意度指数")
		}
		return "数据不全：缺" + strings.Join(miss, "、")
	}
	if c.Applicant.Kind == award.Individual {
		return fmt.Sprintf("%s\n＝(%s×%s\n＋%s×%s)\n÷(10×%s)", c.Composite, wt.Material, c.Material, wt.Onsite, c.Onsite, wt.Material+wt.Onsite)
	}
	return fmt.Sprintf("%s\n＝(%s×%s\n＋%s×%s)÷10\n＋%s×%s", c.Composite, wt.Material, c.Material, wt.Onsite, c.Onsite, wt.Satisfaction, c.Satisfaction)
}

func outcomeCell(o scoring.Outcome) string { return award.OutcomeName(string(o)) }

// eligibilityCell sums up an applicant's eligibility (DESIGN rule 12).
func (w *writer) eligibilityCell(id string) string {
	var notMet, unrecorded []string
	for _, c := range w.r.Blocking(id) {
		if c.Verdict == award.NotRecorded {
			unrecorded = append(unrecorded, articleText(c.Article))
		} else {
			notMet = append(notMet, articleText(c.Article))
		}
	}
	var parts []string
	if len(notMet) > 0 {
		parts = append(parts, "不符合"+strings.Join(notMet, "、"))
	}
	if len(unrecorded) > 0 {
		parts = append(parts, "未登记"+strings.Join(unrecorded, "、"))
	}
	if len(parts) > 0 {
		return "未通过：" + strings.Join(parts, "；")
	}
	var over []string
	for _, c := range w.r.Eligibility[id].Checks {
		if c.Override != "" {
			over = append(over, articleText(c.Article))
		}
	}
	if len(over) > 0 {
		return "通过（办公室认定" + strings.Join(over, "、") + "）"
	}
	return "通过"
}

// decisionCell is the committee's decision as it stands.
func (w *writer) decisionCell(id string) string {
	d, ok := w.r.Decisions[id]
	switch f := w.r.Final(id); {
	case !ok && f == "":
		return "未决定"
	case ok && d.Cancelled:
		return "已取消（异议成立）"
	default:
		return award.OutcomeName(f)
	}
}

// committee is the summary of the results for the committee's
// deliberation (Art. 22–23): every figure with the rule it comes from.
func (w *writer) committee() error {
	r := w.r
	if len(r.Eval.Composite) == 0 {
		return fmt.Errorf("no applicant is on the on-site shortlist yet: the material scores decide it ('qaward rank --stage material')")
	}
	cfg := r.Cycle.Config
	wt, q, th := cfg.Weights, cfg.Quotas, cfg.Thresholds
	d := w.doc
	d.Title(cycleTitle(w.cycle()) + "\n评审结果汇总表")
	d.Subtitle("（供评委会审议）")
	d.Para(fmt.Sprintf("根据%s第二十二条规定，评委会办公室对材料评审、现场评审和市场（顾客）满意度测评情况进行了综合评价，提出市长质量奖候选名单，提请评委会审议（第二十三条）。表中各项得分均由评审记录按下列规则计算，可逐项复核。", rulesName))
	d.Heading("一、计分规则")
	d.Para("（一）材料评审得分M、现场评审得分O（满分各1000分）：" + stageRule(cfg.Consolidation))
	d.Para("（二）满意度指数S（满分100分）：由市场（顾客）满意度测评得出，保留两位小数，仅适用于组织（第二十一条）。")
	d.Para(fmt.Sprintf("（三）综合得分C（满分100分）：组织 C＝(%s×M＋%s×O)÷10＋%s×S；个人 C＝(%s×M＋%s×O)÷(10×%s)。由四舍五入后的M、O、S计算，结果四舍五入保留两位小数。缺少O的，或组织缺少S的，不计综合得分，列为数据不全。",
		wt.Material, wt.Onsite, wt.Satisfaction, wt.Material, wt.Onsite, wt.Material+wt.Onsite))
	d.Para("（四）排序：按C从高到低；C相同的，依次按O、M从高到低；仍相同的，按编号排列，并标注“并列”。")
	d.Para(fmt.Sprintf("（五）拟定结果（第三条）：按综合排序，C不低于%s分的组织依次拟授市长质量奖，至多%d个；个人同样，至多%d名；其余C不低于%s分的组织和个人依次拟授提名奖，至多%d个；达不到条件的名额空缺。资格审查未通过的，不得授奖或提名（第八条至第十条、第三十条）。",
		th.AwardMin, q.AwardOrganizations, q.AwardIndividuals, th.NominationMin, q.Nominations))

	d.Heading("二、综合评价结果")
	header := []string{"名次", "名称", "类别", "材料得分M", "现场得分O", "满意度S", "综合得分C", "拟定结果", "资格审查"}
	// millimetres: a figure of 000.00 in 五号 needs 17, 组织 in a line 10
	widths := []int{11, 30, 11, 18, 18, 17, 17, 15, 19}
	if r.Decided() {
		header, widths = append(header, "评委会决定"), []int{11, 26, 11, 17, 17, 16, 16, 14, 15, 14}
	}
	var rows [][]string
	for _, c := range r.Eval.Composite {
		complete := c.Outcome != scoring.Incomplete
		row := []string{rankCell(c.Rank, c.Tie), c.Applicant.Name, kindName(c.Applicant.Kind), c.Material.String(),
			scoreCell(c.Onsite, c.HasOnsite), scoreCell(c.Satisfaction, c.HasSatisfaction), scoreCell(c.Composite, complete),
			outcomeCell(c.Outcome), w.eligibilityCell(c.Applicant.ID)}
		if c.Applicant.Kind == award.Individual {
			row[5] = "不适用"
		}
		if r.Decided() {
			row = append(row, w.decisionCell(c.Applicant.ID))
		}
		rows = append(rows, row)
	}
	d.DenseTable(header, rows, widths)

	d.Heading("三、得分计算明细")
	responses := map[string]int{}
	for _, s := range r.Snapshot.Satisfaction {
		responses[s.ApplicantID] = s.Responses
	}
	var detail [][]string
	for _, c := range r.Eval.Composite {
		s := "—"
		switch {
		case c.Applicant.Kind == award.Individual:
			s = "不适用"
		case c.HasSatisfaction:
			s = c.Satisfaction.String() + "\n样本" + strconv.Itoa(responses[c.Applicant.ID]) + "份"
		}
		detail = append(detail, []string{c.Applicant.Name, w.stageBasis(c.Applicant.ID, award.Material),
			w.stageBasis(c.Applicant.ID, award.Onsite), s, formula(wt, c)})
	}
	d.DenseTable([]string{"名称", "材料得分M", "现场得分O", "满意度S", "综合得分C"}, detail, []int{26, 38, 38, 16, 38})

	d.Heading("四、资格审查情况")
	clear := 0
	for _, c := range r.Eval.Composite {
		var parts []string
		for _, ch := range r.Eligibility[c.Applicant.ID].Checks {
			switch {
			case ch.Override != "":
				parts = append(parts, fmt.Sprintf("%s %s：%s", articleText(ch.Article), ch.Rule, ch.Override))
			case ch.Verdict == award.NotMet:
				parts = append(parts, strings.TrimSuffix(fmt.Sprintf("%s %s：不符合，%s", articleText(ch.Article), ch.Rule, ch.Evidence), "，"))
			case ch.Verdict == award.NotRecorded && c.Applicant.Kind == award.Organization:
				parts = append(parts, fmt.Sprintf("%s %s：未登记", articleText(ch.Article), ch.Rule))
			}
		}
		if len(parts) == 0 {
			clear++
			continue
		}
		d.Para(c.Applicant.Name + "：" + strings.Join(parts, "；") + "。")
	}
	switch {
	case clear == len(r.Eval.Composite):
		d.Para("上述组织和个人按记录审查的各项申报条件（第八条、第十条、第三十条）均符合。")
	case clear > 0:
		d.Para(fmt.Sprintf("其余%d个组织和个人按记录审查的各项申报条件均符合。", clear))
	}

	d.Heading("五、名额与空缺")
	v := r.Eval.Vacant
	d.Para(fmt.Sprintf("本届市长质量奖组织名额%d个、个人名额%d名，提名奖名额%d个（第三条）。按综合排序拟授市长质量奖组织%d个、个人%d名，提名奖%d个；空缺组织%d个、个人%d名、提名奖%d个。",
		q.AwardOrganizations, q.AwardIndividuals, q.Nominations,
		q.AwardOrganizations-v.AwardOrganizations, q.AwardIndividuals-v.AwardIndividuals, q.Nominations-v.Nominations,
		v.AwardOrganizations, v.AwardIndividuals, v.Nominations))
	if r.Decided() {
		fv := r.Vacant()
		d.Para(fmt.Sprintf("按评委会已作出的决定，空缺组织%d个、个人%d名、提名奖%d个。", fv.AwardOrganizations, fv.AwardIndividuals, fv.Nominations))
	}
	d.Closing(Office, document.Date(w.today()))
	return nil
}

// candidates are the decisions that put applicants on the candidate list,
// awards before nominations, organisations before individuals, each in
// composite order.
func (w *writer) candidates(ds []award.Decision) []award.Decision {
	rank := map[string]int{}
	for _, c := range w.r.Eval.Composite {
		if c.Rank > 0 {
			rank[c.Applicant.ID] = c.Rank
		}
	}
	order := func(id string) int {
		if n, ok := rank[id]; ok {
			return n
		}
		return 1 << 30
	}
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b award.Decision) int {
		if a.Decided != b.Decided {
			if a.Decided == award.DecideAward {
				return -1
			}
			return 1
		}
		if ka, kb := w.r.Kind(a.ApplicantID), w.r.Kind(b.ApplicantID); ka != kb {
			if ka == award.Organization {
				return -1
			}
			return 1
		}
		if oa, ob := order(a.ApplicantID), order(b.ApplicantID); oa != ob {
			return oa - ob
		}
		return strings.Compare(a.ApplicantID, b.ApplicantID)
	})
	return out
}

// notice is the stored publicity notice, or the error that says how to
// publish it.
func (w *writer) notice() (award.Notice, error) {
	n, err := w.b.st.Notice(w.cycle())
	if err != nil {
		return n, err
	}
	if n.Start == "" {
		return n, fmt.Errorf("the candidate list has not been published: the committee decides ('qaward decide ID award|nomination|none'), then 'qaward publish --start YYYY-MM-DD' publishes it and fixes the window")
	}
	return n, nil
}

func parseDay(s string) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, s, award.ChinaTime)
}

// daysOff are the days inside the window that are not working days, as
// ranges ("10月1日至10月7日"), from the official calendar.
func daysOff(cfg award.Config, n award.Notice) ([]string, error) {
	start, err := parseDay(n.Start)
	if err != nil {
		return nil, fmt.Errorf("the stored notice starts on %q: %w", n.Start, err)
	}
	end, err := parseDay(n.End)
	if err != nil {
		return nil, fmt.Errorf("the stored notice ends on %q: %w", n.End, err)
	}
	cal, err := award.NewCalendar(cfg.Calendar)
	if err != nil {
		return nil, err
	}
	md := func(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }
	var out []string
	var from, to time.Time
	flush := func() {
		if from.IsZero() {
			return
		}
		if from.Equal(to) {
			out = append(out, md(from))
		} else {
			out = append(out, md(from)+"至"+md(to))
		}
		from = time.Time{}
	}
	for day := start; !day.After(end); day = day.AddDate(0, 0, 1) {
		work, err := cal.IsWorkday(day)
		if err != nil {
			return nil, err
		}
		if work {
			flush()
			continue
		}
		if from.IsZero() {
			from = day
		}
		to = day
	}
	flush()
	return out, nil
}

// publicity is the publicity notice of the candidate list (Art. 24), as it
// was published: the candidates with the committee's decisions, the window
// stored with the notice, and how and where to object (Art. 38–39).
func (w *writer) publicity() error {
	n, err := w.notice()
	if err != nil {
		return err
	}
	r := w.r
	cands := w.candidates(r.Candidates())
	if len(cands) == 0 {
		return fmt.Errorf("the committee has decided no award or nomination ('qaward decide ID award|nomination')")
	}
	start, err := parseDay(n.Start)
	if err != nil {
		return fmt.Errorf("the stored notice starts on %q: %w", n.Start, err)
	}
	end, err := parseDay(n.End)
	if err != nil {
		return fmt.Errorf("the stored notice ends on %q: %w", n.End, err)
	}
	off, err := daysOff(r.Cycle.Config, n)
	if err != nil {
		return err
	}
	d := w.doc
	d.Title("关于" + cycleTitle(w.cycle()) + "\n获奖建议名单的公示")
	d.Para(fmt.Sprintf("根据%s第二十三条、第二十四条规定，经申报、受理、材料评审、现场评审、市场（顾客）满意度测评和综合评价，评委会审议产生了%s获奖建议名单，现予以公示。",
		rulesName, cycleTitle(w.cycle())))
	d.Heading("一、获奖建议名单")
	var rows [][]string
	for i, c := range cands {
		a, _ := r.Applicant(c.ApplicantID)
		rows = append(rows, []string{strconv.Itoa(i + 1), a.Name, kindName(a.Kind), industry(a), award.OutcomeName(c.Decided)})
	}
	d.Table([]string{"序号", "名称", "类别", "所属行业", "拟授奖项"}, rows, []int{2, 11, 2, 4, 4})
	d.Heading("二、公示时间")
	days := n.Days
	if days <= 0 {
		days = award.PublicityDays
	}
	window := fmt.Sprintf("公示期为%d个工作日：%s至%s", days, document.Date(start), document.Date(end))
	if len(off) > 0 {
		window += "（其间" + strings.Join(off, "、") + "为休息日，不计入公示期）"
	}
	d.Para(window + "。")
	d.Heading("三、异议的提出")
	d.Para(fmt.Sprintf("公示期间，任何单位或者个人对获奖建议名单有异议的，可以向%s提出，并提供有效的证明材料（第三十八条）。", Office))
	d.Para("异议应当以书面形式提出，写明异议人的真实姓名或者单位名称和联系方式，以便告知处理结果；以单位名义提出的应当加盖本单位公章，以个人名义提出的应当由本人签名。超出公示期提出的异议不予受理。")
	d.Para(fmt.Sprintf("受理单位：%s（设在%s）。受理时间：公示期内的工作日。", Office, OfficeSeat))
	d.Para("评委会办公室将依照规定程序对异议进行调查核实，将处理结果告知异议人，并向评委会通报（第三十九条）；经查实的，取消拟获奖资格（第二十四条）。")
	d.Para("特此公示。")
	// dated on its publication, or on its first day if recorded later
	date := start
	if p := n.Published.In(award.ChinaTime); !n.Published.IsZero() && p.Before(start) {
		date = p
	}
	d.Closing(Office, document.Date(date))
	return w.auditNote("公示")
}

// auditNote adds the 附注 of a published document: the head of the audit
// chain (sequence and SHA-256, as verify prints it) of the records the
// document was made from, so that anyone holding the paper can check
// later, with `qaward verify --since-head`, that no record up to it was
// changed or removed since.
func (w *writer) auditNote(what string) error {
	h, err := w.b.st.Head()
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	if h.Seq == 0 {
		return fmt.Errorf("the audit log is empty, so the %s cannot name the records it rests on", what)
	}
	w.doc.Annotation(fmt.Sprintf("本%s依据评审记录（审计链第%d条，SHA-256校验）生成，可用 qaward verify --since-head 加下列审计头核对：", what, h.Seq), h.String())
	return nil
}

// objectionReply is one letter to the filer of each decided objection
// (Art. 39): the day it was received, the finding, the outcome and its
// effect, dated the day of the reply; one answered within the time limit
// says so, with the due day of the register (ObjectionRegister).
func (w *writer) objectionReply() error {
	rows, days, err := w.b.ObjectionRegister(w.cycle())
	if err != nil {
		return err
	}
	d := w.doc
	n, pending := 0, 0
	for _, o := range rows {
		if o.Outcome == award.Pending {
			pending++
			continue
		}
		a, _ := w.r.Applicant(o.ApplicantID)
		if n > 0 {
			d.Section()
		}
		n++
		d.Title("异议处理告知书")
		filer := strings.TrimSpace(o.Filer)
		if filer == "" {
			filer = "异议人"
		}
		d.Salutation(filer + "：")
		d.Para(fmt.Sprintf("评委会办公室于%s收到你（单位）对%s获奖建议名单中%s提出的异议（编号%s）。", dayText(o.Filed), cycleTitle(w.cycle()), a.Name, o.ID))
		limit := ""
		if o.Due != "" && !o.Late {
			limit = fmt.Sprintf("在规定时限内（收到异议次日起%d个工作日，即%s前）", days, dayText(o.Due))
		}
		d.Para(fmt.Sprintf("依照%s第三十九条规定，评委会办公室%s对异议进行了调查核实，现将处理结果告知如下。", rulesName, limit))
		d.Para("一、异议及证明材料：" + o.Evidence)
		d.Para("二、调查核实情况：" + o.Finding)
		if o.Outcome == award.Upheld {
			d.Para(fmt.Sprintf("三、处理结果：经查实，异议成立。依据%s第二十四条规定，取消%s的拟获奖资格。", rulesName, a.Name))
		} else {
			d.Para(fmt.Sprintf("三、处理结果：经核实，异议不成立，%s的拟获奖资格不受影响。", a.Name))
		}
		d.Para("处理结果同时向评委会通报。特此告知。")
		replied := w.today()
		if t, err := parseDay(o.Replied); err == nil {
			replied = t
		}
		d.Closing(Office, document.Date(replied))
	}
	if n == 0 {
		if pending > 0 {
			return fmt.Errorf("%d objection(s) are filed but none is decided yet: 'qaward objection decide ID upheld|dismissed --finding TEXT' records the outcome", pending)
		}
		return fmt.Errorf("no objection has been filed or decided ('qaward objection file ID' records one during publicity)")
	}
	return nil
}

// dayText writes a stored day (YYYY-MM-DD) as a document's date, or as
// it is when it is not one.
func dayText(s string) string {
	if t, err := parseDay(s); err == nil {
		return document.Date(t)
	}
	return s
}

// winners are the applicants announced whose award or nomination is in
// force (not cancelled, not revoked), awards first, and the day of the
// announcement.
func (w *writer) winners() ([]award.Decision, time.Time, error) {
	ts, err := w.b.st.Transitions(w.cycle())
	if err != nil {
		return nil, time.Time{}, err
	}
	var day time.Time
	for _, t := range ts {
		if t.To == award.Announced && t.At.After(day) {
			day = t.At
		}
	}
	if day.IsZero() {
		end := ""
		if n, err := w.b.st.Notice(w.cycle()); err == nil && n.End != "" {
			end = " (publicity runs until " + n.End + ")"
		}
		return nil, day, fmt.Errorf("the results have not been announced: 'qaward announce' ends publicity once the window has passed and every objection is decided%s", end)
	}
	var out []award.Decision
	for _, d := range w.r.Candidates() {
		a, _ := w.r.Applicant(d.ApplicantID)
		if f := w.r.Final(a.ID); a.Status == award.Announced && (f == award.DecideAward || f == award.DecideNomination) {
			out = append(out, d)
		}
	}
	return w.candidates(out), day.In(award.ChinaTime), nil
}

// announcement is the announcement of the winners (Art. 24), by their
// final status: a revoked award is no winner.
func (w *writer) announcement() error {
	ws, day, err := w.winners()
	if err != nil {
		return err
	}
	d := w.doc
	d.Title("关于公布" + cycleTitle(w.cycle()) + "\n获奖名单的公告")
	var given []string
	for _, x := range ws {
		name := cycleTitle(w.cycle())
		if x.Decided == award.DecideNomination {
			name = "市长质量奖提名奖"
		}
		if !slices.Contains(given, name) {
			given = append(given, name)
		}
	}
	if len(given) > 0 {
		d.Para(fmt.Sprintf("根据%s，经组织和个人申报、材料评审、现场评审、市场（顾客）满意度测评、综合评价、评委会审议和社会公示，并报市长审定，决定授予下列组织和个人%s。",
			rulesName, strings.Join(given, "、")))
	}
	n := 1
	for _, what := range []string{award.DecideAward, award.DecideNomination} {
		var rows [][]string
		for _, x := range ws {
			if x.Decided == what {
				a, _ := w.r.Applicant(x.ApplicantID)
				rows = append(rows, []string{strconv.Itoa(len(rows) + 1), a.Name, kindName(a.Kind), industry(a)})
			}
		}
		if len(rows) == 0 {
			continue
		}
		name := "武冈市市长质量奖"
		if what == award.DecideNomination {
			name = "武冈市市长质量奖提名奖"
		}
		d.Heading(fmt.Sprintf("%s、%s（%d个）", document.Han(n), name, len(rows)))
		d.Table([]string{"序号", "名称", "类别", "所属行业"}, rows, []int{2, 12, 2, 4})
		n++
	}
	if len(ws) == 0 {
		d.Para("本届市长质量奖及提名奖均无获奖者，名额空缺（第三条）。")
	} else {
		d.Para("希望获奖组织和个人珍惜荣誉，发挥示范引领作用，主动分享质量管理的模式、方法和经验（第四十二条）。获奖组织和个人可在形象宣传中使用获奖称号，并注明获奖年度，不得出售、出租证书和奖牌或将其用于其他营利性活动（第二十九条）。")
	}
	d.Para("特此公告。")
	d.Closing(Government, document.Date(day))
	return w.auditNote("公告")
}

// certificate is one certificate for each winner (Art. 25).
func (w *writer) certificate() error {
	ws, day, err := w.winners()
	if err != nil {
		return err
	}
	if len(ws) == 0 {
		return fmt.Errorf("no applicant holds an award or nomination in force")
	}
	d := w.doc
	d.NoPageNumbers()
	for _, x := range ws {
		a, _ := w.r.Applicant(x.ApplicantID)
		what := cycleTitle(w.cycle())
		if x.Decided == award.DecideNomination {
			what += "提名奖"
		}
		d.Certificate(document.Certificate{
			Title:  "获奖证书",
			Number: "证书编号：" + w.cycle() + "-" + a.ID,
			Holder: salutation(a),
			Text:   []string{you(a) + "荣获" + what + "。", "特发此证，以资鼓励。"},
			Issuer: Government,
			Date:   document.DateHan(day),
		})
	}
	return nil
}
