/**
 * Finds the code inside a sentence of prose, so the site can set it as code.
 *
 * Hints (src/curriculum.ts) and briefs (the starters' comments) are plain
 * text, read in a terminal and an editor as well as on the site, so they
 * cannot carry markup. What is code is recovered here instead:
 *
 * - a `backtick span`, exactly as written;
 * - SQL: a run that starts with a clause keyword (SELECT, WHERE, ORDER BY,
 *   UPDATE …) and continues while the words are SQL — keywords, operators,
 *   $1 parameters, qualified or snake_case names, literals. Prose ends it:
 *   "LEFT JOIN billing_lineitem and GROUP BY does" is two runs;
 * - a code token: a call or member access (Response.json(…), e.code), a
 *   /regular expression/, a snake_case name, `=>`, `===`; brackets opened in
 *   it are followed to their close, so `{ status }` stays inside the call.
 *
 * A miss only leaves a word in the body font; it never changes the text:
 * joining the spans' `text` always gives back the input.
 */
export type Span = { kind: 'prose' | 'code' | 'sql'; text: string };

const SQL_START = /^(SELECT|INSERT|UPDATE|DELETE|SET|WHERE|ORDER BY|GROUP BY|LEFT JOIN|JOIN|COALESCE|CASE WHEN|BEGIN|COMMIT|ROLLBACK|RETURNING|ILIKE)\b/;
const SQL_WORD = /^(SELECT|INSERT|INTO|UPDATE|DELETE|SET|FROM|WHERE|AND|OR|NOT|NULL|IS|IN|ORDER|GROUP|BY|LEFT|JOIN|ON|AS|ASC|DESC|LIMIT|OFFSET|RETURNING|CASE|WHEN|THEN|ELSE|END|COALESCE|ILIKE|LIKE|ESCAPE|DISTINCT|BEGIN|COMMIT|ROLLBACK|VALUES)$/;
/** A word SQL writes but prose does not: operators, $n, names with _ or ., literals, calls, numbers. */
const SQL_OPERAND = /^(\$\w+|[<>=!]+|[*+\-/]|'[^']*'|\d+|…|[a-z]\w*(\.\w+|_\w+)+|\w*\(.*|.*\)|\w+::\w+)$/;
const CODE_TOKEN = /^(\/\^.*\/[a-z]*|\.[a-z]\w*\(.*|[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+(\(.*)?|[A-Za-z_$][\w$]*\(.*|[a-z]+_[a-z_0-9]+|=>|===|!==|\.\.\.\w+)$/;

const depth = (text: string) => [...text].reduce((n, ch) => n + ('([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0), 0);
/** Sentence punctuation after code belongs to the sentence, and so does a ")" the code never opened. */
function trailing(run: string): string {
  let tail = /[.,;:]*$/.exec(run)![0];
  let body = run.slice(0, run.length - tail.length);
  while (body.endsWith(')') && depth(body) < 0) {
    tail = `)${tail}`;
    body = body.slice(0, -1);
    const more = /[.,;:]*$/.exec(body)![0];
    tail = more + tail;
    body = body.slice(0, body.length - more.length);
  }
  return tail;
}
/** A clause ends at a full stop, semicolon or colon; a comma may lead to more SQL. */
const endsClause = (word: string) => /[.;:]$/.test(word) && !word.endsWith('…') ;

export function proseCode(text: string): Span[] {
  const spans: Span[] = [];
  const push = (kind: Span['kind'], part: string) => {
    if (part === '') return;
    const last = spans.at(-1);
    if (last?.kind === kind && kind === 'prose') last.text += part;
    else spans.push({ kind, text: part });
  };
  // Words with the whitespace before them, so joining them loses nothing.
  const words = [...text.matchAll(/\s*\S+/g)].map((m) => m[0]);
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const bare = word.trimStart();
    const space = word.slice(0, word.length - bare.length);
    if (bare.includes('`')) {
      // A backtick span may cover several words: take words up to its close.
      let j = i;
      let joined = word;
      while ((joined.match(/`/g) ?? []).length % 2 === 1 && j + 1 < words.length) joined += words[++j];
      for (const [k, part] of joined.split(/(`[^`]*`)/).entries()) {
        if (k % 2 === 1) push('code', part.slice(1, -1));
        else push('prose', part);
      }
      i = j + 1;
      continue;
    }
    const rest = words.slice(i).map((w) => w.trim()).join(' ');
    if (SQL_START.test(rest)) {
      let j = i;
      let open = 0;
      // Two operands in a row ("billing_lineitem and") are prose: stop before the second.
      let lastWasOperand = false;
      for (; j < words.length; j++) {
        const w = words[j]!.trim();
        const core = open + depth(w) === 0 ? w.replace(/[.,;:]+$/, '') : w;
        const next = words[j + 1]?.trim() ?? '';
        const keyword = SQL_WORD.test(core);
        // "…" stands for SQL left out: it joins what is around it, like an operator.
        const operator = /^([<>=!]+|[*+\-/]|…)$/.test(core);
        // A lowercase name counts when an operator follows (id = $1) or it is a one-letter alias (FROM t e JOIN).
        const operand = !keyword && !operator && (SQL_OPERAND.test(core) || open > 0 || (/^[a-z]\w*$/.test(core) && /^[<>=!]/.test(next)) || (/^[a-z]$/.test(core) && SQL_WORD.test(next)));
        if (!keyword && !operator && !operand) break;
        // Two names in a row ("billing_lineitem and") are prose: stop before the second.
        if (operand && lastWasOperand && open === 0 && !/^[a-z]$/.test(core)) break;
        lastWasOperand = operand && !w.endsWith(',');
        open += depth(w);
        if (open <= 0 && endsClause(w)) {
          j++;
          break;
        }
      }
      const run = words.slice(i, j).join('');
      const tail = open === 0 ? trailing(run) : '';
      push('prose', space);
      push('sql', run.trimStart().slice(0, run.trimStart().length - tail.length));
      push('prose', tail);
      i = Math.max(j, i + 1);
      continue;
    }
    // "(Response.redirect(), …": the parenthesis opens the prose's aside, not the code.
    const opener = /^\(+(?=\S)/.exec(bare)?.[0] ?? '';
    const start = bare.slice(opener.length);
    const token = start.replace(/[.,;:)]+$/, '');
    const regex = /^\/\^/.test(start);
    if (CODE_TOKEN.test(token) || regex || /^[[{]/.test(start)) {
      let j = i;
      let run = start;
      let open = depth(start);
      // A regular expression may hold spaces: it runs to its closing slash and flags.
      const closed = (r: string) => !regex || /.\/[a-z]*[.,;:)]*$/.test(r);
      while ((open > 0 || !closed(run)) && j + 1 < words.length) {
        run += words[++j]!;
        open += depth(words[j]!);
      }
      // "new Date()" is one expression.
      let before = space + opener;
      if (opener === '' && spans.at(-1)?.kind === 'prose' && /(^|\s)new$/.test(spans.at(-1)!.text) && /^[A-Z]/.test(run)) {
        const last = spans.at(-1)!;
        last.text = last.text.slice(0, -3);
        run = `new${space}${run}`;
        before = '';
      }
      const tail = trailing(run);
      push('prose', before);
      push('code', run.slice(0, run.length - tail.length));
      push('prose', tail);
      i = j + 1;
      continue;
    }
    push('prose', word);
    i++;
  }
  return spans;
}
