package value_test

import (
	"math"
	"testing"

	"github.com/gopico/pico/krl/value"
)

// tenth is a variable so that 0.1+0.2 is computed in float64, not exactly.
var tenth = 0.1

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{-1, "-1"},
		{0.1, "0.1"},
		{0.5, "0.5"},
		{1.5, "1.5"},
		{-2.25, "-2.25"},
		{100, "100"},
		{1e21, "1e+21"},
		{1e-7, "1e-7"},
		{1.5e-7, "1.5e-7"},
		{123e-20, "1.23e-18"},
		{0.000001, "0.000001"},
		{0.0000012, "0.0000012"},
		{1e20, "100000000000000000000"},
		{123456789012345680000, "123456789012345680000"},
		{1 << 53, "9007199254740992"},
		{1 << 64, "18446744073709552000"},
		{1.0 / 3, "0.3333333333333333"},
		{2.0 / 3, "0.6666666666666666"},
		{tenth + 2*tenth, "0.30000000000000004"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{-1e21, "-1e+21"},
		{1e15, "1000000000000000"},
		{1e16, "10000000000000000"},
		{123456.789, "123456.789"},
		{4.35, "4.35"},
		{0.000123, "0.000123"},
		{1e100, "1e+100"},
		{-1.5e-10, "-1.5e-10"},
		{99.99999999999999, "99.99999999999999"},
		{1234567890123.45, "1234567890123.45"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		{math.NaN(), "NaN"},
	}
	for _, tt := range tests {
		if got := value.FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(value.AppendNumber([]byte("x"), tt.in)); got != "x"+tt.want {
			t.Errorf("AppendNumber(%v) = %q, want %q", tt.in, got, "x"+tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // NaN means not a number
	}{
		{"", 0},
		{" ", 0},
		{"  12  ", 12},
		{"0x1F", 31},
		{"0X1f", 31},
		{"0b101", 5},
		{"0o17", 15},
		{"1e3", 1000},
		{"-1e3", -1000},
		{"+5", 5},
		{"-5", -5},
		{".5", 0.5},
		{"5.", 5},
		{".", math.NaN()},
		{"-.5e1", -5},
		{"1,000", math.NaN()},
		{"abc", math.NaN()},
		{"Infinity", math.Inf(1)},
		{"-Infinity", math.Inf(-1)},
		{"+Infinity", math.Inf(1)},
		{"infinity", math.NaN()},
		{"1e", math.NaN()},
		{"0x", math.NaN()},
		{"-0x10", math.NaN()},
		{"1_000", math.NaN()},
		{"\u00a012\ufeff", 12},
		{"\n5\t", 5},
		{"12px", math.NaN()},
		{"0.1e-2", 0.001},
		{"00012", 12},
		{"1e400", math.Inf(1)},
		{"0xFFFFFFFFFFFFFFFFFF", 4.722366482869645e+21},
		{"0b", math.NaN()},
		{"0x1G", math.NaN()},
		{"1.2.3", math.NaN()},
		{"e5", math.NaN()},
		{"5e+2", 500},
		{"NaN", math.NaN()},
		{"0x_1", math.NaN()},
		{"1\u00852", math.NaN()},
	}
	for _, tt := range tests {
		got := value.ParseNumber(tt.in)
		if math.IsNaN(tt.want) {
			if !math.IsNaN(got) {
				t.Errorf("ParseNumber(%q) = %v, want NaN", tt.in, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{" -3abc", -3, true},
		{"1.9", 1, true},
		{"+7", 7, true},
		{"abc", 0, false},
		{"", 0, false},
		{"-", 0, false},
	}
	for _, tt := range tests {
		got, ok := value.ParseInt(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseInt(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestToInt32(t *testing.T) {
	tests := []struct {
		in   float64
		want int32
	}{
		{5.9, 5},
		{-5.9, -5},
		{4294967297, 1},
		{2147483648, -2147483648},
		{-2147483649, 2147483647},
		{math.Inf(1), 0},
		{math.NaN(), 0},
		{1e20, 1661992960},
	}
	for _, tt := range tests {
		if got := value.ToInt32(tt.in); got != tt.want {
			t.Errorf("ToInt32(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestToUint16(t *testing.T) {
	tests := []struct {
		in   float64
		want uint16
	}{{65, 65}, {65601, 65}, {-1, 65535}, {65.9, 65}, {math.NaN(), 0}}
	for _, tt := range tests {
		if got := value.ToUint16(tt.in); got != tt.want {
			t.Errorf("ToUint16(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFormatRadix(t *testing.T) {
	tests := []struct {
		in    float64
		radix int
		want  string
	}{
		{255.5, 16, "ff.8"},
		{0.1, 16, "0.1999999999999a"},
		{-255, 16, "-ff"},
		{1e21, 16, "3635c9adc5dea00000"},
		{3.14159, 16, "3.243f3e0370cdc"},
		{10.5, 16, "a.8"},
		{10, 2, "1010"},
		{0, 16, "0"},
		{35, 36, "z"},
		{12.25, 10, "12.25"},
	}
	for _, tt := range tests {
		if got := value.FormatRadix(tt.in, tt.radix); got != tt.want {
			t.Errorf("FormatRadix(%v, %d) = %q, want %q", tt.in, tt.radix, got, tt.want)
		}
	}
}

func TestNum_NaNIsNull(t *testing.T) {
	if v := value.Num(math.NaN()); !v.IsNull() {
		t.Errorf("Num(NaN) = %v, want null", v)
	}
	if v := value.Num(2); v.Kind() != value.NumberKind || v.AsNum() != 2 {
		t.Errorf("Num(2) = %v", v)
	}
}
