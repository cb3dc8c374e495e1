package imports

import (
	"bytes"
	"errors"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

// fuzzContext is a small cycle the fuzzed tables are checked against.
func fuzzContext() *Context {
	as := []award.Applicant{
		{ID: "O01", Kind: award.Organization, CriteriaSet: "gbt19580-2012"},
		{ID: "P01", Kind: award.Individual, CriteriaSet: "individual"},
	}
	rs := []award.Reviewer{{ID: "R1"}, {ID: "R2"}}
	cs := []award.Conflict{{ReviewerID: "R2", ApplicantID: "P01", Reason: "x"}}
	return NewContext(as, rs, cs, criteria.BuiltinCatalog(),
		award.Survey{Low: 1, High: 5})
}

func defaultSet(id string, kind award.Kind) (string, error) {
	if id == "" {
		return criteria.Default(string(kind)).ID, nil
	}
	if _, ok := criteria.Lookup(id); !ok {
		return "", errors.New("unknown set")
	}
	return id, nil
}

// FuzzImport feeds arbitrary bytes to every importer: none may panic, and
// every refusal must be an *Error naming the file.
func FuzzImport(f *testing.F) {
	f.Add(uint8(0), []byte("id,kind,name,industry,credit_code,founded\nN1,organization,甲,食品,91330100716105852F,2001-01-01\nP9,individual,乙,,,\n"))
	f.Add(uint8(1), []byte("id,name,affiliation\nR3,张三,某单位\n"))
	f.Add(uint8(2), []byte("reviewer_id,applicant_id,reason\nR1,O01,亲属\n"))
	f.Add(uint8(3), []byte("stage,applicant_id,reviewer_id,item_id,percent,strengths,improvements\nmaterial,P01,R1,P1,50,,\nmaterial,P01,R1,P2,55,好,\nmaterial,P01,R1,P3,60,,\nmaterial,P01,R1,P4,5,,\nmaterial,P01,R1,P5,100,,\n"))
	f.Add(uint8(4), []byte("applicant_id,csi,responses\nO01,80.25,120\n"))
	f.Add(uint8(5), []byte("applicant_id,respondent,q1,q2\nO01,a,5,4\nO01,b,3,1\n"))
	f.Add(uint8(3), []byte("\ufeff阶段,申报编号,评审员编号,条款,得分率\n现场,O01,R1,4.1.2,45%\n"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		tab, err := ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkErr(t, err)
			return
		}
		c := fuzzContext()
		switch kind % 6 {
		case 0:
			_, err = Applicants(tab, defaultSet)
		case 1:
			_, err = Reviewers(tab)
		case 2:
			_, err = Conflicts(tab, c)
		case 3:
			var ss []award.Sheet
			ss, err = Scores(tab, c)
			for _, s := range ss {
				if !s.Complete() || !s.Submitted {
					t.Fatalf("accepted an incomplete or unsubmitted sheet %+v", s.SheetKey)
				}
			}
		case 4:
			_, err = Satisfaction(tab, c)
		case 5:
			_, err = Survey(tab, c)
		}
		if err != nil {
			checkErr(t, err)
		}
	})
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.File != "fuzz.csv" {
		t.Fatalf("refusal is not a positioned *Error: %v", err)
	}
}
