package award

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Length limits of the text fields, in characters (runes, not bytes): the
// one place they are set. Imports, forms and returned packets refuse longer
// text with a clear error.
const (
	MaxNameLen         = 100  // names: applicants, reviewers, certificates, legal persons
	MaxIndustryLen     = 100  // an applicant's industry
	MaxAffiliationLen  = 100  // a reviewer's affiliation
	MaxReasonLen       = 2000 // reasons: conflicts, consensus, overrides, decisions
	MaxStrengthsLen    = 5000 // a score item's strengths
	MaxImprovementsLen = 5000 // a score item's opportunities for improvement
	MaxDescriptionLen  = 5000 // descriptions, such as an incident's
	MaxFieldLen        = 200  // any other field: IDs, codes, dates, numbers, kinds, lists
)

// TextRule says what a text field may hold: at most Max characters and no
// control characters; a Multiline field (long text) may hold line feeds and
// tabs, a single-line field neither.
type TextRule struct {
	Max       int
	Multiline bool
}

// The rules of the text fields.
var (
	NameText         = TextRule{Max: MaxNameLen}
	IndustryText     = TextRule{Max: MaxIndustryLen}
	AffiliationText  = TextRule{Max: MaxAffiliationLen}
	ReasonText       = TextRule{Max: MaxReasonLen, Multiline: true}
	StrengthsText    = TextRule{Max: MaxStrengthsLen, Multiline: true}
	ImprovementsText = TextRule{Max: MaxImprovementsLen, Multiline: true}
	DescriptionText  = TextRule{Max: MaxDescriptionLen, Multiline: true}
	FieldText        = TextRule{Max: MaxFieldLen}
)

// TextError is text refused by a TextRule: a character it may not hold
// (Rune, at character Index, 1-based) or too many characters (Rune 0).
type TextError struct {
	Rune      rune
	Index     int
	Len, Max  int
	Multiline bool
}

func (e *TextError) Error() string {
	if e.Rune == 0 && e.Len > 0 {
		return fmt.Sprintf("%d characters, at most %d allowed", e.Len, e.Max)
	}
	what := fmt.Sprintf("character %d is %s", e.Index, DescribeRune(e.Rune))
	switch {
	case !e.Multiline && (e.Rune == '\n' || e.Rune == '\r' || e.Rune == '\t'):
		return what + ": this field is a single line; remove the line break or tab"
	case isBidi(e.Rune):
		return what + ": bidirectional override characters, which can disguise text, are not allowed"
	case e.Rune == 0x2028 || e.Rune == 0x2029:
		return what + ": not allowed in text (use a line feed in long text)"
	}
	return what + ": control characters are not allowed in text"
}

// Check returns a *TextError when s breaks the rule, else nil.
func (r TextRule) Check(s string) error {
	n := 0
	for _, c := range s {
		n++
		if RefusedRune(c, r.Multiline) {
			return &TextError{Rune: c, Index: n, Max: r.Max, Multiline: r.Multiline}
		}
	}
	if r.Max > 0 && n > r.Max {
		return &TextError{Len: n, Max: r.Max, Multiline: r.Multiline}
	}
	return nil
}

// CheckText is rule.Check(s).
func CheckText(s string, rule TextRule) error { return rule.Check(s) }

// RefusedRune reports whether text may not hold c: every C0 control
// character (tab and line feed are allowed in multiline text), DEL, the C1
// controls U+0080–U+009F, the line and paragraph separators U+2028 and
// U+2029, and the bidirectional embeddings, overrides and isolates
// U+202A–U+202E and U+2066–U+2069. An invalid UTF-8 byte (U+FFFD from a
// decoder) is not refused here; the readers refuse it with the encoding.
func RefusedRune(c rune, multiline bool) bool {
	switch {
	case c == '\n' || c == '\t':
		return !multiline
	case c < 0x20, c >= 0x7f && c <= 0x9f:
		return true
	case c == 0x2028 || c == 0x2029:
		return true
	}
	return isBidi(c)
}

func isBidi(c rune) bool {
	return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
}

// HasRefused reports whether s holds a character RefusedRune refuses.
func HasRefused(s string, multiline bool) bool {
	return strings.IndexFunc(s, func(c rune) bool { return RefusedRune(c, multiline) }) >= 0
}

var runeNames = map[rune]string{
	0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x09: "tab", 0x0a: "line feed", 0x0b: "vertical tab",
	0x0c: "form feed", 0x0d: "carriage return", 0x1b: "ESC", 0x7f: "DEL", 0x85: "NEL", 0x9b: "CSI",
	0x9d: "OSC", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING",
	0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0xfeff: "BYTE ORDER MARK", utf8.RuneError: "REPLACEMENT CHARACTER",
}

// EscapeRune writes a character as U+XXXX.
func EscapeRune(c rune) string { return fmt.Sprintf("U+%04X", c) }

// DescribeRune writes a character as U+XXXX with its name when it has a
// well-known one: "U+001B (ESC)".
func DescribeRune(c rune) string {
	if name, ok := runeNames[c]; ok {
		return EscapeRune(c) + " (" + name + ")"
	}
	switch {
	case c < 0x20 || c == 0x7f:
		return EscapeRune(c) + " (a control character)"
	case c >= 0x80 && c <= 0x9f:
		return EscapeRune(c) + " (a C1 control character)"
	}
	return EscapeRune(c)
}

// Printable is s as it may be written to a terminal: every character that
// RefusedRune refuses in a single-line field (the C0 controls, tab and line
// feed included, DEL, the C1 controls, the line and paragraph separators
// and the bidirectional controls) and every byte that is not valid UTF-8
// is written visibly as a Go escape: \t, \n and \r for tab, line feed and
// carriage return, \xHH for other characters below U+0100 and for invalid
// bytes, \uHHHH for the rest. Everything else, Chinese included, is kept
// as it is, so "\x1b]0;PWNED\a" prints as `\x1b]0;PWNED\x07`. A backslash
// in the text is not escaped: the output is for people, not to be parsed
// back. Text already printable is returned as it is, without copying.
//
// Printable is the one sanitiser of stored text on its way to a terminal:
// the command line's tables and messages and the TUI's screens apply it
// (or PrintableText) to data, never to their own styling.
func Printable(s string) string { return printable(s, false) }

// plainBytes reports, from the bytes alone, that s is valid UTF-8 and
// holds nothing RefusedRune refuses: no byte below 0x20 (but line feeds
// and tabs in multiline text) or DEL, and no lead byte of the two ranges
// that hold the other refused runes (0xC2: U+0080–U+00BF, the C1
// controls among them; 0xE2: U+2000–U+2FFF, the separators and bidi
// controls among them). A string it cannot clear is checked rune by rune.
func plainBytes(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\t':
			if !multiline {
				return false
			}
		case c < 0x20 || c == 0x7f || c == 0xc2 || c == 0xe2:
			return false
		}
	}
	return utf8.ValidString(s)
}

// PrintableText is Printable for long text shown on several lines (a
// reason, strengths, improvements): line feeds and tabs, which a multiline
// field may hold, are kept; every other character Printable escapes is
// escaped the same way.
func PrintableText(s string) string { return printable(s, true) }

func printable(s string, multiline bool) string {
	if plainBytes(s, multiline) {
		return s // the common case, without decoding a rune
	}
	clean := true
	for i, c := range s {
		if RefusedRune(c, multiline) || c == utf8.RuneError && isInvalid(s, i) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, c := range s {
		switch {
		case c == utf8.RuneError && isInvalid(s, i):
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xf])
		case !RefusedRune(c, multiline):
			b.WriteRune(c)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x100:
			b.WriteString(`\x`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		default:
			fmt.Fprintf(&b, `\u%04x`, c)
		}
	}
	return b.String()
}

// isInvalid reports whether the U+FFFD that ranging over s yields at byte
// i is an invalid byte rather than an encoded U+FFFD.
func isInvalid(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n == 1
}
