package tui

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The office writes an official document from the desk, as `qaward
// document` does: the documents tab lists the kinds, enter asks for the
// file (the command's default name), ctrl+s writes a DOCX there and the
// tab says where it went.
func TestOfficeDocuments(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("documents")
	d.mustContain("受理名单公示", "获奖证书", "尚未生成公文")
	d.find("受理名单公示")
	d.keys("enter")
	d.mustContain("生成公文：受理名单公示", "2026-受理名单公示.docx")
	path := filepath.Join(t.TempDir(), "受理.docx")
	d.okeys("ctrl+u")
	d.keys(path[:len(path)-5] + ".txt")
	d.keys("ctrl+s")
	d.mustContain("文件名须以 .docx 或 .pdf 结尾")
	d.okeys("ctrl+u")
	d.keys(path, "ctrl+s")
	d.mustContain("已写入受理名单公示：" + path)
	if _, ok := d.top().(interface{ Title() string }); !ok || strings.Contains(d.View(), "生成公文：") {
		t.Fatalf("the form stayed open:\n%s", d.View())
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("not a DOCX: %v", err)
	}
	defer z.Close()
	found := false
	for _, f := range z.File {
		found = found || f.Name == "word/document.xml"
	}
	if !found {
		t.Fatal("no word/document.xml in the DOCX")
	}
	// a directory that does not exist: said in Chinese, nothing written
	bad := filepath.Join(t.TempDir(), "无此目录", "x.docx")
	d.keys("enter")
	d.okeys("ctrl+u")
	d.keys(bad, "ctrl+s")
	d.mustContain("文件或文件夹不存在")
	if _, err := os.Stat(bad); err == nil {
		t.Fatal("a document was written into a missing directory")
	}
}
