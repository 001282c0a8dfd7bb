package eventbus

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/gopico/pico/krl/value"
)

// aggOp is the aggregator of `count`/`repeat`.
type aggOp uint8

const (
	aggNone aggOp = iota
	aggMax
	aggMin
	aggSum
	aggAvg
	aggPush
)

var aggOps = map[string]aggOp{"max": aggMax, "min": aggMin, "sum": aggSum, "avg": aggAvg, "push": aggPush}

// apply computes the aggregate of vals: max, min, sum and avg of the values
// as numbers (non-numbers count as 0), or the list itself for push.
func (op aggOp) apply(vals []value.Value) value.Value {
	if op == aggPush {
		return value.NewArray(vals)
	}
	if len(vals) == 0 {
		if op == aggSum {
			return value.Num(0)
		}
		return value.Null
	}
	acc := toNumber(vals[0])
	if op == aggAvg {
		acc = 0
		for _, v := range vals {
			acc += toNumber(v)
		}
		return value.Num(acc / float64(len(vals)))
	}
	for _, v := range vals[1:] {
		n := toNumber(v)
		switch op {
		case aggMax:
			acc = math.Max(acc, n)
		case aggMin:
			acc = math.Min(acc, n)
		case aggSum:
			acc += n
		}
	}
	return value.Num(acc)
}

// toNumber converts a captured value to a number the way KRL does for
// aggregators: null is 0, Booleans 0 or 1, strings are parsed as JavaScript
// numeric literals (decimal with optional sign and exponent, 0x/0b/0o
// prefixes, surrounding white space ignored, empty is 0), arrays count their
// elements, and anything that is not a finite number is 0.
func toNumber(v value.Value) float64 {
	var f float64
	switch v.Kind() {
	case value.BooleanKind:
		if v.AsBool() {
			f = 1
		}
	case value.NumberKind:
		f = v.AsNum()
	case value.StringKind:
		f = parseJSNumber(v.AsStr())
	case value.ArrayKind:
		f = float64(v.AsArray().Len())
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// parseJSNumber parses s like JavaScript's Number(s); NaN when it is not a
// number.
func parseJSNumber(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'b', 'B':
			base = 2
		case 'o', 'O':
			base = 8
		}
		if base != 0 {
			n, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "+-_") {
				return math.NaN()
			}
			f, _ := new(big.Float).SetInt(n).Float64()
			return f
		}
	}
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return math.NaN()
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
	if err != nil && !isRangeErr(err) {
		return math.NaN()
	}
	return f
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// isDecimalLiteral reports whether s is digits[.digits][e[+-]digits] or
// .digits[e[+-]digits] (at least one digit in the mantissa).
func isDecimalLiteral(s string) bool {
	i, digits := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
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
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
