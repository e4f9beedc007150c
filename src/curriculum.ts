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
  /**
   * The grader runs its date tests under time zones far from UTC
   * (src/workbook/testing/time-zones.ts). Only a forked process can change
   * its zone, so vitest-projects.ts puts this grader in a `forks` pool.
   */
  dates: z.boolean().optional(),
  /**
   * Whether the exercise page grades it in the reader's browser (the real
   * grader, bundled at build time, in a Web Worker with PGlite), or why it
   * runs only under `npm test` — a sentence the page shows as it is.
   */
  browser: z.union([z.literal('grades'), z.strictObject({ localOnly: z.string().min(40).endsWith('.') })]),
  /** Ordered from gentle nudge to near-answer; `npm run hint` shows them one by one. */
  hints: z.array(z.string().min(10)).min(2),
});

const Chapter = z.strictObject({
  slug: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  number: z.number().int().positive(),
  title: z.string(),
  summary: z.string(),
  /** Day of the onboarding plan: Part I is week 1 (days 1–5), Part II week 2 (days 6–10). */
  day: z.number().int().min(1).max(10),
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
        browser: 'grades',
        hints: [
          'new URL(request.url).searchParams.get("name") returns null when the parameter is missing, and "" when it is present but empty. Both are a 400 here.',
          'Response.json(body, { status }) sets Content-Type: application/json for you. Build the error body with the same helper so every answer is JSON.',
          'Trim first, then check the trimmed name twice: empty ("   " trims to "") and too long. Count characters with [...name].length, which splits the string into code points as Python\'s len() does; name.length counts UTF-16 units, so "🦄" would count 2. Intl.Segmenter would count graphemes, what a reader sees as one character ("👍🏽" is two code points, one grapheme), but the grader follows Django and counts code points.',
        ],
      },
      {
        name: 'invoice-detail',
        title: 'Invoice detail, scoped to its owner',
        goal: 'Serve GET /invoices/:id for the signed-in user: 400 for a malformed id, 404 for a missing invoice and for another owner’s invoice alike.',
        minutes: 25,
        engine: 'pg-mem',
        browser: 'grades',
        hints: [
          'Parse the id with a strict regular expression such as /^[1-9][0-9]{0,15}$/ before converting it. Number("1e3") and parseInt("12abc") both accept input you want to reject. Ids are bigint, so 2147483648 is valid; stop at Number.MAX_SAFE_INTEGER, past which Number() rounds to another id.',
          'Put the owner in the WHERE clause: one query, WHERE id = $1 AND owner_id = $2. Then "missing" and "someone else’s" are the same empty result, and the same 404.',
          'Never build SQL with template strings. Pass values as the second argument: db.query(text, [id, ctx.user.id]).',
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
        browser: 'grades',
        hints: [
          'Split the pattern and the path on "/" and compare segment by segment; a segment starting with ":" captures the matching path segment. Keep routes in registration order, in an array created inside createRouter() so that two routers never share one.',
          'Find every route whose path matches before looking at the method. No path match is a 404; a path match with no method match is a 405, and the Allow header lists the methods that did match (each method once — a Set drops repeats —, sorted, HEAD included whenever GET is).',
          'For HEAD, run the path’s HEAD route if it has one, otherwise its GET handler, and return new Response(null, { status, headers }). Build a fresh params object for every request: a handler may still be awaiting when the next request arrives. Percent-decode params with decodeURIComponent inside a try/catch: a malformed escape is a 400, not a crash. Store params in Object.create(null) or a Map so a segment called __proto__ is just a string.',
        ],
      },
      {
        name: 'hono-urlconf',
        title: 'The URLconf, in Hono',
        goal: 'Port a Django URLconf with <int:pk> converters and an include() to a Hono app with grouped routes and JSON errors.',
        minutes: 20,
        engine: null,
        browser: 'grades',
        hints: [
          'Hono path params accept a regular expression: "/:id{[0-9]+}" plays the part of Django’s <int:pk>, so "/invoices/abc" never reaches your handler.',
          'include() becomes app.route("/api", api): build a sub-app for the invoice routes and mount it once.',
          'app.notFound((c) => c.json(..., 404)) replaces the default text/plain 404 body for every unmatched path, whatever the method (a catch-all app.get("*") route would not). app.onError((error, c) => …) does the same for a thrown error: log it, answer 500 JSON without its message.',
        ],
      },
    ],
  },
  {
    slug: '03-sql-first',
    number: 3,
    title: 'SQL-first data access',
    summary: 'The ORM question: queries in .sql files called through typed functions, N+1 made visible, parameterised SQL, transactions and constraint errors.',
    day: 2,
    readingMinutes: 40,
    status: 'ready',
    exercises: [
      {
        name: 'scoped-invoice',
        title: 'Invoice detail through a generated query',
        goal: 'Write the owner-scoped JOIN in scoped-invoice.sql, run npm run sqlgen, and serve GET /invoices/:id with identical 404s for missing and foreign invoices.',
        minutes: 25,
        engine: 'pglite',
        browser: { localOnly: 'You write SQL in a .sql file and `npm run sqlgen` turns it into typed functions, which runs in Node; and the grader moves the server\'s clock to UTC+14 and UTC−11, which a browser tab cannot do.' },
        dates: true,
        hints: [
          'Start in the .sql file, not the .ts file: JOIN billing_customer, add "AND i.owner_id = $2", name both parameters in "-- params: id, ownerId", then run npm run sqlgen and let the type errors guide you.',
          'A date column becomes a JavaScript Date at local midnight. Select i.issued_on::text AS issued_on and you get "2026-01-15" exactly; add "-- notnull: issued_on" because Postgres cannot vouch for a computed column.',
          'Validate the id with /^[1-9][0-9]{0,15}$/ and a <= Number.MAX_SAFE_INTEGER check before calling invoiceForOwner(ctx.db, { id, ownerId: ctx.user.id }); a null result is the one 404 for both cases.',
        ],
      },
      {
        name: 'invoice-page',
        title: 'A page of invoices without N+1',
        goal: 'Serve a page of invoices with customer, item count and items total in a fixed number of statements, whatever the page size, with totals exact to the cent.',
        minutes: 35,
        engine: 'pglite',
        browser: { localOnly: 'You write SQL in a .sql file and `npm run sqlgen` turns it into typed functions, which runs in Node; and the grader moves the server\'s clock to UTC+14 and UTC−11, which a browser tab cannot do.' },
        dates: true,
        hints: [
          'The grader counts statements for 1 invoice and for 50: they must be equal. One query with JOIN billing_customer, LEFT JOIN billing_lineitem and GROUP BY does the whole page.',
          'count() and sum() of integers come back from node-postgres as strings (bigint, numeric). Cast in SQL (count(li.id)::int) or convert once with Number(); never add money as strings or floats.',
          'LEFT JOIN keeps invoices without items, and coalesce(sum(li.quantity::bigint * li.unit_price_cents), 0)::bigint turns their NULL sum into 0 without overflowing int4. Order by issued_on DESC, id DESC. Check ?page= with a pattern such as /^[1-9][0-9]{0,5}$/: Number() accepts "1e1", "0x2" and " 2", and a 20-digit page makes an OFFSET Postgres cannot read.',
        ],
      },
      {
        name: 'invoice-search',
        title: 'Search, sort and paginate safely',
        goal: 'Search invoices by user-supplied text with escaped ILIKE wildcards, sort only by allow-listed keys (400 otherwise), paginate, and keep every value out of the SQL text.',
        minutes: 40,
        engine: 'pglite',
        browser: { localOnly: 'You write SQL in a .sql file and `npm run sqlgen` turns it into typed functions, which runs in Node; and the grader moves the server\'s clock to UTC+14 and UTC−11, which a browser tab cannot do.' },
        dates: true,
        hints: [
          'Every user value is a parameter, including the sort key: ORDER BY CASE WHEN $3 = \'number\' THEN i.number END, CASE WHEN $3 = \'-number\' THEN i.number END DESC, … keeps the SQL fixed.',
          'In ILIKE, % and _ are wildcards and \\ is the escape character. Escape all three in the user text (backslash first), then wrap it in %…%: replace(replace(replace($2, \'\\\', \'\\\\\'), \'%\', \'\\%\'), \'_\', \'\\_\').',
          'Check the sort against a fixed list before touching the database and answer 400 { error: "invalid_sort" } otherwise — SORTS.includes(sort), not `sort in {...}`: "constructor" and "toString" are in every object. The same for a page that is not a positive integer, and count q with [...q].length, as Python counts characters.',
        ],
      },
      {
        name: 'create-with-items',
        title: 'Create with items, in one transaction',
        goal: 'Insert an invoice and its line items atomically with a withTransaction() helper, mapping SQLSTATE 23505 to 409 and a missing customer or rejected item to 422, never a 500.',
        minutes: 45,
        engine: 'pglite',
        browser: { localOnly: 'You write SQL in a .sql file and `npm run sqlgen` turns it into typed functions, which runs in Node; and the grader moves the server\'s clock to UTC+14 and UTC−11, which a browser tab cannot do.' },
        dates: true,
        hints: [
          'withTransaction(pool, fn): const client = await pool.connect(); BEGIN; run fn(client); COMMIT; on any error ROLLBACK and rethrow; release the client in every path. Every statement inside must use the client, never the pool.',
          'Catch the error outside the transaction and look at error.code: "23505" is a unique violation (the invoice number), "23514" a CHECK (quantity, price), "23503" a foreign key, "22003" a number too big for its column (the total). Map each to a status and write your own message (error.detail shows ids and column names); rethrow anything else.',
          'INSERT … SELECT … FROM billing_customer WHERE id = $2 AND owner_id = $1 RETURNING id inserts nothing for a missing or foreign customer: throw inside the callback so the transaction rolls back, and answer 422.',
        ],
      },
    ],
  },
  {
    slug: '04-middleware',
    number: 4,
    title: 'Middleware',
    summary: 'A middleware class versus a function from handler to handler: request ids, authentication, timing and an error boundary, composed in one line.',
    day: 3,
    readingMinutes: 25,
    status: 'ready',
    exercises: [
      {
        name: 'request-id',
        title: 'Request ids',
        goal: 'Give every request an id (a fresh UUID or a well-formed incoming X-Request-Id), hand it to the handler in the context and echo it on every response, including the 400 for a malformed one.',
        minutes: 20,
        engine: null,
        browser: 'grades',
        hints: [
          'request.headers.get("x-request-id") is null when the header is absent and "" when it is present but empty. Absent means "generate one"; anything present must match the rule or it is a 400.',
          'Anchor the pattern at both ends: /^[A-Za-z0-9._-]{1,64}$/. Without ^ and $, "a b" passes because it contains "a".',
          'Some Responses have immutable headers (Response.redirect(), anything from fetch()). Copy before you set: const out = new Response(res.body, res); out.headers.set("X-Request-Id", id); return out.',
        ],
      },
      {
        name: 'bearer-auth',
        title: 'Bearer tokens, compared in constant time',
        goal: 'Turn "Authorization: Bearer <token>" into a user id in a typed context, against stored SHA-256 digests compared with crypto.timingSafeEqual; anything else is a JSON 401 with WWW-Authenticate: Bearer and the handler never runs.',
        minutes: 25,
        engine: null,
        browser: { localOnly: 'The answer compares secrets with node:crypto\'s timingSafeEqual, and the grader spies on that module to check you use it; browsers have no such function (Web Crypto has no constant-time compare).' },
        hints: [
          'Parse strictly: one scheme word, one space, one token. /^Bearer ([A-Za-z0-9._~+\\/-]+=*)$/i does both jobs; header.split(" ")[1] happily accepts "Basic <token>".',
          'Only digests are stored, so hash what the client sent: createHash("sha256").update(token).digest() is a 32-byte Buffer, the same length as every stored digest, which is what timingSafeEqual requires. Check each stored sha256 with /^[0-9a-f]{64}$/i when bearerAuth(tokens) runs: Buffer.from(text, "hex") silently stops at the first character that is not hex.',
          'Compare with timingSafeEqual(Buffer.from(record.sha256, "hex"), digest) for each record; never === on the hex strings. Call next(request, { ...ctx, userId }) only after a match, and return the 401 without calling next otherwise.',
        ],
      },
      {
        name: 'error-boundary',
        title: 'One place for errors',
        goal: 'Map a thrown HttpError to its status and public code, and anything else (thrown or rejected) to a JSON 500 with the request id and nothing from the error, logging the original.',
        minutes: 20,
        engine: null,
        browser: 'grades',
        hints: [
          'Write return await next(request, ctx) inside the try. Without the await, the try block finishes before the promise rejects and the rejection escapes your catch.',
          'Use error instanceof HttpError to recognise the errors you meant to throw. Do not duck-type error.status: libraries attach a status to errors whose messages you must not show.',
          'The 500 body is always exactly { error: "internal", requestId: ctx.requestId }. Pass the original error object to log.error(error, { requestId }) so the details go to the log and not to the client.',
        ],
      },
      {
        name: 'compose',
        title: 'Compose the chain',
        goal: 'Write compose(...middlewares): the first listed runs outermost, a middleware that does not call next stops the chain, and next can be called at most once per request.',
        minutes: 25,
        engine: null,
        browser: 'grades',
        hints: [
          'compose(a, b, c)(handler) must behave like a(b(c(handler))). Array.prototype.reduceRight starts from the last middleware, which is the one that wraps the handler.',
          'The "at most once" rule is per request, so the guard cannot be a variable created when compose() runs: a second request would find it already set. Create it inside the function that handles one request.',
          'For each request, wrap the inner handler in a one-shot function (let called = false; if (called) throw new Error("next() called more than once")) and call middleware(oneShot)(request, ctx). Pass on whatever request and ctx the middleware gives to next.',
        ],
      },
    ],
  },
  {
    slug: '05-validation',
    number: 5,
    title: 'Validation',
    summary: 'Pydantic and DRF serializers versus one zod schema that is both the runtime check and the static type; 400 versus 422; OpenAPI in both directions.',
    day: 3,
    readingMinutes: 30,
    status: 'ready',
    exercises: [
      {
        name: 'create-invoice',
        title: 'Create an invoice, strictly',
        goal: 'POST /invoices: 415, 413, 400 and 422 with field errors for everything a client can get wrong, then insert a draft for one of the user’s own customers and answer 201 with the row.',
        minutes: 35,
        engine: 'pglite',
        browser: 'grades',
        hints: [
          'Check in the order the request arrives: Content-Type first (415), then the size while you read (413), then JSON.parse (400), then the schema (422). Each step only runs if the one before passed, so nothing invalid reaches the database.',
          'z.strictObject with z.int(), z.enum([...]) and z.string().max(500).default("") says it all: no z.coerce (it turns "100" into 100), no z.object (it silently drops owner_id and __proto__). Map error.issues to { path: issue.path.join("."), message }; an unrecognized_keys issue lists its keys in issue.keys.',
          'Do not trust Content-Length: read request.body with getReader(), add up value.byteLength and cancel past the limit. For the owner check, INSERT … SELECT c.owner_id, c.id, $3, $4, $5 FROM billing_customer c WHERE c.id = $1 AND c.owner_id = $2 RETURNING …: no row back means "not your customer", a 422 on customer_id.',
        ],
      },
      {
        name: 'list-filters',
        title: 'Query-string filters',
        goal: 'Parse a list endpoint’s query string (page, per_page, repeated status, an issued_after/issued_before date range) into typed filters, or a 422 that names each bad parameter.',
        minutes: 30,
        engine: null,
        browser: { localOnly: 'The grader moves the server\'s clock to UTC+14 and UTC−11 to catch answers that only work in UTC; a browser tab cannot change its own time zone.' },
        dates: true,
        hints: [
          'Every value in a query string is a string, and any key can appear more than once. Group url.searchParams into a Map of key → string[] first, then validate that object: a parameter given twice is then just an array of length 2.',
          'Convert numbers after a strict pattern such as /^[1-9][0-9]{0,5}$/, never with z.coerce.number(): it accepts "1e2", " 3" and "0x10". z.iso.date() checks real calendar dates, so 2026-02-30 fails, but it lets year 0000 through (a refine on the text stops it). Never check a date through new Date(): its local getters answer in the server’s time zone.',
          'A z.strictObject over the grouped params with .refine(check, { path: ["issued_before"], when }) can compare issued_after and issued_before; ISO dates compare correctly as strings. zod runs a refinement even after a date failed its own check, so let when: ({ issues }) => … skip it unless both dates passed: a bad issued_after is not a range error. Clip nothing: per_page=500 is a 422, not a quiet 100.',
        ],
      },
      {
        name: 'patch-invoice',
        title: 'PATCH without mass assignment',
        goal: 'PATCH /invoices/:id: change only amount_cents, currency and memo of the user’s own invoice; owner_id, id and unknown keys are a 422, an empty patch is a 422, someone else’s invoice is a 404.',
        minutes: 30,
        engine: 'pg-mem',
        browser: 'grades',
        hints: [
          'The schema is the allow-list: z.strictObject({ ... }).partial() over the three editable fields. A key like owner_id then fails validation instead of reaching SQL, and an empty object can be caught with a refine or a key count.',
          'Never build SET from Object.keys(body). Build it from the keys of the parsed data, and map each one through a fixed table of column names, so the only text in the SQL is text you wrote.',
          'One statement: UPDATE billing_invoice SET … WHERE id = $1 AND owner_id = $2 RETURNING …. No row back is a 404 whether the invoice is missing or someone else’s. COALESCE($3, total_cents) for each column is a simpler alternative to a dynamic SET.',
        ],
      },
    ],
  },
  {
    slug: '06-concurrency',
    number: 6,
    title: 'Concurrency',
    summary: 'Blocking views, asyncio.gather and the GIL versus one event loop: Promise.all, the errgroup pattern with AbortController, deadlines, and what CPU-bound work does to every other request.',
    day: 4,
    readingMinutes: 30,
    status: 'ready',
    exercises: [
      {
        name: 'run-group',
        title: 'An errgroup for promises',
        goal: 'Write runGroup(signal, tasks): start every task at once with a shared AbortSignal, abort the others on the first failure, and resolve with all results in order or reject with the first error.',
        minutes: 30,
        engine: null,
        browser: 'grades',
        hints: [
          'Make one AbortController for the group and give every task AbortSignal.any([parent, controller.signal]). Starting the tasks is just tasks.map(...): no await inside the loop.',
          'Wrap each task in an async function with try/catch: on failure call controller.abort(error) and rethrow. abort() does nothing once the signal has fired, so signal.reason stays the FIRST error.',
          'To reject even when tasks ignore their signal, race Promise.all(running) against a promise that rejects with signal.reason on the "abort" event, and remove that listener in a finally: { once: true } removes it only if the signal fires, and the parent may live as long as the server. Promise.all and Promise.race attach handlers to every promise, so no rejection goes unhandled.',
        ],
      },
      {
        name: 'dashboard',
        title: 'A dashboard fan-out with a deadline',
        goal: 'Serve a dashboard from three injected services called concurrently: 200 with the combined JSON, 504 at the deadline, 502 on an upstream failure (logged, never shown), 499 when the client leaves, and every in-flight call aborted.',
        minutes: 40,
        engine: null,
        browser: 'grades',
        hints: [
          'Build one signal for the request: AbortSignal.any([request.signal, deps.timeout(DEADLINE_MS), group.signal]), where group is your own AbortController. Pass it to all three services, started together.',
          'Race Promise.all of the three calls against a promise that rejects when that signal aborts: services that ignore their signal cannot hold the response past the deadline. In the catch, call group.abort() so nothing is left running; in a finally, remove the listener you added.',
          'Decide the status from which signal fired, in order: request.signal.aborted → 499, the deadline signal aborted → 504, otherwise 502, whatever the error is called. Never put the upstream error’s message in the body; pass it to deps.logError once, in that catch.',
        ],
      },
      {
        name: 'map-limit',
        title: 'Bounded concurrency',
        goal: 'Write mapLimit(items, limit, fn, signal?): at most `limit` calls in flight, results in input order, and the first failure stops new work and rejects.',
        minutes: 30,
        engine: null,
        browser: 'grades',
        hints: [
          'Start min(limit, items.length) workers. Each worker loops: take the next index from a shared counter, await fn(items[i], i, signal), store the result at results[i]. A new call starts the moment one finishes, not when a whole batch does.',
          'Store by index, never push: calls finish in any order. A shared `next` counter is safe without locks because JavaScript runs one callback at a time.',
          'On a failure abort your own AbortController (combined with the caller’s signal through AbortSignal.any) and have workers check signal.aborted before taking the next item. Validate limit first: 0 would start no worker and hang forever.',
        ],
      },
    ],
  },
  {
    slug: '07-dependency-injection',
    number: 7,
    title: 'Dependency injection',
    summary: 'Settings imports, module-level clients and mock.patch versus handlers built by a factory that receives its database, clock and clients; one main.ts wires the graph; tests pass fakes.',
    day: 4,
    readingMinutes: 20,
    status: 'ready',
    exercises: [
      {
        name: 'inject-deps',
        title: 'Inject the pool and the clock',
        goal: 'Turn a handler module that imports a global pool and calls new Date() into createInvoiceHandlers({ db, clock }): mark an invoice paid at the clock’s time and list what is overdue as of the clock’s today.',
        minutes: 25,
        engine: 'pg-mem',
        browser: { localOnly: 'The grader moves the server\'s clock to UTC+14 and UTC−11 to catch answers that only work in UTC; a browser tab cannot change its own time zone.' },
        dates: true,
        hints: [
          'Everything the handlers touch comes in through the factory’s argument: replace every use of the imported pool with deps.db and every new Date() with deps.clock.now(). No module-level variable should remain.',
          'Read the clock inside each handler call, not once in the factory: a server runs for weeks, and "today" has to move. The grader advances its fake clock between two calls of the same handler set.',
          'For "overdue", compute the cut-off in JavaScript: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10) is a UTC date string, and WHERE issued_on < $2 compares it as a date. For "paid", pass the Date itself as a parameter: SET paid_at = $1.',
        ],
      },
      {
        name: 'composition-root',
        title: 'The composition root',
        goal: 'Validate the environment with zod into a typed config (one error naming every bad variable, no secrets printed), then connect, build the app and listen, in that order, in one main().',
        minutes: 35,
        engine: null,
        browser: { localOnly: 'The answer compares secrets with node:crypto\'s timingSafeEqual, and the grader spies on that module to check you use it; browsers have no such function (Web Crypto has no constant-time compare).' },
        hints: [
          'Validate first, all at once: safeParse the whole environment, and if it fails, turn error.issues into one message that lists issue.path[0] for every issue. Only after that may main() call connect() or listen().',
          'z.coerce.number() accepts " 80", "8e3" and "0x50". Check the string with a pattern first: z.string().regex(/^[1-9][0-9]*$/).transform(Number).pipe(z.number().max(65535)). The same idea for the others: a pattern for what may appear (API_TOKEN: /^[\\x21-\\x7e]{32,}$/), never .trim(). Treat an empty string like a missing variable (a preprocess step that maps "" to undefined).',
          'Build the message from the variable names and your own words (issue.message), never from the input: DATABASE_URL often carries a password. main() is then four lines: const config = loadConfig(env); const db = platform.connect(config.databaseUrl); const app = createApp(config, { db }); platform.listen({ fetch: app.fetch, port: config.port }).',
        ],
      },
    ],
  },
  {
    slug: '08-habits-to-unlearn',
    number: 8,
    title: 'Habits to unlearn',
    summary: 'One framework for everything, exceptions for control flow, clever generic types, living in the shell, and requirements.txt thinking, each next to its replacement; the sample service bundled into one measured file.',
    day: 4,
    // ~1,950 words of prose (10 min at 200 wpm) plus 8 code blocks, 4 of them side by side.
    readingMinutes: 20,
    status: 'ready',
    exercises: [],
  },
  {
    slug: '09-what-python-does-better',
    number: 9,
    title: 'What Python still does better',
    summary: 'Data work, notebooks, scripts, scraping, the Django admin and migrations: where to keep Python, and a boundary you can draw on a whiteboard (HTTP or a jobs table, one database whose schema Django owns).',
    day: 4,
    // ~1,170 words of prose (6 min at 200 wpm) plus 2 code blocks and a diagram.
    readingMinutes: 10,
    status: 'ready',
    exercises: [],
  },
  {
    slug: '10-where-to-start',
    number: 10,
    title: 'Where to start',
    summary: 'Strangle one painful endpoint: same database, both versions behind the proxy, responses compared, then traffic moved.',
    day: 5,
    readingMinutes: 20,
    status: 'ready',
    exercises: [
      {
        name: 'port-expense-list',
        title: 'Capstone: port a Django list endpoint',
        goal: 'Port a Django expense list (filters, Paginator, owner scope, DecimalField, datetimes) to a TypeScript handler that matches recorded Django responses on the same schema.',
        minutes: 150,
        engine: 'pglite',
        browser: { localOnly: 'The grader replays a recording of the Django app and moves the server\'s clock to UTC+14 and UTC−11; a browser tab cannot change its own time zone.' },
        dates: true,
        hints: [
          'Run `npm test -- port-expense-list` early and often: each failing recorded request prints lines such as `$.results[0].amount: "12.50" vs 12.5`, Django’s value first. Open test/10-where-to-start/recorded/expense-list.json next to your code and read a few bodies before writing any.',
          'Answer in Django’s order: the method first (@require_GET: anything but GET is a 405, HEAD included), then the user (401), then the parameters. Read the query string the way QueryDict.get() does: the last value of a repeated key (params.getAll(key).at(-1)), not URLSearchParams.get(), which returns the first. Validate in the view’s order and return before querying; page 1 of an empty list is a page (num_pages is 1), page 2 is a 404.',
          'Money: select amount::text and send the string; Number() turns "12.50" into 12.5. Time: a JS Date has no microseconds, so let Postgres format the parts (to_char(spent_at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS\') and \'US\'), then write ".mmmZ" with the first three digits, or just "Z" when all six are zero.',
          'Two statements: SELECT count(*)::int with the filters, then one SELECT … FROM expenses_expense e LEFT JOIN expenses_category c ON c.id = e.category_id WHERE e.owner_id = $1 … ORDER BY e.spent_at DESC, e.id DESC LIMIT $n OFFSET $m. For the search, escape \\, % and _ with a backslash and use ILIKE $n ESCAPE \'\\\'.',
        ],
      },
    ],
  },
  // Part II — running the migration (week 2).
  {
    slug: '11-one-login',
    number: 11,
    title: 'One login for both services',
    summary: 'Django’s database session, its signed session data and session auth hash, its password hashes verified without blocking the loop, and CSRF for cookie-authenticated writes, read by the TypeScript service.',
    day: 6,
    readingMinutes: 30,
    status: 'ready',
    exercises: [
      {
        name: 'django-session',
        title: 'Accept the user Django logged in',
        goal: 'Write a middleware that reads Django’s sessionid cookie, checks the django_session row, its signed data and the session auth hash, enforces Django’s CSRF token on unsafe methods, and verifies Django’s PBKDF2 password hashes without blocking the loop.',
        minutes: 90,
        engine: 'pglite',
        dates: true,
        browser: { localOnly: 'The answer needs node:crypto (HMAC, pbkdf2, timingSafeEqual) and node:zlib, which a browser tab lacks, and the grader moves the server\'s clock to UTC+14 and UTC−11.' },
        hints: [
          'Work outwards from one recorded session: open test/11-one-login/recorded/sessions.json, take alice’s session_data, split it at its LAST two colons into payload, timestamp and signature, and get the signature right first. createHmac(\'sha256\', key).update(payload + \':\' + timestamp).digest(\'base64url\') must give the third part, where key is the raw 32-byte createHash(\'sha256\').update(\'django.contrib.sessions.SessionStore\' + \'signer\' + secret).digest().',
          'timingSafeEqual throws when its two buffers differ in length, and an attacker chooses the length: compare lengths first (the length of a signature is no secret) and treat a mismatch as a failed check. Try secretKey, then every fallback key, for the signature and again for _auth_user_hash (key: sha256(\'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash\' + secret), HMAC over the user’s password column, hex). Put the whole decode in a try/catch that turns every surprise into the 401.',
          'The payload: strip a leading ".", Buffer.from(part, \'base64url\'), inflateSync() only when there was a dot, then JSON.parse. The SQL: SELECT session_data FROM django_session WHERE session_key = $1 AND expire_date > now(), then SELECT id, username, password FROM auth_user WHERE id = $1 AND is_active. CSRF unmasking: with CHARS = a-z A-Z 0-9, secret[i] = CHARS[(CHARS.indexOf(cipher[i]) - CHARS.indexOf(mask[i]) + 62) % 62]; mask is the first 32 characters, cipher the last 32.',
          'checkPassword: const [algorithm, iterations, salt, hash] = encoded.split(\'$\'); require exactly four parts, algorithm \'pbkdf2_sha256\' and iterations made of digits; then await promisify(pbkdf2)(password, salt, Number(iterations), 32, \'sha256\') and timingSafeEqual it with Buffer.from(hash, \'base64\') when the lengths agree.',
        ],
      },
    ],
  },
  {
    slug: '12-schema-handover',
    number: 12,
    title: 'Who owns the schema',
    summary: 'Django’s migrations own the tables while Django runs; then the handover to a TypeScript migration tool chosen by evaluation, and expand/contract for changes with no downtime.',
    day: 7,
    readingMinutes: 25,
    status: 'ready',
    exercises: [
      {
        name: 'rename-column',
        title: 'Rename a column with zero downtime',
        goal: 'Rename billing_customer.name to display_name in expand, backfill and contract steps that node-pg-migrate applies while the old and the new code both keep reading and writing.',
        minutes: 50,
        engine: 'pglite',
        browser: { localOnly: 'The grader applies your migrations with node-pg-migrate, which reads .sql files from disk and runs only in Node, so this exercise is graded by npm test.' },
        hints: [
          'Never rename in place: the old code still says `name`. Expand adds display_name (nullable: the existing rows have nothing in it yet), and a trigger keeps the two columns equal whichever one a writer sets, on INSERT and on UPDATE.',
          'One BEFORE INSERT OR UPDATE trigger does both directions: on INSERT fill whichever column is NULL from the other; on UPDATE copy name to display_name when NEW.name IS DISTINCT FROM OLD.name, else copy display_name to name when that changed. The new code inserts without name, and name is NOT NULL: only a BEFORE trigger can fill it in time.',
          'Backfill a batch with UPDATE billing_customer SET display_name = name WHERE id IN (SELECT id FROM billing_customer WHERE display_name IS NULL ORDER BY id LIMIT $1). The contract drops the trigger and its function, sets display_name NOT NULL, then drops name; expand.down drops the trigger, the function and the column, in that order.',
        ],
      },
    ],
  },
  {
    slug: '13-background-jobs',
    number: 13,
    title: 'Work outside the request',
    summary: 'Celery and django.tasks next to a Postgres-backed queue: enqueue in the same transaction as the write, retries with backoff, idempotency keys and at-least-once delivery.',
    day: 8,
    readingMinutes: 30,
    status: 'ready',
    exercises: [
      {
        name: 'reliable-jobs',
        title: 'Enqueue with the write, send exactly once',
        goal: 'Insert an invoice and enqueue its pg-boss job in one transaction, mail it from a handler that survives duplicate deliveries with a status change and an idempotency key, and give the queue bounded retries with backoff and a dead letter queue.',
        minutes: 45,
        engine: 'pglite',
        browser: { localOnly: 'The grader runs a real pg-boss against PGlite, retrying and dead-lettering jobs in its tables, and pg-boss is a Node library the browser runner cannot load.' },
        hints: [
          'createQueues: await boss.createQueue(SEND_INVOICE_FAILED) first, then boss.createQueue(SEND_INVOICE, { retryLimit: 4, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, deadLetter: SEND_INVOICE_FAILED }). retryLimit counts retries, not attempts.',
          'createInvoice: const client = await pool.connect(); BEGIN; INSERT … RETURNING id through the client; then boss.send(SEND_INVOICE, { invoiceId }, { db: { executeSql: (text, values) => client.query(text, values) } }); COMMIT. In catch: ROLLBACK and rethrow; in finally: client.release(). boss.send without { db } uses pg-boss\'s own connection, outside your transaction.',
          'sendInvoice: the idempotency record is the row itself. In a transaction, UPDATE billing_invoice SET status = \'sent\' WHERE id = $1 AND status = \'draft\' RETURNING number, total_cents: a second delivery waits on the row lock, then finds no draft and gets no row. Mail only when a row came back, and COMMIT after the mailer returns; if it throws, ROLLBACK and rethrow.',
        ],
      },
    ],
  },
  {
    slug: '14-running-it',
    number: 14,
    title: 'Running it',
    summary: 'Structured logs with the request id, health and readiness, graceful shutdown on SIGTERM, the unhandled-rejection policy and traces, next to gunicorn’s worker model and Django’s logging.',
    day: 9,
    readingMinutes: 30,
    status: 'ready',
    exercises: [
      {
        name: 'graceful-shutdown',
        title: 'Shut down without dropping a request',
        goal: 'Start a node:http server with /healthz and /readyz, and on SIGTERM turn readiness to 503, answer in-flight requests with Connection: close, stop accepting, cut what is left at a deadline, then close the pool once and exit with the right code.',
        minutes: 40,
        engine: null,
        browser: { localOnly: 'The grader starts a real node:http server on a loopback port and sends SIGTERM to a child process running your code; a browser has neither sockets nor signals.' },
        hints: [
          'Keep the state in one place: a `draining` flag (readiness reads it, the request listener reads it to set Connection: close) and one `done` promise that shutdown() creates the first time and returns every time after.',
          'server.close() only stops accepting and closes the sockets that are idle right now. A keep-alive socket busy with a request stays open and may carry the next request, so set Connection: close on every response from the signal on: on new requests in the listener, and on the in-flight ones (keep a Set of open responses; skip those with res.headersSent and call server.closeIdleConnections() when they finish).',
          'The deadline is a setTimeout(…, deadlineMs) started with the shutdown that calls server.closeAllConnections(); the close callback fires once the last socket is gone, and only then await pool.end(), clearTimeout, signals.off(...) for both listeners, log.info({ exitCode }, ...) and exit(exitCode).',
        ],
      },
    ],
  },
]);

/**
 * The onboarding plan: week 1 writes the first TypeScript service (Part I),
 * week 2 runs the migration (Part II). Every chapter's `day` falls in one
 * of these weeks; a day with no chapter of its own says what it is for.
 */
export const weeks = [
  { number: 1, title: 'Part I — write the TypeScript service', days: [1, 2, 3, 4, 5] },
  { number: 2, title: 'Part II — run the migration', days: [6, 7, 8, 9, 10] },
] as const;

export const lastPlanDay = weeks.at(-1)!.days.at(-1)!;

/** The week a day of the plan falls in. */
export const weekOfDay = (day: number) => weeks.find((w) => (w.days as readonly number[]).includes(day))!;

/** What a day without a chapter of its own is for, shown on the plan. */
export const dayWithoutChapter: Readonly<Record<number, { title: string; detail: string }>> = {
  10: {
    title: 'Week 2 on your own endpoint',
    detail: 'No new chapter. Take the endpoint your team strangled on day 5 through week 2 for real: its login read from Django’s session, its first migration in expand/contract steps, one job moved off the request, and a SIGTERM drill against its staging deploy.',
  },
};

export const readyChapters = chapters.filter((c) => c.status === 'ready');

export const exercises: readonly Exercise[] = chapters.flatMap((c) =>
  c.exercises.map((e) => ({ ...e, chapter: c.slug })),
);

/** Paths are repository-relative and identical under exercises/, solutions/ and test/. */
export const paths = {
  starter: (e: Exercise) => `exercises/${e.chapter}/${e.name}.ts`,
  /** A chapter-3 style exercise also has its queries in a `.sql` beside the starter (when the file exists). */
  starterSql: (e: Exercise) => `exercises/${e.chapter}/${e.name}.sql`,
  solution: (e: Exercise) => `solutions/${e.chapter}/${e.name}.ts`,
  grader: (e: Exercise) => `test/${e.chapter}/${e.name}.test.ts`,
  wrongDir: (e: Exercise) => `test/${e.chapter}/wrong`,
  /** Import specifier a grader uses; an alias points it at the code under test. */
  specifier: (e: Exercise) => `@exercise/${e.chapter}/${e.name}`,
};

/** The chapter a command-line query names: its number (`8`, `08`), its slug, its slug's start (`03-sql`) or its slug without the number (`routing`). */
export function findChapter(query: string): Chapter | undefined {
  const q = query.toLowerCase();
  return chapters.find(
    (c) => String(c.number) === q.replace(/^0+/, '') || c.slug === q || c.slug.slice(3) === q || (/^\d\d-/.test(q) && c.slug.startsWith(q)),
  );
}

/**
 * The exercises a command-line query selects, in manifest order: an exact
 * exercise name wins, then the name in any case, then a whole chapter, then
 * every exercise whose name contains the query. Empty when nothing matches,
 * and for a chapter without exercises (the CLI explains both).
 */
export function findExercises(query: string | undefined): Exercise[] {
  if (!query) return [...exercises];
  const q = query.toLowerCase();
  const named = exercises.find((e) => e.name === query) ?? exercises.find((e) => e.name === q);
  if (named) return [named];
  const chapter = findChapter(query);
  if (chapter) return exercises.filter((e) => e.chapter === chapter.slug);
  return exercises.filter((e) => e.name.includes(q));
}
