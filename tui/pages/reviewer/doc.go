// Package reviewer is the reviewer's score sheet: the criteria tree beside
// the selected item, a percentage per item in the award's steps, and the
// strengths and opportunities for improvement typed beside it.
package reviewer
