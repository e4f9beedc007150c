/**
 * Every Django snippet is executed by real Django (Debian's python3-django),
 * not just compiled: see test/django/. `manage.py check` alone lets field
 * typos and APIs newer than Django 3.2 through; running the views does not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report.ts';
import { run, seconds, tail } from '../run.ts';

// Debian's interpreter: a pyenv/venv python3 earlier on PATH cannot see python3-django.
const PYTHON = '/usr/bin/python3';
const INSTALL = 'missing system tool: run `sudo bash scripts/setup-system.sh` (installs python3-django, python3-psycopg2 and chromium)';

function pySnippets(): string[] {
  return readdirSync('content', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py')).sort();
}

export async function checkDjango(report: Report) {
  // psycopg2 too: the capstone's schema test loads Django's PostgreSQL backend, and without it the
  // suite would end in a raw ImportError instead of the one line that names the fix.
  const probe = existsSync(PYTHON) ? await run(PYTHON, ['-c', 'import django, psycopg2; print(django.get_version())']) : null;
  if (!probe || probe.code !== 0) {
    report.add('Django snippets run under real Django', false, INSTALL);
    return;
  }
  const snippets = pySnippets();
  if (snippets.length === 0) {
    report.add('Django snippets exist under content/', false, 'no .py files found under content/');
    return;
  }
  const compiled = await run(PYTHON, ['-m', 'py_compile', ...snippets.map((f) => join('content', f))]);
  report.add(`${snippets.length} Django snippet files compile (Django ${probe.output.trim()})`, compiled.code === 0, compiled.code === 0 ? undefined : tail(compiled.output));

  const tests = readdirSync('test/django/tests').filter((f) => f.endsWith('.py')).map((f) => readFileSync(join('test/django/tests', f), 'utf8')).join('\n');
  const unrun = snippets.filter((f) => !tests.includes(`load_snippet("${f}")`) && !tests.includes(`load_snippet('${f}')`));
  report.add('every Django snippet is loaded and run by a test in test/django/tests', unrun.length === 0, unrun.map((f) => `content/${f} is never load_snippet()-ed`).join('\n') || undefined);

  const result = await run(PYTHON, ['test/django/manage.py', 'test', 'tests', '--noinput', '-v', '1']);
  const ran = /Ran (\d+) tests?/.exec(result.output)?.[1] ?? '0';
  const ok = result.code === 0 && Number(ran) > 0;
  report.add(`Django test suite executes the snippets (${ran} tests)`, ok, ok ? seconds(result.ms) : tail(result.output, 40));
}
