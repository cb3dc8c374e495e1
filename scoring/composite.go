package scoring

import (
	"strconv"

	"qaward/award"
)

// Composite is the composite score of rule 6 on the 0–100 scale, computed
// exactly from the rounded stage scores m and o (0–1000) and the
// satisfaction s (0–100) as one fraction and rounded half up once:
//
//	organisation: C = (w_m·M + w_o·O)/10 + w_s·S
//	individual:   C = (w_m·M + w_o·O) / (10·(w_m + w_o))   (s is ignored)
//
// In hundredths and ten-thousandths the organisation's fraction is
// (W_m·M + W_o·O + 10·W_s·S) / 100000, the individual's
// (W_m·M + W_o·O) / (10·(W_m + W_o)). It returns 0 when w_m + w_o is 0 for
// an individual, which a validated configuration never has.
func Composite(w award.Weights, kind award.Kind, m, o, s award.Score) award.Score {
	num, den := CompositeExact(w, kind, m, o, s)
	if den == 0 {
		return 0
	}
	return award.Score(RoundHalfUp(num, den))
}

// CompositeExact is Composite before rounding: the exact composite in
// hundredths as num/den.
func CompositeExact(w award.Weights, kind award.Kind, m, o, s award.Score) (num, den int64) {
	mo := int64(w.Material)*int64(m) + int64(w.Onsite)*int64(o)
	if kind == award.Individual {
		return mo, 10 * (int64(w.Material) + int64(w.Onsite))
	}
	return mo + 10*int64(w.Satisfaction)*int64(s), 10 * int64(award.One)
}

// Outcome is what the composite ranking gives an applicant (rule 9).
type Outcome string

// The outcomes; Incomplete marks a shortlisted applicant without a composite.
const (
	Award      Outcome = "award"
	Nomination Outcome = "nomination"
	None       Outcome = "none"
	Incomplete Outcome = "incomplete"
)

// CompositeRow is one row of the composite ranking (rule 7), or, with Rank 0
// and Outcome Incomplete, a shortlisted applicant that has no composite.
type CompositeRow struct {
	Rank      int // 1..n; 0 for an incomplete row
	Applicant award.Applicant
	// Material, Onsite and Satisfaction are the rounded scores the composite
	// is computed from; HasOnsite and HasSatisfaction say whether they exist
	// (satisfaction never does for individuals).
	Material, Onsite, Satisfaction award.Score
	HasOnsite, HasSatisfaction     bool
	Composite                      award.Score
	Outcome                        Outcome
	// Tie marks a row equal to a neighbour in composite, on-site and
	// material score; their order then rests on the applicant ID alone.
	Tie bool
	// Reason says why an incomplete row has no composite, in English;
	// MissingOnsite and MissingSatisfaction say the same for translation.
	Reason                             string
	MissingOnsite, MissingSatisfaction bool
}

// Vacancies are award and nomination places left empty (Art. 3): the quota
// less the places given.
type Vacancies struct {
	AwardOrganizations, AwardIndividuals, Nominations int
}

// before reports whether row a comes before row b in a ranking (rule 7):
// composite, then on-site, then material score descending, then applicant
// ID ascending.
func before(a, b *CompositeRow) bool {
	if a.Composite != b.Composite {
		return a.Composite > b.Composite
	}
	if a.Onsite != b.Onsite {
		return a.Onsite > b.Onsite
	}
	if a.Material != b.Material {
		return a.Material > b.Material
	}
	return a.Applicant.ID < b.Applicant.ID
}

func sameScores(a, b *CompositeRow) bool {
	return a.Composite == b.Composite && a.Onsite == b.Onsite && a.Material == b.Material
}

// assignOutcomes gives the ranked rows (in rule 7 order) their outcomes by
// rule 9 and returns the vacant places and notes on ties at a boundary.
func assignOutcomes(rows []CompositeRow, cfg award.Config) (Vacancies, []string) {
	q, th := cfg.Quotas, cfg.Thresholds
	var notes []string
	taken := map[award.Kind]int{}
	quota := map[award.Kind]int{award.Organization: q.AwardOrganizations, award.Individual: q.AwardIndividuals}
	for i := range rows {
		r := &rows[i]
		r.Outcome = None
		k := r.Applicant.Kind
		if r.Composite >= th.AwardMin && taken[k] < quota[k] {
			r.Outcome = Award
			taken[k]++
		}
	}
	nominated := 0
	for i := range rows {
		r := &rows[i]
		if r.Outcome == None && r.Composite >= th.NominationMin && nominated < q.Nominations {
			r.Outcome = Nomination
			nominated++
		}
	}
	// Ties at a boundary: the last row given a place and the next row that
	// would have qualified for it, when they share the composite.
	for _, k := range []award.Kind{award.Organization, award.Individual} {
		if quota[k] == 0 || taken[k] < quota[k] {
			continue
		}
		last := -1
		for i := range rows {
			if rows[i].Applicant.Kind != k {
				continue
			}
			if rows[i].Outcome == Award {
				last = i
			} else if last >= 0 {
				if rows[i].Composite == rows[last].Composite {
					notes = append(notes, boundaryNote("award ("+plural(k)+")", &rows[last], &rows[i]))
				}
				break
			}
		}
	}
	if q.Nominations > 0 && nominated == q.Nominations {
		last := -1
		for i := range rows {
			if rows[i].Outcome == Nomination {
				last = i
			} else if last >= 0 && rows[i].Outcome == None {
				if rows[i].Composite == rows[last].Composite {
					notes = append(notes, boundaryNote("nomination", &rows[last], &rows[i]))
				}
				break
			}
		}
	}
	v := Vacancies{
		AwardOrganizations: q.AwardOrganizations - taken[award.Organization],
		AwardIndividuals:   q.AwardIndividuals - taken[award.Individual],
		Nominations:        q.Nominations - nominated,
	}
	return v, notes
}

func plural(k award.Kind) string {
	if k == award.Individual {
		return "individuals"
	}
	return "organisations"
}

// boundaryNote describes two rows with equal composites on either side of a
// quota boundary and what decided between them.
func boundaryNote(boundary string, in, out *CompositeRow) string {
	decided := ""
	switch {
	case in.Onsite != out.Onsite:
		decided = "decided by on-site score " + in.Onsite.String() + " against " + out.Onsite.String()
	case in.Material != out.Material:
		decided = "equal on-site score " + in.Onsite.String() + "; decided by material score " +
			in.Material.String() + " against " + out.Material.String()
	default:
		decided = "equal on-site " + in.Onsite.String() + " and material " + in.Material.String() +
			" scores; decided by applicant ID alone"
	}
	return boundary + " boundary: " + in.Applicant.ID + " (rank " + strconv.Itoa(in.Rank) + ") and " +
		out.Applicant.ID + " (rank " + strconv.Itoa(out.Rank) + ") share composite " + in.Composite.String() +
		"; " + decided
}
