package award

import (
	"testing"
	"unicode/utf8"
)

// plainBytes never clears a string that holds a refused rune or invalid
// UTF-8: it only spares the rune-by-rune check of the strings it clears.
func FuzzPlainBytes(f *testing.F) {
	for _, s := range []string{"", "武冈市云山建设工程有限公司", "a\tb\nc", "\x1b[2J", "\u2028", "\u202e", "\u0085", "\xc2", "·—“”…", "\xff", "x\x7fy"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		if !plainBytes(s, multiline) {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("%q cleared, but it is not valid UTF-8", s)
		}
		for _, r := range s {
			if RefusedRune(r, multiline) {
				t.Fatalf("%q cleared, but it holds %U", s, r)
			}
		}
	})
}
