/**
 * A JSON differ for parity checks: compares two parsed JSON values and
 * lists every difference with its path, e.g.
 *     $.results[3].amount: "12.50" vs 12.5
 * Key order never matters (objects are compared by key); paths you
 * declare ignorable are skipped, with [*] standing for any index.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface DiffOptions {
  /** e.g. ['$.generated_at', '$.results[*].etag'] */
  ignore?: readonly string[];
}

// #region diff
export function diffJson(
  expected: unknown,
  actual: unknown,
  options: DiffOptions = {},
): string[] {
  const ignored = (options.ignore ?? []).map(pathPattern);
  const out: string[] = [];
  walk(expected, actual, '$', ignored, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string,
  ignored: RegExp[], out: string[]): void {
  if (ignored.some((re) => re.test(path))) return;
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const at = `${path}.${key}`;
      if (!Object.hasOwn(b, key)) note(out, at, a[key], MISSING);
      else if (!Object.hasOwn(a, key)) note(out, at, MISSING, b[key]);
      else walk(a[key], b[key], at, ignored, out);
    }
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path}.length: ${a.length} vs ${b.length}`);
    }
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, ignored, out);
  } else if (!Object.is(a, b)) {
    note(out, path, a, b); // also catches "12.50" vs 12.5, null vs ""
  }
}
// #endregion

const MISSING = Symbol('missing');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === MISSING) return '(missing)';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function note(out: string[], path: string, a: unknown, b: unknown) {
  out.push(`${path}: ${show(a)} vs ${show(b)}`);
}

/** '$.results[*].etag' → a RegExp matching that path for any index. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replaceAll('\\[\\*\\]', '\\[\\d+\\]')}$`);
}
