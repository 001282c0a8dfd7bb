package stdlib

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gopico/pico/krl/value"
)

// hashFuncs maps the algorithm names accepted by math:hash and math:hmac
// (Node's names, aliases included) to Go hashes.
var hashFuncs = func() map[string]func() hash.Hash {
	m := map[string]func() hash.Hash{}
	add := func(f func() hash.Hash, names ...string) {
		for _, n := range names {
			m[n] = f
		}
	}
	add(md5.New, "md5", "RSA-MD5", "md5WithRSAEncryption", "ssl3-md5")
	add(sha1.New, "sha1", "RSA-SHA1", "RSA-SHA1-2", "sha1WithRSAEncryption", "ssl3-sha1")
	add(sha256.New224, "sha224", "RSA-SHA224", "sha224WithRSAEncryption")
	add(sha256.New, "sha256", "RSA-SHA256", "sha256WithRSAEncryption")
	add(sha512.New384, "sha384", "RSA-SHA384", "sha384WithRSAEncryption")
	add(sha512.New, "sha512", "RSA-SHA512", "sha512WithRSAEncryption")
	add(sha512.New512_224, "sha512-224", "RSA-SHA512/224", "sha512-224WithRSAEncryption")
	add(sha512.New512_256, "sha512-256", "RSA-SHA512/256", "sha512-256WithRSAEncryption")
	add(func() hash.Hash { return sha3.New224() }, "sha3-224", "RSA-SHA3-224", "id-rsassa-pkcs1-v1_5-with-sha3-224")
	add(func() hash.Hash { return sha3.New256() }, "sha3-256", "RSA-SHA3-256", "id-rsassa-pkcs1-v1_5-with-sha3-256")
	add(func() hash.Hash { return sha3.New384() }, "sha3-384", "RSA-SHA3-384", "id-rsassa-pkcs1-v1_5-with-sha3-384")
	add(func() hash.Hash { return sha3.New512() }, "sha3-512", "RSA-SHA3-512", "id-rsassa-pkcs1-v1_5-with-sha3-512")
	return m
}()

func init() {
	names := make([]value.Value, 0, len(hashFuncs))
	for _, n := range slices.Sorted(maps.Keys(hashFuncs)) {
		names = append(names, str(n))
	}
	algorithms := value.NewArray(names)
	modules["math"] = map[string]value.Value{
		"abs": newFunc("abs", []string{"number"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			return value.Num(math.Abs(jsNumber(a[0]))), nil
		}),
		"int": newFunc("int", []string{"number"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			return value.Num(math.Trunc(jsNumber(a[0]))), nil
		}),
		"round":   newFunc("round", []string{"number", "precision"}, rounder(jsRound)),
		"ceiling": newFunc("ceiling", []string{"number", "precision"}, rounder(math.Ceil)),
		"floor":   newFunc("floor", []string{"number", "precision"}, rounder(math.Floor)),
		"base64encode": newFunc("base64encode", []string{"str", "encoding"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			b, err := encodeBytes(value.ToString(a[0]), encodingName(a[1]))
			if err != nil {
				return null, err
			}
			return str(base64.StdEncoding.EncodeToString(b)), nil
		}),
		"base64decode": newFunc("base64decode", []string{"str", "encoding"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			s, err := decodeBytes(lenientBase64(value.ToString(a[0])), encodingName(a[1]))
			if err != nil {
				return null, err
			}
			return str(s), nil
		}),
		"hashAlgorithms": algorithms,
		"hashFunctions": newFunc("hashFunctions", []string{}, func(t value.Thread, _ []value.Value) (value.Value, error) {
			t.Logger().WarnContext(logContext(t), "math:hashFunctions() is DEPRECATED use math:hashAlgorithms instead")
			return algorithms, nil
		}),
		"hash": newFunc("hash", []string{"algorithm", "str", "encoding"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			h, enc, err := hashSetup("hash", a[0], a[2])
			if err != nil {
				return null, err
			}
			d := h()
			d.Write([]byte(value.ToString(a[1])))
			return str(digest(d.Sum(nil), enc)), nil
		}),
		"hmac": newFunc("hmac", []string{"algorithm", "key", "message", "encoding"}, func(_ value.Thread, a []value.Value) (value.Value, error) {
			if a[1].Kind() != value.StringKind {
				return null, fmt.Errorf("math:hmac needs a key string")
			}
			h, enc, err := hashSetup("hmac", a[0], a[3])
			if err != nil {
				return null, err
			}
			d := hmac.New(h, []byte(a[1].AsStr()))
			d.Write([]byte(value.ToString(a[2])))
			return str(digest(d.Sum(nil), enc)), nil
		}),
	}
}

// hashSetup checks the algorithm and the output encoding of hash and hmac.
func hashSetup(fn string, alg, enc value.Value) (func() hash.Hash, string, error) {
	h, ok := hashFuncs[alg.AsStr()]
	if !ok || alg.Kind() != value.StringKind {
		if alg.Kind() == value.StringKind {
			return nil, "", fmt.Errorf("math:%s doesn't recognize the hash algorithm %s", fn, alg.AsStr())
		}
		return nil, "", value.TypeErrorf("math:%s was given %s instead of a algorithm string", fn, value.ToString(alg))
	}
	e := "hex"
	if value.Truthy(enc) {
		e = value.ToString(enc)
	}
	if e != "hex" && e != "base64" {
		return nil, "", fmt.Errorf(`math:%s encoding must be "hex" or "base64" but was %s`, fn, e)
	}
	return h, e, nil
}

func digest(sum []byte, enc string) string {
	if enc == "base64" {
		return base64.StdEncoding.EncodeToString(sum)
	}
	return hex.EncodeToString(sum)
}

// jsNumber converts v the way JavaScript's Number(v) does (null counts as
// undefined, so it gives NaN): the math functions use it.
func jsNumber(v value.Value) float64 {
	switch v.Kind() {
	case value.NumberKind, value.BooleanKind:
		return v.AsNum()
	case value.StringKind:
		return value.ParseNumber(v.AsStr())
	case value.ArrayKind:
		return value.ParseNumber(jsString(v))
	}
	return math.NaN()
}

// jsRound is JavaScript's Math.round: halves round up.
func jsRound(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	r := math.Floor(f)
	if f-r >= 0.5 {
		r++
	}
	if r == 0 && math.Signbit(f) {
		return math.Copysign(0, -1)
	}
	return r
}

// rounder builds round, ceiling and floor with a decimal precision
// (negative allowed), shifting the decimal exponent of the number's
// printed form as lodash does so that round(1.005, 2) is 1.01.
func rounder(f func(float64) float64) fnBody {
	return func(_ value.Thread, a []value.Value) (value.Value, error) {
		n := jsNumber(a[0])
		p := 0.0
		if !a[1].IsNull() {
			p = jsNumber(a[1])
			switch {
			case math.IsNaN(p):
				p = 0
			case math.IsInf(p, 0):
				p = math.Copysign(292, p)
			}
			p = math.Min(math.Trunc(p), 292)
		}
		if p == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
			return value.Num(f(n)), nil
		}
		shifted := f(shiftExponent(n, int(p)))
		return value.Num(shiftExponent(shifted, -int(p))), nil
	}
}

// shiftExponent returns n * 10^by computed on the decimal text of n.
func shiftExponent(n float64, by int) float64 {
	s := value.FormatNumber(n)
	mant, exp := s, 0
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant = s[:i]
		fmt.Sscan(s[i+1:], &exp)
	}
	return value.ParseNumber(fmt.Sprintf("%se%d", mant, exp+by))
}

func encodingName(v value.Value) string {
	if v.IsNull() {
		return "utf8"
	}
	return strings.ToLower(value.ToString(v))
}

func unknownEncoding(enc string) error {
	return value.TypeErrorf("Unknown encoding: %s", enc)
}

// encodeBytes turns s into bytes like Node's Buffer.from(s, enc).
func encodeBytes(s, enc string) ([]byte, error) {
	switch enc {
	case "utf8", "utf-8":
		return []byte(s), nil
	case "hex":
		var out []byte
		for i := 0; i+1 < len(s); i += 2 {
			b, err := hex.DecodeString(s[i : i+2])
			if err != nil {
				break
			}
			out = append(out, b...)
		}
		return out, nil
	case "base64", "base64url":
		return lenientBase64(s), nil
	case "latin1", "binary", "ascii":
		units := value.UTF16Units(s)
		out := make([]byte, len(units))
		for i, u := range units {
			out[i] = byte(u)
		}
		return out, nil
	case "utf16le", "utf-16le", "ucs2", "ucs-2":
		units := value.UTF16Units(s)
		out := make([]byte, 2*len(units))
		for i, u := range units {
			binary.LittleEndian.PutUint16(out[2*i:], u)
		}
		return out, nil
	}
	return nil, unknownEncoding(enc)
}

// decodeBytes turns bytes into a string like Node's buf.toString(enc).
func decodeBytes(b []byte, enc string) (string, error) {
	switch enc {
	case "utf8", "utf-8":
		if utf8.Valid(b) {
			return string(b), nil
		}
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	case "hex":
		return hex.EncodeToString(b), nil
	case "base64":
		return base64.StdEncoding.EncodeToString(b), nil
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b), nil
	case "latin1", "binary":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	case "ascii":
		r := make([]byte, len(b))
		for i, c := range b {
			r[i] = c & 0x7f
		}
		return string(r), nil
	case "utf16le", "utf-16le", "ucs2", "ucs-2":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return string(utf16.Decode(u)), nil
	}
	return "", unknownEncoding(enc)
}

// lenientBase64 decodes base64 the forgiving way Node does: both alphabets,
// other characters skipped, padding optional, decoding stops at "=".
func lenientBase64(s string) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			i = len(s)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return nil
	}
	return out
}
