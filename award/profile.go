package award

// Profile is what the office records of an applicant for eligibility
// (Art. 8–10) and confidentiality (Art. 37).
type Profile struct {
	RegisteredIn    string // 注册地, such as 武冈市
	LegalPerson     bool   // 具有法人资格
	ExcellenceModel bool   // 已实施卓越绩效管理模式 (Art. 8(3))
	Certifications  []Certification
	Incidents       []Incident
	PriorAwards     []PriorAward
	// Confidential names the fields the applicant declared secret (Art. 37);
	// they never leave qaward unless the office asks.
	Confidential []string
	// Overrides are the office's written decisions to hold an eligibility
	// rule as met although the records do not show it (DESIGN rule 12).
	Overrides []Override `json:",omitempty"`
}

// Override is the office's decision that one eligibility rule of an
// applicant counts as met, with the written reason; it is audited with the
// applicant's record and shown beside the rule.
type Override struct {
	Article string // the rule's article, such as 第八条(三)
	Rule    string // the rule, as Check.Rule says it
	Reason  string
	By      string // who decided
	Date    string // YYYY-MM-DD
}

// Certification is a management-system certificate (Art. 8(3)).
type Certification struct {
	Name       string // such as GB/T 19001 质量管理体系
	Number     string
	ValidUntil string // YYYY-MM-DD
}

// IncidentKind is the kind of an accident or violation (Art. 8(7)).
type IncidentKind string

// Kinds of incident.
const (
	QualityIncident      IncidentKind = "quality"
	SafetyIncident       IncidentKind = "safety"
	EnvironmentIncident  IncidentKind = "environment"
	PublicHealthIncident IncidentKind = "public-health"
	Violation            IncidentKind = "violation" // 违法、违规、违纪
)

var incidentNames = map[IncidentKind]string{QualityIncident: "质量事故", SafetyIncident: "安全事故",
	EnvironmentIncident: "环保事故", PublicHealthIncident: "公共卫生事故", Violation: "违法违规违纪"}

// Name is the kind in Chinese, as reports to the applicant say it.
func (k IncidentKind) Name() string {
	if n, ok := incidentNames[k]; ok {
		return n
	}
	return string(k)
}

// Incident is an accident or violation on record.
type Incident struct {
	Date        string // YYYY-MM-DD
	Kind        IncidentKind
	Major       bool // 较大及以上事故
	Description string
}

// PriorAwardKind names an award that bears on eligibility (Art. 10).
type PriorAwardKind string

// Prior awards.
const (
	ChinaQualityAward     PriorAwardKind = "china-quality-award"     // 中国质量奖
	HunanGovernorAward    PriorAwardKind = "hunan-governor-award"    // 湖南省省长质量奖
	ShaoyangMayorAward    PriorAwardKind = "shaoyang-mayor-award"    // 邵阳市市长质量奖
	WugangMayorAward      PriorAwardKind = "wugang-mayor-award"      // 武冈市市长质量奖
	WugangMayorNomination PriorAwardKind = "wugang-mayor-nomination" // 提名奖
)

// PriorAward is an award the applicant declared or the database recorded.
type PriorAward struct {
	Award PriorAwardKind
	Year  int
	Cycle string // for this award: the cycle it was won in
}
