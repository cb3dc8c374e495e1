package criteria

// setIndex is built once when a set is parsed and never changed, so that
// lookups are O(1) and safe from many goroutines.
type setIndex struct {
	items  []Item         // flattened in category order
	item   map[string]int // item ID → index in items
	cat    map[string]int // category ID → index in Categories
	points map[Kind]int   // kind → sum of item points
}

func buildIndex(s *Set) *setIndex {
	ix := &setIndex{item: map[string]int{}, cat: map[string]int{}, points: map[Kind]int{}}
	for ci, c := range s.Categories {
		if _, dup := ix.cat[c.ID]; !dup {
			ix.cat[c.ID] = ci
		}
		for _, it := range c.Items {
			if _, dup := ix.item[it.ID]; !dup {
				ix.item[it.ID] = len(ix.items)
			}
			ix.items = append(ix.items, it)
			ix.points[it.Kind] += it.Points
		}
	}
	return ix
}

// index returns the set's index. A set made by Parse has one; for a set
// built in code (as tests do) it is computed on each call and not kept, so
// that concurrent readers never write to the set.
func (s *Set) index() *setIndex {
	if s.ix != nil {
		return s.ix
	}
	return buildIndex(s)
}

// Items returns the items of all categories in order, as a new slice. The
// position of an item in this list is its position on a score sheet.
func (s *Set) Items() []Item {
	items := s.index().items
	return append([]Item(nil), items...)
}

// NumItems is the number of items of the set.
func (s *Set) NumItems() int { return len(s.index().items) }

// Item returns the item at position i of [Set.Items]; it panics when i is
// out of range, as indexing a slice does.
func (s *Set) Item(i int) Item { return s.index().items[i] }

// ItemIndex returns the position of the item with the given ID on a score
// sheet.
func (s *Set) ItemIndex(id string) (int, bool) {
	i, ok := s.index().item[id]
	return i, ok
}

// ItemByID returns the item with the given ID.
func (s *Set) ItemByID(id string) (Item, bool) {
	ix := s.index()
	i, ok := ix.item[id]
	if !ok {
		return Item{}, false
	}
	return ix.items[i], true
}

// Category returns the category with the given ID; its Items are a copy.
func (s *Set) Category(id string) (Category, bool) {
	i, ok := s.index().cat[id]
	if !ok {
		return Category{}, false
	}
	c := s.Categories[i]
	c.Items = append([]Item(nil), c.Items...)
	return c, true
}

// Points returns the sum of the points of the items of the given kind: 600
// for Process and 400 for Results in GB/T 19580-2012.
func (s *Set) Points(kind Kind) int { return s.index().points[kind] }

// Kinds returns the kinds the set's items use, Process before Results.
func (s *Set) Kinds() []Kind {
	var kinds []Kind
	for _, k := range []Kind{Process, Results} {
		if s.Points(k) > 0 {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// BandFor returns the band of the given kind that holds percent, and its
// index in s.Bands[kind]. The index is -1 when percent is not one of 0, 5,
// …, 100 or the set has no band for it.
func (s *Set) BandFor(kind Kind, percent int) (Band, int) {
	if percent < 0 || percent > 100 || percent%5 != 0 {
		return Band{}, -1
	}
	for i, b := range s.Bands[kind] {
		if b.Min <= percent && percent <= b.Max {
			return b, i
		}
	}
	return Band{}, -1
}

// Clone returns a deep copy of s that shares no memory with it, indexed as
// s is now.
func (s *Set) Clone() *Set {
	c := *s
	c.Categories = make([]Category, len(s.Categories))
	for i, cat := range s.Categories {
		cat.Items = append([]Item(nil), cat.Items...)
		c.Categories[i] = cat
	}
	if s.Bands != nil {
		c.Bands = make(map[Kind][]Band, len(s.Bands))
		for k, bands := range s.Bands {
			cb := make([]Band, len(bands))
			for i, b := range bands {
				b.Factors = append([]Factor(nil), b.Factors...)
				cb[i] = b
			}
			c.Bands[k] = cb
		}
	}
	c.ix = buildIndex(&c)
	return &c
}
