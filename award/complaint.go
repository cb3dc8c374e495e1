package award

import (
	"fmt"
	"strings"
	"time"
)

// Complaint is an entry of the complaints register (Art. 34): anyone who
// finds a problem in the review may complain to the office, which
// investigates and records how it handled the complaint and with what
// result. A complaint is against one reviewer (Against holds the
// reviewer's ID, and Art. 33 sanctions misconduct) or against the review
// process itself (Against is AgainstProcess).
type Complaint struct {
	ID       string // C001, C002, … in the order received
	Received string // YYYY-MM-DD
	From     string // who complained: name and contact, or 匿名
	Against  string // a reviewer ID, or AgainstProcess
	Content  string // what the complaint says
	Handling string // how the office investigated it and what it did
	Handled  string // YYYY-MM-DD, once handled
	Result   ComplaintResult
}

// AgainstProcess is Complaint.Against for a complaint about the review
// process (评审过程) rather than one reviewer.
const AgainstProcess = "process"

// ComplaintResult is where a complaint stands.
type ComplaintResult string

// The results of a complaint.
const (
	ComplaintPending   ComplaintResult = "pending"       // 待处理
	ComplaintUpheld    ComplaintResult = "upheld"        // 属实
	ComplaintPartly    ComplaintResult = "partly-upheld" // 部分属实
	ComplaintUnfounded ComplaintResult = "unfounded"     // 不属实
)

// ComplaintResults lists the results a handled complaint may have.
var ComplaintResults = []ComplaintResult{ComplaintUpheld, ComplaintPartly, ComplaintUnfounded}

// Name is the result in Chinese, or in English when lang is "en".
func (r ComplaintResult) Name(lang string) string {
	zh := map[ComplaintResult]string{ComplaintPending: "待处理", ComplaintUpheld: "属实",
		ComplaintPartly: "部分属实", ComplaintUnfounded: "不属实"}
	en := map[ComplaintResult]string{ComplaintPending: "pending", ComplaintUpheld: "upheld",
		ComplaintPartly: "partly upheld", ComplaintUnfounded: "unfounded"}
	names := zh
	if lang == "en" {
		names = en
	}
	if n, ok := names[r]; ok {
		return n
	}
	return string(r)
}

// ParseComplaintResult accepts a handled complaint's result by its
// English or Chinese name.
func ParseComplaintResult(s string) (ComplaintResult, error) {
	v := strings.TrimSpace(s)
	for _, r := range ComplaintResults {
		if strings.EqualFold(v, string(r)) || v == r.Name("zh") {
			return r, nil
		}
	}
	return "", fmt.Errorf("result %q: want upheld (属实), partly-upheld (部分属实) or unfounded (不属实)", s)
}

// ComplaintNames are the Chinese names of the results, for tables.
func ComplaintNames() map[string]string {
	out := map[string]string{}
	for _, r := range append([]ComplaintResult{ComplaintPending}, ComplaintResults...) {
		out[string(r)] = r.Name("zh")
	}
	out[AgainstProcess] = "评审过程"
	return out
}

// CheckComplaint validates a complaint as received or handled; reviewer
// reports whether an ID is one of the cycle's reviewers. Every problem is
// named with the field it is in.
func CheckComplaint(c Complaint, reviewer func(id string) bool) error {
	name := "new complaint"
	if c.ID != "" {
		name = "complaint " + c.ID
	}
	fields := []struct {
		name, value string
		rule        TextRule
	}{
		{"from", c.From, NameText}, {"against", c.Against, FieldText},
		{"content", c.Content, DescriptionText}, {"handling", c.Handling, DescriptionText},
	}
	for _, f := range fields {
		if err := f.rule.Check(f.value); err != nil {
			return fmt.Errorf("%s: %s: %w", name, f.name, err)
		}
	}
	received, err := complaintDate("received", c.Received)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", name, err)
	case strings.TrimSpace(c.From) == "":
		return fmt.Errorf("%s: from: say who complained (name and contact, or 匿名 for an anonymous complaint)", name)
	case strings.TrimSpace(c.Content) == "":
		return fmt.Errorf("%s: content: a complaint needs what it says (Art. 34)", name)
	case c.Against == "":
		return fmt.Errorf("%s: against: name the reviewer it is about, or %s for the review process", name, AgainstProcess)
	case c.Against != AgainstProcess && !reviewer(c.Against):
		return fmt.Errorf("%s: against: %q is not a reviewer of the cycle (or %s for the review process)", name, c.Against, AgainstProcess)
	}
	if c.Result == ComplaintPending || c.Result == "" {
		if c.Handled != "" || c.Handling != "" {
			return fmt.Errorf("%s: a pending complaint has no handling yet; give its result to record how it was handled", name)
		}
		return nil
	}
	if _, err := ParseComplaintResult(string(c.Result)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	handled, err := complaintDate("handled", c.Handled)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", name, err)
	case handled.Before(received):
		return fmt.Errorf("%s: handled %s is before it was received (%s)", name, c.Handled, c.Received)
	case strings.TrimSpace(c.Handling) == "":
		return fmt.Errorf("%s: handling: say how it was investigated and what was done (Art. 34)", name)
	}
	return nil
}

// complaintDate parses a date of the register.
func complaintDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("%s: the date is missing: want YYYY-MM-DD", field)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%s: %q is not a date: want YYYY-MM-DD", field, s)
	}
	return t, nil
}
