// The records a client sends, with Dates and short names, and their mapping to the wire types.
import type { AppointmentResult as AppointmentResultMessage } from './generated/kpi/v1/AppointmentResult';
import type { BatchAck__Output } from './generated/kpi/v1/BatchAck';
import type { CallRecord } from './generated/kpi/v1/CallRecord';
import type { OperatorSession } from './generated/kpi/v1/OperatorSession';
import { appointmentResultKind, callOutcome, type AppointmentResultName, type OutcomeName } from './names';
import { toTimestamp, type DateLike } from './timestamps';

/** One dial attempt (kpi.v1.CallRecord); the .proto documents each field. */
export interface Call {
  callId: string;
  campaignId: string;
  operatorId: string;
  teamId?: string;
  leadId?: string;
  startedAt: DateLike;
  outcome: OutcomeName;
  /** Seconds of conversation; must be 0 (the default) for invalid_number, no_answer and busy. */
  talkSeconds?: number;
  removalRequested?: boolean;
  revision?: number;
}

/** What became of the appointment booked on a call (kpi.v1.AppointmentResult). */
export interface AppointmentResult {
  callId: string;
  result: AppointmentResultName;
  reportedAt: DateLike;
}

/** A span of time an operator was logged in (kpi.v1.OperatorSession). */
export interface Session {
  sessionId: string;
  operatorId: string;
  teamId?: string;
  campaignId?: string;
  startedAt: DateLike;
  endedAt: DateLike;
}

/** Why one record of a batch was not stored. */
export interface Rejection {
  /** Zero-based position of the record in its batch. */
  index: number;
  recordId: string;
  /** The offending field, e.g. "talk_seconds". */
  field: string;
  reason: string;
}

/** What happened to each record of a batch: the counts add up to the records sent. */
export interface BatchAck {
  accepted: number;
  duplicates: number;
  replaced: number;
  stale: number;
  rejections: Rejection[];
}

/** A numbered batch of an import stream; the server echoes batchId in its ack. */
export interface ImportBatch<T> {
  batchId: number;
  records: T[];
}

/** The acknowledgement of one import batch, sent once it is durably stored. */
export interface ImportAck {
  batchId: number;
  ack: BatchAck;
}

export function toCallRecord(call: Call): CallRecord {
  return {
    callId: call.callId,
    campaignId: call.campaignId,
    operatorId: call.operatorId,
    teamId: call.teamId ?? '',
    leadId: call.leadId ?? '',
    startedAt: toTimestamp(call.startedAt),
    outcome: callOutcome(call.outcome),
    talkSeconds: call.talkSeconds ?? 0,
    removalRequested: call.removalRequested ?? false,
    revision: call.revision ?? 0,
  };
}

export function toAppointmentResultMessage(result: AppointmentResult): AppointmentResultMessage {
  return {
    callId: result.callId,
    result: appointmentResultKind(result.result),
    reportedAt: toTimestamp(result.reportedAt),
  };
}

export function toOperatorSession(session: Session): OperatorSession {
  return {
    sessionId: session.sessionId,
    operatorId: session.operatorId,
    teamId: session.teamId ?? '',
    campaignId: session.campaignId ?? '',
    startedAt: toTimestamp(session.startedAt),
    endedAt: toTimestamp(session.endedAt),
  };
}

export function fromBatchAck(ack: BatchAck__Output | null): BatchAck {
  return {
    accepted: ack?.accepted ?? 0,
    duplicates: ack?.duplicates ?? 0,
    replaced: ack?.replaced ?? 0,
    stale: ack?.stale ?? 0,
    rejections: (ack?.rejections ?? []).map(({ index, recordId, field, reason }) => ({
      index,
      recordId,
      field,
      reason,
    })),
  };
}
