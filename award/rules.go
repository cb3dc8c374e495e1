package award

import (
	"fmt"
	"strings"
)

// The rules that bind the office's procedure (DESIGN rules 11 and 12):
// which applicants may enter 评委会审议, which decisions the committee may
// record, and the final status every list shows. They are pure functions
// of the records; the backend applies them to every write, from the
// command line and the screens alike.

// Article 3 of the management rules: the quotas.
const ArticleQuotas = "第三条"

// ArticleOpinions is the article of the department opinions (Art. 16).
const ArticleOpinions = "第十六条"

// RuleError is a refusal by a rule of the management rules, citing its
// article, in English (Msg, for the command line and logs) and in Chinese
// (Zh, for the screens).
type RuleError struct {
	Article string
	Msg     string
	Zh      string
}

func (e *RuleError) Error() string { return e.Article + ": " + e.Msg }

// Chinese is the refusal in Chinese, citing the article.
func (e *RuleError) Chinese() string {
	if e.Zh == "" {
		return e.Error()
	}
	return "不符合" + e.Article + "：" + e.Zh
}

// WithOpinions adds the department opinions (Art. 16) to an eligibility
// report: a department that did not agree is a rule recorded as not met,
// with its text as the evidence.
func (e Eligibility) WithOpinions(ops []Opinion) Eligibility {
	for _, o := range ops {
		if o.ApplicantID != e.ApplicantID || o.Agree {
			continue
		}
		e.Checks = append(e.Checks, Check{Article: ArticleOpinions, Rule: o.Department + "意见",
			Verdict: NotMet, Evidence: strings.TrimSpace(o.Date + " " + o.Text)})
	}
	return e
}

// WithOverrides marks the checks the office overrode, with the reason.
func (e Eligibility) WithOverrides(os []Override) Eligibility {
	if len(os) == 0 {
		return e
	}
	checks := make([]Check, len(e.Checks))
	copy(checks, e.Checks)
	for i := range checks {
		for _, o := range os {
			if o.Article == checks[i].Article && o.Rule == checks[i].Rule {
				checks[i].Override = fmt.Sprintf("办公室认定（%s %s）：%s", o.By, o.Date, o.Reason)
			}
		}
	}
	e.Checks = checks
	return e
}

// Blocking are the checks that keep an applicant out of 评委会审议: for an
// organisation every rule not met or not recorded (Art. 8(2), 8(3), 8(7),
// 10 and 30 are answered from the records), for an individual every rule
// recorded as not met; department opinions block once recorded as not
// met. A rule the office overrode does not block.
func (e Eligibility) Blocking(kind Kind) []Check {
	var out []Check
	for _, c := range e.Checks {
		if c.Override != "" || c.Verdict == Met {
			continue
		}
		if c.Verdict == NotRecorded && (kind != Organization || c.Article == ArticleOpinions) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// BlockingError is the refusal that Blocking's checks make, citing each
// article; nil when nothing blocks.
func BlockingError(a Applicant, blocking []Check) error {
	if len(blocking) == 0 {
		return nil
	}
	parts := make([]string, len(blocking))
	for i, c := range blocking {
		parts[i] = fmt.Sprintf("%s %s（%s）", c.Article, c.Rule, verdictText(c))
	}
	return &RuleError{Article: blocking[0].Article,
		Msg: fmt.Sprintf("%s %s does not meet the eligibility rules: %s (record the evidence, or override the rule with a written reason)",
			a.ID, a.Name, strings.Join(parts, "；")),
		Zh: fmt.Sprintf("%s %s 不符合申报条件：%s（请登记依据，或由办公室书面说明理由后认定）", a.ID, a.Name, strings.Join(parts, "；"))}
}

func verdictText(c Check) string {
	if c.Verdict == NotRecorded {
		return "未登记"
	}
	if c.Evidence != "" {
		return "不符合：" + c.Evidence
	}
	return "不符合"
}

// Decision outcomes (Art. 3, 23).
const (
	DecideAward      = "award"
	DecideNomination = "nomination"
	DecideNone       = "none"
	// Revoked is the final status of an award revoked (Art. 30–31).
	Revoked = "revoked"
)

// ParseOutcome accepts a decision's outcome.
func ParseOutcome(s string) (string, error) {
	switch strings.TrimSpace(s) {
	case DecideAward, "市长质量奖", "获奖":
		return DecideAward, nil
	case DecideNomination, "提名奖":
		return DecideNomination, nil
	case DecideNone, "不授奖", "无":
		return DecideNone, nil
	}
	return "", fmt.Errorf("decision %q: want award, nomination or none", s)
}

// CheckDecision checks a committee decision against the rules (DESIGN rule
// 11): an award or nomination needs an eligible applicant (its blocking
// checks cite the article) and a free place within the quotas of Art. 3,
// counted over the other decisions in force (kindOf gives each decided
// applicant's kind).
func CheckDecision(cfg Config, a Applicant, d Decision, blocking []Check, inForce []Decision, kindOf func(id string) Kind) error {
	if _, err := ParseOutcome(d.Decided); err != nil || d.Decided != strings.TrimSpace(d.Decided) {
		return fmt.Errorf("decision %q: want award, nomination or none", d.Decided)
	}
	if d.Decided == DecideNone {
		return nil
	}
	if err := BlockingError(a, blocking); err != nil {
		return err
	}
	awards, nominations := 0, 0
	for _, o := range inForce {
		if o.ApplicantID == a.ID {
			continue
		}
		switch o.Final() {
		case DecideAward:
			if kindOf(o.ApplicantID) == a.Kind {
				awards++
			}
		case DecideNomination:
			nominations++
		}
	}
	switch {
	case d.Decided == DecideAward && a.Kind == Organization && awards >= cfg.Quotas.AwardOrganizations:
		return &RuleError{Article: ArticleQuotas, Msg: fmt.Sprintf("at most %d organisation awards: %d are decided already", cfg.Quotas.AwardOrganizations, awards),
			Zh: fmt.Sprintf("组织奖至多 %d 个，已决定 %d 个", cfg.Quotas.AwardOrganizations, awards)}
	case d.Decided == DecideAward && a.Kind == Individual && awards >= cfg.Quotas.AwardIndividuals:
		return &RuleError{Article: ArticleQuotas, Msg: fmt.Sprintf("at most %d individual awards: %d are decided already", cfg.Quotas.AwardIndividuals, awards),
			Zh: fmt.Sprintf("个人奖至多 %d 个，已决定 %d 个", cfg.Quotas.AwardIndividuals, awards)}
	case d.Decided == DecideNomination && nominations >= cfg.Quotas.Nominations:
		return &RuleError{Article: ArticleQuotas, Msg: fmt.Sprintf("at most %d nominations: %d are decided already", cfg.Quotas.Nominations, nominations),
			Zh: fmt.Sprintf("提名奖至多 %d 个，已决定 %d 个", cfg.Quotas.Nominations, nominations)}
	}
	return nil
}

// FinalStatus is what every list, export and document shows of an
// applicant (DESIGN rule 11): revoked once its award is revoked, else the
// decision in force ("" when none is recorded).
func FinalStatus(d Decision, decided, revoked bool) string {
	switch {
	case revoked:
		return Revoked
	case decided:
		return d.Final()
	}
	return ""
}

// outcomeNames are the outcomes and final statuses in Chinese, as every
// list, export and document says them.
var outcomeNames = map[string]string{DecideAward: "市长质量奖", DecideNomination: "提名奖", DecideNone: "无",
	"incomplete": "数据不全", Revoked: "已撤销"}

// OutcomeName is an outcome or final status in Chinese (the value itself
// when it has no name).
func OutcomeName(o string) string {
	if n, ok := outcomeNames[o]; ok {
		return n
	}
	return o
}

// OutcomeNames lists the Chinese names by outcome (a copy).
func OutcomeNames() map[string]string {
	out := make(map[string]string, len(outcomeNames))
	for k, v := range outcomeNames {
		out[k] = v
	}
	return out
}
