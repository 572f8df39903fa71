// Async-iterator adapters over grpc-js streams that cancel the call when the caller stops.
import type * as grpc from '@grpc/grpc-js';

/** Cancels `call` when `signal` aborts; returns the function that unhooks it. */
export function cancelOnAbort(call: { cancel(): void }, signal: AbortSignal | undefined): () => void {
  if (!signal) {
    return () => {};
  }
  const cancel = () => call.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  return () => signal.removeEventListener('abort', cancel);
}

/** Yields the messages of a server stream; breaking out of the loop cancels the call. */
export async function* readAll<T>(
  call: grpc.ClientReadableStream<T> | grpc.ClientDuplexStream<unknown, T>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const unhook = cancelOnAbort(call, signal);
  let finished = false;
  try {
    for await (const message of call as AsyncIterable<T>) {
      yield message;
    }
    finished = true;
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  } finally {
    unhook();
    if (!finished) {
      call.on('error', () => {}); // The CANCELLED status that follows is expected.
      call.cancel();
    }
  }
}

/**
 * Joins the messages of an event the server split (each but the last has `continued` set) into
 * one: the first keeps its kind, the others add their groups in order.
 */
export async function* wholeEvents<T extends { continued: boolean; groups: unknown[] }>(
  messages: AsyncIterable<T>,
): AsyncGenerator<T> {
  let event: T | undefined;
  for await (const message of messages) {
    if (event) {
      event.groups.push(...message.groups);
      event.continued = message.continued;
    } else {
      event = message;
    }
    if (!event.continued) {
      yield event;
      event = undefined;
    }
  }
}

/** Resolves once the stream can take more writes, or can take none any more. */
function writable(call: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) {
        call.off(event, done);
      }
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) {
      call.on(event, done);
    }
  });
}

/**
 * Runs a bidirectional stream: writes `requests` (honouring back-pressure, then half-closes)
 * while yielding the responses. An error thrown by `requests` cancels the call and is rethrown.
 */
export async function* duplex<Req, Res>(
  call: grpc.ClientDuplexStream<Req, Res>,
  requests: AsyncIterable<Req> | Iterable<Req>,
  signal?: AbortSignal,
): AsyncGenerator<Res> {
  let stopped = false;
  let sourceError: { error: unknown } | undefined;
  const pump = (async () => {
    try {
      for await (const request of requests) {
        if (stopped) {
          return;
        }
        if (!call.write(request)) {
          await writable(call);
        }
      }
      if (!stopped) {
        call.end();
      }
    } catch (error) {
      if (!stopped) {
        sourceError = { error };
        call.on('error', () => {});
        call.cancel();
      }
    }
  })();

  let completed = false;
  try {
    yield* readAll(call, signal);
    completed = true;
  } catch (error) {
    throw sourceError ? sourceError.error : error;
  } finally {
    stopped = true;
  }
  if (completed) {
    await pump;
  }
  if (sourceError) {
    throw sourceError.error;
  }
}
