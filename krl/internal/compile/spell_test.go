package compile

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"abc", "", 3},
		{"length", "lenght", 1},
		{"kitten", "sitting", 3},
		{"value", "valeu", 1},
		{"ab", "ba", 1},
		{"abc", "ca", 3},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"length", "lc", "uc", "total", "map", "value"}
	tests := []struct {
		name, want string
	}{
		{"lenght", "length"},
		{"Length", "length"},
		{"totl", "total"},
		{"xs", ""},
		{"mapp", "map"},
		{"zzzzzz", ""},
		{"length", ""},
	}
	for _, tc := range tests {
		if got := nearest(tc.name, names); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
