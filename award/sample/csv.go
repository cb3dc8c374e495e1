package sample

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"

	"qaward/criteria"
)

// Files are the CSV files WriteCSV writes, in the order they must be
// imported.
var Files = []struct{ Kind, Name string }{
	{"applicants", "applicants.csv"},
	{"reviewers", "reviewers.csv"},
	{"conflicts", "conflicts.csv"},
	{"scores", "scores.csv"},
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
		"reviewers":    {{"id", "name", "affiliation"}},
		"conflicts":    {{"reviewer_id", "applicant_id", "reason"}},
		"scores":       {{"stage", "applicant_id", "reviewer_id", "item_id", "percent", "strengths", "improvements"}},
		"satisfaction": {{"applicant_id", "csi", "responses"}},
	}
	for _, a := range d.Applicants {
		tables["applicants"] = append(tables["applicants"], []string{a.ID, string(a.Kind), a.Name, a.Industry, a.CreditCode, a.Founded})
	}
	for _, r := range d.Reviewers {
		tables["reviewers"] = append(tables["reviewers"], []string{r.ID, r.Name, r.Affiliation})
	}
	for _, c := range d.Conflicts {
		tables["conflicts"] = append(tables["conflicts"], []string{c.ReviewerID, c.ApplicantID, c.Reason})
	}
	for _, s := range d.Sheets {
		if !s.Submitted {
			continue
		}
		set, _ := criteria.Lookup(s.CriteriaSet)
		for i, it := range set.Items() {
			tables["scores"] = append(tables["scores"], []string{string(s.Stage), s.ApplicantID, s.ReviewerID, it.ID,
				strconv.Itoa(s.Percents[i]), s.Strengths[i], s.Improvements[i]})
		}
	}
	for _, s := range d.Satisfaction {
		tables["satisfaction"] = append(tables["satisfaction"], []string{s.ApplicantID, s.CSI.String(), strconv.Itoa(s.Responses)})
	}
	for _, f := range Files {
		if err := writeFile(filepath.Join(dir, f.Name), tables[f.Kind]); err != nil {
			return err
		}
	}
	return nil
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
