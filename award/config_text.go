package award

import (
	"fmt"
	"strings"
)

// TOML renders the configuration with every key, defaults included, in the
// form ParseConfig reads: what the office publishes as the cycle's rules.
func (c Config) TOML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[weights]\nmaterial = %s\nonsite = %s\nsatisfaction = %s\n\n", c.Weights.Material, c.Weights.Onsite, c.Weights.Satisfaction)
	fmt.Fprintf(&b, "[consolidation]\nmethod = %q\ntrim_min = %d\n\n", c.Consolidation.Method, c.Consolidation.TrimMin)
	fmt.Fprintf(&b, "[quotas]\naward_organizations = %d\naward_individuals = %d\nnominations = %d\n\n",
		c.Quotas.AwardOrganizations, c.Quotas.AwardIndividuals, c.Quotas.Nominations)
	fmt.Fprintf(&b, "[thresholds]\naward_min = %s\nnomination_min = %s\nmaterial_min = %s\n\n",
		c.Thresholds.AwardMin, c.Thresholds.NominationMin, c.Thresholds.MaterialMin)
	fmt.Fprintf(&b, "[shortlist]\norganizations = %d\nindividuals = %d\n\n", c.Shortlist.Organizations, c.Shortlist.Individuals)
	fmt.Fprintf(&b, "[survey]\nlow = %d\nhigh = %d\n", c.Survey.Low, c.Survey.High)
	if len(c.Survey.Weights) > 0 {
		ws := make([]string, len(c.Survey.Weights))
		for i, w := range c.Survey.Weights {
			ws[i] = w.String()
		}
		fmt.Fprintf(&b, "weights = [%s]\n", strings.Join(ws, ", "))
	}
	fmt.Fprintf(&b, "\n[dispersion]\npoints = %d\n", c.DispersionPoints)
	fmt.Fprintf(&b, "\n[objections]\nreply_days = %d # working days after receipt (Art. 39)\n", c.ReplyDays())
	if d := c.Deadlines; d.Material != "" || d.Onsite != "" {
		b.WriteString("\n[deadlines]\n")
		if d.Material != "" {
			fmt.Fprintf(&b, "material = %q\n", d.Material)
		}
		if d.Onsite != "" {
			fmt.Fprintf(&b, "onsite = %q\n", d.Onsite)
		}
	}
	for _, y := range c.Calendar {
		fmt.Fprintf(&b, "\n[[calendar]]\nyear = %d\noff = [%s]\nwork = [%s]\n", y.Year, quoteAll(y.Off), quoteAll(y.Work))
	}
	return b.String()
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
