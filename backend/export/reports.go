package export

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/scoring"
)

// Report is a ranking or list as the command line prints it: a table whose
// headings and fixed values are the command line's English words (the
// columns of `qaward rank --format csv`), and which rows are tied with a
// neighbour in every ranking key.
type Report struct {
	Table
	// Ties marks tied rows; nil for a list that marks no ties.
	Ties []bool
}

func (r *Report) addRow(tie bool, cells ...string) {
	r.Rows = append(r.Rows, cells)
	r.Ties = append(r.Ties, tie)
}

// columns gives the kind of each heading.
func columns(header []string, kinds map[string]Column) []Column {
	out := make([]Column, len(header))
	for i, h := range header {
		out[i] = kinds[h]
	}
	return out
}

// MaterialReport is the material-review ranking.
func MaterialReport(ev *scoring.Evaluation) Report {
	h := []string{"rank", "id", "kind", "name", "material", "reviewers", "shortlisted"}
	r := Report{Table: Table{Name: SheetMaterial, Header: h,
		Columns: columns(h, map[string]Column{"rank": Integer, "reviewers": Integer, "material": Decimal2})}}
	for _, m := range ev.Material {
		r.addRow(m.Tie, rankText(m.Rank), m.Applicant.ID, string(m.Applicant.Kind), m.Applicant.Name,
			scoreText(m.Material, m.HasMaterial), strconv.Itoa(m.Reviewers), yesNo(m.Shortlisted))
	}
	r.Notes = append(r.Notes, ev.BoundaryTies...)
	return r
}

// OnsiteReport is the on-site review ranking.
func OnsiteReport(ev *scoring.Evaluation) Report {
	h := []string{"rank", "id", "kind", "name", "onsite", "reviewers", "material"}
	r := Report{Table: Table{Name: SheetOnsite, Header: h,
		Columns: columns(h, map[string]Column{"rank": Integer, "reviewers": Integer, "onsite": Decimal2, "material": Decimal2})}}
	for _, o := range ev.Onsite() {
		r.addRow(o.Tie, rankText(o.Rank), o.Applicant.ID, string(o.Applicant.Kind), o.Applicant.Name,
			o.Onsite.String(), strconv.Itoa(o.Reviewers), scoreText(o.Material, o.HasMaterial))
	}
	return r
}

// CompositeReport is the composite ranking with each applicant's outcome
// under the quotas.
func CompositeReport(ev *scoring.Evaluation) Report {
	h := []string{"rank", "id", "kind", "name", "material", "onsite", "satisfaction", "composite", "outcome"}
	r := Report{Table: Table{Name: SheetComposite, Header: h, Columns: columns(h, map[string]Column{"rank": Integer,
		"material": Decimal2, "onsite": Decimal2, "satisfaction": Decimal2, "composite": Decimal2})}}
	for _, c := range ev.Composite {
		complete := c.Outcome != scoring.Incomplete
		r.addRow(c.Tie, rankText(c.Rank), c.Applicant.ID, string(c.Applicant.Kind), c.Applicant.Name,
			c.Material.String(), scoreText(c.Onsite, c.HasOnsite), scoreText(c.Satisfaction, c.HasSatisfaction),
			scoreText(c.Composite, complete), string(c.Outcome))
		if !complete {
			r.Notes = append(r.Notes, fmt.Sprintf("incomplete: %s: %s", c.Applicant.ID, c.Reason))
		}
	}
	r.Notes = append(r.Notes, vacant(ev.Vacant))
	r.Notes = append(r.Notes, ev.BoundaryTies...)
	return r
}

// CandidatesReport is the candidate list (Art. 22): every applicant the
// composite ranking proposes for an award or nomination, with the
// committee's decision where recorded.
func CandidatesReport(ev *scoring.Evaluation, o Outcomes) Report {
	h := []string{"rank", "id", "kind", "name", "composite", "proposed", "decided", "final", "note"}
	r := Report{Table: Table{Name: SheetCandidates, Header: h, Columns: columns(h, map[string]Column{"rank": Integer, "composite": Decimal2})}}
	for _, c := range ev.Composite {
		d, ok := o.Decisions[c.Applicant.ID]
		proposed := c.Outcome == scoring.Award || c.Outcome == scoring.Nomination
		if !proposed && (!ok || d.Decided == award.DecideNone) {
			continue
		}
		decided, note := "", ""
		if ok {
			decided, note = d.Decided, joinNonEmpty("；", d.Note, d.CancelReason)
		}
		final := ""
		if o.Final != nil {
			final = o.Final(c.Applicant.ID)
		}
		if final == award.Revoked {
			if rv, ok := o.Revocations[c.Applicant.ID]; ok {
				note = joinNonEmpty("；", note, joinNonEmpty(" ", rv.Date, rv.Article, rv.Reason))
			}
		}
		r.Rows = append(r.Rows, []string{rankText(c.Rank), c.Applicant.ID, string(c.Applicant.Kind), c.Applicant.Name,
			c.Composite.String(), string(c.Outcome), decided, final, note})
	}
	// decisions of applicants no longer ranked (an upheld objection ended
	// their way) stay on the list, after the ranked rows
	listed := make(map[string]bool, len(r.Rows))
	for _, row := range r.Rows {
		listed[row[1]] = true
	}
	var rest []string
	for id, d := range o.Decisions {
		if !listed[id] && d.Decided != award.DecideNone {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		d := o.Decisions[id]
		final := d.Final()
		if o.Final != nil {
			final = o.Final(id)
		}
		a := o.Applicants[id]
		r.Rows = append(r.Rows, []string{"", id, string(a.Kind), a.Name, "", d.Proposed, d.Decided, final,
			joinNonEmpty("；", d.Note, d.CancelReason)})
	}
	r.Notes = append(r.Notes, vacant(o.Vacant))
	r.Notes = append(r.Notes, ev.BoundaryTies...)
	return r
}

// Rankings are the tables of an export of the rankings or of the
// candidate list: for "rankings" the ranking of a stage ("material",
// "onsite" or "composite"), or with stage "all" every ranking and the
// candidate list; for "candidates" the candidate list. The cycle's rules
// come last. Headings and values are in Chinese unless lang is "en" (see
// Localize). A CSV file takes the first table.
func Rankings(kind, stage, lang string, c award.Cycle, ev *scoring.Evaluation, o Outcomes) ([]Table, error) {
	if kind != "rankings" && kind != "candidates" {
		return nil, fmt.Errorf("export: %q is neither rankings nor candidates", kind)
	}
	switch stage {
	case "all", "material", "onsite", "composite":
	default:
		return nil, fmt.Errorf("export: stage %q: want material, onsite, composite or all", stage)
	}
	var out []Table
	add := func(r Report) { out = append(out, Localize(r.Table, lang)) }
	if kind == "rankings" && (stage == "all" || stage == "material") {
		add(MaterialReport(ev))
	}
	if kind == "rankings" && (stage == "all" || stage == "onsite") {
		add(OnsiteReport(ev))
	}
	if kind == "rankings" && (stage == "all" || stage == "composite") {
		add(CompositeReport(ev))
	}
	if kind == "candidates" || stage == "all" {
		add(CandidatesReport(ev, o))
	}
	return append(out, Rules(c)), nil
}

// Outcomes are the committee's side of the candidate list, from the
// backend's results in force: the decisions, the final status of each
// applicant (decision, or revoked) and the places left vacant.
type Outcomes struct {
	Decisions   map[string]award.Decision
	Revocations map[string]award.Revocation
	Final       func(id string) string
	Vacant      scoring.Vacancies
	// Applicants names the decided applicants that the ranking no
	// longer lists.
	Applicants map[string]award.Applicant
}

func vacant(v scoring.Vacancies) string {
	return fmt.Sprintf("vacant places: %d organisation award(s), %d individual award(s), %d nomination(s)",
		v.AwardOrganizations, v.AwardIndividuals, v.Nominations)
}

func rankText(rank int) string {
	if rank == 0 {
		return ""
	}
	return strconv.Itoa(rank)
}

func scoreText(s award.Score, has bool) string {
	if !has {
		return ""
	}
	return s.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
