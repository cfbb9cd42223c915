import { expect } from 'vitest';
import type { Envelope } from '../../annotations/contract';

/** One transport under test: send a named operation with raw (untrusted) arguments, get the envelope. */
export type RawSend = (name: string, args: unknown) => Promise<Envelope>;

export const FIRST = '000_0032acaf3c30b9bc';

export async function ok<T>(send: RawSend, name: string, args: unknown): Promise<T> {
  const envelope = await send(name, args);
  if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

export async function refused(
  send: RawSend,
  name: string,
  args: unknown,
  code: string,
  message: RegExp,
): Promise<void> {
  const envelope = await send(name, args);
  expect(envelope.ok).toBe(false);
  if (envelope.ok) return;
  expect(envelope.error.code).toBe(code);
  expect(envelope.error.message).toMatch(message);
}

/** The value of a mutating operation (which also returns its change set). */
export async function value<T>(send: RawSend, name: string, args: unknown): Promise<T> {
  return (await ok<{ value: T }>(send, name, args)).value;
}
