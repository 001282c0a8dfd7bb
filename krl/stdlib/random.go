package stdlib

import (
	"math"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gopico/pico/krl/value"
)

func init() {
	modules["random"] = map[string]value.Value{
		"uuid": newFunc("uuid", []string{}, func(t value.Thread, _ []value.Value) (value.Value, error) {
			return str(NewID(t)), nil
		}),
		"word": newFunc("word", []string{}, func(t value.Thread, _ []value.Value) (value.Value, error) {
			return str(words[t.Rand().IntN(len(words))]), nil
		}),
		"integer": newFunc("integer", []string{"upper", "lower"}, func(t value.Thread, a []value.Value) (value.Value, error) {
			lo, hi := bounds(a[0], a[1], true)
			if lo > hi {
				lo, hi = hi, lo
			}
			return value.Num(lo + math.Floor(t.Rand().Float64()*(hi-lo+1))), nil
		}),
		"number": newFunc("number", []string{"upper", "lower"}, func(t value.Thread, a []value.Value) (value.Value, error) {
			lo, hi := bounds(a[0], a[1], false)
			if lo > hi {
				lo, hi = hi, lo
			}
			return value.Num(math.Min(lo+t.Rand().Float64()*(hi-lo), hi)), nil
		}),
	}
}

// bounds reads the (upper, lower) arguments of random:integer and
// random:number: a non-numeric lower is 0; a missing upper is 1 when lower
// is missing too, else 0.
func bounds(upper, lower value.Value, round bool) (lo, hi float64) {
	readNum := func(v value.Value) (float64, bool) {
		if v.IsNull() {
			return 0, false
		}
		n, ok := num(v)
		if ok && round {
			n = jsRound(n)
		}
		return n, ok
	}
	lo, okLo := readNum(lower)
	hi, okHi := readNum(upper)
	if !okHi {
		hi = 0
		if !okLo {
			hi = 1
		}
	}
	return lo, hi
}

var (
	idCounter     atomic.Uint32
	idFingerprint = func() string {
		host, _ := os.Hostname()
		sum := os.Getpid()
		for _, c := range host {
			sum += int(c)
		}
		return pad36(uint64(sum), 4)
	}()
)

// NewID returns a collision-resistant id in the style of the reference
// engine's cuid: "c", then base-36 time in milliseconds, a process-wide
// counter, a host fingerprint and random characters from t.Rand() (25
// characters for current dates).
func NewID(t value.Thread) string {
	var b strings.Builder
	b.Grow(25)
	b.WriteByte('c')
	b.WriteString(strconv.FormatInt(t.Now().UnixMilli(), 36))
	b.WriteString(pad36(uint64(idCounter.Add(1)), 4))
	b.WriteString(idFingerprint)
	r := t.Rand()
	b.WriteString(pad36(r.Uint64N(36*36*36*36), 4))
	b.WriteString(pad36(r.Uint64N(36*36*36*36), 4))
	return b.String()
}

// pad36 formats n in base 36 as exactly width characters (the last ones).
func pad36(n uint64, width int) string {
	s := strconv.FormatUint(n, 36)
	if len(s) >= width {
		return s[len(s)-width:]
	}
	return strings.Repeat("0", width-len(s)) + s
}
