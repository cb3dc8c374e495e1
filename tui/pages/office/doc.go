// Package office is the office's desk (评委会办公室): a bar of tabs, each a
// Tab component, over the applicants and their pipeline, review groups and
// conflicts, satisfaction, rankings and decisions, publicity and
// objections, what follows the award, and the exchange of files.
package office
