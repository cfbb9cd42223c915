/** Error codes every transport carries unchanged from the core to the UI. */
export type ErrorCode =
  'invalid-argument' | 'unknown-operation' | 'not-found' | 'conflict' | 'store-unreadable' | 'internal';

/** The wire form of an error: a code a program can branch on and a sentence a person can read. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/** An error the core raises on purpose; anything else is reported as `internal`. */
export class FactmarkError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'FactmarkError';
    this.code = code;
  }
}

export function isFactmarkError(value: unknown): value is FactmarkError {
  return value instanceof FactmarkError;
}

export function toWireError(error: unknown): WireError {
  if (isFactmarkError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** A store file that exists but cannot be used. It is reported, and never written over. */
export class StoreUnreadableError extends FactmarkError {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(
      'store-unreadable',
      `Cannot read store file ${file}: ${reason}. The file was kept unchanged; repair or move it away, then reopen Factmark.`,
    );
    this.file = file;
    this.reason = reason;
  }
}
