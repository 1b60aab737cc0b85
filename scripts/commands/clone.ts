import type { Operation } from '@aula/ops';
import { type Command, InvalidArgumentError } from 'commander';
import { followOperation, target } from './status.ts';

/**
 * `aula clone main mirror`: asks Main's agent to clone itself onto the Mirror (back up, send, restore,
 * start, compare the catalogues) and prints each step as it happens. Ctrl-C stops the clone.
 */
export function registerClone(program: Command): void {
  program
    .command('clone')
    .description('clone Main onto the Mirror: back up, send, restore with the Mirror’s own secrets, compare')
    .argument('<from>', 'main', (v) => {
      if (v !== 'main') throw new InvalidArgumentError('only main is cloned');
      return v;
    })
    .argument('<to>', 'mirror', (v) => {
      if (v !== 'mirror') throw new InvalidArgumentError('only onto the mirror');
      return v;
    })
    .action(async () => {
      const { client } = target('main');
      const started = await client.call<Operation>('POST', '/clone', { to: 'mirror' });
      console.log(`clone ${started.id} started by ${started.actor}`);
      const stop = () => {
        console.log('stopping the clone…');
        void client.cancel(started.id);
      };
      process.once('SIGINT', stop);
      const done = await followOperation(client, started, (line) => console.log(line));
      process.off('SIGINT', stop);
      if (done.state === 'done') {
        const result = done.result as { courses: number; backupId: string };
        console.log(
          `the Mirror serves the same catalogue as Main (${result.courses} courses, backup ${result.backupId})`,
        );
        return;
      }
      console.error(`the clone ${done.state}${done.error ? `: ${done.error}` : ''}`);
      process.exitCode = 1;
    });
}
