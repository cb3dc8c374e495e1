package sample

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/criteria"
)

// Files are the CSV files WriteCSV writes, in the order they must be
// imported (`qaward import KIND FILE`).
var Files = []struct{ Kind, Name string }{
	{"applicants", "applicants.csv"},
	{"profiles", "profiles.csv"},
	{"certificates", "certificates.csv"},
	{"incidents", "incidents.csv"},
	{"prior-awards", "prior-awards.csv"},
	{"reviewers", "reviewers.csv"},
	{"conflicts", "conflicts.csv"},
	{"groups", "groups.csv"},
	{"scores", "scores.csv"},
	{"consensus", "consensus.csv"},
	{"satisfaction", "satisfaction.csv"},
}

// WriteCSV writes a dataset as the import files of `qaward import` into
// dir, which is created if needed.
func WriteCSV(dir string, d Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tables := map[string][][]string{
		"applicants":   {{"id", "kind", "name", "industry", "credit_code", "founded"}},
		"profiles":     {{"applicant_id", "registered_in", "legal_person", "excellence_model", "confidential"}},
		"certificates": {{"applicant_id", "name", "number", "valid_until"}},
		"incidents":    {{"applicant_id", "date", "kind", "major", "description"}},
		"prior-awards": {{"applicant_id", "award", "year", "cycle"}},
		"reviewers":    {{"id", "name", "affiliation"}},
		"conflicts":    {{"reviewer_id", "applicant_id", "reason"}},
		"groups":       {{"group_id", "stage", "leader_id", "reviewer_id", "applicant_id", "name"}},
		"scores":       {{"stage", "applicant_id", "reviewer_id", "item_id", "percent", "strengths", "improvements"}},
		"consensus":    {{"stage", "applicant_id", "item_id", "percent", "reason"}},
		"satisfaction": {{"applicant_id", "csi", "responses"}},
	}
	add := func(kind string, row ...string) { tables[kind] = append(tables[kind], row) }
	for _, a := range d.Applicants {
		add("applicants", a.ID, string(a.Kind), a.Name, a.Industry, a.CreditCode, a.Founded)
		p := a.Profile
		add("profiles", a.ID, p.RegisteredIn, yesNo(p.LegalPerson), yesNo(p.ExcellenceModel), strings.Join(p.Confidential, ";"))
		// An applicant with none of a kind gets a row of its ID alone,
		// which records "none" (a table is never only its header).
		if len(p.Certifications) == 0 {
			add("certificates", a.ID, "", "", "")
		}
		for _, c := range p.Certifications {
			add("certificates", a.ID, c.Name, c.Number, c.ValidUntil)
		}
		if len(p.Incidents) == 0 {
			add("incidents", a.ID, "", "", "", "")
		}
		for _, in := range p.Incidents {
			add("incidents", a.ID, in.Date, string(in.Kind), yesNo(in.Major), in.Description)
		}
		if len(p.PriorAwards) == 0 {
			add("prior-awards", a.ID, "", "", "")
		}
		for _, w := range p.PriorAwards {
			add("prior-awards", a.ID, string(w.Award), strconv.Itoa(w.Year), w.Cycle)
		}
	}
	for _, r := range d.Reviewers {
		add("reviewers", r.ID, r.Name, r.Affiliation)
	}
	for _, c := range d.Conflicts {
		add("conflicts", c.ReviewerID, c.ApplicantID, c.Reason)
	}
	tables["groups"] = append(tables["groups"], groupRows(d)...)
	for _, s := range d.Sheets {
		if !s.Submitted {
			continue
		}
		set, _ := criteria.Lookup(s.CriteriaSet)
		for i, it := range set.Items() {
			add("scores", string(s.Stage), s.ApplicantID, s.ReviewerID, it.ID, strconv.Itoa(s.Percents[i]), s.Strengths[i], s.Improvements[i])
		}
	}
	for _, s := range d.Consensus {
		if !s.Submitted {
			continue
		}
		set, _ := criteria.Lookup(s.CriteriaSet)
		for i, it := range set.Items() {
			add("consensus", string(s.Stage), s.ApplicantID, it.ID, strconv.Itoa(s.Percents[i]), s.Reason)
		}
	}
	for _, s := range d.Satisfaction {
		add("satisfaction", s.ApplicantID, s.CSI.String(), strconv.Itoa(s.Responses))
	}
	for _, f := range Files {
		if err := writeFile(filepath.Join(dir, f.Name), tables[f.Kind]); err != nil {
			return err
		}
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// groupRows are the rows of groups.csv: one per member assigned to one of
// the group's applicants, and one with no applicant for a member assigned
// to none of them.
func groupRows(d Dataset) [][]string {
	assigned := make(map[award.Assignment]bool, len(d.Assignments))
	for _, a := range d.Assignments {
		assigned[a] = true
	}
	var rows [][]string
	for _, g := range d.Groups {
		name := g.Name
		for _, m := range g.Members {
			some := false
			for _, app := range g.Applicants {
				if assigned[award.Assignment{Stage: g.Stage, ApplicantID: app, ReviewerID: m}] {
					rows = append(rows, []string{g.ID, string(g.Stage), g.LeaderID, m, app, name})
					name, some = "", true
				}
			}
			if !some {
				rows = append(rows, []string{g.ID, string(g.Stage), g.LeaderID, m, "", name})
				name = ""
			}
		}
	}
	return rows
}

func writeFile(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
