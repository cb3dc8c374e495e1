package common

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles are every style of the interface, built from one session's
// renderer so that sessions with different terminals do not share state.
// Colours are adaptive (ANSI-256 for a dark background, darker ones for a
// light one); the background is chosen once per session (theme.go).
type Styles struct {
	r *lipgloss.Renderer

	App, Header, HeaderDim, Title, Subtle, Muted lipgloss.Style
	Selected, Cursor, Focus                      lipgloss.Style
	Good, Warn, Bad, Info                        lipgloss.Style
	Unscored, Locked, Saved, Saving              lipgloss.Style
	Band, BandCurrent, Section, Key              lipgloss.Style
	Flag, Dialog, BarFull, BarEmpty              lipgloss.Style
	Help                                         help.Styles
	Area                                         textarea.Style
	AreaBlur                                     textarea.Style

	// ascii is true when the renderer shows no colour: bars are drawn
	// with '#' and '.' instead of coloured cells.
	ascii bool
}

// NewStyles builds the styles from the session's renderer for a dark
// background.
func NewStyles(r *lipgloss.Renderer) *Styles { return NewStylesFor(r, true) }

// NewStylesFor builds the styles from the session's renderer for a dark or
// a light background. Every colour is an AdaptiveColor; the background is
// set on the renderer here, decided once (DarkBackground), so that lipgloss
// never asks the terminal for it while drawing.
func NewStylesFor(r *lipgloss.Renderer, dark bool) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	r.SetHasDarkBackground(dark)
	c := func(s string) lipgloss.TerminalColor { return palette(s) }
	n := r.NewStyle
	s := &Styles{r: r, ascii: r.ColorProfile() == termenv.Ascii}
	s.App = n()
	s.Header = n().Bold(true).Foreground(c("230")).Background(c("24"))
	s.HeaderDim = n().Foreground(c("252")).Background(c("24"))
	s.Title = n().Bold(true).Foreground(c("39"))
	s.Subtle = n().Foreground(c("245"))
	s.Muted = n().Foreground(c("242"))
	s.Selected = n().Bold(true).Foreground(c("231")).Background(c("25"))
	s.Cursor = n().Bold(true).Foreground(c("39"))
	s.Focus = n().Bold(true).Foreground(c("214"))
	s.Good = n().Foreground(c("35"))
	s.Warn = n().Foreground(c("214"))
	s.Bad = n().Bold(true).Foreground(c("203"))
	s.Info = n().Foreground(c("75"))
	s.Unscored = n().Foreground(c("208"))
	s.Locked = n().Foreground(c("141"))
	s.Saved = n().Foreground(c("35"))
	s.Saving = n().Foreground(c("214"))
	s.Band = n().Foreground(c("245"))
	s.BandCurrent = n().Bold(true).Foreground(c("16")).Background(c("214"))
	s.Section = n().Bold(true).Foreground(c("75"))
	s.Key = n().Bold(true).Foreground(c("214"))
	s.Flag = n().Bold(true).Foreground(c("203"))
	s.Dialog = n().Bold(true).Foreground(c("230")).Background(c("88")).Padding(0, 1)
	s.BarFull = n().Foreground(c("35")).Background(c("35"))
	s.BarEmpty = n().Foreground(c("238")).Background(c("238"))

	s.Help = help.Styles{
		Ellipsis:       n().Foreground(c("242")),
		ShortKey:       n().Foreground(c("214")),
		ShortDesc:      n().Foreground(c("245")),
		ShortSeparator: n().Foreground(c("240")),
		FullKey:        n().Foreground(c("214")),
		FullDesc:       n().Foreground(c("245")),
		FullSeparator:  n().Foreground(c("240")),
	}
	s.Area = textarea.Style{
		Base:             n(),
		CursorLine:       n(),
		CursorLineNumber: n().Foreground(c("242")),
		EndOfBuffer:      n().Foreground(c("238")),
		LineNumber:       n().Foreground(c("242")),
		Placeholder:      n().Foreground(c("240")),
		Prompt:           n().Foreground(c("214")),
		Text:             n(),
	}
	s.AreaBlur = s.Area
	s.AreaBlur.Prompt = n().Foreground(c("240"))
	s.AreaBlur.Text = n().Foreground(c("250"))
	return s
}

// Renderer is the renderer the styles were built from.
func (s *Styles) Renderer() *lipgloss.Renderer { return s.r }

// Bar draws a horizontal bar of width cells filled to num/den. Coloured
// cells where the terminal has colour; '#' and '.' where it has not, so the
// bar never depends on the width of block glyphs (ambiguous in CJK locales).
func (s *Styles) Bar(num, den, width int) string {
	if width <= 0 {
		return ""
	}
	full := 0
	if den > 0 {
		full = (num*width + den/2) / den
	}
	full = max(0, min(width, full))
	if s.ascii {
		return repeat('#', full) + repeat('.', width-full)
	}
	return s.BarFull.Render(repeat(' ', full)) + s.BarEmpty.Render(repeat(' ', width-full))
}

func repeat(r rune, n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]rune, n)
	for i := range b {
		b[i] = r
	}
	return string(b)
}

// TabPair draws two tabs side by side: the second highlighted when
// onSecond, the first otherwise.
func (s *Styles) TabPair(first, second string, onSecond bool) string {
	on := 0
	if onSecond {
		on = 1
	}
	return s.TabRow([]string{first, second}, on)
}

// TabRow draws tabs side by side, the one at index on highlighted.
func (s *Styles) TabRow(names []string, on int) string {
	var b strings.Builder
	for i, name := range names {
		if i == on {
			b.WriteString(s.Selected.Render(" " + name + " "))
		} else {
			b.WriteString(s.Subtle.Render(" " + name + " "))
		}
	}
	return b.String()
}

// DarkBackground decides once whether a session's terminal has a dark
// background, without asking the terminal (a query can stall the first
// frame, and over SSH it cannot be answered reliably): theme "light" or
// "dark" (QAWARD_THEME) wins; else COLORFGBG, which many terminals set
// ("15;0": white on black), names the background colour; else dark.
func DarkBackground(theme, colorfgbg string) bool {
	switch strings.ToLower(strings.TrimSpace(theme)) {
	case "light":
		return false
	case "dark":
		return true
	}
	if i := strings.LastIndexByte(colorfgbg, ';'); i >= 0 {
		if bg, err := strconv.Atoi(colorfgbg[i+1:]); err == nil {
			return bg < 7 || bg == 8
		}
	}
	return true
}

// lightOf is the colour used on a light background for each colour of the
// dark palette: the same hue, darker, so that text keeps its contrast.
var lightOf = map[string]string{
	"230": "230", // header text stays on its own blue background
	"24":  "24",
	"252": "252",
	"39":  "25",
	"245": "240",
	"242": "244",
	"231": "231",
	"25":  "25",
	"214": "130",
	"35":  "28",
	"203": "160",
	"75":  "26",
	"208": "166",
	"141": "91",
	"16":  "16",
	"88":  "88",
	"238": "252",
	"240": "246",
	"250": "238",
}

// palette is the adaptive colour for a colour of the dark palette.
func palette(dark string) lipgloss.TerminalColor {
	light, ok := lightOf[dark]
	if !ok {
		light = dark
	}
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}
