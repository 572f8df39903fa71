package io.kpigrpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpigrpc.kpi.v1.AppointmentResultKind;
import io.kpigrpc.kpi.v1.CallOutcome;
import org.junit.jupiter.api.Test;

class OutcomesTest {
    @Test
    void parseOutcome_anySpelling_sameOutcome() {
        assertEquals(CallOutcome.CALL_OUTCOME_INVALID_NUMBER, Outcomes.parseOutcome("invalid_number"));
        assertEquals(CallOutcome.CALL_OUTCOME_INVALID_NUMBER, Outcomes.parseOutcome(" Invalid-Number "));
        assertEquals(CallOutcome.CALL_OUTCOME_PITCHED, Outcomes.parseOutcome("CALL_OUTCOME_PITCHED"));
    }

    @Test
    void parseOutcome_unknownOrUnspecified_throws() {
        assertThrows(IllegalArgumentException.class, () -> Outcomes.parseOutcome("hung_up"));
        assertThrows(IllegalArgumentException.class, () -> Outcomes.parseOutcome("unspecified"));
        assertThrows(IllegalArgumentException.class, () -> Outcomes.parseOutcome("UNRECOGNIZED"));
    }

    @Test
    void outcomeName_everyOutcome_parsesBack() {
        for (CallOutcome outcome : CallOutcome.values()) {
            if (outcome != CallOutcome.CALL_OUTCOME_UNSPECIFIED && outcome != CallOutcome.UNRECOGNIZED) {
                assertEquals(outcome, Outcomes.parseOutcome(Outcomes.outcomeName(outcome)));
            }
        }
        assertEquals("no_answer", Outcomes.outcomeName(CallOutcome.CALL_OUTCOME_NO_ANSWER));
    }

    @Test
    void parseResult_shortName_result() {
        assertEquals(AppointmentResultKind.APPOINTMENT_RESULT_KIND_NO_SALE, Outcomes.parseResult("no_sale"));
        assertEquals("sale", Outcomes.resultName(AppointmentResultKind.APPOINTMENT_RESULT_KIND_SALE));
        assertThrows(IllegalArgumentException.class, () -> Outcomes.parseResult("maybe"));
    }
}
