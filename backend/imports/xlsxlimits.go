package imports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// Limits of a workbook. An .xlsx file is a zip archive; its directory
// declares every part's unpacked size, which the zip reader holds each part
// to. checkZip reads those sizes before anything is unpacked, so that a
// 6 KB file declaring a 4 GB part, or a worksheet that inflates a
// thousandfold, is refused at once. The worksheet itself is then read in
// one pass, never held whole (xlsxsheet.go); the shared strings are held.
const (
	// MaxXLSXBytes bounds a workbook file (packed).
	MaxXLSXBytes = 256 << 20
	// MaxXLSXUnpackedBytes bounds all parts of a workbook unpacked: four
	// times the reference cycle's 310,000 score rows (127 MB of worksheet
	// as excelize writes them, 100 MB as LibreOffice does).
	MaxXLSXUnpackedBytes = 512 << 20
	// MaxXLSXInMemoryBytes bounds the parts other than the worksheets and
	// shared strings larger than xlsxStreamedPart, together: a table's
	// workbook has little else.
	MaxXLSXInMemoryBytes = 64 << 20
	// MaxXLSXRatio bounds how many times its packed size a part larger
	// than xlsxStreamedPart unpacks to; spreadsheets run 5–20 times, a zip
	// bomb 1,000.
	MaxXLSXRatio = 100
	// MaxXLSXParts bounds the files in a workbook's zip archive.
	MaxXLSXParts = 10000

	// xlsxStreamedPart is the size from which a worksheet or the shared
	// strings are held to MaxXLSXRatio rather than MaxXLSXInMemoryBytes.
	xlsxStreamedPart = 16 << 20
)

// checkZip refuses a workbook whose zip directory declares more than the
// limits; a file that is not a zip archive is left for the reader to
// refuse.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	return checkArchive(zr)
}

// checkArchive refuses a workbook whose zip directory declares more than
// the limits.
func checkArchive(zr *zip.Reader) error {
	if len(zr.File) > MaxXLSXParts {
		return fmt.Errorf("the workbook's archive holds %d files, more than %d: this is not a spreadsheet", len(zr.File), MaxXLSXParts)
	}
	var total, inMemory uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > xlsxStreamedPart && size/max(f.CompressedSize64, 1) > MaxXLSXRatio {
			return fmt.Errorf("workbook part %s declares %s unpacked from %s packed, %d times its size: "+
				"this is a zip bomb, not a spreadsheet (a spreadsheet packs 5–20 times)",
				safe(f.Name), bytesText(size), bytesText(f.CompressedSize64), size/max(f.CompressedSize64, 1))
		}
		if total += size; size > MaxXLSXUnpackedBytes || total > MaxXLSXUnpackedBytes {
			return fmt.Errorf("the workbook unpacks to more than %s (part %s declares %s): "+
				"qaward reads workbooks up to %s unpacked; save a sheet this large as CSV UTF-8",
				bytesText(MaxXLSXUnpackedBytes), safe(f.Name), bytesText(size), bytesText(MaxXLSXUnpackedBytes))
		}
		if !streamedPart(f.Name, size) {
			if inMemory += size; inMemory > MaxXLSXInMemoryBytes {
				return fmt.Errorf("the workbook's parts other than its worksheets unpack to more than %s (part %s declares %s): this is not a table qaward reads",
					bytesText(MaxXLSXInMemoryBytes), safe(f.Name), bytesText(size))
			}
		}
	}
	return nil
}

// streamedPart reports whether a part is a worksheet or the shared strings
// larger than xlsxStreamedPart.
func streamedPart(name string, size uint64) bool {
	name = strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return size > xlsxStreamedPart && (name == "xl/sharedstrings.xml" || strings.HasPrefix(name, "xl/worksheets/sheet"))
}

// bytesText writes a size as people read it: 3.7 GiB, 512 MiB, 6 KiB.
func bytesText(n uint64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
