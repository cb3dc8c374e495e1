package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/pages/home"
	"qaward/tui/pages/leader"
	"qaward/tui/pages/reviewer"
)

// The reference scale of DESIGN §5: 1,000 applicants, 300 reviewers, 7 per
// applicant and stage, both stages scored (14,000 sheets), in a bbolt file
// built once per test binary. One sheet is left as an unfinished draft so
// that the score-sheet benchmark edits a live sheet.
var ref struct {
	once   sync.Once
	dir    string
	st     *store.DB
	draft  award.SheetKey
	leader string
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if ref.st != nil {
		ref.st.Close()
	}
	if ref.dir != "" {
		os.RemoveAll(ref.dir)
	}
	os.Exit(code)
}

func refStore(b *testing.B) *store.DB {
	b.Helper()
	ref.once.Do(func() {
		d, err := sample.Generate(sample.Options{Cycle: "ref", Applicants: 1000, Reviewers: 300, PerApplicant: 7, Seed: 1})
		if err != nil {
			ref.err = err
			return
		}
		s := &d.Sheets[3]
		s.Submitted = false
		for i := len(s.Percents) / 2; i < len(s.Percents); i++ {
			s.Percents[i] = award.Unscored
		}
		ref.draft = s.SheetKey
		for _, g := range d.Groups {
			if g.Stage == s.Stage && contains(g.Applicants, s.ApplicantID) {
				ref.leader = g.LeaderID
			}
		}
		if ref.dir, err = os.MkdirTemp("", "qaward-tui-bench-"); err != nil {
			ref.err = err
			return
		}
		if ref.st, err = store.Open(filepath.Join(ref.dir, "ref.db"), store.Options{}); err != nil {
			ref.err = err
			return
		}
		fill(b, ref.st, d)
	})
	if ref.err != nil {
		b.Fatal(ref.err)
	}
	return ref.st
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkStartup is start to first full frame: read and index the
// cycle from bbolt, build the person's home screen and draw it.
func BenchmarkStartup(b *testing.B) {
	st := refStore(b)
	for _, p := range []access.Person{{ID: common.DefaultOffice, Role: access.Office}, {ID: ref.leader, Role: access.Leader}} {
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				// through the person's view, as every session reads
				c := testCommon(access.Wrap(st, p), common.Chinese)
				c.As = p.ID
				d := newDriver(b, c, 120, 40)
				if _, ok := d.top().(*home.Home); !ok {
					b.Fatalf("no home screen: %T", d.top())
				}
				_ = d.View()
			}
		})
	}
}

// keyBench measures one key press (Update and View) on an open screen;
// keys alternate so that every press changes something.
func keyBench(b *testing.B, d *driver, keys ...string) {
	msgs := make([]tea.KeyMsg, len(keys))
	for i, k := range keys {
		msgs[i] = keyMsg(k)
	}
	d.hold = true // writes are queued, not run: only Update and View are timed
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.m.Update(msgs[i%len(msgs)])
		_ = d.m.View()
	}
}

func BenchmarkKeySheet(b *testing.B) {
	st := refStore(b)
	for _, sz := range [][2]int{{80, 24}, {250, 70}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			c := testCommon(st, common.Chinese)
			c.As = ref.draft.ReviewerID
			d := newDriver(b, c, sz[0], sz[1])
			d.send(common.PushMsg{C: reviewer.NewSheet(d.m.c, d.m.data, ref.draft.ReviewerID, ref.draft.Stage, ref.draft.ApplicantID)})
			if s, ok := d.top().(*reviewer.SheetScreen); !ok || !s.Loaded || s.Locked() {
				b.Fatalf("sheet not open for editing: %T", d.top())
			}
			keyBench(b, d, "right", "down", "left", "up")
		})
	}
}

func BenchmarkKeyMatrix(b *testing.B) {
	st := refStore(b)
	// the leader's matrix of the applicant with the draft: six of seven
	// sheets submitted
	app := ref.draft.ApplicantID
	for _, sz := range [][2]int{{80, 24}, {250, 70}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			c := testCommon(st, common.Chinese)
			c.As = ref.leader
			d := newDriver(b, c, sz[0], sz[1])
			d.send(common.PushMsg{C: leader.NewMatrix(d.m.c, d.m.data, ref.leader, ref.draft.Stage, app)})
			m, ok := d.top().(*leader.Matrix)
			if !ok || m.Stats == nil || !m.CanEdit {
				b.Fatalf("matrix not open for consensus: %T", d.top())
			}
			keyBench(b, d, "down", "right", "up", "left")
		})
	}
}

func BenchmarkKeyOfficeList(b *testing.B) {
	st := refStore(b)
	c := testCommon(st, common.Chinese)
	c.As = common.DefaultOffice
	d := newDriver(b, c, 120, 40)
	keyBench(b, d, "down", "down", "pgdown", "up")
}
