package backend

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"qaward/award"
	"qaward/backend/export"
	"qaward/store"
)

// ScoreFormRequest says which paper score forms to write: those of one
// stage, narrowed to a reviewer, an applicant and a group (each optional;
// together they intersect).
type ScoreFormRequest struct {
	// Stage is material or onsite; "" is the group's stage, else onsite.
	Stage     award.Stage
	Reviewer  string
	Applicant string
	Group     string
	Lang      string // zh (default) or en
	File      string // the .xlsx workbook
}

// ScoreFormResult says what a score-form export wrote and left out.
type ScoreFormResult struct {
	Stage award.Stage
	Forms int // reviewer × applicant pairs, one form each
	Rows  int // item rows, one per item of each form
	// Submitted are the pairs left out because their sheet is already
	// submitted: a typed-back form would replace it.
	Submitted []award.SheetKey
	// Drafts are the pairs written whose reviewer has a draft sheet, which
	// the typed-back form replaces when it is imported.
	Drafts []award.SheetKey
	// OutOfRunning are the pairs left out because the applicant was
	// rejected, withdrew or was found ineligible.
	OutOfRunning []award.SheetKey
}

// ExportScoreForms writes printable paper score forms (export.WriteScoreForms)
// for the pairs of the stage that are assigned and not conflicted (Art.
// 35), whose applicant is still in the running and whose sheet is not yet
// submitted, sorted by applicant and reviewer. Typed back into the same
// file, the workbook imports with `qaward import scores` as it is. Exports
// are the office's.
func (b *Backend) ExportScoreForms(cycle string, req ScoreFormRequest) (ScoreFormResult, error) {
	var res ScoreFormResult
	if err := b.officeOnly("export score forms"); err != nil {
		return res, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return res, err
	}
	cs, err := b.formCycle(cycle)
	if err != nil {
		return res, err
	}
	keys, err := cs.choose(&req)
	if err != nil {
		return res, err
	}
	res.Stage = req.Stage
	forms, err := b.formsOf(cycle, cs, keys, &res)
	if err != nil {
		return res, err
	}
	if len(forms) == 0 {
		return res, cs.nothingLeft(req, res)
	}
	p := export.Print{Cycle: cycle, Lang: req.Lang, Created: b.now()}
	err = export.WriteFile(req.File, func(w io.Writer) error { return export.WriteScoreForms(w, forms, p) })
	return res, err
}

// formCycle is what choosing the forms reads of a cycle.
type formCycle struct {
	applicants  map[string]award.Applicant
	reviewers   map[string]award.Reviewer
	conflicts   map[[2]string]bool
	groups      []award.Group
	assignments []award.Assignment
}

func (b *Backend) formCycle(cycle string) (*formCycle, error) {
	c := &formCycle{applicants: map[string]award.Applicant{}, reviewers: map[string]award.Reviewer{}, conflicts: map[[2]string]bool{}}
	as, err := b.st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		c.applicants[a.ID] = a
	}
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		c.reviewers[r.ID] = r
	}
	xs, err := b.st.Conflicts(cycle)
	if err != nil {
		return nil, err
	}
	for _, x := range xs {
		c.conflicts[[2]string{x.ReviewerID, x.ApplicantID}] = true
	}
	if c.groups, err = b.st.Groups(cycle); err != nil {
		return nil, err
	}
	c.assignments, err = b.st.Assignments(cycle)
	return c, err
}

// choose checks the request against the cycle and returns the assigned,
// unconflicted pairs it names, sorted by applicant and reviewer; it fills
// in the request's stage.
func (c *formCycle) choose(req *ScoreFormRequest) ([]award.SheetKey, error) {
	var group *award.Group
	if req.Group != "" {
		var ids []string
		for i := range c.groups {
			ids = append(ids, c.groups[i].ID)
			if c.groups[i].ID == req.Group {
				group = &c.groups[i]
			}
		}
		if group == nil {
			return nil, fmt.Errorf("no review group %q in the cycle (groups: %s)", req.Group, orNone(ids))
		}
		if req.Stage == "" {
			req.Stage = group.Stage
		} else if req.Stage != group.Stage {
			return nil, fmt.Errorf("group %s reviews at the %s stage, not %s", group.ID, group.Stage, req.Stage)
		}
	}
	if req.Stage == "" {
		req.Stage = award.Onsite
	}
	if _, ok := c.reviewers[req.Reviewer]; req.Reviewer != "" && !ok {
		return nil, fmt.Errorf("no reviewer %q in the cycle", req.Reviewer)
	}
	if _, ok := c.applicants[req.Applicant]; req.Applicant != "" && !ok {
		return nil, fmt.Errorf("no applicant %q in the cycle", req.Applicant)
	}
	if req.Reviewer != "" && req.Applicant != "" {
		if err := c.pairAllowed(req.Stage, req.Applicant, req.Reviewer); err != nil {
			return nil, err
		}
	}
	var keys []award.SheetKey
	for _, a := range c.assignments {
		k := award.SheetKey(a)
		switch {
		case k.Stage != req.Stage, req.Reviewer != "" && k.ReviewerID != req.Reviewer,
			req.Applicant != "" && k.ApplicantID != req.Applicant,
			group != nil && !(contains(group.Members, k.ReviewerID) && contains(group.Applicants, k.ApplicantID)),
			c.conflicts[[2]string{k.ReviewerID, k.ApplicantID}]:
			continue
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].ApplicantID != keys[j].ApplicantID {
			return keys[i].ApplicantID < keys[j].ApplicantID
		}
		return keys[i].ReviewerID < keys[j].ReviewerID
	})
	return keys, nil
}

// pairAllowed refuses a form for a conflicted or unassigned pair.
func (c *formCycle) pairAllowed(stage award.Stage, applicant, reviewer string) error {
	if c.conflicts[[2]string{reviewer, applicant}] {
		return fmt.Errorf("reviewer %s declared a conflict of interest with applicant %s and may not score it (Art. 35): no form", reviewer, applicant)
	}
	for _, a := range c.assignments {
		if a.Stage == stage && a.ApplicantID == applicant && a.ReviewerID == reviewer {
			return nil
		}
	}
	return fmt.Errorf("reviewer %s is not assigned to applicant %s at the %s stage: no form (assign them with 'qaward import groups'; 'qaward groups' lists the assignments)", reviewer, applicant, stage)
}

// formsOf makes the forms of the pairs, leaving out those whose applicant
// is out of the running or whose sheet is submitted.
func (b *Backend) formsOf(cycle string, c *formCycle, keys []award.SheetKey, res *ScoreFormResult) ([]export.ScoreForm, error) {
	var forms []export.ScoreForm
	sets, err := b.Catalog(cycle)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		a := c.applicants[k.ApplicantID]
		if a.Status.IsEnded() {
			res.OutOfRunning = append(res.OutOfRunning, k)
			continue
		}
		s, err := b.st.Sheet(cycle, k)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, err
		case s.Submitted:
			res.Submitted = append(res.Submitted, k)
			continue
		default:
			res.Drafts = append(res.Drafts, k)
		}
		set := sets.Set(a.CriteriaSet, string(a.Kind))
		if set == nil {
			return nil, fmt.Errorf("applicant %s uses criteria set %q, which this cycle does not have", a.ID, a.CriteriaSet)
		}
		forms = append(forms, export.ScoreForm{Stage: k.Stage, Applicant: a, Reviewer: c.reviewers[k.ReviewerID], Set: set})
		res.Forms++
		res.Rows += len(set.Items())
	}
	return forms, nil
}

// nothingLeft explains why no form was written.
func (c *formCycle) nothingLeft(req ScoreFormRequest, res ScoreFormResult) error {
	var which []string
	for _, x := range []struct{ flag, v string }{{"reviewer", req.Reviewer}, {"applicant", req.Applicant}, {"group", req.Group}} {
		if x.v != "" {
			which = append(which, x.flag+" "+x.v)
		}
	}
	what := fmt.Sprintf("no assigned reviewer × applicant pair at the %s stage", req.Stage)
	if len(which) > 0 {
		what += " for " + strings.Join(which, ", ")
	}
	if n := len(res.Submitted) + len(res.OutOfRunning); n > 0 {
		return fmt.Errorf("no score forms to write: of the %d pairs chosen, %d have their sheet submitted already and %d an applicant out of the running",
			n, len(res.Submitted), len(res.OutOfRunning))
	}
	return fmt.Errorf("no score forms to write: %s (see 'qaward groups')", what)
}

func orNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
