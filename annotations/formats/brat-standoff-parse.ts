/**
 * brat standoff .ann files read line by line into plain records, each with
 * its line number: T (text-bound, with fragments), R (relation), E (event),
 * `*` (equivalence), A and M (attribute), N (normalisation), # (note).
 * Offsets stay in code points here; the layer is built from the records by
 * brat-standoff-layer.ts.
 * @see https://brat.nlplab.org/standoff.html
 */

/** One `Role:ID` argument of an E or R line. */
export interface BratArg {
  role: string;
  ref: string;
}

interface Line {
  line: number;
}

export interface BratTextBound extends Line {
  kind: 'T';
  id: string;
  type: string;
  /** [start, end) in code points, as the file gives them. */
  pieces: [number, number][];
  text: string;
}
export interface BratRelationLine extends Line {
  kind: 'R';
  id: string;
  type: string;
  args: [BratArg, BratArg];
}
export interface BratEventLine extends Line {
  kind: 'E';
  id: string;
  type: string;
  trigger: string;
  args: BratArg[];
}
export interface BratEquivalenceLine extends Line {
  kind: '*';
  type: string;
  members: string[];
}
export interface BratAttributeLine extends Line {
  kind: 'A';
  id: string;
  name: string;
  target: string;
  /** null: a binary attribute (present). */
  value: string | null;
}
export interface BratNormalizationLine extends Line {
  kind: 'N';
  id: string;
  type: string;
  target: string;
  /** `Wikipedia` of `Wikipedia:534366`. */
  db: string;
  dbId: string;
  /** The entry's name, when the line gives one. */
  name: string | null;
}
export interface BratNoteLine extends Line {
  kind: '#';
  id: string;
  type: string;
  target: string;
  text: string;
}

export type BratRecord =
  | BratTextBound
  | BratRelationLine
  | BratEventLine
  | BratEquivalenceLine
  | BratAttributeLine
  | BratNormalizationLine
  | BratNoteLine;

/** brat's ids: T, R, E, A, M, N or # and a number; `*` for equivalences. Other letters are unknown types. */
const BRAT_ID = /^(?:[A-Za-z#]\d{1,9}|\*)$/;
const ID_REF = /^[TERAMN#]\d{1,9}$/;

/** `Role:T3` split at its last colon: role names may hold colons, ids never do. */
function argOf(token: string): BratArg | null {
  const colon = token.lastIndexOf(':');
  if (colon <= 0) return null;
  const ref = token.slice(colon + 1);
  return ID_REF.test(ref) ? { role: token.slice(0, colon), ref } : null;
}

const words = (text: string) => text.split(' ').filter((w) => w !== '');

/** Reads one line after its id; a string is the reason it is malformed. */
function recordOf(id: string, fields: string[], line: number): BratRecord | string {
  const [body = '', ...rest] = fields;
  const tail = rest.join('\t');
  const w = words(body);
  switch (id === '*' ? '*' : id[0]) {
    case 'T': {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
      if (!m || rest.length === 0) return 'not a text-bound annotation ("T1<tab>Type START END<tab>text")';
      const pieces = m[2]!.split(';').map((p) => p.split(' ').map(Number) as [number, number]);
      return { kind: 'T', line, id, type: m[1]!, pieces, text: tail };
    }
    case 'R': {
      const args = w.slice(1).map(argOf);
      if (w.length !== 3 || args.some((a) => a === null) || tail.trim() !== '')
        return 'not a relation ("R1<tab>Type Arg1:T1 Arg2:T2")';
      return { kind: 'R', line, id, type: w[0]!, args: args as [BratArg, BratArg] };
    }
    case 'E': {
      const head = argOf(w[0] ?? '');
      const args = w.slice(1).map(argOf);
      if (!head || !head.ref.startsWith('T') || args.some((a) => a === null) || tail.trim() !== '')
        return 'not an event ("E1<tab>Type:T1 Role:T2 Role:E3…")';
      return { kind: 'E', line, id, type: head.role, trigger: head.ref, args: args as BratArg[] };
    }
    case '*': {
      if (w.length < 3 || !w.slice(1).every((m) => ID_REF.test(m)) || tail.trim() !== '')
        return 'not an equivalence ("*<tab>Type T1 T2…")';
      return { kind: '*', line, type: w[0]!, members: w.slice(1) };
    }
    case 'A':
    case 'M': {
      if (w.length < 2 || w.length > 3 || !ID_REF.test(w[1]!) || tail.trim() !== '')
        return 'not an attribute ("A1<tab>Name T1" or "A1<tab>Name T1 Value")';
      return { kind: 'A', line, id, name: w[0]!, target: w[1]!, value: w[2] ?? null };
    }
    case 'N': {
      const colon = w[2]?.indexOf(':') ?? -1;
      if (w.length !== 3 || !ID_REF.test(w[1]!) || colon <= 0 || colon === w[2]!.length - 1)
        return 'not a normalisation ("N1<tab>Reference T1 DB:ID<tab>name")';
      const name = tail.trim();
      return {
        kind: 'N',
        line,
        id,
        type: w[0]!,
        target: w[1]!,
        db: w[2]!.slice(0, colon),
        dbId: w[2]!.slice(colon + 1),
        name: name === '' ? null : name,
      };
    }
    case '#': {
      if (w.length !== 2 || !ID_REF.test(w[1]!)) return 'not a note ("#1<tab>AnnotatorNotes T1<tab>text")';
      return { kind: '#', line, id, type: w[0]!, target: w[1]!, text: tail };
    }
    default:
      return `unknown line type "${id}"`;
  }
}

/**
 * Reads a .ann file (line endings already "\n"). Every line is checked for
 * its shape and its id (one id per line, never twice); what the lines mean
 * is checked when the layer is built. Blank lines are skipped.
 */
export function parseBratStandoff(ann: string): { records: BratRecord[]; errors: string[] } {
  const records: BratRecord[] = [];
  const errors: string[] = [];
  const lineOf = new Map<string, number>();
  ann.split('\n').forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    const [id = '', ...fields] = text.split('\t');
    if (!BRAT_ID.test(id))
      return errors.push(
        `line ${line}: malformed id ${JSON.stringify(id.slice(0, 40))}; a brat line starts with an id (T, R, E, A, M, N or # and a number) and a tab`,
      );
    if (lineOf.has(id) && id !== '*')
      return errors.push(`line ${line}: id ${id} is used before, on line ${lineOf.get(id)}`);
    lineOf.set(id, line);
    const record = recordOf(id, fields, line);
    if (typeof record === 'string') errors.push(`line ${line}: ${record}`);
    else records.push(record);
  });
  return { records, errors };
}

/**
 * The role a numbered argument stands for: `Org-Arg2` is the second
 * `Org-Arg`. Digits are stripped only where the stripped name is a role
 * `knows` has (the conf's or the tagset's); a role known as written stays.
 */
export function roleBase(role: string, knows: (name: string) => boolean): string {
  if (knows(role)) return role;
  for (let cut = role.length - 1; cut > 0 && /\d/.test(role[cut]!); cut--) {
    const base = role.slice(0, cut);
    if (knows(base)) return base;
  }
  return role;
}
