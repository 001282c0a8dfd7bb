package eventbus

import (
	"math"

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
// aggregators: its Number form (value.ToNumber: null 0, Booleans 0 or 1,
// strings parsed as JavaScript numbers, collections their size), and 0 for
// anything that has none or is not finite.
func toNumber(v value.Value) float64 {
	f, ok := value.ToNumber(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}
