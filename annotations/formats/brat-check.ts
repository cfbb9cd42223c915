import type { BratConf } from './brat-conf';
import type { BratRecord } from './brat-standoff-parse';
import { parseBratStandoff, roleBase } from './brat-standoff-parse';

/**
 * Checks a .ann against its text and the collection's annotation.conf as
 * brat would: types declared (and usable), offsets inside the text and the
 * quoted text matching, ids unique, relations joining the types their
 * arguments allow, each event's roles declared, of allowed types and as many
 * as their cardinality says, attributes on the types they attach to with
 * declared values, and every reference resolving. Returns the problems,
 * each naming its line; none for a valid file.
 */
export function checkBratAnn(conf: BratConf, text: string, ann: string): string[] {
  const { records, errors } = parseBratStandoff(ann);
  const problems = [...errors];
  const chars = Array.from(text);
  const usable = (list: readonly { name: string; abstract: boolean }[], name: string) =>
    list.some((t) => t.name === name && !t.abstract);
  const typeOf = new Map<string, string>();
  for (const r of records) if (r.kind === 'T' || r.kind === 'E' || r.kind === 'R') typeOf.set(r.id, r.type);
  const say = (r: BratRecord, problem: string) => problems.push(`line ${r.line}: ${problem}`);
  const refType = (r: BratRecord, ref: string) => {
    const type = typeOf.get(ref);
    if (type === undefined) say(r, `"${ref}" is not an annotation of this file`);
    return type;
  };

  for (const r of records) {
    if (r.kind === 'T') {
      if (!usable(conf.entities, r.type) && !usable(conf.events, r.type)) say(r, `type "${r.type}" is not declared`);
      if (r.pieces.some(([s, e]) => s >= e || e > chars.length))
        say(r, `offsets outside the text (${chars.length} code points) or empty`);
      else if (r.pieces.map(([s, e]) => chars.slice(s, e).join('')).join(' ') !== r.text)
        say(r, `the quoted text does not match the text at its offsets`);
    } else if (r.kind === 'E') {
      const event = conf.events.find((e) => e.name === r.type && !e.abstract);
      if (!event) {
        say(r, `event type "${r.type}" is not declared`);
        continue;
      }
      if (typeOf.get(r.trigger) !== r.type) say(r, `its trigger ${r.trigger} is not a ${r.type}`);
      const counts = new Map<string, number>();
      for (const arg of r.args) {
        const role = event.roles.find(
          (x) => x.role === roleBase(arg.role, (n) => event.roles.some((y) => y.role === n)),
        );
        const type = refType(r, arg.ref);
        if (!role) say(r, `role "${arg.role}" is not declared for ${r.type}`);
        else {
          counts.set(role.role, (counts.get(role.role) ?? 0) + 1);
          if (type !== undefined && !role.types.includes(type)) say(r, `${arg.role} may not be a ${type}`);
        }
      }
      for (const role of event.roles) {
        const n = counts.get(role.role) ?? 0;
        if (n < role.min || (role.max !== null && n > role.max))
          say(r, `${role.role} appears ${n} times; ${r.type} takes ${role.min}–${role.max ?? 'any'}`);
      }
    } else if (r.kind === 'R' || r.kind === '*') {
      const relation = conf.relations.find((x) => x.name === r.type && !x.abstract);
      const refs = r.kind === 'R' ? r.args.map((a) => a.ref) : r.members;
      const types = refs.map((ref) => refType(r, ref));
      if (!relation) say(r, `relation type "${r.type}" is not declared`);
      else if (r.kind === '*' && !relation.equivalence) say(r, `"${r.type}" is not symmetric-transitive`);
      else if (r.kind === 'R' && r.args.some((a, i) => a.role !== relation.args[i]?.role))
        say(r, `arguments must be ${relation.args.map((a) => a.role).join(', ')}`);
      else
        types.forEach((type, i) => {
          const allowed = relation.args[r.kind === 'R' ? i : 0]!.types;
          if (type !== undefined && !allowed.includes(type)) say(r, `${refs[i]} (a ${type}) may not be an argument`);
        });
    } else if (r.kind === 'A') {
      const attribute = conf.attributes.find((a) => a.name === r.name);
      const type = refType(r, r.target);
      if (!attribute) say(r, `attribute "${r.name}" is not declared`);
      else if (type !== undefined && !attribute.targets.includes(type)) say(r, `a ${type} takes no ${r.name}`);
      else if (attribute.values === null ? r.value !== null : r.value === null || !attribute.values.includes(r.value))
        say(r, `"${r.value ?? ''}" is not a value of ${r.name}`);
    } else if (r.kind === 'N') {
      if (refType(r, r.target) !== undefined && !r.target.startsWith('T') && !r.target.startsWith('E'))
        say(r, `normalises ${r.target}, which is not a T or E annotation`);
    } else if (!typeOf.has(r.target) && !records.some((x) => 'id' in x && x.id === r.target))
      say(r, `note on "${r.target}", which is not an annotation of this file`);
  }
  return problems;
}
