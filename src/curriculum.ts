/**
 * The curriculum manifest: the single source of truth for chapters,
 * exercises, hints and time budgets. The site (sidebar, plan, chapter
 * footers), the learner CLI (`npm test`, hints, reset) and `npm run verify`
 * all read this file; nothing else lists chapters or exercises.
 */
import { z } from 'zod';

/** Which in-memory Postgres grades an exercise (see research on pg-mem vs PGlite). */
export const Engine = z.enum(['pg-mem', 'pglite']);
export type Engine = z.infer<typeof Engine>;

const Exercise = z.strictObject({
  /** Globally unique, used on the command line: `npm test -- invoice-detail`. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(3),
  /** One sentence: what the learner builds. */
  goal: z.string().min(10),
  minutes: z.number().int().min(5).max(240),
  /** `null` when the exercise never touches a database. */
  engine: Engine.nullable(),
  /** Ordered from gentle nudge to near-answer; `npm run hint` shows them one by one. */
  hints: z.array(z.string().min(10)).min(2),
});

const Chapter = z.strictObject({
  slug: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  number: z.number().int().positive(),
  title: z.string(),
  summary: z.string(),
  /** Day of the one-week onboarding plan (1–5). */
  day: z.number().int().min(1).max(5),
  readingMinutes: z.number().int().positive(),
  /** `planned` chapters appear in the plan as "in preparation" and have no page yet. */
  status: z.enum(['ready', 'planned']),
  exercises: z.array(Exercise),
});

const Curriculum = z.array(Chapter).superRefine((chapters, ctx) => {
  const names = new Set<string>();
  chapters.forEach((chapter, i) => {
    if (chapter.number !== i + 1) ctx.addIssue({ code: 'custom', message: `chapter ${chapter.slug} should be number ${i + 1}` });
    if (!chapter.slug.startsWith(String(chapter.number).padStart(2, '0'))) {
      ctx.addIssue({ code: 'custom', message: `slug ${chapter.slug} does not start with its number` });
    }
    for (const ex of chapter.exercises) {
      if (names.has(ex.name)) ctx.addIssue({ code: 'custom', message: `duplicate exercise name ${ex.name}` });
      names.add(ex.name);
    }
  });
});

export type Chapter = z.infer<typeof Chapter>;
export type Exercise = z.infer<typeof Exercise> & { chapter: string };

export const chapters: readonly Chapter[] = Curriculum.parse([
  {
    slug: '01-shape-of-a-service',
    number: 1,
    title: 'The shape of a web service',
    summary: 'A Django view next to a handler built on the Web-standard Request and Response, an explicit request context instead of request.user, and cancellation through AbortSignal.',
    day: 1,
    readingMinutes: 25,
    status: 'ready',
    exercises: [
      {
        name: 'greet',
        title: 'Your first handler',
        goal: 'Answer GET /greet?name=… with JSON, and a 400 with a JSON error body for a missing or oversized name.',
        minutes: 10,
        engine: null,
        hints: [
          'new URL(request.url).searchParams.get("name") returns null when the parameter is missing, and "" when it is present but empty. Both are a 400 here.',
          'Response.json(body, { status }) sets Content-Type: application/json for you. Build the error body with the same helper so every answer is JSON.',
          'Check the trimmed length and the raw length separately: "   " is empty after trimming, and a 10,000-character name must be rejected before you build the greeting.',
        ],
      },
      {
        name: 'invoice-detail',
        title: 'Invoice detail, scoped to its owner',
        goal: 'Serve GET /invoices/:id for the signed-in user: 400 for a malformed id, 404 for a missing invoice and for another owner’s invoice alike.',
        minutes: 25,
        engine: 'pg-mem',
        hints: [
          'Parse the id with a strict regular expression such as /^[1-9][0-9]{0,9}$/ before converting it. Number("1e3") and parseInt("12abc") both accept input you want to reject, and Postgres integer ids stop at 2147483647.',
          'Put the owner in the WHERE clause: one query, WHERE id = $1 AND owner_id = $2. Then "missing" and "someone else’s" are the same empty result, and the same 404.',
          'Never build SQL with template strings. Pass values as the second argument: db.query(text, [id, ctx.userId]).',
        ],
      },
    ],
  },
  {
    slug: '02-routing',
    number: 2,
    title: 'Routing',
    summary: 'URLconf and method decorators versus method and path registered together on a router: 404, 405 with Allow, HEAD, and when Hono is worth it.',
    day: 1,
    readingMinutes: 20,
    status: 'ready',
    exercises: [
      {
        name: 'router',
        title: 'Build the router',
        goal: 'Write a method-and-path router over Request/Response: params, 404, 405 with Allow, HEAD, and trailing slashes.',
        minutes: 45,
        engine: null,
        hints: [
          'Split the pattern and the path on "/" and compare segment by segment; a segment starting with ":" captures the matching path segment. Keep routes in registration order.',
          'Find every route whose path matches before looking at the method. No path match is a 404; a path match with no method match is a 405, and the Allow header lists the methods that did match (sorted, HEAD included whenever GET is).',
          'For HEAD, run the GET handler and return new Response(null, { status, headers }). Percent-decode params with decodeURIComponent inside a try/catch: a malformed escape is a 400, not a crash. Store params in Object.create(null) or a Map so a segment called __proto__ is just a string.',
        ],
      },
      {
        name: 'hono-urlconf',
        title: 'The URLconf, in Hono',
        goal: 'Port a Django URLconf with <int:pk> converters and an include() to a Hono app with grouped routes and JSON errors.',
        minutes: 20,
        engine: null,
        hints: [
          'Hono path params accept a regular expression: "/:id{[0-9]+}" plays the part of Django’s <int:pk>, so "/invoices/abc" never reaches your handler.',
          'include() becomes app.route("/api", api): build a sub-app for the invoice routes and mount it once.',
          'app.notFound((c) => c.json(..., 404)) replaces the default text/plain 404 body for every unmatched path.',
        ],
      },
    ],
  },
  planned(3, '03-sql-first', 'SQL-first data access', 'The ORM question: queries in .sql files called through typed functions, N+1 made visible, parameterised SQL, transactions and constraint errors.', 2, 40),
  planned(4, '04-middleware', 'Middleware', 'A middleware class versus a function from handler to handler: request ids, authentication, timing and an error boundary, composed in one line.', 2, 25),
  planned(5, '05-validation', 'Validation', 'Pydantic and DRF serializers versus one zod schema that is both the runtime check and the static type; 400 versus 422; OpenAPI in both directions.', 3, 30),
  planned(6, '06-concurrency', 'Concurrency', 'The GIL and asyncio.gather versus the event loop, Promise.all and the errgroup pattern with AbortController; what CPU-bound work does to Node.', 3, 30),
  planned(7, '07-dependency-injection', 'Dependency injection', 'FastAPI Depends and module-level singletons versus handlers that receive their dependencies; main wires the graph; tests pass fakes.', 4, 20),
  planned(8, '08-habits-to-unlearn', 'Habits to unlearn', 'One framework for everything, exceptions for control flow, clever generic types, living in the REPL, and requirements.txt thinking.', 4, 20),
  planned(9, '09-what-python-does-better', 'What Python still does better', 'Data science, notebooks, scripts and the Django admin: where to keep Python and how the boundary looks.', 4, 10),
  planned(10, '10-where-to-start', 'Where to start', 'Strangle one painful endpoint: same database, both versions behind the proxy, responses compared, then traffic moved.', 5, 20),
]);

function planned(number: number, slug: string, title: string, summary: string, day: number, readingMinutes: number) {
  return { slug, number, title, summary, day, readingMinutes, status: 'planned' as const, exercises: [] };
}

export const readyChapters = chapters.filter((c) => c.status === 'ready');

export const exercises: readonly Exercise[] = chapters.flatMap((c) =>
  c.exercises.map((e) => ({ ...e, chapter: c.slug })),
);

/** Paths are repository-relative and identical under exercises/, solutions/ and test/. */
export const paths = {
  starter: (e: Exercise) => `exercises/${e.chapter}/${e.name}.ts`,
  solution: (e: Exercise) => `solutions/${e.chapter}/${e.name}.ts`,
  grader: (e: Exercise) => `test/${e.chapter}/${e.name}.test.ts`,
  wrongDir: (e: Exercise) => `test/${e.chapter}/wrong`,
  /** Import specifier a grader uses; an alias points it at the code under test. */
  specifier: (e: Exercise) => `@exercise/${e.chapter}/${e.name}`,
};

export function findExercises(query: string | undefined): Exercise[] {
  if (!query) return [...exercises];
  const q = query.toLowerCase();
  const byChapter = chapters.find((c) => c.slug === q || c.slug.startsWith(q) || String(c.number) === q.replace(/^0+/, ''));
  if (byChapter) return exercises.filter((e) => e.chapter === byChapter.slug);
  return exercises.filter((e) => e.name === q || e.name.includes(q));
}
