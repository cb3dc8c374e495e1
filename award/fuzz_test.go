package award

import (
	"errors"
	"testing"
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
