package store

import (
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// The office's corrections of a cycle's set-up, each in one transaction
// with an audit entry per record changed: a new review group, a member
// taken out of a group, a declared conflict withdrawn; and the rule by
// which a group leader revises a consensus already submitted.

// CreateGroup adds a review group (Art. 19). It refuses, with ErrExists, a
// group ID already in use, and a group whose leader is not one of its
// members (the leader is added to the members when missing). Use PutGroups
// to change a group.
func (db *DB) CreateGroup(actor, cycle string, g award.Group) error {
	if err := validID("group ID", g.ID); err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	if err := validStage(g.Stage); err != nil {
		return fmt.Errorf("create group %s: %w", g.ID, err)
	}
	if strings.TrimSpace(g.Name) == "" {
		return fmt.Errorf("create group %s: the group needs a name", g.ID)
	}
	if err := validID("leader ID", g.LeaderID); err != nil {
		return fmt.Errorf("create group %s: %w", g.ID, err)
	}
	g.Members = slices.Clone(g.Members)
	if !slices.Contains(g.Members, g.LeaderID) {
		g.Members = append([]string{g.LeaderID}, g.Members...)
	}
	return db.inCycle(actor, "create group", cycle, func(w *writer, c *bolt.Bucket) error {
		if c.Bucket([]byte(subGroups)).Get([]byte(g.ID)) != nil {
			return fmt.Errorf("group %s: %w", g.ID, ErrExists)
		}
		rs := c.Bucket([]byte(subReviewers))
		for _, m := range g.Members {
			if rs.Get([]byte(m)) == nil {
				return fmt.Errorf("group %s: reviewer %s: %w", g.ID, m, ErrNotFound)
			}
		}
		return putJSON(w, c, cycle, subGroups, []byte(g.ID), g)
	})
}

// RemoveGroupMember takes a reviewer out of a group's members. The leader
// cannot be taken out (make another member leader first). The reviewer's
// assignments and sheets stay as they are: take them off applicants (or
// record a conflict) separately.
func (db *DB) RemoveGroupMember(actor, cycle, groupID, reviewerID string) error {
	return db.inCycle(actor, "remove group member", cycle, func(w *writer, c *bolt.Bucket) error {
		var g award.Group
		if err := getJSON(c, cycle, subGroups, []byte(groupID), &g); err != nil {
			return err
		}
		i := slices.Index(g.Members, reviewerID)
		if i < 0 {
			return fmt.Errorf("group %s: member %s: %w", groupID, reviewerID, ErrNotFound)
		}
		if g.LeaderID == reviewerID {
			return fmt.Errorf("group %s: %s leads the group and stays a member; make another member leader first", groupID, reviewerID)
		}
		g.Members = slices.Delete(slices.Clone(g.Members), i, i+1)
		return putJSON(w, c, cycle, subGroups, []byte(g.ID), g)
	})
}

// RemoveConflicts withdraws declared conflicts (a declaration made in
// error), with an audit entry per conflict. It does not bring back what
// the conflict removed (the reviewer's assignments and sheets of the
// applicant, which the audit log keeps): assign the reviewer again if need
// be. A conflict not declared is refused with ErrNotFound; nothing is
// removed then.
func (db *DB) RemoveConflicts(actor, cycle string, cs []award.Conflict) error {
	return db.inCycle(actor, "remove conflicts", cycle, func(w *writer, c *bolt.Bucket) error {
		b := c.Bucket([]byte(subConflicts))
		for _, cf := range cs {
			if err := validID("reviewer ID", cf.ReviewerID); err != nil {
				return err
			}
			if err := validID("applicant ID", cf.ApplicantID); err != nil {
				return err
			}
			key := joinKey(cf.ReviewerID, cf.ApplicantID)
			if b.Get(key) == nil {
				return fmt.Errorf("conflict of %s with %s: %w", cf.ReviewerID, cf.ApplicantID, ErrNotFound)
			}
			if err := w.remove(b, cyclePath(cycle)+"/"+subConflicts, key); err != nil {
				return err
			}
		}
		return nil
	})
}

// revisesConsensus reports whether s may replace the submitted consensus
// sheet stored as old: the leader who recorded it revises their own, and
// says why anew (a reason that is not empty and not the stored one). The
// audit log keeps the sheet replaced.
func revisesConsensus(old []byte, s award.Sheet) bool {
	var prev award.Sheet
	if err := decodeSheet(old, &prev, true, nil, nil); err != nil {
		return false
	}
	reason := strings.TrimSpace(s.Reason)
	return prev.Consensus && s.Consensus && prev.ReviewerID == s.ReviewerID &&
		reason != "" && reason != strings.TrimSpace(prev.Reason)
}
