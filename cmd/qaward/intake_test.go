package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"qaward/award"
	"qaward/backend/document/doctest"
)

const intakeApplications = `id,kind,name,industry,credit_code,founded
O21,organization,武冈市花园粮油有限公司,食品制造,914305810000004811,2005-03-01
O22,organization,武冈市迎春亭建材有限公司,建筑业,914305810000005185,2010-06-18
`

// docText is the text of a DOCX file's body, its tags dropped.
func docText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(doctest.Parts(t, data)["word/document.xml"]), "")
}

// TestIntakeWalk: the office's work before acceptance on the command
// line. Applicants imported as accepted stay so; after the call,
// applications are received at 申报 and moved on; 受理 is refused with
// everything missing and its article, then allowed once the channel, the
// checklist and the six opinions are in; the applicant not accepted gets
// its letter with the reason and the item it failed; the call is a
// document too.
func TestIntakeWalk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cycle.db")
	must := func(args ...string) string { t.Helper(); return mustQA(t, append([]string{"--db", db}, args...)...) }
	q := func(args ...string) (string, string, int) { return qa(t, append([]string{"--db", db}, args...)...) }
	must("init", "--cycle", "2026")
	must("import", "applicants", writeFile(t, dir, "applicants.csv", scenarioApplicants))
	if _, errs, code := q("intake", "receive", writeFile(t, dir, "apps.csv", intakeApplications)); code == 0 || !strings.Contains(errs, "qaward intake call") {
		t.Fatalf("received without a call: %d %s", code, errs)
	}
	for _, bad := range [][]string{
		{"intake", "call", "--published", "2026-03-02"},
		{"intake", "call", "--published", "2026-03-02", "--days", "5", "--deadline", "2026-04-30"},
		{"intake", "call", "--published", "2026-03-02", "--deadline", "2026-05-01"},
	} {
		if _, errs, code := q(bad...); code == 0 || errs == "" {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
	dup := writeFile(t, dir, "dup.csv", "id,kind,name,industry,credit_code,founded\nO31,organization,x,y,91430581000000037P,2005\n")
	must("intake", "call", "--published", "2026-03-02", "--deadline", "2026-04-30")
	if _, errs, code := q("intake", "receive", dup); code == 0 || !strings.Contains(errs, "already O01's") {
		t.Errorf("a credit code received twice: %s", errs)
	}
	if out := must("intake", "call", "--published", "2026-03-02", "--days", "30", "--contact", "联系人：李明 0739-4522000"); !strings.Contains(out, "applications until 2026-04-14 (30 working days)") {
		t.Errorf("call: %q", out)
	}
	if out := must("intake", "receive", filepath.Join(dir, "apps.csv")); out != "received 2 applications at applied (申报)\n" {
		t.Errorf("receive: %q", out)
	}
	if out := must("status", "--list", "blocks", "--format", "csv"); !strings.Contains(out, "受理与评审（第十七、十八条）,申报尚未受理,2,O21;O22") {
		t.Errorf("status does not say the applications wait for acceptance:\n%s", out)
	}
	for _, id := range []string{"O21", "O22"} {
		for _, s := range []string{"recommended", "形式审查", "department-opinions"} {
			must("stage", id, s)
		}
	}
	_, errs, code := q("stage", "O21", "accepted")
	for _, want := range []string{"第十七条", "第十四条 no recommending channel", "第十五条 formal review not done", "第十六条 no opinion of 生态环境"} {
		if code == 0 || !strings.Contains(errs, want) {
			t.Errorf("stage O21 accepted: exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}
	rows := csvRows(t, must("intake", "list", "--format", "csv"))
	if r := rows["O21"]; r["ready"] != "no" || r["checklist"] != "0/9 passed" || r["opinions"] != "0/6 agree" || !strings.Contains(r["blocks"], "未登记推荐渠道") {
		t.Errorf("O21 before: %v", r)
	}
	if r := rows["O01"]; r["ready"] != "n/a" || r["status"] != "accepted" {
		t.Errorf("O01, imported: %v", r)
	}
	if _, errs, code := q("intake", "channel", "--applicant", "O21", "--kind", "media", "--body", "x"); code == 0 || !strings.Contains(errs, "industry") {
		t.Errorf("bad channel kind: %s", errs)
	}
	must("intake", "channel", "--applicant", "O21", "--kind", "industry", "--body", "武冈市工业和信息化局")
	must("intake", "channel", "--applicant", "O22", "--kind", "乡镇", "--body", "湾头桥镇人民政府")
	for _, it := range award.IntakeItems {
		must("intake", "check", "--applicant", "O21", "--item", it.ID, "--pass")
	}
	if _, errs, code := q("intake", "check", "--applicant", "O22", "--item", "materials", "--fail"); code == 0 || !strings.Contains(errs, "note") {
		t.Errorf("a failure without a note: %s", errs)
	}
	must("intake", "check", "--applicant", "O22", "--item", "materials", "--fail", "--note", "申报材料超过规定篇幅")
	for _, d := range award.Departments {
		must("opinion", "O21", d, "agree")
	}
	rows = csvRows(t, must("intake", "list", "--format", "csv"))
	if r := rows["O21"]; r["ready"] != "yes" || r["checklist"] != "9/9 passed" || r["opinions"] != "6/6 agree" || r["channel"] != "industry" || r["body"] != "武冈市工业和信息化局" {
		t.Errorf("O21 after: %v", r)
	}
	if r := rows["O22"]; r["checklist"] != "0/9 passed, 1 failed" || !strings.Contains(r["blocks"], "申报材料超过规定篇幅") {
		t.Errorf("O22: %v", r)
	}
	must("stage", "O21", "accepted")
	must("stage", "O22", "rejected", "--reason", "申报材料不符合规范要求。", "--article", "第十五条")
	if out := must("status", "--list", "blocks", "--format", "csv"); !strings.Contains(out, "受理与评审（第十七、十八条）,已受理申报者尚未分配材料评审员,16,") || !strings.Contains(out, ";O21;") || strings.Contains(out, "申报尚未受理") {
		t.Errorf("status after acceptance:\n%s", out)
	}
	letter := filepath.Join(dir, "letters.docx")
	must("document", "not-accepted", "--out", letter)
	text := docText(t, letter)
	for _, want := range []string{"武冈市迎春亭建材有限公司：", "申报材料不符合规范要求。", "形式审查中未通过的事项（第十五条）：", "申报材料超过规定篇幅"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if strings.Contains(text, "花园粮油") {
		t.Error("the accepted applicant got a letter")
	}
	call := filepath.Join(dir, "call.docx")
	must("document", "call", "--out", call)
	text = docText(t, call)
	for _, want := range []string{"2026年度武冈市市长质量奖申报征集通知", "自2026年3月2日起至2026年4月14日止（30个工作日）", "0739-4522000", "武冈市市场监督管理局"} {
		if !strings.Contains(text, want) {
			t.Errorf("call lacks %q", want)
		}
	}
	// a reviewer may do none of it
	must("import", "reviewers", writeFile(t, dir, "reviewers.csv", scenarioReviewers))
	for _, args := range [][]string{{"intake", "list"}, {"intake", "channel", "--applicant", "O22", "--kind", "industry", "--body", "x"}} {
		if _, errs, code := q(append([]string{"--as", "R2"}, args...)...); code == 0 || !strings.Contains(errs, "may not") {
			t.Errorf("R2 %v: exit %d %s", args, code, errs)
		}
	}
	must("verify")
}
