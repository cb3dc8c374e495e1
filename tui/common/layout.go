package common

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"qaward/award"
)

// Width helpers. Every measure is in terminal cells (ansi.StringWidth, the
// same measure lipgloss.Width uses), never in bytes or runes, so that
// Chinese text (two cells a character) lines up with ASCII.

// Ellipsis ends text cut to fit (DESIGN §4).
const Ellipsis = "…"

// Width is the width of s in cells.
func Width(s string) int { return ansi.StringWidth(s) }

// Fit cuts s to at most w cells, ending in … when it was cut, and pads it
// with spaces to exactly w.
func Fit(s string, w int) string {
	s, pad := fitted(s, w)
	return s + pad
}

// FitRight is fit with the text aligned to the right.
func FitRight(s string, w int) string {
	s, pad := fitted(s, w)
	return pad + s
}

// fitted is s cut to at most w cells, and the spaces that make it w.
func fitted(s string, w int) (string, string) {
	if w <= 0 {
		return "", ""
	}
	s = oneLine(s)
	n := Width(s)
	if n > w {
		s = ansi.Truncate(s, w, Ellipsis)
		n = Width(s)
	}
	return s, strings.Repeat(" ", max(0, w-n))
}

// Cut cuts s to at most w cells, ending in … when it was cut, without
// padding.
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = oneLine(s)
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, Ellipsis)
}

// Block makes s exactly w cells wide and h lines high.
func Block(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// SideBySide joins two blocks of the same height with a gap between.
func SideBySide(left string, lw int, right string, rw, h int, gap string) string {
	ls := strings.Split(Block(left, lw, h), "\n")
	rs := strings.Split(Block(right, rw, h), "\n")
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ls[i])
		b.WriteString(gap)
		b.WriteString(rs[i])
	}
	return b.String()
}

// Between puts left and right on one line of w cells, the right part
// aligned to the right edge; the left part is cut when both do not fit.
func Between(left, right string, w int) string {
	rw := Width(right)
	if rw >= w {
		return FitRight(right, w)
	}
	return Fit(left, w-rw-1) + " " + right
}

// Wrap breaks s into lines of at most w cells, at any character (Chinese
// has no spaces to break at); ASCII words are kept whole where possible.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		wrapped := ansi.Wrap(para, w, " ")
		out = append(out, strings.Split(wrapped, "\n")...)
	}
	return out
}

// Scroll returns the first visible row of a list of n rows shown in h rows
// so that the cursor stays visible, keeping the previous offset when it can.
func Scroll(offset, cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+h {
		offset = cursor - h + 1
	}
	return max(0, min(offset, n-h))
}

// CleanPath is a path as typed or pasted: spaces and surrounding quotes
// taken off, a leading ~ for the home directory (read by the command that
// uses the path).
func CleanPath(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}

// ExpandHome replaces a leading ~/ by the home directory.
func ExpandHome(path string) string {
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}

// The character limits of what is typed in the TUI, in one place: award's
// limits, which imports and returned packets are held to as well, so that
// nothing typed here is longer than an import may be.
const (
	StrengthsLimit    = award.MaxStrengthsLen    // a sheet item's strengths
	ImprovementsLimit = award.MaxImprovementsLen // a sheet item's opportunities for improvement
	ReasonLimit       = award.MaxReasonLen       // a consensus reason
	pathLimit         = 4096                     // a file name, which is not stored
)

// CharLimit is the limit of a form's text field, by the field's key (for
// the profile's one-field forms, by the profile field's key).
func CharLimit(key string) int {
	switch key {
	case "name", "filer":
		return award.MaxNameLen
	case "industry":
		return award.MaxIndustryLen
	case "aff":
		return award.MaxAffiliationLen
	case "reason", "note", "comment":
		return award.MaxReasonLen
	case "text", "desc", "evidence", "finding":
		return award.MaxDescriptionLen
	case "file":
		return pathLimit
	}
	return award.MaxFieldLen
}
