package sample

import (
	"fmt"
	"slices"
	"time"

	"qaward/award"
)

// eligibilityCases gives some of a synthetic cycle's applicants, by
// position, records that decide an eligibility rule (as of the cycle's
// call in March 2026), so that a whole procedure meets each kind of
// failure. Of every fifty applicants:
//
//	3  a major safety accident in 2025: fails Art. 8(7)
//	11 a branch without legal personality: fails Art. 8(2)
//	23 its only certificate expired in 2025: fails Art. 8(3)
//	37 won the Shaoyang Mayor's Quality Award in 2024: fails Art. 10
//	17 a minor quality incident in 2024 (passes: not major)
//	29 a Wugang nomination award of 2024 (passes: the nomination does not bar)
//	41 declared its certificates confidential (Art. 37)
//
// and of every hundred, the individual at 39 has a violation on record:
// fails Art. 9(1). Positions 3–41 are organisations (individuals are at
// 19 modulo 20).
func eligibilityCases(as []award.Applicant) {
	for i := range as {
		p := &as[i].Profile
		if as[i].Kind == award.Individual {
			if i%100 == 39 {
				p.Incidents = []award.Incident{{Date: "2024-08-16", Kind: award.Violation, Description: "因虚假宣传受到行政处罚"}}
			}
			continue
		}
		switch i % 50 {
		case 3:
			p.Incidents = []award.Incident{{Date: "2025-05-12", Kind: award.SafetyIncident, Major: true, Description: "生产车间火灾，直接经济损失150万元"}}
		case 11:
			p.LegalPerson = false
		case 23:
			for c := range p.Certifications {
				p.Certifications[c].ValidUntil = "2025-06-30"
			}
		case 37:
			p.PriorAwards = []award.PriorAward{{Award: award.ShaoyangMayorAward, Year: 2024}}
		case 17:
			p.Incidents = []award.Incident{{Date: "2024-03-20", Kind: award.QualityIncident, Description: "一批次产品标签不合格，已召回整改"}}
		case 29:
			p.PriorAwards = []award.PriorAward{{Award: award.WugangMayorNomination, Year: 2024, Cycle: "2024"}}
		case 41:
			p.Confidential = []string{"certifications"}
		}
	}
}

// consensusSheets records, for the applicants that pick chooses (by
// position), the material group's consensus: each item at the mean of the
// group's percentages rounded half up to a step of 5, submitted by the
// leader with a written reason.
func consensusSheets(d Dataset, pick func(i int) bool, at time.Time) []award.Sheet {
	var out []award.Sheet
	for i, a := range d.Applicants {
		if !pick(i) {
			continue
		}
		leader := ""
		for _, g := range d.Groups {
			if g.Stage == award.Material && slices.Contains(g.Applicants, a.ID) {
				leader = g.LeaderID
				break
			}
		}
		var sum []int
		n := 0
		var set string
		for _, s := range d.Sheets {
			if s.Stage != award.Material || s.ApplicantID != a.ID || !s.Submitted || !s.Complete() {
				continue
			}
			if sum == nil {
				sum, set = make([]int, len(s.Percents)), s.CriteriaSet
			}
			for k, p := range s.Percents {
				sum[k] += p
			}
			n++
		}
		if leader == "" || n == 0 {
			continue
		}
		c := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: a.ID, ReviewerID: leader}, set, len(sum))
		for k := range sum {
			c.Percents[k] = (2*sum[k] + 5*n) / (10 * n) * 5
		}
		c.Consensus, c.Submitted, c.Updated = true, true, at
		c.Reason = fmt.Sprintf("组长负责制：经%d名评审员合议，各条款取一致意见（纸质共识表已签字）", n)
		out = append(out, c)
	}
	return out
}
