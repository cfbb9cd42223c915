/**
 * The names of every operation of the service contract, as a runtime list.
 * Kept free of imports so the Electron preload can expose exactly these;
 * `contract.ts` makes the compiler check it against the argument schemas.
 */
export const OPERATION_NAMES = [
  'store/status',
  'store/restore',
  'articles/list',
  'articles/page',
  'articles/ids',
  'articles/neighbours',
  'articles/summaries',
  'articles/get',
  'annotations/list',
  'annotations/create',
  'annotations/update',
  'annotations/delete',
  'relations/create',
  'relations/delete',
  'documentLabels/set',
  'tagset/update',
  'guidelines/get',
  'guidelines/update',
  'entities/list',
  'entities/create',
  'entities/update',
  'entities/delete',
  'entities/merge',
  'entities/split',
  'entities/suggest',
  'entities/page',
  'events/list',
  'events/create',
  'events/update',
  'events/delete',
  'events/page',
  'search/query',
  'history/apply',
  'import/files',
  'import/upload',
  'jobs/progress',
  'jobs/cancel',
  'export/file',
  'settings/update',
  'review/compare',
  'review/decide',
  'review/accept-agreed',
  'review/progress',
  'review/summary',
  'agreement/report',
  'agreement/article',
  'project/status',
  'project/publish',
  'project/sync',
  'project/clone',
  'project/forget-credentials',
  'team/get',
  'team/member',
  'team/assign',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (OPERATION_NAMES as readonly string[]).includes(name);
}
