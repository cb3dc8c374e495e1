package backend

import (
	"reflect"
	"testing"

	"qaward/award"
)

// TestSummarizeRatings: count, exact mean rounded half up (29/8 = 3.625 is
// 3.63, where float rounding to even would give 3.62), min, max, the three
// lowest comments by rating then applicant, unrated on-site reviewers with
// a count of 0, reviewers in ID order.
func TestSummarizeRatings(t *testing.T) {
	rs := []award.Reviewer{{ID: "R001", Name: "甲"}, {ID: "R002", Name: "乙"}, {ID: "R003", Name: "丙"}}
	var es []award.Evaluation
	for i, r := range []int{5, 4, 4, 3, 3, 4, 2, 4} { // sum 29
		e := award.Evaluation{ApplicantID: "A000" + string(rune('1'+i)), ReviewerID: "R002", Rating: r}
		if r <= 3 {
			e.Comment = "意见" + e.ApplicantID
		}
		es = append(es, e)
	}
	es = append(es, award.Evaluation{ApplicantID: "A0001", ReviewerID: "R001", Rating: 2, Comment: "迟到"},
		award.Evaluation{ApplicantID: "A0002", ReviewerID: "R001", Rating: 1})
	got := SummarizeRatings(rs, es, []string{"R003", "R002"})
	want := []RatingSummary{
		{ReviewerID: "R001", Name: "甲", Count: 2, Mean: 150, Min: 1, Max: 2, Lowest: []award.Evaluation{es[8]}},
		{ReviewerID: "R002", Name: "乙", Count: 8, Mean: 363, Min: 2, Max: 5, Lowest: []award.Evaluation{es[6], es[3], es[4]}},
		{ReviewerID: "R003", Name: "丙"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	r := RatingsReport(got)
	if r.Rows[1][3] != "3.63" || r.Rows[1][6] != "2 A0007：意见A0007；3 A0004：意见A0004；3 A0005：意见A0005" || r.Rows[2][3] != "" || r.Rows[2][2] != "0" {
		t.Errorf("report rows %q", r.Rows)
	}
}
