package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"qaward/award/sample"
	"qaward/backend/document/doctest"
)

// demoCycleCLI imports the demo cycle's files through the command line, as
// the office would, and returns the database and a runner.
func demoCycleCLI(t *testing.T) (string, func(args ...string) string, func(args ...string) (string, string, int)) {
	t.Helper()
	dir := t.TempDir()
	files := filepath.Join(dir, "demo")
	if err := sample.WriteCSV(files, sample.Demo()); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "cycle.db")
	q := func(args ...string) (string, string, int) { return qa(t, append([]string{"--db", db}, args...)...) }
	must := func(args ...string) string { t.Helper(); return mustQA(t, append([]string{"--db", db}, args...)...) }
	must("init", "--cycle", sample.DemoCycle)
	for _, f := range sample.Files {
		data, err := os.ReadFile(filepath.Join(files, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(strings.TrimSpace(string(data)), "\n") == 0 {
			continue // the demo has none of this kind (consensus)
		}
		must("import", f.Kind, filepath.Join(files, f.Name))
	}
	return db, must, q
}

// csvRows reads CSV output into rows keyed by the id column.
func csvRows(t *testing.T, out string) map[string]map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("CSV output: %v\n%s", err, out)
	}
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows[row["id"]] = row
	}
	return rows
}

// chineseDate writes YYYY-MM-DD as a document's date.
func chineseDate(t *testing.T, s string) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Format("2006年1月2日")
}

// readDocx is a DOCX's text as LibreOffice reads it (each paragraph and
// table cell on a line of its own), or, where LibreOffice is not
// installed, the text of its document part.
func readDocx(t *testing.T, path string) (text string, byLibreOffice bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	ok := t.Run("libreoffice", func(t *testing.T) {
		for _, l := range strings.Split(doctest.Text(t, data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	})
	if ok && len(lines) > 0 {
		return "\n" + strings.Join(lines, "\n") + "\n", true
	}
	t.Log("soffice (LibreOffice) is not installed: the document's XML text is checked instead")
	return docxText(t, path), false
}

// hasRow reports whether text (as readDocx gives it) holds the cells as
// one table row, or just holds each of them without LibreOffice.
func hasRow(text string, byLibreOffice bool, cells ...string) bool {
	if byLibreOffice {
		return strings.Contains(text, "\n"+strings.Join(cells, "\n")+"\n")
	}
	for _, c := range cells {
		if !strings.Contains(text, c) {
			return false
		}
	}
	return true
}

var kindZh = map[string]string{"organization": "组织", "individual": "个人"}

// TestPublicityDocumentAsTheOfficeMakesIt goes the office's way: the demo
// cycle imported through the command line, the candidates to the
// committee, decisions, the window computed and published, then
// `document publicity --format docx`: its text (as LibreOffice reads it)
// names the candidates as `rank --stage composite --format csv` does,
// with the committee's decisions, the window that `publicity` prints and
// the audit head that `verify` prints, which `verify --since-head` then
// accepts. The committee's summary carries every figure of the ranking
// as rank prints it; the objection register and the reply letter carry
// the due day of Art. 39; the announcement carries the head too.
func TestPublicityDocumentAsTheOfficeMakesIt(t *testing.T) {
	_, must, q := demoCycleCLI(t)
	dir := t.TempDir()
	rank := csvRows(t, must("rank", "--stage", "composite", "--format", "csv"))
	decisions := map[string]string{"A0001": "award", "A0002": "award", "A0003": "nomination", "A0011": "award"}
	for id := range decisions {
		for _, s := range []string{"material-review", "onsite-review", "satisfaction", "composite", "deliberation"} {
			must("stage", id, s)
		}
	}
	for id, d := range decisions {
		must("decide", id, d, "--note", "评委会表决")
	}

	// the committee's summary: every figure as rank prints it
	committee := filepath.Join(dir, "汇总表.docx")
	must("document", "committee", "--out", committee)
	text, lo := readDocx(t, committee)
	for id, r := range rank {
		if r["outcome"] == "incomplete" {
			if !hasRow(text, lo, r["name"], kindZh[r["kind"]], r["material"]) {
				t.Errorf("committee: no row %s %s %s", r["name"], kindZh[r["kind"]], r["material"])
			}
			continue
		}
		s := r["satisfaction"]
		if s == "" {
			s = "不适用"
		}
		if !hasRow(text, lo, r["rank"], r["name"], kindZh[r["kind"]], r["material"], r["onsite"], s, r["composite"]) {
			t.Errorf("committee: %s is not shown as rank prints it: %v", id, r)
		}
	}

	window := must("publicity", "--start", "2026-09-28")
	m := regexp.MustCompile(`publicity of (\d+) working days: (\S+) to (\S+)`).FindStringSubmatch(window)
	if m == nil {
		t.Fatalf("publicity: %s", window)
	}
	if out := must("publish", "--start", "2026-09-28"); !strings.Contains(out, m[2]+" to "+m[3]) {
		t.Fatalf("publish gives another window than publicity: %s / %s", out, window)
	}
	head := regexp.MustCompile(`audit head (\d+):([0-9a-f]{64})`).FindStringSubmatch(must("verify"))
	if head == nil {
		t.Fatal("verify prints no audit head")
	}

	pub := filepath.Join(dir, "公示.docx")
	if out := must("document", "publicity", "--format", "docx", "--out", pub); !strings.Contains(out, "wrote "+pub) {
		t.Errorf("document publicity: %s", out)
	}
	text, lo = readDocx(t, pub)
	names := map[string]string{"award": "市长质量奖", "nomination": "提名奖"}
	for id, d := range decisions {
		r := rank[id]
		if r == nil {
			t.Fatalf("rank has no %s", id)
		}
		if !hasRow(text, lo, r["name"], kindZh[r["kind"]]) || !strings.Contains(text, names[d]) {
			t.Errorf("publicity: %s %s is not listed with %s", id, r["name"], names[d])
		}
	}
	for id, r := range rank {
		if _, ok := decisions[id]; !ok && strings.Contains(text, r["name"]) {
			t.Errorf("publicity names %s %s, who is no candidate", id, r["name"])
		}
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{
		"公示期为" + m[1] + "个工作日：" + chineseDate(t, m[2]) + "至" + chineseDate(t, m[3]),
		"10月1日至10月7日为休息日",
		"审计链第" + head[1] + "条",
		"qaward verify --since-head",
		head[1] + ":" + head[2],
	} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("publicity lacks %q:\n%s", want, text)
		}
	}
	if out := must("verify", "--since-head", head[1]+":"+head[2]); !strings.Contains(out, "extends the head") {
		t.Errorf("verify --since-head with the notice's head: %s", out)
	}

	// an objection: its answer is due 15 working days after the day it
	// was received (9/30: National Day not counted, Saturday 10/10 is)
	must("objection", "file", "A0002", "--filed", "2026-09-30", "--filer", "王某某", "--evidence", "产品抽检不合格")
	list := csvRows(t, must("--lang", "en", "objection", "list", "--format", "csv"))
	y := list["Y001"]
	if y["due"] != "2026-10-27" || y["replied"] != "" {
		t.Errorf("objection list: %v, want due 2026-10-27", y)
	}
	if time.Now().Format(time.DateOnly) > "2026-10-27" && y["timing"] != "overdue" {
		t.Errorf("a pending objection past its due day is %q, not overdue", y["timing"])
	}
	if table := must("objection", "list"); !strings.Contains(table, "已超期") && y["timing"] == "overdue" {
		t.Errorf("the table does not flag the overdue objection:\n%s", table)
	}
	must("objection", "decide", "Y001", "dismissed", "--finding", "经核实该批次抽检合格", "--replied", "2026-10-20")
	if y := csvRows(t, must("--lang", "en", "objection", "list", "--format", "csv"))["Y001"]; y["timing"] != "on-time" || y["replied"] != "2026-10-20" {
		t.Errorf("a decided objection: %v", y)
	}
	if _, errs, code := q("objection", "decide", "Y001", "dismissed", "--finding", "x", "--replied", "2026-09-01"); code == 0 || !strings.Contains(errs, "before it was filed") {
		t.Errorf("a reply before the objection: exit %d, %s", code, errs)
	}
	reply := filepath.Join(dir, "告知书.docx")
	must("document", "objection-reply", "--out", reply)
	text, _ = readDocx(t, reply)
	flat = strings.Join(strings.Fields(text), "")
	for _, want := range []string{"王某某：", "2026年9月30日收到", "即2026年10月27日前", "经核实该批次抽检合格", "异议不成立", "2026年10月20日"} {
		if !strings.Contains(flat, want) {
			t.Errorf("objection-reply lacks %q:\n%s", want, text)
		}
	}

	// announced after the window: the head of now
	must("announce")
	head = regexp.MustCompile(`audit head (\d+:[0-9a-f]{64})`).FindStringSubmatch(must("verify"))
	ann := filepath.Join(dir, "公告.docx")
	must("document", "announcement", "--out", ann)
	if text, _ := readDocx(t, ann); !strings.Contains(strings.Join(strings.Fields(text), ""), head[1]) {
		t.Errorf("the announcement does not carry the audit head %s:\n%s", head[1], text)
	}

	// PDF without LibreOffice: said, and nothing written
	pdf := filepath.Join(dir, "公告.pdf")
	t.Setenv("PATH", t.TempDir())
	_, errs, code := q("document", "announcement", "--format", "pdf", "--out", pdf)
	if code == 0 || !strings.Contains(errs, "document: --format pdf needs LibreOffice (soffice) installed; write DOCX with --format docx") {
		t.Errorf("PDF without LibreOffice: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("PDF without LibreOffice wrote a file")
	}
}

// TestDocumentAsPDF writes a document as PDF through LibreOffice, where
// it is installed, and refuses formats the file name contradicts.
func TestDocumentAsPDF(t *testing.T) {
	_, must, q := demoCycleCLI(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--out", filepath.Join(dir, "a.txt")}, "want a file ending in .docx or .pdf"},
		{[]string{"--out", filepath.Join(dir, "a.docx"), "--format", "pdf"}, "ends in .docx, but the format is pdf"},
		{[]string{"--format", "odt"}, `format "odt": want docx or pdf`},
	} {
		_, errs, code := q(append([]string{"document", "shortlist"}, c.args...)...)
		if code == 0 || !strings.Contains(errs, c.says) {
			t.Errorf("document shortlist %v: exit %d, %s", c.args, code, errs)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("refused commands wrote %d files", len(ents))
	}
	if _, _, code := q("document", "shortlist", "--format", "pdf", "--out", filepath.Join(dir, "x.pdf")); code != 0 {
		if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
			t.Error("a failed PDF left a file")
		}
		t.Skip("soffice (LibreOffice) is not installed: no PDF written")
	}
	pdf := filepath.Join(dir, "名单.pdf")
	if out := must("document", "shortlist", "--out", pdf); !strings.Contains(out, "PDF") {
		t.Errorf("--out FILE.pdf: %s", out)
	}
	if text := doctest.PageText(t, pdf, 1); !strings.Contains(text, "材料评审结果") {
		t.Errorf("the PDF's first page:\n%s", text)
	}
}

// TestFeedbackOut: --out is the file of one report (format by its
// extension or --format) or a directory, and the directory of --all;
// combinations that do not fit are refused with what to do.
func TestFeedbackOut(t *testing.T) {
	_, must, q := demoCycleCLI(t)
	dir := t.TempDir()
	out := func(n string) string { return filepath.Join(dir, n) }
	must("feedback", "A0001", "--out", out("A0001.html"))
	if b, _ := os.ReadFile(out("A0001.html")); !strings.Contains(string(b), "<html") {
		t.Error("--out FILE.html did not write HTML")
	}
	must("feedback", "A0001", "-o", out("A0001.md"))
	if b, _ := os.ReadFile(out("A0001.md")); !strings.HasPrefix(string(b), "#") {
		t.Error("-o FILE.md did not write Markdown")
	}
	must("feedback", "A0001", "--format", "html", "--out", out("one")+"/")
	if _, err := os.Stat(filepath.Join(out("one"), "A0001-material.html")); err != nil {
		t.Errorf("--out DIR/ for one report: %v", err)
	}
	if s := must("feedback", "--all", "--out", out("all")); !strings.Contains(s, "feedback reports to") {
		t.Errorf("--all --out DIR: %s", s)
	}
	if ents, _ := os.ReadDir(out("all")); len(ents) < 5 {
		t.Errorf("--all wrote %d reports", len(ents))
	}
	before, _ := os.ReadDir(dir)
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--all"}, "--all needs --out DIR"},
		{[]string{"--all", "--out", out("reports.md")}, "names a file"},
		{[]string{"--all", "--out", out("A0001.html")}, "that is a file"},
		{[]string{"--all", "A0001", "--out", out("x")}, "give no ID with it"},
		{[]string{"A0001", "--out", out("a.html"), "--format", "md"}, "is a .html file but --format is md"},
		{[]string{"A0001", "--out", out("a.pdf")}, "want a file ending in .md or .html"},
		{[]string{"A0001", "--format", "docx"}, `--format "docx": want md or html`},
	} {
		_, errs, code := q(append([]string{"feedback"}, c.args...)...)
		if code == 0 || !strings.Contains(errs, c.says) {
			t.Errorf("feedback %v: exit %d, stderr %q; want %q", c.args, code, errs, c.says)
		}
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("refused commands wrote files: %d then %d", len(before), len(after))
	}
}
