package backend_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/backend"
	"qaward/store/access"
)

const applications = `id,kind,name,industry,credit_code,founded
O01,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01
P01,individual,王建国,装备制造,,
`

// TestIntakeGatesAcceptance: once the call is recorded, applications are
// received at 申报 and enter 受理 only with a channel, a passed
// checklist and the six departments' opinions, none against; the
// refusal names each thing missing with its article; a cycle's accepted
// applicants are untouched, and a refused applicant's letter lists the
// items it failed.
func TestIntakeGatesAcceptance(t *testing.T) {
	db, _ := demo(t)
	b := backend.New(db, backend.Options{})
	file := filepath.Join(t.TempDir(), "applications.csv")
	if err := os.WriteFile(file, []byte(applications), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ReceiveApplications("", file); err == nil || !strings.Contains(err.Error(), "qaward intake call") {
		t.Fatalf("received without a call: %v", err)
	}
	if _, err := b.RecordCall("", award.Call{Published: "2026-03-02", Deadline: "2026-05-02"}, 0); err == nil || !strings.Contains(err.Error(), "not a working day") {
		t.Fatalf("a Saturday deadline: %v", err)
	}
	call, err := b.RecordCall("", award.Call{Published: "2026-03-02"}, 30)
	if err != nil || call.Deadline != "2026-04-14" || call.Where != award.DefaultCallWhere {
		t.Fatalf("call %+v, %v", call, err)
	}
	if n, err := b.ReceiveApplications("", file); err != nil || n != 2 {
		t.Fatalf("received %d, %v", n, err)
	}
	if _, err := b.ReceiveApplications("", file); err == nil || !strings.Contains(err.Error(), "received once") {
		t.Errorf("received twice: %v", err)
	}
	for _, id := range []string{"O01", "P01"} {
		for _, to := range []award.Status{award.Recommended, award.FormalReview, award.DepartmentOpinions} {
			if err := b.Move("", award.Transition{ApplicantID: id, To: to}); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = b.Move("", award.Transition{ApplicantID: "O01", To: award.Accepted})
	for _, want := range []string{"第十七条", "O01", "第十四条 no recommending channel", "第十五条 formal review not done: unified social credit code", "第十六条 no opinion of 税务"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %v lacks %q", err, want)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.RecordChannel("", award.Channel{ApplicantID: "O01", Kind: award.ChannelIndustry, Body: "武冈市工业和信息化局"}))
	for _, it := range award.IntakeItems {
		must(b.RecordCheck("", award.IntakeCheck{ApplicantID: "O01", Item: it.ID, Pass: true}))
	}
	for _, d := range award.Departments {
		must(b.RecordOpinion("", award.Opinion{ApplicantID: "O01", Department: d, Agree: d != "税务", Text: map[bool]string{true: "", false: "欠缴税款"}[d != "税务"]}))
	}
	board, err := b.Intake("")
	must(err)
	var o01 backend.IntakeRow
	for _, r := range board.Rows {
		if r.Applicant.ID == "O01" {
			o01 = r
		}
		if r.Applicant.ID == "A0001" && r.Pending() {
			t.Error("an accepted applicant is pending")
		}
	}
	if len(o01.Blocks) != 1 || !strings.Contains(o01.Blocks[0].Zh, "税务不同意：欠缴税款") || o01.Ready() {
		t.Fatalf("O01 blocks %v", o01.Blocks)
	}
	if err := b.Move("", award.Transition{ApplicantID: "O01", To: award.Accepted}); err == nil || !strings.Contains(err.Error(), "税务 does not agree") {
		t.Fatalf("accepted against a department: %v", err)
	}
	// the office holds the opinion against as met, with a written reason
	// (DESIGN rule 12): it no longer blocks
	if _, err := b.Override("", "O01", award.ArticleOpinions, "税务意见", "已补缴全部税款，税务部门书面确认"); err != nil {
		t.Fatal(err)
	}
	must(b.Move("", award.Transition{ApplicantID: "O01", To: award.Accepted}))

	// P01 fails the materials and is not accepted: its letter says why
	must(b.RecordCheck("", award.IntakeCheck{ApplicantID: "P01", Item: "materials", Note: "申报材料超过规定篇幅"}))
	if err := b.RecordCheck("", award.IntakeCheck{ApplicantID: "P01", Item: "credit-code", Pass: true}); err == nil {
		t.Error("a credit code was checked for an individual")
	}
	must(b.Move("", award.Transition{ApplicantID: "P01", To: award.Rejected, Reason: "申报材料不符合规范要求。", Article: "第十五条"}))
	d, err := b.Document("", "not-accepted")
	must(err)
	text := d.Text()
	for _, want := range []string{"王建国同志：", "申报材料不符合规范要求。", "形式审查中未通过的事项（第十五条）：", "1. 材料规范（格式、篇幅、附件符合要求）：申报材料超过规定篇幅（第十五条）"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}

	// the intake is the office's
	rev := backend.New(db, backend.Options{Person: access.Person{ID: "R001", Role: access.Reviewer}})
	if _, err := rev.Intake(""); !backend.IsForbidden(err) {
		t.Errorf("a reviewer reads the intake: %v", err)
	}
	if err := rev.RecordChannel("", award.Channel{ApplicantID: "P01", Kind: award.ChannelTownship, Body: "x"}); !backend.IsForbidden(err) {
		t.Errorf("a reviewer records a channel: %v", err)
	}
}
