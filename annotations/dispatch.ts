import { argumentSchemas } from './contract';
import type { Envelope, Handlers } from './contract';
import { FactmarkError, toWireError } from './errors';
import type { WireError } from './errors';
import { isOperationName } from './operation-names';
import { issuesText } from './schema-issues';

/**
 * Real arguments nest under 15 levels; far deeper ones (20,000 from a
 * hostile client) would overflow the stack of whatever walks them.
 */
export const MAX_ARGUMENT_DEPTH = 64;

const isNested = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * How many levels of objects and arrays `value` nests (a primitive is 0, `{}`
 * is 1), counted without recursion so no depth can overflow the stack.
 * Infinity when an object contains itself (IPC's structured clone can carry a
 * cycle). Each object is walked once, so shared ones cost nothing extra.
 */
export function nestingDepth(value: unknown): number {
  if (!isNested(value)) return 0;
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const frames: { node: object; children: unknown[]; next: number; height: number }[] = [];
  const open = (node: object) => {
    onPath.add(node);
    frames.push({ node, children: Object.values(node), next: 0, height: 1 });
  };
  open(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (!isNested(child)) continue;
      if (onPath.has(child)) return Infinity;
      const known = heights.get(child);
      if (known === undefined) open(child);
      else frame.height = Math.max(frame.height, known + 1);
      continue;
    }
    frames.pop();
    onPath.delete(frame.node);
    heights.set(frame.node, frame.height);
    const parent = frames[frames.length - 1];
    if (parent) parent.height = Math.max(parent.height, frame.height + 1);
  }
  return heights.get(value)!;
}

function checkDepth(rawArgs: unknown): void {
  const depth = nestingDepth(rawArgs);
  if (depth <= MAX_ARGUMENT_DEPTH) return;
  const nested =
    depth === Infinity ? 'contain themselves (a cycle), nesting without end' : `are nested ${depth} levels deep`;
  throw new FactmarkError('invalid-argument', `Arguments ${nested}; at most ${MAX_ARGUMENT_DEPTH} are allowed`);
}

const STACK_OVERFLOW = 'Maximum call stack size exceeded';

/**
 * A handler's error that only bad input can cause, as invalid-argument; null
 * for anything else. At run time a SyntaxError or URIError comes only from
 * parsing data (JSON.parse, RegExp, decodeURIComponent), as does atob's
 * InvalidCharacterError (a DOMException); a stack overflow comes from data
 * too deep or large for a recursive walk. Other TypeErrors and RangeErrors
 * are as likely bugs as bad input: they stay `internal`, so a bug is never
 * passed off as the user's fault.
 */
function inputError(name: string, error: unknown): WireError | null {
  const unparsable =
    error instanceof SyntaxError ||
    error instanceof URIError ||
    (error instanceof Error && error.name === 'InvalidCharacterError');
  if (unparsable) return { code: 'invalid-argument', message: `Invalid arguments for ${name}: ${error.message}` };
  if (error instanceof RangeError && error.message.includes(STACK_OVERFLOW)) {
    const message = `Arguments for ${name} are too deeply nested or too large to process (${error.message})`;
    return { code: 'invalid-argument', message };
  }
  return null;
}

/**
 * Runs one named operation with untrusted arguments: the name must be in the
 * contract and the arguments must parse, or nothing runs. Never throws.
 */
export async function dispatch(handlers: Handlers, name: unknown, rawArgs: unknown): Promise<Envelope> {
  try {
    if (!isOperationName(name)) {
      throw new FactmarkError('unknown-operation', `Unknown operation ${JSON.stringify(name)}`);
    }
    checkDepth(rawArgs);
    const parsed = argumentSchemas[name].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new FactmarkError('invalid-argument', `Invalid arguments for ${name}: ${issuesText(parsed.error.issues)}`);
    }
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    try {
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: inputError(name, error) ?? toWireError(error) };
    }
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
