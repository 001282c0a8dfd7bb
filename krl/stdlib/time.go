package stdlib

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gopico/pico/krl/value"
)

func init() {
	modules["time"] = map[string]value.Value{
		"now":      newFunc("now", []string{"opts"}, timeNow),
		"new":      newFunc("new", []string{"date"}, timeNew),
		"add":      newFunc("add", []string{"date", "spec"}, timeAdd),
		"strftime": newFunc("strftime", []string{"date", "fmt"}, timeStrftime),
	}
}

// maxTime is the range of JavaScript dates: ±8.64e15 ms around the epoch.
const maxTime = 8.64e15

// formatISO formats t as JavaScript's Date.prototype.toISOString does.
func formatISO(t time.Time) string {
	t = t.UTC()
	y := t.Year()
	var year string
	switch {
	case y < 0:
		year = fmt.Sprintf("-%06d", -y)
	case y > 9999:
		year = fmt.Sprintf("+%06d", y)
	default:
		year = fmt.Sprintf("%04d", y)
	}
	return year + t.Format("-01-02T15:04:05.000Z")
}

func timeNow(t value.Thread, a []value.Value) (value.Value, error) {
	if value.Truthy(a[0]) && a[0].Kind() != value.MapKind {
		return null, value.TypeErrorf("time:now was given %s instead of an opts map", value.ToString(a[0]))
	}
	return str(formatISO(t.Now())), nil
}

// dateArg reads the date argument of new, add and strftime: a Number is
// milliseconds since the epoch (only for new), anything else the ISO-8601
// text of its String form.
func dateArg(t value.Thread, fn string, d value.Value, epochOK bool) (time.Time, error) {
	if !value.Truthy(d) {
		return time.Time{}, fmt.Errorf("time:%s needs a date string", fn)
	}
	if epochOK && d.Kind() == value.NumberKind {
		ms := d.AsNum()
		if math.IsInf(ms, 0) || math.Abs(ms) > maxTime {
			return time.Time{}, fmt.Errorf("RangeError: Invalid time value")
		}
		return time.UnixMilli(int64(ms)).UTC(), nil
	}
	s := value.ToString(d)
	tm, ok := parseDate(s, t.Now().UTC())
	if !ok {
		if d.Kind() == value.StringKind {
			return time.Time{}, fmt.Errorf("time:%s was given an invalid date string (%s)", fn, s)
		}
		return time.Time{}, value.TypeErrorf("time:%s was given %s instead of a date string", fn, s)
	}
	return tm, nil
}

func timeNew(t value.Thread, a []value.Value) (value.Value, error) {
	tm, err := dateArg(t, "new", a[0], true)
	if err != nil {
		return null, err
	}
	return str(formatISO(tm)), nil
}

// durationUnits maps the unit names time:add accepts (moment's aliases) to
// canonical units.
var durationUnits = map[string]string{
	"y": "year", "year": "year", "years": "year",
	"Q": "quarter", "quarter": "quarter", "quarters": "quarter",
	"M": "month", "month": "month", "months": "month",
	"w": "week", "week": "week", "weeks": "week",
	"W": "week", "isoweek": "week", "isoweeks": "week",
	"d": "day", "day": "day", "days": "day",
	"h": "hour", "hour": "hour", "hours": "hour",
	"m": "minute", "minute": "minute", "minutes": "minute",
	"s": "second", "second": "second", "seconds": "second",
	"ms": "millisecond", "millisecond": "millisecond", "milliseconds": "millisecond",
	// day of the month: a unit of moment, but not of durations
	"D": "", "date": "", "dates": "",
}

func timeAdd(t value.Thread, a []value.Value) (value.Value, error) {
	tm, err := dateArg(t, "add", a[0], false)
	if err != nil {
		return null, err
	}
	spec := a[1]
	if !value.Truthy(spec) {
		return null, fmt.Errorf("time:add needs a spec map")
	}
	if spec.Kind() != value.MapKind {
		return null, value.TypeErrorf("time:add was given %s instead of a spec map", value.ToString(spec))
	}
	amounts := map[string]float64{}
	spec.AsMap().Range(func(k string, v value.Value) bool {
		unit, ok := durationUnits[k]
		if !ok {
			unit, ok = durationUnits[strings.ToLower(k)]
		}
		if n := jsNumber(v); ok && unit != "" && !math.IsNaN(n) {
			amounts[unit] += n
		}
		return true
	})
	months := absRound(amounts["month"] + 3*amounts["quarter"] + 12*amounts["year"])
	days := absRound(amounts["day"] + 7*amounts["week"])
	ms := amounts["millisecond"] + 1e3*amounts["second"] + 6e4*amounts["minute"] + 36e5*amounts["hour"]
	if months != 0 {
		tm = addMonths(tm, int(months))
	}
	if days != 0 {
		tm = tm.AddDate(0, 0, int(days))
	}
	if ms != 0 {
		tm = tm.Add(time.Duration(math.Trunc(ms)) * time.Millisecond)
	}
	return str(formatISO(tm)), nil
}

// absRound rounds half away from zero.
func absRound(f float64) float64 {
	if f < 0 {
		return -jsRound(-f)
	}
	return jsRound(f)
}

// addMonths adds n months, clamping the day to the end of the month.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

func timeStrftime(t value.Thread, a []value.Value) (value.Value, error) {
	if !value.Truthy(a[0]) {
		return null, fmt.Errorf("time:strftime needs a date string")
	}
	if !value.Truthy(a[1]) {
		return null, fmt.Errorf("time:strftime needs a fmt string")
	}
	tm, err := dateArg(t, "strftime", a[0], false)
	if err != nil {
		return null, err
	}
	if a[1].Kind() != value.StringKind {
		return null, value.TypeErrorf("time:strftime was given %s instead of a fmt string", value.ToString(a[1]))
	}
	return str(strftime(a[1].AsStr(), tm)), nil
}

// parseDate reads an ISO-8601 date the way moment's ISO_8601 parsing does,
// in UTC unless the text has an offset: calendar (2017-01-31, 20170131),
// ordinal (2017-031), week (2017-W05-2, 2017W052) dates, a year or a month
// alone, an optional time after T or a space (HH, HH:mm, HH:mm:ss.SSS, or
// without colons) and an offset (Z, ±HH, ±HH:mm, ±HHmm). A time alone is
// taken on the day of now.
func parseDate(s string, now time.Time) (time.Time, bool) {
	if t, ok := parseISO(s); ok {
		return t, true
	}
	today := now.Format("2006-01-02")
	if t, ok := parseISO(today + "T" + s); ok {
		return t, true
	}
	return parseISO(strings.ReplaceAll(today, "-", "") + "T" + s)
}

func parseISO(s string) (time.Time, bool) {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	// Split date and time.
	datePart, timePart := s, ""
	if i := strings.IndexAny(s, "T "); i >= 0 {
		datePart, timePart = s[:i], s[i+1:]
		if timePart == "" {
			return time.Time{}, false
		}
	}
	y, mo, d, extended, ok := parseISODate(datePart)
	if !ok {
		return time.Time{}, false
	}
	var hh, mm, ss, ms int
	offset := 0
	if timePart != "" {
		clock, zone := splitZone(timePart)
		var ok bool
		if hh, mm, ss, ms, ok = parseClock(clock, extended); !ok {
			return time.Time{}, false
		}
		if offset, ok = parseZone(zone); !ok {
			return time.Time{}, false
		}
	}
	if hh == 24 {
		if mm != 0 || ss != 0 || ms != 0 {
			return time.Time{}, false
		}
	} else if hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ms*1e6, time.UTC)
	return t.Add(-time.Duration(offset) * time.Minute), true
}

// parseISODate reads the date part; it reports year, month and day and
// whether the date is in the extended format (with dashes), which requires
// colons in the time.
func parseISODate(s string) (y, m, d int, extended, ok bool) {
	sign := 1
	yearDigits := 4
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
		yearDigits = 6
	}
	if len(s) < yearDigits || !allDigits(s[:yearDigits]) {
		return 0, 0, 0, false, false
	}
	y = sign * atoi(s[:yearDigits])
	rest := s[yearDigits:]
	extended = strings.HasPrefix(rest, "-")
	if extended {
		rest = rest[1:]
		if rest == "" {
			return 0, 0, 0, false, false
		}
	}
	switch {
	case rest == "" && !extended:
		return y, 1, 1, false, true
	case strings.HasPrefix(rest, "W"):
		w := rest[1:]
		week, wd := 0, 1
		switch {
		case len(w) == 2 && allDigits(w):
			week = atoi(w)
		case extended && len(w) == 4 && w[2] == '-' && allDigits(w[:2]) && allDigits(w[3:]):
			week, wd = atoi(w[:2]), atoi(w[3:])
		case !extended && len(w) == 3 && allDigits(w):
			week, wd = atoi(w[:2]), atoi(w[2:])
		default:
			return 0, 0, 0, false, false
		}
		if week < 1 || week > 53 || wd < 1 || wd > 7 {
			return 0, 0, 0, false, false
		}
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		t := monday.AddDate(0, 0, (week-1)*7+wd-1)
		return t.Year(), int(t.Month()), t.Day(), extended, true
	case len(rest) == 3 && allDigits(rest):
		yday := atoi(rest)
		t := time.Date(y, 1, yday, 0, 0, 0, 0, time.UTC)
		if yday < 1 || t.Year() != y {
			return 0, 0, 0, false, false
		}
		return y, int(t.Month()), t.Day(), extended, true
	case len(rest) == 2 && allDigits(rest):
		m, d = atoi(rest), 1
	case extended && len(rest) == 5 && rest[2] == '-' && allDigits(rest[:2]) && allDigits(rest[3:]):
		m, d = atoi(rest[:2]), atoi(rest[3:])
	case !extended && len(rest) == 4 && allDigits(rest):
		m, d = atoi(rest[:2]), atoi(rest[2:])
	default:
		return 0, 0, 0, false, false
	}
	if m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return 0, 0, 0, false, false
	}
	return y, m, d, extended, true
}

// splitZone separates a trailing Z or ±offset from the clock.
func splitZone(s string) (clock, zone string) {
	t := strings.TrimRight(s, " \t")
	if strings.HasSuffix(t, "Z") {
		return strings.TrimRight(t[:len(t)-1], " \t"), "Z"
	}
	if i := strings.LastIndexAny(s, "+-"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// parseClock reads HH[:mm[:ss[.fff]]] (colons required when extended) or
// HH[mm[ss[.fff]]].
func parseClock(s string, extended bool) (h, m, sec, ms int, ok bool) {
	frac := ""
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		s, frac = s[:i], s[i+1:]
		if frac == "" || !allDigits(frac) {
			return 0, 0, 0, 0, false
		}
	}
	var parts []string
	if strings.Contains(s, ":") {
		if !extended {
			return 0, 0, 0, 0, false
		}
		parts = strings.Split(s, ":")
	} else {
		if extended && len(s) > 2 {
			return 0, 0, 0, 0, false
		}
		for len(s) >= 2 {
			parts = append(parts, s[:2])
			s = s[2:]
		}
		if s != "" {
			return 0, 0, 0, 0, false
		}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return 0, 0, 0, 0, false
	}
	if frac != "" && len(parts) != 3 {
		return 0, 0, 0, 0, false
	}
	vals := [3]int{}
	for i, p := range parts {
		if len(p) != 2 || !allDigits(p) {
			return 0, 0, 0, 0, false
		}
		vals[i] = atoi(p)
	}
	if frac != "" {
		frac = (frac + "00")[:3]
		ms = atoi(frac)
	}
	return vals[0], vals[1], vals[2], ms, true
}

// parseZone reads "", Z, ±HH, ±HH:mm or ±HHmm into minutes east of UTC.
func parseZone(z string) (int, bool) {
	z = strings.TrimSpace(z)
	if z == "" || z == "Z" {
		return 0, true
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	z = strings.Replace(z[1:], ":", "", 1)
	switch {
	case len(z) == 2 && allDigits(z):
		return sign * atoi(z) * 60, true
	case len(z) == 4 && allDigits(z):
		return sign * (atoi(z[:2])*60 + atoi(z[2:])), true
	}
	return 0, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var (
	longDays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	longMonths  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	shortDays   = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	shortMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// strftime formats t (in UTC) with the directives of the reference's
// strftime library, including its flags - (no padding), _ (spaces), 0
// (zeros) and : (offset with a colon). Unknown directives are kept as they
// are; a % at the very end is dropped.
func strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		start := i
		pad := byte(0) // 0: the directive's default
		noPad, colon := false, false
		i++
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '-':
				noPad, pad = true, 0
			case '_':
				noPad, pad = false, ' '
			case '0':
				noPad, pad = false, '0'
			case ':':
				colon = true
			default:
				break flags
			}
		}
		if i >= len(format) {
			break // a directive cut short prints nothing
		}
		two := func(n int, def byte) {
			switch {
			case noPad || n >= 10:
				b.WriteString(strconv.Itoa(n))
			case pad != 0:
				b.WriteByte(pad)
				b.WriteString(strconv.Itoa(n))
			default:
				b.WriteByte(def)
				b.WriteString(strconv.Itoa(n))
			}
		}
		hour12 := t.Hour() % 12
		if hour12 == 0 {
			hour12 = 12
		}
		switch format[i] {
		case '%':
			b.WriteByte('%')
		case 'A':
			b.WriteString(longDays[t.Weekday()])
		case 'a':
			b.WriteString(shortDays[t.Weekday()])
		case 'B':
			b.WriteString(longMonths[t.Month()-1])
		case 'b', 'h':
			b.WriteString(shortMonths[t.Month()-1])
		case 'C':
			two(int(math.Floor(float64(t.Year())/100)), '0')
		case 'c':
			b.WriteString(strftime("%a %d %b %Y %X %Z", t))
		case 'D', 'x':
			b.WriteString(strftime("%m/%d/%y", t))
		case 'd':
			two(t.Day(), '0')
		case 'e':
			two(t.Day(), ' ')
		case 'F':
			b.WriteString(strftime("%Y-%m-%d", t))
		case 'H':
			two(t.Hour(), '0')
		case 'I':
			two(hour12, '0')
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'k':
			two(t.Hour(), ' ')
		case 'L':
			fmt.Fprintf(&b, "%03d", t.Nanosecond()/1e6)
		case 'l':
			two(hour12, ' ')
		case 'M':
			two(t.Minute(), '0')
		case 'm':
			two(int(t.Month()), '0')
		case 'n':
			b.WriteByte('\n')
		case 'o':
			b.WriteString(strconv.Itoa(t.Day()) + ordinalSuffix(t.Day()))
		case 'P':
			b.WriteString(map[bool]string{true: "am", false: "pm"}[t.Hour() < 12])
		case 'p':
			b.WriteString(map[bool]string{true: "AM", false: "PM"}[t.Hour() < 12])
		case 'R':
			b.WriteString(strftime("%H:%M", t))
		case 'r', 'X':
			b.WriteString(strftime("%I:%M:%S %p", t))
		case 'S':
			two(t.Second(), '0')
		case 's':
			b.WriteString(strconv.FormatInt(int64(math.Floor(float64(t.UnixMilli())/1000)), 10))
		case 'T':
			b.WriteString(strftime("%H:%M:%S", t))
		case 't':
			b.WriteByte('\t')
		case 'U':
			two((t.YearDay()-1+7-int(t.Weekday()))/7, '0')
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			b.WriteString(strconv.Itoa(wd))
		case 'v':
			b.WriteString(strftime("%e-%b-%Y", t))
		case 'W':
			two((t.YearDay()-1+7-(int(t.Weekday())+6)%7)/7, '0')
		case 'w':
			b.WriteString(strconv.Itoa(int(t.Weekday())))
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		case 'y':
			two(((t.Year()%100)+100)%100, '0')
		case 'Z':
			b.WriteString("UTC")
		case 'z':
			if colon {
				b.WriteString("+00:00")
			} else {
				b.WriteString("+0000")
			}
		default:
			b.WriteString(format[start : i+1])
		}
	}
	return b.String()
}

func ordinalSuffix(d int) string {
	if d >= 11 && d <= 13 {
		return "th"
	}
	switch d % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}
