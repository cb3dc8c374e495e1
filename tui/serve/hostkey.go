package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKey reads the server's private host key (OpenSSH PEM) at path, or,
// when there is no file, makes an Ed25519 key and stores it there, readable
// by its owner only. A key file that others may read is refused, as
// OpenSSH refuses one. It returns the PEM and the key's SHA-256
// fingerprint, which reviewers compare when ssh first asks.
func HostKey(path string) (pemBytes []byte, fingerprint string, err error) {
	pemBytes, err = os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if pemBytes, err = newHostKey(path); err != nil {
			return nil, "", err
		}
	case err != nil:
		return nil, "", fmt.Errorf("host key: %w", err)
	default:
		fi, err := os.Stat(path)
		if err != nil {
			return nil, "", fmt.Errorf("host key: %w", err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return nil, "", fmt.Errorf("host key %s: permissions %v are too open: it must be readable by its owner only (chmod 600 %s)",
				path, fi.Mode().Perm(), path)
		}
	}
	signer, err := gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, "", fmt.Errorf("host key %s: %w", path, err)
	}
	return pemBytes, gossh.FingerprintSHA256(signer.PublicKey()), nil
}

// newHostKey writes a new Ed25519 key to path (mode 0600, never over an
// existing file) and its public half to path.pub.
func newHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "qaward serve host key")
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err == nil {
		pub := gossh.MarshalAuthorizedKey(signer.PublicKey())
		err = os.WriteFile(path+".pub", pub, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("host key %s.pub: %w", path, err)
	}
	return data, nil
}
