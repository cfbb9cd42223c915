import type { EventPage as EventPageData } from '../../../annotations/contract';
import type { Annotation, Entity } from '../../../annotations/model';
import type { RelationType } from '../../../annotations/tagset';
import { MentionLayer } from '../EntityPage/EntityMentions';
import { Quote, Verdict } from '../EntityPage/page-parts';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

type Report = EventPageData['reports'][number];
type Role = Report['roles'][number];

const NO_RELATIONS: readonly RelationType[] = [];

const isEntity = (target: Annotation | Entity): target is Entity => 'aliases' in target;

/**
 * How one article reports the event: its mentions with their roles (agent,
 * place…), and the claims made in the same paragraphs, each with its layer.
 * A click on a quote shows it in the article.
 */
export function ReportColumn({ report }: { report: Report }) {
  const store = useWorkspaceStore();
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const open = (annotationId: string) => void store.openArticle(report.articleId, annotationId);

  return (
    <article className="report-column" aria-label={report.title}>
      <h3>{report.title}</h3>
      <ul className="report-mentions">
        {report.mentions.map((mention) => {
          const roles = report.roles.filter((r) => r.relation.from === mention.id);
          const eventType = mention.attributes.eventType;
          return (
            <li key={mention.id}>
              <button type="button" className="item-open" onClick={() => open(mention.id)}>
                <Quote text={mention.quote} />
                <span className="meta">
                  {typeof eventType === 'string' && eventType !== '' && eventType}
                  <MentionLayer annotator={mention.annotator} me={me} />
                </span>
              </button>
              {roles.length > 0 && <Roles roles={roles} open={open} />}
            </li>
          );
        })}
      </ul>
      <h4>Claims in the same paragraph</h4>
      {report.claims.length === 0 ? (
        <p className="hint">None tagged.</p>
      ) : (
        <ul className="report-claims">
          {report.claims.map((claim) => (
            <li key={claim.id}>
              <button type="button" className="item-open" onClick={() => open(claim.id)}>
                <Quote text={claim.quote} />
                <span className="meta">
                  <Verdict claim={claim} />
                  <MentionLayer annotator={claim.annotator} me={me} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** A mention's roles: the relation's label, then its target (a span of the article, or an entity). */
function Roles({ roles, open }: { roles: Role[]; open: (annotationId: string) => void }) {
  const store = useWorkspaceStore();
  const relationTypes = useWorkspace((s) => s.status?.tagset.relations ?? NO_RELATIONS);
  const entities = useWorkspace((s) => s.entities);
  const label = (type: string) => relationTypes.find((r) => r.type === type)?.label ?? type;

  return (
    <dl className="roles">
      {roles.map(({ relation, target }) => {
        const linked = target && !isEntity(target) ? entities.find((e) => e.id === target.entityId) : undefined;
        return (
          <div key={relation.id}>
            <dt>{label(relation.type)}</dt>
            <dd>
              {target === null ? (
                <span className="meta">(no longer exists)</span>
              ) : isEntity(target) ? (
                <button
                  type="button"
                  className="plain"
                  onClick={() => store.navigate({ name: 'entity', id: target.id })}
                >
                  {target.name}
                </button>
              ) : (
                <button type="button" className="plain" onClick={() => open(target.id)}>
                  <Quote text={target.quote} />
                  {linked && <span className="meta"> ({linked.name})</span>}
                </button>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
