import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../annotations/contract';
import { MAX_ARGUMENT_DEPTH, dispatch, nestingDepth } from '../../annotations/dispatch';
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

  it('refuses arguments nested deeper than the limit before any schema or handler sees them', async () => {
    const { handlers, calls } = fakeHandlers();
    // The change set of the report: 20,000 arrays deep in `before`, built from its JSON text as a client sends it.
    const levels = 20_000;
    const text = `{"changeSet":{"label":"x","changes":[{"type":"annotation","before":${'['.repeat(levels)}${']'.repeat(levels)}}]},"direction":"undo"}`;
    const envelope = await dispatch(handlers, 'history/apply', JSON.parse(text));
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: `Arguments are nested ${levels + 4} levels deep; at most ${MAX_ARGUMENT_DEPTH} are allowed`,
      },
    });
    // Deep objects too, under any operation, even one whose schema would refuse them anyway.
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const objects = await dispatch(handlers, 'articles/get', deep);
    expect(objects.ok).toBe(false);
    if (!objects.ok)
      expect(objects.error.message).toBe('Arguments are nested 100000 levels deep; at most 64 are allowed');
    expect(calls).toEqual([]);
  });

  it('accepts arguments exactly at the depth limit', async () => {
    const { handlers, calls } = fakeHandlers();
    let before: unknown = [];
    for (let i = 1; i < MAX_ARGUMENT_DEPTH - 4; i++) before = [before];
    const args = { changeSet: { label: 'x', changes: [{ type: 'annotation', before }] }, direction: 'undo' };
    expect(nestingDepth(args)).toBe(MAX_ARGUMENT_DEPTH);
    expect((await dispatch(handlers, 'history/apply', args)).ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('refuses arguments that contain themselves, as IPC can send them', async () => {
    const { handlers, calls } = fakeHandlers();
    const change: Record<string, unknown> = { type: 'annotation' };
    change.before = [change];
    const envelope = await dispatch(handlers, 'history/apply', {
      changeSet: { label: 'x', changes: [change] },
      direction: 'undo',
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'Arguments contain themselves (a cycle), nesting without end; at most 64 are allowed',
      },
    });
    expect(calls).toEqual([]);
  });

  it('measures depth without recursion, walking a shared object once', () => {
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth([1, [2, [3]], { a: {} }])).toBe(3);
    // 200 levels, each holding the level below twice: 2^200 paths, walked in linear time.
    let shared: unknown = {};
    for (let i = 1; i < 200; i++) shared = [shared, shared];
    expect(nestingDepth(shared)).toBe(200);
  });

  it("reports a handler's SyntaxError, URIError, bad base64 or stack overflow as invalid-argument, other errors as internal", async () => {
    const overflow = (): number => overflow() + 1;
    const { handlers } = fakeHandlers({
      'tagset/update': async () => JSON.parse('{"labels": [') as unknown,
      'search/query': async () => decodeURIComponent('%E0%A4%A'),
      'import/files': async () => atob('\uDFFF\uD800'),
      'history/apply': async () => overflow(),
      'articles/list': async () => {
        throw new RangeError('Invalid time value');
      },
      'store/status': async () => (null as unknown as { x: number }).x,
    });
    const syntax = await dispatch(handlers, 'tagset/update', { tagset: {} });
    expect(syntax).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^Invalid arguments for tagset\/update: /) },
    });
    const uri = await dispatch(handlers, 'search/query', {});
    expect(uri).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/URI malformed/) },
    });
    const base64 = await dispatch(handlers, 'import/files', { format: 'articles', files: [] });
    expect(base64).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Invalid arguments for import/files: Invalid character' },
    });
    const stack = await dispatch(handlers, 'history/apply', {
      changeSet: { label: 'x', changes: [] },
      direction: 'undo',
    });
    expect(stack).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message:
          'Arguments for history/apply are too deeply nested or too large to process (Maximum call stack size exceeded)',
      },
    });
    // A RangeError or TypeError may as well be a bug: it is not passed off as the caller's fault.
    const range = await dispatch(handlers, 'articles/list', {});
    expect(range).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: Invalid time value' } });
    const type = await dispatch(handlers, 'store/status', {});
    expect(type.ok).toBe(false);
    if (!type.ok) expect(type.error.code).toBe('internal');
  });
});
