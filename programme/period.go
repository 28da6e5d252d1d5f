package programme

import (
	"fmt"
	"strconv"
	"time"
)

// Period is a length of calendar period: the periods of a monitoring
// trend (MonitorInput.Trend, in UTC) and the period an auditor's workload
// limit applies to (StaffOptions.Period). A period is labelled "2026-01",
// "2026-Q1" or "2026" (see Key).
//
//ismsaudit:enum Periods
type Period string

// The Period values. Never reorder.
const (
	PeriodMonth   Period = "month"   // calendar months, labelled "2026-01"
	PeriodQuarter Period = "quarter" // calendar quarters, labelled "2026-Q1"
	PeriodYear    Period = "year"    // calendar years, labelled "2026"
)

// Key returns the label of the period holding t, in t's own location:
// "2026-03", "2026-Q1" or "2026". An unset period counts as a year.
func (p Period) Key(t time.Time) string {
	y := strconv.Itoa(t.Year())
	switch p {
	case PeriodMonth:
		m := int(t.Month())
		if m < 10 {
			return y + "-0" + strconv.Itoa(m)
		}
		return y + "-" + strconv.Itoa(m)
	case PeriodQuarter:
		return y + "-Q" + strconv.Itoa((int(t.Month())+2)/3)
	}
	return y
}

// periodIndex numbers the period of p holding t (in UTC), consecutive
// periods by consecutive numbers.
func periodIndex(p Period, t time.Time) int64 {
	y, m := civilMonth(floorDiv(t.Unix(), 86400))
	switch p {
	case PeriodMonth:
		return y*12 + m
	case PeriodQuarter:
		return y*4 + m/3
	}
	return y
}

// civilMonth returns the year and the month (0 for January) of a day
// counted from 1970-01-01 in the proleptic Gregorian calendar, as
// time.Time.Date gives them in UTC, by integer arithmetic (the days from
// civil algorithm of Howard Hinnant, run backwards): monitoring places
// every item in a period, and this is several times cheaper than Date.
func civilMonth(days int64) (year, month int64) {
	z := days + 719468 // days from 0000-03-01
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // day of the 400-year era, 0 to 146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era, 0 to 399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from 1 March, 0 to 365
	mp := (5*doy + 2) / 153                                // month from March, 0 to 11
	year, month = yoe+era*400, mp+2
	if mp >= 10 {
		year, month = year+1, mp-10
	}
	return year, month
}

// periodStart returns the first instant of period i of p.
func periodStart(p Period, i int64) time.Time {
	switch p {
	case PeriodMonth:
		y := floorDiv(i, 12)
		return time.Date(int(y), time.Month(i-y*12+1), 1, 0, 0, 0, 0, time.UTC)
	case PeriodQuarter:
		y := floorDiv(i, 4)
		return time.Date(int(y), time.Month(3*(i-y*4)+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(int(i), time.January, 1, 0, 0, 0, 0, time.UTC)
}

// periodBounds returns the start, end and label of period i of p.
func periodBounds(p Period, i int64) (start, end time.Time, label string) {
	start = periodStart(p, i)
	switch p {
	case PeriodMonth:
		return start, start.AddDate(0, 1, 0), fmt.Sprintf("%04d-%02d", start.Year(), int(start.Month()))
	case PeriodQuarter:
		return start, start.AddDate(0, 3, 0), fmt.Sprintf("%04d-Q%d", start.Year(), (int(start.Month())+2)/3)
	}
	return start, start.AddDate(1, 0, 0), fmt.Sprintf("%04d", i)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
