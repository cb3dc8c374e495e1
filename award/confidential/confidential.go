// Package confidential applies an applicant's declared secrets (Art. 32,
// 37) to everything that leaves qaward: exports, feedback reports and
// reviewer packets. An applicant lists in Profile.Confidential the fields
// it declared secret; unless the office asks for them explicitly (and that
// request is audited by the caller), those fields are blanked before any
// record is written out.
package confidential

import (
	"slices"
	"strings"

	"qaward/award"
)

// The field names an applicant may declare confidential.
const (
	CreditCode     = "credit_code"    // 统一社会信用代码
	Founded        = "founded"        // 成立日期
	Industry       = "industry"       // 行业
	Certifications = "certifications" // 管理体系认证
	Incidents      = "incidents"      // 事故与违法记录
	// Profile covers the whole eligibility profile: registration,
	// certifications, incidents and prior awards.
	Profile = "profile"
)

// Fields lists every field name that can be declared confidential.
var Fields = []string{CreditCode, Founded, Industry, Certifications, Incidents, Profile}

// Mask stands in a table cell for a value withheld as confidential.
const Mask = "（保密）"

// Has reports whether the applicant declared the field confidential; the
// parts of the profile are covered by Profile too.
func Has(a award.Applicant, field string) bool {
	c := a.Profile.Confidential
	if slices.Contains(c, field) {
		return true
	}
	return (field == Certifications || field == Incidents) && slices.Contains(c, Profile)
}

// Declared reports whether the applicant declared any field confidential.
func Declared(a award.Applicant) bool {
	for _, f := range Fields {
		if Has(a, f) {
			return true
		}
	}
	return false
}

// Redact returns the applicant with every confidential field emptied. The
// list of confidential fields itself stays, so that readers can tell a
// withheld value from a missing one.
func Redact(a award.Applicant) award.Applicant {
	if Has(a, CreditCode) {
		a.CreditCode = ""
	}
	if Has(a, Founded) {
		a.Founded = ""
	}
	if Has(a, Industry) {
		a.Industry = ""
	}
	p := a.Profile
	if Has(a, Profile) {
		p = award.Profile{}
	}
	if Has(a, Certifications) {
		p.Certifications = nil
	}
	if Has(a, Incidents) {
		p.Incidents = nil
	}
	p.Confidential = slices.Clone(a.Profile.Confidential)
	a.Profile = p
	return a
}

// Apply redacts every applicant unless include is true (the office asked
// for confidential fields); it returns a new slice either way.
func Apply(as []award.Applicant, include bool) []award.Applicant {
	out := make([]award.Applicant, len(as))
	for i, a := range as {
		if include {
			out[i] = a
		} else {
			out[i] = Redact(a)
		}
	}
	return out
}

// Text is value, or Mask when the applicant declared field confidential
// and include is false.
func Text(a award.Applicant, field, value string, include bool) string {
	if !include && Has(a, field) {
		return Mask
	}
	return value
}

// Withheld lists, as "ID field" pairs, the confidential fields the
// applicants declared: what an export leaves out, or what an audited
// disclosure includes.
func Withheld(as []award.Applicant) []string {
	var out []string
	for _, a := range as {
		for _, f := range Fields {
			if slices.Contains(a.Profile.Confidential, f) {
				out = append(out, a.ID+" "+f)
			}
		}
	}
	return out
}

// Disclosure is what the audit log records when the office has
// confidential fields written out (Art. 32, 37): what, the file or folder
// it went to, and which applicants' fields it held (detail, also shown to
// the office). `qaward --include-confidential` and the TUI's toggle record
// the same entry.
func Disclosure(what string, as []award.Applicant) (entry, detail string) {
	detail = "no applicant declared a confidential field"
	if fields := Withheld(as); len(fields) > 0 {
		detail = "confidential fields included: " + strings.Join(fields, ", ")
	}
	return what + " (" + detail + ")", detail
}
