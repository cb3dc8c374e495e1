package tui

// The strings of refreshing, offline packets and the office's import and
// export, [zh, en]; merged into messages once, at start-up.
var exchangeMessages = map[string][2]string{
	"key.refresh": {"刷新", "refresh"},
	"key.return":  {"生成回传包", "returned packet"},
	"key.start":   {"开始", "start"},

	"refresh.later": {"输入结束后将刷新数据", "Will refresh once you finish typing"},
	"refresh.done":  {"已刷新", "Refreshed"},

	"welcome.packet":   {"打开评审包（离线评审）", "Open a reviewer packet (offline review)"},
	"welcome.path":     {"评审包文件：", "Packet file: "},
	"welcome.pathhint": {"评委会办公室发来的 .packet 文件的路径", "path of the .packet file the office sent"},
	"welcome.opening":  {"正在打开评审包", "Opening the packet"},

	"pk.opened":      {"已打开评审包 %s：评审员 %s（%s），%d 份评分表", "Opened packet %s: reviewer %s (%s), %d sheets"},
	"pk.section":     {"离线评审包", "Offline packet"},
	"pk.state":       {"离线评审包 %s，%s 签发，评审员 %s", "Offline packet %s, issued %s, reviewer %s"},
	"pk.progress":    {"共 %d 份：已开始 %d 份，已提交 %d 份。评完请“生成回传包”（F7）交回办公室", "%d sheets: %d started, %d submitted. When done, write the returned packet (F7) for the office"},
	"pk.return":      {"生成回传包", "Write the returned packet"},
	"pk.returnintro": {"回传包含本评审包每份评分表的当前内容，并已签名；可在继续评分后再次生成。", "The returned packet holds every sheet of the packet as it now stands, signed; write it again after more work if need be."},
	"pk.file":        {"保存到", "Save to"},
	"pk.written":     {"已写出回传包 %s：共 %d 份评分表，已开始 %d 份，已提交 %d 份", "Wrote the returned packet %s: %d sheets, %d started, %d submitted"},
	"pk.cannot":      {"此数据库不能打开评审包", "This database cannot open a packet"},

	"tab.7": {"导入导出", "Exchange"},

	"ex.import":            {"导入（CSV 或 XLSX；一处出错则整个文件不导入）", "Import (CSV or XLSX; one bad cell refuses the whole file)"},
	"ex.export":            {"导出", "Export"},
	"ex.kind.applicants":   {"申报对象", "Applicants"},
	"ex.kind.reviewers":    {"评审员", "Reviewers"},
	"ex.kind.conflicts":    {"利益冲突声明", "Conflicts of interest"},
	"ex.kind.scores":       {"评分表", "Score sheets"},
	"ex.kind.satisfaction": {"满意度测评结果", "Satisfaction results"},
	"ex.kind.survey":       {"满意度问卷答卷", "Satisfaction survey answers"},
	"ex.kind.rankings":     {"排名（XLSX 含各阶段；CSV 为一个阶段）", "Rankings (XLSX: every stage; CSV: one stage)"},
	"ex.kind.candidates":   {"候选名单", "Candidate list"},
	"ex.kind.feedback":     {"反馈报告（全部申报对象，写入目录）", "Feedback reports (every applicant, into a folder)"},
	"ex.title.import":      {"导入：%s", "Import: %s"},
	"ex.title.export":      {"导出：%s", "Export: %s"},
	"ex.file":              {"文件", "File"},
	"ex.filehint":          {"路径，以 .csv 或 .xlsx 结尾", "path ending in .csv or .xlsx"},
	"ex.dir":               {"目录", "Folder"},
	"ex.sheet":             {"工作表", "Worksheet"},
	"ex.sheethint":         {"仅 XLSX：工作表名，留空为第一张", "XLSX only: the sheet's name; empty for the first"},
	"ex.stage":             {"阶段", "Stage"},
	"ex.stage.all":         {"全部（仅 XLSX）", "all (XLSX only)"},
	"ex.stage.composite":   {"综合评价", "Composite"},
	"ex.format":            {"格式", "Format"},
	"ex.scores":            {"显示具体分数", "Show exact scores"},
	"ex.intro.import":      {"整个文件校验后一次写入第 %s 届；任何一处错误都拒绝整个文件，数据库不变。", "The whole file is checked, then written to cycle %s at once; any error refuses the whole file and the database stays unchanged."},
	"ex.intro.export":      {"按扩展名写出：.xlsx 为 Excel/WPS 工作簿，.csv 为带 BOM 的 UTF-8 文本。", "Written by extension: .xlsx an Excel/WPS workbook, .csv UTF-8 text with a BOM."},
	"ex.intro.feedback":    {"为每个有已提交评分表的申报对象写一份报告（第十九条），不含评审员姓名。", "One report for each applicant with submitted sheets (Art. 19); no reviewer names."},
	"ex.nopath":            {"请填写路径", "Give a path"},
	"ex.badext":            {"文件须以 .csv 或 .xlsx 结尾", "The file must end in .csv or .xlsx"},
	"ex.csvall":            {"CSV 文件只能写一个阶段的排名：请选择一个阶段，或改用 .xlsx", "A CSV file holds one ranking: choose a stage, or write .xlsx"},
	"ex.sheetcsv":          {"只有 .xlsx 工作簿才能选择工作表", "A worksheet is chosen in .xlsx workbooks only"},
	"ex.reading":           {"读取 %s", "Reading %s"},
	"ex.writing":           {"写出 %s", "Writing %s"},
	"ex.storing":           {"校验完毕，正在写入数据库", "Checked; writing to the database"},
	"ex.unit.kb":           {"KB", "KB"},
	"ex.unit.rows":         {"行", "rows"},
	"ex.unit.reports":      {"份", "reports"},
	"ex.imported":          {"已导入 %d 条%s到第 %s 届", "Imported %d records (%s) into cycle %s"},
	"ex.refused":           {"导入被拒绝，数据库未作任何改动：", "Import refused; the database is unchanged:"},
	"ex.failed":            {"未能完成：", "Not done:"},
	"ex.pos.cell":          {"位置：%s，工作表“%s”，单元格 %s", "At: %s, sheet \"%s\", cell %s"},
	"ex.pos.row":           {"位置：%s，工作表“%s”，第 %d 行", "At: %s, sheet \"%s\", row %d"},
	"ex.pos.col":           {"位置：%s，第 %d 行，第 %d 列", "At: %s, line %d, column %d"},
	"ex.pos.line":          {"位置：%s，第 %d 行", "At: %s, line %d"},
	"ex.pos.field":         {"字段：%s", "Field: %s"},
	"ex.wrote":             {"已写出 %s：%s，共 %d 行", "Wrote %s: %s, %d rows"},
	"ex.wrotefb":           {"已写出 %d 份%s反馈报告到 %s", "Wrote %d feedback reports (%s) to %s"},
	"ex.nofb":              {"没有申报对象有已提交的%s评分表，没有可写的反馈报告", "No applicant has a submitted sheet (%s): no feedback to write"},
	"ex.done":              {"完成", "Done"},
	"ex.running":           {"正在进行，请稍候", "Working, please wait"},
	"ex.again":             {"可修改后再次开始（ctrl+s），esc 返回", "Change and start again (ctrl+s), esc to go back"},
	"ex.choose":            {"选择要导入或导出的内容，按 enter", "Choose what to import or export and press enter"},
}

func init() {
	for k, v := range exchangeMessages {
		messages[k] = v
	}
}
