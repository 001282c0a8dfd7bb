package store

import (
	"math"
	"testing"
	"time"
)

func TestTimePart_Order(t *testing.T) {
	times := []time.Time{
		time.Unix(0, math.MinInt64),
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(-1, 0),
		time.Unix(0, -1),
		time.Unix(0, 0),
		time.Unix(0, 1),
		time.Unix(0, 255),
		time.Unix(0, 256),
		time.UnixMilli(1_700_000_000_000),
		time.UnixMilli(1_700_000_000_001),
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		a := string(NewKey("sat", timePart(times[i-1]), "z"))
		b := string(NewKey("sat", timePart(times[i]), "a"))
		if a >= b {
			t.Errorf("key of %v does not sort before key of %v", times[i-1], times[i])
		}
	}
}

func TestTimePart_Clamped(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"far future", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), timePart(time.Unix(0, math.MaxInt64))},
		{"far past", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), timePart(time.Unix(0, math.MinInt64))},
		{"zero time", time.Time{}, timePart(time.Unix(0, math.MinInt64))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timePart(tt.t); got != tt.want {
				t.Errorf("timePart(%v) = %x, want %x", tt.t, got, tt.want)
			}
		})
	}
}
