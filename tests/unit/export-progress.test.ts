import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { openWorkspace } from '../../annotations/node/workspace';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service/index';
import { makeTempDir } from '../support/temp-dir';

let cleanup: () => Promise<void>;
let repo: AnnotationRepository;
beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  ({ repo } = await openWorkspace({
    storeDir: join(temp.dir, 'store'),
    annotator: 'alice',
    sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
  }));
});
afterEach(async () => {
  await repo.close();
  await cleanup();
});

it('reports an export’s progress by its job id while it runs, and forgets the job when it ends', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const third = repo.listArticles()[2]!.id;
  // The third article's layer is slow to read, so the export is caught half-way.
  const slowly = <T extends Pick<AnnotationRepository, 'readLayer'>>(view: T): T => ({
    ...view,
    readLayer: async (id: string) => (id === third ? gate.then(() => view.readLayer(id)) : view.readLayer(id)),
  });
  const slow: AnnotationRepository = {
    ...slowly(repo),
    snapshot: (work) => repo.snapshot((view) => work(slowly(view))),
  };
  const handlers = createHandlers(slow, { annotator: 'alice' });
  const running = handlers['export/file']({ format: 'jsonl', jobId: 'job1' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await handlers['jobs/progress']({ jobId: 'job1' })).toEqual({ done: 2, total: 5, phase: 'reading' });
  release();
  const file = await running;
  expect(file.content.trimEnd().split('\n')).toHaveLength(5);
  expect(await handlers['jobs/progress']({ jobId: 'job1' })).toBeNull();
});
