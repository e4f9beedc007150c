/**
 * How a covered API name is written, and when a piece of Python shows it.
 *
 * Names are written the way a Django developer searches for them:
 * `select_related`, `transaction.atomic`, `MIDDLEWARE`, `@login_required`,
 * `include()`, `<int:pk>`, `clean_<field>`. The rules, kept strict so that a
 * comparison's `covers` cannot claim what its code does not show:
 *
 *   - a plain or dotted name must appear as written, not inside a longer
 *     identifier (`select_related` is not found in `my_select_related_x`);
 *   - `@name` must appear as a decorator, `@name` literally;
 *   - `name()` must appear called, `name(`;
 *   - `<int:pk>` (with a colon) is literal; `<field>` (no colon) stands
 *     for any identifier characters, as in `clean_<field>`;
 *   - Python comments do not count: a comment that mentions an API does not
 *     demonstrate it.
 */

const NAME = /^@?(?:[A-Za-z_][\w]*|[A-Za-z_]*<[a-z_]+>[\w]*|<[a-z]+:[a-z_]+>)(?:\.(?:[A-Za-z_][\w]*|[A-Za-z_]*<[a-z_]+>[\w]*))*(?:\(\))?$/;

/** Why `api` is not a well-formed name, or null when it is. */
export function nameProblem(api: string): string | null {
  return NAME.test(api) ? null : 'write a Python name: `select_related`, `transaction.atomic`, `@login_required`, `include()`, `<int:pk>`, `clean_<field>`';
}

/** The name without its decorator `@` and call `()`: two spellings with one key are the same API. */
export function apiKey(api: string): string {
  return api.replace(/^@/, '').replace(/\(\)$/, '');
}

/** Where the name sorts in the index: by its letters, ignoring `@`, `<` and case. */
export function sortKey(api: string): string {
  return apiKey(api).replace(/[<>]/g, '').toLowerCase();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pattern(api: string): RegExp {
  const decorator = api.startsWith('@');
  const call = api.endsWith('()');
  const body = apiKey(api)
    .split(/(<[a-z_]+>)/)
    .map((part) => (/^<[a-z_]+>$/.test(part) ? '\\w+' : escape(part)))
    .join('');
  return new RegExp(`${decorator ? '@' : '(?<![\\w])'}${body}${call ? '\\(' : '(?![\\w])'}`);
}

/** Python code without its comments (a `#` at a line's start or after whitespace, outside a string on that line). */
export function withoutComments(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      let quote: string | null = null;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quote) {
          if (ch === '\\') i++;
          else if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
      }
      return line;
    })
    .join('\n');
}

/** Whether Python `code` shows `api` (comments ignored). */
export function appearsIn(api: string, code: string): boolean {
  return pattern(api).test(withoutComments(code));
}
