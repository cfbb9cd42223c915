import type { Change } from '../../../annotations/changes';
import type { ArticleLayer, Entity, EventRecord } from '../../../annotations/model';
import type { Tagset } from '../../../annotations/tagset';

export interface LocalRecords {
  articleId: string | null;
  layer: ArticleLayer;
  entities: Entity[];
  events: EventRecord[];
  tagset: Tagset | null;
}

function put<T extends { id: string }>(list: readonly T[], id: string, after: T | null): T[] {
  const rest = list.filter((r) => r.id !== id);
  if (!after) return rest;
  const at = list.findIndex((r) => r.id === id);
  return at < 0 ? [...list, after] : list.map((r) => (r.id === id ? after : r));
}

const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start - b.start || a.end - b.end;

/**
 * Brings the renderer's copy of the records up to date with changes the core
 * confirmed (an edit, an undo, a redo): the same change sets, applied here.
 */
export function applyChanges(records: LocalRecords, changes: readonly Change[]): LocalRecords {
  let { layer, entities, events, tagset } = records;
  for (const change of changes) {
    if ('articleId' in change && change.articleId !== records.articleId) continue;
    switch (change.type) {
      case 'annotation': {
        const id = (change.after ?? change.before)!.id;
        layer = { ...layer, annotations: put(layer.annotations, id, change.after).sort(byPosition) };
        break;
      }
      case 'relation': {
        const id = (change.after ?? change.before)!.id;
        layer = { ...layer, relations: put(layer.relations, id, change.after) };
        break;
      }
      case 'documentLabels': {
        const annotator = (change.after ?? change.before)!.annotator;
        const others = layer.documentLabels.filter((d) => d.annotator !== annotator);
        layer = { ...layer, documentLabels: change.after ? [...others, change.after] : others };
        break;
      }
      case 'decision': {
        const key = (change.after ?? change.before)!.key;
        const others = (layer.decisions ?? []).filter((d) => d.key !== key);
        layer = { ...layer, decisions: change.after ? [...others, change.after] : others };
        break;
      }
      case 'entity':
        entities = put(entities, (change.after ?? change.before)!.id, change.after);
        break;
      case 'event':
        events = put(events, (change.after ?? change.before)!.id, change.after);
        break;
      case 'tagset':
        tagset = change.after;
        break;
      case 'guidelines':
        break;
    }
  }
  return { articleId: records.articleId, layer, entities, events, tagset };
}
