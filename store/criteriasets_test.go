package store

import (
	"errors"
	"os"
	"strings"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

func servicesSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../criteria/testdata/services.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The store keeps a cycle's loaded criteria sets as their text and
// refuses what would make sheets score differently or reach a terminal.
func TestCriteriaSets(t *testing.T) {
	db := openTest(t)
	src := servicesSource(t)
	put := func(text string) error {
		return db.PutCriteriaSet("office", "2026", award.CriteriaSource{File: "s.toml", Source: text})
	}
	builtin, _ := criteria.BuiltinSource(criteria.GBT19580ID)
	for name, text := range map[string]string{
		"built-in ID": string(builtin),
		"escape":      strings.Replace(src, "（服务业）", "\x1b]0;x\a", 1),
		"not TOML":    "id = ",
	} {
		if err := put(text); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if err := put(src); err != nil {
		t.Fatal(err)
	}
	sets, err := CycleCatalog(db, "2026", nil)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := sets.Lookup("gbt19580-2012-services")
	if !ok || s.Points(criteria.Process) == 0 || sets.Set("", "organization").ID != criteria.GBT19580ID {
		t.Fatalf("catalog: %v %v; the default stays GB/T 19580", s, ok)
	}

	a := award.Applicant{ID: "A1", Kind: award.Organization, Name: "甲", CriteriaSet: "gbt19580-2012-services"}
	if err := db.PutApplicants("office", "2026", []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	head, tail, _ := strings.Cut(src, `id = "4.3.2"`)
	tail = strings.Replace(strings.Replace(tail, "points = 40", "points = 50", 1), "points = 70", "points = 60", 1)
	if err := put(head + `id = "4.3.2"` + tail); err == nil || !strings.Contains(err.Error(), "named by applicant A1") {
		t.Errorf("a change of points while in use: %v", err)
	}
	renamed := strings.Replace(src, "（服务业）", "（服务业，2026 修订）", 1)
	if err := put(renamed); err != nil {
		t.Errorf("a change of name only: %v", err)
	}
	if err := db.RemoveCriteriaSet("office", "2026", "gbt19580-2012-services"); err == nil || !strings.Contains(err.Error(), "named by applicant A1") {
		t.Errorf("removal while in use: %v", err)
	}
	a.CriteriaSet = ""
	if err := db.PutApplicants("office", "2026", []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveCriteriaSet("office", "2026", "gbt19580-2012-services"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveCriteriaSet("office", "2026", "gbt19580-2012-services"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing again: %v", err)
	}
	if err := put(renamed); err != nil {
		t.Fatal(err)
	}
	faults, err := db.Verify()
	if err != nil || len(faults) > 0 {
		t.Fatalf("verify: %v %v", faults, err)
	}
	srcs, _ := db.CriteriaSets("2026")
	if len(srcs) != 1 || srcs[0].Source != renamed || !strings.Contains(srcs[0].Name, "2026 修订") {
		t.Errorf("stored: %+v", srcs)
	}
}
