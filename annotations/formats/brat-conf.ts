/**
 * brat's annotation.conf: the entity, relation, event and attribute types of
 * a collection, read into plain data. Type lists in arguments are expanded
 * (macros, `<ENTITY>`, `<EVENT>`, `<ANY>`, a parent type standing for its
 * subtypes), so each role lists the concrete types it takes.
 * @see https://brat.nlplab.org/configuration.html
 */

/** How many times a role may appear in one event: `?` 0–1, `*` 0–∞, `+` 1–∞, `{n}`, `{n-m}`, none: exactly once. */
export interface BratCardinality {
  min: number;
  /** null: no limit. */
  max: number | null;
}

export interface BratConfRole extends BratCardinality {
  role: string;
  /** The concrete types the argument may be. */
  types: string[];
}

export interface BratConfType {
  name: string;
  /** Line of annotation.conf defining it. */
  line: number;
  /** `!Type`: a node of the hierarchy only, not usable for annotation. */
  abstract: boolean;
  parent: string | null;
}

export interface BratConfRelation extends BratConfType {
  /** Arg1 and Arg2 (or however the conf names them), in order. */
  args: BratConfRole[];
  /** `<REL-TYPE>:symmetric-transitive`: an equivalence, written as `*` lines. */
  equivalence: boolean;
}

export interface BratConfEvent extends BratConfType {
  roles: BratConfRole[];
}

export interface BratConfAttribute {
  name: string;
  line: number;
  /** The concrete types it attaches to. */
  targets: string[];
  /** Its values; null for a binary attribute (present or absent). */
  values: string[] | null;
}

export interface BratConf {
  entities: BratConfType[];
  relations: BratConfRelation[];
  events: BratConfEvent[];
  attributes: BratConfAttribute[];
}

type Section = 'entities' | 'relations' | 'events' | 'attributes';
const SECTIONS: readonly string[] = ['entities', 'relations', 'events', 'attributes'];

/** One term line of a section, before its arguments are expanded. */
interface Term {
  section: Section;
  line: number;
  name: string;
  abstract: boolean;
  parent: string | null;
  args: string;
}

/** Relations brat reserves for its own checks, not types of the collection. */
const RESERVED_RELATIONS = new Set(['<OVERLAP>', 'ENTITY-NESTING']);

/** A role with its cardinality marker: `Org-Arg+`, `Person-Arg{2}`, `Theme{1-3}`. */
export function parseRole(token: string): ({ role: string } & BratCardinality) | null {
  const m = /^(.+?)(\?|\*|\+|\{(\d+)(?:-(\d+))?\})?$/.exec(token);
  if (!m || m[1] === undefined) return null;
  const [, role, marker, n, upTo] = m;
  if (marker === '?') return { role, min: 0, max: 1 };
  if (marker === '*') return { role, min: 0, max: null };
  if (marker === '+') return { role, min: 1, max: null };
  if (n !== undefined) {
    const min = Number(n);
    const max = upTo === undefined ? min : Number(upTo);
    return max < min ? null : { role, min, max };
  }
  return { role, min: 1, max: 1 };
}

/** The term lines of each section, with macros applied and the hierarchy read from tab indentation. */
function readTerms(text: string, where: string, errors: string[]): Term[] {
  const macros = new Map<string, string>();
  const terms: Term[] = [];
  let section: Section | null = null;
  const parents: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const at = `${where} line ${line}`;
    const content = raw.replace(/\r$/, '');
    if (content.trim() === '' || content.trimStart().startsWith('#')) return;
    const header = /^\s*\[(.*)\]\s*$/.exec(content);
    if (header) {
      const name = header[1]!.trim();
      if (!SECTIONS.includes(name)) {
        errors.push(`${at}: unknown section [${name}]; annotation.conf has ${SECTIONS.map((s) => `[${s}]`).join(' ')}`);
        section = null;
      } else section = name as Section;
      parents.length = 0;
      return;
    }
    const macro = /^\s*(<[^>\s]+>)\s*=\s*(.*?)\s*$/.exec(content);
    if (macro) {
      macros.set(macro[1]!, macro[2]!);
      return;
    }
    if (section === null) return errors.push(`${at}: a type outside a section ([entities], [relations]…)`);
    const depth = /^\t*/.exec(content)![0].length;
    if (depth > parents.length)
      return errors.push(`${at}: indented ${depth} tabs under a line of ${parents.length}: no parent type`);
    parents.length = depth;
    const m = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(content)!;
    const abstract = m[1]!.startsWith('!');
    const name = abstract ? m[1]!.slice(1) : m[1]!;
    let args = m[2] ?? '';
    for (const [key, value] of macros) args = args.split(key).join(value);
    terms.push({ section, line, name, abstract, parent: parents[depth - 1] ?? null, args });
    parents.push(name);
  });
  return terms;
}

/** Expands a type list (`Person|<POG>|<ENTITY>|Life`) into concrete, usable types. */
function typeExpander(terms: readonly Term[]) {
  const usable = (section: Section) => terms.filter((t) => t.section === section && !t.abstract).map((t) => t.name);
  const children = (name: string, section: Section): string[] =>
    terms
      .filter((t) => t.section === section && t.parent === name)
      .flatMap((t) => [...(t.abstract ? [] : [t.name]), ...children(t.name, section)]);
  return (list: string, at: string, errors: string[]): string[] => {
    const out: string[] = [];
    for (const token of list.split('|').map((s) => s.trim())) {
      if (token === '<ENTITY>') out.push(...usable('entities'));
      else if (token === '<EVENT>') out.push(...usable('events'));
      else if (token === '<ANY>') out.push(...usable('entities'), ...usable('events'));
      else {
        const term = terms.find((t) => t.name === token && (t.section === 'entities' || t.section === 'events'));
        if (!term) errors.push(`${at}: "${token}" is not a type of [entities] or [events]`);
        else out.push(...(term.abstract ? [] : [term.name]), ...children(term.name, term.section));
      }
    }
    return [...new Set(out)];
  };
}

/** `Key:Value, Key:Value` pairs of a term line, split at the first colon of each. */
function pairsOf(args: string, at: string, errors: string[]): [string, string][] {
  if (args.trim() === '') return [];
  const pairs: [string, string][] = [];
  for (const part of args.split(',').map((s) => s.trim())) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1)
      errors.push(`${at}: "${part}" is not ROLE:TYPE (or KEY:VALUE for an attribute)`);
    else pairs.push([part.slice(0, colon).trim(), part.slice(colon + 1).trim()]);
  }
  return pairs;
}

/**
 * Reads annotation.conf. Errors name `where` (the file) and the line; with
 * any error the conf is refused: `conf` is null.
 */
export function parseBratConf(text: string, where = 'annotation.conf'): { conf: BratConf | null; errors: string[] } {
  const errors: string[] = [];
  const terms = readTerms(text, where, errors);
  const expand = typeExpander(terms);
  const conf: BratConf = { entities: [], relations: [], events: [], attributes: [] };
  const seen = new Map<string, number>();
  for (const term of terms) {
    const at = `${where} line ${term.line}`;
    if (term.section === 'relations' && RESERVED_RELATIONS.has(term.name)) continue;
    const key = `${term.section === 'entities' || term.section === 'events' ? 'type' : term.section}:${term.name}`;
    if (seen.has(key)) errors.push(`${at}: "${term.name}" is defined before, on line ${seen.get(key)}`);
    seen.set(key, term.line);
    const base = { name: term.name, line: term.line, abstract: term.abstract, parent: term.parent };
    if (term.section === 'entities') {
      if (term.args) errors.push(`${at}: an entity type takes no arguments ("${term.args}")`);
      conf.entities.push(base);
      continue;
    }
    const pairs = pairsOf(term.args, at, errors);
    if (term.section === 'attributes') {
      const arg = pairs.find(([k]) => k === 'Arg');
      const value = pairs.find(([k]) => k === 'Value');
      if (!arg) errors.push(`${at}: attribute "${term.name}" needs Arg: (the types it attaches to)`);
      const values = value ? value[1].split('|').map((v) => v.trim()) : null;
      if (values?.some((v) => v === '')) errors.push(`${at}: an empty value in "${value![1]}"`);
      conf.attributes.push({
        name: term.name,
        line: term.line,
        targets: arg ? expand(arg[1], at, errors) : [],
        values,
      });
      continue;
    }
    const roles: BratConfRole[] = [];
    let equivalence = false;
    for (const [key, value] of pairs) {
      if (key === '<REL-TYPE>') {
        equivalence ||= value.split('|').includes('symmetric-transitive');
        continue;
      }
      if (key.startsWith('<')) continue;
      const role = parseRole(key);
      if (!role) errors.push(`${at}: "${key}" is not a role (ROLE, ROLE?, ROLE*, ROLE+ or ROLE{n})`);
      else roles.push({ ...role, types: expand(value, at, errors) });
    }
    if (term.section === 'relations') {
      if (roles.length !== 2 && !term.abstract)
        errors.push(`${at}: relation "${term.name}" needs two arguments (Arg1:TYPE, Arg2:TYPE), not ${roles.length}`);
      conf.relations.push({ ...base, args: roles, equivalence });
    } else conf.events.push({ ...base, roles });
  }
  return { conf: errors.length > 0 ? null : conf, errors };
}

/** What visual.conf says of a type: its display label and colour. */
export interface BratVisual {
  labels: Map<string, string>;
  colors: Map<string, string>;
}

/** `#abc` or `#aabbcc` as `#aabbcc`; other colour names are left to the tagset's palette. */
function hexColour(value: string): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toLowerCase()}`;
}

/**
 * Reads visual.conf for what a tagset can use: `[labels]` (`Type | Name |
 * Abbrev`: the name is the display label) and `[drawing]` (`bgColor:#hex`).
 * Everything else there is how brat draws, and is left alone.
 */
export function parseBratVisual(text: string): BratVisual {
  const visual: BratVisual = { labels: new Map(), colors: new Map() };
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) section = header[1]!.trim();
    else if (section === 'labels') {
      const [type, name] = line.split('|').map((s) => s.trim());
      if (type && name) visual.labels.set(type, name);
    } else if (section === 'drawing') {
      const m = /^(\S+)\s+(.*)$/.exec(line.trim());
      const bg = m?.[2]!.split(',').find((p) => p.trim().startsWith('bgColor:'));
      const colour = bg ? hexColour(bg.trim().slice('bgColor:'.length)) : undefined;
      if (m && colour) visual.colors.set(m[1]!, colour);
    }
  }
  return visual;
}
