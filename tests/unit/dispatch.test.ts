import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { FactmarkError } from '../../annotations/errors';
import { OPERATION_NAMES } from '../../annotations/operation-names';

/** A handler table whose every operation records its call and echoes its arguments. */
function fakeHandlers(overrides: Partial<Record<string, (args: unknown) => Promise<unknown>>> = {}) {
  const calls: { name: string; args: unknown }[] = [];
  const table = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      async (args: unknown) => {
        calls.push({ name, args });
        const override = overrides[name];
        return override ? override(args) : { echo: args };
      },
    ]),
  );
  return { handlers: table as unknown as Handlers, calls };
}

describe('dispatch', () => {
  it('runs a known operation with its parsed arguments and wraps the result', async () => {
    const { handlers, calls } = fakeHandlers();
    const envelope = await dispatch(handlers, 'articles/get', { articleId: 'a-1' });
    expect(envelope).toEqual({ ok: true, result: { echo: { articleId: 'a-1' } } });
    expect(calls).toEqual([{ name: 'articles/get', args: { articleId: 'a-1' } }]);
  });

  it('passes the handler what the schema produced, not the raw arguments', async () => {
    const { handlers, calls } = fakeHandlers();
    const envelope = await dispatch(handlers, 'entities/create', { name: '  Hossein Dehqan  ', type: 'person' });
    expect(envelope.ok).toBe(true);
    expect(calls[0]?.args).toEqual({ name: 'Hossein Dehqan', type: 'person' });
  });

  it('refuses an operation name that is not in the contract, running nothing', async () => {
    const { handlers, calls } = fakeHandlers();
    for (const name of [
      'articles/burn',
      'ARTICLES/LIST',
      'articles/list ',
      '',
      'toString',
      '__proto__',
      'constructor',
    ]) {
      const envelope = await dispatch(handlers, name, {});
      expect(envelope).toEqual({
        ok: false,
        error: { code: 'unknown-operation', message: `Unknown operation ${JSON.stringify(name)}` },
      });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a name that is not a string', async () => {
    const { handlers, calls } = fakeHandlers();
    for (const name of [42, null, undefined, { name: 'articles/list' }, ['articles/list'], true]) {
      const envelope = await dispatch(handlers, name, {});
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('unknown-operation');
    }
    expect(calls).toEqual([]);
  });

  it('refuses invalid arguments with invalid-argument, naming the operation and the field', async () => {
    const { handlers, calls } = fakeHandlers();
    const wrongType = await dispatch(handlers, 'articles/get', { articleId: 5 });
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) {
      expect(wrongType.error.code).toBe('invalid-argument');
      expect(wrongType.error.message).toMatch(/^Invalid arguments for articles\/get: articleId: /);
    }
    const badId = await dispatch(handlers, 'articles/get', { articleId: '../etc/passwd' });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error.message).toContain('articleId: must be 1–128 letters');
    const fractional = await dispatch(handlers, 'annotations/create', {
      articleId: 'a',
      kind: 'claim',
      start: 0.5,
      end: 3,
      quote: 'x',
    });
    expect(fractional.ok).toBe(false);
    if (!fractional.ok) expect(fractional.error.message).toContain('start:');
    expect(calls).toEqual([]);
  });

  it('refuses extra keys, arrays and primitives as arguments', async () => {
    const { handlers, calls } = fakeHandlers();
    for (const args of [{ articleId: 'a', extra: 1 }, ['a'], 'a', 7]) {
      const envelope = await dispatch(handlers, 'articles/get', args);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('invalid-argument');
    }
    expect(calls).toEqual([]);
  });

  it('treats null and undefined arguments as {}', async () => {
    const { handlers, calls } = fakeHandlers();
    expect(await dispatch(handlers, 'store/status', null)).toEqual({ ok: true, result: { echo: {} } });
    expect(await dispatch(handlers, 'articles/list', undefined)).toEqual({ ok: true, result: { echo: {} } });
    expect(calls.map((c) => c.args)).toEqual([{}, {}]);
    const missing = await dispatch(handlers, 'articles/get', null);
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('invalid-argument');
      expect(missing.error.message).toContain('articleId');
    }
  });

  it('keeps the code and message of a FactmarkError the handler throws', async () => {
    for (const code of ['not-found', 'conflict', 'store-unreadable', 'invalid-argument'] as const) {
      const { handlers } = fakeHandlers({
        'articles/get': async () => {
          throw new FactmarkError(code, `No luck (${code})`);
        },
      });
      expect(await dispatch(handlers, 'articles/get', { articleId: 'a' })).toEqual({
        ok: false,
        error: { code, message: `No luck (${code})` },
      });
    }
  });

  it('reports any other thrown value as internal, with its message', async () => {
    const { handlers } = fakeHandlers({
      'articles/list': async () => {
        throw new TypeError('disk on fire');
      },
      'store/status': async () => {
        throw 'a bare string';
      },
    });
    expect(await dispatch(handlers, 'articles/list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: disk on fire' },
    });
    expect(await dispatch(handlers, 'store/status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: a bare string' },
    });
  });

  it('never rejects, even when a handler throws synchronously', async () => {
    const handlers = {
      ...fakeHandlers().handlers,
      'articles/list': () => {
        throw new Error('sync boom');
      },
    } as unknown as Handlers;
    await expect(dispatch(handlers, 'articles/list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: sync boom' },
    });
  });
});
