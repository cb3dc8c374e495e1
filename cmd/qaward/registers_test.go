package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
)

// TestComplaintRegister: a complaint is filed, handled and listed through
// the command line; bad input is refused with the field and changes
// nothing; every write is in the audit log.
func TestComplaintRegister(t *testing.T) {
	db := plainDemo(t)
	out := mustQA(t, "--db", db, "complaint", "file", "--from", "张先生 13907390000", "--against", "R003",
		"--content", "现场评审迟到两小时", "--received", "2026-08-03")
	if out != "complaint C001 against R003 recorded: pending\n" {
		t.Errorf("file: %q", out)
	}
	mustQA(t, "--db", db, "complaint", "file", "--from", "匿名", "--against", "process", "--content", "日程过紧", "--received", "2026-08-04")
	out = mustQA(t, "--db", db, "complaint", "handle", "C001", "属实", "--handling", "约谈评审员，取消其本届评审资格（第三十三条）", "--handled", "2026-08-10")
	if out != "complaint C001 against R003 handled on 2026-08-10: upheld\n" {
		t.Errorf("handle: %q", out)
	}
	got := mustQA(t, "--db", db, "complaint", "list", "--format", "csv")
	want := `id,received,from,against,content,handling,handled,result
C001,2026-08-03,张先生 13907390000,R003,现场评审迟到两小时,约谈评审员，取消其本届评审资格（第三十三条）,2026-08-10,upheld
C002,2026-08-04,匿名,process,日程过紧,,,pending
`
	if got != want {
		t.Errorf("list:\n%s\nwant:\n%s", got, want)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "complaint", "list", "--format", "json")), &rows); err != nil || len(rows) != 2 || rows[1]["against"] != "process" {
		t.Errorf("json: %v %v", rows, err)
	}
	table := mustQA(t, "--db", db, "complaint", "list")
	for _, w := range []string{"投诉对象", "评审过程", "属实", "待处理"} {
		if !strings.Contains(table, w) {
			t.Errorf("the table lacks %q:\n%s", w, table)
		}
	}
	bad := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"file", "--from", "x", "--against", "R099", "--content", "y"}, 1, `against: "R099" is not a reviewer`},
		{[]string{"file", "--from", "x", "--against", "R003"}, 2, "--content is required"},
		{[]string{"file", "--against", "R003"}, 2, "--from, --content are required"},
		{[]string{"file", "--from", "x", "--against", "R003", "--content", "y", "--received", "2026-8-3"}, 1, `received: "2026-8-3" is not a date`},
		{[]string{"file", "--from", "x\x1b]0;pwned\x07", "--against", "R003", "--content", "y"}, 1, "from: character 2 is"},
		{[]string{"handle", "C002", "unfounded", "--handling", "x", "--handled", "2026-08-01"}, 1, "before it was received (2026-08-04)"},
		{[]string{"handle", "C009", "unfounded", "--handling", "x"}, 1, "C009: no such complaint"},
		{[]string{"handle", "C002", "maybe", "--handling", "x"}, 2, "want upheld (属实), partly-upheld (部分属实) or unfounded (不属实)"},
		{[]string{"handle", "C002", "unfounded"}, 2, "--handling is required"},
	}
	for _, tc := range bad {
		_, errs, code := qa(t, append([]string{"--db", db, "complaint"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, %q; want exit %d with %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	if got := mustQA(t, "--db", db, "complaint", "list", "--format", "csv"); got != want {
		t.Errorf("a refused command changed the register:\n%s", got)
	}
	audit := mustQA(t, "--db", db, "audit", "--record", "cycles/2026/complaints", "--format", "csv")
	if n := strings.Count(audit, "put complaint"); n != 3 {
		t.Errorf("%d audit entries of complaints, want 3:\n%s", n, audit)
	}
	mustQA(t, "--db", db, "verify")
}

// TestRatingsSummary: the candidates' ratings of their reviewers (stored
// as the office's screen stores them) are summarised the same way by
// `ratings` and `export ratings` (CSV and XLSX).
func TestRatingsSummary(t *testing.T) {
	db := plainDemo(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	es := []award.Evaluation{
		{ApplicantID: "A0001", ReviewerID: "R003", Rating: 5},
		{ApplicantID: "A0003", ReviewerID: "R003", Rating: 4, Comment: "准备充分"},
		{ApplicantID: "A0004", ReviewerID: "R003", Rating: 2, Comment: "迟到半小时"},
		{ApplicantID: "A0001", ReviewerID: "R006", Rating: 4, Comment: "提问专业"},
		{ApplicantID: "A0002", ReviewerID: "R006", Rating: 5, Comment: "很好"},
		{ApplicantID: "A0003", ReviewerID: "R006", Rating: 3, Comment: "时间控制欠佳"},
		{ApplicantID: "A0005", ReviewerID: "R006", Rating: 4, Comment: "态度认真"},
	}
	if err := st.PutEvaluations("office", sample.DemoCycle, es); err != nil {
		t.Fatal(err)
	}
	st.Close()
	names := map[string]string{}
	for _, r := range sample.Demo().Reviewers {
		names[r.ID] = r.Name
	}
	// every on-site reviewer: R004 and R007 are not rated yet
	want := fmt.Sprintf(`reviewer,name,ratings,mean,min,max,lowest
R003,%s,3,3.67,2,5,2 A0004：迟到半小时；4 A0003：准备充分
R004,%s,0,,,,
R006,%s,4,4.00,3,5,3 A0003：时间控制欠佳；4 A0001：提问专业；4 A0005：态度认真
R007,%s,0,,,,
`, names["R003"], names["R004"], names["R006"], names["R007"])
	if got := mustQA(t, "--db", db, "ratings", "--format", "csv"); got != want {
		t.Errorf("ratings:\n%s\nwant:\n%s", got, want)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "ratings", "--format", "json")), &rows); err != nil || rows[0]["mean"] != 3.67 || rows[1]["mean"] != nil {
		t.Errorf("json: %v %v", rows, err)
	}
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "ratings.csv")
	if out := mustQA(t, "--db", db, "export", "ratings", csvFile); !strings.Contains(out, "4 rows") {
		t.Errorf("export: %s", out)
	}
	data, _ := os.ReadFile(csvFile)
	if !strings.HasPrefix(string(data), "\ufeff评审员,名称,评价次数,平均分,最低分,最高分,最低评价及意见\r\n") && !strings.HasPrefix(string(data), "\ufeff评审员,名称,评价次数,平均分,最低分,最高分,最低评价及意见\n") {
		t.Errorf("CSV header: %q", strings.SplitN(string(data), "\n", 2)[0])
	}
	if !strings.Contains(string(data), "R003,"+names["R003"]+",3,3.67,2,5,2 A0004：迟到半小时；4 A0003：准备充分") {
		t.Errorf("CSV export differs from the listing:\n%s", data)
	}
	xlsx := filepath.Join(dir, "ratings.xlsx")
	mustQA(t, "--db", db, "export", "ratings", xlsx)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "D2"); v != "3.67" {
		t.Errorf("XLSX mean of R003: %q", v)
	}
	if _, errs, code := qa(t, "--db", db, "export", "ratings", xlsx, "--stage", "onsite"); code != 2 || !strings.Contains(errs, "ratings takes neither") {
		t.Errorf("--stage on ratings: exit %d %s", code, errs)
	}
}
