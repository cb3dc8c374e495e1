package backend_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/document"
	"qaward/backend/document/doctest"
	"qaward/scoring"
)

// readBack is what a document of each kind must show when LibreOffice
// opens it, drawn from the database (the backend's results, the stored
// notice, objections and audit head) at the moment the document was
// made, never from the document's own code.
type readBack struct {
	kind string
	docx []byte
	// rows are table rows, each a run of cells that LibreOffice's text
	// gives as consecutive lines
	rows [][]string
	// texts are phrases found in the text, whitespace aside
	texts []string
}

// expect makes a kind now and notes what its text must hold, from the
// database as it stands.
func (c *cycleDocs) expect(kind string) *readBack {
	c.t.Helper()
	d, err := c.b.Document("", kind)
	if err != nil {
		c.t.Fatalf("document %s: %v", kind, err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		c.t.Fatal(err)
	}
	rb := &readBack{kind: kind, docx: buf.Bytes()}
	res, err := c.b.Results("")
	if err != nil {
		c.t.Fatal(err)
	}
	kindName := map[award.Kind]string{award.Organization: "组织", award.Individual: "个人"}
	industry := func(a award.Applicant) string {
		if len(a.Profile.Confidential) > 0 && strings.Contains(strings.Join(a.Profile.Confidential, ","), "industry") {
			return "（保密）"
		}
		return a.Industry
	}
	date := func(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }
	day := func(s string) string {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			c.t.Fatalf("stored day %q: %v", s, err)
		}
		return date(t)
	}
	head := func() {
		h, err := c.db.Head()
		if err != nil {
			c.t.Fatal(err)
		}
		rb.texts = append(rb.texts, fmt.Sprintf("审计链第%d条", h.Seq), "qaward verify --since-head", h.String())
	}
	switch kind {
	case "call":
		in, err := c.db.Intake(res.Cycle.ID)
		if err != nil || in.Call == nil {
			c.t.Fatalf("no call: %v", err)
		}
		rb.texts = append(rb.texts, "申报征集通知", day(in.Call.Published), day(in.Call.Deadline), in.Call.Where, in.Call.Media, "行业主管部门或所在地乡镇人民政府（街道办事处）")
		for i, it := range award.IntakeItems {
			rb.rows = append(rb.rows, []string{fmt.Sprint(i + 1)})
			rb.texts = append(rb.texts, it.Zh)
		}
	case "accepted":
		for _, a := range res.Snapshot.Applicants {
			if a.Status != award.Rejected && a.Status != award.Ineligible {
				rb.rows = append(rb.rows, []string{a.Name, industry(a)})
			}
		}
	case "not-accepted":
		ts, err := c.db.Transitions(res.Cycle.ID)
		if err != nil {
			c.t.Fatal(err)
		}
		for _, tr := range ts {
			if tr.To == award.Rejected || tr.To == award.Ineligible {
				a, _ := res.Applicant(tr.ApplicantID)
				art := strings.NewReplacer("(", "（", ")", "）").Replace(tr.Article)
				rb.texts = append(rb.texts, a.Name+"：", tr.Reason, "依据：《武冈市市长质量奖管理办法》"+art, date(tr.At.In(time.FixedZone("CST", 8*3600))))
			}
		}
	case "shortlist":
		for _, m := range res.Eval.Material {
			rb.rows = append(rb.rows, []string{m.Applicant.Name, kindName[m.Applicant.Kind], m.Material.String()})
			if m.Shortlisted {
				rb.rows = append(rb.rows, []string{m.Applicant.Name, kindName[m.Applicant.Kind], industry(m.Applicant), m.Material.String()})
			}
		}
		rb.texts = append(rb.texts, "不低于"+res.Cycle.Config.Thresholds.MaterialMin.String()+"分")
	case "site-report":
		vs, err := c.b.VisitRows("", "")
		if err != nil {
			c.t.Fatal(err)
		}
		for _, v := range vs {
			a, _ := res.Applicant(v.ApplicantID)
			rb.rows = append(rb.rows, []string{"组长", v.Leader}, []string{"现场评审日期", day(v.Days[0])}, []string{"组长（签字）", v.Leader})
			rb.texts = append(rb.texts, "（"+a.Name+"）", "现场评审得分："+res.Eval.Stage(a.ID, award.Onsite).Score.String(),
				"材料评审得分："+res.Eval.Stage(a.ID, award.Material).Score.String())
			is, err := c.b.VisitIssues("", a.ID, false)
			if err != nil {
				c.t.Fatal(err)
			}
			for i, x := range is {
				f := x.Finding
				if f == "" {
					f = "（待填写）"
				}
				rb.rows = append(rb.rows, []string{fmt.Sprint(i + 1), x.Item, x.Text, f})
			}
		}
	case "committee":
		w := res.Cycle.Config.Weights
		for _, r := range res.Eval.Composite {
			if r.Outcome == scoring.Incomplete {
				rb.rows = append(rb.rows, []string{r.Applicant.Name, kindName[r.Applicant.Kind], r.Material.String()})
				continue
			}
			s := r.Satisfaction.String()
			if r.Applicant.Kind == award.Individual {
				s = "不适用"
			}
			rb.rows = append(rb.rows, []string{r.Applicant.Name, kindName[r.Applicant.Kind], r.Material.String(), r.Onsite.String(), s, r.Composite.String()})
			rb.texts = append(rb.texts, fmt.Sprintf("＝(%s×%s", w.Material, r.Material), fmt.Sprintf("＋%s×%s)", w.Onsite, r.Onsite))
		}
	case "publicity":
		n, err := c.db.Notice(res.Cycle.ID)
		if err != nil {
			c.t.Fatal(err)
		}
		for _, dec := range res.Candidates() {
			a, _ := res.Applicant(dec.ApplicantID)
			rb.rows = append(rb.rows, []string{a.Name, kindName[a.Kind], industry(a), award.OutcomeName(dec.Decided)})
		}
		rb.texts = append(rb.texts, fmt.Sprintf("公示期为%d个工作日：%s至%s", n.Days, day(n.Start), day(n.End)))
		// the days off inside the window, on the official calendar
		cal, err := award.NewCalendar(res.Cycle.Config.Calendar)
		if err != nil {
			c.t.Fatal(err)
		}
		start, _ := time.Parse(time.DateOnly, n.Start)
		end, _ := time.Parse(time.DateOnly, n.End)
		md := func(d time.Time) string { return fmt.Sprintf("%d月%d日", d.Month(), d.Day()) }
		var off []time.Time
		for d := start; !d.After(end.AddDate(0, 0, 1)); d = d.AddDate(0, 0, 1) {
			work, err := cal.IsWorkday(d)
			if err != nil {
				c.t.Fatal(err)
			}
			switch {
			case !work && !d.After(end):
				off = append(off, d)
			case len(off) == 1:
				rb.texts, off = append(rb.texts, md(off[0])), nil
			case len(off) > 1:
				rb.texts, off = append(rb.texts, md(off[0])+"至"+md(off[len(off)-1])), nil
			}
		}
		head()
	case "objection-reply":
		rows, days, err := c.b.ObjectionRegister("")
		if err != nil {
			c.t.Fatal(err)
		}
		for _, o := range rows {
			if o.Outcome == award.Pending {
				continue
			}
			a, _ := res.Applicant(o.ApplicantID)
			rb.texts = append(rb.texts, o.Filer+"：", "于"+day(o.Filed)+"收到", a.Name, o.ID, o.Evidence, o.Finding, day(o.Replied))
			if !o.Late {
				rb.texts = append(rb.texts, fmt.Sprintf("收到异议次日起%d个工作日，即%s前", days, day(o.Due)))
			}
			if o.Outcome == award.Upheld {
				rb.texts = append(rb.texts, "异议成立", "取消"+a.Name+"的拟获奖资格")
			} else {
				rb.texts = append(rb.texts, "异议不成立")
			}
		}
	case "announcement", "certificate":
		for _, dec := range res.Candidates() {
			a, _ := res.Applicant(dec.ApplicantID)
			if f := res.Final(a.ID); a.Status != award.Announced || (f != award.DecideAward && f != award.DecideNomination) {
				continue
			}
			if kind == "announcement" {
				rb.rows = append(rb.rows, []string{a.Name, kindName[a.Kind], industry(a)})
			} else {
				rb.texts = append(rb.texts, "证书编号："+res.Cycle.ID+"-"+a.ID, a.Name)
			}
		}
		if kind == "announcement" {
			head()
		}
	}
	return rb
}

// check opens the document with LibreOffice (soffice --convert-to txt)
// and finds every row and phrase in its text.
func (rb *readBack) check(t *testing.T) {
	t.Helper()
	text := doctest.Text(t, rb.docx)
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	joined := strings.Join(lines, "\n")
	for _, row := range rb.rows {
		if !strings.Contains("\n"+joined+"\n", "\n"+strings.Join(row, "\n")+"\n") {
			t.Errorf("%s: LibreOffice does not read the row %q in\n%s", rb.kind, row, joined)
		}
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, s := range rb.texts {
		if !strings.Contains(flat, strings.Join(strings.Fields(s), "")) {
			t.Errorf("%s: LibreOffice does not read %q in\n%s", rb.kind, s, joined)
		}
	}
	if len(rb.rows)+len(rb.texts) == 0 {
		t.Errorf("%s: nothing to check", rb.kind)
	}
}

// TestDocumentFormat: the format of a document file, from --format and
// the file's extension.
func TestDocumentFormat(t *testing.T) {
	for _, c := range []struct{ path, format, want, fails string }{
		{"", "", "docx", ""},
		{"", "pdf", "pdf", ""},
		{"公示.PDF", "", "pdf", ""},
		{"公示.docx", "", "docx", ""},
		{"公示.docx", "docx", "docx", ""},
		{"公示.docx", "pdf", "", "ends in .docx, but the format is pdf"},
		{"公示.txt", "", "", "want a file ending in .docx or .pdf"},
		{"公示", "pdf", "", "want a file ending in .docx or .pdf"},
		{"", "odt", "", `format "odt": want docx or pdf`},
	} {
		got, err := backend.DocumentFormat(c.path, c.format)
		switch {
		case c.fails == "" && (err != nil || got != c.want):
			t.Errorf("DocumentFormat(%q, %q) = %q, %v; want %q", c.path, c.format, got, err, c.want)
		case c.fails != "" && (err == nil || !strings.Contains(err.Error(), c.fails)):
			t.Errorf("DocumentFormat(%q, %q) = %q, %v; want an error saying %q", c.path, c.format, got, err, c.fails)
		}
	}
}

// TestWriteDocument writes a document as DOCX and as PDF, whole; without
// LibreOffice a PDF is refused with document.ErrNoLibreOffice and nothing
// is written.
func TestWriteDocument(t *testing.T) {
	c := newCycleDocs(t)
	d, err := c.b.Document("", "shortlist")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docx := filepath.Join(dir, "名单.docx")
	if err := backend.WriteDocument(d, docx, ""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(docx)
	if err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("%s is no DOCX: %v", docx, err)
	}
	pdf := filepath.Join(dir, "名单.pdf")
	if _, err := document.Soffice(); err == nil {
		if err := backend.WriteDocument(d, pdf, backend.PDF); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatalf("%s is no PDF: %v", pdf, err)
		}
		if text := doctest.PageText(t, pdf, 1); !strings.Contains(text, "现场评审名单") {
			t.Errorf("the PDF's first page:\n%s", text)
		}
		os.Remove(pdf)
	} else {
		t.Log("soffice (LibreOffice) is not installed: no PDF written")
	}
	t.Setenv("PATH", t.TempDir())
	if err := backend.WriteDocument(d, pdf, ""); !errors.Is(err, document.ErrNoLibreOffice) {
		t.Errorf("a PDF without LibreOffice: %v, want ErrNoLibreOffice", err)
	}
	if _, err := os.Stat(pdf); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a PDF without LibreOffice left a file: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the folder holds %d files, want the DOCX only", len(ents))
	}
}
