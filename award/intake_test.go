package award

import (
	"errors"
	"strings"
	"testing"
)

func TestCallDeadline(t *testing.T) {
	cal, err := NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Published on Friday 2026-09-25: ten working days after it, across
	// National Day (10/1–10/7 off, Saturday 10/10 worked), end on 10/15.
	d, err := CallDeadline(cal, "2026-09-25", 10)
	if err != nil || d != "2026-10-15" {
		t.Fatalf("deadline = %s, %v; want 2026-10-15", d, err)
	}
	good := Call{Published: "2026-03-02", Deadline: "2026-04-30", Media: DefaultCallMedia, Where: DefaultCallWhere}
	if err := CheckCall(good, cal); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Call)
		want string
	}{
		{"holiday", func(c *Call) { c.Deadline = "2026-10-02" }, "next working day is 2026-10-08"},
		{"weekend", func(c *Call) { c.Deadline = "2026-05-03" }, "not a working day"},
		{"before", func(c *Call) { c.Deadline = "2026-03-02" }, "not after the publication"},
		{"bad date", func(c *Call) { c.Published = "2026-02-30" }, "published"},
		{"no place", func(c *Call) { c.Where = " " }, "where applications go"},
		{"control", func(c *Call) { c.Contact = "\x1b[2J" }, "contact"},
	} {
		c := good
		tc.edit(&c)
		if err := CheckCall(c, cal); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
		}
	}
}

func TestChannelAndChecks(t *testing.T) {
	if k, err := ParseChannelKind("街道办事处"); err != nil || k != ChannelTownship {
		t.Errorf("街道办事处 = %s, %v", k, err)
	}
	if _, err := ParseChannelKind("media"); err == nil {
		t.Error("an unknown channel was accepted")
	}
	if err := CheckChannel(Channel{ApplicantID: "A1", Kind: ChannelIndustry}); err == nil {
		t.Error("a channel without a body was accepted")
	}
	if err := CheckIntakeCheck(IntakeCheck{ApplicantID: "P1", Item: "credit-code", Pass: true}, Individual); err == nil {
		t.Error("the credit code was checked for an individual")
	}
	if err := CheckIntakeCheck(IntakeCheck{ApplicantID: "A1", Item: "form"}, Organization); err == nil || !strings.Contains(err.Error(), "note") {
		t.Errorf("a failed item without a note: %v", err)
	}
	if err := CheckIntakeCheck(IntakeCheck{ApplicantID: "A1", Item: "color"}, Organization); err == nil {
		t.Error("an unknown item was accepted")
	}
	if n, m := len(ItemsFor(Organization)), len(ItemsFor(Individual)); n != len(IntakeItems) || m != n-1 {
		t.Errorf("items: %d for organisations, %d for individuals", n, m)
	}
}

func TestIntakeBlocks(t *testing.T) {
	a := Applicant{ID: "A1", Name: "某公司", Kind: Organization}
	var r IntakeRecords
	blocks := IntakeBlocks(a, r, nil)
	if want := 1 + len(IntakeItems) + len(Departments); len(blocks) != want {
		t.Fatalf("%d blocks with nothing recorded, want %d", len(blocks), want)
	}
	r.Channels = []Channel{{ApplicantID: "A1", Kind: ChannelIndustry, Body: "市工信局"}}
	for _, it := range IntakeItems {
		r.Checks = append(r.Checks, IntakeCheck{ApplicantID: "A1", Item: it.ID, Pass: true})
	}
	var ops []Opinion
	for _, d := range Departments {
		ops = append(ops, Opinion{ApplicantID: "A1", Department: d, Agree: true})
	}
	if b := IntakeBlocks(a, r, ops); len(b) != 0 {
		t.Fatalf("blocks with everything in order: %v", b)
	}
	if IntakeError(a, nil) != nil {
		t.Error("an error without blocks")
	}
	r.Checks[1].Pass, r.Checks[1].Note = false, "缺少近三年财务报表"
	ops[2] = Opinion{ApplicantID: "A1", Department: Departments[2], Text: "欠缴税款"}
	blocks = IntakeBlocks(a, r, ops)
	if len(blocks) != 2 || blocks[0].Article != ArticleApplication || blocks[1].Article != ArticleOpinions {
		t.Fatalf("blocks = %v", blocks)
	}
	err := IntakeError(a, blocks)
	var re *RuleError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "缺少近三年财务报表") || !strings.Contains(re.Chinese(), "税务不同意：欠缴税款") {
		t.Errorf("refusal = %v / %s", err, re.Chinese())
	}
	a.Profile.Overrides = []Override{{Article: ArticleOpinions, Rule: Departments[2] + "意见", Reason: "已补缴"}}
	if b := IntakeBlocks(a, r, ops); len(b) != 1 {
		t.Errorf("an overridden opinion still blocks: %v", b)
	}
	// An individual is not asked for a credit code.
	p := Applicant{ID: "P1", Kind: Individual}
	r.Channels = append(r.Channels, Channel{ApplicantID: "P1", Kind: ChannelTownship, Body: "湾头桥镇人民政府"})
	for _, it := range ItemsFor(Individual) {
		r.Checks = append(r.Checks, IntakeCheck{ApplicantID: "P1", Item: it.ID, Pass: true})
	}
	for _, d := range Departments {
		ops = append(ops, Opinion{ApplicantID: "P1", Department: d, Agree: true})
	}
	if b := IntakeBlocks(p, r, ops); len(b) != 0 {
		t.Errorf("individual blocks: %v", b)
	}
}

func TestSummarizeBlocks(t *testing.T) {
	a := Applicant{ID: "A1", Kind: Organization}
	r := IntakeRecords{Checks: []IntakeCheck{{ApplicantID: "A1", Item: "materials", Note: "超页"}}}
	ops := []Opinion{{ApplicantID: "A1", Department: "税务", Text: "欠税"}}
	for _, d := range Departments[3:] {
		ops = append(ops, Opinion{ApplicantID: "A1", Department: d, Agree: true})
	}
	got := strings.Join(SummarizeBlocks(IntakeBlocks(a, r, ops), "zh"), "；")
	want := "未登记推荐渠道（行业主管部门或乡镇人民政府/街道办事处）；形式审查不通过：材料规范（格式、篇幅、附件符合要求）（超页）；税务不同意：欠税；形式审查8项未审；未征求生态环境、人社意见"
	if got != want {
		t.Errorf("summary\n %s\nwant\n %s", got, want)
	}
	if en := SummarizeBlocks(IntakeBlocks(a, r, ops), "en"); len(en) != 5 || en[3] != "8 checklist items not reviewed" {
		t.Errorf("en %q", en)
	}
}
