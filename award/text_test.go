package award

import (
	"errors"
	"strings"
	"testing"
	"unsafe"
)

func TestTextRuleRefusesBadCharacters(t *testing.T) {
	for _, c := range []struct {
		text string
		rule TextRule
		want string // "" when accepted
	}{
		{"武冈市云山食品有限公司", NameText, ""},
		{"\x1b]0;PWNED\a\x1b[2J", NameText, "character 1 is U+001B (ESC): control characters are not allowed in text"},
		{"甲\x00乙", NameText, "character 2 is U+0000 (NUL)"},
		{"甲\a", NameText, "character 2 is U+0007 (BEL)"},
		{"甲\x7f", NameText, "character 2 is U+007F (DEL)"},
		{"甲\u009b2J", NameText, "character 2 is U+009B (CSI)"},
		{"甲\u0085", NameText, "character 2 is U+0085 (NEL)"},
		{"abc\u202edcba", NameText, "character 4 is U+202E (RIGHT-TO-LEFT OVERRIDE): bidirectional override"},
		{"abc\u2066x", NameText, "character 4 is U+2066 (LEFT-TO-RIGHT ISOLATE)"},
		{"甲\n乙", NameText, "character 2 is U+000A (line feed): this field is a single line"},
		{"甲\t乙", NameText, "character 2 is U+0009 (tab): this field is a single line"},
		{"甲\r乙", NameText, "character 2 is U+000D (carriage return): this field is a single line"},
		{"第一条\n第二条\t(续)", StrengthsText, ""},
		{"第一条\r\n第二条", StrengthsText, "character 4 is U+000D (carriage return): control characters"},
		{"第一条\x1b[31m", ReasonText, "character 4 is U+001B (ESC)"},
		{"x\u2028y", ImprovementsText, "character 2 is U+2028 (LINE SEPARATOR)"},
		{strings.Repeat("名", 100), NameText, ""},
		{strings.Repeat("名", 101), NameText, "101 characters, at most 100 allowed"},
		{strings.Repeat("优", 5001), StrengthsText, "5001 characters, at most 5000 allowed"},
		{strings.Repeat("x", 201), FieldText, "201 characters, at most 200 allowed"},
	} {
		err := c.rule.Check(c.text)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: refused: %v", c.text, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
		var te *TextError
		if err != nil && !errors.As(err, &te) {
			t.Errorf("%q: not a *TextError: %v", c.text, err)
		}
	}
	if EscapeRune(0x1b) != "U+001B" || DescribeRune(0x01) != "U+0001 (a control character)" || DescribeRune(0x90) != "U+0090 (a C1 control character)" {
		t.Error("EscapeRune/DescribeRune")
	}
	if !HasRefused("a\x1bb", true) || HasRefused("a\nb", true) || !HasRefused("a\nb", false) {
		t.Error("HasRefused")
	}
}

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, line, text string }{
		{"武冈市云山食品有限公司", "武冈市云山食品有限公司", "武冈市云山食品有限公司"},
		{"A&B \"Co.\" C:\\dir", "A&B \"Co.\" C:\\dir", "A&B \"Co.\" C:\\dir"},
		{"\x1b]0;PWNED\a\x1b[2J", `\x1b]0;PWNED\x07\x1b[2J`, `\x1b]0;PWNED\x07\x1b[2J`},
		{"甲\n乙\t丙\r\n", `甲\n乙\t丙\r\n`, "甲\n乙\t丙\\r\n"},
		{"a\x00b\x7fc\u009bd\u0085", `a\x00b\x7fc\x9bd\x85`, `a\x00b\x7fc\x9bd\x85`},
		{"abc\u202edcba\u2066\u2028", `abc\u202edcba\u2066\u2028`, `abc\u202edcba\u2066\u2028`},
		{"bad\xffbyte\xc3", `bad\xffbyte\xc3`, `bad\xffbyte\xc3`},
		{"\ufffd kept", "\ufffd kept", "\ufffd kept"},
	} {
		if got := Printable(c.in); got != c.line {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := PrintableText(c.in); got != c.text {
			t.Errorf("PrintableText(%q) = %q, want %q", c.in, got, c.text)
		}
		if HasRefused(Printable(c.in), false) || HasRefused(PrintableText(c.in), true) {
			t.Errorf("%q: the escaped text still holds a refused character", c.in)
		}
	}
	s := "clean 文本"
	if p := Printable(s); unsafe.StringData(p) != unsafe.StringData(s) {
		t.Error("printable text was copied")
	}
}
