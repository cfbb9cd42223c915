import { argumentSchemas } from './contract';
import type { Envelope, Handlers } from './contract';
import { FactmarkError, toWireError } from './errors';
import { isOperationName } from './operation-names';

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
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
    const parsed = argumentSchemas[name].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new FactmarkError(
        'invalid-argument',
        `Invalid arguments for ${name}: ${describeIssues(parsed.error.issues)}`,
      );
    }
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
