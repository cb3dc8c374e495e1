package office

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/common"
	"qaward/tui/components"
)

// profileField is one editable scalar of an applicant's record.
type profileField struct {
	key    string
	toggle bool
	get    func(a award.Applicant) string
	on     func(a award.Applicant) bool
	set    func(a *award.Applicant, v string, on bool)
}

func (f profileField) show(c common.Common, a award.Applicant) string {
	if f.toggle {
		if f.on(a) {
			return c.Text.S("yes")
		}
		return c.Styles.Bad.Render(c.Text.S("no"))
	}
	if v := f.get(a); v != "" {
		return v
	}
	return c.Styles.Muted.Render(c.Text.S("none"))
}

// profileFields are the scalars the office records (organisations have
// more than individuals).
func profileFields(a award.Applicant) []profileField {
	fs := []profileField{
		{key: "name", get: func(a award.Applicant) string { return a.Name }, set: func(a *award.Applicant, v string, _ bool) { a.Name = v }},
		{key: "industry", get: func(a award.Applicant) string { return a.Industry }, set: func(a *award.Applicant, v string, _ bool) { a.Industry = v }},
	}
	if a.Kind != award.Organization {
		return fs
	}
	return append(fs,
		profileField{key: "credit_code", get: func(a award.Applicant) string { return a.CreditCode }, set: func(a *award.Applicant, v string, _ bool) { a.CreditCode = v }},
		profileField{key: "founded", get: func(a award.Applicant) string { return a.Founded }, set: func(a *award.Applicant, v string, _ bool) { a.Founded = v }},
		profileField{key: "registered_in", get: func(a award.Applicant) string { return a.Profile.RegisteredIn },
			set: func(a *award.Applicant, v string, _ bool) { a.Profile.RegisteredIn = v }},
		profileField{key: "legal_person", toggle: true, on: func(a award.Applicant) bool { return a.Profile.LegalPerson },
			set: func(a *award.Applicant, _ string, on bool) { a.Profile.LegalPerson = on }},
		profileField{key: "excellence_model", toggle: true, on: func(a award.Applicant) bool { return a.Profile.ExcellenceModel },
			set: func(a *award.Applicant, _ string, on bool) { a.Profile.ExcellenceModel = on }},
	)
}

// cloneApplicant copies an applicant deeply enough to edit its profile
// without touching the records it came from.
func cloneApplicant(a award.Applicant) award.Applicant {
	p := &a.Profile
	p.Certifications = slices.Clone(p.Certifications)
	p.Incidents = slices.Clone(p.Incidents)
	p.PriorAwards = slices.Clone(p.PriorAwards)
	p.Confidential = slices.Clone(p.Confidential)
	return a
}

func isSecret(a award.Applicant, field string) bool {
	return slices.Contains(a.Profile.Confidential, field)
}

// setSecret marks or unmarks a field as declared confidential (Art. 37).
func setSecret(a *award.Applicant, field string, on bool) {
	p := &a.Profile
	p.Confidential = slices.DeleteFunc(p.Confidential, func(s string) bool { return s == field })
	if on {
		p.Confidential = append(p.Confidential, field)
	}
}

// saveMarked saves the edited applicant a with field marked confidential
// or not, as the form's "secret" toggle says.
func (s *ApplicantScreen) saveMarked(f *components.Form, a award.Applicant, field string) tea.Cmd {
	setSecret(&a, field, f.Yes("secret"))
	return s.saveApplicant(f, a)
}

// entryAt is the profile list entry ac edits, or def when ac adds one.
func entryAt[T any](list []T, ac act, def T) T {
	if !ac.adds() && ac.idx < len(list) {
		return list[ac.idx]
	}
	return def
}

// putEntry puts n in place of the entry ac edits, or adds it when ac adds
// one.
func putEntry[T any](list []T, ac act, n T) []T {
	if ac.adds() {
		return append(list, n)
	}
	list[ac.idx] = n
	return list
}

// checkDate accepts YYYY-MM-DD.
func checkDate(t common.Text, s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%s", t.F("of.baddate", s))
	}
	return nil
}

// checkLooseDate accepts YYYY-MM-DD, YYYY-MM or YYYY.
func checkLooseDate(t common.Text, s string) error {
	for _, l := range []string{time.DateOnly, "2006-01", "2006"} {
		if _, err := time.Parse(l, s); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%s", t.F("of.baddate", s))
}

// fieldForm edits one scalar of the record and whether it is confidential.
func (s *ApplicantScreen) fieldForm(key string) *components.Form {
	c := s.k.C
	t := c.Text
	var pf profileField
	for _, f := range profileFields(s.app) {
		if f.key == key {
			pf = f
		}
	}
	if pf.key == "" {
		return nil
	}
	f := components.NewForm(c, t.F("pf.edit", t.S("pf."+key), s.app.ID), func(f *components.Form) (tea.Cmd, error) {
		a := cloneApplicant(s.app)
		v := f.Val("v")
		switch key {
		case "name":
			if v == "" {
				return nil, fmt.Errorf("%s", t.S("pf.needname"))
			}
		case "credit_code":
			if v != "" {
				if err := award.CheckCreditCode(v); err != nil {
					return nil, err
				}
			}
		case "founded":
			if v != "" {
				if err := checkLooseDate(t, v); err != nil {
					return nil, err
				}
			}
		}
		pf.set(&a, v, f.Yes("v"))
		return s.saveMarked(f, a, key), nil
	})
	if pf.toggle {
		f.Toggle("v", t.S("pf."+key), pf.on(s.app))
	} else {
		f.Text("v", t.S("pf."+key), pf.get(s.app), "")
		f.Field("v").In.CharLimit = common.CharLimit(key)
	}
	f.Toggle("secret", t.S("pf.declared"), isSecret(s.app, key))
	return f
}

// certForm adds or edits a certification.
func (s *ApplicantScreen) certForm(ac act) *components.Form {
	c := s.k.C
	t := c.Text
	ce := entryAt(s.app.Profile.Certifications, ac, award.Certification{})
	f := components.NewForm(c, t.F("pf.certtitle", s.app.ID), func(f *components.Form) (tea.Cmd, error) {
		n := award.Certification{Name: f.Val("name"), Number: f.Val("number"), ValidUntil: f.Val("until")}
		if n.Name == "" {
			return nil, fmt.Errorf("%s", t.S("pf.needcert"))
		}
		if err := checkDate(t, n.ValidUntil); err != nil {
			return nil, err
		}
		a := cloneApplicant(s.app)
		a.Profile.Certifications = putEntry(a.Profile.Certifications, ac, n)
		return s.saveMarked(f, a, "certifications"), nil
	})
	f.Text("name", t.S("pf.certname"), ce.Name, "GB/T 19001 质量管理体系").Text("number", t.S("pf.certno"), ce.Number, "")
	f.Text("until", t.S("pf.certuntil"), ce.ValidUntil, "YYYY-MM-DD").Toggle("secret", t.S("pf.declared"), isSecret(s.app, "certifications"))
	return f
}

// incidentForm adds or edits an accident or violation (Art. 8(7)).
func (s *ApplicantScreen) incidentForm(ac act) *components.Form {
	c := s.k.C
	t := c.Text
	in := entryAt(s.app.Profile.Incidents, ac, award.Incident{Kind: award.SafetyIncident})
	f := components.NewForm(c, t.F("pf.inctitle", s.app.ID), func(f *components.Form) (tea.Cmd, error) {
		n := award.Incident{Date: f.Val("date"), Kind: award.IncidentKind(f.Pick("kind")), Major: f.Yes("major"), Description: f.Val("desc")}
		if err := checkDate(t, n.Date); err != nil {
			return nil, err
		}
		if n.Description == "" {
			return nil, fmt.Errorf("%s", t.S("pf.needdesc"))
		}
		a := cloneApplicant(s.app)
		a.Profile.Incidents = putEntry(a.Profile.Incidents, ac, n)
		return s.saveMarked(f, a, "incidents"), nil
	})
	kinds := components.TextOptions(t, "inc.", award.QualityIncident, award.SafetyIncident, award.EnvironmentIncident, award.PublicHealthIncident, award.Violation)
	f.Text("date", t.S("pf.incdate"), in.Date, "YYYY-MM-DD").Choice("kind", t.S("pf.inckind"), kinds, string(in.Kind))
	f.Toggle("major", t.S("pf.incmajor"), in.Major).Text("desc", t.S("pf.incdesc"), in.Description, "")
	f.Toggle("secret", t.S("pf.declared"), isSecret(s.app, "incidents"))
	return f
}

// priorForm adds or edits a prior award (Art. 10).
func (s *ApplicantScreen) priorForm(ac act) *components.Form {
	c := s.k.C
	t := c.Text
	p := entryAt(s.app.Profile.PriorAwards, ac, award.PriorAward{Award: award.HunanGovernorAward})
	year := ""
	if p.Year > 0 {
		year = strconv.Itoa(p.Year)
	}
	f := components.NewForm(c, t.F("pf.priortitle", s.app.ID), func(f *components.Form) (tea.Cmd, error) {
		y, err := strconv.Atoi(f.Val("year"))
		if err != nil || y < 1900 || y > 2200 {
			return nil, fmt.Errorf("%s", t.F("pf.badyear", f.Val("year")))
		}
		n := award.PriorAward{Award: award.PriorAwardKind(f.Pick("award")), Year: y, Cycle: f.Val("cycle")}
		a := cloneApplicant(s.app)
		a.Profile.PriorAwards = putEntry(a.Profile.PriorAwards, ac, n)
		return s.saveMarked(f, a, "prior_awards"), nil
	})
	kinds := components.TextOptions(t, "prior.", award.ChinaQualityAward, award.HunanGovernorAward, award.ShaoyangMayorAward, award.WugangMayorAward, award.WugangMayorNomination)
	f.Choice("award", t.S("pf.prioraward"), kinds, string(p.Award)).Text("year", t.S("pf.prioryear"), year, "2024")
	f.Text("cycle", t.S("pf.priorcycle"), p.Cycle, t.S("pf.priorcyclehint")).Toggle("secret", t.S("pf.declared"), isSecret(s.app, "prior_awards"))
	return f
}

// removeForm confirms removing a list entry of the profile.
func (s *ApplicantScreen) removeForm(ac act) *components.Form {
	c := s.k.C
	t := c.Text
	a := cloneApplicant(s.app)
	p := &a.Profile
	var what string
	switch {
	case ac.kind == "cert" && ac.idx < len(p.Certifications):
		what = p.Certifications[ac.idx].Name
		p.Certifications = slices.Delete(p.Certifications, ac.idx, ac.idx+1)
	case ac.kind == "incident" && ac.idx < len(p.Incidents):
		what = p.Incidents[ac.idx].Date + " " + p.Incidents[ac.idx].Description
		p.Incidents = slices.Delete(p.Incidents, ac.idx, ac.idx+1)
	case ac.kind == "prior" && ac.idx < len(p.PriorAwards):
		what = t.S("prior." + string(p.PriorAwards[ac.idx].Award))
		p.PriorAwards = slices.Delete(p.PriorAwards, ac.idx, ac.idx+1)
	default:
		return nil
	}
	f := components.NewForm(c, t.F("pf.remove", s.app.ID), func(f *components.Form) (tea.Cmd, error) { return s.saveApplicant(f, a), nil })
	f.Intro = []string{what}
	return f
}
