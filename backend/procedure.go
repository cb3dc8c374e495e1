package backend

import (
	"fmt"
	"strings"
	"time"

	"qaward/award"
)

// The office's procedure after the rankings (Art. 22–31), with the rules
// that bind it (DESIGN rules 11 and 12). Each use case reads the results in
// force, checks the rules and writes in one store transaction, so that the
// command line and the screens refuse the same things with the same
// articles.

// Decide records the committee's decisions (Art. 23). An award or a
// nomination beyond a quota of Art. 3 is refused citing 第三条, and one
// for an applicant whose eligibility is not met citing its article; a
// decision other than the proposal needs a note. One refused decision
// refuses them all.
func (b *Backend) Decide(cycle string, ds ...award.Decision) error {
	if err := b.officeOnly("record decisions"); err != nil {
		return err
	}
	decisionsMu.Lock()
	defer decisionsMu.Unlock()
	r, err := b.Results(cycle)
	if err != nil {
		return err
	}
	inForce := r.inForce()
	out := make([]award.Decision, 0, len(ds))
	for _, d := range ds {
		a, ok := r.Applicant(d.ApplicantID)
		if !ok {
			return fmt.Errorf("decide: no applicant %q in cycle %s", d.ApplicantID, r.Cycle.ID)
		}
		if old, ok := r.Decisions[a.ID]; ok && old.Cancelled {
			return fmt.Errorf("decide %s: its decision was cancelled by an upheld objection (%s)", a.ID, old.CancelReason)
		}
		if _, revoked := r.Revocations[a.ID]; revoked {
			return fmt.Errorf("decide %s: its award is revoked", a.ID)
		}
		if d.Proposed == "" {
			d.Proposed = r.proposed(a.ID)
		}
		if d.Decided != d.Proposed && strings.TrimSpace(d.Note) == "" && d.Proposed != "" {
			return fmt.Errorf("decide %s: the ranking proposes %s: a different decision (%s) needs a note (--note)", a.ID, d.Proposed, d.Decided)
		}
		if err := award.CheckDecision(r.Cycle.Config, a, d, r.Blocking(a.ID), inForce, r.Kind); err != nil {
			return fmt.Errorf("decide %s: %w", a.ID, err)
		}
		inForce = replaceDecision(inForce, d)
		out = append(out, d)
	}
	return b.st.PutDecisions(b.actor, r.Cycle.ID, out)
}

// proposed is the outcome the composite ranking proposes for an applicant
// ("" when it is not ranked).
func (r *Results) proposed(id string) string {
	for _, c := range r.Eval.Composite {
		if c.Applicant.ID == id && c.Rank > 0 {
			return string(c.Outcome)
		}
	}
	return ""
}

func replaceDecision(ds []award.Decision, d award.Decision) []award.Decision {
	for i := range ds {
		if ds[i].ApplicantID == d.ApplicantID {
			ds[i] = d
			return ds
		}
	}
	return append(ds, d)
}

// Move moves applicants through the pipeline (all or none). Entering
// 评委会审议 needs every eligibility rule met (DESIGN rule 12) or overridden
// by the office with a written reason (Override); entering 受理, once a
// call for applications is recorded, needs the intake in order
// (checkAcceptance, Art. 14–17).
func (b *Backend) Move(cycle string, ts ...award.Transition) error {
	if err := b.officeOnly("move applicants"); err != nil {
		return err
	}
	var gated []award.Transition
	for _, t := range ts {
		if t.To == award.Deliberation {
			gated = append(gated, t)
		}
	}
	if len(gated) > 0 {
		r, err := b.Results(cycle)
		if err != nil {
			return err
		}
		for _, t := range gated {
			a, ok := r.Applicant(t.ApplicantID)
			if !ok {
				return fmt.Errorf("move: no applicant %q", t.ApplicantID)
			}
			if err := award.BlockingError(a, r.Blocking(a.ID)); err != nil {
				return fmt.Errorf("move %s to %s: %w", a.ID, award.Deliberation.Name("zh"), err)
			}
		}
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	if err := b.checkAcceptance(cycle, ts); err != nil {
		return err
	}
	return b.st.SetStatus(b.actor, cycle, ts...)
}

// Override records the office's decision to hold one eligibility rule of
// an applicant as met, with a written reason (DESIGN rule 12). The rule is
// named by its article (and its text when an article has several rules).
func (b *Backend) Override(cycle, applicantID, article, rule, reason string) (award.Check, error) {
	if err := b.officeOnly("override an eligibility rule"); err != nil {
		return award.Check{}, err
	}
	if strings.TrimSpace(reason) == "" {
		return award.Check{}, fmt.Errorf("override: a written reason is required (--reason)")
	}
	r, err := b.Results(cycle)
	if err != nil {
		return award.Check{}, err
	}
	a, ok := r.Applicant(applicantID)
	if !ok {
		return award.Check{}, fmt.Errorf("override: no applicant %q", applicantID)
	}
	var match []award.Check
	for _, c := range r.Eligibility[a.ID].Checks {
		if c.Article == article && (rule == "" || c.Rule == rule) {
			match = append(match, c)
		}
	}
	if len(match) > 1 && rule == "" {
		var open []award.Check // the rules of the article that are not met
		for _, c := range match {
			if c.Verdict != award.Met && c.Override == "" {
				open = append(open, c)
			}
		}
		if len(open) == 1 {
			match = open
		}
	}
	switch {
	case len(match) == 0:
		return award.Check{}, fmt.Errorf("override: %s has no rule %s %s (see 'qaward eligibility %s')", a.ID, article, rule, a.ID)
	case len(match) > 1:
		var rules []string
		for _, c := range match {
			rules = append(rules, c.Rule)
		}
		return award.Check{}, fmt.Errorf("override: %s has %d rules under %s: name one with --rule (%s)", a.ID, len(match), article, strings.Join(rules, "; "))
	}
	o := award.Override{Article: article, Rule: match[0].Rule, Reason: reason, By: b.actor, Date: b.now().Format(time.DateOnly)}
	kept := a.Profile.Overrides[:0:0]
	for _, x := range a.Profile.Overrides {
		if x.Article != o.Article || x.Rule != o.Rule {
			kept = append(kept, x)
		}
	}
	a.Profile.Overrides = append(kept, o)
	if err := b.st.PutApplicants(b.actor, r.Cycle.ID, []award.Applicant{a}); err != nil {
		return award.Check{}, err
	}
	return match[0], nil
}

// Candidates are the decisions that put an applicant on the candidate
// list (award or nomination, in force or cancelled), in applicant order.
func (r *Results) Candidates() []award.Decision {
	var out []award.Decision
	for _, a := range r.Snapshot.Applicants {
		if d, ok := r.Decisions[a.ID]; ok && (d.Decided == award.DecideAward || d.Decided == award.DecideNomination) {
			out = append(out, d)
		}
	}
	return out
}

// PublicityWindow computes the publicity window (Art. 24) from a start
// date on the official working-day calendar with the cycle's own years:
// the first working day from the start and the last of the period.
func PublicityWindow(cfg award.Config, start string, days int) (award.Notice, error) {
	d, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return award.Notice{}, fmt.Errorf("start %q: want YYYY-MM-DD", start)
	}
	cal, err := award.NewCalendar(cfg.Calendar)
	if err != nil {
		return award.Notice{}, err
	}
	if days <= 0 {
		days = award.PublicityDays
	}
	end, err := cal.AddWorkdays(d, days)
	if err != nil {
		return award.Notice{}, err
	}
	first := d
	for {
		ok, err := cal.IsWorkday(first)
		if err != nil {
			return award.Notice{}, err
		}
		if ok {
			break
		}
		first = first.AddDate(0, 0, 1)
	}
	return award.Notice{Start: first.Format(time.DateOnly), End: end.Format(time.DateOnly), Days: days}, nil
}

// Publish publishes the candidate list (Art. 24): the notice with its
// window and, in the same transaction, every candidate moved from
// 评委会审议 to 公示. It is refused while a candidate is elsewhere in the
// pipeline or when the committee has decided nothing.
func (b *Backend) Publish(cycle, start string) (award.Notice, error) {
	if err := b.officeOnly("publish the candidate list"); err != nil {
		return award.Notice{}, err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return award.Notice{}, err
	}
	var moves []award.Transition
	for _, d := range r.Candidates() {
		a, _ := r.Applicant(d.ApplicantID)
		switch a.Status {
		case award.Deliberation:
			moves = append(moves, award.Transition{ApplicantID: a.ID, To: award.Publicity})
		case award.Publicity:
		default:
			return award.Notice{}, fmt.Errorf("publish: candidate %s is at %s, not %s", a.ID, a.Status.Name("zh"), award.Deliberation.Name("zh"))
		}
	}
	if len(r.Candidates()) == 0 {
		return award.Notice{}, fmt.Errorf("publish: the committee has decided no award or nomination yet ('qaward decide')")
	}
	n, err := PublicityWindow(r.Cycle.Config, start, award.PublicityDays)
	if err != nil {
		return award.Notice{}, fmt.Errorf("publish: %w", err)
	}
	if err := b.st.PublishNotice(b.actor, r.Cycle.ID, n, moves...); err != nil {
		return award.Notice{}, err
	}
	return n, nil
}

// Object files an objection or records its outcome (Art. 38–39), checked
// as award.CheckObjection says: inside the window, with evidence, by a
// handler who is not conflicted; an upheld objection needs a decision to
// cancel. A decided objection without its reply date is answered today.
func (b *Backend) Object(cycle string, o award.Objection) error {
	if err := b.officeOnly("handle objections"); err != nil {
		return err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return err
	}
	n, err := b.st.Notice(r.Cycle.ID)
	if err != nil {
		return err
	}
	cs, err := b.st.Conflicts(r.Cycle.ID)
	if err != nil {
		return err
	}
	conflicted := func(person, app string) bool {
		for _, c := range cs {
			if c.ReviewerID == person && c.ApplicantID == app {
				return true
			}
		}
		return false
	}
	if _, ok := r.Applicant(o.ApplicantID); !ok {
		return fmt.Errorf("objection %s: no applicant %q", o.ID, o.ApplicantID)
	}
	if o.Outcome != award.Pending && o.Replied == "" {
		// answered today, unless the office says when
		o.Replied = b.now().In(award.ChinaTime).Format(time.DateOnly)
	}
	if err := award.CheckObjection(o, n, conflicted); err != nil {
		return fmt.Errorf("objection %s: %w", o.ID, err)
	}
	if _, ok := r.Decisions[o.ApplicantID]; o.Outcome == award.Upheld && !ok {
		return fmt.Errorf("objection %s: %s has no decision to cancel", o.ID, o.ApplicantID)
	}
	return b.st.PutObjection(b.actor, r.Cycle.ID, o)
}

// Announce ends publicity (Art. 24): every candidate in 公示 is announced,
// except those whose award an upheld objection cancelled, whose way ends
// with the finding as the reason. It waits for the window to end and for
// every objection to be decided. It returns the moves made.
func (b *Backend) Announce(cycle string) ([]award.Transition, error) {
	if err := b.officeOnly("announce the results"); err != nil {
		return nil, err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return nil, err
	}
	n, err := b.st.Notice(r.Cycle.ID)
	if err != nil {
		return nil, err
	}
	today := b.now().Format(time.DateOnly)
	switch {
	case n.Start == "":
		return nil, fmt.Errorf("announce: the candidate list has not been published ('qaward publish')")
	case today <= n.End:
		return nil, fmt.Errorf("announce: publicity runs until %s", n.End)
	}
	obs, err := b.st.Objections(r.Cycle.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		if o.Outcome == award.Pending {
			return nil, fmt.Errorf("announce: objection %s on %s is not decided yet", o.ID, o.ApplicantID)
		}
	}
	var moves []award.Transition
	for _, d := range r.Candidates() {
		a, _ := r.Applicant(d.ApplicantID)
		if a.Status != award.Publicity {
			continue
		}
		t := award.Transition{ApplicantID: a.ID, To: award.Announced}
		if d.Cancelled {
			t = award.Transition{ApplicantID: a.ID, To: award.Rejected, Reason: d.CancelReason, Article: "第二十四条"}
		}
		moves = append(moves, t)
	}
	if len(moves) == 0 {
		return nil, fmt.Errorf("announce: no candidate is in publicity")
	}
	return moves, b.st.SetStatus(b.actor, r.Cycle.ID, moves...)
}

// Revoke revokes an applicant's award (Art. 28–31): from then on its final
// status is revoked in every list, export and document; fraud bars the
// holder for the next two cycles (Art. 30). A revocation that is not for
// fraud cites grounds of Art. 31, within the five years after the award's
// announcement (award.CheckRevocation); the article defaults to the
// grounds' (第三十一条（二）（六）), or 第三十条 for fraud.
func (b *Backend) Revoke(cycle, applicantID string, rv award.Revocation) error {
	if err := b.officeOnly("revoke an award"); err != nil {
		return err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return err
	}
	a, ok := r.Applicant(applicantID)
	if !ok {
		return fmt.Errorf("revoke: no applicant %q", applicantID)
	}
	if d, ok := r.Decisions[a.ID]; !ok || d.Final() == award.DecideNone {
		return fmt.Errorf("revoke: %s holds no award or nomination of cycle %s", a.ID, r.Cycle.ID)
	}
	if rv.Date == "" {
		rv.Date = b.now().In(award.ChinaTime).Format(time.DateOnly)
	}
	ts, err := b.st.Transitions(r.Cycle.ID)
	if err != nil {
		return err
	}
	var window *award.Window
	if day, ok := award.AnnouncedOn(ts, a.ID); ok {
		w := award.FiveYears(day)
		window = &w
	}
	rv = rv.ReadArticle() // 第三十条 is fraud; 第三十一条（六） cites ground 6
	if err := award.CheckRevocation(rv, window); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(rv.Article) != "":
	case len(rv.Grounds) > 0:
		rv.Article = award.GroundsArticle(rv.Grounds)
	default:
		rv.Article = "第三十条"
	}
	rv.Identity, rv.Cycle = award.Identity(a), r.Cycle.ID
	return b.st.PutRevocation(b.actor, r.Cycle.ID, a.ID, rv)
}

// RecordOpinion records a department's opinion of an applicant (Art. 16):
// one that does not agree is an eligibility rule recorded as not met,
// which keeps the applicant out of 评委会审议 until the office overrides it.
func (b *Backend) RecordOpinion(cycle string, o award.Opinion) error {
	if err := b.officeOnly("record department opinions"); err != nil {
		return err
	}
	known := false
	for _, d := range award.Departments {
		known = known || d == o.Department
	}
	if !known {
		return fmt.Errorf("opinion: department %q: want one of %s", o.Department, strings.Join(award.Departments, ", "))
	}
	if o.Date == "" {
		o.Date = b.now().Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, o.Date); err != nil {
		return fmt.Errorf("opinion: date %q: want YYYY-MM-DD", o.Date)
	}
	if err := award.CheckText(o.Text, award.ReasonText); err != nil {
		return fmt.Errorf("opinion: text: %w", err)
	}
	if !o.Agree && strings.TrimSpace(o.Text) == "" {
		return fmt.Errorf("opinion: a department that does not agree says why (--text)")
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	if _, err := b.st.Applicant(cycle, o.ApplicantID); err != nil {
		return fmt.Errorf("opinion: %w", err)
	}
	return b.st.PutOpinions(b.actor, cycle, []award.Opinion{o})
}
