package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award/sample"
	"qaward/backend/export"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/pages/exchange"
	"qaward/tui/pages/home"
)

// openExchange opens the exchange tab's line of a kind.
func (d *driver) openExchange(kind string) *exchange.ExchangeScreen {
	d.tb.Helper()
	d.toTab("exchange")
	p := d.desk().Tabs.Current().(*exchange.ExchangePage)
	for i, ri := range p.List.Visible {
		if a, ok := p.List.Rows[ri].Value.(exchange.ExAction); ok && a.Kind == kind {
			p.List.Cursor = i
		}
	}
	d.keys("enter")
	s, ok := d.top().(*exchange.ExchangeScreen)
	if !ok || s.Act.Kind != kind {
		d.tb.Fatalf("did not open %s: %T\n%s", kind, d.top(), d.View())
	}
	return s
}

// typePath replaces the focused field's text by path, as one input-method
// commit (Chinese included).
func (d *driver) typePath(path string) {
	d.okeys("ctrl+u")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(path)})
}

// chineseDir is a folder with a Chinese name in the test's directory.
func chineseDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "评审资料 2026")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func conflictsOf(t *testing.T, st store.Store) int {
	t.Helper()
	cs, err := st.Conflicts(sample.DemoCycle)
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

// A refused import names the position of the bad cell and changes
// nothing, from CSV (line and column) and from XLSX (sheet and cell).
func TestImportRefused(t *testing.T) {
	st := officeStore(t)
	dir := chineseDir(t)
	csvFile := filepath.Join(dir, "利益冲突.csv")
	os.WriteFile(csvFile, []byte("reviewer_id,applicant_id,reason\nR001,A0003,亲属\nR002,A9999,同事\n"), 0o644)
	xlsxFile := filepath.Join(dir, "回避.xlsx")
	var b bytes.Buffer
	tab := export.Table{Name: "回避", Header: []string{"评审员编号", "申报编号", "原因"}, Rows: [][]string{{"R001", "A0003", "亲属"}, {"R002", "A9999", "同事"}}}
	if err := export.WriteXLSX(&b, []export.Table{tab}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(xlsxFile, b.Bytes(), 0o644)
	before, gen := conflictsOf(t, st), st.Generation()

	d := asOffice(t, st, "", 100, 30)
	d.openExchange("conflicts")
	d.typePath(csvFile)
	d.keys("ctrl+s")
	d.mustContain("导入被拒绝，数据库未作任何改动", "位置：", "第 3 行", "字段：applicant_id", "A9999")

	d.typePath(xlsxFile)
	d.keys("ctrl+s")
	d.mustContain("导入被拒绝", "工作表“回避”，单元格 B3")

	d.keys("down")
	d.typePath("回避")
	d.keys("up")
	d.typePath(csvFile)
	d.keys("ctrl+s")
	d.mustContain("只有 .xlsx 工作簿才能选择工作表")

	if n := conflictsOf(t, st); n != before || st.Generation() != gen {
		t.Fatalf("a refused import changed the store: %d conflicts (was %d)", n, before)
	}
	// the last path was refused before it ran: esc asks, a second esc goes
	d.keys("esc")
	d.mustContain("再按 esc 放弃")
	d.keys("esc")
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("esc did not go back: %T", d.top())
	}
}

// reviewersCSV writes n reviewers, large enough to report progress.
func reviewersCSV(t *testing.T, dir string, n int) string {
	var b strings.Builder
	b.WriteString("编号,姓名,单位\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "X%04d,评审员%04d,邵阳学院质量管理研究所第%d室\n", i, i, i)
	}
	file := filepath.Join(dir, "评审员名单.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// An import streams its progress, then the count; the screens read the
// cycle again.
func TestImportProgress(t *testing.T) {
	st := officeStore(t)
	file := reviewersCSV(t, chineseDir(t), 3000)

	// The job alone: progress messages, then the result.
	c := testCommon(access.Wrap(st, access.Person{ID: common.DefaultOffice, Role: access.Office}), common.Chinese)
	c.Cycle = sample.DemoCycle
	job := &exchange.ExJob{Ch: make(chan tea.Msg, exchange.JobCap)}
	msg := job.Start(exchange.ImportWork(c, "test", common.DefaultOffice, sample.DemoCycle, "reviewers", file, ""))()
	var steps []exchange.ExProgressMsg
	for {
		p, ok := msg.(exchange.ExProgressMsg)
		if !ok {
			break
		}
		steps = append(steps, p)
		msg = job.Next()()
	}
	res, ok := msg.(common.OfficeMsg)
	if !ok || res.Err != nil || res.From != "test" {
		t.Fatalf("result %#v", msg)
	}
	if len(steps) < 3 || steps[len(steps)-1].Label != "校验完毕，正在写入数据库" {
		t.Fatalf("progress %+v", steps)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i].Done < steps[i-1].Done || steps[i].Total != steps[0].Total || steps[i].Unit != "KB" {
			t.Fatalf("progress went %+v then %+v", steps[i-1], steps[i])
		}
	}
	if !strings.Contains(res.Note, "已导入 3000 条评审员") || res.Data == nil || len(res.Data.Reviewers) != 3007 || res.Rec == nil {
		t.Fatalf("note %q, data read again: %v", res.Note, res.Data != nil)
	}

	// Through the screen.
	d := asOffice(t, st, "", 100, 30)
	d.openExchange("reviewers")
	d.typePath(file)
	d.keys("enter") // next field
	d.keys("enter") // last field: start
	d.mustContain("已导入 3000 条评审员到第 2026 届", "100%", "可修改后再次开始")
	if n := len(d.m.data.Reviewers); n != 3007 {
		t.Fatalf("the screens hold %d reviewers, want 3007", n)
	}
}

// Exports write files where asked, Chinese in the path.
func TestExportWritesFiles(t *testing.T) {
	st := officeStore(t)
	dir := chineseDir(t)
	d := asOffice(t, st, "", 100, 30)

	d.openExchange("rankings")
	xlsx := filepath.Join(dir, "排名.xlsx")
	d.typePath(xlsx)
	d.keys("ctrl+s")
	d.mustContain("已写出", "材料评审, 现场评审,", "评审规则，共 54 行")
	if b, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		t.Fatalf("workbook: %v", err)
	}
	csv := filepath.Join(dir, "综合排名.csv")
	d.typePath(csv)
	d.keys("ctrl+s")
	d.mustContain("CSV 文件只能写一个阶段的排名")
	d.keys("down", "right", "right", "right", "ctrl+s")
	b, err := os.ReadFile(csv)
	if err != nil || !bytes.HasPrefix(b, []byte(export.BOM+"排名,编号,类型,名称,材料评审得分,现场评审得分,满意度指数,综合得分,评价结果\n")) {
		t.Fatalf("CSV: %v\n%.200s", err, b)
	}
	d.keys("esc")

	d.openExchange("candidates")
	cand := filepath.Join(dir, "候选名单.csv")
	d.typePath(cand)
	d.keys("ctrl+s")
	if b, err := os.ReadFile(cand); err != nil || !bytes.Contains(b, []byte("最终结果")) {
		t.Fatalf("candidates: %v", err)
	}
	d.keys("esc")

	d.openExchange("feedback")
	fb := filepath.Join(dir, "反馈报告")
	d.typePath(fb)
	d.keys("ctrl+s")
	d.mustContain("份材料评审反馈报告到")
	files, _ := filepath.Glob(filepath.Join(fb, "A*-material.html"))
	if len(files) == 0 {
		t.Fatal("no feedback report written")
	}
	page, _ := os.ReadFile(files[0])
	for _, r := range sample.Demo().Reviewers {
		if bytes.Contains(page, []byte(r.Name)) {
			t.Fatalf("a feedback report names reviewer %s", r.Name)
		}
	}
}

// The new screens fill exactly the terminal at every size.
func TestExchangeLayout(t *testing.T) {
	st := officeStore(t)
	screens := map[string]func(d *driver){
		"tab": func(d *driver) { d.toTab("exchange") },
		"import": func(d *driver) {
			d.openExchange("scores")
			d.typePath("/一个/很长的/中文/路径/评分表（材料评审与现场评审）.xlsx")
		},
		"done": func(d *driver) {
			d.openExchange("candidates")
			d.typePath(filepath.Join(d.tb.(*testing.T).TempDir(), "候选名单.xlsx"))
			d.keys("ctrl+s")
		},
	}
	for name, open := range screens {
		for _, sz := range [][2]int{{80, 24}, {79, 24}, {120, 40}, {60, 15}} {
			d := asOffice(t, st, "", sz[0], sz[1])
			open(d)
			checkSize(t, name, d, sz)
		}
	}
}
