package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/home"
	"qaward/tui/pages/office"
)

const cyc = sample.DemoCycle

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// walk moves an applicant through the pipeline with the store, up to a
// stage.
func walk(tb testing.TB, st store.Store, id string, to award.Status) {
	tb.Helper()
	for s := applicantOf(tb, st, id).Status; s != to; s = applicantOf(tb, st, id).Status {
		must(tb, st.SetStatus("office", cyc, award.Transition{ApplicantID: id, To: office.NextStage(s)}))
	}
}

func TestOfficeReasonsRequired(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.find("A0012")
	d.keys("enter")
	d.find("撤回申报")
	d.keys("enter", "ctrl+s")
	d.mustContain("不能变更：请写明理由")
	d.keys("申报人书面申请撤回", "ctrl+s")
	d.mustContain("不能变更：请写明所依据的条款")
	if a := applicantOf(t, st, "A0012"); a.Status != award.Accepted {
		t.Fatalf("a move without its article was written: %s", a.Status)
	}
	d.keys("tab", "第十七条", "ctrl+s")
	if tr := lastTransition(t, st, "A0012"); tr.To != award.Withdrawn || tr.Reason != "申报人书面申请撤回" || tr.Article != "第十七条" {
		t.Fatalf("stored move %+v", tr)
	}
	// Its way has ended: no more moves offered, history shows the reason.
	d.keys("esc", "end")
	d.mustContain("流程已结束", "理由：申报人书面申请撤回（第十七条）")
	d.mustNotContain("推进到下一阶段：")
}

func TestOfficeBatchRefused(t *testing.T) {
	st := officeStore(t)
	must(t, st.SetStatus("office", cyc, award.Transition{ApplicantID: "A0009", To: award.Ineligible, Reason: "较大安全事故", Article: "第八条(七)"}))
	d := asOffice(t, st, "", 100, 30)
	for _, id := range []string{"A0001", "A0009"} {
		d.find(id)
		d.keys(" ", "esc")
	}
	d.okeys("f8")
	d.mustContain("不能推进", "A0009", "该对象已是「不符合条件」，本届流程已结束")
	d.mustNotContain("ineligible already")
	d.keys("enter")
	d.mustContain("以下对象不能推进")
	if a := applicantOf(t, st, "A0001"); a.Status != award.Accepted {
		t.Fatalf("part of a refused batch was written: A0001 is %s", a.Status)
	}
	// One step at a time only: the store refuses a skip, and says so.
	err := st.SetStatus("office", cyc, award.Transition{ApplicantID: "A0001", To: award.OnsiteReview})
	if err == nil || !strings.Contains(err.Error(), "next stage is material review") {
		t.Fatalf("skip: %v", err)
	}
}

func TestOfficeProfileAndEligibility(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.find("A0001")
	d.keys("enter")
	d.find("新增事故")
	d.keys("enter", "2025-06-01", "tab", "right", "tab", " ", "tab", "超标排放被处罚", "ctrl+s")
	// safety -> environment, major
	a := applicantOf(t, st, "A0001")
	if len(a.Profile.Incidents) != 1 || a.Profile.Incidents[0].Kind != award.EnvironmentIncident || !a.Profile.Incidents[0].Major {
		t.Fatalf("incidents %+v", a.Profile.Incidents)
	}
	d.keys("esc")
	d.mustContain("资格 不符合", "2025-06-01")
	// Confidential: the certifications are declared secret.
	d.find("质量管理体系")
	d.keys("enter", "tab", "tab", "tab", " ", "ctrl+s")
	if a := applicantOf(t, st, "A0001"); !slices.Contains(a.Profile.Confidential, "certifications") {
		t.Fatalf("confidential %v", a.Profile.Confidential)
	}
	d.keys("esc")
	d.mustContain("体系认证（第八条(三)） [保密]")
	// A bad date is refused in the form, plainly.
	d.find("成立日期")
	d.keys("enter")
	d.okeys("ctrl+u")
	d.keys("2019-13", "ctrl+s")
	d.mustContain("日期 \"2019-13\" 无效")
	d.keys("esc", "esc", "esc") // the typed date is dropped only on a second esc
	// Remove the incident: eligible again.
	d.find("超标排放")
	d.okeys("delete")
	d.keys("enter", "esc")
	d.mustContain("资格 符合")
}

func TestOfficeOpinions(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "2026-03-20", 100, 30)
	d.find("A0003")
	d.keys("enter")
	d.find("应急管理")
	d.keys("enter", "right", "ctrl+s")
	d.mustContain("不同意时请写明理由")
	d.keys("tab", "2025年安全生产检查发现重大隐患未整改", "ctrl+s")
	ops, _ := st.Opinions(cyc)
	if len(ops) != 1 || ops[0].Agree || ops[0].Department != "应急管理" || ops[0].Date != "2026-03-20" {
		t.Fatalf("opinions %+v", ops)
	}
	d.keys("esc")
	d.find("应急管理")
	d.mustContain("应急管理   不同意")
}

// The office asks R002 to recuse from A0010: the conflict is recorded with
// the office's reason, R002's assignment and sheet go, and R002 no longer
// sees A0010 anywhere.
func TestOfficeRecusal(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	d.keys("home", "enter")
	d.mustContain("利益冲突矩阵", "回避")
	d.keys("down") // R002
	for i := 0; i < 9; i++ {
		d.keys("right") // A0010
	}
	d.mustContain("R002 杨秀英  x  A0010")
	d.keys("enter")
	d.mustContain("评委会办公室要求回避")
	d.keys("ctrl+s")
	cs, _ := st.Conflicts(cyc)
	found := false
	for _, c := range cs {
		found = found || (c.ReviewerID == "R002" && c.ApplicantID == "A0010" && c.Reason == office.OfficeRecusal)
	}
	if !found {
		t.Fatalf("conflicts %+v", cs)
	}
	if _, err := st.Sheet(cyc, award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R002"}); err == nil {
		t.Fatal("the recused reviewer's sheet is still there")
	}
	d.mustContain("已回避，理由：评委会办公室要求回避")
	// The office's own data follows: the assignment is gone.
	if d.m.data.Roster.Assigned("R002", award.Material, "A0010") {
		t.Fatal("the interface still has R002 on A0010")
	}
	// A second recusal of the same pair is refused.
	d.keys("enter")
	d.mustContain("已对 A0010 回避")

	r := asPerson(t, st, "R002")
	if strings.Contains(r.View(), "A0010") {
		t.Fatalf("recused reviewer sees A0010:\n%s", r.View())
	}
	for _, row := range r.top().(*home.Home).List.Rows {
		if tg, ok := row.Value.(home.HomeTarget); ok && tg.App == "A0010" {
			t.Fatal("A0010 is a row of the recused reviewer's home")
		}
	}
}

func TestOfficeAssignments(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	d.find("A0002")
	d.keys("enter") // material review of A0002
	d.find("R007")
	d.keys("enter")
	d.mustContain("R007 与 A0002 存在利益冲突")
	as, _ := st.Assignments(cyc)
	n := len(as)
	// Assign R006, then take them off again (no sheet yet).
	d.keys("esc")
	d.find("R006")
	d.keys("enter")
	if as, _ = st.Assignments(cyc); len(as) != n+1 || !d.m.data.Roster.Assigned("R006", award.Material, "A0002") {
		t.Fatalf("assignment not stored: %d", len(as))
	}
	d.mustContain("[x] R006", "材料 1  现场 7")
	d.keys("enter")
	if as, _ = st.Assignments(cyc); len(as) != n {
		t.Fatalf("assignment not removed: %d", len(as))
	}
	// A reviewer with a sheet stays.
	d.keys("esc")
	d.find("R001")
	d.keys("enter")
	d.mustContain("R001 已有评分表，不能取消分派")
	// The store refuses a conflicted assignment on its own too.
	if err := st.PutAssignments("office", cyc, []award.Assignment{{Stage: award.Material, ApplicantID: "A0002", ReviewerID: "R007"}}); err == nil {
		t.Fatal("conflicted assignment stored")
	}
}

func TestOfficeSatisfactionRules(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("satisfaction")
	d.mustContain("A0001", "86.00") // from the sample
	d.mustNotContain("赵德胜")         // individuals have none (Art. 21)
	d.find("A0004")
	d.keys("enter", "100.5", "tab", "120", "ctrl+s")
	d.mustContain("满意度指数 \"100.5\" 无效")
	d.keys("shift+tab")
	d.okeys("ctrl+u")
	d.keys("88.125", "ctrl+s")
	d.mustContain("无效")
	d.okeys("ctrl+u")
	d.keys("88.12", "tab")
	d.okeys("ctrl+u")
	d.keys("0", "ctrl+s")
	d.mustContain("样本数 \"0\" 无效")
	d.okeys("ctrl+u")
	d.keys("120", "ctrl+s")
	ss, _ := st.Satisfaction(cyc)
	for _, s := range ss {
		if s.ApplicantID == "A0004" && (s.CSI != 8812 || s.Responses != 120) {
			t.Fatalf("stored %+v", s)
		}
	}
	d.mustContain("88.12", "120 份")
}

func TestOfficeDecisions(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("ranking")
	d.mustContain("综合评价排名", "空缺：组织奖 2 个，个人奖 1 个，提名奖 10 个")
	d.keys("home", "enter", "right", "right", "ctrl+s") // award -> none
	d.mustContain("决定与建议不同时，请写明说明")
	d.keys("tab", "评委会审议认为其现场评审问题较多", "ctrl+s")
	ds, _ := st.Decisions(cyc)
	if len(ds) != 1 || ds[0].Proposed != "award" || ds[0].Decided != "none" || ds[0].Note == "" {
		t.Fatalf("decisions %+v", ds)
	}
	d.mustContain("决定：无")
	// An incomplete row cannot be decided.
	d.find("A0006")
	d.keys("enter")
	d.mustContain("A0006 没有综合得分")
}

func TestOfficeWhatIfNeverSaves(t *testing.T) {
	st := officeStore(t)
	must(t, st.PutSatisfaction("office", cyc, []award.Satisfaction{{ApplicantID: "A0004", CSI: 7000, Responses: 100},
		{ApplicantID: "A0005", CSI: 8000, Responses: 100}, {ApplicantID: "A0007", CSI: 8200, Responses: 100}}))
	before, _ := st.Cycle(cyc)
	audit := 0
	must(t, st.Audit(func(store.Entry) error { audit++; return nil }))
	d := asOffice(t, st, "", 120, 40)
	d.toTab("ranking")
	d.keys("end", "enter")
	w, ok := d.top().(*office.WhatIf)
	if !ok {
		t.Fatalf("top is %T", d.top())
	}
	// Weights that do not sum to 1 are refused, plainly.
	d.okeys("ctrl+u")
	d.keys("0.5")
	d.mustContain("三项权重之和为 1.2，应恰好为 1")
	d.okeys("ctrl+u")
	d.keys("0.3", "tab")
	d.okeys("ctrl+u")
	d.keys("0.2")
	d.mustContain("三项权重之和为 0.7")
	d.keys("tab")
	d.okeys("ctrl+u")
	d.keys("0.5")
	// material 0.3, on-site 0.2, satisfaction 0.5: A0002 (satisfaction
	// 85.20) overtakes A0004 (70.00).
	if w.Err != "" || w.Cfg.Weights.Satisfaction != 5000 {
		t.Fatalf("what-if config %+v err %q", w.Cfg.Weights, w.Err)
	}
	ranks := map[string][2]int{}
	for _, r := range w.Rows() {
		ranks[r.Id] = [2]int{r.Was.Rank, r.Now.Rank}
	}
	if a, b := ranks["A0002"], ranks["A0004"]; !(a[0] > b[0] && a[1] < b[1]) {
		t.Fatalf("A0002 %v and A0004 %v did not swap:\n%s", a, b, d.View())
	}
	d.mustContain("+1", "-1")
	d.keys("tab", "right") // mean
	if w.Cfg.Consolidation.Method != award.Mean {
		t.Fatalf("method %s", w.Cfg.Consolidation.Method)
	}
	d.keys("enter", "ctrl+s")
	d.mustContain("假设分析不保存")
	d.keys("esc")
	after, _ := st.Cycle(cyc)
	n := 0
	must(t, st.Audit(func(store.Entry) error { n++; return nil }))
	if after.Config.Weights != before.Config.Weights || after.Config.Consolidation != before.Config.Consolidation || n != audit {
		t.Fatalf("what-if changed the stored cycle: %+v, audit %d -> %d", after.Config, audit, n)
	}
	if d.desk().Rec.Snapshot.Cycle.Config.Weights != before.Config.Weights {
		t.Fatal("what-if changed the official configuration in memory")
	}
}

// publicityReady puts A0002 and A0011 in deliberation with decisions.
func publicityReady(t *testing.T) *store.DB {
	st := officeStore(t)
	for _, id := range []string{"A0002", "A0011"} {
		walk(t, st, id, award.Deliberation)
	}
	must(t, st.PutDecisions("office", cyc, []award.Decision{
		{ApplicantID: "A0002", Proposed: "award", Decided: "award"},
		{ApplicantID: "A0011", Proposed: "award", Decided: "award"}}))
	return st
}

func TestOfficePublicityRules(t *testing.T) {
	st := publicityReady(t)
	d := asOffice(t, st, "2026-10-05", 100, 30)
	d.toTab("publicity")
	d.find("发布公示")
	d.keys("enter", "2031-09-29")
	d.mustContain("官方工作日历没有 2031 年的数据")
	d.keys("ctrl+s")
	if n, _ := st.Notice(cyc); n.Start != "" {
		t.Fatalf("published for an uncovered year: %+v", n)
	}
	// Spring Festival 2026: 2/14 (a Saturday) is a working day, 2/15-2/23 off.
	d.okeys("ctrl+u")
	d.keys("2026-02-12")
	d.mustContain("公示期 2026-02-12 至 2026-02-25")
	d.okeys("ctrl+u")
	d.keys("2026-09-28", "enter")
	if n, _ := st.Notice(cyc); n.End != "2026-10-09" {
		t.Fatalf("notice %+v", n)
	}
	d.keys("esc")
	// The objection's handler may not be conflicted (R007 with A0002).
	d.find("登记异议")
	d.keys("enter", "tab")
	d.okeys("ctrl+u")
	d.keys("2026-09-29", "tab", "王芳", "tab", "实名举报：申报材料数据失实", "tab")
	for i := 0; i < 7; i++ {
		d.keys("right") // office, R001 ... R007
	}
	d.keys("ctrl+s")
	d.mustContain("承办人 R007 与 A0002 存在利益冲突")
	d.keys("right", "ctrl+s", "esc") // back to the office; clear the filter
	os, _ := st.Objections(cyc)
	if len(os) != 1 || os[0].HandlerID != common.DefaultOffice || os[0].Filed != "2026-09-29" {
		t.Fatalf("objections %+v", os)
	}
	// Announcing waits for the window and for every objection.
	d.find("审定公告：")
	d.keys("enter")
	d.mustContain("公示期至 2026-10-09 结束")
	d2 := asOffice(t, st, "2026-10-12", 100, 30)
	d2.toTab("publicity")
	d2.find("审定公告：")
	d2.keys("enter")
	d2.mustContain("异议 Y001（A0002）尚未处理")
	// Dismissed: the candidate stays; then both are announced.
	d2.keys("esc")
	d2.find("Y001")
	d2.keys("enter", "ctrl+s")
	d2.mustContain("请写明调查结论")
	d2.keys("tab", "经核实，举报内容与事实不符", "ctrl+s", "esc")
	d2.find("审定公告：")
	d2.keys("enter", "enter")
	if got := statusCount(t, st)[award.Announced]; joinIDs(got) != "A0002,A0011" {
		t.Fatalf("announced %v", got)
	}
	ds, _ := st.Decisions(cyc)
	for _, dc := range ds {
		if dc.Cancelled {
			t.Fatalf("a dismissed objection cancelled %+v", dc)
		}
	}
}

func TestOfficeAfterAward(t *testing.T) {
	st := publicityReady(t)
	must(t, st.PublishNotice("office", cyc, award.Notice{Start: "2026-09-28", End: "2026-10-09", Days: 5}))
	for _, id := range []string{"A0002", "A0011"} {
		walk(t, st, id, award.Announced)
	}
	d := asOffice(t, st, "2027-03-01", 100, 30)
	d.toTab("after")
	d.mustContain("A0002", "A0011")
	d.find("A0002")
	d.keys("enter", "tab", "tab")
	d.okeys("ctrl+u")
	d.keys("ctrl+s")
	d.mustContain("请填写撤销理由")
	d.keys("shift+tab", "申报材料中的经营数据弄虚作假", "tab", "第三十条", "tab", " ", "ctrl+s")
	rs, _ := st.Revocations(cyc)
	if len(rs) != 1 || !rs[0].Fraud || rs[0].Date != "2027-03-01" || rs[0].Identity == "" || rs[0].Cycle != cyc {
		t.Fatalf("revocations %+v", rs)
	}
	d.keys("esc")
	d.mustContain("2027-03-01 撤销（第三十条，弄虚作假）")
	// Reviewer evaluations by on-site candidates (Art. 36).
	d.keys("right")
	d.find("A0002 武冈市法相机械制造有限公司 R006")
	// no rating is chosen for the person: saving without one is refused
	d.keys("enter", "tab", "现场评审认真细致", "ctrl+s")
	d.mustContain("请先选择评分（1 至 5 分）")
	if es, _ := st.Evaluations(cyc); len(es) != 0 {
		t.Fatalf("saved without a rating: %+v", es)
	}
	d.keys("shift+tab", "right", "right", "right", "right", "ctrl+s")
	es, _ := st.Evaluations(cyc)
	if len(es) != 1 || es[0].Rating != 4 || es[0].ReviewerID != "R006" || es[0].ApplicantID != "A0002" {
		t.Fatalf("evaluations %+v", es)
	}
	d.keys("esc")
	d.mustContain("4 分  现场评审认真细致")
	// The conflicted R007 is not among A0002's on-site reviewers.
	d.mustNotContain("A0002 武冈市法相机械制造有限公司 R007")
}

// Every office screen fills exactly the terminal at every size, Chinese
// included.
func TestOfficeLayoutSizes(t *testing.T) {
	st := publicityReady(t)
	sizes := [][2]int{{80, 24}, {79, 24}, {81, 24}, {120, 40}, {60, 15}}
	screens := map[string]func(d *driver){
		"applicants": func(d *driver) {},
		"progress":   func(d *driver) { d.toTab("progress") },
		"groups":     func(d *driver) { d.toTab("groups") },
		"csi":        func(d *driver) { d.toTab("satisfaction") },
		"ranking":    func(d *driver) { d.toTab("ranking") },
		"material":   func(d *driver) { d.toTab("ranking"); d.keys("left") },
		"publicity":  func(d *driver) { d.toTab("publicity") },
		"after":      func(d *driver) { d.toTab("after"); d.keys("right") },
		"aftercare":  func(d *driver) { d.toTab("after"); d.keys("left") },
		"applicant":  func(d *driver) { d.keys("enter") },
		"form": func(d *driver) {
			d.keys("enter", "end", "enter", "很长的一段中文理由，用来检查对齐是否正确", "ctrl+s")
		},
		"conflicts": func(d *driver) { d.toTab("groups"); d.keys("home", "enter", "right") },
		"assign":    func(d *driver) { d.toTab("groups"); d.find("A0002"); d.keys("enter") },
		"whatif":    func(d *driver) { d.toTab("ranking"); d.keys("end", "enter") },
		"publish":   func(d *driver) { d.toTab("publicity"); d.find("发布公示"); d.keys("enter", "2026-09-28") },
		"help":      func(d *driver) { d.keys("?") },
	}
	for name, open := range screens {
		for _, sz := range sizes {
			d := asOffice(t, st, "", sz[0], sz[1])
			open(d)
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			checkSize(t, name, d, sz)
		}
	}
}

func TestOfficeEnglish(t *testing.T) {
	c := testCommon(officeStore(t), common.English)
	c.As = common.DefaultOffice
	d := newDriver(t, c, 120, 40)
	d.mustContain("Applicants", "Scoring", "All applicants", "met", "not met")
	d.keys("tab", "tab", "tab", "tab")
	d.mustContain("Composite", "Vacant:")
	d.mustNotContain("tab.", "rk.", "of.")
}

// While the office watches the scoring progress, a stream of saves
// reaches its data without recomputing the results in force; the
// rankings tab, once opened, shows the same ranking as the backend (and
// `qaward rank`) computes from the database after the stream.
func TestOfficeTabsFollowAStreamOfChanges(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("progress")
	var keys []award.SheetKey
	for _, s := range sample.Demo().Sheets {
		if s.Stage == award.Material && len(keys) < 8 {
			keys = append(keys, s.SheetKey)
		}
	}
	for i, k := range keys {
		s := storedSheet(t, st, k)
		for j := range s.Percents {
			s.Percents[j] = 5 * ((i + j) % 21)
		}
		s.Submitted = true
		if err := st.PutSheets("office", sample.DemoCycle, []award.Sheet{s}); err != nil {
			t.Fatal(err)
		}
		d.send(changeMsg{ok: true, c: store.Change{Gen: st.Generation(), Records: []store.ChangedRecord{
			{Bucket: "cycles/" + sample.DemoCycle + "/sheets", Key: string(k.Stage) + "\x00" + k.ApplicantID + "\x00" + k.ReviewerID}}}})
	}
	d.toTab("ranking")
	want, err := backend.New(st, backend.Options{}).Results(sample.DemoCycle)
	if err != nil {
		t.Fatal(err)
	}
	row := func(rs []scoring.MaterialRow) string {
		var b strings.Builder
		for _, r := range rs {
			fmt.Fprintf(&b, "%d %s %s %v\n", r.Rank, r.Applicant.ID, r.Material, r.Shortlisted)
		}
		return b.String()
	}
	if got := row(d.desk().Rec.Eval.Material); got != row(want.Eval.Material) {
		t.Errorf("the rankings tab after the stream:\n%s\nthe backend from the database:\n%s", got, row(want.Eval.Material))
	}
	first := want.Eval.Material[0]
	d.mustContain(first.Applicant.Name, first.Material.String())
}

// Reads of the office's records never pile up: a change while one is
// under way waits for it, and one more read follows it.
func TestOfficeRecordReadsDoNotPileUp(t *testing.T) {
	d := asOffice(t, officeStore(t), "", 120, 40)
	d.toTab("ranking")
	desk := d.desk()
	first := desk.RecordsStale()
	if first == nil {
		t.Fatal("a change on the rankings tab read nothing")
	}
	for range 5 {
		if desk.RecordsStale() != nil {
			t.Fatal("a second read started while the first was under way")
		}
	}
	msg, ok := first().(common.OfficeMsg)
	if !ok || msg.Rec == nil {
		t.Fatalf("the read gave %#v", msg)
	}
	if desk.OfficeMsg(msg) == nil {
		t.Error("the changes that came during the read were not read after it")
	}
}
