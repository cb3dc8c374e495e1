package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// TestVisitsWalk goes the office's way through the site visits on the
// demo cycle imported through the command line: R003 away on Thu 4/30, a
// plan from Wed 4/29 (A0001 4/29, May Day 5/1–5/5 off, A0002 5/6 … A0005
// on Sat 5/9, made a working day, A0007 5/11, A0011 5/12), applied;
// the list as the office and as the group's leader; a visit by hand
// refused on a rule; the issues carried from the material review, one
// added with a finding; and the 现场评审报告 of A0001, read back.
func TestVisitsWalk(t *testing.T) {
	_, must, q := demoCycleCLI(t)
	must("visits", "unavailable", "--reviewer", "R003", "--date", "2026-04-30", "--reason", "出差")
	plan := must("visits", "plan", "--start", "2026-04-29", "--format", "csv")
	if !strings.Contains(plan, "onsite-01,A0005,") || !strings.Contains(plan, ",2026-05-09,") {
		t.Errorf("plan:\n%s", plan)
	}
	if out := must("visits", "list", "--format", "csv"); strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("a plan without --apply was stored:\n%s", out)
	}
	must("visits", "plan", "--start", "2026-04-29", "--apply")
	want := map[string]string{"A0001": "2026-04-29", "A0002": "2026-05-06", "A0003": "2026-05-07", "A0004": "2026-05-08",
		"A0005": "2026-05-09", "A0007": "2026-05-11", "A0011": "2026-05-12"}
	for _, as := range []string{"", "R006"} {
		args := []string{"visits", "list", "--format", "csv"}
		if as != "" {
			args = append([]string{"--as", as}, args...)
		}
		rows := csvRecords(t, must(args...))
		if len(rows) != len(want) {
			t.Fatalf("--as %q: %d visits, want %d", as, len(rows), len(want))
		}
		for _, r := range rows {
			if want[r["applicant"]] != r["days"] || r["group"] != "onsite-01" {
				t.Errorf("--as %q: visit %v, want %s", as, r, want[r["applicant"]])
			}
		}
	}
	if out := must("--as", "R002", "visits", "list", "--format", "csv"); strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("a material reviewer reads the on-site schedule:\n%s", out)
	}
	if _, errs, code := q("--as", "R006", "visits", "plan", "--start", "2026-04-29", "--apply"); code == 0 || !strings.Contains(errs, "may not") {
		t.Errorf("the leader plans: exit %d, %s", code, errs)
	}
	for _, c := range []struct{ date, want string }{
		{"2026-05-02", "2026-05-02 is not an official working day (Saturday)"},
		{"2026-04-30", "reviewer R003 of group onsite-01 is unavailable on 2026-04-30"},
		{"2026-05-07", "group onsite-01 already visits A0003 on 2026-05-07"},
	} {
		if _, errs, code := q("visits", "set", "--group", "onsite-01", "--applicant", "A0002", "--date", c.date); code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("set on %s: exit %d, %s; want %q", c.date, code, errs, c.want)
		}
	}
	must("visits", "set", "--group", "onsite-01", "--applicant", "A0002", "--date", "2026-05-13")

	issues := csvRecords(t, must("visits", "issues", "--applicant", "A0001", "--format", "csv"))
	if len(issues) == 0 {
		t.Fatal("no site-visit issues carried for A0001")
	}
	for _, r := range issues {
		if r["reasons"] == "" || !strings.HasPrefix(r["text"], r["item"]+" ") {
			t.Errorf("issue %v", r)
		}
	}
	must("visits", "issues", "add", "--applicant", "A0001", "--item", "4.3.3", "--text", "核实顾客投诉处理闭环记录")
	must("visits", "issues", "finding", "--applicant", "A0001", "--issue", "X1", "--text", "抽查12份投诉记录均已闭环")
	must("visits", "issues", "remove", "--applicant", "A0001", "--issue", issues[0]["id"])
	if out := must("--as", "R006", "visits", "issues", "--applicant", "A0001", "--format", "csv"); !strings.Contains(out, "抽查12份投诉记录均已闭环") || strings.Contains(out, ","+issues[0]["id"]+",") {
		t.Errorf("the leader's issues:\n%s", out)
	}

	// the export: the schedule and the issues, the removed one marked, the finding kept
	book := filepath.Join(t.TempDir(), "现场评审日程.xlsx")
	if out := must("export", "visits", book); !strings.Contains(out, "现场评审日程, 现场评审问题") {
		t.Errorf("export visits: %s", out)
	}
	wb := workbookText(t, book)
	for _, w := range []string{"## 现场评审日程", "## 现场评审问题", "onsite-01,A0001,", "A0001,X1,4.3.3,office,,,核实顾客投诉处理闭环记录,抽查12份投诉记录均已闭环,no", "A0001," + issues[0]["id"] + ","} {
		if !strings.Contains(wb, w) {
			t.Errorf("the visits workbook lacks %q:\n%s", w, wb)
		}
	}
	if _, errs, code := q("export", "visits", book, "--applicant", "A0001"); code != 2 || !strings.Contains(errs, "visits takes --group only") {
		t.Errorf("export visits --applicant: exit %d, %s", code, errs)
	}

	out := filepath.Join(t.TempDir(), "现场评审报告.docx")
	must("document", "site-report", "--applicant", "A0001", "--out", out)
	text, lo := readDocx(t, out)
	for _, w := range []string{"现场评审报告", "onsite-01", chineseDate(t, "2026-04-29"), "核实顾客投诉处理闭环记录", "抽查12份投诉记录均已闭环", "组长（签字）", "材料评审得分率"} {
		if !strings.Contains(text, w) {
			t.Errorf("site report lacks %q", w)
		}
	}
	if !hasRow(text, lo, "现场评审日期", chineseDate(t, "2026-04-29")) {
		t.Errorf("site report has no row of the visit day:\n%s", text)
	}
	if strings.Contains(text, issues[0]["text"]) {
		t.Error("the removed issue is in the report")
	}
	if _, errs, code := q("document", "site-report", "--applicant", "A0006", "--out", filepath.Join(t.TempDir(), "x.docx")); code == 0 || !strings.Contains(errs, "no site visit of A0006") {
		t.Errorf("a report of an applicant not visited: exit %d, %s", code, errs)
	}
}

// csvRecords reads CSV output into rows by heading, in order.
func csvRecords(t *testing.T, out string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) < 1 {
		t.Fatalf("CSV output: %v\n%s", err, out)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}
