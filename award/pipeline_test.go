package award

import (
	"strings"
	"testing"
)

func TestTransitions(t *testing.T) {
	allowed := []struct{ from, to Status }{
		{Applied, Recommended}, {Recommended, FormalReview}, {FormalReview, DepartmentOpinions},
		{DepartmentOpinions, Accepted}, {Accepted, MaterialReview}, {MaterialReview, OnsiteReview},
		{OnsiteReview, SatisfactionSurvey}, {SatisfactionSurvey, CompositeReview}, {CompositeReview, Deliberation},
		{Deliberation, Publicity}, {Publicity, Announced},
	}
	for _, c := range allowed {
		if err := CheckTransition(c.from, c.to, "", ""); err != nil {
			t.Errorf("%s → %s refused: %v", c.from, c.to, err)
		}
	}
	refused := []struct {
		from, to        Status
		reason, article string
		want            string
	}{
		{Applied, FormalReview, "", "", "next stage is recommended"},
		{MaterialReview, Accepted, "", "", "next stage is on-site review"},
		{Publicity, Publicity, "", "", "next stage is announced"},
		{FormalReview, Rejected, "", "第十六条", "reason"},
		{FormalReview, Rejected, "材料不全", "", "article"},
		{Accepted, Withdrawn, "  ", "第十七条", "reason"},
		{Rejected, MaterialReview, "", "", "ended"},
		{Withdrawn, Rejected, "x", "y", "ended"},
		{Announced, Rejected, "x", "第三十条", "revoke"},
	}
	for _, c := range refused {
		err := CheckTransition(c.from, c.to, c.reason, c.article)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: %v, want an error about %q", c.from, c.to, err, c.want)
		}
	}
	if err := CheckTransition(FormalReview, Rejected, "申报材料不完整，缺少近三年财务报表", "第十六条"); err != nil {
		t.Errorf("rejection with reason and article refused: %v", err)
	}
	if s, err := ParseStatus("材料评审"); err != nil || s != MaterialReview {
		t.Errorf("ParseStatus(材料评审) = %s, %v", s, err)
	}
	if _, err := ParseStatus("done"); err == nil {
		t.Error("ParseStatus accepted done")
	}
}
