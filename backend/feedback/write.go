package feedback

import (
	_ "embed"
	htmltemplate "html/template"
	"io"
	"strings"
	"text/template"
)

//go:embed report.md.tmpl
var markdownSource string

//go:embed report.html.tmpl
var htmlSource string

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "#", `\#`)

var funcs = map[string]any{
	"md": func(s string) string { return mdEscaper.Replace(s) },
	"add": func(a, b int) int {
		return a + b
	},
}

var (
	markdownTmpl = template.Must(template.New("md").Funcs(funcs).Parse(markdownSource))
	htmlTmpl     = htmltemplate.Must(htmltemplate.New("html").Funcs(funcs).Parse(htmlSource))
)

// Markdown writes the report as Markdown.
func (r *Report) Markdown(w io.Writer) error {
	return markdownTmpl.Execute(w, r)
}

// HTML writes the report as one self-contained HTML page: inline CSS, no
// scripts, no external assets, laid out for A4 printing.
func (r *Report) HTML(w io.Writer) error {
	return htmlTmpl.Execute(w, r)
}

// Write writes the report in the format "md" or "html".
func (r *Report) Write(w io.Writer, format string) error {
	if format == "html" {
		return r.HTML(w)
	}
	return r.Markdown(w)
}
