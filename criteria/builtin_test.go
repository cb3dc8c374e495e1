package criteria

import (
	"strings"
	"sync"
	"testing"
)

// gbtItems is DOMAIN.md §2, item by item, in score-sheet order.
var gbtItems = []struct {
	id, name, category string
	points             int
	kind               Kind
}{
	{"4.1.2", "高层领导的作用", "4.1", 50, Process},
	{"4.1.3", "组织治理", "4.1", 30, Process},
	{"4.1.4", "社会责任", "4.1", 30, Process},
	{"4.2.2", "战略制定", "4.2", 40, Process},
	{"4.2.3", "战略部署", "4.2", 50, Process},
	{"4.3.2", "顾客和市场的了解", "4.3", 40, Process},
	{"4.3.3", "顾客关系与顾客满意", "4.3", 50, Process},
	{"4.4.2", "人力资源", "4.4", 60, Process},
	{"4.4.3", "财务资源", "4.4", 15, Process},
	{"4.4.4", "信息和知识资源", "4.4", 20, Process},
	{"4.4.5", "技术资源", "4.4", 15, Process},
	{"4.4.6", "基础设施", "4.4", 10, Process},
	{"4.4.7", "相关方关系", "4.4", 10, Process},
	{"4.5.2", "过程的识别与设计", "4.5", 50, Process},
	{"4.5.3", "过程的实施与改进", "4.5", 50, Process},
	{"4.6.2", "测量、分析和评价", "4.6", 40, Process},
	{"4.6.3", "改进与创新", "4.6", 40, Process},
	{"4.7.2", "产品和服务结果", "4.7", 80, Results},
	{"4.7.3", "顾客与市场结果", "4.7", 80, Results},
	{"4.7.4", "财务结果", "4.7", 80, Results},
	{"4.7.5", "资源结果", "4.7", 60, Results},
	{"4.7.6", "过程有效性结果", "4.7", 50, Results},
	{"4.7.7", "领导方面的结果", "4.7", 50, Results},
}

var gbtCategories = []struct {
	id, name, nameEn string
	points           int
}{
	{"4.1", "领导", "Leadership", 110},
	{"4.2", "战略", "Strategy", 90},
	{"4.3", "顾客与市场", "Customers and markets", 90},
	{"4.4", "资源", "Resources", 130},
	{"4.5", "过程管理", "Process management", 100},
	{"4.6", "测量、分析与改进", "Measurement, analysis and improvement", 80},
	{"4.7", "结果", "Results", 400},
}

func TestGBT19580(t *testing.T) {
	s, ok := Lookup("gbt19580-2012")
	if !ok {
		t.Fatal("Lookup(gbt19580-2012) not found")
	}
	if s.Applicant != Organization || s.Total != 1000 {
		t.Errorf("applicant %q total %d, want organization 1000", s.Applicant, s.Total)
	}
	if len(s.Categories) != len(gbtCategories) {
		t.Fatalf("%d categories, want %d", len(s.Categories), len(gbtCategories))
	}
	for i, want := range gbtCategories {
		c := s.Categories[i]
		if c.ID != want.id || c.Name != want.name || c.NameEn != want.nameEn || c.Points != want.points {
			t.Errorf("category %d = %s %s %s %d, want %+v", i, c.ID, c.Name, c.NameEn, c.Points, want)
		}
	}
	items := s.Items()
	if len(items) != 23 || s.NumItems() != 23 {
		t.Fatalf("%d items, want 23", len(items))
	}
	sum := 0
	for i, want := range gbtItems {
		it := items[i]
		if it.ID != want.id || it.Name != want.name || it.Category != want.category ||
			it.Points != want.points || it.Kind != want.kind || it.NameEn == "" {
			t.Errorf("item %d = %+v, want %+v", i, it, want)
		}
		if j, ok := s.ItemIndex(want.id); !ok || j != i {
			t.Errorf("ItemIndex(%s) = %d, %v; want %d", want.id, j, ok, i)
		}
		if s.Item(i) != it {
			t.Errorf("Item(%d) = %+v, want %+v", i, s.Item(i), it)
		}
		sum += it.Points
	}
	if sum != 1000 || s.Points(Process) != 600 || s.Points(Results) != 400 {
		t.Errorf("points: sum %d process %d results %d; want 1000 600 400", sum, s.Points(Process), s.Points(Results))
	}
	if c, ok := s.Category("4.4"); !ok || len(c.Items) != 6 || c.Points != 130 {
		t.Errorf("Category(4.4) = %+v, %v", c, ok)
	}
	if _, ok := s.Category("4.8"); ok {
		t.Error("Category(4.8) found")
	}
	if _, ok := s.ItemIndex("4.1.1"); ok {
		t.Error("ItemIndex(4.1.1) found: the 总则 is not scored")
	}
	if it, ok := s.ItemByID("4.7.7"); !ok || it.Points != 50 {
		t.Errorf("ItemByID(4.7.7) = %+v, %v", it, ok)
	}
	if got := s.Kinds(); len(got) != 2 || got[0] != Process || got[1] != Results {
		t.Errorf("Kinds() = %v", got)
	}
}

var individualItems = []struct {
	id, name string
	points   int
}{
	{"P1", "质量意识与职业操守", 150},
	{"P2", "创新能力", 200},
	{"P3", "质量管理理论研究与实践", 250},
	{"P4", "履职贡献与成效", 300},
	{"P5", "社会影响与示范带动", 100},
}

func TestIndividual(t *testing.T) {
	s := Default("individual")
	if s == nil || s.ID != "individual" || s.Applicant != Individual || s.Total != 1000 {
		t.Fatalf("Default(individual) = %+v", s)
	}
	if len(s.Categories) != 1 || s.Categories[0].ID != "P" || s.Categories[0].Name != "个人评价" ||
		s.Categories[0].NameEn != "Individual" {
		t.Errorf("categories = %+v", s.Categories)
	}
	items := s.Items()
	if len(items) != len(individualItems) {
		t.Fatalf("%d items, want %d", len(items), len(individualItems))
	}
	for i, want := range individualItems {
		it := items[i]
		if it.ID != want.id || it.Name != want.name || it.Points != want.points || it.Kind != Process || it.Category != "P" {
			t.Errorf("item %d = %+v, want %+v", i, it, want)
		}
	}
	if s.Points(Process) != 1000 || s.Points(Results) != 0 {
		t.Errorf("process %d results %d", s.Points(Process), s.Points(Results))
	}
}

func TestDefaultAndLookup(t *testing.T) {
	if s := Default("organization"); s == nil || s.ID != "gbt19580-2012" {
		t.Errorf("Default(organization) = %v", s)
	}
	if s := Default("company"); s != nil {
		t.Errorf("Default(company) = %v, want nil", s.ID)
	}
	if _, ok := Lookup("gbt19580-2004"); ok {
		t.Error("Lookup(gbt19580-2004) found")
	}
	sets := Builtin()
	if len(sets) != 2 || sets[0].ID != GBT19580ID || sets[1].ID != IndividualID {
		t.Fatalf("Builtin() = %v", sets)
	}
	// Fresh copies: changing one does not change the next.
	sets[0].Categories[0].Items[0].Points = 1
	sets[0].Bands[Process][0].Factors[0].Text = "changed"
	again, _ := Lookup(GBT19580ID)
	if again.Categories[0].Items[0].Points != 50 || again.Bands[Process][0].Factors[0].Text == "changed" {
		t.Error("Builtin returned a shared set")
	}
	src, ok := BuiltinSource(IndividualID)
	if !ok || !strings.Contains(string(src), `id = "P5"`) {
		t.Error("BuiltinSource(individual) lacks P5")
	}
}

func TestBandFor(t *testing.T) {
	s := Default("organization")
	cases := []struct {
		percent, index, min, max int
	}{
		{0, 0, 0, 5}, {5, 0, 0, 5}, {10, 1, 10, 25}, {25, 1, 10, 25},
		{30, 2, 30, 45}, {45, 2, 30, 45}, {50, 3, 50, 65}, {65, 3, 50, 65},
		{70, 4, 70, 85}, {85, 4, 70, 85}, {90, 5, 90, 100}, {100, 5, 90, 100},
		{-5, -1, 0, 0}, {7, -1, 0, 0}, {105, -1, 0, 0},
	}
	for _, kind := range []Kind{Process, Results} {
		for _, c := range cases {
			b, i := s.BandFor(kind, c.percent)
			if i != c.index || b.Min != c.min || b.Max != c.max {
				t.Errorf("BandFor(%s, %d) = %d–%d #%d, want %d–%d #%d", kind, c.percent, b.Min, b.Max, i, c.min, c.max, c.index)
			}
		}
	}
	if _, i := s.BandFor("other", 50); i != -1 {
		t.Errorf("BandFor(other, 50) index %d, want -1", i)
	}
}

// guidance is DOMAIN.md §3: per kind, per band, per factor, "中文|English".
var guidance = map[Kind][][]string{
	Process: {
		{"无系统方法，仅有零星信息|no systematic approach", "几乎未展开|little or none", "无改进导向，出了问题才处理|reactive fixes", "各部门各自为政|no alignment"},
		{"针对基本要求的系统方法开始出现|beginning, basic requirements", "多数部门处于展开初期|early", "开始由被动应对转向一般改进|early improvement", "主要通过共同解决问题来协调|joint problem-solving"},
		{"针对基本要求的有效、系统的方法|effective for basic requirements", "已展开，部分部门尚处初期|deployed, some early", "关键过程开始系统评价与改进|systematic evaluation beginning", "开始与组织需要协调一致|early alignment"},
		{"针对总体要求的有效、系统的方法|effective for overall requirements", "展开良好，个别部门有差异|well deployed", "基于事实的系统评价与改进，有组织学习|fact-based, some learning", "与组织需要协调一致|aligned"},
		{"针对详细要求的有效、系统的方法|effective for multiple requirements", "展开良好，无明显差距|no significant gaps", "评价、改进、学习成为关键管理手段，有创新|refinement and innovation", "与当前及未来需要整合|integrated"},
		{"全面满足详细要求|fully responsive", "全面展开，无明显弱点|fully deployed", "全组织范围的改进与创新|organisation-wide innovation", "与组织需要高度整合|well integrated"},
	},
	Results: {
		{"无结果或结果很差|none or poor", "无趋势数据或趋势不利|none or adverse", "无对比信息|none", "重要领域无结果|none for key areas"},
		{"少数结果，少数领域有改进|a few", "趋势数据很少|little", "对比信息很少|little", "少数重要领域有结果|a few key areas"},
		{"多个领域有改进或良好水平|many areas", "趋势开始形成|early trends", "开始获得对比信息|early comparisons", "多数重要领域有结果|many key areas"},
		{"大多数领域有改进趋势或良好水平|most areas", "重要领域无不利趋势|no adverse pattern", "部分对比显示相对良好|some good comparisons", "结果覆盖多数关键要求|most key requirements"},
		{"大多数领域水平良好至优秀|good to excellent", "多数领域持续向好|sustained", "多数对比显示领先|leadership in many", "覆盖关键要求含行动计划|incl. action plans"},
		{"大多数领域水平优秀|excellent", "几乎所有领域持续向好|sustained in nearly all", "在许多领域行业领先、标杆|benchmark leader", "全面满足关键要求|fully address"},
	},
}

var factorNamesOf = map[Kind][]string{
	Process: {"方法|Approach", "展开|Deployment", "学习|Learning", "整合|Integration"},
	Results: {"水平|Levels", "趋势|Trends", "对比|Comparisons", "整合|Integration"},
}

func TestGuidance(t *testing.T) {
	limits := [][2]int{{0, 5}, {10, 25}, {30, 45}, {50, 65}, {70, 85}, {90, 100}}
	for _, s := range Builtin() {
		for kind, rows := range guidance {
			bands := s.Bands[kind]
			if len(bands) != len(rows) {
				t.Fatalf("%s: %d %s bands, want %d", s.ID, len(bands), kind, len(rows))
			}
			for i, row := range rows {
				b := bands[i]
				if b.Min != limits[i][0] || b.Max != limits[i][1] || len(b.Factors) != 4 {
					t.Errorf("%s %s band %d = %d–%d with %d factors", s.ID, kind, i, b.Min, b.Max, len(b.Factors))
					continue
				}
				for j, f := range b.Factors {
					if got := f.Name + "|" + f.NameEn; got != factorNamesOf[kind][j] {
						t.Errorf("%s %s band %d factor %d = %s, want %s", s.ID, kind, i, j, got, factorNamesOf[kind][j])
					}
					if got := f.Text + "|" + f.TextEn; got != row[j] {
						t.Errorf("%s %s band %d factor %d = %s, want %s", s.ID, kind, i, j, got, row[j])
					}
				}
			}
		}
	}
}

// TestConcurrentRead is meant for go test -race.
func TestConcurrentRead(t *testing.T) {
	s := Default("organization")
	hand := &Set{Categories: []Category{{ID: "A", Points: 10, Items: []Item{{ID: "A1", Points: 10, Kind: Process}}}}}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if j, ok := s.ItemIndex("4.7.7"); !ok || j != 22 {
					t.Errorf("ItemIndex = %d", j)
				}
				s.BandFor(Results, 5*(i%21))
				_ = s.Items()
				if j, ok := hand.ItemIndex("A1"); !ok || j != 0 {
					t.Errorf("hand-built ItemIndex = %d, %v", j, ok)
				}
				_ = Builtin()
			}
		}()
	}
	wg.Wait()
}

func TestKind(t *testing.T) {
	if !Process.Valid() || !Results.Valid() || Kind("proces").Valid() {
		t.Error("Kind.Valid")
	}
	if Process.Label() != "过程" || Results.Label() != "结果" {
		t.Error("Kind.Label")
	}
}

func BenchmarkItemIndex(b *testing.B) {
	s := Default("organization")
	for b.Loop() {
		s.ItemIndex("4.7.7")
	}
}

func BenchmarkParseBuiltin(b *testing.B) {
	src, _ := BuiltinSource(GBT19580ID)
	for b.Loop() {
		if _, err := Parse("gbt", src); err != nil {
			b.Fatal(err)
		}
	}
}
