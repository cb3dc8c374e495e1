package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestDarkBackground(t *testing.T) {
	for _, tc := range []struct {
		theme, fgbg string
		dark        bool
	}{
		{"", "", true}, {"light", "15;0", false}, {"dark", "0;15", true},
		{"", "15;0", true}, {"", "0;15", false}, {"", "0;default;7", false}, {"", "junk", true},
	} {
		if got := DarkBackground(tc.theme, tc.fgbg); got != tc.dark {
			t.Errorf("DarkBackground(%q, %q) = %v", tc.theme, tc.fgbg, got)
		}
	}
}

// The same style draws another colour on a light background, chosen
// without asking the terminal.
func TestStylesFollowTheBackground(t *testing.T) {
	draw := func(dark bool) string {
		r := lipgloss.NewRenderer(&strings.Builder{})
		r.SetColorProfile(termenv.ANSI256)
		return NewStylesFor(r, dark).Warn.Render("x")
	}
	d, l := draw(true), draw(false)
	if !strings.Contains(d, "38;5;214") || !strings.Contains(l, "38;5;130") {
		t.Fatalf("dark %q, light %q", d, l)
	}
}
