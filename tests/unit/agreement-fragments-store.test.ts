import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementDashboard } from '../../annotations/contract';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { dispatch } from '../../annotations/dispatch';
import type { Annotation, Article } from '../../annotations/model';
import { openWorkspace } from '../../annotations/node/workspace';
import { makeTempDir } from '../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../annotations/sample-corpus', import.meta.url));
const ARTICLE = '000_0032acaf3c30b9bc';
const STAMP = '2026-11-30T10:00:00.000Z';
const SENTENCE = 'The MoU was signed by General Dehqan and his visiting Iraqi counterpart in Tehran on Tuesday.';

let workspace: Awaited<ReturnType<typeof openWorkspace>>;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  workspace = await openWorkspace({ storeDir: join(temp.dir, 'store'), annotator: 'lead', sampleDir: SAMPLE_DIR });
});
afterEach(async () => {
  await workspace.close();
  await cleanup();
});

async function call<T>(name: string, args: unknown): Promise<T> {
  const envelope = await dispatch(workspace.handlers, name, args);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.result as T;
}

/** A colleague's bundle with events over "The MoU was signed" and "in Tehran on Tuesday", as given. */
function bundle(annotator: string, article: Article, spans: { start: number; end: number }[][]) {
  const annotations: Annotation[] = spans.map((pieces, i) => {
    const start = pieces[0]!.start;
    const end = pieces[pieces.length - 1]!.end;
    return {
      id: `${annotator}-event-${i}`,
      articleId: article.id,
      annotator,
      kind: 'event',
      start,
      end,
      quote: article.text.slice(start, end),
      ...(pieces.length > 1 && { fragments: pieces }),
      attributes: { eventType: 'agreement signing' },
      note: '',
      entityId: null,
      eventId: null,
      createdAt: STAMP,
      updatedAt: STAMP,
    };
  });
  const file = {
    format: 'factmark-bundle',
    version: 1,
    exportedAt: STAMP,
    exportedBy: annotator,
    tagset: DEFAULT_TAGSET,
    guidelines: '',
    entities: [],
    events: [],
    articles: [{ article, annotations, relations: [], documentLabels: [] }],
  };
  return { name: `${annotator}.json`, content: Buffer.from(JSON.stringify(file)).toString('base64') };
}

describe('the agreement report of the store', () => {
  it('measures a discontinuous span by its fragments, as two spans over the same pieces', async () => {
    const article = await call<Article>('articles/get', { articleId: ARTICLE });
    const at = article.text.indexOf(SENTENCE);
    const piece = (text: string) => ({
      start: at + SENTENCE.indexOf(text),
      end: at + SENTENCE.indexOf(text) + text.length,
    });
    const signed = piece('The MoU was signed');
    const tehran = piece('in Tehran on Tuesday');
    await call('import/files', {
      format: 'bundle',
      files: [bundle('alice', article, [[signed, tehran]]), bundle('bob', article, [[signed], [tehran]])],
    });
    const report = await call<AgreementDashboard>('agreement/report', { annotators: ['alice', 'bob'] });
    // alice's one event in two pieces marks exactly the characters of bob's two events: unitizing alpha 1.
    // Measured over the envelope, alice would also mark the 53 characters of the gap, and alpha would fall.
    expect(report.agreement.corpus.unitizing.event!.value).toBe(1);
    // Lenient matching: both of bob's pieces overlap alice's one span, which can match one of them.
    expect(report.agreement.corpus.spans[0]!.lenient.perLabel.event).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });
});
