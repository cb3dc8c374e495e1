package imports

import (
	"bytes"
	"testing"

	"qaward/award"
	"qaward/award/confidential"
)

// FuzzImportKinds feeds arbitrary bytes to the importers of groups,
// consensus sheets and profiles: none may panic, every refusal is an
// *Error naming the file, and what is accepted keeps the rules.
func FuzzImportKinds(f *testing.F) {
	f.Add(uint8(0), []byte("group_id,stage,leader_id,reviewer_id,applicant_id\nM1,material,R1,R1,O01\nM1,material,R1,R2,\n"))
	f.Add(uint8(1), []byte("stage,applicant_id,item_id,percent,reason\nmaterial,P01,P1,50,x\nmaterial,P01,P2,55,x\nmaterial,P01,P3,60,x\nmaterial,P01,P4,5,x\nmaterial,P01,P5,100,x\n"))
	f.Add(uint8(2), []byte("applicant_id,registered_in,legal_person,excellence_model,confidential\nO01,武冈市,是,否,industry;profile\n"))
	f.Add(uint8(3), []byte("applicant_id,name,number,valid_until\nO01,GB/T 19001,N1,2027-12-31\nP01,,,\n"))
	f.Add(uint8(4), []byte("applicant_id,date,kind,major,description\nO01,2024-11-05,safety,yes,火灾\n"))
	f.Add(uint8(5), []byte("applicant_id,award,year,cycle\nO01,wugang-mayor-award,2022,2022\n"))
	groups := []award.Group{{ID: "M1", Stage: award.Material, LeaderID: "R1", Members: []string{"R1"}, Applicants: []string{"P01"}}}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		tab, err := ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkErr(t, err)
			return
		}
		c := fuzzContext()
		var changes []ProfileChange
		switch kind % 6 {
		case 0:
			var gs []award.Group
			var as []award.Assignment
			gs, as, err = Groups(tab, c, groups)
			for _, g := range gs {
				if len(g.Members) == 0 || g.Members[0] != g.LeaderID {
					t.Fatalf("group %+v: the leader is not its first member", g)
				}
			}
			for _, a := range as {
				if c.Conflicts[a.ReviewerID+"\x00"+a.ApplicantID] {
					t.Fatalf("conflicted assignment %+v accepted", a)
				}
			}
		case 1:
			var ss []award.Sheet
			ss, err = Consensus(tab, c, groups, "office")
			for _, s := range ss {
				if !s.Complete() || !s.Submitted || !s.Consensus || s.Reason == "" {
					t.Fatalf("accepted a consensus sheet that does not count: %+v", s)
				}
			}
		case 2:
			changes, err = Profiles(tab, c)
		case 3:
			changes, err = Certificates(tab, c)
		case 4:
			changes, err = Incidents(tab, c)
		case 5:
			changes, err = PriorAwards(tab, c)
		}
		if err != nil {
			checkErr(t, err)
			return
		}
		for _, ch := range changes {
			var p award.Profile
			ch.Apply(&p)
			for _, field := range p.Confidential {
				if !contains(confidential.Fields, field) {
					t.Fatalf("unknown confidential field %q accepted", field)
				}
			}
		}
	})
}
