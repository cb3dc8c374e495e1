package document

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// clean makes text safe for WordprocessingML: line ends become "\n"
// (U+2028 and U+2029 too), a tab a space, and every other control
// character (C0, DEL, C1), the bidi embedding, override and isolate marks,
// the XML non-characters U+FFFE and U+FFFF and invalid UTF-8 are dropped.
// Nothing else is changed; escaping is the writer's.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == '\r' || r == '\t' || dropped(r) || r == '\u2028' || r == '\u2029' {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case dropped(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropped reports the characters that never reach the document.
func dropped(r rune) bool {
	switch {
	case r == '\n':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0xfffe, r == 0xffff:
		return true
	}
	return false
}

// splitLines cleans s and splits it at its line ends.
func splitLines(s string) []string {
	return strings.Split(clean(s), "\n")
}

// escape writes s escaped for XML text or an attribute value.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// ems is the width of s in ems: one for a CJK character,
// a half for anything narrower.
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		if wide(r) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || r >= 0x20000 || r == 0x2014 || r == 0x2026)
}

// closingIndents are the right indents (twips) of the office's name and
// the date (GB/T 9704 7.3.5.1): the date four characters from the right
// margin and the name centred over it; a name so much wider that it would
// come closer than two characters to the margin stands two characters from
// it, with the date centred under it.
func closingIndents(office, date string, pt int) (nameRight, dateRight int) {
	twips := func(em float64) int { return int(em*float64(pt)*20 + 0.5) }
	wn, wd := ems(office), ems(date)
	if name := 4 + (wd-wn)/2; name >= 2 {
		return twips(name), twips(4)
	}
	return twips(2), twips(2 + (wn-wd)/2)
}

// Date writes a date as GB/T 9704 wants the 成文日期: Arabic numerals, the
// year in full, month and day without a leading zero ("2026年10月9日").
func Date(t time.Time) string {
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// DateHan writes a date in Chinese numerals, as certificates print it
// ("二〇二六年十月九日").
func DateHan(t time.Time) string {
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range strconv.Itoa(t.Year()) {
		b.WriteRune(digits[c-'0'])
	}
	b.WriteString("年")
	b.WriteString(Han(int(t.Month())))
	b.WriteString("月")
	b.WriteString(Han(t.Day()))
	b.WriteString("日")
	return b.String()
}

// Han writes 0–99 in Chinese numerals (一, 十, 十一, 二十, 二十一, …), as
// dates and the numbers of headings (一、二、) write them; other numbers in
// Arabic numerals.
func Han(n int) string {
	digits := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "〇")
	}
	return digits[n/10] + "十" + strings.TrimPrefix(digits[n%10], "〇")
}
