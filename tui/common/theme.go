package common

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

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
