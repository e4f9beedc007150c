/**
 * The Django → TypeScript index (src/django-index/): collected from the real
 * chapters, it has an entry for every comparison of Django code; a
 * declaration its code does not back fails with the chapter, comparison and
 * API named; exercises are linked only where their brief shows the API;
 * section anchors are the ones Astro makes; and the built-site check
 * (src/verify/checks/django-index.ts) notices a page that drifted from the
 * collection. The real build is checked by `npm run verify -- site`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readyChapters } from '../../src/curriculum.ts';
import { appearsIn, withoutComments } from '../../src/django-index/api-names.ts';
import { readChapterSource } from '../../src/django-index/chapter-source.ts';
import { collectIndex, searchTerm, type ChapterInput, type ExerciseInput } from '../../src/django-index/collect.ts';
import { chapterInputs, exerciseInputs, loadIndex } from '../../src/django-index/load.ts';
import { parseBrief } from '../../src/workbook/brief.ts';
import { builtIndexProblems, linksOnPage } from '../../src/verify/checks/django-index.ts';

describe('the real guide', () => {
  const entries = loadIndex();

  it('every comparison and Python snippet of every ready chapter declares what it covers, and a comparison of Django code covers something', () => {
    let comparisons = 0;
    let snippets = 0;
    for (const chapter of chapterInputs()) {
      for (const code of readChapterSource(chapter.file, chapter.mdx)) {
        if (code.kind === 'compare') comparisons++;
        else snippets++;
        expect(code.covers, `${chapter.file}:${code.line}`).not.toBeNull();
        if (code.kind === 'compare' && code.django.includes('.py')) expect(code.covers!.length, `${chapter.file}:${code.line}`).toBeGreaterThan(0);
      }
    }
    expect(comparisons).toBeGreaterThanOrEqual(readyChapters.length);
    expect(snippets).toBeGreaterThan(0);
    const linked = new Set(entries.flatMap((e) => e.uses.flatMap((u) => (u.compare ? [u.compare.href] : []))));
    const python = chapterInputs().flatMap((c) => readChapterSource(c.file, c.mdx).filter((x) => x.kind === 'compare' && x.django.includes('.py')).map((x) => `/${c.slug}/#compare-${x.n}-django`));
    expect([...linked].sort()).toEqual([...python].sort());
  });

  it('lists the APIs the issue names, each linked to its comparison, section and exercises', () => {
    const byApi = new Map(entries.map((e) => [e.api, e]));
    for (const api of ['select_related', '@login_required', 'transaction.atomic', 'MIDDLEWARE', 'serializers.Serializer', 'sync_to_async', 'get_object_or_404']) {
      expect(byApi.get(api), api).toBeDefined();
    }
    const selectRelated = byApi.get('select_related')!;
    expect(selectRelated.uses.map((u) => [u.compare?.href ?? null, u.section?.href])).toEqual([
      ['/03-sql-first/#compare-1-django', '/03-sql-first/#the-join-you-can-see'],
      [null, '/10-where-to-start/#the-django-endpoint-is-the-specification'],
    ]);
    // Shown only as Django code (chapter 6 has no TypeScript twin of it): linked to its sections.
    expect(byApi.get('sync_to_async')!.uses.map((u) => [u.compare, u.section?.slug])).toEqual([
      [null, 'the-async-orm'],
      [null, 'the-sync-library-trap'],
    ]);
    // Its exercises are those whose Django pane calls it, and only those.
    expect(selectRelated.exercises.map((e) => e.name)).toEqual(['invoice-detail', 'scoped-invoice', 'invoice-page', 'invoice-search', 'port-expense-list']);
    expect(byApi.get('prefetch_related')!.exercises).toEqual([]);
  });

  it('sorts A–Z ignoring @, <, a call\'s () and case, with one anchor per entry', () => {
    // reverse() sorts before reverse_sql, as reverse does.
    const keys = entries.map((e) => e.api.replace(/^@|[<>]|\(\)$/g, '').toLowerCase());
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe('section anchors are the ids Astro gives headings', () => {
  const source = (body: string) => readChapterSource('x.mdx', `---\ntitle: T\n---\n${body}`);
  const compare = (ref = 'a/django/v.py#r') => `<Compare\n  django="${ref}"\n  covers={['x']}\n  ts="a/snippets/t.ts#r"\n/>\n`;

  it('from the rendered text: code spans, links and punctuation as github-slugger treats them', () => {
    const [a, b, c] = source(
      `## \`request.user\` becomes a parameter\n${compare()}### Login required by default (Django 5.1+)\n${compare()}## [N+1](https://example.com), **counted**\n${compare()}`,
    );
    expect(a!.section!.slug).toBe('requestuser-becomes-a-parameter');
    expect(b!.section!.slug).toBe('login-required-by-default-django-51');
    expect(c!.section).toMatchObject({ text: 'N+1, counted', slug: 'n1-counted' });
  });

  it('counts every heading (a repeated one gets -1), skips fenced code and front matter, and numbers comparisons in page order', () => {
    const found = source(`## Setup\n\n\`\`\`sh\n## not a heading\n\`\`\`\n#### Setup\n## Setup\n${compare('a/django/one.py')}\n${compare('a/django/two.py')}`);
    expect(found.map((f) => [f.n, f.django, f.section?.slug])).toEqual([
      [1, 'a/django/one.py', 'setup-2'],
      [2, 'a/django/two.py', 'setup-2'],
    ]);
  });
});

describe('a declaration its code does not back stops the build', () => {
  const code: Record<string, string> = {
    'c/django/views.py#detail': [
      '@login_required',
      'def detail(request, pk):',
      '    # select_related would avoid a second query here',
      '    invoice = Invoice.objects.get(pk=pk)',
      '    with transaction.atomic():',
      '        invoice.save(update_fields=["status"])',
    ].join('\n'),
  };
  const chapter = (covers: string, ref = 'c/django/views.py#detail'): ChapterInput => ({
    slug: '03-c',
    number: 3,
    title: 'C',
    file: 'content/03-c/index.mdx',
    mdx: `## Where\n\n<Compare\n  django="${ref}"\n  ${covers}\n  ts="c/snippets/t.ts#detail"\n/>\n`,
  });
  const collect = (covers: string, ref?: string) => collectIndex([chapter(covers, ref)], [], (r) => code[r]!);

  it('accepts what the code shows', () => {
    const [login, atomic, fields] = collect("covers={['transaction.atomic', '@login_required', 'update_fields']}");
    expect([login!.api, atomic!.api, fields!.api]).toEqual(['@login_required', 'transaction.atomic', 'update_fields']);
    expect(login!.uses[0]).toMatchObject({ compare: { n: 1, href: '/03-c/#compare-1-django' }, section: { href: '/03-c/#where' } });
  });

  it('names the chapter, the comparison and the API', () => {
    expect(() => collect("covers={['transaction.atomic', 'prefetch_related']}")).toThrow(
      /content\/03-c\/index\.mdx:3, comparison 1 \(c\/django\/views\.py#detail\) covers `prefetch_related`, which its Django code does not show/,
    );
  });

  it('does not count a comment, a name inside a longer one, or a decorator that is only called', () => {
    expect(() => collect("covers={['select_related']}")).toThrow(/covers `select_related`/);
    expect(() => collect("covers={['atomic_block']}")).toThrow(/covers `atomic_block`/);
    expect(() => collect("covers={['@transaction.atomic']}")).toThrow(/covers `@transaction.atomic`/);
    expect(() => collect("covers={['save()']}")).not.toThrow();
    expect(() => collect("covers={['get_object_or_404()']}")).toThrow(/covers `get_object_or_404\(\)`/);
  });

  it('refuses a comparison without covers, empty covers on Django code, covers on a pane that is not Django, and two spellings of one API', () => {
    expect(() => collect('tsLabel="SQL"')).toThrow(/comparison 1 .* has no covers line/);
    expect(() => collect('covers={[]}')).toThrow(/shows Django code but covers=\{\[\]\}/);
    code['c/snippets/q.sql#q'] = 'SELECT 1';
    expect(collect('covers={[]}', 'c/snippets/q.sql#q')).toEqual([]);
    expect(() => collect("covers={['select_related']}", 'c/snippets/q.sql#q')).toThrow(/is not Python code/);
    const twice = { ...chapter("covers={['transaction.atomic']}"), mdx: chapter("covers={['transaction.atomic']}").mdx + chapter("covers={['@transaction.atomic']}").mdx };
    code['c/django/views.py#detail'] += '\n@transaction.atomic\ndef pay(): pass';
    expect(() => collectIndex([twice], [], (r) => code[r]!)).toThrow(/writes `@transaction.atomic`, another place writes `transaction.atomic`/);
    expect(() => collect("covers={[\"double\"]}")).toThrow(/expected a list of 'quoted' names/);
  });
});

describe('Django shown alone (a Python <Snippet>) is indexed too', () => {
  const code: Record<string, string> = {
    'c/django/a.py#trap': 'profile = await sync_to_async(upstream.profile)(uid)',
    'c/django/a.py#gather': 'await asyncio.gather(a(), b())\nfoo = sync_to_async(bar)',
    'c/snippets/t.ts#x': 'export const x = 1;',
  };
  const chapter = (mdx: string): ChapterInput => ({ slug: '06-c', number: 6, title: 'C', file: 'content/06-c/index.mdx', mdx });
  const collect = (mdx: string) => collectIndex([chapter(mdx)], [], (r) => code[r]!);

  it('links the section, not a pane, and once per section', () => {
    const entries = collect(
      [
        '## Gather',
        '<Compare',
        '  django="c/django/a.py#gather"',
        "  covers={['asyncio.gather', 'sync_to_async']}",
        '/>',
        `<Snippet file="c/django/a.py#gather" mark={[1]} covers={['sync_to_async']} />`,
        '## The trap',
        `<Snippet file="c/django/a.py#trap" covers={['sync_to_async']} />`,
        `<Snippet file="c/django/a.py#trap" covers={['sync_to_async']} />`,
        '<Snippet file="c/snippets/t.ts#x" />',
      ].join('\n'),
    );
    expect(entries.find((e) => e.api === 'sync_to_async')!.uses.map((u) => [u.compare?.href ?? null, u.section?.href])).toEqual([
      ['/06-c/#compare-1-django', '/06-c/#gather'],
      [null, '/06-c/#the-trap'],
    ]);
  });

  it('needs covers on a Python snippet (empty allowed), checks them, and refuses a multi-line tag', () => {
    expect(() => collect('## S\n<Snippet file="c/django/a.py#trap" mark={[1]} />')).toThrow(/:2, Django snippet \(c\/django\/a\.py#trap\) has no covers/);
    expect(collect('## S\n<Snippet file="c/django/a.py#trap" covers={[]} />')).toEqual([]);
    expect(() => collect(`## S\n<Snippet file="c/django/a.py#trap" covers={['asyncio.gather']} />`)).toThrow(/Django snippet \(c\/django\/a\.py#trap\) covers `asyncio.gather`, which its Django code does not show/);
    expect(() => collect('## S\n<Snippet file="c/django/a.py#trap"\n  covers={[]} />')).toThrow(/must be one line/);
  });
});

describe('exercises link to an API only when their brief shows it', () => {
  const starter = (name: string, python: string) =>
    ['/**', ` * Exercise: ${name} — do a thing.`, ' *', ' * The Django view you are porting:', ' *', ...python.split('\n').map((l) => ` *     ${l}`), ' *', ' * Requirements (the grader checks each one):', ' *   - it works, with `is_valid` in prose.', ' */', 'export {};'].join('\n');
  const exercise = (name: string, python: string): ExerciseInput => ({ name, title: name, chapter: '03-c', brief: parseBrief(`${name}.ts`, starter(name, python)) });
  const chapter: ChapterInput = {
    slug: '03-c',
    number: 3,
    title: 'C',
    file: 'c.mdx',
    mdx: "## S\n<Compare\n  django=\"v.py\"\n  covers={['select_related', 'prefetch_related', 'is_valid']}\n/>\n",
  };
  const code = 'qs.select_related("a").prefetch_related("b")\nform.is_valid()';

  it('matches the Django pane and inline code, never a comment, and gives none rather than the chapter’s exercises', () => {
    const entries = collectIndex(
      [chapter],
      [exercise('uses-it', 'qs = Invoice.objects.select_related("customer")'), exercise('mentions-it', '# prefetch_related would be two queries\nqs = Invoice.objects.all()')],
      () => code,
    );
    const by = Object.fromEntries(entries.map((e) => [e.api, e.exercises.map((x) => x.name)]));
    expect(by).toEqual({ is_valid: ['uses-it', 'mentions-it'], prefetch_related: [], select_related: ['uses-it'] });
    expect(entries.find((e) => e.api === 'select_related')!.exercises[0]!.href).toBe('/exercises/uses-it/');
  });

  it('parses every real starter it reads', () => {
    expect(exerciseInputs().length).toBeGreaterThan(0);
  });
});

describe('API names', () => {
  it('respect identifier boundaries, decorators, calls and placeholders', () => {
    expect(appearsIn('select_related', 'Invoice.objects.select_related("c")')).toBe(true);
    expect(appearsIn('select_related', 'my_select_related = 1')).toBe(false);
    expect(appearsIn('request.user', 'self.request.user.id')).toBe(true);
    expect(appearsIn('request.user', 'request.user_id')).toBe(false);
    expect(appearsIn('@login_required', 'from x import login_required')).toBe(false);
    expect(appearsIn('@login_required', '@login_required\ndef v(r): ...')).toBe(true);
    expect(appearsIn('<int:pk>', 'path("a/<int:pk>/", v)')).toBe(true);
    expect(appearsIn('clean_<field>', 'def clean_customer_id(self):')).toBe(true);
    expect(appearsIn('clean_<field>', 'def clean(self):')).toBe(false);
  });

  it('drop comments but not a # inside a string', () => {
    expect(withoutComments('x = "a # b"  # note\n# all of it')).toBe('x = "a # b"\n');
  });

  it('are searched for as a reader types them', () => {
    expect(['@login_required', 'include()', '<int:pk>', 'clean_<field>'].map(searchTerm)).toEqual(['login_required', 'include', 'int:pk', 'clean_field']);
  });
});

describe('the built-site check notices a page that drifted', () => {
  const dist = mkdtempSync(join(tmpdir(), 'djts-index-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const write = (path: string, html: string) => {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), html);
  };
  const chapter: ChapterInput = {
    slug: '03-c',
    number: 3,
    title: 'C',
    file: 'c.mdx',
    mdx: "## The JOIN\n<Compare\n  django=\"v.py\"\n  covers={['select_related']}\n/>\n",
  };
  const entries = collectIndex([chapter], [], () => 'qs.select_related("customer")');
  const pane = (code: string, cls = 'compare-django') =>
    `<h2 id="the-join">The JOIN</h2><figure class="compare-pane ${cls}" id="compare-1-django"><figcaption>Django</figcaption><pre><code><div class="ec-line">${code}</div></code></pre></figure>`;
  const index = (links: string[]) => `<main><section><h2 id="letter-s">S</h2><div><h3 id="api-select_related"><code>select_related</code></h3><ul>${links.map((l) => `<li><a href="${l}">x</a></li>`).join('')}</ul></div></section><footer><a href="/01-x/">next</a></footer></main>`;
  const good = ['/03-c/#the-join', '/03-c/#compare-1-django'];

  it('passes the page the collection describes', () => {
    write('django-index/index.html', index(good));
    write('03-c/index.html', pane('qs.<span>select_related</span>(&#x22;customer&#x22;)'));
    expect(linksOnPage(index(good))).toEqual(new Map([['api-select_related', good]]));
    expect(builtIndexProblems(entries, dist)).toEqual([]);
  });

  it('follows a Django-only use to its section, whose code must show the API', () => {
    const alone: ChapterInput = { ...chapter, mdx: `## The JOIN\n<Snippet file="v.py" covers={['select_related']} />\n` };
    const only = collectIndex([alone], [], () => 'qs.select_related("customer")');
    write('django-index/index.html', index(['/03-c/#the-join']));
    const section = (code: string) => `<h2 id="the-join">The JOIN</h2><p><code>select_related</code> in prose</p><pre><code><div class="ec-line">${code}</div></code></pre><h2 id="next">Next</h2><pre>qs.select_related()</pre>`;
    write('03-c/index.html', section('qs.select_related("customer")'));
    expect(builtIndexProblems(only, dist)).toEqual([]);
    write('03-c/index.html', section('qs.all()'));
    expect(builtIndexProblems(only, dist)).toEqual(['`select_related`: no code block in /03-c/#the-join shows it']);
  });

  it('fails a missing link, a pane that is not Django, a pane that does not show the API, and a missing entry', () => {
    write('django-index/index.html', index([good[1]!]));
    expect(builtIndexProblems(entries, dist).join('\n')).toMatch(/links \/03-c\/#compare-1-django, expected/);
    write('django-index/index.html', index(good));
    write('03-c/index.html', pane('qs.select_related()', 'compare-ts'));
    expect(builtIndexProblems(entries, dist).join('\n')).toMatch(/is not a comparison's Django pane/);
    write('03-c/index.html', pane('# select_related\nqs.all()'));
    expect(builtIndexProblems(entries, dist).join('\n')).toMatch(/does not show it/);
    write('django-index/index.html', '<main></main>');
    expect(builtIndexProblems(entries, dist).join('\n')).toMatch(/no entry for `select_related`/);
  });
});
