package award

import (
	"fmt"
	"strconv"
	"strings"
)

// Score is a number of points in hundredths (1 = 0.01 point). Every score,
// total, composite and satisfaction index is a Score, so that arithmetic
// stays exact from a percentage to a rank.
type Score int64

// String formats the score with exactly two decimals: 2250 → "22.50".
func (s Score) String() string {
	return formatFixed(int64(s), 2)
}

// ParseScore reads a non-negative or negative decimal with at most two
// decimals ("87", "87.5", "87.50") exactly.
func ParseScore(text string) (Score, error) {
	v, err := parseFixed(text, 2)
	return Score(v), err
}

// Decimal4 is an exact decimal with four places (1 = 0.0001), used for
// weights.
type Decimal4 int64

// One is the Decimal4 for 1.
const One Decimal4 = 10000

// String formats the decimal without trailing zeros: 3000 → "0.3".
func (d Decimal4) String() string {
	s := formatFixed(int64(d), 4)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// ParseDecimal4 reads a decimal with at most four places exactly.
func ParseDecimal4(text string) (Decimal4, error) {
	v, err := parseFixed(text, 4)
	return Decimal4(v), err
}

func formatFixed(v int64, places int) string {
	sign := ""
	u := uint64(v)
	if v < 0 {
		sign = "-"
		u = uint64(-v)
	}
	scale := uint64(1)
	for i := 0; i < places; i++ {
		scale *= 10
	}
	return fmt.Sprintf("%s%d.%0*d", sign, u/scale, places, u%scale)
}

func parseFixed(text string, places int) (int64, error) {
	s := strings.TrimSpace(text)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, hasDot := strings.Cut(s, ".")
	bad := func() (int64, error) {
		return 0, fmt.Errorf("%q is not a decimal number with at most %d decimals", text, places)
	}
	if whole == "" || !digitsOnly(whole) || (hasDot && (frac == "" || !digitsOnly(frac))) {
		return bad()
	}
	if len(frac) > places {
		// trailing zeros beyond the precision are harmless: 0.30000
		if strings.Trim(frac[places:], "0") != "" {
			return bad()
		}
		frac = frac[:places]
	}
	if len(whole) > 12 {
		return bad()
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return bad()
	}
	for len(frac) < places {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	scale := int64(1)
	for i := 0; i < places; i++ {
		scale *= 10
	}
	v := w*scale + f
	if neg {
		v = -v
	}
	return v, nil
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
