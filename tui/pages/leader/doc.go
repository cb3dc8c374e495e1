// Package leader is the group leader's matrix: the group's sheets for one
// applicant and stage, the dispersion of each item, the reviewers' notes,
// charts, and the consensus the leader records (and revises).
package leader
