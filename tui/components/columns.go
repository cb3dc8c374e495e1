package components

// Column is one column of a table: Want is the width of its widest cell,
// Min what it keeps when the room is short. A Flex column (a name, a kind)
// takes what is left after the others have their Want, shared evenly with
// the other Flex columns and never more than its own Want, so that a wide
// terminal leaves the room at the right rather than stretching a name.
type Column struct {
	Min, Want int
	Flex      bool
}

// Widths shares w cells among columns set one space apart. The columns
// that are not Flex get their Want, or, when even the Flex columns' Min
// does not fit, give up cells down to their Min from the right; the Flex
// columns then grow from their Min a cell at a time in turn.
func Widths(w int, cols ...Column) []int {
	out := make([]int, len(cols))
	room := w - max(0, len(cols)-1)
	for i, c := range cols {
		out[i] = c.Want
		if c.Flex {
			out[i] = min(c.Min, c.Want)
		}
		room -= out[i]
	}
	for i := len(cols) - 1; i >= 0 && room < 0; i-- {
		if !cols[i].Flex {
			give := min(-room, out[i]-min(cols[i].Min, out[i]))
			out[i] -= give
			room += give
		}
	}
	for room > 0 {
		grew := false
		for i, c := range cols {
			if c.Flex && out[i] < c.Want && room > 0 {
				out[i]++
				room--
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	return out
}

// WidestOf is the width in cells of the widest of texts, at least floor.
func WidestOf(floor int, texts ...string) int {
	n := floor
	for _, s := range texts {
		n = max(n, width(s))
	}
	return n
}
