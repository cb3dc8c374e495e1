package imports

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stream hides a reader's Seek, as a pipe would.
type stream struct{ r io.Reader }

func (s stream) Read(p []byte) (int, error) { return s.r.Read(p) }

const gbApplicants = "编号,类型,名称,行业,统一社会信用代码,成立日期\n" +
	"N1,organization,武冈市云山食品有限公司,食品制造,91330100716105852F,2005-03-01\n" +
	"N2,individual,王建国,质量管理咨询,,\n"

// TestEncodingGB18030: a CSV file saved as plain "CSV" by Chinese Excel or
// WPS (GB18030) imports to the same records as its UTF-8 copy, seekable
// or streamed, with GB18030's byte-order mark or without.
func TestEncodingGB18030(t *testing.T) {
	tab, err := ReadCSV("u.csv", strings.NewReader(gbApplicants))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Encoding != UTF8 {
		t.Errorf("UTF-8 read as %s", tab.Encoding)
	}
	want, err := Applicants(tab, defaultSet)
	if err != nil {
		t.Fatal(err)
	}
	gb := gb18030(t, gbApplicants)
	if bytes.Equal(gb, []byte(gbApplicants)) {
		t.Fatal("not encoded")
	}
	for name, r := range map[string]io.Reader{
		"seekable": bytes.NewReader(gb),
		"streamed": stream{bytes.NewReader(gb)},
		"with BOM": bytes.NewReader(append(gb18030(t, "\ufeff"), gb...)),
		"forced":   stream{bytes.NewReader(gb)},
	} {
		var tab *Table
		if name == "forced" {
			tab, err = ReadCSVEncoding("g.csv", r, GB18030)
		} else {
			tab, err = ReadCSV("g.csv", r)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tab.Encoding != GB18030 {
			t.Errorf("%s: read as %q", name, tab.Encoding)
		}
		got, err := Applicants(tab, defaultSet)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v\n got %+v\nwant %+v", name, err, got, want)
		}
	}
	// Chinese only after the first MiB: the whole of a seekable file decides
	var b strings.Builder
	b.WriteString("id,name,affiliation\n")
	for i := 0; i < 200000; i++ {
		b.WriteString("R" + strings.Repeat("0", 5) + ",x,y\n")
	}
	b.WriteString("R2,张三,武冈市市场监督管理局\n")
	tab, err = ReadCSV("late.csv", bytes.NewReader(gb18030(t, b.String())))
	if err != nil || tab.Encoding != GB18030 {
		t.Fatalf("late Chinese: %v %v", tab, err)
	}
}

// TestEncodingErrorPositions: positions in a GB18030 file are the same
// lines and columns as in its UTF-8 copy, and a file in neither encoding,
// or in another than the one asked for, is refused with its position.
func TestEncodingErrorPositions(t *testing.T) {
	bad := "reviewer_id,applicant_id,reason\nR1,O01,\"近亲属\n在该单位工作\"\nR2,O01,曾任\a顾问\n"
	for name, data := range map[string][]byte{"UTF-8": []byte(bad), "GB18030": gb18030(t, bad)} {
		tab, err := ReadCSV("e.csv", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		cs, err := Conflicts(tab, fuzzContext())
		refused(t, name, len(cs), err, "e.csv:4:3: reason: character 3 is U+0007 (BEL): control characters are not allowed in text")
	}
	gb := gb18030(t, "id,name,affiliation\nR7,张三,武冈市\nR8,李四,邵阳学院\nR9,王五,x,多余\n")
	tab, _ := ReadCSV("e.csv", bytes.NewReader(gb))
	rs, err := Reviewers(tab)
	refused(t, "extra cell", len(rs), err, "e.csv:4:4: a cell beyond the header, which has 3 columns; remove it or give its column a header")

	for _, c := range []struct {
		name string
		data []byte
		enc  Encoding
		want string
	}{
		{"GB18030 read as UTF-8", gb, UTF8,
			`e.csv:2:2: name: not valid UTF-8 text; a file that Excel or WPS saved as plain "CSV" is GB18030: read it as GB18030 (--encoding gb18030) or save it as "CSV UTF-8"`},
		{"neither", []byte("id,name,affiliation\nR7,\xd5\xc5\xff,x\n"), AutoEncoding,
			`e.csv:2:2: name: neither UTF-8 nor GB18030 text; save the file as "CSV UTF-8"`},
		{"not GB18030 as asked", []byte("id,name,affiliation\nR7,x,\xff\n"), GB18030,
			`e.csv:2:3: affiliation: not valid GB18030 text (the file is read as GB18030, as asked); save it as "CSV UTF-8"`},
		{"UTF-8 BOM read as GB18030", []byte("\ufeffid,name\nR7,x\n"), GB18030,
			"e.csv:1: the file starts with a UTF-8 byte-order mark but is read as GB18030; read it as UTF-8"},
		{"UTF-16", []byte("\xff\xfei\x00d\x00"), AutoEncoding,
			`e.csv:1: UTF-16 text ("Unicode text") is not read; save the file as "CSV UTF-8"`},
		{"GB18030 header", gb18030(t, "编号,姓名\n"), UTF8,
			`e.csv:1:1: not valid UTF-8 text; a file that Excel or WPS saved as plain "CSV" is GB18030: read it as GB18030 (--encoding gb18030) or save it as "CSV UTF-8"`},
	} {
		tab, err := ReadCSVEncoding("e.csv", bytes.NewReader(c.data), c.enc)
		n := 0
		if err == nil {
			n, err = importTable(tab, "reviewers")
		}
		refused(t, c.name, n, err, c.want)
	}
}

func TestEncodingDetectAndParse(t *testing.T) {
	// a character cut by the 64 KiB read buffer is still UTF-8
	s := strings.Repeat("a", 64<<10-1) + "张三"
	if enc, err := DetectEncoding(strings.NewReader(s)); enc != UTF8 || err != nil {
		t.Errorf("split character: %s %v", enc, err)
	}
	if enc, _ := DetectEncoding(strings.NewReader(s + "\xd5")); enc != GB18030 {
		t.Errorf("cut at the end: %s", enc)
	}
	if enc, _ := DetectEncoding(bytes.NewReader(gb18030(t, "编号"))); enc != GB18030 {
		t.Errorf("GB18030: %s", enc)
	}
	for in, want := range map[string]Encoding{"": AutoEncoding, "auto": AutoEncoding, "UTF-8": UTF8, "utf8": UTF8, "gb18030": GB18030, "GBK": GB18030, "gb2312": GB18030} {
		if got, err := ParseEncoding(in); got != want || err != nil {
			t.Errorf("ParseEncoding(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseEncoding("latin1"); err == nil || err.Error() != `unknown encoding "latin1": want utf-8, gb18030` {
		t.Errorf("latin1: %v", err)
	}
}

// pipe is a reader whose Seek fails, as an *os.File of a pipe does.
type pipe struct{ stream }

func (pipe) Seek(int64, int) (int64, error) { return 0, errors.New("illegal seek") }

func TestEncodingOfAPipe(t *testing.T) {
	tab, err := ReadCSV("p.csv", pipe{stream{bytes.NewReader(gb18030(t, "编号,姓名\nR1,赵一\n"))}})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Reviewers(tab)
	if err != nil || len(rs) != 1 || rs[0].Name != "赵一" || tab.Encoding != GB18030 {
		t.Errorf("pipe: %+v %v", rs, err)
	}
}
