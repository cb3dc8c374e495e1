package award

import (
	"strings"
	"testing"
)

func TestScoreFormatAndParse(t *testing.T) {
	for _, c := range []struct {
		text string
		want Score
	}{{"22.50", 2250}, {"22.5", 2250}, {"0", 0}, {"1000", 100000}, {"85.5", 8550}, {"80.250", 8025}, {"-3.05", -305}} {
		got, err := ParseScore(c.text)
		if err != nil || got != c.want {
			t.Errorf("ParseScore(%q) = %d, %v; want %d", c.text, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "1.234", "abc", "1,5", ".5", "5.", "1e3", "１２"} {
		if _, err := ParseScore(bad); err == nil {
			t.Errorf("ParseScore(%q) accepted", bad)
		}
	}
	if s := Score(70013).String(); s != "700.13" {
		t.Errorf("Score(70013) = %s", s)
	}
	if s := Score(-5).String(); s != "-0.05" {
		t.Errorf("Score(-5) = %s", s)
	}
	if d, err := ParseDecimal4("0.3333"); err != nil || d != 3333 || d.String() != "0.3333" {
		t.Errorf("ParseDecimal4(0.3333) = %d %v %s", d, err, d)
	}
	if _, err := ParseDecimal4("0.33333"); err == nil {
		t.Error("ParseDecimal4 accepted five decimals")
	}
}

func TestCheckCreditCode(t *testing.T) {
	// two published codes, and the Wugang sample codes
	for _, ok := range []string{"91330100716105852F", "91440300708461136T", "91430581000000037P", "914305810000002966"} {
		if err := CheckCreditCode(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for code, want := range map[string]string{
		"91330100716105852E":  "check digit",
		"9133010071610585":    "18",
		"91330100716105852FF": "18",
		"9133010071610585IF":  "not allowed", // I is not in the character set
		"９1330100716105852F":  "full-width",  // counted in characters, with a hint
	} {
		err := CheckCreditCode(code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", code, err, want)
		}
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig("c.toml", "[weights]\nmaterial = 0.25\nonsite = 0.55\nsatisfaction = 0.2\n[consolidation]\nmethod = \"median\"\n[thresholds]\naward_min = 62.5\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Weights != (Weights{2500, 5500, 2000}) || c.Consolidation.Method != Median || c.Consolidation.TrimMin != 5 ||
		c.Thresholds.AwardMin != 6250 || c.Thresholds.NominationMin != 5000 || c.Quotas.AwardOrganizations != 5 {
		t.Errorf("parsed %+v", c)
	}
	if d, _ := ParseConfig("d.toml", ""); d.Weights != DefaultConfig().Weights {
		t.Errorf("empty config does not keep defaults: %+v", d)
	}
	for _, c := range []struct{ text, want string }{
		{"[weights]\nmaterial = 0.3\nonsite = 0.5\nsatisfaction = 0.3\n", "c.toml:1: weights: material + onsite + satisfaction = 0.3 + 0.5 + 0.3 = 1.1, want exactly 1"},
		{"[weights]\nmaterial = 0.33333\n", "c.toml:2: weights.material: want a non-negative number with at most 4 decimals"},
		{"[quotas]\n\nawards = 3\n", "c.toml:3: quotas.awards: unknown key"},
		{"[consolidation]\nmethod = \"max\"\n", "c.toml:2: consolidation.method: \"max\": want trimmed-mean, mean or median"},
		{"[consolidation]\ntrim_min = 2\n", "c.toml:2: consolidation.trim_min: want an integer ≥ 3"},
		{"[quotas]\nnominations = \"ten\"\n", "c.toml:2: quotas.nominations: incompatible types"},
		{"[weights\n", "c.toml:2:9: expected '.' or ']'"},
		{"[thresholds]\naward_min = 101\n", "thresholds: composite thresholds lie on 0–100"},
	} {
		_, err := ParseConfig("c.toml", c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseConfig(%q) = %v\nwant %q", c.text, err, c.want)
		}
	}
}

// TestConfigTOMLRoundTrip: the rendered configuration reads back to itself.
func TestConfigTOMLRoundTrip(t *testing.T) {
	c := DefaultConfig()
	c.Weights = Weights{Material: 2500, Onsite: 5500, Satisfaction: 2000}
	c.Consolidation.Method = Median
	c.Thresholds.AwardMin = 6250
	c.Survey.Weights = []Decimal4{5000, 3000, 2000}
	c.Calendar = []CalendarYear{{Year: 2031, Off: []string{"2031-01-01"}, Work: []string{"2031-01-04"}}}
	back, err := ParseConfig("rendered.toml", c.TOML())
	if err != nil {
		t.Fatalf("%v\n%s", err, c.TOML())
	}
	if back.TOML() != c.TOML() {
		t.Errorf("round trip changed the configuration:\n%s\n---\n%s", c.TOML(), back.TOML())
	}
}

func TestCheckCreditCodeBadCharacters(t *testing.T) {
	for code, want := range map[string]string{
		"９１３３０１００７１６１０５８５２Ｆ": `has 18 full-width characters (of 18); type the code in half-width ASCII`,
		"统一社会信用代码统一社会信用代码统一": `character 1 ('统') is not allowed`,
		"913301007161058a2F": `character 16 ('a') is not allowed: letters are capitals`,
		"91330100716105852统": `character 18 ('统') is not allowed`,
		"9133010071610585":   `has 16 characters, want 18`,
	} {
		err := CheckCreditCode(code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v\nwant %s", code, err, want)
		}
	}
}

func TestConfigBadThresholds(t *testing.T) {
	_, err := ParseConfig("c.toml", "[thresholds]\naward_min = 45\nnomination_min = 50\n")
	want := "c.toml:2: thresholds.award_min: award_min 45.00 is below nomination_min 50.00"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("award_min below nomination_min: %v\nwant %s…", err, want)
	}
	c := DefaultConfig()
	c.Thresholds.AwardMin, c.Thresholds.NominationMin = 4000, 5000
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "below nomination_min") {
		t.Errorf("Validate: %v", err)
	}
	if _, err := ParseConfig("c.toml", "[thresholds]\naward_min = 50\nnomination_min = 50\n"); err != nil {
		t.Errorf("equal thresholds refused: %v", err)
	}
}
