import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnotationRepository } from '../../annotations/repository';
import { scenarioHandlers } from './crash-scenario';

/** The version 1 store the previous Factmark wrote, with colleagues' layers, gold, entities and events. */
export const STORE_V1 = join(__dirname, '../fixtures/store-v1');

interface Answer {
  op: string;
  args: object;
  answer: unknown;
}

/**
 * The answers the previous Factmark gave, over the version 1 store, to every
 * read operation of the contract: the article list, each article and its
 * layers, the comparison of layers, the registry and event pages, search,
 * review progress, agreement, a bundle export.
 */
export async function v1Answers(): Promise<Answer[]> {
  const answers = JSON.parse(await readFile(join(__dirname, '../fixtures/store-v1-answers.json'), 'utf8')) as Answer[];
  return answers.map(comparable).map(currentAgreement);
}

/**
 * The agreement report as it is answered now: the same corpus figures, with
 * the ids of the articles measured (where a pair of layers met: `articles` 1)
 * in place of each article's figures, which are asked for one article at a
 * time (`agreement/article`); and each annotator's progress with their spans
 * (their label distribution's total, as that report gave it) and none of
 * them from suggestions, which that Factmark did not make.
 */
function currentAgreement(answer: Answer): Answer {
  if (answer.op !== 'agreement/report') return answer;
  type ArticleFigures = { id: string; spans: { articles: number }[] };
  const report = answer.answer as {
    agreement: { articles: ArticleFigures[] } & Record<string, unknown>;
    distribution: Record<string, Record<string, number>>;
    progress: { annotator: string }[];
  };
  const { articles, ...figures } = report.agreement;
  const measured = articles.filter((a) => a.spans.some((pair) => pair.articles > 0)).map((a) => a.id);
  const spansOf = (annotator: string) =>
    Object.values(report.distribution[annotator] ?? {}).reduce((sum, n) => sum + n, 0);
  return {
    ...answer,
    answer: {
      ...report,
      agreement: { ...figures, measuredArticles: measured },
      progress: report.progress.map((p) => ({ ...p, spans: spansOf(p.annotator), fromSuggestions: 0 })),
    },
  };
}

/**
 * An export's file as the data it holds: a record read back from its file
 * lists its fields in the schema's order, one made in this session in the
 * order the code gave them (in either layout), and JSON does not tell them apart.
 */
function comparable(answer: Answer): Answer {
  const file = answer.answer as { content?: unknown } | null;
  if (typeof file?.content !== 'string' || !file.content.startsWith('{')) return answer;
  return { ...answer, answer: { ...file, content: JSON.parse(file.content) as unknown } };
}

/** Asks `repo` the same questions, with the same clock and ids, answering as JSON would carry them. */
export async function answersOf(repo: AnnotationRepository, questions: readonly Answer[]): Promise<Answer[]> {
  const read = scenarioHandlers(repo, 'read').alice as unknown as Record<string, (args: object) => Promise<unknown>>;
  const answers: Answer[] = [];
  for (const { op, args } of questions)
    answers.push(comparable({ op, args, answer: JSON.parse(JSON.stringify(await read[op]!(args))) as unknown }));
  return answers;
}
