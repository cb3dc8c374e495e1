package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An industry criteria set (Art. 12) walked from its TOML file to the
// ranking: loaded into the cycle, named by an applicant, scored on, ranked
// on its own points, listed with its origin, kept from changing while in
// use, and carried by a packet to a laptop whose database then holds it.
//
// The services variant gives 4.3 (顾客与市场) 110 points where GB/T 19580
// gives 90 (4.3.2 40 → 40, 4.3.3 50 → 70). A sheet with 4.3.2 and 4.3.3 at
// 100 % and every other item at 50 % totals 500 + 45 = 545.00 on
// GB/T 19580 and 500 + (40 + 70)/2 = 555.00 on the services set.
func TestCriteriaSetLoadedAndRanked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	src, err := os.ReadFile("../../criteria/testdata/services.toml")
	if err != nil {
		t.Fatal(err)
	}
	services := writeFile(t, dir, "services.toml", string(src))
	mustQA(t, "--db", db, "init", "--cycle", "2026")

	// Naming the set before it is loaded is refused with the way out.
	apps := writeFile(t, dir, "apps.csv", "id,kind,name,industry,credit_code,founded,criteria_set\n"+
		"O01,organization,武冈市紫阳物流有限公司,现代服务业,91430581000000222J,2016-07-01,gbt19580-2012-services\n"+
		"O02,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01,\n")
	if _, errs, code := qa(t, "--db", db, "import", "applicants", apps); code == 0 || !strings.Contains(errs, "criteria_set") || !strings.Contains(errs, "criteria load") {
		t.Fatalf("an unknown set: exit %d, %s", code, errs)
	}
	if out := mustQA(t, "--db", db, "criteria", "load", services); !strings.Contains(out, "gbt19580-2012-services") {
		t.Fatalf("load: %s", out)
	}
	mustQA(t, "--db", db, "import", "applicants", apps)
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "rev.csv", "id,name,affiliation\nR1,赵一,邵阳学院\nR2,钱二,湖南省质量协会\n"))
	spec := "material O01 R1 50 4.3.2=100 4.3.3=100\nmaterial O01 R2 50 4.3.2=100 4.3.3=100\n" +
		"material O02 R1 50 4.3.2=100 4.3.3=100\nmaterial O02 R2 50 4.3.2=100 4.3.3=100\n"
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSV(t, spec)))

	rank := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	for _, want := range []string{"O01,organization,武冈市紫阳物流有限公司,555.00", "O02,organization,武冈市云山食品有限公司,545.00"} {
		if !strings.Contains(rank, want) {
			t.Errorf("rank lacks %q:\n%s", want, rank)
		}
	}
	list := mustQA(t, "--db", db, "criteria", "--list", "--format", "csv")
	if !strings.Contains(list, "gbt19580-2012-services,GB/T 19580-2012 卓越绩效评价准则（服务业）,organization,1000,23,services.toml,") ||
		!strings.Contains(list, "gbt19580-2012,GB/T 19580-2012 卓越绩效评价准则,organization,1000,23,built-in,,1\n") {
		t.Errorf("criteria --list:\n%s", list)
	}
	if !strings.HasSuffix(strings.SplitN(list, "gbt19580-2012-services,", 2)[1], ",1\n") {
		t.Errorf("the services set is named by one applicant:\n%s", list)
	}
	if out := mustQA(t, "--db", db, "criteria", "--set", "gbt19580-2012-services", "--format", "csv"); !strings.Contains(out, "4.3.3,顾客关系与顾客满意,70,process") {
		t.Errorf("criteria --set of a loaded set:\n%s", out)
	}

	// While O01 names it, its points may not change, nor may it go.
	head, tail, _ := strings.Cut(string(src), `id = "4.3.2"`) // 4.3.2 40 → 50, 4.3.3 70 → 60
	tail = strings.Replace(strings.Replace(tail, "points = 40", "points = 50", 1), "points = 70", "points = 60", 1)
	changed := writeFile(t, dir, "changed.toml", head+`id = "4.3.2"`+tail)
	for _, args := range [][]string{{"criteria", "load", changed}, {"criteria", "remove", "gbt19580-2012-services"}} {
		if _, errs, code := qa(t, append([]string{"--db", db}, args...)...); code == 0 || !strings.Contains(errs, "named by applicant O01") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	if _, errs, code := qa(t, "--db", db, "--as", "R1", "criteria", "load", services); code == 0 || !strings.Contains(errs, "may not load criteria sets") {
		t.Errorf("a reviewer loads a set: exit %d, %s", code, errs)
	}
	if again := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"); again != rank {
		t.Errorf("refused changes changed the ranking:\n%s", again)
	}

	// A packet carries the set's text; the laptop's copy holds the set.
	mustQA(t, "--db", db, "import", "groups", writeFile(t, dir, "groups.csv", "group_id,stage,leader_id,reviewer_id,applicant_id\nG1,onsite,R1,R1,O01\n"+
		"M1,material,R1,R1,O01\nM1,material,R1,R2,O01\nM1,material,R1,R1,O02\nM1,material,R1,R2,O02\n"))
	// the leader's calibration counts the sheets on the loaded set too
	if out := mustQA(t, "--db", db, "--as", "R1", "calibration", "--group", "M1", "--format", "csv"); !strings.Contains(out, "M1,M1,R2,钱二,material,2,") {
		t.Errorf("the leader's calibration:\n%s", out)
	}
	issued := filepath.Join(dir, "R1.qapkt")
	mustQA(t, "--db", db, "packet", "export", "R1", issued, "--stage", "onsite")
	laptop := filepath.Join(dir, "laptop.db")
	mustQA(t, "--db", laptop, "--as", "R1", "packet", "open", issued)
	if out := mustQA(t, "--db", laptop, "criteria", "--list", "--format", "csv"); !strings.Contains(out, "gbt19580-2012-services,") {
		t.Errorf("the laptop's copy lacks the set:\n%s", out)
	}
	if out := mustQA(t, "--db", db, "verify"); !strings.HasPrefix(out, "ok:") {
		t.Errorf("verify: %s", out)
	}
}
