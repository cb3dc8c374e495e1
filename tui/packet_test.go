package tui

import (
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend/packet"
	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/pages/home"
)

// issuePacket writes R002's packet from the office's database into a
// folder with a Chinese name.
func issuePacket(t *testing.T, office *store.DB, reviewer string) string {
	t.Helper()
	_, data, err := packet.Export(office, packet.IssueOptions{Cycle: sample.DemoCycle, Reviewer: reviewer, Actor: common.DefaultOffice, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(chineseDir(t), "评审包 "+reviewer+".packet")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// laptop is a new database opened as a person through their view.
func laptop(t *testing.T, p access.Person) (*store.DB, *driver) {
	t.Helper()
	st := openStore(t)
	c := testCommon(access.Wrap(st, p), common.Chinese)
	c.As = p.ID
	return st, newDriver(t, c, 100, 30)
}

// On a laptop: the welcome screen opens the packet, the reviewer scores
// as usual, and the home writes the returned packet, which the office's
// database accepts as signed.
func TestPacketOpenScoreReturn(t *testing.T) {
	office := demoStore(t)
	file := issuePacket(t, office, "R002")
	st, d := laptop(t, access.Person{ID: "R002", Role: access.Reviewer})
	d.mustContain("打开评审包（离线评审）")
	d.keys("down", "enter")
	d.typePath(file)
	d.keys("enter")
	h, ok := d.top().(*home.Home)
	if !ok || h.Person != "R002" {
		t.Fatalf("after opening: %T\n%s", d.top(), d.View())
	}
	d.mustContain("离线评审包", "评审员 R002", "共 3 份：已开始 1 份，已提交 0 份", "生成回传包", "F7")

	d.openRow("材料评审", "A0012")
	for i := 0; i < 5; i++ {
		d.keys("65", "down")
	}
	d.keys("ctrl+s", "enter", "esc")
	d.mustContain("已开始 2 份，已提交 1 份")

	d.okeys("f7")
	f := d.topForm()
	out := filepath.Join(filepath.Dir(file), "回传 R002.return")
	if got := f.Val("file"); got != filepath.Join(filepath.Dir(st.Path()), "R002.return") {
		t.Errorf("proposed %q", got)
	}
	d.typePath(out)
	d.keys("ctrl+s")
	d.mustContain("已写出回传包")
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("the form stayed: %s", d.View())
	}
	data, err := packet.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := packet.Import(office, data, packet.ImportOptions{Actor: common.DefaultOffice, Reviewer: "R002", Catalog: criteria.BuiltinCatalog()})
	if err != nil {
		t.Fatalf("the office refused the return: %v", err)
	}
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	if got := storedSheet(t, office, k); !got.Submitted || got.Percents[4] != 65 || len(res.Written) == 0 {
		t.Fatalf("office holds %+v after import (%d written)", got, len(res.Written))
	}
}

// Another reviewer's packet is refused with the reason, and the database
// stays empty; a database that holds a cycle offers no packet.
func TestPacketRefused(t *testing.T) {
	office := demoStore(t)
	file := issuePacket(t, office, "R002")
	st, d := laptop(t, access.Person{ID: "R003", Role: access.Reviewer})
	d.keys("down", "enter")
	d.typePath(file)
	d.keys("enter")
	d.mustContain("R002", "forbidden")
	if _, ok := d.top().(*home.Welcome); !ok {
		t.Fatalf("left the welcome screen: %T", d.top())
	}
	if cs, _ := st.Cycles(); len(cs) != 0 {
		t.Fatalf("a refused packet left %d cycles", len(cs))
	}
	d.keys("esc")
	d.mustNotContain("forbidden")

	// On the office's database no packet shows on the home.
	r := asViewer(t, office, access.Person{ID: "R002", Role: access.Reviewer})
	r.mustNotContain("离线评审包", "出错")
}

func TestPacketLayout(t *testing.T) {
	office := demoStore(t)
	file := issuePacket(t, office, "R002")
	for _, sz := range [][2]int{{80, 24}, {79, 24}, {120, 40}, {60, 15}} {
		_, d := laptop(t, access.Person{ID: "R002", Role: access.Reviewer})
		d.send(resize(sz))
		d.keys("down", "enter")
		d.typePath(file)
		checkSize(t, "path", d, sz)
		d.keys("enter")
		checkSize(t, "home", d, sz)
		d.okeys("f7")
		checkSize(t, "return", d, sz)
	}
}

func resize(sz [2]int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: sz[0], Height: sz[1]} }
