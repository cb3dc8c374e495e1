package backend

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/store"
)

// Before acceptance (Art. 13–17): the office publishes the call for
// applications, receives the applications (each at 申报), records how
// each is recommended and works through the formal-review checklist,
// gathers the department opinions, and then accepts or refuses each
// applicant. Once a call is recorded for a cycle, Move lets an applicant
// into 受理 only when award.IntakeBlocks finds nothing in the way; a cycle
// without a call (its applicants imported as accepted) is not held to it.

// RecordCall records the call for applications (Art. 13). With days > 0
// the deadline is that many working days after the day of publication on
// the cycle's calendar; else c.Deadline must be a working day. An empty
// Media or Where takes the default.
func (b *Backend) RecordCall(cycle string, c award.Call, days int) (award.Call, error) {
	if err := b.officeOnly("record the call for applications"); err != nil {
		return c, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return c, err
	}
	cy, err := b.st.Cycle(cycle)
	if err != nil {
		return c, err
	}
	cal, err := award.NewCalendar(cy.Config.Calendar)
	if err != nil {
		return c, err
	}
	if days > 0 {
		if c.Deadline != "" {
			return c, fmt.Errorf("call: give the deadline or the number of working days, not both")
		}
		if c.Deadline, err = award.CallDeadline(cal, c.Published, days); err != nil {
			return c, err
		}
		c.Days = days
	}
	c.Media = cmpOr(strings.TrimSpace(c.Media), award.DefaultCallMedia)
	c.Where = cmpOr(strings.TrimSpace(c.Where), award.DefaultCallWhere)
	c.By = b.actor
	if err := award.CheckCall(c, cal); err != nil {
		return c, err
	}
	return c, b.st.PutCall(b.actor, cycle, c)
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ReceiveApplications adds the applicants of a file in the columns of
// `import applicants`, as applications received under the call: each
// starts at 申报 (applied) instead of 受理. An ID the cycle already holds
// is refused, so that no accepted applicant goes back to the start.
func (b *Backend) ReceiveApplications(cycle, file string) (int, error) {
	if err := b.officeOnly("receive applications"); err != nil {
		return 0, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return 0, err
	}
	r, err := b.st.Intake(cycle)
	if err != nil {
		return 0, err
	}
	if r.Call == nil {
		return 0, fmt.Errorf("receive: no call for applications is recorded for cycle %s: record it first ('qaward intake call --published YYYY-MM-DD --deadline YYYY-MM-DD')", cycle)
	}
	t, done, err := importer.OpenWith(file, importer.OpenOptions{})
	if err != nil {
		return 0, err
	}
	defer done()
	ctx, err := importer.Context(b.st, cycle)
	if err != nil {
		return 0, err
	}
	as, err := imports.Applicants(t, ctx.CriteriaFor)
	if err != nil {
		return 0, err
	}
	old, err := b.st.Applicants(cycle)
	if err != nil {
		return 0, err
	}
	for i, a := range as {
		for _, o := range old {
			switch {
			case o.ID == a.ID:
				return 0, fmt.Errorf("receive: %s: applicant %s is already in cycle %s; an application is received once", file, a.ID, cycle)
			case a.CreditCode != "" && o.CreditCode == a.CreditCode:
				return 0, fmt.Errorf("receive: %s: %s: credit code %s is already %s's (%s) in cycle %s", file, a.ID, a.CreditCode, o.ID, o.Name, cycle)
			}
		}
		as[i].Status = award.Applied
	}
	return len(as), b.st.PutApplicants(b.actor, cycle, as)
}

// RecordChannel records how an applicant is recommended (Art. 14).
func (b *Backend) RecordChannel(cycle string, ch award.Channel) error {
	if err := b.officeOnly("record recommending channels"); err != nil {
		return err
	}
	if err := award.CheckChannel(ch); err != nil {
		return err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	if _, err := b.intakeApplicant("channel", cycle, ch.ApplicantID); err != nil {
		return err
	}
	ch.Body = strings.TrimSpace(ch.Body)
	ch.By, ch.Date = b.actor, b.now().Format(time.DateOnly)
	return b.st.PutChannel(b.actor, cycle, ch)
}

// RecordCheck records the office's finding on one item of an
// applicant's formal review (Art. 15); a failed item says what is wrong.
func (b *Backend) RecordCheck(cycle string, c award.IntakeCheck) error {
	if err := b.officeOnly("record the formal review"); err != nil {
		return err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	a, err := b.intakeApplicant("check", cycle, c.ApplicantID)
	if err != nil {
		return err
	}
	if err := award.CheckIntakeCheck(c, a.Kind); err != nil {
		return err
	}
	c.Note = strings.TrimSpace(c.Note)
	c.By, c.Date = b.actor, b.now().Format(time.DateOnly)
	return b.st.PutIntakeChecks(b.actor, cycle, []award.IntakeCheck{c})
}

// intakeApplicant reads the applicant an intake record is about.
func (b *Backend) intakeApplicant(what, cycle, id string) (award.Applicant, error) {
	a, err := b.st.Applicant(cycle, id)
	if errors.Is(err, store.ErrNotFound) {
		return a, fmt.Errorf("%s: no applicant %q in cycle %s (see 'qaward intake list')", what, id, cycle)
	}
	if err != nil {
		return a, fmt.Errorf("%s: %w", what, err)
	}
	return a, nil
}

// IntakeRow is where one applicant stands before acceptance.
type IntakeRow struct {
	Applicant  award.Applicant
	Channel    award.Channel
	HasChannel bool
	Items      []award.IntakeItem // the checklist asked of it
	Checks     map[string]award.IntakeCheck
	Opinions   map[string]award.Opinion // by department
	// Blocks are what keeps it from 受理 (none: it may be accepted).
	Blocks []award.IntakeBlock
}

// Pending reports whether the applicant is still before 受理 and its way
// has not ended.
func (r IntakeRow) Pending() bool {
	return !r.Applicant.Status.IsEnded() && slices.Index(award.Pipeline, r.Applicant.Status) < acceptedAt
}

// Ready reports whether the applicant may be accepted now.
func (r IntakeRow) Ready() bool { return r.Pending() && len(r.Blocks) == 0 }

// Passed and Failed count the checklist items passed and failed.
func (r IntakeRow) Passed() (passed, failed int) {
	for _, it := range r.Items {
		if c, ok := r.Checks[it.ID]; ok && c.Pass {
			passed++
		} else if ok {
			failed++
		}
	}
	return passed, failed
}

// Agreed counts the departments that agreed and that did not.
func (r IntakeRow) Agreed() (agree, disagree int) {
	for _, o := range r.Opinions {
		if o.Agree {
			agree++
		} else {
			disagree++
		}
	}
	return agree, disagree
}

// IntakeBoard is the intake of a cycle: the call and every applicant's
// row, in applicant order.
type IntakeBoard struct {
	Cycle string
	Call  *award.Call
	Rows  []IntakeRow
}

// Intake reads where every applicant stands before acceptance.
func (b *Backend) Intake(cycle string) (IntakeBoard, error) {
	if err := b.officeOnly("read the intake"); err != nil {
		return IntakeBoard{}, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return IntakeBoard{}, err
	}
	r, err := b.st.Intake(cycle)
	if err != nil {
		return IntakeBoard{}, err
	}
	as, err := b.st.Applicants(cycle)
	if err != nil {
		return IntakeBoard{}, err
	}
	ops, err := b.st.Opinions(cycle)
	if err != nil {
		return IntakeBoard{}, err
	}
	board := IntakeBoard{Cycle: cycle, Call: r.Call}
	for _, a := range as {
		row := IntakeRow{Applicant: a, Items: award.ItemsFor(a.Kind), Checks: r.ChecksOf(a.ID),
			Opinions: map[string]award.Opinion{}, Blocks: award.IntakeBlocks(a, r, ops)}
		row.Channel, row.HasChannel = r.Channel(a.ID)
		for _, o := range ops {
			if o.ApplicantID == a.ID {
				row.Opinions[o.Department] = o
			}
		}
		board.Rows = append(board.Rows, row)
	}
	return board, nil
}

// checkAcceptance refuses the moves into 受理 that the intake rule
// forbids, once a call is recorded for the cycle.
func (b *Backend) checkAcceptance(cycle string, ts []award.Transition) error {
	if !slices.ContainsFunc(ts, func(t award.Transition) bool { return t.To == award.Accepted }) {
		return nil
	}
	r, err := b.st.Intake(cycle)
	if err != nil || r.Call == nil {
		return err
	}
	ops, err := b.st.Opinions(cycle)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.To != award.Accepted {
			continue
		}
		a, err := b.intakeApplicant("move", cycle, t.ApplicantID)
		if err != nil {
			return err
		}
		if err := award.IntakeError(a, award.IntakeBlocks(a, r, ops)); err != nil {
			return fmt.Errorf("move %s to %s: %w", a.ID, award.Accepted.Name("zh"), err)
		}
	}
	return nil
}

// IntakeReport is the intake as the command line prints it: one row per
// applicant with its channel, checklist, opinions and what blocks it (in
// English when lang is "en", else in Chinese).
func IntakeReport(board IntakeBoard, lang string) export.Report {
	r := export.Report{Table: export.Table{Name: "受理前审查",
		Header: []string{"id", "name", "status", "channel", "body", "checklist", "opinions", "ready", "blocks"}}}
	for _, row := range board.Rows {
		a := row.Applicant
		channel, body := "", ""
		if row.HasChannel {
			channel, body = string(row.Channel.Kind), row.Channel.Body
		}
		passed, failed := row.Passed()
		agree, disagree := row.Agreed()
		checklist := fmt.Sprintf("%d/%d passed", passed, len(row.Items))
		if failed > 0 {
			checklist += fmt.Sprintf(", %d failed", failed)
		}
		opinions := fmt.Sprintf("%d/%d agree", agree, len(award.Departments))
		if disagree > 0 {
			opinions += fmt.Sprintf(", %d disagree", disagree)
		}
		ready, blocks := "no", ""
		switch {
		case !row.Pending():
			ready = "n/a"
		case row.Ready():
			ready = "yes"
		default:
			sep := "；"
			if lang == "en" {
				sep = "; "
			}
			blocks = strings.Join(award.SummarizeBlocks(row.Blocks, lang), sep)
		}
		r.Rows = append(r.Rows, []string{a.ID, a.Name, string(a.Status), channel, body, checklist, opinions, ready, blocks})
	}
	return r
}

// CallSummary is the call in one line, for the command line.
func CallSummary(c *award.Call) string {
	if c == nil {
		return "no call for applications recorded (qaward intake call)"
	}
	s := "call published " + c.Published + ", applications until " + c.Deadline
	if c.Days > 0 {
		s += " (" + strconv.Itoa(c.Days) + " working days)"
	}
	return s + ", to " + c.Where
}
