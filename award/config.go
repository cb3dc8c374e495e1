package award

import (
	"bufio"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Method is how a stage score is consolidated from the submitted sheet totals.
type Method string

// Consolidation methods (DESIGN §2 rule 4).
const (
	TrimmedMean Method = "trimmed-mean"
	Mean        Method = "mean"
	Median      Method = "median"
)

// Config is a cycle's scoring configuration (DESIGN §2). Every value has a
// default; see DefaultConfig.
type Config struct {
	Weights       Weights
	Consolidation Consolidation
	Quotas        Quotas
	Thresholds    Thresholds
	Shortlist     Shortlist
	Survey        Survey
	// DispersionPoints flags an item when one reviewer's percentage is at
	// least this many points from the median of the others.
	DispersionPoints int
	// ObjectionReplyDays is the time limit of the office's answer to an
	// objection (Art. 39), in working days after the day it was received;
	// 0 is ObjectionReplyDays (see ReplyDays).
	ObjectionReplyDays int
	// Calendar lists working-day calendar years the built-in official
	// calendar does not cover, or corrects.
	Calendar []CalendarYear
	// Deadlines are the due dates of the stages' score sheets.
	Deadlines Deadlines
}

// Deadlines are the days by which a stage's sheets are due (YYYY-MM-DD,
// the whole day included); "" is no due date.
type Deadlines struct {
	Material, Onsite string
}

// Due is a stage's due date ("" when none).
func (d Deadlines) Due(st Stage) string {
	if st == Onsite {
		return d.Onsite
	}
	return d.Material
}

// Weights of material, on-site and satisfaction scores in the composite;
// they sum to exactly 1.
type Weights struct {
	Material, Onsite, Satisfaction Decimal4
}

// Consolidation selects the method of rule 4.
type Consolidation struct {
	Method  Method
	TrimMin int
}

// Quotas are the most awards and nominations of a cycle (Art. 3).
type Quotas struct {
	AwardOrganizations, AwardIndividuals, Nominations int
}

// Thresholds are the lowest composite for an award or nomination and the
// lowest material score for the on-site shortlist.
type Thresholds struct {
	AwardMin, NominationMin Score // composite, 0–100
	MaterialMin             Score // material score, 0–1000
}

// Shortlist caps the on-site shortlist per kind (Art. 19).
type Shortlist struct {
	Organizations, Individuals int
}

// Survey describes raw satisfaction answers (DOMAIN §5): the scale's ends and
// the weight of each question (equal when empty).
type Survey struct {
	Low, High int
	Weights   []Decimal4
}

// DefaultConfig returns the defaults of DESIGN §2.
func DefaultConfig() Config {
	return Config{
		Weights:            Weights{Material: 3000, Onsite: 5000, Satisfaction: 2000},
		Consolidation:      Consolidation{Method: TrimmedMean, TrimMin: 5},
		Quotas:             Quotas{AwardOrganizations: 5, AwardIndividuals: 2, Nominations: 10},
		Thresholds:         Thresholds{AwardMin: 6000, NominationMin: 5000, MaterialMin: 40000},
		Shortlist:          Shortlist{Organizations: 12, Individuals: 4},
		Survey:             Survey{Low: 1, High: 10},
		DispersionPoints:   20,
		ObjectionReplyDays: ObjectionReplyDays,
	}
}

// ConfigError is a problem in a configuration file, with its position.
type ConfigError struct {
	File   string
	Line   int // 0 when unknown
	Column int // 0 when unknown
	Field  string
	Msg    string
}

func (e *ConfigError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			pos += ":" + strconv.Itoa(e.Column)
		}
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", pos, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", pos, e.Msg)
}

type rawConfig struct {
	Weights struct {
		Material, Onsite, Satisfaction any
	} `toml:"weights"`
	Consolidation struct {
		Method  *string `toml:"method"`
		TrimMin *int    `toml:"trim_min"`
	} `toml:"consolidation"`
	Quotas struct {
		AwardOrganizations *int `toml:"award_organizations"`
		AwardIndividuals   *int `toml:"award_individuals"`
		Nominations        *int `toml:"nominations"`
	} `toml:"quotas"`
	Thresholds struct {
		AwardMin      any `toml:"award_min"`
		NominationMin any `toml:"nomination_min"`
		MaterialMin   any `toml:"material_min"`
	} `toml:"thresholds"`
	Shortlist struct {
		Organizations *int `toml:"organizations"`
		Individuals   *int `toml:"individuals"`
	} `toml:"shortlist"`
	Survey struct {
		Low     *int  `toml:"low"`
		High    *int  `toml:"high"`
		Weights []any `toml:"weights"`
	} `toml:"survey"`
	Dispersion struct {
		Points *int `toml:"points"`
	} `toml:"dispersion"`
	Objections struct {
		ReplyDays *int `toml:"reply_days"`
	} `toml:"objections"`
	Deadlines struct {
		Material any `toml:"material"`
		Onsite   any `toml:"onsite"`
	} `toml:"deadlines"`
	Calendar []struct {
		Year int      `toml:"year"`
		Off  []string `toml:"off"`
		Work []string `toml:"work"`
	} `toml:"calendar"`
}

// ParseConfig reads a cycle configuration from TOML text; file names the
// source in errors. Missing keys keep their defaults; unknown keys, wrong
// types and broken rules are refused with the position of the key.
func ParseConfig(file, text string) (Config, error) {
	var raw rawConfig
	md, err := toml.Decode(text, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, &ConfigError{File: file, Line: pe.Position.Line, Column: pe.Position.Col, Msg: pe.Message}
		}
		return Config{}, typeError(file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return Config{}, configErr(file, text, k, "unknown key")
	}
	c := DefaultConfig()
	dec4 := func(v any, dst *Decimal4, key toml.Key) error {
		if v == nil {
			return nil
		}
		d, err := ParseDecimal4(numberText(v))
		if err != nil || d < 0 {
			return configErr(file, text, key, "want a non-negative number with at most 4 decimals")
		}
		*dst = d
		return nil
	}
	score := func(v any, dst *Score, key toml.Key) error {
		if v == nil {
			return nil
		}
		d, err := ParseScore(numberText(v))
		if err != nil || d < 0 {
			return configErr(file, text, key, "want a non-negative number with at most 2 decimals")
		}
		*dst = d
		return nil
	}
	integer := func(v *int, dst *int, key toml.Key, min int) error {
		if v == nil {
			return nil
		}
		if *v < min {
			return configErr(file, text, key, fmt.Sprintf("want an integer ≥ %d", min))
		}
		*dst = *v
		return nil
	}
	w := raw.Weights
	checks := []error{
		dec4(w.Material, &c.Weights.Material, toml.Key{"weights", "material"}),
		dec4(w.Onsite, &c.Weights.Onsite, toml.Key{"weights", "onsite"}),
		dec4(w.Satisfaction, &c.Weights.Satisfaction, toml.Key{"weights", "satisfaction"}),
		integer(raw.Consolidation.TrimMin, &c.Consolidation.TrimMin, toml.Key{"consolidation", "trim_min"}, 3),
		integer(raw.Quotas.AwardOrganizations, &c.Quotas.AwardOrganizations, toml.Key{"quotas", "award_organizations"}, 0),
		integer(raw.Quotas.AwardIndividuals, &c.Quotas.AwardIndividuals, toml.Key{"quotas", "award_individuals"}, 0),
		integer(raw.Quotas.Nominations, &c.Quotas.Nominations, toml.Key{"quotas", "nominations"}, 0),
		score(raw.Thresholds.AwardMin, &c.Thresholds.AwardMin, toml.Key{"thresholds", "award_min"}),
		score(raw.Thresholds.NominationMin, &c.Thresholds.NominationMin, toml.Key{"thresholds", "nomination_min"}),
		score(raw.Thresholds.MaterialMin, &c.Thresholds.MaterialMin, toml.Key{"thresholds", "material_min"}),
		integer(raw.Shortlist.Organizations, &c.Shortlist.Organizations, toml.Key{"shortlist", "organizations"}, 0),
		integer(raw.Shortlist.Individuals, &c.Shortlist.Individuals, toml.Key{"shortlist", "individuals"}, 0),
		integer(raw.Survey.Low, &c.Survey.Low, toml.Key{"survey", "low"}, 0),
		integer(raw.Survey.High, &c.Survey.High, toml.Key{"survey", "high"}, 1),
		integer(raw.Dispersion.Points, &c.DispersionPoints, toml.Key{"dispersion", "points"}, 5),
		integer(raw.Objections.ReplyDays, &c.ObjectionReplyDays, toml.Key{"objections", "reply_days"}, 1),
	}
	for _, err := range checks {
		if err != nil {
			return Config{}, err
		}
	}
	if m := raw.Consolidation.Method; m != nil {
		switch Method(*m) {
		case TrimmedMean, Mean, Median:
			c.Consolidation.Method = Method(*m)
		default:
			return Config{}, configErr(file, text, toml.Key{"consolidation", "method"},
				fmt.Sprintf("%q: want trimmed-mean, mean or median", *m))
		}
	}
	for i, v := range raw.Survey.Weights {
		var d Decimal4
		if err := dec4(v, &d, toml.Key{"survey", "weights"}); err != nil {
			return Config{}, err
		}
		_ = i
		c.Survey.Weights = append(c.Survey.Weights, d)
	}
	if err := parseDeadlines(file, text, raw.Deadlines.Material, raw.Deadlines.Onsite, &c.Deadlines); err != nil {
		return Config{}, err
	}
	for _, y := range raw.Calendar {
		c.Calendar = append(c.Calendar, CalendarYear{Year: y.Year, Off: y.Off, Work: y.Work})
	}
	if _, err := NewCalendar(c.Calendar); err != nil {
		return Config{}, &ConfigError{File: file, Line: lineOf(text, []string{"calendar"}), Field: "calendar", Msg: err.Error()}
	}
	if err := c.validate(); err != nil {
		err.File = file
		err.Line = lineOf(text, strings.Split(err.Field, "."))
		return Config{}, err
	}
	return c, nil
}

// Validate checks the rules that span several keys.
func (c Config) Validate() error {
	if err := c.validate(); err != nil {
		return err
	}
	return nil
}

func (c Config) validate() *ConfigError {
	w := c.Weights
	if sum := w.Material + w.Onsite + w.Satisfaction; sum != One {
		return &ConfigError{Field: "weights", Msg: fmt.Sprintf(
			"material + onsite + satisfaction = %s + %s + %s = %s, want exactly 1",
			w.Material, w.Onsite, w.Satisfaction, sum)}
	}
	if w.Material+w.Onsite == 0 {
		return &ConfigError{Field: "weights", Msg: "material and onsite weights are both 0"}
	}
	if c.Thresholds.AwardMin > 10000 || c.Thresholds.NominationMin > 10000 {
		return &ConfigError{Field: "thresholds", Msg: "composite thresholds lie on 0–100"}
	}
	if c.Thresholds.AwardMin < c.Thresholds.NominationMin {
		return &ConfigError{Field: "thresholds.award_min", Msg: fmt.Sprintf(
			"award_min %s is below nomination_min %s: the award needs at least the composite of a nomination",
			c.Thresholds.AwardMin, c.Thresholds.NominationMin)}
	}
	if c.Thresholds.MaterialMin > 100000 {
		return &ConfigError{Field: "thresholds.material_min", Msg: "the material score lies on 0–1000"}
	}
	if c.Survey.High <= c.Survey.Low {
		return &ConfigError{Field: "survey", Msg: fmt.Sprintf("scale %d–%d: high must exceed low", c.Survey.Low, c.Survey.High)}
	}
	if len(c.Survey.Weights) > 0 {
		var sum Decimal4
		for _, w := range c.Survey.Weights {
			sum += w
		}
		if sum != One {
			return &ConfigError{Field: "survey.weights", Msg: fmt.Sprintf("weights sum to %s, want exactly 1", sum)}
		}
	}
	return nil
}

var typeErrorPattern = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)

// typeError turns the TOML decoder's "incompatible types" error into a
// positioned ConfigError.
func typeError(file string, err error) *ConfigError {
	m := typeErrorPattern.FindStringSubmatch(err.Error())
	if m == nil {
		return &ConfigError{File: file, Msg: err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	return &ConfigError{File: file, Line: line, Field: m[2], Msg: m[3]}
}

// numberText renders a TOML number as the shortest decimal that reads back
// to it, which is exact for the few decimals configuration uses.
func numberText(v any) string {
	switch n := v.(type) {
	case int64:
		return strconv.FormatInt(n, 10)
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64)
	case string:
		return n
	}
	return fmt.Sprint(v)
}

func configErr(file, text string, key toml.Key, msg string) *ConfigError {
	return &ConfigError{File: file, Line: lineOf(text, key), Field: key.String(), Msg: msg}
}

// lineOf finds the line of key (table path then name) in TOML text, or of
// the table header when only a table is named; 0 when it cannot be found.
func lineOf(text string, key []string) int {
	if len(key) == 0 {
		return 0
	}
	table := strings.Join(key[:len(key)-1], ".")
	name := key[len(key)-1]
	current := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			current = strings.Trim(line, "[] ")
			if i := strings.Index(current, "#"); i >= 0 {
				current = strings.TrimSpace(current[:i])
			}
			if len(key) == 1 && current == name {
				return n
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if ok && current == table && strings.Trim(strings.TrimSpace(k), `"`) == name {
			return n
		}
	}
	return 0
}
