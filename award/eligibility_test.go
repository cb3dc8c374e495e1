package award

import (
	"strings"
	"testing"
	"time"
)

// eligibleOrg passes every rule as of 2026-03-01.
func eligibleOrg() Applicant {
	return Applicant{ID: "A1", Kind: Organization, Name: "武冈市云山食品有限公司", CreditCode: "91430581000000037P", Founded: "2015-06-01",
		Profile: Profile{RegisteredIn: "武冈市", LegalPerson: true, ExcellenceModel: true,
			Certifications: []Certification{{Name: "GB/T 19001", Number: "00123Q", ValidUntil: "2027-12-31"}}}}
}

var callDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func failedArticle(t *testing.T, e Eligibility, article, evidence string) {
	t.Helper()
	for _, c := range e.Failures() {
		if c.Article == article && strings.Contains(c.Evidence, evidence) {
			return
		}
	}
	t.Errorf("no failure of %s with evidence %q in %+v", article, evidence, e.Failures())
}

func TestEligibilityPerArticle(t *testing.T) {
	h := History{}
	if e := CheckEligibility(eligibleOrg(), "2026", callDate, h); !e.Eligible() {
		t.Fatalf("eligible organisation refused: %+v", e.Failures())
	}
	cases := []struct {
		name, article, evidence string
		change                  func(*Applicant)
	}{
		{"registered elsewhere", "第八条(二)", "430100", func(a *Applicant) { a.Profile.RegisteredIn = "长沙市"; a.CreditCode = "91430100000000037X" }},
		{"not a legal person", "第八条(二)", "不具有法人资格", func(a *Applicant) { a.Profile.LegalPerson = false }},
		{"legal person not recorded", "第八条(二)", "未登记法人资格", func(a *Applicant) { a.Profile = Profile{} }},
		{"under three years", "第八条(二)", "不满3年", func(a *Applicant) { a.Founded = "2023-03-02" }},
		{"no founding date", "第八条(二)", "未登记成立日期", func(a *Applicant) { a.Founded = "" }},
		{"certificate expired", "第八条(三)", "无有效期内", func(a *Applicant) { a.Profile.Certifications[0].ValidUntil = "2026-02-28" }},
		{"no excellence model", "第八条(三)", "未实施卓越绩效", func(a *Applicant) { a.Profile.ExcellenceModel = false }},
		{"major accident within 3 years", "第八条(七)", "2023-05-01", func(a *Applicant) {
			a.Profile.Incidents = []Incident{{Date: "2023-05-01", Kind: SafetyIncident, Major: true, Description: "车间火灾"}}
		}},
		{"violation within 3 years", "第八条(七)", "虚假宣传", func(a *Applicant) {
			a.Profile.Incidents = []Incident{{Date: "2025-01-10", Kind: Violation, Description: "虚假宣传"}}
		}},
		{"China Quality Award", "第十条", "中国质量奖", func(a *Applicant) {
			a.Profile.PriorAwards = []PriorAward{{Award: ChinaQualityAward, Year: 2021}}
		}},
		{"Shaoyang mayor's award", "第十条", "邵阳市市长质量奖", func(a *Applicant) {
			a.Profile.PriorAwards = []PriorAward{{Award: ShaoyangMayorAward, Year: 2024}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := eligibleOrg()
			c.change(&a)
			e := CheckEligibility(a, "2026", callDate, h)
			if e.Eligible() {
				t.Fatal("accepted")
			}
			failedArticle(t, e, c.article, c.evidence)
		})
	}
	// a major accident four years ago and a minor one last year do not count
	a := eligibleOrg()
	a.Profile.Incidents = []Incident{{Date: "2022-01-10", Kind: QualityIncident, Major: true}, {Date: "2025-06-01", Kind: QualityIncident}}
	if e := CheckEligibility(a, "2026", callDate, h); !e.Eligible() {
		t.Errorf("old or minor incidents refused: %+v", e.Failures())
	}
}

func cyclesFrom(years ...int) []Cycle {
	var cs []Cycle
	for _, y := range years {
		cs = append(cs, Cycle{ID: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), Created: time.Date(y, 1, 15, 0, 0, 0, 0, time.UTC)})
	}
	return cs
}

// TestTwoCycleBans: a winner of 2020 may not apply in 2022 and 2024 but may
// in 2026 (Art. 10); a nomination bars nothing; an award revoked for fraud
// in 2021 bars the 2022 and 2024 cycles (Art. 30).
func TestTwoCycleBans(t *testing.T) {
	h := History{Cycles: cyclesFrom(2020, 2022, 2024, 2026)}
	org := eligibleOrg()
	h.Wins = []Win{{Identity: Identity(org), Cycle: "2020", Award: true}}
	for cycle, banned := range map[string]bool{"2022": true, "2024": true, "2026": false} {
		e := CheckEligibility(org, cycle, callDate, h)
		if e.Eligible() == banned {
			t.Errorf("winner of 2020 applying in %s: eligible %v", cycle, e.Eligible())
		}
		if banned {
			failedArticle(t, e, "第十条", "2020")
		}
	}
	h.Wins = []Win{{Identity: Identity(org), Cycle: "2024", Award: false}}
	if e := CheckEligibility(org, "2026", callDate, h); !e.Eligible() {
		t.Errorf("a nomination barred the next cycle: %+v", e.Failures())
	}
	h.Wins = nil
	h.Revocations = []Revocation{{Identity: Identity(org), Cycle: "2020", Date: "2021-06-01", Reason: "申报材料造假", Fraud: true}}
	for cycle, banned := range map[string]bool{"2022": true, "2024": true, "2026": false} {
		e := CheckEligibility(org, cycle, callDate, h)
		if e.Eligible() == banned {
			t.Errorf("fraud revoked 2021, applying in %s: eligible %v", cycle, e.Eligible())
		}
		if banned {
			failedArticle(t, e, "第三十条", "申报材料造假")
		}
	}
	// a revocation for another reason does not bar
	h.Revocations[0].Fraud = false
	if e := CheckEligibility(org, "2022", callDate, h); !e.Eligible() {
		t.Errorf("non-fraud revocation barred: %+v", e.Failures())
	}
}

func TestIndividualEligibility(t *testing.T) {
	p := Applicant{ID: "P1", Kind: Individual, Name: "王建国"}
	if e := CheckEligibility(p, "2026", callDate, History{}); !e.Eligible() {
		t.Fatalf("individual refused: %+v", e.Failures())
	}
	p.Profile.Incidents = []Incident{{Date: "2025-03-03", Kind: Violation, Description: "违纪"}}
	failedArticle(t, CheckEligibility(p, "2026", callDate, History{}), "第九条(一)", "违纪")
}
