import type { Annotation } from '../model';
import type { BratLayerOptions } from './brat-standoff-layer';
import type { BratNormalizationLine } from './brat-standoff-parse';

/** An argument's annotation by its brat id: null when left out, undefined (and an error said) when the file has none. */
export type AnnotationLookup = (ref: string, line: number, what: string) => Annotation | null | undefined;

/** The external id a normalisation names: Wikidata's bare QID (as the registry keeps it), else `DB:ID`. */
export const externalIdOf = (db: string, id: string) => (db === 'Wikidata' && /^Q\d+$/.test(id) ? id : `${db}:${id}`);

/**
 * N lines: `Factmark:<id>` and `FactmarkEvent:<id>` name the registry's own
 * records; any other database's entry links the mention to the entity with
 * that external id (found or made). A mention links to one entity: a second,
 * different entry is left out and said so.
 */
export function normalize(
  lines: readonly BratNormalizationLine[],
  annotation: AnnotationLookup,
  o: Pick<BratLayerOptions, 'tagset' | 'entities' | 'eventIds' | 'linkEntity'>,
  errors: string[],
  leftOut: string[],
): void {
  const linkedBy = new Map<Annotation, number>();
  const external = (n: BratNormalizationLine) => n.db !== 'Factmark' && n.db !== 'FactmarkEvent';
  const normalisedElsewhere = new Set(lines.filter(external).map((n) => n.target));
  const ordered = [...lines].sort((x, y) => Number(y.db === 'Factmark') - Number(x.db === 'Factmark'));
  for (const n of ordered) {
    const target = annotation(n.target, n.line, 'normalisation of');
    if (!target) continue;
    const kind = o.tagset.kinds.find((k) => k.kind === target.kind);
    if (n.db === 'FactmarkEvent') {
      if (!kind?.linksEvent) errors.push(`line ${n.line}: a ${target.kind} does not link to event records`);
      else if (!o.eventIds.has(n.dbId)) errors.push(`line ${n.line}: no event record "${n.dbId}" in this project`);
      else target.eventId = n.dbId;
      continue;
    }
    if (!kind?.linksEntity) {
      errors.push(
        `line ${n.line}: ${n.target} is a ${target.kind}, whose mentions do not link to entities; let ${target.kind} link entities in the tagset, or import with --extend-tagset`,
      );
      continue;
    }
    const externalId = external(n) ? externalIdOf(n.db, n.dbId) : null;
    const known = n.db === 'Factmark' ? (o.entities.has(n.dbId) ? n.dbId : undefined) : undefined;
    if (target.entityId !== null) {
      const same = target.entityId === known || (externalId !== null && o.entities.get(target.entityId) === externalId);
      if (!same)
        leftOut.push(
          `line ${n.line}: normalisation ${n.id} (${n.db}:${n.dbId}) left out: ${n.target} links to the entity of line ${linkedBy.get(target)} already, and a mention links to one entity`,
        );
      continue;
    }
    if (n.db === 'Factmark') {
      if (known) target.entityId = known;
      // An entity of another store: the same mention's other normalisation says which entity it is.
      else if (!normalisedElsewhere.has(n.target)) errors.push(`line ${n.line}: no entity "${n.dbId}" in this project`);
    } else {
      const entity = o.linkEntity({ externalId: externalId!, name: n.name ?? target.quote, kind: target.kind });
      if (entity === undefined) errors.push(`line ${n.line}: ${n.db}:${n.dbId} cannot name an entity (too long)`);
      else target.entityId = entity;
    }
    if (target.entityId !== null) linkedBy.set(target, n.line);
  }
}
