package award

import (
	"fmt"
	"strings"
	"time"
)

// The pipeline of an applicant (Art. 13–24), in order. Applicants imported
// by the office start as Accepted (受理); the earlier stages are recorded
// when the office runs the call for applications itself.
const (
	Applied            Status = "applied"             // 申报
	Recommended        Status = "recommended"         // 初审推荐
	FormalReview       Status = "formal-review"       // 形式审查
	DepartmentOpinions Status = "department-opinions" // 部门意见
	// Accepted (受理公示) is declared with the statuses that matter to ranking.
	MaterialReview     Status = "material-review" // 材料评审
	OnsiteReview       Status = "onsite-review"   // 现场评审
	SatisfactionSurvey Status = "satisfaction"    // 满意度测评
	CompositeReview    Status = "composite"       // 综合评价
	Deliberation       Status = "deliberation"    // 评委会审议
	Publicity          Status = "publicity"       // 公示
	Announced          Status = "announced"       // 审定公告
)

// Pipeline lists the stages an applicant passes through, in order.
var Pipeline = []Status{Applied, Recommended, FormalReview, DepartmentOpinions, Accepted,
	MaterialReview, OnsiteReview, SatisfactionSurvey, CompositeReview, Deliberation, Publicity, Announced}

// Ended lists the statuses that end an applicant's way through a cycle
// before the announcement; each needs a reason and the article it rests on.
var Ended = []Status{Rejected, Withdrawn, Ineligible}

var statusNames = map[Status][2]string{
	Applied: {"申报", "applied"}, Recommended: {"初审推荐", "recommended"}, FormalReview: {"形式审查", "formal review"},
	DepartmentOpinions: {"部门意见", "department opinions"}, Accepted: {"受理公示", "accepted"},
	MaterialReview: {"材料评审", "material review"}, OnsiteReview: {"现场评审", "on-site review"},
	SatisfactionSurvey: {"满意度测评", "satisfaction survey"}, CompositeReview: {"综合评价", "composite evaluation"},
	Deliberation: {"评委会审议", "committee deliberation"}, Publicity: {"公示", "publicity"}, Announced: {"审定公告", "announced"},
	Rejected: {"不予通过", "rejected"}, Withdrawn: {"撤回", "withdrawn"}, Ineligible: {"不符合条件", "ineligible"},
}

// Name is the status in Chinese ("zh") or English.
func (s Status) Name(lang string) string {
	n, ok := statusNames[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// ParseStatus accepts the contract spelling or the Chinese name.
func ParseStatus(text string) (Status, error) {
	for s, n := range statusNames {
		if text == string(s) || text == n[0] {
			return s, nil
		}
	}
	var all []string
	for _, s := range append(append([]Status{}, Pipeline...), Ended...) {
		all = append(all, string(s))
	}
	return "", fmt.Errorf("stage %q: want one of %s", text, strings.Join(all, ", "))
}

// IsEnded reports whether the status ends the applicant's way.
func (s Status) IsEnded() bool {
	for _, e := range Ended {
		if s == e {
			return true
		}
	}
	return false
}

// PastAcceptance reports whether the applicant was accepted (受理, Art.
// 17) and is still on its way: only those are reviewed.
func (s Status) PastAcceptance() bool {
	return pipelineIndex(s) >= pipelineIndex(Accepted)
}

func pipelineIndex(s Status) int {
	for i, p := range Pipeline {
		if p == s {
			return i
		}
	}
	return -1
}

// Transition is one recorded move of an applicant through the pipeline.
type Transition struct {
	ApplicantID string
	From, To    Status
	Reason      string // required to end an applicant's way; fed back to the applicant
	Article     string // the article of the management rules it rests on, e.g. "第十六条"
	Actor       string
	At          time.Time
}

// CheckTransition says whether an applicant may move from one status to
// another: only to the next stage of the pipeline, or to an ended status
// with a written reason and the article it rests on. Ended and announced
// applicants move no more.
func CheckTransition(from, to Status, reason, article string) error {
	if from.IsEnded() {
		return refusal(fmt.Sprintf("the applicant is %s already; its way through this cycle has ended", from.Name("en")),
			fmt.Sprintf("该对象已是「%s」，本届流程已结束", from.Name("zh")))
	}
	if from == Announced {
		return refusal("the award is announced; revoke it instead (Art. 28–31)", "已审定公告；如需变更请撤销（第二十八至三十一条）")
	}
	if to.IsEnded() {
		if strings.TrimSpace(reason) == "" {
			return refusal(fmt.Sprintf("%s needs a written reason, which is fed back to the applicant (Art. 17)", to.Name("en")),
				fmt.Sprintf("「%s」须写明理由，理由将反馈给申报人（第十七条）", to.Name("zh")))
		}
		if strings.TrimSpace(article) == "" {
			return refusal(fmt.Sprintf("%s needs the article of the management rules it rests on", to.Name("en")),
				fmt.Sprintf("「%s」须注明所依据的管理办法条款", to.Name("zh")))
		}
		return nil
	}
	i, j := pipelineIndex(from), pipelineIndex(to)
	if i < 0 || j < 0 {
		return refusal(fmt.Sprintf("unknown stage %q or %q", from, to), fmt.Sprintf("未知阶段 %q 或 %q", from, to))
	}
	if j != i+1 {
		next := Pipeline[min(i+1, len(Pipeline)-1)]
		return refusal(fmt.Sprintf("from %s the next stage is %s, not %s", from.Name("en"), next.Name("en"), to.Name("en")),
			fmt.Sprintf("「%s」的下一阶段是「%s」，不是「%s」", from.Name("zh"), next.Name("zh"), to.Name("zh")))
	}
	return nil
}
