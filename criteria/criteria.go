// Package criteria holds the criteria sets applicants are scored against, as
// data: GB/T 19580-2012 for organisations (7 categories, 23 items, 1000
// points), the default set for individuals, and any industry variant the
// office loads from TOML. Each set carries the scoring bands with the
// guidance shown to reviewers.
package criteria

// Kind says how an item is judged: process items (过程) by approach,
// deployment, learning and integration (ADLI); results items (结果) by levels,
// trends, comparisons and integration (LeTCI).
type Kind string

// The two kinds of item.
const (
	Process Kind = "process"
	Results Kind = "results"
)

// Item is one scored item of a set, such as 4.1.2 高层领导的作用 (50 points).
type Item struct {
	ID       string
	Name     string // Chinese
	NameEn   string
	Points   int
	Kind     Kind
	Category string // ID of the category holding the item
}

// Category is a group of items, such as 4.1 领导 (110 points).
type Category struct {
	ID     string
	Name   string
	NameEn string
	Points int
	Items  []Item
}

// Factor is one of the four evaluation factors of a band with its guidance.
type Factor struct {
	Name, NameEn string // 方法 / Approach
	Text, TextEn string // guidance for this band
}

// Band is a range of percentages (such as 30–45) with its guidance.
type Band struct {
	Min, Max int
	Factors  []Factor
}

// Set is a complete criteria set.
type Set struct {
	ID     string
	Name   string
	NameEn string
	// Applicant is the kind of applicant the set is for: "organization" or
	// "individual".
	Applicant string
	Total     int
	// Categories in order; items are numbered across them in this order,
	// which is the order of percentages on a score sheet.
	Categories []Category
	// Bands per item kind, ascending, covering 0–100 without gaps.
	Bands map[Kind][]Band

	items []Item
	index map[string]int
}
