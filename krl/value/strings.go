package value

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// IsSpace reports whether r is white space or a line terminator for
// JavaScript (what String.prototype.trim and Number(s) skip).
func IsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// TrimSpace removes JavaScript white space from both ends of s.
func TrimSpace(s string) string {
	if len(s) > 0 && s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80 {
		return s // fast path: nothing to trim
	}
	return strings.TrimFunc(s, IsSpace)
}

// isASCII reports whether s has only ASCII bytes, in which case byte and
// UTF-16 indexes agree.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// UTF16Len returns the length of s in UTF-16 code units, JavaScript's
// String.prototype.length.
func UTF16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// UTF16Units returns s as UTF-16 code units.
func UTF16Units(s string) []uint16 {
	return utf16.Encode([]rune(s))
}

// FromUTF16 turns UTF-16 code units back into a string; unpaired
// surrogates, which a Go string cannot hold, become U+FFFD.
func FromUTF16(u []uint16) string {
	ascii := true
	for _, c := range u {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, len(u))
		for i, c := range u {
			b[i] = byte(c)
		}
		return string(b)
	}
	return string(utf16.Decode(u))
}

// SubstringUTF16 returns the code units [start, end) of s, indexes clamped
// to the string; it is JavaScript's s.substring(start, end) for start <= end.
func SubstringUTF16(s string, start, end int) string {
	if isASCII(s) {
		start, end = clampRange(start, end, len(s))
		return s[start:end]
	}
	u := UTF16Units(s)
	start, end = clampRange(start, end, len(u))
	return FromUTF16(u[start:end])
}

func clampRange(start, end, n int) (int, int) {
	start = min(max(start, 0), n)
	end = min(max(end, 0), n)
	if start > end {
		start, end = end, start
	}
	return start, end
}

// CompareUTF16 compares a and b by UTF-16 code units, the order of
// JavaScript's < on strings. It differs from Go's byte order only between
// characters above U+FFFF and those in U+E000..U+FFFF.
func CompareUTF16(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		switch {
		case len(a) < len(b):
			return -1
		case len(a) > len(b):
			return 1
		}
		return 0
	}
	if a[i] < utf8.RuneSelf || b[i] < utf8.RuneSelf {
		if a[i] < b[i] {
			return -1
		}
		return 1
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	ka, kb := firstUnit(ra), firstUnit(rb)
	if ka == kb {
		ka, kb = ra, rb
	}
	if ka < kb {
		return -1
	}
	return 1
}

// firstUnit returns the first UTF-16 code unit of r.
func firstUnit(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}
