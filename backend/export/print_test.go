package export_test

import (
	"testing"

	"qaward/backend/export"
)

// TestLocalizeNote: the notes under a table from Report and scoring come
// in Chinese in a Chinese sheet; a note of another form stays.
func TestLocalizeNote(t *testing.T) {
	for en, zh := range map[string]string{
		"vacant places: 2 organisation award(s), 1 individual award(s), 10 nomination(s)":                                                                               "空缺：组织奖 2 个，个人奖 1 个，提名奖 10 个",
		"incomplete: A0007: no on-site score (no counted on-site sheet and no consensus); no satisfaction index":                                                        "数据不全：A0007：无现场评审得分（无有效现场评分表，也无一致意见）；无满意度指数",
		"on-site shortlist (organisations) boundary: A0004 (material rank 4) and A0005 (material rank 5) share material score 612.50; decided by applicant ID alone":    "现场评审入围名额（组织）边界：A0004（材料评审第 4 名）与 A0005（材料评审第 5 名）材料评审得分同为 612.50，按编号决定",
		"award (individuals) boundary: A0011 (rank 4) and A0012 (rank 6) share composite 64.95; decided by on-site score 700.00 against 690.00":                         "市长质量奖名额（个人）边界：A0011（第 4 名）与 A0012（第 6 名）综合得分同为 64.95；按现场评审得分决定：700.00 对 690.00",
		"nomination boundary: A0008 (rank 9) and A0009 (rank 10) share composite 60.00; equal on-site 650.00 and material 600.00 scores; decided by applicant ID alone": "提名奖名额边界：A0008（第 9 名）与 A0009（第 10 名）综合得分同为 60.00；现场评审得分同为 650.00、材料评审得分同为 600.00，按编号决定",
		"something else": "something else",
	} {
		if got := export.LocalizeNote(en); got != zh {
			t.Errorf("LocalizeNote(%q)\n = %q\nwant %q", en, got, zh)
		}
	}
}
