package importer

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/backend/imports"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/store"
	"qaward/store/access"
)

// kindsFixture is a cycle with two organisations and an individual, five
// reviewers and one declared conflict (R5 with O02); the applicants carry
// a profile already, so that each kind is seen to keep the rest of it.
func kindsFixture(t *testing.T) (*store.DB, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "k.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig(), Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}))
	old := award.Profile{RegisteredIn: "武冈市", Confidential: []string{"industry"},
		Certifications: []award.Certification{{Name: "旧证书", Number: "OLD-1", ValidUntil: "2025-01-01"}},
		Incidents:      []award.Incident{{Date: "2020-01-01", Kind: award.QualityIncident, Description: "旧记录"}},
		PriorAwards:    []award.PriorAward{{Award: award.WugangMayorNomination, Year: 2022}}}
	as := []award.Applicant{
		{ID: "O01", Kind: award.Organization, Name: "武冈市云山食品有限公司", CreditCode: "91430581000000037P", Founded: "2005-03-01", CriteriaSet: "gbt19580-2012", Status: award.Accepted, Profile: old},
		{ID: "O02", Kind: award.Organization, Name: "武冈市法相建设工程有限公司", CreditCode: "91430581000000074J", Founded: "2010-06-18", CriteriaSet: "gbt19580-2012", Status: award.Accepted, Profile: old},
		{ID: "P01", Kind: award.Individual, Name: "王建国", CriteriaSet: "individual", Status: award.Accepted},
	}
	must(st.PutApplicants("office", "2026", as))
	must(st.PutReviewers("office", "2026", []award.Reviewer{{ID: "R1", Name: "赵一"}, {ID: "R2", Name: "钱二"}, {ID: "R3", Name: "孙三"}, {ID: "R4", Name: "李四"}, {ID: "R5", Name: "周五"}}))
	must(st.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R5", ApplicantID: "O02", Reason: "曾在该单位任职"}}))
	return st, dir
}

// importFile writes content as name (CSV, or for .xlsx a workbook of the
// CSV's cells, with typed cells where typed says) and imports it.
func importFile(t *testing.T, st store.Store, dir, kind, name, content string, typed map[string]any) (int, error) {
	t.Helper()
	path := filepath.Join(dir, name)
	if strings.HasSuffix(name, ".xlsx") {
		writeXLSX(t, path, content, typed)
	} else if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, done, err := Open(path, "", nil)
	if err != nil {
		return 0, err
	}
	defer done()
	return Import(st, "office:test", "2026", kind, tab)
}

// writeXLSX writes the cells of a CSV text as a workbook's first sheet,
// as text, except the cells named in typed ("B2": true, "D3": a date).
func writeXLSX(t *testing.T, path, content string, typed map[string]any) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(content)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var val any = v
			if tv, ok := typed[cell]; ok {
				val = tv
			} else if v == "" {
				continue
			}
			if err := f.SetCellValue("Sheet1", cell, val); err != nil {
				t.Fatal(err)
			}
			if _, ok := val.(time.Time); ok {
				f.SetCellStyle("Sheet1", cell, cell, dateStyle)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func applicant(t *testing.T, st store.Store, id string) award.Applicant {
	t.Helper()
	a, err := st.Applicant("2026", id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestImportProfileKinds(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			st, dir := kindsFixture(t)
			day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
			xlsx := ext == ".xlsx"
			typed := func(m map[string]any) map[string]any {
				if xlsx {
					return m
				}
				return nil
			}

			// profiles: Chinese headers, 是/否 and a spreadsheet's TRUE
			n, err := importFile(t, st, dir, "profiles", "profiles"+ext,
				"申报编号,注册地,法人资格,卓越绩效管理模式,保密字段\nO01,武冈市,是,yes,certifications；incidents\nO02,邵阳市,否,no,\n", typed(map[string]any{"C2": true}))
			if err != nil || n != 2 {
				t.Fatalf("profiles: %d, %v", n, err)
			}
			o1, o2 := applicant(t, st, "O01"), applicant(t, st, "O02")
			if p := o1.Profile; p.RegisteredIn != "武冈市" || !p.LegalPerson || !p.ExcellenceModel ||
				!reflect.DeepEqual(p.Confidential, []string{"certifications", "incidents"}) || len(p.Certifications) != 1 || len(p.PriorAwards) != 1 {
				t.Errorf("O01 profile %+v", p)
			}
			if p := o2.Profile; p.RegisteredIn != "邵阳市" || p.LegalPerson || p.ExcellenceModel || len(p.Confidential) != 0 || len(p.Incidents) != 1 {
				t.Errorf("O02 profile %+v", p)
			}
			if o1.Name != "武冈市云山食品有限公司" || o1.CreditCode != "91430581000000037P" || o1.Status != award.Accepted {
				t.Errorf("O01 record changed beyond its profile: %+v", o1)
			}
			// a table with only some columns changes only those
			if _, err := importFile(t, st, dir, "profiles", "legal"+ext, "applicant_id,legal_person\nO02,yes\n", nil); err != nil {
				t.Fatal(err)
			}
			if p := applicant(t, st, "O02").Profile; !p.LegalPerson || p.RegisteredIn != "邵阳市" {
				t.Errorf("O02 after legal_person only: %+v", p)
			}

			// certificates replace those of the applicants named
			n, err = importFile(t, st, dir, "certificates", "certificates"+ext,
				"applicant_id,name,number,valid_until\nO01,GB/T 19001 质量管理体系,00123Q4567,2027-12-31\nO01,GB/T 24001 环境管理体系,00123E4567,2028-06-30\n",
				typed(map[string]any{"D2": day("2027-12-31")}))
			if err != nil || n != 2 {
				t.Fatalf("certificates: %d, %v", n, err)
			}
			want := []award.Certification{{Name: "GB/T 19001 质量管理体系", Number: "00123Q4567", ValidUntil: "2027-12-31"},
				{Name: "GB/T 24001 环境管理体系", Number: "00123E4567", ValidUntil: "2028-06-30"}}
			if got := applicant(t, st, "O01").Profile.Certifications; !reflect.DeepEqual(got, want) {
				t.Errorf("O01 certificates %+v", got)
			}
			if got := applicant(t, st, "O02").Profile.Certifications; len(got) != 1 || got[0].Number != "OLD-1" {
				t.Errorf("O02 certificates changed: %+v", got)
			}

			// incidents; a row with only the applicant records none
			n, err = importFile(t, st, dir, "incidents", "incidents"+ext,
				"申报编号,发生日期,类型,较大及以上,说明\nO02,2024-11-05,safety,是,仓库火灾\nO02,2023-02-01,违法,否,未按规定公示年报\nO01,,,,\n",
				typed(map[string]any{"B2": day("2024-11-05"), "D3": false}))
			if err != nil || n != 2 {
				t.Fatalf("incidents: %d, %v", n, err)
			}
			wantIn := []award.Incident{{Date: "2024-11-05", Kind: award.SafetyIncident, Major: true, Description: "仓库火灾"},
				{Date: "2023-02-01", Kind: award.Violation, Description: "未按规定公示年报"}}
			if got := applicant(t, st, "O02").Profile.Incidents; !reflect.DeepEqual(got, wantIn) {
				t.Errorf("O02 incidents %+v", got)
			}
			if got := applicant(t, st, "O01").Profile.Incidents; got != nil {
				t.Errorf("O01 incidents %+v, want none", got)
			}

			// prior awards
			n, err = importFile(t, st, dir, "prior-awards", "prior"+ext,
				"applicant_id,award,year,cycle\nO02,邵阳市市长质量奖,2023,\nO02,wugang-mayor-award,2022,2022\nP01,,,\n",
				typed(map[string]any{"C2": 2023}))
			if err != nil || n != 2 {
				t.Fatalf("prior awards: %d, %v", n, err)
			}
			wantPA := []award.PriorAward{{Award: award.ShaoyangMayorAward, Year: 2023}, {Award: award.WugangMayorAward, Year: 2022, Cycle: "2022"}}
			if got := applicant(t, st, "O02").Profile.PriorAwards; !reflect.DeepEqual(got, wantPA) {
				t.Errorf("O02 prior awards %+v", got)
			}
			if got := applicant(t, st, "O01").Profile.PriorAwards; len(got) != 1 {
				t.Errorf("O01 prior awards changed: %+v", got)
			}

			// what eligibility makes of it (as of the cycle's creation)
			cy, _ := st.Cycle("2026")
			e := award.CheckEligibility(applicant(t, st, "O01"), "2026", cy.Created, award.History{})
			if !e.Eligible() {
				t.Errorf("O01 not eligible: %+v", e.Failures())
			}
			e = award.CheckEligibility(applicant(t, st, "O02"), "2026", cy.Created, award.History{})
			if len(e.Failures()) < 3 {
				t.Errorf("O02 fails %+v, want registration, certificate, incidents and Art. 10", e.Failures())
			}
			if faults, err := st.Verify(); err != nil || len(faults) != 0 {
				t.Errorf("verify: %v %v", faults, err)
			}
		})
	}
}

func TestImportGroups(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			st, dir := kindsFixture(t)
			n, err := importFile(t, st, dir, "groups", "groups"+ext, `group_id,stage,leader_id,reviewer_id,applicant_id,name
M1,material,R1,R2,O01,材料评审第一组
M1,材料评审,R1,R1,O01,
M1,material,R1,R2,O02,
M1,material,R1,R3,,
S1,onsite,R4,R4,O01,
S1,onsite,R4,R5,O01,
`, nil)
			if err != nil || n != 2 {
				t.Fatalf("groups: %d, %v", n, err)
			}
			gs, _ := st.Groups("2026")
			want := []award.Group{
				{ID: "M1", Stage: award.Material, Name: "材料评审第一组", LeaderID: "R1", Members: []string{"R1", "R2", "R3"}, Applicants: []string{"O01", "O02"}},
				{ID: "S1", Stage: award.Onsite, Name: "S1", LeaderID: "R4", Members: []string{"R4", "R5"}, Applicants: []string{"O01"}},
			}
			if !reflect.DeepEqual(gs, want) {
				t.Errorf("groups\n%+v\nwant\n%+v", gs, want)
			}
			as, _ := st.Assignments("2026")
			wantAs := []award.Assignment{
				{Stage: award.Material, ApplicantID: "O01", ReviewerID: "R1"}, {Stage: award.Material, ApplicantID: "O01", ReviewerID: "R2"},
				{Stage: award.Material, ApplicantID: "O02", ReviewerID: "R2"},
				{Stage: award.Onsite, ApplicantID: "O01", ReviewerID: "R4"}, {Stage: award.Onsite, ApplicantID: "O01", ReviewerID: "R5"},
			}
			if !reflect.DeepEqual(as, wantAs) {
				t.Errorf("assignments\n%+v\nwant\n%+v", as, wantAs)
			}
			// a re-import replaces the group and keeps its stored name
			if _, err := importFile(t, st, dir, "groups", "again"+ext, "评审组编号,阶段,组长,评审员编号,申报编号\nM1,material,R2,R2,P01\n", nil); err != nil {
				t.Fatal(err)
			}
			gs, _ = st.Groups("2026")
			if g := gs[0]; g.LeaderID != "R2" || g.Name != "材料评审第一组" || !reflect.DeepEqual(g.Applicants, []string{"P01"}) {
				t.Errorf("replaced group %+v", g)
			}
		})
	}
}

// consensusCSV is a consensus sheet of an organisation: every item at pct
// except those given.
func consensusCSV(stage, app string, pct string, reason string, except map[string]string) string {
	var b strings.Builder
	for _, it := range criteria.Default("organization").Items() {
		p := pct
		if v, ok := except[it.ID]; ok {
			p = v
		}
		b.WriteString(stage + "," + app + "," + it.ID + "," + p + "," + reason + "\n")
	}
	return b.String()
}

func TestImportConsensus(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			st, dir := kindsFixture(t)
			if _, err := importFile(t, st, dir, "groups", "groups.csv", "group_id,stage,leader_id,reviewer_id,applicant_id\nM1,material,R1,R1,O01\nM1,material,R1,R2,O01\nM1,material,R1,R3,O01\n", nil); err != nil {
				t.Fatal(err)
			}
			scores := "stage,applicant_id,reviewer_id,item_id,percent\n"
			for _, r := range []struct{ id, p string }{{"R1", "60"}, {"R2", "70"}, {"R3", "80"}} {
				for _, it := range criteria.Default("organization").Items() {
					scores += "material,O01," + r.id + "," + it.ID + "," + r.p + "\n"
				}
			}
			if _, err := importFile(t, st, dir, "scores", "scores.csv", scores, nil); err != nil {
				t.Fatal(err)
			}
			// O01 (group M1, leader R1) at 75 % but 4.1.2 (50 points) at 80 %:
			// 750.00 + 50 × 5 % = 752.50; O02 has no group: the office's name
			content := "阶段,申报编号,条款,得分率,共识理由\n" +
				consensusCSV("material", "O01", "75", "组长负责制：经合议一致", map[string]string{"4.1.2": "80%"}) +
				consensusCSV("onsite", "O02", "50", "按签字纸质表录入", nil)
			n, err := importFile(t, st, dir, "consensus", "consensus"+ext, content, nil)
			if err != nil || n != 2 {
				t.Fatalf("consensus: %d, %v", n, err)
			}
			var got []award.Sheet
			st.Consensus("2026", func(s award.Sheet) error { got = append(got, s); return nil })
			if len(got) != 2 {
				t.Fatalf("%d consensus sheets", len(got))
			}
			c := got[0]
			if c.Stage != award.Material || c.ApplicantID != "O01" || c.ReviewerID != "R1" || !c.Consensus || !c.Submitted ||
				c.Reason != "组长负责制：经合议一致" || c.Percents[0] != 80 || c.Percents[1] != 75 {
				t.Errorf("O01 consensus %+v", c)
			}
			if got[1].ReviewerID != "office:test" || got[1].Stage != award.Onsite {
				t.Errorf("O02 consensus %+v", got[1])
			}
			// it counts as the stage score (rule 4: submitted, complete, with
			// a written reason; the ranking through the command line is in
			// cmd/qaward's TestScenarioImportKinds)
			set, _ := criteria.Lookup(c.CriteriaSet)
			if err := scoring.CheckConsensus(set, &c); err != nil {
				t.Errorf("O01 consensus does not count: %v", err)
			}
			if total := scoring.SheetTotal(set, c.Percents); total != 75250 {
				t.Errorf("O01 consensus total %v, want 752.50", total)
			}
		})
	}
}

func TestReimportApplicantsKeepsProfile(t *testing.T) {
	st, dir := kindsFixture(t)
	before := applicant(t, st, "O01")
	if _, err := importFile(t, st, dir, "applicants", "a.csv",
		"id,kind,name,industry,credit_code,founded\nO01,organization,武冈市云山食品股份有限公司,食品制造,91430581000000037P,2005-03-01\n", nil); err != nil {
		t.Fatal(err)
	}
	after := applicant(t, st, "O01")
	if after.Name != "武冈市云山食品股份有限公司" || !reflect.DeepEqual(after.Profile, before.Profile) || after.Status != before.Status {
		t.Errorf("re-imported O01 %+v\nbefore %+v", after, before)
	}
}

func dbHash(t *testing.T, st store.Store) [32]byte {
	t.Helper()
	b, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestImportKindsRefuseBadFiles imports one bad file per rule: each is
// refused with its file, line, column and field, and the database file
// stays byte for byte the same.
func TestImportKindsRefuseBadFiles(t *testing.T) {
	st, dir := kindsFixture(t)
	if _, err := importFile(t, st, dir, "groups", "g.csv", "group_id,stage,leader_id,reviewer_id,applicant_id\nM1,material,R1,R1,O01\nM1,material,R1,R2,O01\n", nil); err != nil {
		t.Fatal(err)
	}
	good := consensusCSV("material", "O01", "70", "合议", nil)
	consensus := func(body string) string { return "stage,applicant_id,item_id,percent,reason\n" + body }
	lines := strings.Split(good, "\n")
	cases := []struct {
		name, kind, content string
		line, col           int
		field               string
		want                string
	}{
		// profiles
		{"unknown applicant", "profiles", "applicant_id,legal_person\nO01,yes\nO99,yes\n", 3, 1, "applicant_id", "unknown applicant"},
		{"not yes or no", "profiles", "applicant_id,registered_in,legal_person\nO01,武冈市,maybe\n", 2, 3, "legal_person", "yes or no"},
		{"empty yes-no", "profiles", "applicant_id,excellence_model\nO01,\n", 2, 2, "excellence_model", "是 or 否"},
		{"unknown confidential field", "profiles", "applicant_id,confidential\nO01,industry;salary\n", 2, 2, "confidential", `"salary"`},
		{"duplicate profile", "profiles", "applicant_id,legal_person\nO01,yes\nO01,no\n", 3, 1, "applicant_id", "line 2"},
		{"no profile column", "profiles", "applicant_id,name\nO01,x\n", 1, 2, "name", "unknown column"},
		// certificates
		{"bad date", "certificates", "applicant_id,name,number,valid_until\nO01,GB/T 19001,N1,2027-02-30\n", 2, 4, "valid_until", "YYYY-MM-DD"},
		{"certificate without number", "certificates", "applicant_id,name,number,valid_until\nO01,GB/T 19001,,2027-12-31\n", 2, 3, "number", "empty"},
		{"duplicate certificate", "certificates", "applicant_id,name,number,valid_until\nO01,A,N1,2027-12-31\nO01,B,N1,2028-12-31\n", 3, 3, "number", "line 2"},
		{"none and one", "certificates", "applicant_id,name,number,valid_until\nO01,A,N1,2027-12-31\nO01,,,\n", 3, 1, "applicant_id", "line 2"},
		{"missing column", "certificates", "applicant_id,name,number\nO01,A,N1\n", 1, 0, "valid_until", "missing column"},
		// incidents
		{"unknown incident kind", "incidents", "applicant_id,date,kind,major,description\nO01,2024-01-01,fire,yes,x\n", 2, 3, "kind", "public-health"},
		{"major not yes/no", "incidents", "applicant_id,date,kind,major,description\nO01,2024-01-01,safety,较大,x\n", 2, 4, "major", "yes or no"},
		{"incident without description", "incidents", "applicant_id,date,kind,major,description\nO01,2024-01-01,safety,no,\n", 2, 5, "description", "empty"},
		{"incident date", "incidents", "applicant_id,date,kind,major,description\nO01,2024/01/01,safety,no,x\n", 2, 2, "date", "YYYY-MM-DD"},
		// prior awards
		{"unknown award", "prior-awards", "applicant_id,award,year\nO01,nobel-prize,2020\n", 2, 2, "award", "china-quality-award"},
		{"bad year", "prior-awards", "applicant_id,award,year\nO01,china-quality-award,20\n", 2, 3, "year", "four digits"},
		{"duplicate award", "prior-awards", "applicant_id,award,year\nO01,中国质量奖,2020\nO01,china-quality-award,2020\n", 3, 2, "award", "line 2"},
		{"cycle of another award", "prior-awards", "applicant_id,award,year,cycle\nO01,china-quality-award,2020,2020\n", 2, 4, "cycle", "Wugang"},
		// groups
		{"group conflict", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nM2,material,R3,R3,P01\nM2,material,R3,R5,O02\n", 3, 4, "reviewer_id", "conflict"},
		{"conflicted leader", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R5,R5,P01\nS2,onsite,R5,R4,O02\n", 3, 3, "leader_id", "conflict"},
		{"two leaders", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,O01\nS2,onsite,R4,R4,O01\n", 3, 3, "leader_id", "one leader"},
		{"two stages", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,O01\nS2,material,R3,R4,O01\n", 3, 2, "stage", "one stage"},
		{"leader not a member", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R4,O01\n", 2, 3, "leader_id", "not one of its members"},
		{"unknown reviewer", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,\nS2,onsite,R3,R9,\n", 3, 4, "reviewer_id", "unknown reviewer"},
		{"unknown applicant in group", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,O77\n", 2, 5, "applicant_id", "unknown applicant"},
		{"applicant in two groups", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,O01\nS3,onsite,R4,R4,O01\n", 3, 5, "applicant_id", "one group per stage"},
		{"applicant in a stored group", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nM2,material,R3,R3,O01\n", 2, 5, "applicant_id", "stored group M1"},
		{"duplicate group row", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS2,onsite,R3,R3,O01\nS2,onsite,R3,R3,O01\n", 3, 4, "reviewer_id", "line 2"},
		{"bad group ID", "groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nS 2,onsite,R3,R3,O01\n", 2, 1, "group_id", "an ID is"},
		// consensus
		{"percent not a step", "consensus", consensus(strings.Replace(good, "4.1.3,70", "4.1.3,72", 1)), 3, 4, "percent", "0, 5, 10"},
		{"incomplete consensus", "consensus", consensus(strings.Join(lines[1:], "\n")), 2, 3, "item_id", "4.1.2"},
		{"different reasons", "consensus", consensus(strings.Replace(good, "4.1.4,70,合议", "4.1.4,70,另议", 1)), 4, 5, "reason", "line 2"},
		{"empty reason", "consensus", consensus(strings.Replace(good, "4.1.2,70,合议", "4.1.2,70,", 1)), 2, 5, "reason", "empty"},
		{"duplicate item", "consensus", consensus(good + "material,O01,4.1.2,70,合议\n"), 25, 3, "item_id", "line 2"},
		{"item of another set", "consensus", consensus(strings.Replace(good, "4.1.3,", "P1,", 1)), 3, 3, "item_id", "P1"},
		{"unknown stage", "consensus", consensus(strings.Replace(good, "material,O01,4.1.3", "final,O01,4.1.3", 1)), 3, 1, "stage", "material or onsite"},
	}
	before := dbHash(t, st)
	for _, c := range cases {
		for _, ext := range []string{".csv", ".xlsx"} {
			name := strings.NewReplacer(" ", "-", "/", "-").Replace(c.name) + ext
			_, err := importFile(t, st, dir, c.kind, name, c.content, nil)
			var ie *imports.Error
			if !errors.As(err, &ie) {
				t.Errorf("%s %s: %v, want a positioned error", c.kind, name, err)
				continue
			}
			if ie.Line != c.line || ie.Column != c.col || ie.Field != c.field || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), name) {
				t.Errorf("%s %s: %v\n  at line %d column %d field %q; want %d:%d %q, %q", c.kind, name, err, ie.Line, ie.Column, ie.Field, c.line, c.col, c.field, c.want)
			}
			if ext == ".csv" && c.line > 0 && c.col > 0 {
				if pos := name + ":" + strconv.Itoa(c.line) + ":" + strconv.Itoa(c.col) + ": " + c.field; !strings.Contains(err.Error(), pos) {
					t.Errorf("%s: %v does not name %s", name, err, pos)
				}
			}
		}
	}
	if dbHash(t, st) != before {
		t.Error("refused files changed the database file")
	}
}

// A leader who declared a conflict after the groups were made does not
// record the consensus of that applicant: the office does.
func TestImportConsensusConflictedLeader(t *testing.T) {
	st, dir := kindsFixture(t)
	if _, err := importFile(t, st, dir, "groups", "g.csv", "group_id,stage,leader_id,reviewer_id,applicant_id\nM1,material,R1,R1,O01\nM1,material,R1,R2,O01\n", nil); err != nil {
		t.Fatal(err)
	}
	if err := st.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R1", ApplicantID: "O01", Reason: "新近入职该单位"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, st, dir, "consensus", "c.csv", "stage,applicant_id,item_id,percent,reason\n"+consensusCSV("material", "O01", "70", "合议", nil), nil); err != nil {
		t.Fatal(err)
	}
	st.Consensus("2026", func(s award.Sheet) error {
		if s.ReviewerID != "office:test" {
			t.Errorf("consensus recorded by %s, want the office", s.ReviewerID)
		}
		return nil
	})
}

// The terminal UI imports through the office's view of the store
// (store/access): the kinds that need the store's optional methods find
// them there, and a reviewer's view refuses them.
func TestImportKindsThroughView(t *testing.T) {
	st, dir := kindsFixture(t)
	view := access.Wrap(st, access.Person{ID: "office:test", Role: access.Office})
	tables := []struct{ kind, content string }{
		{"groups", "group_id,stage,leader_id,reviewer_id,applicant_id\nM1,material,R1,R1,O01\n"},
		{"profiles", "applicant_id,legal_person\nO01,yes\n"},
		{"certificates", "applicant_id,name,number,valid_until\nO01,GB/T 19001,N1,2027-12-31\n"},
		{"consensus", "stage,applicant_id,item_id,percent,reason\n" + consensusCSV("material", "O01", "70", "合议", nil)},
	}
	for _, c := range tables {
		if _, err := importFile(t, view, dir, c.kind, c.kind+".csv", c.content, nil); err != nil {
			t.Errorf("office view, %s: %v", c.kind, err)
		}
	}
	before := dbHash(t, st)
	rv := access.Wrap(st, access.Person{ID: "R1", Role: access.Leader}) // sees O01, assigned to it
	for _, c := range tables {
		if _, err := importFile(t, rv, dir, c.kind, c.kind+".csv", c.content, nil); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("leader's view, %s: %v, want ErrForbidden", c.kind, err)
		}
	}
	if dbHash(t, st) != before {
		t.Error("a reviewer's refused imports changed the database")
	}
}
