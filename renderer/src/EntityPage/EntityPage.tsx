import type { EntityPage as EntityPageData } from '../../../annotations/contract';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { LeftOutLine } from '../LeftOutLine/LeftOutLine';
import { EntityFields } from './EntityFields';
import { EntityMentions } from './EntityMentions';
import { MergeForm } from './MergeForm';
import { Quote, RecordPage, Verdict, plural } from './page-parts';
import { usePage } from './use-page';
import './pages.css';

/**
 * One normalised entity (route `{name: 'entity', id}`): its names, every
 * mention across the corpus, the claims attributed to it; split and merge.
 * The fields edit the store's copy at once; the lists reload after every change.
 */
export function EntityPage({ id }: { id: string }) {
  const store = useWorkspaceStore();
  const entity = useWorkspace((s) => s.entities.find((e) => e.id === id));
  const { page, failed } = usePage('entities/page', id, entity !== undefined);

  if (!entity)
    return (
      <RecordPage label="Entity">
        <p className="hint">
          This entity no longer exists: it was deleted, merged into another one, or its creation was undone.
        </p>
      </RecordPage>
    );

  const remove = async () => (await store.mutate('entities/delete', { id })) !== null;
  const articles = page ? new Set(page.mentions.map((m) => m.articleId)).size : 0;
  return (
    <RecordPage label="Entity" deleteLabel="Delete entity" onDelete={remove}>
      <header className="record-header">
        <p className="record-kind">Entity · {entity.type}</p>
        <h1>{entity.name}</h1>
        {page && (
          <p className="meta">
            {plural(page.mentions.length, 'mention')} in {plural(articles, 'article')} ·{' '}
            {plural(page.claims.length, 'claim')} attributed
            {entity.externalId ? ` · ${entity.externalId}` : ''}
          </p>
        )}
        {page && <LeftOutLine leftOut={page.leftOut} />}
      </header>
      <EntityFields entity={entity} />
      {page ? (
        <>
          <EntityMentions entity={entity} mentions={page.mentions} />
          <ClaimsAttributed claims={page.claims} />
        </>
      ) : (
        <p className="hint">{failed ? 'The mentions could not be loaded.' : 'Loading the mentions…'}</p>
      )}
      <MergeForm entity={entity} />
      <p className="hint record-footnote">
        An entity can be deleted once no mention, relation or event links to it; merge it into another one instead.
      </p>
    </RecordPage>
  );
}

/** Claims whose said-by relation points at a mention of the entity; a click shows the claim in its article. */
function ClaimsAttributed({ claims }: { claims: EntityPageData['claims'] }) {
  const store = useWorkspaceStore();
  return (
    <>
      <h2>Claims attributed ({claims.length})</h2>
      <ul className="page-list" aria-label="Claims attributed">
        {claims.map((c) => (
          <li key={`${c.articleId}/${c.claim.id}`}>
            <button type="button" className="item-open" onClick={() => void store.openArticle(c.articleId, c.claim.id)}>
              <Quote text={c.claim.quote} />
              <span className="meta">
                <Verdict claim={c.claim} /> said as “{c.speaker.quote}” · {c.title}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {claims.length === 0 && <p className="hint">No claim is said by a mention of this entity.</p>}
    </>
  );
}
