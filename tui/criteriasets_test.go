package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
)

// The office loads an industry criteria set (Art. 12) from the exchange
// tab; an applicant named to it is then scored on its points: the
// reviewer's sheet shows 4.3 顾客与市场 out of the set's 110 points, not
// GB/T 19580's 90, and the sheet saved is on that set.
func TestCriteriaSetLoadedInTheTUI(t *testing.T) {
	st := officeStore(t)
	src, err := os.ReadFile("../criteria/testdata/services.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(chineseDir(t), "服务业准则.toml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	d := asOffice(t, st, "", 100, 30)
	d.openExchange("criteria")
	d.typePath(filepath.Join(filepath.Dir(file), "准则.csv"))
	d.keys("ctrl+s")
	d.mustContain("评价准则文件须以 .toml 结尾")
	d.typePath(file)
	d.keys("ctrl+s")
	d.mustContain("已将评价准则 gbt19580-2012-services")
	srcs, err := st.CriteriaSets(sample.DemoCycle)
	if err != nil || len(srcs) != 1 || srcs[0].File != "服务业准则.toml" {
		t.Fatalf("stored sets: %+v %v", srcs, err)
	}

	// R001's material sheet of A0010, not begun, goes to the services set.
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R001"}
	if _, err := st.Sheet(sample.DemoCycle, k); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the demo has R001's sheet of A0010 begun (%v): pick another", err)
	}
	a := applicantOf(t, st, "A0010")
	a.CriteriaSet = "gbt19580-2012-services"
	if err := st.PutApplicants("office", sample.DemoCycle, []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	r := asPerson(t, st, "R001")
	r.openRow("材料评审", "A0010")
	for _, line := range strings.Split(r.View(), "\n") {
		if strings.Contains(line, "4.3 顾客与市场") && !strings.Contains(line, "0.00/110") {
			t.Fatalf("4.3 is not out of the set's 110 points: %q", line)
		}
		if strings.Contains(line, "4.5 过程管理") && !strings.Contains(line, "0.00/80") {
			t.Fatalf("4.5 is not out of the set's 80 points: %q", line)
		}
	}
	r.mustContain("4.3 顾客与市场", "4.5 过程管理")
	r.keys("right") // 4.1.2 at 50 %, saved
	sheetOf(t, r)
	if s := storedSheet(t, st, k); s.CriteriaSet != "gbt19580-2012-services" {
		t.Errorf("saved on %q", s.CriteriaSet)
	}
}
