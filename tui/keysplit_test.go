package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/pages/reviewer"
)

// TestKeysInOneRead: keys that arrive together ("jjj" in one read, as
// over SSH) are each acted on: the sheet's cursor moves three items, and
// digits typed fast after it land on the item the cursor reached.
func TestKeysInOneRead(t *testing.T) {
	d := asPerson(t, demoStore(t), "R002")
	d.openRow("材料评审", "A0010")
	s := sheetOf(t, d)
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjj")})
	if s.Cursor != 3 {
		t.Fatalf("cursor %d after \"jjj\" in one read, want 3", s.Cursor)
	}
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("kj")})
	if s.Cursor != 3 {
		t.Fatalf("cursor %d after \"kj\", want 3", s.Cursor)
	}
}

func TestSplitKeys(t *testing.T) {
	if got := splitKeys(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ab"), Paste: true}); len(got) != 1 {
		t.Errorf("a paste was split into %d", len(got))
	}
	got := splitKeys(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("评审")})
	if len(got) != 2 || got[0].String() != "评" || got[1].String() != "审" {
		t.Errorf("split %v", got)
	}
	if got := splitKeys(tea.KeyMsg{Type: tea.KeyDown}); len(got) != 1 {
		t.Errorf("a special key was split")
	}
}

// Keys that come while a sheet is still being read are kept and acted on
// in order once it is: "j j j 5" right after enter scores the fourth item.
func TestKeysBeforeTheSheetIsRead(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	s := reviewer.NewSheet(d.m.c, d.m.data, "R002", award.Material, "A0010")
	s.SetSize(80, 20)
	read := s.Init()
	for _, k := range []string{"j", "j", "j", "5"} {
		s.Update(keyMsg(k))
	}
	s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	if s.Loaded || s.Cursor != 0 {
		t.Fatalf("the keys acted before the sheet was read: cursor %d", s.Cursor)
	}
	s.Update(read())
	if s.Cursor != 4 {
		t.Fatalf("cursor %d after j j j 5 j, want 4", s.Cursor)
	}
	if got := s.Sheet.Percents[3]; got != 5 {
		t.Fatalf("the fourth item has %d %%, want the 5 typed on it", got)
	}
}
