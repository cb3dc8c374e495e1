package backend

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/backend/export"
	"qaward/scoring"
)

// The registers the management rules ask the office to keep beside the
// review: the complaints about reviewers and the review (Art. 34) and the
// on-site candidates' ratings of their reviewers' work and discipline
// (Art. 36). Both are the office's alone.

// Complaints is the cycle's complaints register, in ID order.
func (b *Backend) Complaints(cycle string) ([]award.Complaint, error) {
	if err := b.officeOnly("read the complaints register"); err != nil {
		return nil, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	return b.st.Complaints(cycle)
}

// FileComplaint records a complaint received (Art. 34) as pending, under
// the next free ID (C001, C002, …), and returns it as recorded. It is
// checked by award.CheckComplaint against the cycle's reviewers.
func (b *Backend) FileComplaint(cycle string, c award.Complaint) (award.Complaint, error) {
	if err := b.officeOnly("record complaints"); err != nil {
		return c, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return c, err
	}
	cs, err := b.st.Complaints(cycle)
	if err != nil {
		return c, err
	}
	c.ID, c.Result, c.Handling, c.Handled = "", award.ComplaintPending, "", ""
	if err := b.checkComplaint(cycle, c); err != nil {
		return c, err
	}
	c.ID = nextComplaintID(cs)
	return c, b.st.PutComplaint(b.actor, cycle, c)
}

// HandleComplaint records how the office handled a complaint, when, and
// with what result; a handled complaint may be handled again (a correction,
// audited with its before and after).
func (b *Backend) HandleComplaint(cycle, id string, result award.ComplaintResult, handling, handled string) (award.Complaint, error) {
	if err := b.officeOnly("handle complaints"); err != nil {
		return award.Complaint{}, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return award.Complaint{}, err
	}
	cs, err := b.st.Complaints(cycle)
	if err != nil {
		return award.Complaint{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			c.Result, c.Handling, c.Handled = result, handling, handled
			return c, b.putComplaint(cycle, c)
		}
	}
	return award.Complaint{}, fmt.Errorf("complaint %s: no such complaint in cycle %s (see 'qaward complaint list')", id, cycle)
}

// putComplaint checks a complaint against the cycle's reviewers and
// stores it.
func (b *Backend) putComplaint(cycle string, c award.Complaint) error {
	if err := b.checkComplaint(cycle, c); err != nil {
		return err
	}
	return b.st.PutComplaint(b.actor, cycle, c)
}

// checkComplaint is award.CheckComplaint against the cycle's reviewers.
func (b *Backend) checkComplaint(cycle string, c award.Complaint) error {
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return err
	}
	known := func(id string) bool {
		for _, r := range rs {
			if r.ID == id {
				return true
			}
		}
		return false
	}
	return award.CheckComplaint(c, known)
}

// nextComplaintID is C and the number after the highest in use, three
// digits at least.
func nextComplaintID(cs []award.Complaint) string {
	n := 0
	for _, c := range cs {
		if v, err := strconv.Atoi(strings.TrimPrefix(c.ID, "C")); err == nil && v > n {
			n = v
		}
	}
	return fmt.Sprintf("C%03d", n+1)
}

// ComplaintsReport is the register as the command line prints it, with
// the register's fields as columns.
func ComplaintsReport(cs []award.Complaint) export.Report {
	r := export.Report{Table: export.Table{Name: "投诉登记",
		Header: []string{"id", "received", "from", "against", "content", "handling", "handled", "result"}}}
	for _, c := range cs {
		r.Rows = append(r.Rows, []string{c.ID, c.Received, c.From, c.Against, c.Content, c.Handling, c.Handled, string(c.Result)})
	}
	return r
}

// RatingSummary is what the on-site candidates' ratings (Art. 36, 1 to 5)
// say of one reviewer.
type RatingSummary struct {
	ReviewerID string
	Name       string
	Count      int
	// Mean is the exact mean of the ratings in hundredths, rounded half up
	// to 0.01 as every mean of DESIGN §2; 0 when Count is 0.
	Mean     award.Score
	Min, Max int
	// Lowest are the ratings that came with a comment, lowest first (then
	// by applicant ID), at most LowestComments of them.
	Lowest []award.Evaluation
}

// LowestComments is how many comments a rating summary keeps.
const LowestComments = 3

// SummarizeRatings summarises the ratings per reviewer, in reviewer ID
// order: every reviewer who was rated, and every reviewer in onsite (the
// on-site reviewers) with no rating yet, whose count is 0. The names come
// from rs. It is the one computation of the ratings summary, for the
// command line, the export and the screens.
func SummarizeRatings(rs []award.Reviewer, es []award.Evaluation, onsite []string) []RatingSummary {
	by := map[string]*RatingSummary{}
	get := func(id string) *RatingSummary {
		if s, ok := by[id]; ok {
			return s
		}
		s := &RatingSummary{ReviewerID: id}
		by[id] = s
		return s
	}
	for _, id := range onsite {
		get(id)
	}
	sums := map[string]int64{}
	for _, e := range es {
		s := get(e.ReviewerID)
		if s.Count == 0 || e.Rating < s.Min {
			s.Min = e.Rating
		}
		if s.Count == 0 || e.Rating > s.Max {
			s.Max = e.Rating
		}
		s.Count++
		sums[e.ReviewerID] += int64(e.Rating)
		if strings.TrimSpace(e.Comment) != "" {
			s.Lowest = append(s.Lowest, e)
		}
	}
	names := map[string]string{}
	for _, r := range rs {
		names[r.ID] = r.Name
	}
	out := make([]RatingSummary, 0, len(by))
	for id, s := range by {
		s.Name = names[id]
		if s.Count > 0 {
			s.Mean = award.Score(scoring.RoundHalfUp(sums[id]*100, int64(s.Count)))
		}
		sort.Slice(s.Lowest, func(i, j int) bool {
			a, b := s.Lowest[i], s.Lowest[j]
			if a.Rating != b.Rating {
				return a.Rating < b.Rating
			}
			return a.ApplicantID < b.ApplicantID
		})
		if len(s.Lowest) > LowestComments {
			s.Lowest = s.Lowest[:LowestComments]
		}
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ReviewerID < out[j].ReviewerID })
	return out
}

// Ratings summarises the cycle's ratings of reviewers (Art. 36) with
// SummarizeRatings; the on-site reviewers are those assigned at the
// on-site stage.
func (b *Backend) Ratings(cycle string) ([]RatingSummary, error) {
	if err := b.officeOnly("read the reviewers' ratings"); err != nil {
		return nil, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	es, err := b.st.Evaluations(cycle)
	if err != nil {
		return nil, err
	}
	as, err := b.st.Assignments(cycle)
	if err != nil {
		return nil, err
	}
	var onsite []string
	for _, a := range as {
		if a.Stage == award.Onsite {
			onsite = append(onsite, a.ReviewerID)
		}
	}
	return SummarizeRatings(rs, es, onsite), nil
}

// RatingsReport is the ratings summary as the command line prints it and
// the export writes it: count, mean, min and max per reviewer, and the
// lowest-rated comments ("2 A0003：…").
func RatingsReport(rows []RatingSummary) export.Report {
	h := []string{"reviewer", "name", "ratings", "mean", "min", "max", "lowest"}
	r := export.Report{Table: export.Table{Name: "评审员评价", Header: h,
		Columns: []export.Column{export.Text, export.Text, export.Integer, export.Decimal2, export.Integer, export.Integer, export.Text}}}
	for _, s := range rows {
		mean, lo, hi := "", "", ""
		if s.Count > 0 {
			mean, lo, hi = s.Mean.String(), strconv.Itoa(s.Min), strconv.Itoa(s.Max)
		}
		var comments []string
		for _, e := range s.Lowest {
			comments = append(comments, fmt.Sprintf("%d %s：%s", e.Rating, e.ApplicantID, e.Comment))
		}
		r.Rows = append(r.Rows, []string{s.ReviewerID, s.Name, strconv.Itoa(s.Count), mean, lo, hi, strings.Join(comments, "；")})
	}
	r.Notes = []string{"评价依据《武冈市市长质量奖管理办法》第三十六条：接受现场评审的候选组织和个人对现场评审人员的工作效能、纪律作风评价（1–5 分）；平均分四舍五入至 0.01。"}
	return r
}

// ExportRatings writes the ratings summary to an XLSX workbook (printable
// on A4) or a CSV file with a BOM, by the file's extension, with Chinese
// headings unless lang is "en".
func (b *Backend) ExportRatings(cycle, file, lang string) (ExportResult, error) {
	var res ExportResult
	rows, err := b.Ratings(cycle)
	if err != nil {
		return res, err
	}
	cycle, err = b.cycleID(cycle)
	if err != nil {
		return res, err
	}
	t := export.Localize(RatingsReport(rows).Table, lang)
	res.Tables, res.Rows = []string{t.Name}, len(t.Rows)
	err = export.WriteFile(file, func(w io.Writer) error {
		if strings.EqualFold(filepath.Ext(file), ".csv") {
			return export.WriteCSV(w, &t, nil)
		}
		return export.WriteXLSXFor(w, []export.Table{t}, export.Print{Cycle: cycle, Lang: lang, Created: b.now()}, nil)
	})
	return res, err
}
