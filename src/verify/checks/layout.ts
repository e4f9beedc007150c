/**
 * The manifest and the files agree: every exercise has a starter, a
 * reference and a grader; every grader belongs to an exercise; every
 * exercise has at least two known-wrong variants, each naming its mistake;
 * every ready chapter has its page; the committed copy of the starters
 * (what `npm test` calls untouched and `npm run reset` restores) is current.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chapters, exercises, paths } from '../../curriculum.ts';
import { REFRESH_COMMAND, staleStarters } from '../../workbook/starters-manifest.ts';
import { MANIFEST_PATH } from '../../workbook/starters.ts';
import { wrongVariants } from '../../workbook/variants.ts';
import type { Report } from '../report.ts';

export function checkLayout(report: Report) {
  for (const e of exercises) {
    const missing = [paths.starter(e), paths.solution(e), paths.grader(e)].filter((p) => !existsSync(p));
    const variants = wrongVariants(e);
    const unnamed = variants.filter((v) => !v.mistake).map((v) => v.file);
    const problems = [
      ...missing.map((p) => `missing ${p}`),
      ...(variants.length < 2 ? [`only ${variants.length} known-wrong variant(s) in ${paths.wrongDir(e)}/ (need 2)`] : []),
      ...unnamed.map((f) => `${f} does not start with "// mistake: …"`),
    ];
    report.add(`exercise ${e.name}: files, ${variants.length} wrong variants`, problems.length === 0, problems.join('\n') || undefined);
  }

  const known = new Set(exercises.map(paths.grader));
  const orphans = chapters.flatMap((c) =>
    existsSync(`test/${c.slug}`)
      ? readdirSync(`test/${c.slug}`).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${c.slug}/${f}`).filter((f) => !known.has(f))
      : [],
  );
  report.add('every grader belongs to an exercise in the manifest', orphans.length === 0, orphans.join('\n') || undefined);

  const snippetTests = existsSync('test/snippets')
    ? readdirSync('test/snippets').filter((f) => f.endsWith('.ts')).map((f) => readFileSync(`test/snippets/${f}`, 'utf8')).join('\n')
    : '';
  const untested = readdirSync('content', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => !snippetTests.includes(`content/${f.replace(/\.ts$/, '')}`));
  report.add('every TypeScript snippet in content/ is imported by a test in test/snippets/', untested.length === 0, untested.map((f) => `content/${f} has no test`).join('\n') || undefined);

  const stale = staleStarters();
  report.add(
    `${MANIFEST_PATH} matches the starters in exercises/`,
    stale.length === 0,
    stale.length ? [...stale, `After changing a starter, refresh it: ${REFRESH_COMMAND}`].join('\n') : undefined,
  );

  const pages = chapters.filter((c) => c.status === 'ready').filter((c) => !existsSync(`content/${c.slug}/index.mdx`));
  report.add('every ready chapter has content/<slug>/index.mdx', pages.length === 0, pages.map((c) => c.slug).join(', ') || undefined);
}
