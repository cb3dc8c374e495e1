// Package doctest checks DOCX files in tests: the package opens, every
// part is well-formed XML, and, where LibreOffice is installed, the file
// converts to PDF whose pages and text can be read back.
package doctest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"qaward/backend/document"
)

// Parts unzips a DOCX and checks that every part is well-formed XML and
// that the content types and relationships name parts that exist. It
// returns the parts by name.
func Parts(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = data
		if err := WellFormed(data); err != nil {
			t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
		}
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if _, ok := parts[need]; !ok {
			t.Fatalf("no part %s in %v", need, names(parts))
		}
	}
	for _, m := range regexp.MustCompile(`PartName="/([^"]+)"`).FindAllStringSubmatch(string(parts["[Content_Types].xml"]), -1) {
		if _, ok := parts[m[1]]; !ok {
			t.Errorf("content types name %s, which is not in the package", m[1])
		}
	}
	for name, data := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		base := filepath.Dir(filepath.Dir(name)) // word/_rels/x.rels -> word
		for _, m := range regexp.MustCompile(`Target="([^"]+)"`).FindAllStringSubmatch(string(data), -1) {
			target := filepath.ToSlash(filepath.Join(base, m[1]))
			if _, ok := parts[strings.TrimPrefix(target, "./")]; !ok {
				t.Errorf("%s points at %s, which is not in the package", name, target)
			}
		}
	}
	return parts
}

func names(parts map[string][]byte) []string {
	var out []string
	for n := range parts {
		out = append(out, n)
	}
	return out
}

// WellFormed reports whether data is one well-formed XML document.
func WellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return errors.New("want exactly one root element, have " + strconv.Itoa(roots))
	}
	return nil
}

// kept numbers the PDFs kept for a look (QAWARD_KEEP_PDF).
var kept atomic.Int32

// PDF converts a DOCX to PDF with LibreOffice (soffice --headless) in a
// profile of its own, and returns the PDF's path. It skips the test when
// soffice is not installed. With QAWARD_KEEP_PDF=DIR set, a copy of the
// PDF is kept in DIR to look at.
func PDF(t testing.TB, docx []byte) string {
	t.Helper()
	return Convert(t, "doc.docx", docx, "pdf")
}

// Convert converts a file (named name, which tells LibreOffice its type:
// .docx, .xlsx, .html) to PDF with soffice --headless --convert-to
// filter ("pdf", or "pdf:writer_web_pdf_Export" for HTML) in a profile of
// its own, and returns the PDF's path; as PDF, it skips the test when
// soffice is not installed and keeps a copy with QAWARD_KEEP_PDF.
func Convert(t testing.TB, name string, data []byte, filter string) string {
	t.Helper()
	pdf, err := document.Convert(context.Background(), name, data, filter)
	if errors.Is(err, document.ErrNoLibreOffice) {
		t.Skip("soffice (LibreOffice) is not installed: the file was not rendered")
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("QAWARD_KEEP_PDF"); keep != "" {
		name := filepath.Join(keep, fmt.Sprintf("%s-%d.pdf", strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()), kept.Add(1)))
		if err := os.WriteFile(name, pdf, 0o644); err == nil {
			t.Logf("PDF kept at %s", name)
		}
	}
	return path
}

// Text is the text LibreOffice reads from a DOCX: the file converted to
// plain text (soffice --convert-to txt), as a user who opens it sees its
// words, tables included. It skips the test when soffice is not
// installed.
func Text(t testing.TB, docx []byte) string {
	t.Helper()
	txt, err := document.Convert(context.Background(), "doc.docx", docx, "txt:Text (encoded):UTF8")
	if errors.Is(err, document.ErrNoLibreOffice) {
		t.Skip("soffice (LibreOffice) is not installed: the file was not read back")
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(string(txt), "\uFEFF")
}

// Pages is the page count of a PDF (pdfinfo); it skips the test when
// pdfinfo (poppler-utils) is not installed.
func Pages(t testing.TB, pdf string) int {
	t.Helper()
	out := run(t, "pdfinfo", pdf)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", pdf, out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// PageText is the text of one page of a PDF (pdftotext); it skips the
// test when pdftotext is not installed.
func PageText(t testing.TB, pdf string, page int) string {
	t.Helper()
	p := strconv.Itoa(page)
	return run(t, "pdftotext", "-f", p, "-l", p, "-layout", pdf, "-")
}

// PageSize is the first page's size in points (pdfinfo).
func PageSize(t testing.TB, pdf string) (w, h float64) {
	t.Helper()
	out := run(t, "pdfinfo", pdf)
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page size in\n%s", pdf, out)
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h
}

func run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s (poppler-utils) is not installed", tool)
	}
	out, err := exec.Command(path, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return string(out)
}
