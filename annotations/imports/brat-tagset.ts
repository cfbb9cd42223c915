import type { BratConf } from '../formats/brat-conf';
import type { BratVisual } from '../formats/brat-conf';
import type { BratRecord } from '../formats/brat-standoff-parse';
import type { AttributeDefinition, Tagset } from '../tagset';
import { validateTagset } from '../tagset';
import type { KindAddition, LabelRole, LabelUse, RelationAddition } from './label-mapping';
import { growTagset, labelFor, tagsetNameFor } from './label-mapping';

/** What a brat file's labels became: each label's use, by label. */
export interface BratLabelUses {
  span: ReadonlyMap<string, LabelUse>;
  relation: ReadonlyMap<string, LabelUse>;
}

export interface BratGrowthInput {
  records: readonly BratRecord[];
  uses: BratLabelUses;
  /** The role a numbered argument stands for. */
  roleOf(role: string): string;
  /** A conf type's or relation's tagset name (through the same map), or null when left out. */
  confName(label: string, role: LabelRole): string | null;
  conf: BratConf | null;
  visual: BratVisual | null;
}

export interface BratGrowth {
  tagset: Tagset;
  /** Kinds, relations and `kind.attribute`s added. */
  added: string[];
  /** Kinds already in the tagset that now link entities (the file normalises their mentions). */
  linkingEntities: string[];
}

const external = (r: BratRecord) => r.kind === 'N' && r.db !== 'FactmarkEvent';

/** An attribute from its conf line, or from the values the file gives it: none → yes/no; `true`/`false` too. */
function attributeDefinition(
  name: string,
  confValues: string[] | null | undefined,
  seen: string[],
): AttributeDefinition {
  const values = [...new Set([...(confValues ?? []), ...seen])];
  const yesNo = confValues === null || values.every((v) => v === 'true' || v === 'false');
  const base = { name: tagsetNameFor(name), label: labelFor(name), required: false };
  return yesNo
    ? { ...base, type: 'boolean', default: null }
    : { ...base, type: 'choice', options: values, default: null };
}

/**
 * The tagset grown by what one brat file uses and the tagset lacks, defined
 * from annotation.conf where it says, else from the file: a T type used as an
 * event's trigger is an event kind; a relation joins the kinds it joins in
 * the file (and those the conf names); an attribute without a value is yes/no,
 * with values a choice of them. Kinds whose mentions the file normalises to
 * another database's entries link entities.
 */
export function growForBrat(tagset: Tagset, input: BratGrowthInput): BratGrowth {
  const { records, uses, conf, visual } = input;
  const nameOfSpan = (label: string) => uses.span.get(label)?.becomes ?? null;
  const isNew = (use: LabelUse | undefined) => use?.fate === 'new';
  const ts = new Map(records.flatMap((r) => (r.kind === 'T' ? [[r.id, r] as const] : [])));
  const es = new Map(records.flatMap((r) => (r.kind === 'E' ? [[r.id, r] as const] : [])));
  const labelOf = (ref: string) => ts.get(ref.startsWith('E') ? (es.get(ref)?.trigger ?? '') : ref)?.type;
  const kindOf = (ref: string) => {
    const label = labelOf(ref);
    return label === undefined ? null : nameOfSpan(label);
  };

  const kinds = new Map<string, KindAddition & { attributes: AttributeDefinition[] }>();
  const kindFor = (name: string) => {
    const k = kinds.get(name) ?? { kind: name, attributes: [] };
    kinds.set(name, k);
    return k;
  };
  const triggers = new Set(records.flatMap((r) => (r.kind === 'E' ? [labelOf(r.trigger)] : [])));
  const normalised = new Set(records.flatMap((r) => (external(r) ? [kindOf((r as { target: string }).target)] : [])));
  for (const [label, use] of uses.span) {
    if (!isNew(use) || use.becomes === null) continue;
    const k = kindFor(use.becomes);
    k.label ??= visual?.labels.get(label)?.slice(0, 60) ?? labelFor(label);
    k.color ??= visual?.colors.get(label);
    k.linksEvent ||= triggers.has(label) || !!conf?.events.some((e) => e.name === label);
    k.linksEntity ||= normalised.has(use.becomes);
    for (const a of conf?.attributes.filter((x) => x.targets.includes(label)) ?? [])
      if (!k.attributes.some((d) => d.name === tagsetNameFor(a.name)))
        k.attributes.push(attributeDefinition(a.name, a.values, []));
  }
  const has = (kind: string, attribute: string) =>
    !!tagset.kinds.find((k) => k.kind === kind)?.attributes.some((a) => a.name === attribute) ||
    !!kinds.get(kind)?.attributes.some((a) => a.name === attribute);
  const attributeLines = records.filter((r) => r.kind === 'A');
  const valuesSeen = new Map<string, string[]>();
  for (const a of attributeLines)
    if (a.value !== null) {
      const list = valuesSeen.get(a.name) ?? [];
      list.push(a.value);
      valuesSeen.set(a.name, list);
    }
  for (const a of attributeLines) {
    const kind = a.target.startsWith('R') ? null : kindOf(a.target);
    if (kind === null || has(kind, tagsetNameFor(a.name))) continue;
    const confLine = conf?.attributes.find((x) => x.name === a.name);
    kindFor(kind).attributes.push(
      attributeDefinition(a.name, confLine ? confLine.values : undefined, valuesSeen.get(a.name) ?? []),
    );
  }

  const exists = (kind: string | null): kind is string =>
    kind !== null && (kinds.has(kind) || tagset.kinds.some((k) => k.kind === kind));
  const relations = new Map<string, RelationAddition>();
  /**
   * Adds what a relation joins: a new one's every use in the file; what the
   * conf says of a relation the file uses or the tagset has (a kind added now
   * joins the relations the conf gives it).
   */
  const join = (
    label: string,
    from: (string | null)[],
    to: (string | null)[],
    equivalence: boolean,
    byConf = false,
  ) => {
    const use = uses.relation.get(label);
    const name = use ? use.becomes : byConf ? input.confName(label, 'relation') : null;
    if (name === null || (!byConf && !isNew(use))) return;
    if (!isNew(use) && !tagset.relations.some((r) => r.type === name)) return;
    const r = relations.get(name) ?? { type: name, from: [], to: [], equivalence: false };
    r.label ??= visual?.labels.get(label)?.slice(0, 60);
    r.from.push(...from.filter(exists));
    r.to.push(...to.filter(exists));
    r.equivalence ||= equivalence;
    relations.set(name, r);
  };
  const confNames = (types: readonly string[]) => types.map((t) => input.confName(t, 'span'));
  for (const r of records) {
    if (r.kind === 'R') join(r.type, [kindOf(r.args[0].ref)], [kindOf(r.args[1].ref)], false);
    if (r.kind === '*') join(r.type, r.members.map(kindOf), r.members.map(kindOf), true);
    if (r.kind === 'E')
      for (const arg of r.args) join(input.roleOf(arg.role), [kindOf(r.trigger)], [kindOf(arg.ref)], false);
  }
  for (const c of conf?.relations ?? [])
    join(c.name, confNames(c.args[0]?.types ?? []), confNames(c.args[1]?.types ?? []), c.equivalence, true);
  for (const e of conf?.events ?? [])
    for (const role of e.roles) join(role.role, confNames([e.name]), confNames(role.types), false, true);

  const linkingEntities = [...normalised].filter(
    (k): k is string => k !== null && tagset.kinds.find((x) => x.kind === k)?.linksEntity === false,
  );
  const usable = [...relations.values()].filter((r) => r.from.length > 0 && r.to.length > 0);
  let grown = growTagset(tagset, { kinds: [...kinds.values()], relations: usable });
  if (linkingEntities.length > 0)
    grown = validateTagset({
      ...grown,
      kinds: grown.kinds.map((k) => (linkingEntities.includes(k.kind) ? { ...k, linksEntity: true } : k)),
    });
  const added = [
    ...[...kinds.keys()].filter((k) => !tagset.kinds.some((x) => x.kind === k)),
    ...usable.filter((r) => !tagset.relations.some((x) => x.type === r.type)).map((r) => r.type),
    ...[...kinds.values()]
      .filter((k) => tagset.kinds.some((x) => x.kind === k.kind))
      .flatMap((k) => k.attributes.map((a) => `${k.kind}.${a.name}`)),
  ];
  return { tagset: grown, added, linkingEntities };
}
