import { useMemo, useState } from 'react';
import type { Args, SearchResult } from '../../../annotations/contract';
import { chipStyle } from '../a11y/contrast';
import { LeftOutLine } from '../LeftOutLine/LeftOutLine';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { attributeFilters, attributeQuery } from './attribute-filters';

type Query = Args<'search/query'>;

/** Corpus search over text and annotations; a result opens its span. */
export function SearchPanel() {
  const store = useWorkspaceStore();
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const entities = useWorkspace((s) => s.entities);
  const filters = useMemo(() => attributeFilters(kinds), [kinds]);
  const [text, setText] = useState('');
  const [kind, setKind] = useState('');
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [entity, setEntity] = useState('');
  const [annotator, setAnnotator] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const chosenFilter = filters.find((f) => f.key === attribute);

  const run = async () => {
    const query: Query = {};
    if (text.trim()) query.text = text.trim();
    if (kind) query.kind = kind;
    const filter = attributeQuery(chosenFilter, value);
    if (chosenFilter && filter) {
      query.attribute = filter;
      query.kind ??= chosenFilter.kind;
    }
    if (speaker) query.speaker = speaker;
    if (entity) query.entity = entity;
    if (annotator.trim()) query.annotator = annotator.trim();
    setResult(await store.query('search/query', query));
  };

  return (
    <div className="search-panel">
      <form
        aria-label="Search"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="field">
          <span>Search text</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">any</option>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Attribute</span>
          <select
            value={attribute}
            onChange={(e) => {
              setAttribute(e.target.value);
              setValue('');
            }}
          >
            <option value="">any</option>
            {filters.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {chosenFilter && (
          <label className="field">
            <span>Value</span>
            <select value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">any</option>
              {chosenFilter.options.map((option, i) => (
                <option key={i} value={String(i)}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Said by</span>
          <select value={speaker} onChange={(e) => setSpeaker(e.target.value)}>
            <option value="">anyone</option>
            {entities.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Entity</span>
          <select value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">any</option>
            {entities.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Annotator</span>
          <input type="text" value={annotator} onChange={(e) => setAnnotator(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {result && (
        <>
          <p className="meta result-count">
            {result.total} result{result.total === 1 ? '' : 's'}
            {result.total > result.hits.length ? ` (first ${result.hits.length} shown)` : ''}
          </p>
          <LeftOutLine leftOut={result.leftOut} />
          <ul className="search-results" aria-label="Search results">
            {result.hits.map((hit) => {
              const k = kinds.find((x) => x.kind === hit.annotation?.kind);
              return (
                <li key={`${hit.articleId}:${hit.annotation?.id ?? hit.start}`}>
                  <button type="button" onClick={() => void store.openArticle(hit.articleId, hit.annotation?.id)}>
                    <span className="title">
                      {k && (
                        <span className="chip" style={chipStyle(k.color)}>
                          {k.label}
                        </span>
                      )}{' '}
                      {hit.title}
                    </span>
                    <span className="snippet">{hit.snippet}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
