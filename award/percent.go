package award

// PercentStep is the step of an item's percentage: a reviewer scores an
// item 0, 5, 10, … 100 per cent of its points.
const PercentStep = 5

// ValidPercent reports whether p is an allowed percentage of an item's
// points: 0 to 100 in steps of PercentStep.
func ValidPercent(p int) bool { return p >= 0 && p <= 100 && p%PercentStep == 0 }
