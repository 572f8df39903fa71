package io.kpigrpc.client;

import io.kpigrpc.kpi.v1.AppointmentResultKind;
import io.kpigrpc.kpi.v1.CallOutcome;
import java.util.Locale;

/** Short names for the contract's enums, as dialer and CRM exports spell them ("pitched", "sale"). */
public final class Outcomes {
    private static final String OUTCOME_PREFIX = "CALL_OUTCOME_";
    private static final String RESULT_PREFIX = "APPOINTMENT_RESULT_KIND_";

    private Outcomes() {
    }

    /** Parses "pitched", "INVALID_NUMBER" or "CALL_OUTCOME_BUSY"; rejects unknown and unspecified. */
    public static CallOutcome parseOutcome(String name) {
        return parse(CallOutcome.class, OUTCOME_PREFIX, name);
    }

    /** "invalid_number" for CALL_OUTCOME_INVALID_NUMBER. */
    public static String outcomeName(CallOutcome outcome) {
        return shortName(OUTCOME_PREFIX, outcome);
    }

    /** Parses "sale", "NO_SALE" or "APPOINTMENT_RESULT_KIND_CANCELLED". */
    public static AppointmentResultKind parseResult(String name) {
        return parse(AppointmentResultKind.class, RESULT_PREFIX, name);
    }

    /** "no_sale" for APPOINTMENT_RESULT_KIND_NO_SALE. */
    public static String resultName(AppointmentResultKind result) {
        return shortName(RESULT_PREFIX, result);
    }

    private static String shortName(String prefix, Enum<?> value) {
        String name = value.name(); // UNRECOGNIZED has no prefix
        return (name.startsWith(prefix) ? name.substring(prefix.length()) : name).toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String prefix, String name) {
        String constant = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!constant.startsWith(prefix)) {
            constant = prefix + constant;
        }
        E value;
        try {
            value = Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " \"" + name + "\"", e);
        }
        if (value.name().endsWith("_UNSPECIFIED")) {
            throw new IllegalArgumentException(type.getSimpleName() + " \"" + name + "\" is unspecified");
        }
        return value;
    }
}
