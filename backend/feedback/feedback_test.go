package feedback

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/criteria"
	"qaward/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// individualInput is P01 at material review: three reviewers (张评审 and
// others, whose names must never appear), repeated and split comments.
func individualInput(t *testing.T) Input {
	set, _ := criteria.Lookup(criteria.IndividualID)
	a := award.Applicant{ID: "P01", Kind: award.Individual, Name: "王建国", Industry: "装备制造", CriteriaSet: set.ID}
	sheet := func(rid string, pcts []int, s, o []string) award.Sheet {
		sh := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "P01", ReviewerID: rid}, set.ID, 5)
		copy(sh.Percents, pcts)
		copy(sh.Strengths, s)
		copy(sh.Improvements, o)
		sh.Submitted = true
		return sh
	}
	sheets := []award.Sheet{
		sheet("R1", []int{60, 70, 45, 80, 50}, []string{"质量诚信意识强；带头执行质量标准", "主持3项技术改造", "", "关键工序一次合格率提升到99.2%", ""},
			[]string{"", "成果转化周期偏长", "理论研究成果较少。", "", "示范带动范围主要在本单位"}),
		sheet("R2", []int{65, 70, 50, 75, 55}, []string{"质量诚信意识强。", "主持3项技术改造", "", "", ""},
			[]string{"", "", "理论研究成果较少", "缺少三年以上的趋势数据", ""}),
		sheet("R3", []int{55, 75, 40, 85, 50}, []string{"", "获2项实用新型专利\n主持3项技术改造", "", "", "在行业协会授课 <b>6</b> 次"},
			[]string{"", "", "", "", ""}),
	}
	cy := award.Cycle{ID: "2026", Config: award.DefaultConfig()}
	var totals []award.Score
	for _, s := range sheets {
		totals = append(totals, scoring.SheetTotal(set, s.Percents))
	}
	m, _ := scoring.Consolidate(totals, cy.Config.Consolidation)
	return Input{Cycle: cy, Applicant: a, Set: set, Stage: award.Material, Sheets: sheets,
		Result:    scoring.StageResult{ApplicantID: "P01", Stage: award.Material, Score: m, Has: true},
		Generated: time.Date(2026, 5, 8, 10, 0, 0, 0, time.UTC)}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./backend/feedback -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func render(t *testing.T, in Input, format string) []byte {
	t.Helper()
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Write(&b, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGoldenMarkdown(t *testing.T) {
	golden(t, "individual.md.golden", render(t, individualInput(t), "md"))
}

func TestGoldenHTMLWithScores(t *testing.T) {
	in := individualInput(t)
	in.Scores = true
	golden(t, "individual-scores.html.golden", render(t, in, "html"))
}

func TestGoldenOrganizationConsensus(t *testing.T) {
	set, _ := criteria.Lookup(criteria.GBT19580ID)
	a := award.Applicant{ID: "O04", Kind: award.Organization, Name: "武冈市威溪制药有限公司", Industry: "医药",
		CreditCode: "91430581000000148H", Founded: "2012-09-09", CriteriaSet: set.ID}
	a.Profile.Confidential = []string{confidential.CreditCode, confidential.Industry}
	n := set.NumItems()
	cons := award.NewSheet(award.SheetKey{Stage: award.Onsite, ApplicantID: "O04", ReviewerID: "R6"}, set.ID, n)
	var sheets []award.Sheet
	for r, p := range []int{60, 70} {
		s := award.NewSheet(award.SheetKey{Stage: award.Onsite, ApplicantID: "O04", ReviewerID: []string{"R3", "R4"}[r]}, set.ID, n)
		for i := range s.Percents {
			s.Percents[i] = p
		}
		s.Strengths[0] = "高层领导亲自推进卓越绩效"
		s.Submitted = true
		sheets = append(sheets, s)
	}
	for i := range cons.Percents {
		cons.Percents[i] = 65
	}
	cons.Improvements[22] = "领导方面的结果缺少对比数据"
	cons.Consensus, cons.Submitted, cons.Reason = true, true, "组内讨论后一致"
	in := Input{Cycle: award.Cycle{ID: "2026", Config: award.DefaultConfig()}, Applicant: a, Set: set, Stage: award.Onsite,
		Sheets: sheets, Consensus: &cons, Scores: true, Generated: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Result: scoring.StageResult{Score: 65000, Has: true, HasConsensus: true, Consensus: 65000}}
	got := render(t, in, "md")
	golden(t, "organization-consensus.md.golden", got)
	for _, secret := range []string{"91430581000000148H", "医药", "R3", "R4", "R6"} {
		if bytes.Contains(got, []byte(secret)) {
			t.Errorf("report shows %q", secret)
		}
	}
	in.Confidential = true
	if got := render(t, in, "html"); !bytes.Contains(got, []byte("91430581000000148H")) {
		t.Error("--include-confidential report lacks the credit code")
	}
}

func TestNothingOfReviewersOrOthers(t *testing.T) {
	in := individualInput(t)
	for _, format := range []string{"md", "html"} {
		out := string(render(t, in, format))
		for _, banned := range []string{"R1", "R2", "R3", in.Result.Score.String()} {
			if strings.Contains(out, banned) {
				t.Errorf("%s report contains %q", format, banned)
			}
		}
		// deduplicated: the shared statements appear once per item
		if n := strings.Count(out, "主持3项技术改造"); n != 1 {
			t.Errorf("%s: statement appears %d times", format, n)
		}
		if n := strings.Count(out, "理论研究成果较少"); n != 1 {
			t.Errorf("%s: improvement appears %d times", format, n)
		}
	}
	html := string(render(t, in, "html"))
	if strings.Contains(html, "<b>6</b>") || !strings.Contains(html, "&lt;b&gt;6&lt;/b&gt;") {
		t.Error("HTML does not escape reviewer text")
	}
	for _, external := range []string{"<link", "<script", "src=", "http://", "https://"} {
		if strings.Contains(html, external) {
			t.Errorf("HTML is not self-contained: %q", external)
		}
	}
}

func TestBandAndRefusal(t *testing.T) {
	set, _ := criteria.Lookup(criteria.GBT19580ID)
	for hundredths, want := range map[int64]string{4250: "30–45%", 4749: "30–45%", 4750: "50–65%", 0: "0–5%", 10000: "90–100%"} {
		if got := band(set, criteria.Process, hundredths); got != want {
			t.Errorf("band(%d) = %s, want %s", hundredths, got, want)
		}
	}
	in := individualInput(t)
	in.Sheets = nil
	if _, err := Build(in); err == nil {
		t.Error("a report without sheets was built")
	}
}
