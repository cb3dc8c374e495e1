package common

import "qaward/award"

// The character limits of what is typed in the TUI, in one place: award's
// limits, which imports and returned packets are held to as well, so that
// nothing typed here is longer than an import may be.
const (
	StrengthsLimit    = award.MaxStrengthsLen    // a sheet item's strengths
	ImprovementsLimit = award.MaxImprovementsLen // a sheet item's opportunities for improvement
	ReasonLimit       = award.MaxReasonLen       // a consensus reason
	pathLimit         = 4096                     // a file name, which is not stored
)

// CharLimit is the limit of a form's text field, by the field's key (for
// the profile's one-field forms, by the profile field's key).
func CharLimit(key string) int {
	switch key {
	case "name", "filer":
		return award.MaxNameLen
	case "industry":
		return award.MaxIndustryLen
	case "aff":
		return award.MaxAffiliationLen
	case "reason", "note", "comment":
		return award.MaxReasonLen
	case "text", "desc", "evidence", "finding":
		return award.MaxDescriptionLen
	case "file":
		return pathLimit
	}
	return award.MaxFieldLen
}
