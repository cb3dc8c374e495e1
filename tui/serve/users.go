package serve

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	gossh "golang.org/x/crypto/ssh"

	"qaward/store"
	"qaward/store/access"
)

// User is one person who may connect: their ID in the cycle (a reviewer
// ID, or an office member's), their role and, optionally, the language of
// their screens.
type User struct {
	access.Person
	Lang string
}

// Users maps authorised public keys to people: the parsed users.toml.
//
//	# qaward serve: who may connect, and as whom.
//	[[person]]
//	id   = "office"
//	role = "office"                # office | leader | reviewer
//	keys = ["ssh-ed25519 AAAAC3Nza... zhang@office-pc"]
//
//	[[person]]
//	id   = "R001"
//	role = "leader"
//	lang = "en"                    # optional: zh (default) or en
//	keys = [
//	  "ssh-ed25519 AAAAC3Nza... r001@laptop",
//	  "ssh-rsa AAAAB3Nza... r001@home",
//	]
//
// Each key is one line of an authorized_keys file (type, base64, comment),
// without options: options such as from="…" would not be enforced, so they
// are refused rather than ignored. A key belongs to one person only.
type Users struct {
	byKey  map[string]User // by the key's wire form
	people []User
}

type usersFile struct {
	Person []struct {
		ID   string
		Role string
		Lang string
		Keys []string
	}
}

// LoadUsers reads and checks a users file.
func LoadUsers(path string) (*Users, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	u, err := ParseUsers(data)
	if err != nil {
		return nil, fmt.Errorf("users file %s: %w", path, err)
	}
	return u, nil
}

// ParseUsers parses and checks the TOML of a users file: it names at
// least one person; every person has an ID, a role and at least one valid
// key, one key a string; no ID or key appears twice; no setting is
// unknown to the format.
func ParseUsers(data []byte) (*Users, error) {
	var f usersFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return nil, fmt.Errorf("unknown setting %s (want [[person]] tables with id, role, lang and keys)", strings.Join(keys, ", "))
	}
	if len(f.Person) == 0 {
		return nil, errors.New("no [[person]] in the file, so nobody could connect: " +
			"want one [[person]] table per person with id, role and keys")
	}
	u := &Users{byKey: map[string]User{}}
	ids := map[string]bool{}
	for i, p := range f.Person {
		where := fmt.Sprintf("person %d", i+1)
		id := strings.TrimSpace(p.ID)
		if id == "" || strings.ContainsAny(id, " \t\r\n/") {
			return nil, fmt.Errorf("%s: id %q: want a reviewer or office ID without spaces or '/'", where, p.ID)
		}
		where += " (" + id + ")"
		if ids[id] {
			return nil, fmt.Errorf("%s: id %s appears twice", where, id)
		}
		ids[id] = true
		role, err := access.ParseRole(p.Role)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		switch p.Lang {
		case "", "zh", "en":
		default:
			return nil, fmt.Errorf("%s: lang %q: want zh or en", where, p.Lang)
		}
		if len(p.Keys) == 0 {
			return nil, fmt.Errorf("%s: no keys: add the person's public key (a line of authorized_keys, such as the content of ~/.ssh/id_ed25519.pub)", where)
		}
		user := User{Person: access.Person{ID: id, Role: role}, Lang: p.Lang}
		for j, line := range p.Keys {
			key, err := parseKey(line)
			if err != nil {
				return nil, fmt.Errorf("%s: key %d: %w", where, j+1, err)
			}
			wire := string(key.Marshal())
			if other, dup := u.byKey[wire]; dup {
				return nil, fmt.Errorf("%s: key %d (%s) is already %s's", where, j+1, gossh.FingerprintSHA256(key), other.ID)
			}
			u.byKey[wire] = user
		}
		u.people = append(u.people, user)
	}
	return u, nil
}

// parseKey reads one authorized_keys line without options. Two keys in
// one string are refused: ParseAuthorizedKey would take the second for
// the first one's comment.
func parseKey(line string) (gossh.PublicKey, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil, errors.New("empty")
	}
	key, comment, options, rest, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return nil, fmt.Errorf("not a public key (want a line such as \"ssh-ed25519 AAAA… name@host\"): %w", err)
	}
	if len(options) > 0 {
		return nil, fmt.Errorf("options %s are not supported: give the key alone", strings.Join(options, ","))
	}
	if len(bytes.TrimSpace(rest)) > 0 || holdsKey(comment) {
		return nil, errors.New(`more than one key in one string: give each key its own string, as in ` +
			`keys = ["ssh-ed25519 AAAA… name@laptop", "ssh-ed25519 AAAA… name@home"]`)
	}
	return key, nil
}

// holdsKey reports whether a key's comment holds another key: a word
// that is the base64 of a public key.
func holdsKey(comment string) bool {
	words := strings.FieldsFunc(comment, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == ';' })
	for _, w := range words {
		if len(w) < 16 {
			continue
		}
		if data, err := base64.StdEncoding.DecodeString(w); err == nil {
			if _, err := gossh.ParsePublicKey(data); err == nil {
				return true
			}
		}
	}
	return false
}

// Lookup returns the person a key belongs to.
func (u *Users) Lookup(key gossh.PublicKey) (User, bool) {
	if u == nil || key == nil {
		return User{}, false
	}
	p, ok := u.byKey[string(key.Marshal())]
	return p, ok
}

// People lists the people in file order.
func (u *Users) People() []User { return append([]User(nil), u.people...) }

// Office lists the IDs of the office's people, sorted.
func (u *Users) Office() []string {
	var out []string
	for _, p := range u.people {
		if p.Role == access.Office {
			out = append(out, p.ID)
		}
	}
	sort.Strings(out)
	return out
}

// Keys is the number of keys.
func (u *Users) Keys() int { return len(u.byKey) }

// Check compares the users with a cycle ("" is the current one) and says
// what will not work as the office may expect: people who are not
// reviewers of the cycle (they are turned away), group leaders whose role
// is not leader (they do not lead the group here), and leaders who lead no
// group (they work as reviewers).
func (u *Users) Check(st store.Store, cycle string) ([]string, error) {
	if cycle == "" {
		cur, err := st.CurrentCycle()
		if errors.Is(err, store.ErrNoCycle) {
			return []string{"no cycle yet: only the office can come in, to start one"}, nil
		}
		if err != nil {
			return nil, err
		}
		cycle = cur
	}
	rs, err := st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	gs, err := st.Groups(cycle)
	if err != nil {
		return nil, err
	}
	reviewer := map[string]bool{}
	for _, r := range rs {
		reviewer[r.ID] = true
	}
	leads := map[string][]string{}
	for _, g := range gs {
		if g.LeaderID != "" {
			leads[g.LeaderID] = append(leads[g.LeaderID], g.ID)
		}
	}
	var notes []string
	for _, p := range u.people {
		switch {
		case p.Role == access.Office:
		case !reviewer[p.ID]:
			notes = append(notes, fmt.Sprintf("%s (%s) is not a reviewer of cycle %s and will be turned away", p.ID, p.Role, cycle))
		case p.Role != access.Leader && len(leads[p.ID]) > 0:
			notes = append(notes, fmt.Sprintf("%s leads %s in cycle %s but has the role %s: give them the role leader to lead it",
				p.ID, strings.Join(leads[p.ID], ", "), cycle, p.Role))
		case p.Role == access.Leader && len(leads[p.ID]) == 0:
			notes = append(notes, fmt.Sprintf("%s has the role leader but leads no group of cycle %s: they work as a reviewer", p.ID, cycle))
		}
	}
	return notes, nil
}
