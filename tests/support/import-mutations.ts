import fc from 'fast-check';
import type { SeedFile } from './import-seeds';

/** Ids and names other files really hold, and worse. */
export const ODD_STRINGS = [
  '../x',
  '',
  ' ',
  'a b',
  'x'.repeat(200),
  'ü日本🎉',
  '\u0000',
  '\ud800',
  'T1 x',
  'con',
  '.hidden',
  '-x',
  'Doc',
  'urn:factmark:article:../../etc',
  'http://example.org/a/b.txt?q=1#f',
  '__proto__',
] as const;

const oddString = fc.constantFrom(...ODD_STRINGS);
const oddValue = fc.oneof(
  oddString,
  fc.constantFrom<unknown>(0, -1, 1.5, 999999, 1e308, -1e308, 2 ** 53, null, true, false, [], {}, [1, 2, 'claim']),
  fc.integer(),
  fc.string({ maxLength: 12 }),
);

/** One change to an input file: bytes, lines, numbers, tokens, JSON values, or names. */
export type Mutation =
  | { type: 'flip'; file: number; at: number; mask: number }
  | { type: 'insert'; file: number; at: number; bytes: number[] }
  | { type: 'delete'; file: number; at: number; length: number }
  | { type: 'truncate'; file: number; at: number }
  | { type: 'bom' | 'crlf'; file: number }
  | { type: 'shift'; file: number; at: number; to: string }
  | { type: 'token'; file: number; at: number; value: string }
  | { type: 'lines'; file: number; at: number; op: 'dup' | 'del' | 'swap' }
  | { type: 'json'; file: number; at: number; op: 'set' | 'dup' | 'del'; value: unknown }
  | { type: 'rename'; file: number; value: string }
  | { type: 'base64'; file: number; at: number; junk: string };

const file = fc.nat({ max: 7 });
const at = fc.nat();
/** Mostly changes that keep the file parseable (so the checks behind the parser are reached), some that break it. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('flip' as const), file, at, mask: fc.integer({ min: 1, max: 255 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('insert' as const),
      file,
      at,
      bytes: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
        // Invalid UTF-8: a lone byte, a bad continuation, an encoded surrogate, beyond U+10FFFF; NUL, tab, newline.
        fc.constantFrom<number[]>(
          [0xff],
          [0xc3, 0x28],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0],
          [0x09],
          [0x0a],
        ),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('delete' as const), file, at, length: fc.integer({ min: 1, max: 40 }) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('truncate' as const), file, at }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('bom' as const, 'crlf' as const), file }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('shift' as const),
      file,
      at,
      to: fc.oneof(
        fc.integer({ min: -3, max: 3 }).map((n) => `${n}`),
        fc.constantFrom('999999', '-1', '99999999999999999999', '1e308', '0.5', ''),
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('token' as const), file, at, value: oddString }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('lines' as const),
      file,
      at,
      op: fc.constantFrom('dup' as const, 'del' as const, 'swap' as const),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('json' as const),
      file,
      at,
      op: fc.constantFrom('set' as const, 'set' as const, 'dup' as const, 'del' as const),
      value: oddValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('rename' as const), file, value: oddString }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('base64' as const),
      file,
      at,
      junk: fc.constantFrom('%', 'Ω', '=A', '-_', '\u0000'),
    }),
  },
);

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (text: string) => new TextEncoder().encode(text);

/** Every path to a value inside a JSON document, the root left out. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [key, v] of entries) {
    out.push([...prefix, key]);
    pathsOf(v, [...prefix, key], out);
  }
  return out;
}

function mutateJson(json: unknown, m: Extract<Mutation, { type: 'json' }>): unknown {
  const paths = pathsOf(json);
  if (paths.length === 0) return m.op === 'set' ? m.value : json;
  const path = paths[m.at % paths.length]!;
  let parent = json as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (m.op === 'set') parent[key] = structuredClone(m.value);
  else if (Array.isArray(parent)) {
    if (m.op === 'dup') parent.splice(Number(key), 0, structuredClone(parent[Number(key)]));
    else parent.splice(Number(key), 1);
  } else if (m.op === 'del') delete parent[key];
  return json;
}

/** A JSON or JSONL file changed at one value; a file that no longer parses is left as it is. */
function jsonMutation(name: string, text: string, m: Extract<Mutation, { type: 'json' }>): string {
  try {
    if (!/\.jsonl$/i.test(name)) return JSON.stringify(mutateJson(JSON.parse(text), m));
    const lines = text.split('\n');
    const i = m.at % lines.length;
    if (lines[i]!.trim())
      lines[i] = JSON.stringify(mutateJson(JSON.parse(lines[i]!), { ...m, at: Math.floor(m.at / lines.length) }));
    return lines.join('\n');
  } catch {
    return text;
  }
}

function renamed(files: SeedFile[], m: Extract<Mutation, { type: 'rename' }>): SeedFile[] {
  const target = files[m.file % files.length]!;
  const stem = (n: string) => n.replace(/\.[^./]*$/, '');
  const ext = (n: string) => n.slice(stem(n).length);
  const name = (n: string) =>
    `${n.includes('/') ? `${n.slice(0, n.lastIndexOf('/') + 1)}` : ''}${m.value}${ext(n)}` || 'x';
  // A brat pair keeps its pair: both files are renamed alike.
  const pairOf = (n: string) => /\.(ann|txt)$/.test(n) && files.some((f) => f !== target && stem(f.name) === stem(n));
  return files.map((f) =>
    f === target || (pairOf(target.name) && stem(f.name) === stem(target.name)) ? { ...f, name: name(f.name) } : f,
  );
}

/** Applies one mutation; positions wrap around the file's length. */
export function applyMutation(files: SeedFile[], m: Mutation): SeedFile[] {
  if (m.type === 'rename') return renamed(files, m);
  if (m.type === 'base64') {
    const index = m.file % files.length;
    return files.map((f, i) => {
      if (i !== index) return f;
      const text = Buffer.from(f.bytes).toString('base64');
      const pos = m.at % (text.length + 1);
      return { ...f, base64: text.slice(0, pos) + m.junk + text.slice(pos) };
    });
  }
  const index = m.file % files.length;
  const { name, bytes } = files[index]!;
  const text = () => decode(bytes);
  let next: Uint8Array;
  const pos = bytes.length === 0 || !('at' in m) ? 0 : m.at % (bytes.length + 1);
  switch (m.type) {
    case 'flip':
      next = bytes.slice();
      if (next.length > 0) next[pos % next.length]! ^= m.mask;
      break;
    case 'insert':
      next = new Uint8Array([...bytes.subarray(0, pos), ...m.bytes, ...bytes.subarray(pos)]);
      break;
    case 'delete':
      next = new Uint8Array([...bytes.subarray(0, pos), ...bytes.subarray(pos + m.length)]);
      break;
    case 'truncate':
      next = bytes.subarray(0, pos);
      break;
    case 'bom':
      next = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
      break;
    case 'crlf':
      next = encode(text().replace(/\r?\n/g, '\r\n'));
      break;
    case 'shift': {
      const numbers = [...text().matchAll(/\d+/g)];
      const hit = numbers[m.at % Math.max(1, numbers.length)];
      if (!hit) return files;
      const value = /^-?\d$/.test(m.to) ? String(Number(hit[0]) + Number(m.to)) : m.to;
      next = encode(text().slice(0, hit.index) + value + text().slice(hit.index! + hit[0].length));
      break;
    }
    case 'token': {
      const tokens = [...text().matchAll(/[A-Za-z0-9_#.:-]+/g)];
      const hit = tokens[m.at % Math.max(1, tokens.length)];
      if (!hit) return files;
      next = encode(text().slice(0, hit.index) + m.value + text().slice(hit.index! + hit[0].length));
      break;
    }
    case 'lines': {
      const lines = text().split('\n');
      const i = m.at % lines.length;
      if (m.op === 'dup') lines.splice(i, 0, lines[i]!);
      else if (m.op === 'del') lines.splice(i, 1);
      else [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length]!, lines[i]!];
      next = encode(lines.join('\n'));
      break;
    }
    case 'json':
      next = encode(jsonMutation(name, text(), m));
      break;
  }
  return files.map((f, i) => (i === index ? { name, bytes: next } : f));
}

/** A short account of a case, for the report of a failure. */
export function describeCase(label: string, mutations: readonly Mutation[]): string {
  return `${label} with ${JSON.stringify(mutations)}`;
}
