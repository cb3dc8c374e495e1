package sample

import (
	"fmt"
	"math/rand/v2"

	"qaward/award"
	"qaward/criteria"
)

var (
	tradeNames = []string{"云山", "法相", "资江", "威溪", "都梁", "紫阳", "龙溪", "双牌", "渠渡", "湘南",
		"鸿泰", "恒信", "卤味", "晨光", "宏达", "金穗", "南山", "天成", "华湘", "长青"}
	industries = []struct{ name, suffix string }{
		{"食品制造", "食品有限公司"}, {"农副产品加工", "农业科技有限公司"}, {"建筑业", "建设工程有限公司"},
		{"装备制造", "机械制造有限公司"}, {"医药", "制药有限公司"}, {"电子信息", "电子科技有限公司"},
		{"现代服务业", "物流有限公司"}, {"文化旅游", "文化旅游发展有限公司"}, {"纺织服装", "服饰有限公司"},
		{"新材料", "新材料股份有限公司"},
	}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "邓", "曾", "彭", "肖", "谢"}
	givenNames = []string{"建国", "志强", "秀英", "丽华", "海涛", "晓明", "红梅", "国平", "文斌", "小燕", "德胜", "春兰"}
	employers  = []string{"武冈市市场监督管理局", "邵阳学院", "湖南省质量协会", "武冈市工业和信息化局",
		"湖南卓越绩效评价中心", "武冈市农业农村局", "邵阳市标准化研究所"}
	conflictReasons = []string{"曾在该单位任职", "近亲属在该单位工作", "为该单位提供过咨询服务", "与申报个人存在师生关系"}
)

// creditCode makes a valid unified social credit code registered in Wugang
// (administrative division 430581).
func creditCode(rng *rand.Rand) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	b := []byte("91430581")
	for len(b) < 17 {
		b = append(b, chars[rng.IntN(len(chars))])
	}
	c, _ := award.CreditCodeCheckDigit(string(b))
	return string(append(b, c))
}

func personName(rng *rand.Rand) string {
	return surnames[rng.IntN(len(surnames))] + givenNames[rng.IntN(len(givenNames))]
}

// applicants makes n applicants, A0001…; individual says which are
// individuals.
func applicants(rng *rand.Rand, n int, individual func(i int) bool) []award.Applicant {
	out := make([]award.Applicant, n)
	width := max(4, len(fmt.Sprint(n)))
	for i := range out {
		a := award.Applicant{ID: fmt.Sprintf("A%0*d", width, i+1), Status: award.Accepted}
		if individual(i) {
			a.Kind = award.Individual
			a.Name = personName(rng)
			a.Industry = industries[rng.IntN(len(industries))].name
		} else {
			ind := industries[rng.IntN(len(industries))]
			a.Kind = award.Organization
			a.Name = "武冈市" + tradeNames[i%len(tradeNames)] + ind.suffix
			if i >= len(tradeNames) {
				a.Name = fmt.Sprintf("武冈市%s%s（%d）", tradeNames[i%len(tradeNames)], ind.suffix, i/len(tradeNames)+1)
			}
			a.Industry = ind.name
			a.CreditCode = creditCode(rng)
			a.Founded = fmt.Sprintf("%d-%02d-%02d", 1995+rng.IntN(25), 1+rng.IntN(12), 1+rng.IntN(28))
			a.Profile = profile(i)
		}
		a.CriteriaSet = criteria.Default(string(a.Kind)).ID
		out[i] = a
	}
	return out
}

// reviewers makes n reviewers, R001….
func reviewers(rng *rand.Rand, n int) []award.Reviewer {
	out := make([]award.Reviewer, n)
	width := max(3, len(fmt.Sprint(n)))
	for i := range out {
		out[i] = award.Reviewer{ID: fmt.Sprintf("R%0*d", width, i+1), Name: personName(rng), Affiliation: employers[rng.IntN(len(employers))]}
	}
	return out
}

var (
	strengthPhrases = []string{"建立了较系统的方法并在主要部门展开", "定期开展评价并据此改进", "关键指标数据完整，趋势向好",
		"与同行对比处于领先水平", "方法与战略目标协调一致"}
	improvementPhrases = []string{"方法尚未覆盖全部部门", "缺少对比数据和标杆信息", "改进成果未形成制度固化",
		"部分指标缺少三年以上趋势", "过程间的整合有待加强"}
)

// comment writes a short strength and improvement for an item.
func comment(rng *rand.Rand, pct int) (string, string) {
	s := strengthPhrases[rng.IntN(len(strengthPhrases))]
	o := improvementPhrases[rng.IntN(len(improvementPhrases))]
	if pct >= 70 {
		o = ""
	}
	if pct < 30 {
		s = ""
	}
	return s, o
}

// profile is an eligible organisation's record; it draws from its own
// generator so that adding it left the rest of a cycle unchanged.
func profile(i int) award.Profile {
	rng := rand.New(rand.NewPCG(uint64(i), 0x9e37))
	return award.Profile{RegisteredIn: "武冈市", LegalPerson: true, ExcellenceModel: true,
		Certifications: []award.Certification{{Name: "GB/T 19001 质量管理体系",
			Number: fmt.Sprintf("00%05dQ%04d", rng.IntN(100000), rng.IntN(10000)), ValidUntil: fmt.Sprintf("%d-12-31", 2027+rng.IntN(3))}}}
}
