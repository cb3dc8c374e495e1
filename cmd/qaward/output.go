package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"qaward/award"
	"qaward/backend/export"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
)

// report is tabular output that prints as an aligned table, CSV or JSON.
type report struct {
	header  []string
	rows    [][]string
	numeric map[string]bool // columns printed as JSON numbers (empty → null)
	integer map[string]bool // columns printed as JSON integers
	notes   []string        // printed under the table only
	// ties marks rows equal to a neighbour in every ranking key: "=" after
	// the rank in a table, "tie": true in JSON; CSV keeps its contract.
	ties []bool
	// lang is the language of a table for people: Chinese headings and
	// values unless "en"; CSV and JSON keep the contract's values.
	lang string
}

// print writes a report to standard output in the person's language.
func (a *app) print(r *report, format string) error {
	r.lang = a.lang
	return r.write(a.stdout, format)
}

func (r *report) tied(i int) bool { return i < len(r.ties) && r.ties[i] }

var formats = []string{"table", "csv", "json"}

func checkFormat(f string) error {
	if !contains(formats, f) {
		return usagef("--format %q: want table, csv or json", f)
	}
	return nil
}

func (r *report) write(w io.Writer, format string) error {
	switch format {
	case "csv":
		return r.writeCSV(w)
	case "json":
		return r.writeJSON(w)
	}
	return r.writeTable(w)
}

// writeCSV writes the CSV of the contract (DESIGN §3): the data exactly,
// but that a text cell a spreadsheet would run as a formula gets a leading
// apostrophe as in the exports (export.Neutralize); number columns are
// exact.
func (r *report) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.header); err != nil {
		return err
	}
	row := make([]string, 0, len(r.header))
	for _, cells := range r.rows {
		row = row[:0]
		for j, c := range cells {
			if j >= len(r.header) || !r.numeric[r.header[j]] && !r.integer[r.header[j]] {
				c = export.Neutralize(c)
			}
			row = append(row, c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (r *report) writeJSON(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, row := range r.rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for j, h := range r.header {
			if j > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(h)
			b.Write(k)
			b.WriteString(": ")
			v := row[j]
			switch {
			case (r.numeric[h] || r.integer[h]) && v == "":
				b.WriteString("null")
			case r.numeric[h] || r.integer[h]:
				b.WriteString(v) // already exact decimal text
			default:
				s, _ := json.Marshal(v)
				b.Write(s)
			}
		}
		if r.ties != nil {
			fmt.Fprintf(&b, ", \"tie\": %v", r.tied(i))
		}
		b.WriteString("}")
	}
	if len(r.rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

func (r *report) writeTable(w io.Writer) error {
	rows := r.rows
	if r.ties != nil && len(r.header) > 0 && r.header[0] == "rank" {
		rows = make([][]string, len(r.rows))
		for i, row := range r.rows {
			rows[i] = append([]string(nil), row...)
			if r.tied(i) {
				rows[i][0] += "="
			}
		}
	}
	header := r.header
	if r.lang != "en" {
		zh := export.Localize(export.Table{Header: r.header, Rows: rows}, "zh")
		header, rows = zh.Header, zh.Rows
	}
	// A table is for people at a terminal: stored text in it is escaped
	// (award.Printable), so that a name holding ESC or BEL cannot retitle
	// the window or wipe the screen. CSV and JSON keep the data exact.
	header = printable(header)
	printed := make([][]string, len(rows))
	for i, row := range rows {
		printed[i] = printable(row)
	}
	rows = printed
	t := table.New().Border(lipgloss.NormalBorder()).Headers(header...).Rows(rows...).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Padding(0, 1)
			if col < len(r.header) && (r.numeric[r.header[col]] || r.integer[r.header[col]]) {
				s = s.Align(lipgloss.Right)
			}
			return s
		})
	_, err := fmt.Fprintln(w, t.Render())
	if r.ties != nil && slices.Contains(r.ties, true) {
		if r.lang == "en" {
			fmt.Fprintln(w, "= equal to a neighbour in every ranking key; the applicant ID decides the order")
		} else {
			fmt.Fprintln(w, "= 与相邻行的各项排序依据均相同，按申报编号排序")
		}
	}
	for _, n := range r.notes {
		fmt.Fprintln(w, award.Printable(n))
	}
	return err
}

// printable is the cells with their text escaped for a terminal.
func printable(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = award.Printable(c)
	}
	return out
}
