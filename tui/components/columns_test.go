package components

import (
	"slices"
	"testing"
)

func TestWidths(t *testing.T) {
	id := Column{Min: 5, Want: 5}
	name := Column{Min: 6, Want: 30, Flex: true}
	kind := Column{Min: 0, Want: 10, Flex: true}
	state := Column{Min: 6, Want: 12}
	for _, tc := range []struct {
		w    int
		want []int
	}{
		{200, []int{5, 30, 10, 12}}, // the rest stays at the right, no 130-cell name
		{80, []int{5, 30, 10, 12}},
		{50, []int{5, 20, 10, 12}}, // the flex columns share what is left
		{30, []int{5, 8, 2, 12}},
		{20, []int{5, 6, 0, 6}}, // too narrow: the fixed ones give up cells from the right
	} {
		if got := Widths(tc.w, id, name, kind, state); !slices.Equal(got, tc.want) {
			t.Errorf("Widths(%d) = %v, want %v", tc.w, got, tc.want)
		}
	}
}
