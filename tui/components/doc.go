// Package components holds the pieces screens are built from: the list
// with a filter, forms (dialogs) with text, choice and toggle fields, and
// the one percentage field that the reviewer's sheet and the leader's
// matrix both use.
package components
