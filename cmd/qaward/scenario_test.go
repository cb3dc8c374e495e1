package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Scenario A: 12 organisations and 3 individuals under the default
// configuration (weights 0.3/0.5/0.2, trimmed mean from 5 sheets, award ≥ 60,
// nomination ≥ 50, material ≥ 400, quotas 5/2/10). Every expected figure
// below was computed by hand from DESIGN §2; the working is in the comments.
const scenarioApplicants = `id,kind,name,industry,credit_code,founded
O01,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01
O02,organization,武冈市法相建设工程有限公司,建筑业,91430581000000074J,2010-06-18
O03,organization,武冈市资江机械制造有限公司,装备制造,91430581000000111Q,1998-01-01
O04,organization,武冈市威溪制药有限公司,医药,91430581000000148H,2012-09-09
O05,organization,武冈市都梁电子科技有限公司,电子信息,91430581000000185C,2015-05-05
O06,organization,武冈市紫阳物流有限公司,现代服务业,91430581000000222J,2016-07-01
O07,organization,武冈市龙溪服饰有限公司,纺织服装,91430581000000259B,2016-07-01
O08,organization,武冈市双牌农业科技有限公司,农副产品加工,914305810000002966,2008-02-02
O09,organization,武冈市渠渡文化旅游发展有限公司,文化旅游,91430581000000333C,2011-11-11
O10,organization,武冈市湘南新材料股份有限公司,新材料,914305810000003707,2013-03-03
O11,organization,武冈市鸿泰卤味食品有限公司,食品制造,91430581000000407B,2019-01-01
O12,organization,武冈市恒信建设工程有限公司,建筑业,914305810000004446,2001-04-04
P01,individual,王建国,装备制造,,
P02,individual,李秀英,食品制造,,
P03,individual,张志强,医药,,
`

const scenarioReviewers = `id,name,affiliation
R1,赵一,武冈市市场监督管理局
R2,钱二,邵阳学院
R3,孙三,湖南省质量协会
R4,李四,武冈市工业和信息化局
R5,周五,湖南卓越绩效评价中心
R6,吴六,武冈市农业农村局
R7,郑七,邵阳市标准化研究所
R8,王八,邵阳学院
R9,冯九,武冈市市场监督管理局
`

const scenarioConflicts = `reviewer_id,applicant_id,reason
R9,O03,曾在该单位任职
`

var rs = []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7"}

// Material (M). A uniform sheet at p % totals 10·p points.
//
//	O01 5 sheets 800 750 700 850 600 → trimmed (drop 850, 600): 2250/3 = 750.00
//	O02 4 sheets 700 700 750 800 → mean 2950/4 = 737.50
//	O03 3 sheets 650 700 700 → 2050/3 = 683.333… → 683.33
//	O04 4 sheets at 70 %, one with 4.4.6 (10 points) at 75 %: 700.50;
//	    sum 2800.50/4 = 700.125 → half up 700.13 (exactly half a hundredth)
//	O05 6 sheets 600…900 → trimmed: (650+700+750+800)/4 = 725.00
//	O06 5 × 600 → 600.00; O07 3 × 600 → 600.00 (tie with O06)
//	O08 500.00, O09 450.00, O10 400.00 (= material_min, shortlisted),
//	O11 350.00 (below material_min), O12 700.00
//	P01 3 × 800 → 800.00; P02 750 750 800 → 766.666… → 766.67; P03 300.00
func scenarioScores() string {
	return sheets("material", "O01", rs, 80, 75, 70, 85, 60) +
		sheets("material", "O02", rs, 70, 70, 75, 80) +
		sheets("material", "O03", rs, 65, 70, 70) +
		sheets("material", "O04", rs, 70, 70, 70) + "material O04 R4 70 4.4.6=75\n" +
		sheets("material", "O05", rs, 60, 65, 70, 75, 80, 90) +
		sheets("material", "O06", rs, 60, 60, 60, 60, 60) +
		sheets("material", "O07", rs, 60, 60, 60) +
		sheets("material", "O08", rs, 50, 50, 50) +
		sheets("material", "O09", rs, 45, 45, 45) +
		sheets("material", "O10", rs, 40, 40, 40) +
		sheets("material", "O11", rs, 35, 35, 35) +
		sheets("material", "O12", rs, 70, 70, 70) +
		sheets("material", "P01", rs, 80, 80, 80) +
		sheets("material", "P02", rs, 75, 75, 80) +
		sheets("material", "P03", rs, 30, 30, 30) +
		// On site (O):
		//	O01 5 sheets 800 800 850 750 900 → (800+800+850)/3 = 816.666… → 816.67
		//	O02 700 750 800 → 750.00; O03 3 × 750; O04 3 × 600; O05 3 × 650
		//	O06, O07 3 × 700; O08 550; O09 500; O10 450; O12 none
		//	P01 3 × 850; P02 3 × 800
		sheets("onsite", "O01", rs, 80, 80, 85, 75, 90) +
		sheets("onsite", "O02", rs, 70, 75, 80) +
		sheets("onsite", "O03", rs, 75, 75, 75) +
		sheets("onsite", "O04", rs, 60, 60, 60) +
		sheets("onsite", "O05", rs, 65, 65, 65) +
		sheets("onsite", "O06", rs, 70, 70, 70) +
		sheets("onsite", "O07", rs, 70, 70, 70) +
		sheets("onsite", "O08", rs, 55, 55, 55) +
		sheets("onsite", "O09", rs, 50, 50, 50) +
		sheets("onsite", "O10", rs, 45, 45, 45) +
		sheets("onsite", "P01", rs, 85, 85, 85) +
		sheets("onsite", "P02", rs, 80, 80, 80) +
		sheets("onsite", "P03", rs, 30, 30, 30)
}

// Satisfaction (S); O10 has none, so it is incomplete.
const scenarioSatisfaction = `applicant_id,csi,responses
O01,90.00,320
O02,85.5,300
O03,80.25,280
O04,70,250
O05,88.00,260
O06,75.00,240
O07,75.00,240
O08,60.00,200
O09,50.00,180
O12,80.00,210
`

// setupScenario creates a database with the scenario imported.
func setupScenario(t *testing.T) (db string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "cycle.db")
	mustQA(t, "--db", db, "init", "--cycle", "2026")
	mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "applicants.csv", scenarioApplicants))
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "reviewers.csv", scenarioReviewers))
	mustQA(t, "--db", db, "import", "conflicts", writeFile(t, dir, "conflicts.csv", scenarioConflicts))
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSV(t, scenarioScores())))
	mustQA(t, "--db", db, "import", "satisfaction", writeFile(t, dir, "satisfaction.csv", scenarioSatisfaction))
	return db
}

func TestScenarioMaterialRanking(t *testing.T) {
	db := setupScenario(t)
	got := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	// M descending, then ID; O06 and O07 tie at 600.00 and go by ID.
	// Shortlist: M ≥ 400, at most 12 organisations and 4 individuals.
	want := `rank,id,kind,name,material,reviewers,shortlisted
1,P01,individual,王建国,800.00,3,yes
2,P02,individual,李秀英,766.67,3,yes
3,O01,organization,武冈市云山食品有限公司,750.00,5,yes
4,O02,organization,武冈市法相建设工程有限公司,737.50,4,yes
5,O05,organization,武冈市都梁电子科技有限公司,725.00,6,yes
6,O04,organization,武冈市威溪制药有限公司,700.13,4,yes
7,O12,organization,武冈市恒信建设工程有限公司,700.00,3,yes
8,O03,organization,武冈市资江机械制造有限公司,683.33,3,yes
9,O06,organization,武冈市紫阳物流有限公司,600.00,5,yes
10,O07,organization,武冈市龙溪服饰有限公司,600.00,3,yes
11,O08,organization,武冈市双牌农业科技有限公司,500.00,3,yes
12,O09,organization,武冈市渠渡文化旅游发展有限公司,450.00,3,yes
13,O10,organization,武冈市湘南新材料股份有限公司,400.00,3,yes
14,O11,organization,武冈市鸿泰卤味食品有限公司,350.00,3,no
15,P03,individual,张志强,300.00,3,no
`
	if got != want {
		t.Errorf("material ranking:\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestScenarioCompositeRanking(t *testing.T) {
	db := setupScenario(t)
	got := mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv")
	// C = 0.03·M + 0.05·O + 0.2·S for organisations,
	// C = (0.3·M + 0.5·O) / 8 for individuals (weights renormalised by 0.8):
	//	P01 (240 + 425)/8 = 83.125 → 83.13
	//	O01 22.5 + 40.8335 + 18 = 81.3335 → 81.33
	//	P02 (230.001 + 400)/8 = 78.750125 → 78.75
	//	O02 22.125 + 37.5 + 17.1 = 76.725 → 76.73
	//	O03 20.4999 + 37.5 + 16.05 = 74.0499 → 74.05
	//	O05 21.75 + 32.5 + 17.6 = 71.85
	//	O06 = O07 = 18 + 35 + 15 = 68.00 (tie in C, O and M: ID decides)
	//	O04 21.0039 + 30 + 14 = 65.0039 → 65.00
	//	O08 15 + 27.5 + 12 = 54.50;  O09 13.5 + 25 + 10 = 48.50
	// Awards: organisations ≥ 60 in order O01 O02 O03 O05 O06 (quota 5 full,
	// O07 loses on ID at the boundary); individuals P01 P02. Nominations:
	// O07, O04, O08 (≥ 50); O09 below 50 is none. O10 (no S) and O12 (no O)
	// are incomplete; O11 and P03 were not shortlisted.
	want := `rank,id,kind,name,material,onsite,satisfaction,composite,outcome
1,P01,individual,王建国,800.00,850.00,,83.13,award
2,O01,organization,武冈市云山食品有限公司,750.00,816.67,90.00,81.33,award
3,P02,individual,李秀英,766.67,800.00,,78.75,award
4,O02,organization,武冈市法相建设工程有限公司,737.50,750.00,85.50,76.73,award
5,O03,organization,武冈市资江机械制造有限公司,683.33,750.00,80.25,74.05,award
6,O05,organization,武冈市都梁电子科技有限公司,725.00,650.00,88.00,71.85,award
7,O06,organization,武冈市紫阳物流有限公司,600.00,700.00,75.00,68.00,award
8,O07,organization,武冈市龙溪服饰有限公司,600.00,700.00,75.00,68.00,nomination
9,O04,organization,武冈市威溪制药有限公司,700.13,600.00,70.00,65.00,nomination
10,O08,organization,武冈市双牌农业科技有限公司,500.00,550.00,60.00,54.50,nomination
11,O09,organization,武冈市渠渡文化旅游发展有限公司,450.00,500.00,50.00,48.50,none
,O10,organization,武冈市湘南新材料股份有限公司,400.00,450.00,,,incomplete
,O12,organization,武冈市恒信建设工程有限公司,700.00,,80.00,,incomplete
`
	if got != want {
		t.Errorf("composite ranking:\n got:\n%s\nwant:\n%s", got, want)
	}
	table := mustQA(t, "--db", db, "rank", "--stage", "composite")
	for _, s := range []string{"│   7= │ O06", "│   8= │ O07", "O10", "no satisfaction", "7 nomination(s)"} {
		if !strings.Contains(table, s) {
			t.Errorf("composite table lacks %q:\n%s", s, table)
		}
	}
}

func TestScenarioOnsiteRanking(t *testing.T) {
	db := setupScenario(t)
	got := mustQA(t, "--db", db, "rank", "--stage", "onsite", "--format", "csv")
	// O descending, then M, then ID: O02 and O03 tie in O (750) and M decides.
	want := `rank,id,kind,name,onsite,reviewers,material
1,P01,individual,王建国,850.00,3,800.00
2,O01,organization,武冈市云山食品有限公司,816.67,5,750.00
3,P02,individual,李秀英,800.00,3,766.67
4,O02,organization,武冈市法相建设工程有限公司,750.00,3,737.50
5,O03,organization,武冈市资江机械制造有限公司,750.00,3,683.33
6,O06,organization,武冈市紫阳物流有限公司,700.00,3,600.00
7,O07,organization,武冈市龙溪服饰有限公司,700.00,3,600.00
8,O05,organization,武冈市都梁电子科技有限公司,650.00,3,725.00
9,O04,organization,武冈市威溪制药有限公司,600.00,3,700.13
10,O08,organization,武冈市双牌农业科技有限公司,550.00,3,500.00
11,O09,organization,武冈市渠渡文化旅游发展有限公司,500.00,3,450.00
12,O10,organization,武冈市湘南新材料股份有限公司,450.00,3,400.00
13,P03,individual,张志强,300.00,3,300.00
`
	if got != want {
		t.Errorf("on-site ranking:\n got:\n%s\nwant:\n%s", got, want)
	}
}
