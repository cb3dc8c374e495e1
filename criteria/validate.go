package criteria

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPoints bounds the points of a set, a category and an item.
const maxPoints = 1_000_000

// maxIDLen bounds the length of IDs, in bytes.
const maxIDLen = 64

// validate checks the semantic rules of a decoded set.
func validate(d *draft, p *problems) {
	s := d.set
	var root path
	if msg := checkSetID(s.ID); msg != "" {
		p.add(root.at("id"), "%s", msg)
	}
	checkName(p, root.at("name"), s.Name)
	if s.Applicant != Organization && s.Applicant != Individual {
		p.add(root.at("applicant"), "unknown applicant %q (want %q or %q)", s.Applicant, Organization, Individual)
	}
	totalOK := checkPoints(p, root.at("total"), s.Total)
	if len(s.Categories) == 0 {
		p.add(root.at("category"), "the set has no categories ([[category]])")
		totalOK = false
	}

	seen := map[string]path{} // ID → where first used
	checkID := func(at path, id string) {
		if msg := checkItemID(id); msg != "" {
			p.add(at, "%s", msg)
			return
		}
		if first, dup := seen[id]; dup {
			line := p.line(first)
			p.add(at, "duplicate id %q (first used at line %d, %s)", id, line, first[:len(first)-1])
			return
		}
		seen[id] = at
	}
	firstOfKind := map[Kind]path{} // kind → first item using it
	sum := 0
	for i, c := range s.Categories {
		cp := root.elem("category", i)
		checkID(cp.at("id"), c.ID)
		checkName(p, cp.at("name"), c.Name)
		catOK := checkPoints(p, cp.at("points"), c.Points)
		if len(c.Items) == 0 {
			p.add(cp, "category %q has no items ([[category.item]])", c.ID)
			catOK = false
		}
		itemSum := 0
		for j, it := range c.Items {
			ip := cp.elem("item", j)
			checkID(ip.at("id"), it.ID)
			checkName(p, ip.at("name"), it.Name)
			if !checkPoints(p, ip.at("points"), it.Points) {
				catOK = false
			}
			itemSum += it.Points
			if !it.Kind.Valid() {
				p.add(ip.at("kind"), "unknown kind %q (want %q or %q)", it.Kind, Process, Results)
			} else if _, ok := firstOfKind[it.Kind]; !ok {
				firstOfKind[it.Kind] = ip.at("kind")
			}
		}
		if catOK && itemSum != c.Points {
			p.add(cp.at("points"), "category %q has %d points but its items sum to %d", c.ID, c.Points, itemSum)
		}
		if !catOK {
			totalOK = false
		}
		sum += c.Points
	}
	if totalOK && sum != s.Total {
		p.add(root.at("total"), "total is %d but the categories sum to %d", s.Total, sum)
	}
	validateBands(d, p, firstOfKind)
}

// validateBands checks that the bands of each kind are well formed, ascend
// and cover 0–100, and that every kind used by an item has bands.
func validateBands(d *draft, p *problems, used map[Kind]path) {
	var root path
	byKind := map[Kind][]int{} // kind → indices into d.bands, in file order
	broken := map[Kind]bool{}  // kind → some band has bad limits
	for i, db := range d.bands {
		bp := root.elem("band", i)
		b := db.band
		if !db.kind.Valid() {
			p.add(bp.at("kind"), "unknown kind %q (want %q or %q)", db.kind, Process, Results)
			continue
		}
		ok := checkPercent(p, bp.at("min"), b.Min)
		ok = checkPercent(p, bp.at("max"), b.Max) && ok
		if ok && b.Min > b.Max {
			p.add(bp.at("max"), "band %d–%d: max is below min", b.Min, b.Max)
			ok = false
		}
		if !ok {
			broken[db.kind] = true
		}
		checkFactors(p, bp, b.Factors)
		if prev := byKind[db.kind]; len(prev) > 0 {
			sameFactors(p, bp, b.Factors, d.bands[prev[0]].band)
		}
		byKind[db.kind] = append(byKind[db.kind], i)
	}
	for _, k := range []Kind{Process, Results} {
		idx := byKind[k]
		if len(idx) == 0 {
			if at, isUsed := used[k]; isUsed {
				p.add(at, "no bands for kind %q; add [[band]] tables with kind = %q", k, k)
			}
			continue
		}
		if !broken[k] {
			checkCoverage(p, d, k, idx)
		}
	}
}

// checkCoverage checks that the bands of kind k, at indices idx of d.bands,
// ascend from 0 to 100 in steps of 5 without gap or overlap.
func checkCoverage(p *problems, d *draft, k Kind, idx []int) {
	var root path
	want := 0 // the next percentage to cover
	for n, i := range idx {
		b := d.bands[i].band
		bp := root.elem("band", i)
		switch {
		case n == 0 && b.Min != 0:
			p.add(bp.at("min"), "the first %s band starts at %d, want 0", k, b.Min)
		case b.Min > want:
			pb := d.bands[idx[n-1]].band
			p.add(bp.at("min"), "gap in %s bands: %d–%d after %d–%d leaves %s uncovered",
				k, b.Min, b.Max, pb.Min, pb.Max, span(want, b.Min-5))
		case b.Min < want:
			pb := d.bands[idx[n-1]].band
			p.add(bp.at("min"), "%s band %d–%d overlaps or precedes band %d–%d; list bands ascending without overlap",
				k, b.Min, b.Max, pb.Min, pb.Max)
			return
		}
		want = b.Max + 5
	}
	if last := idx[len(idx)-1]; d.bands[last].band.Max != 100 {
		p.add(root.elem("band", last).at("max"), "the last %s band ends at %d, want 100", k, d.bands[last].band.Max)
	}
}

// checkFactors checks the factors of one band.
func checkFactors(p *problems, bp path, fs []Factor) {
	if len(fs) == 0 {
		p.add(bp, "band has no factors ([[band.factor]])")
		return
	}
	names := map[string]bool{}
	for j, f := range fs {
		fp := bp.elem("factor", j)
		checkName(p, fp.at("name"), f.Name)
		if names[f.Name] {
			p.add(fp.at("name"), "duplicate factor %q in this band", f.Name)
		}
		names[f.Name] = true
		if strings.TrimSpace(f.Text) == "" {
			p.add(fp.at("text"), "guidance text is empty")
		}
	}
}

// sameFactors checks that a band lists the factors of the first band of its
// kind, in the same order.
func sameFactors(p *problems, bp path, fs []Factor, first Band) {
	want := factorNames(first.Factors)
	if got := factorNames(fs); got != want && len(fs) > 0 {
		p.add(bp.elem("factor", 0), "factors %s differ from %s of band %d–%d; every band of a kind lists the same factors in the same order",
			got, want, first.Min, first.Max)
	}
}

func factorNames(fs []Factor) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return "[" + strings.Join(names, " ") + "]"
}

// checkPercent reports a band limit that is not one of 0, 5, …, 100.
func checkPercent(p *problems, at path, v int) bool {
	if v < 0 || v > 100 || v%5 != 0 {
		p.add(at, "%d is not a percentage in steps of 5 (0, 5, …, 100)", v)
		return false
	}
	return true
}

// checkPoints reports points out of 1..maxPoints.
func checkPoints(p *problems, at path, v int) bool {
	if v <= 0 {
		p.add(at, "points must be greater than 0, not %d", v)
		return false
	}
	if v > maxPoints {
		p.add(at, "%d points is more than %d", v, maxPoints)
		return false
	}
	return true
}

// checkName reports an empty name.
func checkName(p *problems, at path, name string) {
	if strings.TrimSpace(name) == "" {
		p.add(at, "must not be empty")
	}
}

// checkSetID returns what is wrong with a set ID, or "".
func checkSetID(id string) string {
	if id == "" {
		return "the set id must not be empty"
	}
	if len(id) > maxIDLen {
		return fmt.Sprintf("id is longer than %d bytes", maxIDLen)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return fmt.Sprintf("id %q: use only letters, digits, '.', '-' and '_'", id)
		}
	}
	return ""
}

// checkItemID returns what is wrong with a category or item ID, or "".
func checkItemID(id string) string {
	if id == "" {
		return "id must not be empty"
	}
	if len(id) > maxIDLen {
		return fmt.Sprintf("id is longer than %d bytes", maxIDLen)
	}
	if !utf8.ValidString(id) {
		return "id is not valid UTF-8"
	}
	for _, r := range id {
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Sprintf("id %q must not contain spaces or control characters", id)
		}
	}
	return ""
}

// span formats the percentages from lo to hi: "55" or "55–60".
func span(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}
