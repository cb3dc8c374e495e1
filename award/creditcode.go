package award

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// creditChars are the 31 characters of a unified social credit code
// (GB 32100-2015), in the order of their values 0–30.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckCreditCode validates an 18-character unified social credit code
// (统一社会信用代码) by its GB 32100 check digit. Lengths and positions in
// its errors count characters, not bytes; a code typed in full-width
// characters (９１４３…) is refused with a hint to type it half-width.
func CheckCreditCode(code string) error {
	n := utf8.RuneCountInString(code)
	if fw := fullWidth(code); fw > 0 {
		return fmt.Errorf("credit code %q has %d full-width characters (of %d); type the code in half-width ASCII digits and capital letters (半角)", code, fw, n)
	}
	if n != 18 {
		return fmt.Errorf("credit code %q has %d characters, want 18", code, n)
	}
	sum := 0
	i := 0
	for _, c := range code {
		if i == 17 {
			break
		}
		v := strings.IndexRune(creditChars, c)
		if v < 0 {
			return fmt.Errorf("credit code %q: character %d (%q) is not allowed: %s", code, i+1, c, creditHint(c))
		}
		sum += v * creditWeights[i]
		i++
	}
	want := creditChars[(31-sum%31)%31]
	last, _ := utf8.DecodeLastRuneInString(code)
	if last != rune(want) {
		if !strings.ContainsRune(creditChars, last) {
			return fmt.Errorf("credit code %q: character 18 (%q) is not allowed: %s", code, last, creditHint(last))
		}
		return fmt.Errorf("credit code %q: check digit is %q, want %q", code, last, want)
	}
	return nil
}

// creditHint says why a character is not in a credit code.
func creditHint(c rune) string {
	switch {
	case c >= 'a' && c <= 'z':
		return "letters are capitals"
	case c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z':
		return "I, O, S, V and Z are not used"
	}
	return "a credit code has only the digits 0–9 and the capital letters A–Y except I, O, S, V"
}

// fullWidth counts the full-width forms of ASCII characters (U+FF01–U+FF5E)
// and ideographic spaces in s.
func fullWidth(s string) int {
	n := 0
	for _, c := range s {
		if c >= 0xff01 && c <= 0xff5e || c == 0x3000 {
			n++
		}
	}
	return n
}

// CreditCodeCheckDigit completes the first 17 characters of a credit code
// with its check digit; it is used to generate valid sample codes.
func CreditCodeCheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("want 17 characters, got %d", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("character %d (%q) is not allowed", i+1, first17[i])
		}
		sum += v * creditWeights[i]
	}
	return creditChars[(31-sum%31)%31], nil
}
