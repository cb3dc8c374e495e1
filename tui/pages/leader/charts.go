package leader

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
)

// chartsView draws the applicant's profile over the categories and the
// spread of the group's percentages per item, scrolled by chartOff.
func (m *Matrix) chartsView(h int) string {
	lines := append(m.profileChart(), "")
	lines = append(lines, m.spreadChart()...)
	m.chartOff = min(m.chartOff, max(0, len(lines)-h))
	end := min(len(lines), m.chartOff+h)
	return strings.Join(lines[m.chartOff:end], "\n")
}

// itemScores are the item scores the profile shows: the consensus sheet's
// when one is in force, else the consolidated values.
func (m *Matrix) itemScores() []award.Score {
	out := make([]award.Score, len(m.lay.Items))
	if m.Sum.HasConsensus {
		for i, it := range m.lay.Items {
			if p := m.Sum.Consensus.Percents[i]; p > 0 {
				out[i] = scoring.ItemScore(it.Points, p)
			}
		}
		return out
	}
	for i := range out {
		if i < len(m.Stats) {
			out[i] = m.Stats[i].Consolidated
		}
	}
	return out
}

// profileChart is one bar per category: its score as a percentage of the
// category's points.
func (m *Matrix) profileChart() []string {
	st, t := m.c.Styles, m.c.Text
	title := t.S("ch.profile")
	if m.Sum.HasConsensus {
		title += "  " + t.S("mx.consensus")
	}
	lines := []string{st.Section.Render(common.Cut(title, m.w))}
	scores := m.itemScores()
	labelW := min(24, max(10, m.w/4))
	barW := max(10, m.w-labelW-12)
	for ci, c := range m.lay.Set.Categories {
		var sum award.Score
		for i := m.lay.First[ci]; i < m.lay.First[ci]+len(c.Items); i++ {
			sum += scores[i]
		}
		den := int64(c.Points) * 100
		tenths := int64(0)
		if den > 0 {
			tenths = scoring.RoundHalfUp(int64(sum)*1000, den)
		}
		label := common.Fit(c.ID+" "+t.Pick(c.Name, c.NameEn), labelW)
		val := fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
		lines = append(lines, " "+label+" "+st.Bar(int(sum), int(den), barW)+" "+common.FitRight(val, 7))
	}
	return lines
}

// spreadChart is one line per item on a 0–100 scale: the range from the
// lowest to the highest percentage as '=', the consolidated value as '|',
// disputed items flagged.
func (m *Matrix) spreadChart() []string {
	st, t := m.c.Styles, m.c.Text
	lines := []string{st.Section.Render(common.Cut(t.S("ch.spread"), m.w))}
	scaleW := max(10, m.w-6-1-12-4)
	pos := func(p int) int { return p * (scaleW - 1) / 100 }
	for _, s := range m.Stats {
		var b strings.Builder
		if s.Scored == 0 {
			lines = append(lines, " "+common.Fit(s.Item.ID, 6)+" "+st.Muted.Render(strings.Repeat(".", scaleW)))
			continue
		}
		lo, hi := pos(s.Min), pos(s.Max)
		mid := int(scoring.RoundHalfUp(int64(s.ConsolidatedPercent)*int64(scaleW-1), 10000))
		for x := 0; x < scaleW; x++ {
			switch {
			case x == mid:
				b.WriteString(st.Title.Render("|"))
			case x >= lo && x <= hi:
				b.WriteString(st.Good.Render("="))
			default:
				b.WriteString(st.Muted.Render("."))
			}
		}
		flag := "   "
		if len(s.Outliers) > 0 {
			flag = st.Flag.Render(" !!")
		}
		lines = append(lines, " "+common.Fit(s.Item.ID, 6)+" "+b.String()+" "+common.FitRight(fmt.Sprintf("%d-%d", s.Min, s.Max), 8)+flag)
	}
	return lines
}
