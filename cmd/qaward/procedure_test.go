package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award/sample"
)

// TestCycleFromImportToRevocation runs a whole cycle through the command
// line as the office does: import the files of a synthetic cycle (20
// applicants), move the candidates to 评委会审议, decide under the rules,
// publish, handle an objection, announce and revoke, and reads the final
// statuses in `candidates`, a CSV export and the announcement document.
//
// The composite ranking of this cycle (seed 1) proposes awards for A0019,
// A0008, A0009, A0012 and A0017 and nominations for A0001, A0010, A0013,
// A0018 and A0016. A0012 is not a legal person (Art. 8(2)) and A0004 had a
// major accident (Art. 8(7)).
func TestCycleFromImportToRevocation(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "gen")
	mustQA(t, "gen", "--out", files, "--applicants", "20", "--reviewers", "14", "--per-applicant", "5")
	db := filepath.Join(dir, "cycle.db")
	q := func(args ...string) (string, string, int) { return qa(t, append([]string{"--db", db}, args...)...) }
	must := func(args ...string) string { return mustQA(t, append([]string{"--db", db}, args...)...) }
	refused := func(article string, args ...string) {
		t.Helper()
		out, errs, code := q(args...)
		if code == 0 || !strings.Contains(errs, article) {
			t.Fatalf("qaward %s: exit %d, stderr %q, stdout %q; want a refusal citing %s", strings.Join(args, " "), code, errs, out, article)
		}
	}
	must("init", "--cycle", "2026")
	for _, f := range sample.Files {
		must("import", f.Kind, filepath.Join(files, f.Name))
	}
	composite := must("rank", "--stage", "composite", "--format", "csv")
	for _, row := range []string{"1,A0019,", "4,A0012,", "6,A0001,", "10,A0016,"} {
		if !strings.Contains(composite, "\n"+row) {
			t.Fatalf("composite ranking lacks %q:\n%s", row, composite)
		}
	}
	toDeliberation := func(id string) (string, int) {
		for _, s := range []string{"material-review", "onsite-review", "satisfaction", "composite", "deliberation"} {
			if _, errs, code := q("stage", id, s); code != 0 {
				return errs, code
			}
		}
		return "", 0
	}
	for _, id := range []string{"A0019", "A0008", "A0009", "A0017", "A0001", "A0010", "A0013"} {
		if errs, code := toDeliberation(id); code != 0 {
			t.Fatalf("%s to deliberation: %s", id, errs)
		}
	}
	// A0012 is held at 综合评价 by Art. 8(2) until the office overrides
	if errs, code := toDeliberation("A0012"); code == 0 || !strings.Contains(errs, "第八条(二)") || !strings.Contains(errs, "具有法人资格") {
		t.Fatalf("A0012 entered deliberation: %d %s", code, errs)
	}
	refused("第八条(二)", "decide", "A0012", "award")
	refused("reason", "override", "A0012", "第八条(二)")
	must("override", "A0012", "第八条(二)", "--reason", "已补充法人登记证明")
	if !strings.Contains(must("eligibility", "A0012", "--format", "csv"), "已补充法人登记证明") {
		t.Error("the override is not shown beside the rule")
	}
	must("stage", "A0012", "deliberation")

	// five organisation awards (Art. 3); the sixth is refused
	for _, id := range []string{"A0019", "A0008", "A0009", "A0012", "A0017"} {
		must("decide", id, "award")
	}
	refused("第三条", "decide", "A0001", "award", "--note", "评委会表决")
	refused("note", "decide", "A0001", "none")
	for _, id := range []string{"A0001", "A0010", "A0013"} {
		must("decide", id, "nomination")
	}
	// publicity from Monday 2026-09-28: five working days around the
	// National Day holiday, to 2026-10-09
	if out := must("publish", "--start", "2026-09-28"); !strings.Contains(out, "2026-09-28 to 2026-10-09") {
		t.Fatalf("publish: %s", out)
	}
	refused("window", "objection", "file", "A0008", "--filed", "2026-10-12", "--filer", "张三", "--evidence", "x")
	must("objection", "file", "A0008", "--filed", "2026-09-29", "--filer", "张三 13800000000", "--evidence", "获奖材料中的营业收入与纳税记录不符")
	refused("not decided", "announce")
	must("objection", "decide", "Y001", "upheld", "--finding", "经核查营业收入数据不实")
	must("announce")
	must("revoke", "A0019", "--reason", "申报材料弄虚作假", "--article", "第三十条", "--fraud", "--date", "2027-03-01")

	cands := must("candidates", "--format", "csv")
	want := map[string]string{"A0019": "revoked", "A0008": "none", "A0009": "award", "A0012": "award", "A0017": "award",
		"A0001": "nomination", "A0010": "nomination", "A0013": "nomination"}
	for id, final := range want {
		if !hasFinal(cands, id, final) {
			t.Errorf("candidates: %s final status is not %s:\n%s", id, final, cands)
		}
	}
	out := filepath.Join(dir, "candidates.csv")
	must("--lang", "en", "export", "candidates", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for id, final := range want {
		if !hasFinal(string(data), id, final) {
			t.Errorf("export: %s final status is not %s:\n%s", id, final, data)
		}
	}
	if st := must("eligibility", "A0008", "--format", "csv"); st == "" {
		t.Error("no eligibility for A0008")
	}
	// the announcement names the winners in force only
	docx := filepath.Join(dir, "announcement.docx")
	must("document", "announcement", "--out", docx)
	text := docxText(t, docx)
	if strings.Contains(text, "武冈市华湘新材料股份有限公司") {
		t.Error("the announcement names A0019, whose award is revoked")
	}
	if !strings.Contains(text, "武冈市渠渡建设工程有限公司") {
		t.Errorf("the announcement does not name A0009:\n%s", text)
	}
}

// hasFinal reports whether a candidates CSV (header rank,id,…,final,note)
// gives an applicant that final status.
func hasFinal(csv, id, final string) bool {
	lines := strings.Split(strings.TrimPrefix(csv, "\uFEFF"), "\n")
	col := -1
	for i, h := range strings.Split(lines[0], ",") {
		if h == "final" || h == "最终结果" {
			col = i
		}
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if len(f) > col && col >= 0 && len(f) > 1 && f[1] == id {
			return f[col] == final
		}
	}
	return false
}

// docxText is the text of a DOCX's document part, tags removed.
func docxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			var out strings.Builder
			in := false
			for _, c := range string(b) {
				switch {
				case c == '<':
					in = true
				case c == '>':
					in = false
				case !in:
					out.WriteRune(c)
				}
			}
			return out.String()
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
