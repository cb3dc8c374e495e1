package award

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParseConfig: no configuration text may panic the parser, every
// refusal is a *ConfigError, and every accepted configuration is valid.
func FuzzParseConfig(f *testing.F) {
	f.Add("[weights]\nmaterial = 0.3\nonsite = 0.5\nsatisfaction = 0.2\n")
	f.Add("[consolidation]\nmethod = \"median\"\ntrim_min = 7\n[quotas]\nnominations = 3\n")
	f.Add("[thresholds]\naward_min = 60.00\nnomination_min = 50.5\nmaterial_min = 400\n")
	f.Add("[survey]\nlow = 1\nhigh = 5\nweights = [0.25, 0.25, 0.5]\n")
	f.Add("[weights]\nmaterial = 0.33333\n")
	f.Add("[weights\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ParseConfig("fuzz.toml", text)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("refusal is not a *ConfigError: %v", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid configuration: %v", err)
		}
	})
}

// FuzzPrintable: whatever the text, what Printable and PrintableText give
// is valid UTF-8 holding no character a terminal would act on, and text
// that needs no escape comes back as it was.
func FuzzPrintable(f *testing.F) {
	f.Add("\x1b]0;PWNED\a\x1b[2J")
	f.Add("武冈市\u202e\u009b2J\xff\n\t")
	f.Fuzz(func(t *testing.T, s string) {
		for _, multiline := range []bool{false, true} {
			p := printable(s, multiline)
			if !utf8.ValidString(p) || HasRefused(p, multiline) {
				t.Fatalf("printable(%q, %v) = %q", s, multiline, p)
			}
			if utf8.ValidString(s) && !HasRefused(s, multiline) && p != s {
				t.Fatalf("printable(%q, %v) changed clean text to %q", s, multiline, p)
			}
		}
	})
}
