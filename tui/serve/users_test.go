package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"qaward/store/access"
)

func TestParseUsers(t *testing.T) {
	k1, l1 := newKey(t, "zhang@office")
	_, l2 := newKey(t, "r001@laptop")
	_, l3 := newKey(t, "r001@home")
	u, err := ParseUsers([]byte(`# who may connect
[[person]]
id = "office"
role = "office"
keys = ["` + l1 + `"]

[[person]]
id = "R001"
role = "组长"
lang = "en"
keys = [
  "` + l2 + `",
  "` + l3 + `",
]
`))
	if err != nil {
		t.Fatal(err)
	}
	if u.Keys() != 3 || len(u.People()) != 2 {
		t.Errorf("%d keys of %d people, want 3 of 2", u.Keys(), len(u.People()))
	}
	got, ok := u.Lookup(k1.PublicKey())
	if !ok || got.Person != (access.Person{ID: "office", Role: access.Office}) {
		t.Errorf("office key: %+v %v", got, ok)
	}
	pub, _, _, _, _ := gossh.ParseAuthorizedKey([]byte(l3))
	if got, ok := u.Lookup(pub); !ok || got.ID != "R001" || got.Role != access.Leader || got.Lang != "en" {
		t.Errorf("R001's second key: %+v %v", got, ok)
	}
	other, _ := newKey(t, "x")
	if _, ok := u.Lookup(other.PublicKey()); ok {
		t.Error("an unknown key was found")
	}
	if _, ok := u.Lookup(nil); ok {
		t.Error("a nil key was found")
	}
	if got := u.Office(); strings.Join(got, ",") != "office" {
		t.Errorf("office: %v", got)
	}
}

func TestParseUsersErrors(t *testing.T) {
	_, l1 := newKey(t, "a")
	_, l2 := newKey(t, "b")
	_, l3 := newKey(t, "c")
	_, l4 := newKey(t, "d")
	entry := func(id, role, keys string) string {
		return "[[person]]\nid = \"" + id + "\"\nrole = \"" + role + "\"\nkeys = [" + keys + "]\n"
	}
	q := func(s string) string { return `"` + s + `"` }
	bare := func(line string) string { f := strings.Fields(line); return f[0] + " " + f[1] }
	for _, tc := range []struct {
		name, toml, want string
	}{
		{"empty", "", "no [[person]] in the file"},
		{"comments only", "# who may connect\n\n", "no [[person]] in the file"},
		{"two keys in one, spaced", entry("R1", "reviewer", q(l1+" "+l2)), "person 1 (R1): key 1: more than one key in one string"},
		{"two keys in one, comma", entry("R1", "reviewer", q(l1+", "+l2)), "person 1 (R1): key 1: more than one key in one string"},
		{"two bare keys in one", entry("R1", "reviewer", q(bare(l1)+" "+bare(l2))), "person 1 (R1): key 1: more than one key in one string"},
		{"second person, second key", entry("R1", "reviewer", q(l1)) + entry("R2", "reviewer", q(bare(l2))+", "+q(l3+" "+l4)),
			"person 2 (R2): key 2: more than one key in one string"},
		{"syntax", "[[person]\nid=", "toml"},
		{"unknown setting", entry("R1", "reviewer", q(l1)) + "name = \"x\"\n", "unknown setting person.name"},
		{"no id", entry("", "reviewer", q(l1)), "person 1: id"},
		{"id with space", entry("R 1", "reviewer", q(l1)), "without spaces"},
		{"bad role", entry("R1", "chair", q(l1)), "person 1 (R1): role \"chair\""},
		{"no keys", entry("R1", "reviewer", ""), "no keys"},
		{"bad key", entry("R1", "reviewer", q("ssh-ed25519 AAAAnotakey")), "key 1: not a public key"},
		{"options", entry("R1", "reviewer", q(`from=\"10.0.0.1\" `+l1)), "options from="},
		{"two keys in one", entry("R1", "reviewer", q(l1+`\n`+l2)), "more than one key"},
		{"key twice", entry("R1", "reviewer", q(l1)) + entry("R2", "reviewer", q(l1)), "person 2 (R2): key 1 (SHA256:"},
		{"id twice", entry("R1", "reviewer", q(l1)) + entry("R1", "leader", q(l2)), "appears twice"},
		{"bad lang", entry("R1", "reviewer", q(l1)) + "lang = \"fr\"\n", "lang \"fr\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseUsers([]byte(tc.toml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// TestLoadUsersRefuses: an empty users file and one with two keys in one
// string are refused, naming the file, the person and what is wanted.
func TestLoadUsersRefuses(t *testing.T) {
	_, l1 := newKey(t, "r001@laptop")
	_, l2 := newKey(t, "r001@home")
	dir := t.TempDir()
	for _, tc := range []struct {
		name, toml string
		want       []string
	}{
		{"empty.toml", "", []string{"no [[person]] in the file", "want one [[person]] table per person with id, role and keys"}},
		{"twokeys.toml", person("office", "office", l1) + person("R001", "leader", l2+" "+l1),
			[]string{"person 2 (R001): key 1: more than one key in one string", "give each key its own string"}},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.toml), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadUsers(path)
		if err == nil {
			t.Errorf("%s was accepted", tc.name)
			continue
		}
		t.Logf("%s: %v", tc.name, err)
		for _, want := range append(tc.want, "users file "+path+": ") {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", tc.name, err, want)
			}
		}
	}
}

func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db", "panel.db.host_key")
	pem1, fp1, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(path + ".pub"); err != nil {
		t.Errorf("public half: %v", err)
	}
	pem2, fp2, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(pem1) != string(pem2) || fp1 != fp2 || !strings.HasPrefix(fp1, "SHA256:") {
		t.Errorf("the key changed on the second start: %s, %s", fp1, fp2)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a world-readable host key: %v", err)
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := HostKey(path); err == nil {
		t.Error("a broken host key was accepted")
	}
}

func TestUsersCheck(t *testing.T) {
	db := demoStore(t)
	_, l1 := newKey(t, "a")
	_, l2 := newKey(t, "b")
	_, l3 := newKey(t, "c")
	_, l4 := newKey(t, "d")
	_, l5 := newKey(t, "e")
	u, err := ParseUsers([]byte(usersTOML(person("office", "office", l1), person("R001", "leader", l2),
		person("R006", "reviewer", l3), person("R002", "leader", l4), person("R099", "reviewer", l5))))
	if err != nil {
		t.Fatal(err)
	}
	notes, err := u.Check(db, "")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(notes, "\n")
	for _, want := range []string{
		"R006 leads onsite-01 in cycle 2026 but has the role reviewer",
		"R002 has the role leader but leads no group",
		"R099 (reviewer) is not a reviewer of cycle 2026",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
	}
	if len(notes) != 3 {
		t.Errorf("%d notes, want 3:\n%s", len(notes), got)
	}
}
