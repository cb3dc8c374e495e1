package sample

import (
	"math/rand/v2"
	"time"

	"qaward/award"
)

// DemoCycle is the ID of the demo cycle.
const DemoCycle = "2026"

// Demo is the sample cycle `qaward demo` opens: twelve applicants (ten
// organisations, two individuals), seven reviewers in a material group led
// by R001 (R001–R005) and an on-site group led by R006 (R003, R004, R006,
// R007), one declared conflict (R007 with A0002), and sheets submitted,
// half done and untouched.
func Demo() Dataset {
	rng := rand.New(rand.NewPCG(2026, 0x5a17))
	created := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	d := Dataset{Cycle: award.Cycle{ID: DemoCycle, Created: created, Config: award.DefaultConfig()}}
	d.Cycle.ConfigText = "# 武冈市市长质量奖 2026 届：默认评审规则\n"
	d.Applicants = applicants(rng, 12, func(i int) bool { return i >= 10 })
	// one organisation with a reason to be found ineligible (Art. 8(7))
	d.Applicants[8].Profile.Incidents = []award.Incident{{Date: "2024-11-05", Kind: award.SafetyIncident, Major: true, Description: "仓库火灾，直接经济损失120万元"}}
	d.Applicants[3].Profile.Confidential = []string{"certifications"}
	d.Reviewers = reviewers(rng, 7)
	ids := func(is ...int) []string {
		var out []string
		for _, i := range is {
			out = append(out, d.Reviewers[i].ID)
		}
		return out
	}
	material := award.Group{ID: "material-01", Stage: award.Material, Name: "材料评审组", LeaderID: d.Reviewers[0].ID, Members: ids(0, 1, 2, 3, 4)}
	onsite := award.Group{ID: "onsite-01", Stage: award.Onsite, Name: "现场评审组", LeaderID: d.Reviewers[5].ID, Members: ids(5, 2, 3, 6)}
	d.Conflicts = []award.Conflict{{ReviewerID: d.Reviewers[6].ID, ApplicantID: d.Applicants[1].ID, Reason: "近亲属在该单位担任管理职务"}}
	quality := []int{80, 72, 68, 75, 60, 55, 64, 48, 40, 35, 70, 58}
	for i, a := range d.Applicants {
		material.Applicants = append(material.Applicants, a.ID)
		for m, rid := range material.Members {
			d.demoSheet(rng, award.SheetKey{Stage: award.Material, ApplicantID: a.ID, ReviewerID: rid}, a, quality[i]+m*2-4, demoProgress(i, m, 8), created)
		}
	}
	// on-site: the six best organisations and the better individual
	for _, i := range []int{0, 1, 2, 3, 4, 6, 10} {
		a := d.Applicants[i]
		onsite.Applicants = append(onsite.Applicants, a.ID)
		for m, rid := range onsite.Members {
			if d.conflicted(rid, a.ID) {
				continue
			}
			d.demoSheet(rng, award.SheetKey{Stage: award.Onsite, ApplicantID: a.ID, ReviewerID: rid}, a, quality[i]+m*3-3, demoProgress(i, m, 2), created)
		}
		if a.Kind == award.Organization && i < 3 {
			d.Satisfaction = append(d.Satisfaction, award.Satisfaction{ApplicantID: a.ID, CSI: award.Score(7800 + quality[i]*10), Responses: 200 + 15*i})
		}
	}
	d.Groups = []award.Group{material, onsite}
	return d
}

// demoProgress says how far a member got with an applicant's sheet: the
// first `done` applicants are submitted by everyone; after that, member m
// has submitted, half done or not started.
func demoProgress(applicant, member, done int) int {
	if applicant < done {
		return 2
	}
	return (applicant + member) % 3
}

func (d *Dataset) conflicted(rid, aid string) bool {
	for _, c := range d.Conflicts {
		if c.ReviewerID == rid && c.ApplicantID == aid {
			return true
		}
	}
	return false
}

// demoSheet assigns the reviewer and, by progress (0 untouched, 1 half done,
// 2 submitted), adds their sheet.
func (d *Dataset) demoSheet(rng *rand.Rand, key award.SheetKey, a award.Applicant, level, progress int, at time.Time) {
	d.Assignments = append(d.Assignments, award.Assignment(key))
	if progress == 0 {
		return
	}
	s := scoredSheet(rng, key, a, level, true)
	s.Updated = at
	if progress == 1 {
		for i := len(s.Percents) / 2; i < len(s.Percents); i++ {
			s.Percents[i] = award.Unscored
			s.Strengths[i], s.Improvements[i] = "", ""
		}
		s.Submitted = false
	}
	d.Sheets = append(d.Sheets, s)
}
