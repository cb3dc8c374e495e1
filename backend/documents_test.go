package backend_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/backend/document/doctest"
	"qaward/store"
	"qaward/store/access"
)

// cycleDocs is the demo cycle moved through the procedure, with a clock
// the test turns.
type cycleDocs struct {
	t   *testing.T
	db  *store.DB
	now time.Time
	b   *backend.Backend
}

func newCycleDocs(t *testing.T) *cycleDocs {
	c := &cycleDocs{t: t, now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return c.now }
	db, err := store.Open(filepath.Join(t.TempDir(), "docs.db"), store.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := backend.StoreDataset(db, "office", sample.Demo()); err != nil {
		t.Fatal(err)
	}
	eligible(t, db)
	c.db = db
	c.b = backend.New(db, backend.Options{Now: clock})
	return c
}

// doc builds a kind and returns the package's document.xml, checked to
// be a well-formed package.
func (c *cycleDocs) doc(kind string) (string, []byte) {
	c.t.Helper()
	d, err := c.b.Document("", kind)
	if err != nil {
		c.t.Fatalf("document %s: %v", kind, err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		c.t.Fatal(err)
	}
	parts := doctest.Parts(c.t, buf.Bytes())
	return string(parts["word/document.xml"]), buf.Bytes()
}

// text is the text of a kind (Doc.Text): cells apart by tabs, their
// lines by "\n".
func (c *cycleDocs) text(kind string) string {
	c.t.Helper()
	d, err := c.b.Document("", kind)
	if err != nil {
		c.t.Fatalf("document %s: %v", kind, err)
	}
	return d.Text()
}

// refused checks that a kind cannot be made yet and that the error says
// what makes it.
func (c *cycleDocs) refused(kind, says string) {
	c.t.Helper()
	_, err := c.b.Document("", kind)
	if err == nil || !strings.Contains(err.Error(), says) {
		c.t.Errorf("document %s now: %v, want a refusal saying %q", kind, err, says)
	}
}

func (c *cycleDocs) walk(id string, to award.Status) {
	c.t.Helper()
	a, err := c.db.Applicant(sample.DemoCycle, id)
	if err != nil {
		c.t.Fatal(err)
	}
	after := false
	for _, s := range award.Pipeline {
		if after {
			if err := c.b.Move("", award.Transition{ApplicantID: id, To: s}); err != nil {
				c.t.Fatalf("move %s to %s: %v", id, s, err)
			}
		}
		if s == a.Status {
			after = true
		}
		if s == to {
			return
		}
	}
}

func contains(t *testing.T, kind, xml string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(xml, w) {
			t.Errorf("%s lacks %q", kind, w)
		}
	}
}

func lacks(t *testing.T, kind, xml string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(xml, w) {
			t.Errorf("%s shows %q", kind, w)
		}
	}
}

// TestDocumentsFollowTheProcedure builds every official document from
// the demo cycle as the office moves it through the procedure: each
// kind is refused until the procedure has reached it, with what is
// missing, and then carries the database's names, figures, reasons,
// window and findings.
func TestDocumentsFollowTheProcedure(t *testing.T) {
	c := newCycleDocs(t)
	names := map[string]string{}
	as, _ := c.db.Applicants(sample.DemoCycle)
	for i := range as {
		names[as[i].ID] = as[i].Name
		if as[i].ID == "A0005" {
			as[i].Profile.Confidential = []string{"industry"}
		}
	}
	if err := c.db.PutApplicants("office", sample.DemoCycle, as); err != nil {
		t.Fatal(err)
	}

	c.refused("call", "qaward intake call")
	c.refused("not-accepted", "qaward stage ID rejected")
	c.refused("publicity", "qaward publish --start")
	c.refused("objection-reply", "qaward object")
	c.refused("announcement", "qaward announce")
	c.refused("certificate", "qaward announce")
	c.refused("site-report", "qaward visits plan")
	if _, err := c.b.Document("", "minutes"); err == nil || !strings.Contains(err.Error(), "accepted, not-accepted, shortlist") {
		t.Errorf("an unknown kind: %v, want the list of kinds", err)
	}

	// the office refuses two applicants at acceptance, with reasons
	c.now = time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	if err := c.b.Move("",
		award.Transition{ApplicantID: "A0010", To: award.Rejected, Reason: "申报材料缺少行业主管部门推荐意见，推荐渠道不符合要求。", Article: "第十五条"},
		award.Transition{ApplicantID: "A0009", To: award.Ineligible, Reason: "2024年11月5日发生仓库火灾，直接经济损失120万元，属较大安全事故。", Article: "第八条(七)"}); err != nil {
		t.Fatal(err)
	}
	// the call for applications, recorded after the fact: the demo's
	// applicants were all accepted already, so none is held back by it
	if _, err := c.b.RecordCall("", award.Call{Published: "2026-01-05", Contact: "联系人：李明，电话 0739-4522000"}, 20); err != nil {
		t.Fatal(err)
	}
	var reads []*readBack
	reads = append(reads, c.expect("call"), c.expect("accepted"), c.expect("not-accepted"), c.expect("shortlist"))
	xml, _ := c.doc("accepted")
	contains(t, "accepted", xml, "受理名单公示", names["A0001"], names["A0011"], "建筑业", "受理的申报组织（8家）", "受理的申报个人（2名）", "<w:tblHeader/>", backend.Office)
	lacks(t, "accepted", xml, names["A0009"], names["A0010"])
	if !strings.Contains(xml, "（保密）") {
		t.Error("accepted: the industry A0005 declared confidential is not withheld")
	}
	xml, _ = c.doc("call")
	contains(t, "call", xml, "2026年度武冈市市长质量奖申报征集通知", "自2026年1月5日起至2026年2月2日止（20个工作日）", "武冈市市场监督管理局",
		"统一社会信用代码有效", "（仅申报组织）", "0739-4522000", "2026年1月5日")
	xml, _ = c.doc("not-accepted")
	contains(t, "not-accepted", xml, "不予受理告知书", names["A0009"]+"：", names["A0010"]+"：", "推荐渠道不符合要求", "第十五条", "第八条（七）",
		"仓库火灾", "不符合申报条件", "2026年3月20日")
	if n := strings.Count(xml, "<w:sectPr>"); n != 2 {
		t.Errorf("not-accepted: %d sections, want one letter each for 2 applicants", n)
	}

	xml, _ = c.doc("shortlist")
	res, _ := c.b.Results("")
	for _, m := range res.Eval.Material {
		contains(t, "shortlist", xml, m.Applicant.Name, m.Material.String())
	}
	contains(t, "shortlist", xml, "805.83", "400.00", "现场评审名单", "去掉一个最高分和一个最低分")

	// the site visits, planned from Wed 2026-05-06; a finding recorded
	if _, err := c.b.PlanVisits("", award.VisitPlan{Start: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC)}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.b.AddVisitIssue("", "A0001", "4.3.3", "核实顾客投诉处理闭环记录"); err != nil {
		t.Fatal(err)
	}
	if err := c.b.RecordFinding("", "A0001", "X1", "抽查12份投诉记录，均在规定时限内闭环"); err != nil {
		t.Fatal(err)
	}
	xml, _ = c.doc("site-report")
	contains(t, "site-report", xml, "现场评审报告", names["A0001"], names["A0011"], "2026年5月6日", "核实顾客投诉处理闭环记录", "抽查12份投诉记录", "组长（签字）")
	reads = append(reads, c.expect("site-report"))

	// A0002 had an accident that the office holds not its fault
	as, _ = c.db.Applicants(sample.DemoCycle)
	for i := range as {
		if as[i].ID == "A0002" {
			as[i].Profile.Incidents = []award.Incident{{Date: "2025-06-01", Kind: award.SafetyIncident, Major: true, Description: "厂区外运输车辆事故"}}
		}
	}
	if err := c.db.PutApplicants("office", sample.DemoCycle, as); err != nil {
		t.Fatal(err)
	}
	if _, err := c.b.Override("", "A0002", "第八条(七)", "", "经应急管理部门复核，事故责任不在申报单位"); err != nil {
		t.Fatal(err)
	}

	// the candidates go to 评委会审议; the committee decides
	for _, id := range []string{"A0001", "A0002", "A0003", "A0011"} {
		c.walk(id, award.Deliberation)
	}
	xml, _ = c.doc("committee")
	res, _ = c.b.Results("")
	for _, r := range res.Eval.Composite {
		if r.Outcome != "incomplete" {
			contains(t, "committee", xml, r.Applicant.Name, r.Composite.String())
		}
	}
	contains(t, "committee", c.text("committee"), "81.79\n＝(0.3×805.83\n＋0.5×808.38)÷10\n＋0.2×86.00", "64.95\n＝(0.3×673.75\n＋0.5×635.00)\n÷(10×0.8)")
	contains(t, "committee", xml,
		"C＝(0.3×M＋0.5×O)÷10＋0.2×S", "拟授市长质量奖", "60.00", "50.00", "数据不全：缺满意度指数", "通过", "名额与空缺", "供评委会审议",
		"通过（办公室认定第八条（七））", "事故责任不在申报单位")
	if err := c.b.Decide("",
		award.Decision{ApplicantID: "A0001", Decided: "award"},
		award.Decision{ApplicantID: "A0002", Decided: "award"},
		award.Decision{ApplicantID: "A0003", Decided: "nomination", Note: "评委会表决：改授提名奖"},
		award.Decision{ApplicantID: "A0011", Decided: "award"}); err != nil {
		t.Fatal(err)
	}
	xml, _ = c.doc("committee")
	contains(t, "committee", xml, "评委会决定", "提名奖")
	reads = append(reads, c.expect("committee"))

	// publicity from Monday 2026-09-28: five working days around National Day
	c.now = time.Date(2026, 9, 27, 1, 0, 0, 0, time.UTC)
	if _, err := c.b.Publish("", "2026-09-28"); err != nil {
		t.Fatal(err)
	}
	xml, pub := c.doc("publicity")
	reads = append(reads, c.expect("publicity"))
	if h, _ := c.db.Head(); !strings.Contains(c.text("publicity"), h.String()) {
		t.Errorf("publicity does not carry the audit head %s", h)
	}
	contains(t, "publicity", xml, "获奖建议名单的公示", names["A0001"], names["A0002"], names["A0003"], names["A0011"],
		"市长质量奖", "提名奖", "2026年9月28日至2026年10月9日", "10月1日至10月7日", "书面形式", "联系方式", "评委会办公室", "第三十八条", "2026年9月27日")
	lacks(t, "publicity", xml, names["A0004"])
	if i, j := strings.Index(xml, names["A0011"]), strings.Index(xml, names["A0003"]); i < 0 || j < 0 || i > j {
		t.Error("publicity: the awards (the individual's included) do not come before the nominations")
	}
	c.refused("objection-reply", "qaward object")

	// two objections: one dismissed, one upheld
	c.now = time.Date(2026, 9, 30, 2, 0, 0, 0, time.UTC)
	obs := []award.Objection{
		{ID: "YY-01", ApplicantID: "A0002", Filed: "2026-09-30", Filer: "王某某", Evidence: "来信称该公司2025年产品抽检不合格", HandlerID: "office", Outcome: award.Pending},
		{ID: "YY-02", ApplicantID: "A0003", Filed: "2026-10-08", Filer: "湘西南某材料公司", Evidence: "申报材料中的专利证书系伪造", HandlerID: "office", Outcome: award.Pending},
	}
	for _, o := range obs {
		if err := c.b.Object("", o); err != nil {
			t.Fatal(err)
		}
	}
	c.refused("objection-reply", "2 objection(s) are filed but none is decided")
	obs[0].Outcome, obs[0].Finding = award.Dismissed, "经向市场监管部门核实，该批次抽检合格，来信反映情况不属实。"
	obs[1].Outcome, obs[1].Finding = award.Upheld, "经向国家知识产权局核实，所附专利证书号不存在，申报材料弄虚作假。"
	c.now = time.Date(2026, 10, 9, 2, 0, 0, 0, time.UTC)
	for _, o := range obs {
		if err := c.b.Object("", o); err != nil {
			t.Fatal(err)
		}
	}
	xml, _ = c.doc("objection-reply")
	reads = append(reads, c.expect("objection-reply"))
	contains(t, "objection-reply", xml, "异议处理告知书", "王某某：", "湘西南某材料公司：", "YY-01", "YY-02", "2026年9月30日",
		"来信反映情况不属实", "专利证书号不存在", "异议不成立", "异议成立", "取消"+names["A0003"]+"的拟获奖资格", "2026年10月9日")
	if n := strings.Count(xml, "<w:sectPr>"); n != 2 {
		t.Errorf("objection-reply: %d letters, want 2", n)
	}
	c.refused("announcement", "publicity runs until 2026-10-09")

	// announced after the window: the upheld objection's candidate is out
	c.now = time.Date(2026, 10, 12, 1, 0, 0, 0, time.UTC)
	if _, err := c.b.Announce(""); err != nil {
		t.Fatal(err)
	}
	xml, _ = c.doc("announcement")
	contains(t, "announcement", xml, "获奖名单的公告", names["A0001"], names["A0002"], names["A0011"], "武冈市市长质量奖（3个）", backend.Government, "2026年10月12日")
	lacks(t, "announcement", xml, names["A0003"], "提名奖（")
	xml, cert := c.doc("certificate")
	contains(t, "certificate", xml, "获奖证书", names["A0001"]+"：", names["A0011"]+"同志：", "你单位荣获2026年度武冈市市长质量奖。", "你荣获2026年度武冈市市长质量奖。",
		"证书编号：2026-A0001", "二〇二六年十月十二日", backend.Government)
	if n := strings.Count(xml, "<w:pageBreakBefore/>"); n != 2 {
		t.Errorf("certificate: %d page breaks, want 2 between 3 certificates", n)
	}
	// not-accepted letters are still the two: A0003 ended after acceptance
	xml, _ = c.doc("not-accepted")
	lacks(t, "not-accepted", xml, names["A0003"])

	// a revoked award is no winner
	if err := c.b.Revoke("", "A0002", award.Revocation{Date: "2027-03-01", Reason: "产品经省级监督抽查判定为严重不合格", Grounds: []award.Ground{award.GroundInspection}}); err != nil {
		t.Fatal(err)
	}
	xml, _ = c.doc("announcement")
	lacks(t, "announcement", xml, names["A0002"])
	contains(t, "announcement", xml, "武冈市市长质量奖（2个）")
	xml, _ = c.doc("certificate")
	lacks(t, "certificate", xml, names["A0002"])
	reads = append(reads, c.expect("announcement"), c.expect("certificate"))
	if len(reads) != len(backend.DocumentKinds) {
		t.Errorf("%d kinds read back, want every one of %d", len(reads), len(backend.DocumentKinds))
	}

	// every kind as LibreOffice reads it: the database's figures, names,
	// dates, reasons and findings
	t.Run("read", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads the documents with LibreOffice")
		}
		for _, rb := range reads {
			rb.check(t)
		}
	})

	t.Run("rendered", func(t *testing.T) {
		if testing.Short() {
			t.Skip("renders with LibreOffice")
		}
		pdf := doctest.PDF(t, pub)
		if n := doctest.Pages(t, pdf); n < 1 || n > 3 {
			t.Errorf("the publicity notice prints on %d pages, want 1 to 3", n)
		}
		first := doctest.PageText(t, pdf, 1)
		if !regexp.MustCompile(`—\s*1\s*—`).MatchString(first) || !strings.Contains(first, "公示") {
			t.Errorf("publicity page 1 has no page number or title:\n%s", first)
		}
		pdf = doctest.PDF(t, cert)
		if n := doctest.Pages(t, pdf); n != 3 {
			t.Errorf("3 certificates print on %d pages", n)
		}
		for p := 1; p <= 3; p++ {
			if text := doctest.PageText(t, pdf, p); strings.Contains(text, "—") || !strings.Contains(text, "荣获") {
				t.Errorf("certificate page %d:\n%s", p, text)
			}
		}
	})
}

// TestDocumentsAreTheOffices: a reviewer may not write official
// documents.
func TestDocumentsAreTheOffices(t *testing.T) {
	db, d := demo(t)
	b := backend.New(db, backend.Options{Person: access.Person{ID: d.Reviewers[0].ID, Role: access.Reviewer}})
	for _, k := range backend.DocumentKinds {
		if _, err := b.Document("", k.ID); !backend.IsForbidden(err) {
			t.Errorf("%s as a reviewer: %v, want forbidden", k.ID, err)
		}
	}
}

func TestDocumentKinds(t *testing.T) {
	want := []string{"call", "accepted", "not-accepted", "shortlist", "site-report", "committee", "publicity", "objection-reply", "announcement", "certificate"}
	if len(backend.DocumentKinds) != len(want) {
		t.Fatalf("%d kinds, want %d", len(backend.DocumentKinds), len(want))
	}
	for i, k := range backend.DocumentKinds {
		if k.ID != want[i] || k.Name == "" || k.Help == "" {
			t.Errorf("kind %d: %+v, want %s", i, k, want[i])
		}
		if f, ok := backend.FindDocumentKind(k.Name); !ok || f.ID != k.ID {
			t.Errorf("FindDocumentKind(%s) = %+v", k.Name, f)
		}
	}
	if got := backend.DocumentKinds[1].FileName("2026"); got != "2026-受理名单公示.docx" {
		t.Errorf("file name %s", got)
	}
}
