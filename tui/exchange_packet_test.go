package tui

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/award/sample"
	"qaward/backend/packet"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/pages/exchange"
)

var officePerson = access.Person{ID: common.DefaultOffice, Role: access.Office}

// openAction opens the exchange tab's line of an action.
func (d *driver) openAction(a exchange.ExAction) *exchange.ExchangeScreen {
	d.tb.Helper()
	d.toTab("exchange")
	p := d.desk().Tabs.Current().(*exchange.ExchangePage)
	for i, ri := range p.List.Visible {
		if v, ok := p.List.Rows[ri].Value.(exchange.ExAction); ok && v == a {
			p.List.Cursor = i
		}
	}
	d.keys("enter")
	s, ok := d.top().(*exchange.ExchangeScreen)
	if !ok || s.Act != a {
		d.tb.Fatalf("did not open %+v: %T\n%s", a, d.top(), d.View())
	}
	return s
}

// pickChoice presses right on the focused choice until it shows value.
func (d *driver) pickChoice(s *exchange.ExchangeScreen, key, value string) {
	d.tb.Helper()
	for i := 0; i < 50 && s.F.Pick(key) != value; i++ {
		d.keys("right")
	}
	if s.F.Pick(key) != value {
		d.tb.Fatalf("%s: no option %s", key, value)
	}
}

func dbHash(t *testing.T, st *store.DB) [32]byte {
	t.Helper()
	b, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// onLaptop opens an issued packet in a new database, submits its first
// sheet as the reviewer would, and writes the signed return.
func onLaptop(t *testing.T, issued []byte, file string) award.SheetKey {
	t.Helper()
	lap := openStore(t)
	m, err := packet.Open(lap, issued, "")
	if err != nil {
		t.Fatalf("the laptop refused the issued packet: %v", err)
	}
	s, err := lap.Sheet(m.Cycle.ID, m.Sheets[0].Sheet.Key())
	if err != nil { // blank as issued
		s = m.Sheets[0].Sheet.Award()
	}
	for i := range s.Percents {
		s.Percents[i] = 60
	}
	s.Submitted = true
	if err := lap.SaveSheet(m.Reviewer.ID, m.Cycle.ID, s); err != nil {
		t.Fatal(err)
	}
	_, data, _, err := packet.Return(lap, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return s.SheetKey
}

// The office issues R002's packet from the tab; it opens on a laptop, and
// the return comes back in through the tab: accepted once, unchanged the
// second time; a tampered copy and a packet expected from someone else are
// refused with the database file unchanged.
func TestIssueAndImportPacket(t *testing.T) {
	st := demoStore(t)
	dir := chineseDir(t)
	d := asOffice(t, access.Wrap(st, officePerson), "", 100, 30)
	s := d.openAction(exchange.ExAction{Export: true, Kind: "packet"})
	d.pickChoice(s, "reviewer", "R002")
	if got := s.F.Val("file"); got != exchange.PacketName(d.m.c, sample.DemoCycle, "R002") {
		t.Errorf("the proposed file did not follow the reviewer: %q", got)
	}
	d.keys("down")
	d.pickChoice(s, "stage", string(award.Material))
	d.keys("down")
	issued := filepath.Join(dir, "评审包 R002.packet")
	d.typePath(issued)
	d.keys("ctrl+s")
	d.mustContain("已签发评审包", "评审员 R002", "份评分表")
	data, err := packet.ReadFile(issued)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := packet.Decode(data); err != nil {
		t.Fatal(err)
	} else if m, _ := packet.ReadManifest(v.(*packet.Issued).Manifest); m.Reviewer.ID != "R002" || m.Sheets[0].Sheet.Stage != award.Material {
		t.Fatalf("manifest %+v", m)
	}
	ret := filepath.Join(dir, "回传 R002.return")
	k := onLaptop(t, data, ret)
	d.keys("esc")

	s = d.openAction(exchange.ExAction{Kind: "return"})
	// expected from another reviewer: refused
	d.typePath(ret)
	d.keys("down")
	d.pickChoice(s, "from", "R003")
	before := dbHash(t, st)
	d.keys("ctrl+s")
	d.mustContain("导入被拒绝，数据库未作任何改动", "这是另一位评审员的评审包", "not R003's")
	// tampered: a score changed after signing
	raw, _ := os.ReadFile(ret)
	at := bytes.Index(raw, []byte(`"return": {`))
	bad := filepath.Join(dir, "tampered.return")
	os.WriteFile(bad, append(append([]byte(nil), raw[:at]...), bytes.Replace(raw[at:], []byte(`60,`), []byte(`95,`), 1)...), 0o644)
	d.keys("right") // back to any reviewer
	d.pickChoice(s, "from", "")
	d.keys("up")
	d.typePath(bad)
	d.keys("ctrl+s")
	d.mustContain("导入被拒绝，数据库未作任何改动", "签名不符", "the returned sheets do not match")
	if dbHash(t, st) != before {
		t.Fatal("a refused packet changed the database file")
	}

	d.typePath(ret)
	d.keys("ctrl+s")
	d.mustContain("已导入评审包", "接收 1 份评分表")
	if got := storedSheet(t, st, k); !got.Submitted || got.Percents[0] != 60 {
		t.Fatalf("the office holds %+v", got)
	}
	if got := d.m.data.Sheet(k); got == nil || !got.Submitted {
		t.Error("the screens did not read the accepted sheet")
	}
	d.keys("ctrl+s")
	d.mustContain("接收 0 份评分表")
}

// A stale return: the office submitted a sheet centrally after issuing.
// It is refused and listed; with "skip conflicts" the rest comes in and
// the conflict is listed again.
func TestImportPacketConflicts(t *testing.T) {
	st := demoStore(t)
	dir := chineseDir(t)
	_, data, err := packet.Export(st, packet.IssueOptions{Cycle: sample.DemoCycle, Reviewer: "R002", Actor: common.DefaultOffice, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	ret := filepath.Join(dir, "R002.return")
	k := onLaptop(t, data, ret)
	v, _ := packet.Decode(data)
	m, _ := packet.ReadManifest(v.(*packet.Issued).Manifest)
	central := m.Sheets[0].Sheet.Award()
	for i := range central.Percents {
		central.Percents[i] = 40
	}
	central.Submitted = true
	if err := st.SaveSheet(common.DefaultOffice, sample.DemoCycle, central); err != nil {
		t.Fatal(err)
	}
	d := asOffice(t, access.Wrap(st, officePerson), "", 100, 40)
	d.openAction(exchange.ExAction{Kind: "return"})
	d.typePath(ret)
	before := dbHash(t, st)
	d.keys("ctrl+s")
	d.mustContain("导入被拒绝，数据库未作任何改动", "评审包已过期", k.ApplicantID+"：已在中央数据库提交")
	if dbHash(t, st) != before {
		t.Fatal("a stale packet changed the database file")
	}
	d.keys("down", "down", "right", "ctrl+s")
	d.mustContain("已导入评审包", "以下 1 份评分表与中央数据库冲突，未导入", "已提交的评分表不会被覆盖")
	if got := storedSheet(t, st, k); got.Percents[0] != 40 {
		t.Fatal("a submitted central sheet was overwritten")
	}
}

// Confidential fields stay out of feedback, applicant lists and packets
// unless the toggle is on; turning it on asks first, and the export then
// records the disclosure in the audit log.
func TestConfidentialToggle(t *testing.T) {
	st := demoStore(t)
	as, err := st.Applicants(sample.DemoCycle)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for i := range as {
		if as[i].Kind == award.Organization && as[i].CreditCode != "" {
			as[i].Profile.Confidential = append(as[i].Profile.Confidential, confidential.CreditCode)
			codes = append(codes, as[i].CreditCode)
		}
	}
	if err := st.PutApplicants(common.DefaultOffice, sample.DemoCycle, as); err != nil || len(codes) == 0 {
		t.Fatalf("%v (%d codes)", err, len(codes))
	}
	dir := chineseDir(t)
	holds := func(path string) bool {
		t.Helper()
		var files []string
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			files, _ = filepath.Glob(filepath.Join(path, "*"))
		} else {
			files = []string{path}
		}
		if len(files) == 0 {
			t.Fatalf("nothing written at %s", path)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range codes {
				if bytes.Contains(b, []byte(c)) {
					return true
				}
			}
		}
		return false
	}
	disclosures := func() []store.Disclosure {
		ds, err := st.Disclosures(sample.DemoCycle)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	d := asOffice(t, access.Wrap(st, officePerson), "", 100, 30)
	done := 0 // disclosures recorded so far
	// where the toggle is on each form
	cases := []struct {
		act   exchange.ExAction
		file  string
		moves int // downs from the file field to the toggle
		what  string
		done  string
	}{
		{exchange.ExAction{Export: true, Kind: "feedback"}, filepath.Join(dir, "反馈报告"), 4, "feedback reports to ", "份材料评审反馈报告到"},
		{exchange.ExAction{Export: true, Kind: "applicants"}, filepath.Join(dir, "申报对象.csv"), 1, "export applicants to ", "已写出"},
		{exchange.ExAction{Export: true, Kind: "packet"}, filepath.Join(dir, "R001.packet"), 1, "packet for reviewer R001 to ", "已签发评审包"},
	}
	for _, c := range cases {
		s := d.openAction(c.act)
		if c.act.Kind == "packet" {
			d.keys("down", "down")
		}
		off, on := c.file, strings.Replace(c.file, filepath.Base(c.file), "含保密 "+filepath.Base(c.file), 1)
		d.typePath(off)
		d.keys("ctrl+s")
		d.mustContain(c.done)
		if holds(off) || len(disclosures()) != done {
			t.Fatalf("%s: a confidential field left without the toggle", c.act.Kind)
		}
		for i := 0; i < c.moves; i++ {
			d.keys("down")
		}
		d.keys("right")
		d.mustContain("包含申报对象的保密字段？", "记入审计日志")
		d.keys("esc")
		if s.F.Yes(exchange.ConfidentialKey) || d.top() != s {
			t.Fatalf("%s: esc left the toggle on", c.act.Kind)
		}
		d.keys("space", "enter")
		if !s.F.Yes(exchange.ConfidentialKey) {
			t.Fatalf("%s: confirming did not turn the toggle on", c.act.Kind)
		}
		d.mustContain("将包含保密字段")
		for i := 0; i < c.moves; i++ {
			d.keys("up")
		}
		d.typePath(on)
		d.keys("ctrl+s")
		d.mustContain(c.done)
		if !holds(on) {
			t.Fatalf("%s: the toggle on, no confidential field written", c.act.Kind)
		}
		ds := disclosures()
		if len(ds) != done+1 {
			t.Fatalf("%s: %d disclosures, want %d", c.act.Kind, len(ds), done+1)
		}
		if last := ds[done]; last.Actor != common.DefaultOffice || !strings.HasPrefix(last.What, c.what+on) || !strings.Contains(last.What, "credit_code") {
			t.Fatalf("%s: disclosure %+v", c.act.Kind, last)
		}
		done++
		for i := 0; i < c.moves; i++ {
			d.keys("down")
		}
		d.keys("right") // off again, without a question
		if s.F.Yes(exchange.ConfidentialKey) || d.top() != s {
			t.Fatalf("%s: the toggle did not go off", c.act.Kind)
		}
		d.keys("esc")
	}
}

// The packet screens and the confirmation fill exactly the terminal.
func TestPacketScreensLayout(t *testing.T) {
	st := demoStore(t)
	screens := map[string]func(d *driver){
		"issue": func(d *driver) { d.openAction(exchange.ExAction{Export: true, Kind: "packet"}) },
		"return": func(d *driver) {
			d.openAction(exchange.ExAction{Kind: "return"})
			d.typePath("/一个/很长的/中文/路径/评审员 R002 交回的回传包（材料评审与现场评审）.return")
			d.keys("ctrl+s")
		},
		"confirm": func(d *driver) {
			d.openAction(exchange.ExAction{Export: true, Kind: "applicants"})
			d.keys("down", "right")
		},
	}
	for name, open := range screens {
		for _, sz := range [][2]int{{80, 24}, {79, 24}, {120, 40}, {60, 15}} {
			d := asOffice(t, access.Wrap(st, officePerson), "", sz[0], sz[1])
			open(d)
			checkSize(t, name, d, sz)
		}
	}
}
