/**
 * `tsx src/lib-dev/python-with-postgres.ts <script.py> [args…]`: runs a
 * Python script with the project's virtualenv against a throwaway
 * PostgreSQL, then stops the cluster (also on an error or Ctrl-C). The
 * npm scripts use it:
 *   npm run django -- test tests.test_03_sql    (test/django/manage.py …)
 *   npm run record:capstone                     (scripts/record-capstone.py)
 * The script sees DJTS_PGHOST (the socket's directory), DJTS_PGPORT and
 * DJTS_PGUSER, which test/django/djcheck/settings.py reads; the database
 * `djcheck` exists (empty), so `migrate` or `shell` work as well as `test`.
 */
import { spawn } from 'node:child_process';
import { createDatabase, withPostgres } from './postgres.ts';
import { projectPython, ROOT } from './python.ts';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: tsx src/lib-dev/python-with-postgres.ts <script.py> [arguments…]');
  process.exit(2);
}
const side = projectPython();
if ('missing' in side) {
  console.error(side.missing);
  process.exit(1);
}

const code = await withPostgres(
  async (pg) => {
    await createDatabase(pg, 'djcheck');
    console.error(`python-with-postgres: PostgreSQL ${pg.major} on ${pg.socketDir} (port ${pg.port}), Django ${side.django}`);
    const child = spawn(side.python, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...pg.env } });
    return new Promise<number>((resolve) => {
      child.on('error', (error) => {
        console.error(error.message);
        resolve(127);
      });
      child.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
    });
  },
  { name: 'djts-django-pg' },
);
process.exitCode = code;
