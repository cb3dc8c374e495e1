package confidential

import (
	"reflect"
	"testing"

	"qaward/award"
)

func TestRedact(t *testing.T) {
	a := award.Applicant{ID: "O01", Industry: "医药", CreditCode: "91430581000000148H", Founded: "2012-09-09",
		Profile: award.Profile{RegisteredIn: "武冈市", Certifications: []award.Certification{{Name: "GB/T 19001", Number: "C-1"}},
			Incidents: []award.Incident{{Date: "2024-01-01"}}, Confidential: []string{Industry, Certifications}}}
	r := Redact(a)
	if r.Industry != "" || r.Profile.Certifications != nil || r.CreditCode == "" || r.Founded == "" ||
		r.Profile.Incidents == nil || r.Profile.RegisteredIn != "武冈市" || !reflect.DeepEqual(r.Profile.Confidential, a.Profile.Confidential) {
		t.Errorf("redacted %+v", r)
	}
	if a.Industry != "医药" || a.Profile.Certifications == nil {
		t.Error("Redact changed its argument")
	}
	a.Profile.Confidential = []string{Profile}
	r = Redact(a)
	if r.Profile.RegisteredIn != "" || r.Profile.Incidents != nil || !Has(a, Incidents) || Has(a, Industry) {
		t.Errorf("profile redacted %+v", r)
	}
	if Text(a, Industry, "医药", false) != "医药" || Text(a, Certifications, "x", false) != Mask || Text(a, Certifications, "x", true) != "x" {
		t.Error("Text")
	}
	if got := Withheld([]award.Applicant{a}); !reflect.DeepEqual(got, []string{"O01 profile"}) {
		t.Errorf("Withheld %v", got)
	}
	if Declared(award.Applicant{}) || !Declared(a) {
		t.Error("Declared")
	}
	if as := Apply([]award.Applicant{a}, true); as[0].Profile.RegisteredIn != "武冈市" {
		t.Error("Apply with include")
	}
}

func TestDisclosure(t *testing.T) {
	as := []award.Applicant{{ID: "O01", Profile: award.Profile{Confidential: []string{CreditCode}}}, {ID: "O02"}}
	entry, detail := Disclosure("export applicants to a.xlsx", as)
	if detail != "confidential fields included: O01 credit_code" || entry != "export applicants to a.xlsx ("+detail+")" {
		t.Errorf("entry %q, detail %q", entry, detail)
	}
	if entry, _ := Disclosure("x", as[1:]); entry != "x (no applicant declared a confidential field)" {
		t.Errorf("nothing declared: %q", entry)
	}
}
