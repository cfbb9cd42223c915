import { readFileSync, writeSync } from 'node:fs';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { ScenarioBase } from './crash-scenario';
import { scenarioHandlers, scenarioSteps } from './crash-scenario';

/**
 * The crash test's child: opens the store and runs the scenario, printing
 * `ack N` once step N has returned, and kills itself (SIGKILL, as a power cut
 * or kill -9 would) just before its `crashAt`-th file-changing step. With
 * `open` instead of `run` it only opens the store (finishing an interrupted
 * change) and closes it. It prints `steps N`, the count of file-changing
 * steps, when it was not killed.
 */
async function main(): Promise<void> {
  const [mode, storeDir, basePath, bundlePath, crashAtText] = process.argv.slice(2);
  const crashAt = Number(crashAtText);
  let steps = 0;
  const repo = await openLowdbRepository(storeDir!, {
    owner: { kind: 'the crash test' },
    onWriteStep: () => {
      if (++steps === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  if (mode === 'run') {
    const base = JSON.parse(readFileSync(basePath!, 'utf8')) as ScenarioBase;
    const plan = scenarioSteps(scenarioHandlers(repo, 'run'), base, readFileSync(bundlePath!, 'utf8'));
    for (const [i, step] of plan.entries()) {
      await step.run();
      writeSync(1, `ack ${i + 1}\n`);
    }
  }
  await repo.close();
  writeSync(1, `steps ${steps}\n`);
}

main().catch((error: unknown) => {
  writeSync(2, `${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
