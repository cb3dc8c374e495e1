package main

import (
	"fmt"
	"time"

	"qaward/award"
	"qaward/store"
)

func runStage(a *app, args []string) error {
	fs := a.flags("stage")
	reason := fs.String("reason", "", "why (required to reject, withdraw or find ineligible; fed back to the applicant)")
	article := fs.String("article", "", "the article of the management rules it rests on, such as 第十六条")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	to, err := award.ParseStatus(pos[1])
	if err != nil {
		return usagef("stage: %v", err)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		t := award.Transition{ApplicantID: pos[0], To: to, Reason: *reason, Article: *article}
		if err := st.SetStatus(a.actor(), cycle, t); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s is now at %s (%s)\n", pos[0], to, to.Name("zh"))
		return nil
	})
}

func runEligibility(a *app, args []string) error {
	fs := a.flags("eligibility")
	asOf := fs.String("as-of", "", "date of the call for applications, `YYYY-MM-DD` (default: the day the cycle was created)")
	format := fs.String("format", "table", "output format: table, csv or json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("eligibility: at most one applicant ID")
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		c, err := st.Cycle(cycle)
		if err != nil {
			return err
		}
		date := c.Created
		if *asOf != "" {
			if date, err = time.Parse(time.DateOnly, *asOf); err != nil {
				return usagef("eligibility: --as-of %q: want YYYY-MM-DD", *asOf)
			}
		}
		as, err := st.Applicants(cycle)
		if err != nil {
			return err
		}
		if fs.NArg() == 1 {
			a1, err := st.Applicant(cycle, fs.Arg(0))
			if err != nil {
				return err
			}
			as = []award.Applicant{a1}
		}
		h, err := st.History()
		if err != nil {
			return err
		}
		r := &report{header: []string{"id", "name", "article", "rule", "verdict", "evidence"}}
		failed := 0
		for _, ap := range as {
			e := award.CheckEligibility(ap, cycle, date, h)
			if !e.Eligible() {
				failed++
			}
			for _, ch := range e.Checks {
				r.rows = append(r.rows, []string{ap.ID, ap.Name, ch.Article, ch.Rule, string(ch.Verdict), ch.Evidence})
			}
		}
		r.notes = []string{fmt.Sprintf("%d of %d applicants fail or lack evidence for a rule (as of %s)", failed, len(as), date.Format(time.DateOnly))}
		return r.write(a.stdout, *format)
	})
}

func runCandidates(a *app, args []string) error {
	fs := a.flags("candidates")
	format := fs.String("format", "table", "output format: table, csv or json")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Results(cycle)
		if err != nil {
			return err
		}
		return fromExport(res.CandidatesReport()).write(a.stdout, *format)
	})
}
