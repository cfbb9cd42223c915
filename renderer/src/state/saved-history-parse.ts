// Checking a saved undo history takes the model's schemas (and zod): kept
// apart from saved-history.ts, which the first paint loads, so that they
// load only when a saved history is there to read (see `readHistory`).
import { z } from 'zod';
import { parseChange } from '../../../annotations/change-schema';
import type { ParsedHistory, UndoHistory } from './saved-history';

const StoredStep = z.strictObject({ label: z.string().max(2000), changes: z.array(z.unknown()).min(1) });
const StoredHistory = z.strictObject({ version: z.literal(1), undo: z.array(StoredStep), redo: z.array(StoredStep) });

const EMPTY: UndoHistory = { undo: [], redo: [] };

/**
 * Reads the history saved for a store. Every change is checked with the
 * model's schemas; anything unreadable gives an empty history and says where
 * it went wrong (whether a step still applies, only the core can tell).
 */
export function parseHistory(raw: string | null, key: string): ParsedHistory {
  if (raw === null) return { history: EMPTY, problem: null };
  const refuse = (where: string) => ({
    history: EMPTY,
    problem: `The undo history saved for this store (${key}) could not be read (${where}); it starts empty`,
  });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse('not JSON');
  }
  const parsed = StoredHistory.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const history: UndoHistory = { undo: [], redo: [] };
  for (const stack of ['undo', 'redo'] as const) {
    for (const [i, step] of parsed.data[stack].entries()) {
      try {
        history[stack].push({ label: step.label, changes: step.changes.map((c, at) => parseChange(c, at)) });
      } catch (error) {
        return refuse(`${stack} step ${i + 1}: ${(error as Error).message}`);
      }
    }
  }
  return { history, problem: null };
}
