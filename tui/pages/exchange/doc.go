// Package exchange is the office's exchange of files: imports and exports
// of tables, feedback reports, and reviewer packets issued and taken back,
// each as a form and then a job with its progress.
package exchange
