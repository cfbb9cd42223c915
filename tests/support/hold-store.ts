import { openLowdbRepository } from '../../annotations/node/lowdb-repository';

/** Opens the store given as its argument, says so on stdout, and keeps it open until killed. */
void openLowdbRepository(process.argv[2]!, { owner: { kind: "the test's holder" } }).then(() => {
  process.stdout.write('holding\n');
  setInterval(() => undefined, 1000);
});
