/**
 * Every exercise page is generated from its starter's opening comment
 * (src/workbook/brief.ts). This parses ALL starters as shipped, so a starter
 * whose comment drifts from the format fails here, by file name, instead of
 * losing part of its brief on the site. Hints' code detection
 * (src/workbook/prose-code.ts) is checked on the manifest's real hints.
 */
import { describe, expect, it } from 'vitest';
import { exercises, paths } from '../../src/curriculum.ts';
import { BriefFormatError, codeLang, parseBrief, type Brief } from '../../src/workbook/brief.ts';
import { proseCode } from '../../src/workbook/prose-code.ts';
import { pristineStarter } from '../../src/workbook/starters.ts';

/**
 * The panes each brief shows before its requirements, by label. Written out
 * so a misread block (Django code taken for prose, a TypeScript sketch
 * labelled Django) fails, and a new exercise needs a line here.
 */
const panes: Record<string, string[]> = {
  greet: ['Django'],
  'invoice-detail': ['Django'],
  router: ['TypeScript'],
  'hono-urlconf': ['Django'],
  'scoped-invoice': ['Django'],
  'invoice-page': ['Django'],
  'invoice-search': ['Django'],
  'create-with-items': ['Django'],
  'request-id': ['Django'],
  'bearer-auth': ['Django'],
  'error-boundary': ['Django'],
  compose: ['Django'],
  'create-invoice': ['Django'],
  'list-filters': ['Django', 'JSON'],
  'patch-invoice': ['Django'],
  'run-group': ['Python', 'TypeScript'],
  dashboard: ['FastAPI'],
  'map-limit': ['Python', 'TypeScript'],
  'inject-deps': ['TypeScript'],
  'composition-root': ['Sketch'],
  'port-expense-list': ['Django', 'Django'],
  'django-session': ['Sketch'],
  'rename-column': ['Sketch'],
  'reliable-jobs': ['Django'],
  'graceful-shutdown': ['Django'],
};

function starterBrief(name: string): Brief {
  const exercise = exercises.find((e) => e.name === name)!;
  const file = pristineStarter(exercise)!.find((f) => f.path === paths.starter(exercise))!;
  return parseBrief(file.path, file.text);
}

describe('every starter\'s opening comment is a brief the site can show', () => {
  it('covers every exercise in the manifest', () => {
    expect(Object.keys(panes).sort()).toEqual(exercises.map((e) => e.name).sort());
  });

  for (const exercise of exercises) {
    it(`${paths.starter(exercise)}`, () => {
      const brief = starterBrief(exercise.name);
      expect(brief.name).toBe(exercise.name);
      expect(brief.goal.length).toBeGreaterThan(10);
      expect(brief.requirements.length).toBeGreaterThan(0);
      for (const item of brief.requirements) expect(item.map((p) => p.text).join(' ').trim()).not.toBe('');
      expect(brief.intro.flatMap((b) => (b.kind === 'code' ? [b.label] : []))).toEqual(panes[exercise.name]);
      // Nothing of the comment is left in the code shown as the starter.
      expect(brief.code.startsWith('/**')).toBe(false);
      expect(brief.code).not.toContain('Requirements');
    });
  }

  it('keeps a requirement\'s example body as written, apart from its prose', () => {
    const first = starterBrief('invoice-detail').requirements[0]!;
    expect(first[0]).toEqual({ kind: 'text', text: '200 with JSON' });
    expect(first[1]).toEqual({
      kind: 'pre',
      text: '{"id": 3001, "number": "INV-001", "status": "paid", "totalCents": 15000,\n "customer": {"id": 201, "name": "Acme Corp"}}',
    });
    expect(first[2]?.text).toMatch(/^Invoice and customer both have an `id`/);
  });

  it('keeps blank lines inside a Django block and dedents it', () => {
    const models = starterBrief('port-expense-list').intro.find((b) => b.kind === 'code')!;
    expect(models.kind === 'code' && models.code).toMatch(/^class Category\(models\.Model\):\n {4}owner = .*\n[\s\S]*\n\nclass Expense\(models\.Model\):/);
  });

  it('takes a lead sentence for the list, and drops a bare "Requirements:" label', () => {
    expect(starterBrief('error-boundary').lead).toBe('`errorBoundary(log)(next)` returns a handler that calls `next` and:');
    expect(starterBrief('greet').lead).toBeNull();
    const form = starterBrief('create-invoice').intro.at(-1)!;
    expect(form.kind === 'paragraph' && form.text).toMatch(/This version is stricter\.$/);
  });
});

describe('a comment that does not fit fails with the file and line', () => {
  const good = ['/**', ' * Exercise: demo — a demo.', ' *', ' * Requirements (the grader checks each one):', ' *   - it works.', ' */', 'export {};'];
  const parse = (lines: string[]) => () => parseBrief('exercises/99-demo/demo.ts', lines.join('\n'));

  it('accepts the smallest brief', () => {
    expect(parse(good)()).toMatchObject({ name: 'demo', goal: 'a demo', requirements: [[{ kind: 'text', text: 'it works.' }]], code: 'export {};' });
  });
  it.each([
    ['no comment', ['export {};'], /demo\.ts:1: .*"\/\*\*"/],
    ['no title line', ['/**', ' * Does things.', ' *', ...good.slice(3)], /demo\.ts:2: .*first line/],
    ['no requirements list', [...good.slice(0, 3), ' * Just prose.', ' */'], /demo\.ts:2: .*no requirements list/],
    ['a list without a lead', [...good.slice(0, 3), ' *   - it works.', ' */'], /demo\.ts:4: .*ending in ":"/],
    ['a second list', [...good.slice(0, 5), ' *', ' * More:', ' *   - again.', ' */'], /demo\.ts:8: .*second list/],
    ['a line without " * "', [...good.slice(0, 4), 'oops', ...good.slice(4)], /demo\.ts:5: .*" \* "/],
  ])('%s', (_, lines, message) => {
    expect(parse(lines)).toThrow(BriefFormatError);
    expect(parse(lines)).toThrow(message);
  });
});

describe('code in a brief is labelled by its language', () => {
  it.each([
    ['def greet(request):\n    return JsonResponse({})', 'python'],
    ['MIDDLEWARE = [\n    "a",\n]', 'python'],
    ['const router = createRouter();', 'ts'],
    ['-- schema: test/fixtures/schema/expenses.schema.sql', 'sql'],
    ['{"error": "validation_failed"}', 'json'],
    ['config → pool → app → server', 'text'],
  ])('%s', (code, lang) => expect(codeLang(code)).toBe(lang));
});

describe('hints set their code as code', () => {
  const kinds = (text: string) => proseCode(text).filter((s) => s.kind !== 'prose').map((s) => `${s.kind}:${s.text}`);

  it('never changes the text: the spans join back to the hint, backticks aside', () => {
    for (const hint of exercises.flatMap((e) => e.hints)) expect(proseCode(hint).map((s) => s.text).join('')).toBe(hint.replace(/`/g, ''));
  });
  it('takes backtick spans as written', () => {
    expect(kinds('Run `npm test -- greet` early.')).toEqual(['code:npm test -- greet']);
  });
  it('ends SQL where the prose starts again', () => {
    expect(kinds('One query with JOIN billing_customer, LEFT JOIN billing_lineitem and GROUP BY does the whole page.')).toEqual([
      'sql:JOIN billing_customer, LEFT JOIN billing_lineitem',
      'sql:GROUP BY',
    ]);
    expect(kinds('One statement: UPDATE billing_invoice SET … WHERE id = $1 AND owner_id = $2 RETURNING …. No row back is a 404.')).toEqual([
      'sql:UPDATE billing_invoice SET … WHERE id = $1 AND owner_id = $2 RETURNING …',
    ]);
  });
  it('keeps a call with its arguments, and a regular expression with its spaces', () => {
    expect(kinds('Response.json(body, { status }) sets Content-Type.')).toEqual(['code:Response.json(body, { status })']);
    expect(kinds('/^Bearer ([A-Za-z0-9]+=*)$/i does both jobs; and new Date() too.')).toEqual(['code:/^Bearer ([A-Za-z0-9]+=*)$/i', 'code:new Date()']);
    expect(kinds('Some have immutable headers (Response.redirect(), anything).')).toEqual(['code:Response.redirect()']);
  });
  it('leaves prose in parentheses and plain words alone', () => {
    expect(kinds('Content-Type first (415), then the size (the body).')).toEqual([]);
  });
});

describe('an example body that starts on the requirement\'s own line', () => {
  it('moves its opening down to the rest of the body', () => {
    const item = starterBrief('invoice-page').requirements[1]!;
    expect(item[0]).toEqual({ kind: 'text', text: '200' });
    expect(item[1]?.kind).toBe('pre');
    expect(item[1]?.text).toMatch(/^\{"page": 1, "invoices": \[\{"id": 3, "number": "INV-003",\n "status": "draft"/);
  });
});

describe('SQL with parts left out', () => {
  it('keeps "…" inside the statement it abbreviates', () => {
    expect(proseCode('then one SELECT … FROM expenses_expense e WHERE e.owner_id = $1 … ORDER BY e.id DESC LIMIT $n. For the search').filter((s) => s.kind === 'sql').map((s) => s.text)).toEqual([
      'SELECT … FROM expenses_expense e WHERE e.owner_id = $1 … ORDER BY e.id DESC LIMIT $n',
    ]);
  });
});
