// Package criteria holds the criteria sets applicants are scored against, as
// data: GB/T 19580-2012 for organisations (7 categories, 23 items, 1000
// points), the default set for individuals, and any industry variant the
// office loads from TOML. Each set carries the scoring bands with the
// guidance shown to reviewers.
//
// The two built-in sets are embedded from data/*.toml; [Builtin], [Lookup]
// and [Default] return them. [Parse] and [Load] read and validate any other
// set. A *Set is never changed after it is returned, so it may be read from
// many goroutines at once.
//
// # TOML schema
//
// A file describes one set. Top-level keys, all required:
//
//	id        = "gbt19580-2012"   # letters, digits, '.', '-', '_'
//	name      = "…"               # Chinese name; name_en optional
//	applicant = "organization"    # or "individual"
//	total     = 1000              # sum of the category points
//
// Categories and their items, in score-sheet order:
//
//	[[category]]
//	id = "4.1"
//	name = "领导"
//	name_en = "Leadership"        # optional
//	points = 110                  # sum of the item points
//
//	[[category.item]]
//	id = "4.1.2"                  # unique among categories and items
//	name = "高层领导的作用"
//	name_en = "Role of senior leaders"  # optional
//	points = 50                   # > 0
//	kind = "process"              # "process" or "results"
//
// Scoring bands, per kind, ascending; the bands of a kind cover 0–100 in
// steps of 5 without gap or overlap (0–5, 10–25, …, 90–100), and every kind
// used by an item needs its bands. Every band of a kind lists the same
// factors in the same order:
//
//	[[band]]
//	kind = "process"
//	min = 0
//	max = 5
//
//	[[band.factor]]
//	name = "方法"
//	name_en = "Approach"          # optional
//	text = "无系统方法，仅有零星信息"
//	text_en = "no systematic approach"  # optional
//
// Unknown keys are refused. Every error is an [*Error] naming the file, the
// line and column, and the field (such as category[2].item[0].points); when
// a file has several problems, Parse returns them all as [Errors].
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

// Valid reports whether k is Process or Results.
func (k Kind) Valid() bool { return k == Process || k == Results }

// Label is the Chinese name of the kind: 过程 or 结果.
func (k Kind) Label() string {
	switch k {
	case Process:
		return "过程"
	case Results:
		return "结果"
	}
	return string(k)
}

// The applicant kinds a set may be for (Set.Applicant).
const (
	Organization = "organization"
	Individual   = "individual"
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
//
// Sets are indexed when made (by Parse, Load, Builtin, Lookup, Default and
// Clone) and only read afterwards, so they are safe for concurrent use.
// Changing a set's fields afterwards leaves its lookups (Items, ItemIndex,
// Category, Points) stale: to make a variant, edit the TOML and Parse it.
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

	ix *setIndex // built by Parse and Clone; see index
}
