package kpiclient

import (
	"fmt"
	"strings"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Timestamp converts t to a protobuf Timestamp; the zero time gives nil (an unset field).
func Timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// Time converts a protobuf Timestamp to a UTC time.Time; nil gives the zero time.
func Time(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime()
}

// OutcomeName is the short lower-case name of an outcome, as the CLI and CSV files spell
// it: CALL_OUTCOME_INVALID_NUMBER gives "invalid_number".
func OutcomeName(o kpiv1.CallOutcome) string {
	return shortName(o.String(), "CALL_OUTCOME_")
}

// ParseOutcome reads an outcome from its short name ("busy", "no-answer") or its full
// enum name ("CALL_OUTCOME_BUSY"), in any case. CALL_OUTCOME_UNSPECIFIED is refused.
func ParseOutcome(name string) (kpiv1.CallOutcome, error) {
	v, err := parseEnum(name, "CALL_OUTCOME_", kpiv1.CallOutcome_value)
	return kpiv1.CallOutcome(v), err
}

// ResultName is the short lower-case name of an appointment result, e.g. "no_sale".
func ResultName(r kpiv1.AppointmentResultKind) string {
	return shortName(r.String(), "APPOINTMENT_RESULT_KIND_")
}

// ParseResult reads an appointment result from "sale", "no_sale", "cancelled" or the full
// enum name, in any case.
func ParseResult(name string) (kpiv1.AppointmentResultKind, error) {
	v, err := parseEnum(name, "APPOINTMENT_RESULT_KIND_", kpiv1.AppointmentResultKind_value)
	return kpiv1.AppointmentResultKind(v), err
}

// Value returns a KPI's value and whether it is present: a KPI whose denominator is zero
// is absent, and then ok is false.
func Value(v *kpiv1.KpiValue) (value float64, ok bool) {
	if v == nil {
		return 0, false
	}
	return v.GetValue(), true
}

func shortName(full, prefix string) string {
	return strings.ToLower(strings.TrimPrefix(full, prefix))
}

func parseEnum(name, prefix string, values map[string]int32) (int32, error) {
	key := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(name), "-", "_"))
	if !strings.HasPrefix(key, prefix) {
		key = prefix + key
	}
	v, ok := values[key]
	if !ok || v == 0 {
		return 0, fmt.Errorf("kpiclient: unknown %s value %q", strings.ToLower(strings.TrimSuffix(prefix, "_")), name)
	}
	return v, nil
}
