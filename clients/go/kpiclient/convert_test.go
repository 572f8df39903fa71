package kpiclient

import (
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
)

func TestParseOutcome_ShortOrFullName_ReturnsOutcome(t *testing.T) {
	cases := map[string]kpiv1.CallOutcome{
		"busy":                     kpiv1.CallOutcome_CALL_OUTCOME_BUSY,
		"NO-ANSWER":                kpiv1.CallOutcome_CALL_OUTCOME_NO_ANSWER,
		" invalid_number ":         kpiv1.CallOutcome_CALL_OUTCOME_INVALID_NUMBER,
		"CALL_OUTCOME_APPOINTMENT": kpiv1.CallOutcome_CALL_OUTCOME_APPOINTMENT,
	}
	for name, want := range cases {
		got, err := ParseOutcome(name)
		if err != nil || got != want {
			t.Errorf("ParseOutcome(%q) = %v, %v; want %v", name, got, err, want)
		}
	}
}

func TestParseOutcome_UnknownOrUnspecified_ReturnsError(t *testing.T) {
	for _, name := range []string{"", "unspecified", "CALL_OUTCOME_UNSPECIFIED", "hung_up"} {
		if got, err := ParseOutcome(name); err == nil {
			t.Errorf("ParseOutcome(%q) = %v, want an error", name, got)
		}
	}
}

func TestOutcomeName_EveryOutcome_ParsesBack(t *testing.T) {
	if got := OutcomeName(kpiv1.CallOutcome_CALL_OUTCOME_INVALID_NUMBER); got != "invalid_number" {
		t.Errorf("OutcomeName(INVALID_NUMBER) = %q, want invalid_number", got)
	}
	for v := range kpiv1.CallOutcome_name {
		outcome := kpiv1.CallOutcome(v)
		if outcome == kpiv1.CallOutcome_CALL_OUTCOME_UNSPECIFIED {
			continue
		}
		if back, err := ParseOutcome(OutcomeName(outcome)); err != nil || back != outcome {
			t.Errorf("ParseOutcome(OutcomeName(%v)) = %v, %v", outcome, back, err)
		}
	}
}

func TestParseResult_ShortName_ReturnsKind(t *testing.T) {
	got, err := ParseResult("No_Sale")
	if err != nil || got != kpiv1.AppointmentResultKind_APPOINTMENT_RESULT_KIND_NO_SALE {
		t.Fatalf("ParseResult(No_Sale) = %v, %v", got, err)
	}
	if name := ResultName(got); name != "no_sale" {
		t.Errorf("ResultName = %q, want no_sale", name)
	}
	if _, err := ParseResult("refund"); err == nil {
		t.Error("ParseResult(refund) gave no error")
	}
}

func TestTimestamp_LocalTimeWithNanos_KeepsInstant(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	local := time.Date(2026, 3, 29, 3, 30, 15, 123456789, paris) // the day clocks go forward

	ts := Timestamp(local)

	if ts.GetSeconds() != local.Unix() || ts.GetNanos() != 123456789 {
		t.Errorf("Timestamp = %v, want %d s + 123456789 ns", ts, local.Unix())
	}
	if back := Time(ts); !back.Equal(local) || back.Location() != time.UTC {
		t.Errorf("Time(Timestamp(t)) = %v, want %v in UTC", back, local)
	}
}

func TestTimestamp_ZeroTime_IsUnset(t *testing.T) {
	if ts := Timestamp(time.Time{}); ts != nil {
		t.Errorf("Timestamp(zero) = %v, want nil", ts)
	}
	if got := Time(nil); !got.IsZero() {
		t.Errorf("Time(nil) = %v, want the zero time", got)
	}
}

func TestValue_AbsentKpi_NotOk(t *testing.T) {
	if _, ok := Value(nil); ok {
		t.Error("Value(nil) is ok, want absent")
	}
	// A zero value is a real figure (e.g. 0 pitched out of 5 connected), not an absent one.
	if v, ok := Value(&kpiv1.KpiValue{Value: 0}); !ok || v != 0 {
		t.Errorf("Value(0) = %v, %v; want 0, true", v, ok)
	}
}
