package imports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/criteria"
)

// Context is what the cycle already holds, against which rows are checked.
type Context struct {
	Applicants map[string]award.Applicant
	Reviewers  map[string]award.Reviewer
	// Conflicts holds reviewer ID + "\x00" + applicant ID of every declared
	// conflict.
	Conflicts map[string]bool
	// Set returns a criteria set of the cycle by ID, nil when unknown.
	Set    func(id string) *criteria.Set
	Sets   *criteria.Catalog
	Survey award.Survey

	itemsOf map[*criteria.Set][]criteria.Item
}

// items returns a set's items, flattened once per set.
func (c *Context) items(set *criteria.Set) []criteria.Item {
	if c.itemsOf == nil {
		c.itemsOf = map[*criteria.Set][]criteria.Item{}
	}
	items, ok := c.itemsOf[set]
	if !ok {
		items = set.Items()
		c.itemsOf[set] = items
	}
	return items
}

// NewContext indexes a cycle's records for validation.
// sets are the cycle's criteria sets (store.CycleCatalog: the built-in and
// the loaded ones).
func NewContext(as []award.Applicant, rs []award.Reviewer, cs []award.Conflict, sets *criteria.Catalog, survey award.Survey) *Context {
	c := &Context{Applicants: make(map[string]award.Applicant, len(as)), Reviewers: make(map[string]award.Reviewer, len(rs)),
		Conflicts: make(map[string]bool, len(cs)), Sets: sets, Survey: survey}
	c.Set = memoSets(func(id string) *criteria.Set { s, _ := sets.Lookup(id); return s })
	for _, a := range as {
		c.Applicants[a.ID] = a
	}
	for _, r := range rs {
		c.Reviewers[r.ID] = r
	}
	for _, x := range cs {
		c.Conflicts[x.ReviewerID+"\x00"+x.ApplicantID] = true
	}
	return c
}

// memoSets looks each criteria set up once: a table names few sets but many
// rows.
func memoSets(set func(string) *criteria.Set) func(string) *criteria.Set {
	cache := map[string]*criteria.Set{}
	return func(id string) *criteria.Set {
		s, ok := cache[id]
		if !ok {
			s = set(id)
			cache[id] = s
		}
		return s
	}
}

// CriteriaFor picks an applicant's criteria set: the named one of the
// cycle, which must be for that kind of applicant, or the kind's default.
func (c *Context) CriteriaFor(id string, kind award.Kind) (string, error) {
	if id == "" {
		return c.Sets.Set("", string(kind)).ID, nil
	}
	s := c.Set(id)
	if s == nil {
		return "", fmt.Errorf("unknown criteria set %q (see 'qaward criteria --list'; an industry set is loaded with 'qaward criteria load FILE')", id)
	}
	if s.Applicant != string(kind) {
		return "", fmt.Errorf("criteria set %q is for %s applicants, not %s", id, s.Applicant, kind)
	}
	return s.ID, nil
}

func (c *Context) applicantID(l *layout, r Row, field string) (string, error) {
	a, err := c.applicant(l, r, field)
	return a.ID, err
}

func (c *Context) applicant(l *layout, r Row, field string) (award.Applicant, error) {
	id, err := l.required(r, field)
	if err != nil {
		return award.Applicant{}, err
	}
	a, ok := c.Applicants[id]
	if !ok {
		return a, l.fail(r, field, "unknown applicant %q (import applicants first)", id)
	}
	return a, nil
}

func (c *Context) reviewer(l *layout, r Row, field string) (string, error) {
	id, err := l.required(r, field)
	if err != nil {
		return "", err
	}
	if _, ok := c.Reviewers[id]; !ok {
		return "", l.fail(r, field, "unknown reviewer %q (import reviewers first)", id)
	}
	return id, nil
}

var scoreColumns = []column{
	{"stage", []string{"阶段", "评审阶段"}, true},
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"reviewer_id", []string{"评审员编号", "评审员"}, true},
	{"item_id", []string{"条款", "条款编号", "评分项"}, true},
	{"percent", []string{"得分率", "百分比"}, true},
	{"strengths", []string{"优势"}, false},
	{"improvements", []string{"改进机会"}, false},
}

// pending is a sheet being assembled from rows, with the line of each item.
type pending struct {
	sheet award.Sheet
	set   *criteria.Set
	items []criteria.Item
	first Row
	lines []int
}

// Scores reads item scores and assembles them into submitted sheets, one
// per (stage, applicant, reviewer), each covering every item of the
// applicant's criteria set. Rows may come in any order and mix stages.
func Scores(t *Table, c *Context) ([]award.Sheet, error) {
	l, err := bind(t, scoreColumns)
	if err != nil {
		return nil, err
	}
	sheets := map[award.SheetKey]*pending{}
	var order []award.SheetKey
	err = t.Each(func(r Row) error {
		p, err := c.sheetFor(l, r, sheets, &order)
		if err != nil {
			return err
		}
		if err := scoreRow(l, r, p); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]award.Sheet, 0, len(order))
	for _, k := range order {
		p := sheets[k]
		if err := complete(l, p); err != nil {
			return nil, err
		}
		p.sheet.Submitted = true
		out = append(out, p.sheet)
	}
	return out, nil
}

func (c *Context) sheetFor(l *layout, r Row, sheets map[award.SheetKey]*pending, order *[]award.SheetKey) (*pending, error) {
	stage, err := award.ParseStage(l.get(r, "stage"))
	if err != nil {
		return nil, l.fail(r, "stage", "%q: want material or onsite", l.get(r, "stage"))
	}
	a, err := c.applicant(l, r, "applicant_id")
	if err != nil {
		return nil, err
	}
	rid, err := c.reviewer(l, r, "reviewer_id")
	if err != nil {
		return nil, err
	}
	if c.Conflicts[rid+"\x00"+a.ID] {
		return nil, l.fail(r, "reviewer_id", "reviewer %s declared a conflict with applicant %s and may not score it (Art. 35)", rid, a.ID)
	}
	key := award.SheetKey{Stage: stage, ApplicantID: a.ID, ReviewerID: rid}
	if p, ok := sheets[key]; ok {
		return p, nil
	}
	set := c.Set(a.CriteriaSet)
	if set == nil {
		return nil, l.fail(r, "applicant_id", "applicant %s uses criteria set %q, which this cycle does not have", a.ID, a.CriteriaSet)
	}
	items := c.items(set)
	n := len(items)
	p := &pending{sheet: award.NewSheet(key, set.ID, n), set: set, items: items, first: r, lines: make([]int, n)}
	sheets[key] = p
	*order = append(*order, key)
	return p, nil
}

func scoreRow(l *layout, r Row, p *pending) error {
	item, err := l.required(r, "item_id")
	if err != nil {
		return err
	}
	i, ok := p.set.ItemIndex(item)
	if !ok {
		return l.fail(r, "item_id", "%q is not an item of criteria set %s", item, p.set.ID)
	}
	if p.lines[i] != 0 {
		return l.fail(r, "item_id", "duplicate row for item %s of this sheet (first on line %d)", item, p.lines[i])
	}
	pct, err := parsePercent(l.get(r, "percent"))
	if err != nil {
		return l.fail(r, "percent", "%v", err)
	}
	p.lines[i] = r.Line
	p.sheet.Percents[i] = pct
	p.sheet.Strengths[i] = l.get(r, "strengths")
	p.sheet.Improvements[i] = l.get(r, "improvements")
	return nil
}

func complete(l *layout, p *pending) error {
	var missing []string
	items := p.items
	for i, line := range p.lines {
		if line == 0 {
			missing = append(missing, items[i].ID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	k := p.sheet.SheetKey
	return l.fail(p.first, "item_id", "incomplete sheet (%s, %s, %s): %d of %d items missing: %s",
		k.Stage, k.ApplicantID, k.ReviewerID, len(missing), len(items), strings.Join(missing, " "))
}

// parsePercent accepts 0, 5, …, 100, optionally written with a % sign.
func parsePercent(s string) (int, error) {
	v := strings.TrimSuffix(strings.TrimSpace(s), "%")
	p, err := strconv.Atoi(v)
	if err != nil || p < 0 || p > 100 || p%5 != 0 {
		return 0, &percentError{s}
	}
	return p, nil
}

type percentError struct{ text string }

func (e *percentError) Error() string {
	return strconv.Quote(e.text) + ": want a percentage 0, 5, 10, …, 100"
}

// sortedKeys returns a map's keys in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
