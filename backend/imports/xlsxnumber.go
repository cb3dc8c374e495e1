package imports

import (
	"strconv"
	"strings"
)

// significantDigits is the precision Excel keeps and shows.
const significantDigits = 15

// normalizeNumber writes a number stored in a spreadsheet the way Excel
// shows it in the formula bar: rounded half up to 15 significant digits, in
// plain decimal notation, without trailing zeros ("45.000000000000007" →
// "45", "1.1000000000000001" → "1.1", "4.5E+1" → "45", "-0" → "0"). It works
// on the decimal text itself, never through binary floating point. Text
// that is not a number is returned unchanged.
func normalizeNumber(raw string) string {
	s := strings.TrimSpace(raw)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return raw
		}
		mant, exp = s[:i], e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	digits := whole + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return raw
	}
	// value = 0.digits × 10^point
	point := len(whole) + exp
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	digits, point = digits[lead:], point-lead
	if digits == "" {
		return "0"
	}
	if len(digits) > significantDigits {
		up := digits[significantDigits] >= '5'
		b := []byte(digits[:significantDigits])
		for i := len(b) - 1; up && i >= 0; i-- {
			if b[i] == '9' {
				b[i] = '0'
			} else {
				b[i]++
				up = false
			}
		}
		digits = string(b)
		if up { // 999… rounded up to 1000…
			digits, point = "1"+digits[:len(digits)-1], point+1
		}
	}
	digits = strings.TrimRight(digits, "0")
	var out string
	switch {
	case point <= 0:
		out = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		out = digits + strings.Repeat("0", point-len(digits))
	default:
		out = digits[:point] + "." + digits[point:]
	}
	if neg {
		out = "-" + out
	}
	return out
}

// sheetPosition formats where in a worksheet an error is: ": sheet 评分,
// cell E17", ": sheet 评分, row 17" or ": sheet 评分".
func sheetPosition(sheet string, row, col int) string {
	switch {
	case row > 0 && col > 0:
		return ": sheet " + sheet + ", cell " + ColumnName(col) + strconv.Itoa(row)
	case row > 0:
		return ": sheet " + sheet + ", row " + strconv.Itoa(row)
	}
	return ": sheet " + sheet
}

// ColumnName is a 1-based column number as spreadsheet letters: 1 → A,
// 27 → AA.
func ColumnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}
