import { z } from 'zod';
import type { Change } from './changes';
import { FactmarkError } from './errors';
import {
  AnnotationSchema,
  DecisionSchema,
  DocumentLabelsSchema,
  EntitySchema,
  EventRecordSchema,
  IdSchema,
  RejectionSchema,
  RelationSchema,
} from './model';
import { validateTagset } from './tagset';
import { AssignmentSchema, TeamMemberSchema } from './team';

const pair = <T extends z.ZodType>(record: T) => ({ before: record.nullable(), after: record.nullable() });
const inArticle = { articleId: IdSchema };

/** One change of a change set from outside (a client, a saved history): the model's own schemas, with the right fields for its type. */
export const ChangeSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('annotation'), ...inArticle, ...pair(AnnotationSchema) }),
    z.strictObject({ type: z.literal('relation'), ...inArticle, ...pair(RelationSchema) }),
    z.strictObject({ type: z.literal('documentLabels'), ...inArticle, ...pair(DocumentLabelsSchema) }),
    z.strictObject({ type: z.literal('decision'), ...inArticle, ...pair(DecisionSchema) }),
    z.strictObject({ type: z.literal('rejection'), ...inArticle, ...pair(RejectionSchema) }),
    z.strictObject({ type: z.literal('entity'), ...pair(EntitySchema) }),
    z.strictObject({ type: z.literal('event'), ...pair(EventRecordSchema) }),
    z.strictObject({ type: z.literal('tagset'), before: z.unknown(), after: z.unknown() }),
    z.strictObject({ type: z.literal('guidelines'), before: z.string(), after: z.string() }),
    z.strictObject({ type: z.literal('member'), ...pair(TeamMemberSchema) }),
    z.strictObject({ type: z.literal('assignment'), ...pair(AssignmentSchema) }),
  ])
  .refine((c) => c.before !== null || c.after !== null, 'a change needs the record as it was or as it becomes')
  .refine((c) => {
    const records = [c.before, c.after].filter((r) => r !== null) as {
      id?: unknown;
      articleId?: unknown;
      key?: unknown;
      name?: unknown;
      annotator?: unknown;
    }[];
    if ('articleId' in c && records.some((r) => 'articleId' in r && r.articleId !== c.articleId)) return false;
    if (records.length < 2 || c.type === 'tagset' || c.type === 'guidelines') return true;
    const identity = (r: (typeof records)[number]) => r.id ?? r.key ?? (c.type === 'member' ? r.name : r.annotator);
    // Rejection ids name a kind and span, the same in every annotator's layer: the annotator is part of the identity.
    if (c.type === 'rejection' && records[0]!.annotator !== records[1]!.annotator) return false;
    return identity(records[0]!) === identity(records[1]!);
  }, "the records of a change must be one record, of the change's article")
  .refine(
    (c) => c.type !== 'assignment' || c.before === null || c.after === null,
    'an assignment is made or taken back: its change has it before or after, not both',
  );

/** Parses the untrusted records of one change of a change set (the `index`th, from 0) with the model's schemas. */
export function parseChange(raw: unknown, index: number): Change {
  const parsed = ChangeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new FactmarkError(
      'invalid-argument',
      `Invalid change in change set (change ${index + 1}): ${issue?.message ?? 'invalid'}${where}`,
    );
  }
  const c = parsed.data;
  if (c.type !== 'tagset') return c as Change;
  try {
    return { type: 'tagset', before: validateTagset(c.before), after: validateTagset(c.after) };
  } catch (error) {
    throw new FactmarkError(
      'invalid-argument',
      `Invalid change in change set (change ${index + 1}): ${(error as Error).message}`,
    );
  }
}
