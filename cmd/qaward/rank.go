package main

import (
	"fmt"
	"strconv"

	"qaward/award"
	"qaward/scoring"
	"qaward/store"
	"qaward/store/importer"
)

func runRank(a *app, args []string) error {
	fs := a.flags("rank")
	stage := fs.String("stage", "composite", "ranking: material, onsite or composite")
	format := fs.String("format", "table", "output format: table, csv or json")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *stage != "material" && *stage != "onsite" && *stage != "composite" {
		return usagef("rank: --stage %q: want material, onsite or composite", *stage)
	}
	return a.inCycle(true, func(st *store.DB, cycle string) error {
		ev, err := evaluate(st, cycle)
		if err != nil {
			return err
		}
		var r *report
		switch *stage {
		case "material":
			r = materialReport(ev)
		case "onsite":
			r = onsiteReport(ev)
		default:
			r = compositeReport(ev)
		}
		return r.write(a.stdout, *format)
	})
}

// evaluate computes every ranking of a cycle from the database.
func evaluate(st store.Store, cycle string) (*scoring.Evaluation, error) {
	snap, err := store.LoadSnapshot(st, cycle)
	if err != nil {
		return nil, err
	}
	ev := scoring.Evaluate(scoring.Input{Config: snap.Cycle.Config, Sets: importer.LookupSet, Applicants: snap.Applicants,
		Sheets: snap.Sheets, Consensus: snap.Consensus, Satisfaction: snap.Satisfaction})
	return &ev, nil
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

func materialReport(ev *scoring.Evaluation) *report {
	r := &report{header: []string{"rank", "id", "kind", "name", "material", "reviewers", "shortlisted"},
		numeric: map[string]bool{"material": true}, integer: map[string]bool{"rank": true, "reviewers": true}}
	for _, m := range ev.Material {
		r.addRow(m.Tie, rankText(m.Rank), m.Applicant.ID, string(m.Applicant.Kind), m.Applicant.Name,
			scoreText(m.Material, m.HasMaterial), strconv.Itoa(m.Reviewers), yesNo(m.Shortlisted))
	}
	r.notes = append(r.notes, ev.BoundaryTies...)
	return r
}

func compositeReport(ev *scoring.Evaluation) *report {
	r := &report{header: []string{"rank", "id", "kind", "name", "material", "onsite", "satisfaction", "composite", "outcome"},
		numeric: map[string]bool{"material": true, "onsite": true, "satisfaction": true, "composite": true},
		integer: map[string]bool{"rank": true}}
	for _, c := range ev.Composite {
		complete := c.Outcome != scoring.Incomplete
		r.addRow(c.Tie, rankText(c.Rank), c.Applicant.ID, string(c.Applicant.Kind), c.Applicant.Name,
			c.Material.String(), scoreText(c.Onsite, c.HasOnsite), scoreText(c.Satisfaction, c.HasSatisfaction),
			scoreText(c.Composite, complete), string(c.Outcome))
		if !complete {
			r.notes = append(r.notes, fmt.Sprintf("incomplete: %s: %s", c.Applicant.ID, c.Reason))
		}
	}
	v := ev.Vacant
	r.notes = append(r.notes, fmt.Sprintf("vacant places: %d organisation award(s), %d individual award(s), %d nomination(s)",
		v.AwardOrganizations, v.AwardIndividuals, v.Nominations))
	r.notes = append(r.notes, ev.BoundaryTies...)
	return r
}

func onsiteReport(ev *scoring.Evaluation) *report {
	r := &report{header: []string{"rank", "id", "kind", "name", "onsite", "reviewers", "material"},
		numeric: map[string]bool{"onsite": true, "material": true}, integer: map[string]bool{"rank": true, "reviewers": true}}
	for _, o := range ev.Onsite() {
		r.addRow(o.Tie, rankText(o.Rank), o.Applicant.ID, string(o.Applicant.Kind), o.Applicant.Name,
			o.Onsite.String(), strconv.Itoa(o.Reviewers), scoreText(o.Material, o.HasMaterial))
	}
	return r
}
