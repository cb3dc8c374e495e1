package scoring

import (
	"fmt"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

// gbt19580 is the organisation set of DOMAIN §2, built by hand: 23 items,
// 1000 points.
func gbt19580() *criteria.Set {
	cat := func(id string, pts int, items ...criteria.Item) criteria.Category {
		for i := range items {
			items[i].Category = id
			if items[i].Kind == "" {
				items[i].Kind = criteria.Process
			}
		}
		return criteria.Category{ID: id, Points: pts, Items: items}
	}
	it := func(id string, pts int) criteria.Item { return criteria.Item{ID: id, Points: pts} }
	res := func(id string, pts int) criteria.Item {
		return criteria.Item{ID: id, Points: pts, Kind: criteria.Results}
	}
	return &criteria.Set{ID: "GB/T19580-2012", Applicant: "organization", Total: 1000, Categories: []criteria.Category{
		cat("4.1", 110, it("4.1.2", 50), it("4.1.3", 30), it("4.1.4", 30)),
		cat("4.2", 90, it("4.2.2", 40), it("4.2.3", 50)),
		cat("4.3", 90, it("4.3.2", 40), it("4.3.3", 50)),
		cat("4.4", 130, it("4.4.2", 60), it("4.4.3", 15), it("4.4.4", 20), it("4.4.5", 15), it("4.4.6", 10), it("4.4.7", 10)),
		cat("4.5", 100, it("4.5.2", 50), it("4.5.3", 50)),
		cat("4.6", 80, it("4.6.2", 40), it("4.6.3", 40)),
		cat("4.7", 400, res("4.7.2", 80), res("4.7.3", 80), res("4.7.4", 80), res("4.7.5", 60), res("4.7.6", 50), res("4.7.7", 50)),
	}}
}

// tenSet is a test set of ten 100-point items: a sheet's total in points is
// simply the sum of its percentages.
func tenSet() *criteria.Set {
	var items []criteria.Item
	for i := 1; i <= 10; i++ {
		items = append(items, criteria.Item{ID: fmt.Sprintf("T%d", i), Points: 100, Kind: criteria.Process, Category: "T"})
	}
	return &criteria.Set{ID: "T", Total: 1000, Categories: []criteria.Category{{ID: "T", Points: 1000, Items: items}}}
}

func setsOf(sets ...*criteria.Set) *criteria.Catalog {
	return criteria.NewCatalog(sets...)
}

// tenPercents spreads a total (whole points, multiple of 5, 0–1000) over the
// ten items of tenSet: 100 % items first, the remainder on the next item.
func tenPercents(total int) []int {
	if total < 0 || total > 1000 || total%5 != 0 {
		panic(fmt.Sprintf("tenPercents(%d)", total))
	}
	p := make([]int, 10)
	for i := range p {
		p[i] = min(100, total)
		total -= p[i]
	}
	return p
}

// sheet is a submitted tenSet sheet with the given total in points.
func sheet(st award.Stage, app, reviewer string, total int) award.Sheet {
	return award.Sheet{SheetKey: award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: reviewer},
		CriteriaSet: "T", Percents: tenPercents(total), Submitted: true}
}

// sheets makes one submitted sheet per total, reviewers R1, R2, ….
func sheets(st award.Stage, app string, totals ...int) []award.Sheet {
	var out []award.Sheet
	for i, t := range totals {
		out = append(out, sheet(st, app, fmt.Sprintf("R%d", i+1), t))
	}
	return out
}

func org(id string) award.Applicant {
	return award.Applicant{ID: id, Kind: award.Organization, Name: id, CriteriaSet: "T", Status: award.Accepted}
}

func ind(id string) award.Applicant {
	return award.Applicant{ID: id, Kind: award.Individual, Name: id, CriteriaSet: "T", Status: award.Accepted}
}

func sat(id, csi string) award.Satisfaction {
	return award.Satisfaction{ApplicantID: id, CSI: sc(csi), Responses: 100}
}

// sc parses a score written as in the design ("620.53").
func sc(s string) award.Score {
	v, err := award.ParseScore(s)
	if err != nil {
		panic(err)
	}
	return v
}

func compositeRow(t *testing.T, e *Evaluation, id string) CompositeRow {
	t.Helper()
	for _, r := range e.Composite {
		if r.Applicant.ID == id {
			return r
		}
	}
	t.Fatalf("%s is not in the composite ranking", id)
	return CompositeRow{}
}

func compositeIDs(e *Evaluation) []string {
	var ids []string
	for _, r := range e.Composite {
		ids = append(ids, r.Applicant.ID)
	}
	return ids
}

func materialIDs(e *Evaluation) []string {
	var ids []string
	for _, r := range e.Material {
		ids = append(ids, r.Applicant.ID)
	}
	return ids
}
