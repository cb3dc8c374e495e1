package packet

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"qaward/award"
)

// Domain-separation labels of the derived keys and signed messages.
const (
	labelDatabase = "qaward packet database id v1"
	labelIssueKey = "qaward packet issue key v1"
	labelPacket   = "qaward packet key v1\x00"
	labelIssue    = "qaward packet issue v1\x00"
	labelReturn   = "qaward packet return v1\x00"
)

func mac(key []byte, parts ...[]byte) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// DatabaseID is the public identifier of the database whose secret it is.
func DatabaseID(secret []byte) string {
	return hex.EncodeToString(mac(secret, []byte(labelDatabase)))[:16]
}

// packetKey is the key one packet's return is signed with.
func packetKey(secret []byte, m *Manifest) []byte {
	return mac(secret, []byte(labelPacket), []byte(m.PacketID), []byte{0}, []byte(m.Reviewer.ID),
		[]byte{0}, []byte(m.Database), []byte{0}, []byte(m.Cycle.ID))
}

// signIssue signs a compact manifest with the database's issue key.
func signIssue(secret, manifest []byte) string {
	return hex.EncodeToString(mac(mac(secret, []byte(labelIssueKey)), []byte(labelIssue), manifest))
}

// signReturn signs a returned body, bound to its manifest, with a packet key.
func signReturn(key, manifest, body []byte) string {
	sum := sha256.Sum256(manifest)
	return hex.EncodeToString(mac(key, []byte(labelReturn), sum[:], body))
}

func equalHex(a, b string) bool {
	x, err1 := hex.DecodeString(a)
	y, err2 := hex.DecodeString(b)
	return err1 == nil && err2 == nil && hmac.Equal(x, y)
}

// Verify checks a returned packet against the database's secret and
// returns its manifest and body. It refuses, with messages that say why, a
// packet from another database, a manifest changed since the office signed
// it, and returned sheets not signed with this packet's key (changed after
// the laptop signed them, or signed for another packet or reviewer).
func Verify(r *Returned, secret []byte) (*Manifest, *ReturnBody, error) {
	m, err := ReadManifest(r.Manifest)
	if err != nil {
		return nil, nil, err
	}
	if db := DatabaseID(secret); m.Database != db {
		return nil, nil, refusal(ErrOtherDatabase, "packet %s was issued by another qaward database (%s), not this one (%s): import it there", m.PacketID, m.Database, db)
	}
	mc, err := compact(r.Manifest)
	if err != nil {
		return nil, nil, err
	}
	if !equalHex(r.IssueSignature, signIssue(secret, mc)) {
		return nil, nil, fmt.Errorf("packet %s: the issued part (applicants, sheets as issued, reviewer) does not match the office's signature: %w", m.PacketID, ErrTampered)
	}
	bc, err := compact(r.Return)
	if err != nil {
		return nil, nil, err
	}
	if !equalHex(r.Signature, signReturn(packetKey(secret, m), mc, bc)) {
		return nil, nil, fmt.Errorf("packet %s for reviewer %s: the returned sheets do not match the signature made with this packet's key: %w", m.PacketID, m.Reviewer.ID, ErrTampered)
	}
	var body ReturnBody
	if err := json.Unmarshal(r.Return, &body); err != nil {
		return nil, nil, fmt.Errorf("packet %s: returned sheets: %v", m.PacketID, err)
	}
	if body.PacketID != m.PacketID || body.Reviewer != m.Reviewer.ID {
		return nil, nil, fmt.Errorf("packet %s: the return names packet %s and reviewer %s: %w", m.PacketID, body.PacketID, body.Reviewer, ErrTampered)
	}
	return m, &body, nil
}

// sign completes an issued packet: the manifest, its signature and the
// packet key.
func sign(m *Manifest, secret []byte) (*Issued, error) {
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return &Issued{Format: Format, Version: Version, Type: TypeIssue, Manifest: raw,
		Signature: signIssue(secret, raw), Key: base64.StdEncoding.EncodeToString(packetKey(secret, m))}, nil
}

// signBody makes the returned packet for an issued one.
func signBody(p *Issued, body *ReturnBody) (*Returned, error) {
	key, err := base64.StdEncoding.DecodeString(p.Key)
	if err != nil || len(key) != sha256.Size {
		return nil, fmt.Errorf("the packet's key is damaged")
	}
	mc, err := compact(p.Manifest)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return &Returned{Format: Format, Version: Version, Type: TypeReturn, Manifest: mc,
		IssueSignature: p.Signature, Return: raw, Signature: signReturn(key, mc, raw)}, nil
}

// ContentHash is the SHA-256 of what a sheet says (scores, text, whether it
// is submitted), not of when it was saved: it tells whether a sheet changed.
func ContentHash(s award.Sheet) string {
	p := FromSheet(s)
	p.Updated = ""
	b, _ := json.Marshal(p)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
