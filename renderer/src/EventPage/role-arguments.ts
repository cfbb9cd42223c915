import type { EventPage } from '../../../annotations/contract';
import type { Annotation, Entity } from '../../../annotations/model';

type Report = EventPage['reports'][number];

/** One argument an event mention gives the event in a role: what fills it, where, and in whose layer. */
export interface RoleArgument {
  /** The role relation's id. */
  id: string;
  /** The relation type: agent, place, time… */
  role: string;
  /** The target span's quote, or the target entity's name; null when the target no longer exists. */
  text: string | null;
  /** Whether the target is a registry entity rather than a span of the article. */
  isEntity: boolean;
  /** The entity the argument names: the target itself, or the entity the target span is linked to. */
  entity: Entity | null;
  articleId: string;
  title: string;
  /** Whose layer the role was set in. */
  annotator: string;
  /** What opening it selects: the target span, or the event mention when the target is not in the text. */
  annotationId: string;
}

/** One role and every argument given to it, across articles and layers. */
export interface RoleArguments {
  role: string;
  arguments: RoleArgument[];
}

const isEntity = (target: Annotation | Entity): target is Entity => 'aliases' in target;

/**
 * The event page's reports regrouped by role: for each role (in the tagset's
 * order, then by name), its arguments in report order, then by layer.
 * `entities` names the entity a target span is linked to.
 */
export function roleArguments(
  reports: readonly Report[],
  entities: readonly Entity[],
  roleOrder: readonly string[] = [],
): RoleArguments[] {
  const byRole = new Map<string, RoleArgument[]>();
  for (const report of reports) {
    const args = report.roles.map(({ relation, target }): RoleArgument => {
      const entity =
        target === null ? null : isEntity(target) ? target : (entities.find((e) => e.id === target.entityId) ?? null);
      return {
        id: relation.id,
        role: relation.type,
        text: target === null ? null : isEntity(target) ? target.name : target.quote,
        isEntity: relation.to.kind === 'entity',
        entity,
        articleId: report.articleId,
        title: report.title,
        annotator: relation.annotator,
        annotationId: target !== null && !isEntity(target) ? target.id : relation.from,
      };
    });
    args.sort((a, b) => a.annotator.localeCompare(b.annotator));
    for (const arg of args) byRole.set(arg.role, [...(byRole.get(arg.role) ?? []), arg]);
  }
  const rank = (role: string) => {
    const at = roleOrder.indexOf(role);
    return at < 0 ? roleOrder.length : at;
  };
  return [...byRole.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([role, list]) => ({ role, arguments: list }));
}
