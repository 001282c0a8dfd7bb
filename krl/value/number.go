package value

import (
	"math"
	"math/big"
	"strconv"
)

// FormatNumber formats f the way JavaScript's Number.prototype.toString
// does: integers without a fraction ("3"), the shortest digits that round
// trip ("0.30000000000000004"), exponent notation outside [1e-7, 1e21)
// ("1e+21", "1e-7"), "0" for both zeros, and "NaN", "Infinity",
// "-Infinity".
func FormatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10) // also turns -0 into "0"
	}
	var buf [40]byte
	return string(AppendNumber(buf[:0], f))
}

// AppendNumber appends the JavaScript form of f (see [FormatNumber]) to dst.
func AppendNumber(dst []byte, f float64) []byte {
	switch {
	case f == 0:
		return append(dst, '0')
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.AppendInt(dst, int64(f), 10)
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// Shortest round-trip digits in the form d.ddde±xx.
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	var digits [20]byte
	nd := 0
	i := 0
	for ; e[i] != 'e'; i++ {
		if e[i] != '.' {
			digits[nd] = e[i]
			nd++
		}
	}
	i++ // skip 'e'
	expNeg := e[i] == '-'
	exp := 0
	for i++; i < len(e); i++ {
		exp = exp*10 + int(e[i]-'0')
	}
	if expNeg {
		exp = -exp
	}
	n := exp + 1 // position of the decimal point relative to the digits
	d := digits[:nd]
	switch {
	case nd <= n && n <= 21:
		dst = append(dst, d...)
		for j := nd; j < n; j++ {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, d[:n]...)
		dst = append(dst, '.')
		dst = append(dst, d[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for j := 0; j < -n; j++ {
			dst = append(dst, '0')
		}
		dst = append(dst, d...)
	default:
		dst = append(dst, d[0])
		if nd > 1 {
			dst = append(dst, '.')
			dst = append(dst, d[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 < 0 {
			dst = append(dst, '-')
			dst = strconv.AppendInt(dst, int64(1-n), 10)
		} else {
			dst = append(dst, '+')
			dst = strconv.AppendInt(dst, int64(n-1), 10)
		}
	}
	return dst
}

// ParseNumber converts s to a number the way JavaScript's Number(s) does:
// surrounding white space is ignored, "" is 0, "0x1F", "0o17" and "0b101"
// are read in their base, "Infinity" with an optional sign is infinite, and
// decimal literals may have a sign, a fraction and an exponent. It returns
// NaN when s is not a number.
func ParseNumber(s string) float64 {
	s = TrimSpace(s)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		switch s[1] | 0x20 {
		case 'x':
			return parseRadix(s[2:], 16)
		case 'o':
			return parseRadix(s[2:], 8)
		case 'b':
			return parseRadix(s[2:], 2)
		}
	}
	body := s
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	if body == "Infinity" {
		if s[0] == '-' {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	if !isDecimalLiteral(body) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f // ±Inf or ±0, as JavaScript rounds
		}
		return math.NaN()
	}
	return f
}

// isDecimalLiteral reports whether s is digits with an optional fraction and
// exponent (at least one digit before the exponent).
func isDecimalLiteral(s string) bool {
	i, digits := 0, 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseRadix reads unsigned digits in base 2, 8 or 16, rounding large
// values to the nearest float64 like JavaScript; NaN if a digit is invalid.
func parseRadix(s string, base int) float64 {
	if len(s) <= 13 { // fits easily in 52 bits for every base used here
		u, err := strconv.ParseUint(s, base, 64)
		if err != nil {
			return math.NaN()
		}
		return float64(u)
	}
	for i := 0; i < len(s); i++ {
		if digitVal(s[i]) >= base {
			return math.NaN()
		}
	}
	n, ok := new(big.Int).SetString(s, base)
	if !ok {
		return math.NaN()
	}
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

func digitVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// ParseInt reads the integer prefix of s the way JavaScript's parseInt(s, 10)
// does: leading white space and a sign are allowed and reading stops at the
// first non-digit. ok is false when there is no digit (parseInt gives NaN).
func ParseInt(s string) (n float64, ok bool) {
	s = TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return 0, false
	}
	f, _ := strconv.ParseFloat(s[:i], 64)
	if neg {
		f = -f
	}
	return f, true
}

// ToInt32 converts f to a signed 32-bit integer like JavaScript's ToInt32
// (used by the bit operators): truncation, then wrapping modulo 2^32.
func ToInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Trunc(f)
	if f >= -2147483648 && f <= 2147483647 {
		return int32(f)
	}
	m := math.Mod(f, 4294967296)
	if m < 0 {
		m += 4294967296
	}
	return int32(uint32(m))
}

// ToUint16 converts f like JavaScript's ToUint16 (used by String.fromCharCode).
func ToUint16(f float64) uint16 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 65536)
	if m < 0 {
		m += 65536
	}
	return uint16(m)
}

// FormatRadix formats f in base radix (2..36) like JavaScript's
// Number.prototype.toString(radix), fraction digits included.
func FormatRadix(f float64, radix int) string {
	if radix == 10 {
		return FormatNumber(f)
	}
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	const chars = "0123456789abcdefghijklmnopqrstuvwxyz"
	neg := f < 0
	if neg {
		f = -f
	}
	intPart := math.Floor(f)
	fraction := f - intPart
	// Generate fraction digits until they pin down f uniquely: delta is half
	// the distance to the next double.
	delta := 0.5 * (math.Nextafter(f, math.Inf(1)) - f)
	delta = math.Max(math.Nextafter(0, 1), delta)
	var frac []byte
	if fraction >= delta {
		for {
			fraction *= float64(radix)
			delta *= float64(radix)
			digit := int(fraction)
			frac = append(frac, chars[digit])
			fraction -= float64(digit)
			if fraction > 0.5 || (fraction == 0.5 && digit&1 == 1) {
				if fraction+delta > 1 {
					// Round up, propagating carries into the integer part.
					for {
						if len(frac) == 0 {
							intPart++
							break
						}
						last := frac[len(frac)-1]
						frac = frac[:len(frac)-1]
						d := digitVal(last)
						if d+1 < radix {
							frac = append(frac, chars[d+1])
							break
						}
					}
					break
				}
			}
			if fraction < delta {
				break
			}
		}
	}
	var ip []byte
	if intPart < 1<<53 {
		u := uint64(intPart)
		for {
			ip = append(ip, chars[u%uint64(radix)])
			u /= uint64(radix)
			if u == 0 {
				break
			}
		}
	} else {
		n, _ := new(big.Float).SetFloat64(intPart).Int(nil)
		s := n.Text(radix)
		for i := len(s) - 1; i >= 0; i-- {
			ip = append(ip, s[i])
		}
	}
	out := make([]byte, 0, len(ip)+len(frac)+2)
	if neg {
		out = append(out, '-')
	}
	for i := len(ip) - 1; i >= 0; i-- {
		out = append(out, ip[i])
	}
	if len(frac) > 0 {
		out = append(out, '.')
		out = append(out, frac...)
	}
	return string(out)
}
