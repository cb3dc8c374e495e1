package main

import (
	"fmt"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// runExportScoreform is `qaward export scoreform FILE.xlsx`: printable
// paper score forms that, typed back, import with `qaward import scores`.
func runExportScoreform(a *app, f exportFlags, file string) error {
	if _, err := fileFormat(file, "xlsx"); err != nil {
		return err
	}
	req := backend.ScoreFormRequest{Reviewer: f.reviewer, Applicant: f.applicant, Group: f.group, Lang: a.lang, File: file}
	switch f.stage {
	case "all":
	case "material", "onsite", "on-site", "材料评审", "现场评审":
		st, err := award.ParseStage(f.stage)
		if err != nil {
			return usagef("export scoreform: --stage %q: want onsite or material", f.stage)
		}
		req.Stage = st
	default:
		return usagef("export scoreform: --stage %q: want onsite or material", f.stage)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).ExportScoreForms(cycle, req)
		if err != nil {
			return err
		}
		if n := len(res.Submitted); n > 0 {
			fmt.Fprintf(a.stderr, "note: %d pair(s) left out: their %s sheet is submitted already (%s)\n", n, res.Stage, keyList(res.Submitted))
		}
		if n := len(res.OutOfRunning); n > 0 {
			fmt.Fprintf(a.stderr, "note: %d pair(s) left out: the applicant is out of the running (%s)\n", n, keyList(res.OutOfRunning))
		}
		if n := len(res.Drafts); n > 0 {
			fmt.Fprintf(a.stderr, "note: %d reviewer(s) have a draft sheet that the typed-back form replaces on import (%s)\n", n, keyList(res.Drafts))
		}
		fmt.Fprintf(a.stdout, "wrote %s: %d %s score form(s), %d item rows; type the percentages into it and run 'qaward import scores %s'\n",
			file, res.Forms, res.Stage, res.Rows, file)
		return nil
	})
}

// keyList names sheets as applicant/reviewer, a few of them.
func keyList(ks []award.SheetKey) string {
	out := ""
	for i, k := range ks {
		if i == 5 {
			return out + fmt.Sprintf(", and %d more", len(ks)-5)
		}
		if i > 0 {
			out += ", "
		}
		out += k.ApplicantID + "/" + k.ReviewerID
	}
	return out
}
