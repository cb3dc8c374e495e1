package assign

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"qaward/award"
)

// Suspect is a conflict of interest (Art. 35) that the data suggests and
// nobody declared: the proposal leaves the pair out, and the office
// confirms it (import conflicts) or not.
type Suspect struct {
	ReviewerID  string `json:"reviewer_id"`
	ApplicantID string `json:"applicant_id"`
	Source      string `json:"source"` // "affiliation", "name" or "earlier-cycle"
	Reason      string `json:"reason"` // for the office, in Chinese
}

// Earlier is a conflict declared in an earlier cycle, by the reviewer's
// name (IDs are the cycle's own) and the applicant's identity
// (award.Identity), which last across cycles.
type Earlier struct {
	Cycle        string
	Identity     string
	ReviewerID   string // the reviewer's ID in that cycle
	ReviewerName string
	Reason       string
}

// hint is a weaker sign: the reviewer's affiliation carries the
// applicant's trade name (字号). The pair costs more, but may be assigned.
type hint struct{ reviewer, applicant string }

// Suspects are the conflicts the data suggests beyond the declared ones:
// a reviewer whose affiliation is the applicant's name, holds it (a
// department of the applicant), is held in it, or holds the name without
// its place and legal form (湖南云山食品集团 for 武冈市云山食品有限公司);
// a reviewer with an individual applicant's name; a reviewer (by name)
// who declared a conflict with the same applicant (by identity) in an
// earlier cycle. Pairs already declared are left out. The result is in
// reviewer, applicant order.
func Suspects(apps []award.Applicant, rs []award.Reviewer, declared []award.Conflict, earlier []Earlier) []Suspect {
	ss, _ := detect(apps, rs, declared, earlier)
	return ss
}

func detect(apps []award.Applicant, rs []award.Reviewer, declared []award.Conflict, earlier []Earlier) ([]Suspect, []hint) {
	known := map[[2]string]bool{}
	for _, c := range declared {
		known[[2]string{c.ReviewerID, c.ApplicantID}] = true
	}
	var out []Suspect
	var hints []hint
	add := func(s Suspect) {
		k := [2]string{s.ReviewerID, s.ApplicantID}
		if !known[k] {
			known[k] = true
			out = append(out, s)
		}
	}
	names := make([]orgName, len(apps))
	for i, a := range apps {
		names[i] = nameOf(a)
	}
	for _, r := range rs {
		aff, rname := normalize(r.Affiliation), normalize(r.Name)
		for i, a := range apps {
			if reason, ok := names[i].namedBy(aff); ok {
				add(Suspect{ReviewerID: r.ID, ApplicantID: a.ID, Source: "affiliation", Reason: reason})
				continue
			}
			if a.Kind == award.Individual && rname != "" && rname == names[i].name {
				add(Suspect{ReviewerID: r.ID, ApplicantID: a.ID, Source: "name", Reason: "评审员与申报个人同名"})
				continue
			}
			if t := names[i].trade; t != "" && strings.Contains(aff, t) {
				hints = append(hints, hint{r.ID, a.ID})
			}
		}
	}
	earlierSuspects(apps, rs, earlier, add)
	sort.Slice(out, func(i, j int) bool {
		if out[i].ReviewerID != out[j].ReviewerID {
			return out[i].ReviewerID < out[j].ReviewerID
		}
		return out[i].ApplicantID < out[j].ApplicantID
	})
	return out, hints
}

// earlierSuspects calls add for every pair of this cycle that an earlier
// declaration names.
func earlierSuspects(apps []award.Applicant, rs []award.Reviewer, earlier []Earlier, add func(Suspect)) {
	byIdentity := map[string][]string{}
	for _, a := range apps {
		byIdentity[award.Identity(a)] = append(byIdentity[award.Identity(a)], a.ID)
	}
	byName := map[string][]string{}
	for _, r := range rs {
		if n := normalize(r.Name); n != "" {
			byName[n] = append(byName[n], r.ID)
		}
	}
	for _, e := range earlier {
		for _, rid := range byName[normalize(e.ReviewerName)] {
			for _, aid := range byIdentity[e.Identity] {
				add(Suspect{ReviewerID: rid, ApplicantID: aid, Source: "earlier-cycle",
					Reason: fmt.Sprintf("往届（%s）以 %s 申报过利益冲突：%s", e.Cycle, e.ReviewerID, e.Reason)})
			}
		}
	}
}

// orgName is an applicant's name prepared for matching: normalised, its
// core and trade name for an organisation.
type orgName struct {
	org               bool
	name, core, trade string
	display           string
}

func nameOf(a award.Applicant) orgName {
	n := orgName{org: a.Kind == award.Organization, name: normalize(a.Name), display: a.Name}
	if n.org {
		n.core = core(n.name)
		if c := []rune(n.core); len(c) >= 4 {
			n.trade = string(c[:2])
		}
	}
	return n
}

// namedBy reports whether a normalised affiliation is or names the
// applicant (organisations only: a person's name in an affiliation says
// nothing).
func (n orgName) namedBy(aff string) (string, bool) {
	if aff == "" || !n.org || n.name == "" {
		return "", false
	}
	switch {
	case aff == n.name:
		return "评审员所在单位即申报单位", true
	case strings.Contains(aff, n.name):
		return "评审员所在单位含申报单位名称（" + n.display + "）", true
	case utf8.RuneCountInString(aff) >= 4 && strings.Contains(n.name, aff):
		return "申报单位名称含评审员所在单位名称", true
	case utf8.RuneCountInString(n.core) >= 3 && strings.Contains(aff, n.core):
		return "评审员所在单位含申报单位字号及行业（" + n.core + "）", true
	}
	return "", false
}

// normalize drops spaces (half- and full-width) and folds ASCII letters.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

var (
	places     = []string{"湖南省", "邵阳市", "武冈市", "湖南", "邵阳", "武冈"}
	legalForms = []string{"股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "厂"}
)

// core is an organisation's name without its place, a trailing
// parenthesis and its legal form: the trade name and the trade (云山食品).
func core(name string) string {
	for _, p := range places {
		name = strings.TrimPrefix(name, p)
	}
	if i := strings.IndexAny(name, "（("); i > 0 {
		name = name[:i]
	}
	for changed := true; changed; {
		changed = false
		for _, f := range legalForms {
			if strings.HasSuffix(name, f) && len(name) > len(f) {
				name, changed = strings.TrimSuffix(name, f), true
			}
		}
	}
	return name
}
