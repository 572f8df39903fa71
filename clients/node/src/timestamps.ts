import type { Duration } from './generated/google/protobuf/Duration';
import type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp';

/** Anything `new Date(...)` understands: a Date, epoch milliseconds or an ISO-8601 string. */
export type DateLike = Date | number | string;

function toMillis(date: DateLike): number {
  const millis = date instanceof Date ? date.getTime() : new Date(date).getTime();
  if (!Number.isFinite(millis)) {
    throw new RangeError(`Not a valid date: ${String(date)}`);
  }
  return millis;
}

/** A Date (or epoch ms, or ISO string) as a google.protobuf.Timestamp, to the millisecond. */
export function toTimestamp(date: DateLike): Timestamp {
  const millis = toMillis(date);
  const seconds = Math.floor(millis / 1000);
  return { seconds, nanos: (millis - seconds * 1000) * 1_000_000 };
}

/** A google.protobuf.Timestamp as a Date (sub-millisecond digits dropped); unset gives undefined. */
export function fromTimestamp(timestamp: Timestamp__Output | null | undefined): Date | undefined {
  if (!timestamp) {
    return undefined;
  }
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}

/** Milliseconds as a google.protobuf.Duration. */
export function toDuration(milliseconds: number): Duration {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new RangeError(`Not a valid duration: ${milliseconds} ms`);
  }
  const seconds = Math.floor(milliseconds / 1000);
  return { seconds, nanos: Math.round((milliseconds - seconds * 1000) * 1_000_000) };
}
