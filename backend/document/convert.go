package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoLibreOffice: LibreOffice (soffice) is not installed, so a document
// cannot be converted to PDF.
var ErrNoLibreOffice = errors.New("LibreOffice (soffice) is not installed")

// ConvertTimeout bounds one conversion: LibreOffice starts a fresh
// profile each time, which takes a few seconds on a loaded machine, and a
// hung soffice must not hang the caller.
const ConvertTimeout = 2 * time.Minute

// soffices are the names LibreOffice's binary goes by in PATH, and where
// the macOS installer puts it, which is not in PATH.
var soffices = []string{"soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"}

// Soffice is the path of LibreOffice's binary, or ErrNoLibreOffice.
func Soffice() (string, error) {
	for _, name := range soffices {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoLibreOffice
}

// Convert converts a file with LibreOffice headless: soffice --headless
// --convert-to filter (such as "pdf", or "pdf:writer_web_pdf_Export" for
// HTML) in a directory and a user profile of its own, so that it works
// while another soffice runs (a user's open office suite, or another
// conversion). name is the input's file name, whose extension tells
// LibreOffice its type (.docx, .xlsx, .html). It returns the converted
// file's bytes; ctx bounds the run (ConvertTimeout when it has no
// deadline). Nothing is left behind.
func Convert(ctx context.Context, name string, data []byte, filter string) ([]byte, error) {
	soffice, err := Soffice()
	if err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ConvertTimeout)
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "qaward-convert-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	name = filepath.Base(name)
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	outDir := filepath.Join(dir, "out")
	profile := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}).String()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile,
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", filter, "--outdir", outDir, in)
	cmd.Dir = dir
	// a home of its own: soffice writes there, and must not meet the user's
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// soffice starts soffice.bin beneath it: a timeout stops them all
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	began := time.Now()
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice did not convert %s: stopped after %s: %w", name, time.Since(began).Round(time.Second), ctx.Err())
	}
	ext, _, _ := strings.Cut(filter, ":")
	result := filepath.Join(outDir, strings.TrimSuffix(name, filepath.Ext(name))+"."+ext)
	b, err := os.ReadFile(result)
	if runErr != nil || err != nil || len(b) == 0 {
		// "source file could not be loaded" for any file means that
		// LibreOffice lacks the module (Debian: libreoffice-writer-nogui,
		// libreoffice-calc-nogui)
		msg := strings.TrimSpace(out.String())
		if msg == "" && runErr != nil {
			msg = runErr.Error()
		}
		return nil, fmt.Errorf("LibreOffice did not convert %s to %s: %s", name, ext, msg)
	}
	return b, nil
}

// PDF converts the document to PDF with LibreOffice (Convert); it fails
// with ErrNoLibreOffice when soffice is not installed.
func (d *Doc) PDF(ctx context.Context) ([]byte, error) {
	var docx bytes.Buffer
	if err := d.Write(&docx); err != nil {
		return nil, err
	}
	return Convert(ctx, "document.docx", docx.Bytes(), "pdf")
}
