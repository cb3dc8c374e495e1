package award

import (
	"fmt"
	"strings"
)

// creditChars are the 31 characters of a unified social credit code
// (GB 32100-2015), in the order of their values 0–30.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckCreditCode validates an 18-character unified social credit code
// (统一社会信用代码) by its GB 32100 check digit.
func CheckCreditCode(code string) error {
	if len(code) != 18 {
		return fmt.Errorf("credit code %q has %d characters, want 18", code, len([]rune(code)))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, code[i])
		if v < 0 {
			return fmt.Errorf("credit code %q: character %d (%q) is not allowed", code, i+1, code[i])
		}
		sum += v * creditWeights[i]
	}
	want := creditChars[(31-sum%31)%31]
	if code[17] != want {
		return fmt.Errorf("credit code %q: check digit is %q, want %q", code, code[17], want)
	}
	return nil
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
