/**
 * Comparing the two versions: replay a list of requests against both
 * (before any traffic moves), or shadow live GETs (Django answers the
 * user; the TypeScript service gets a copy and its answer is only
 * compared). Differences come back as "$.path: django vs ours" lines.
 */
import { diffJson } from './json-diff.ts';
import type { Handler } from './proxy.ts';

export interface Mismatch {
  request: string; // 'GET /api/expenses/?page=2'
  differences: string[];
}

export interface CompareOptions {
  /** Headers whose values must match; the rest, and order, are ignored. */
  headers?: readonly string[];
  /** JSON paths that may differ, e.g. '$.results[*].etag'. */
  ignore?: readonly string[];
}

// #region compare
export async function compareResponses(
  expected: Response, actual: Response, options: CompareOptions = {},
): Promise<string[]> {
  const out: string[] = [];
  if (expected.status !== actual.status) {
    out.push(`status: ${expected.status} vs ${actual.status}`);
  }
  for (const name of options.headers ?? ['content-type']) {
    const [a, b] = [expected, actual].map((r) => r.headers.get(name));
    if (a !== b) out.push(`header ${name}: ${a} vs ${b}`);
  }
  const [textA, textB] = await Promise.all([expected.text(), actual.text()]);
  const [jsonA, jsonB] = [parse(textA), parse(textB)];
  if (jsonA.ok && jsonB.ok) {
    out.push(...diffJson(jsonA.value, jsonB.value, options));
  } else if (textA !== textB) {
    out.push(`body: ${textA.length} vs ${textB.length} characters differ`);
  }
  return out;
}
// #endregion

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const describe = (r: Request) => {
  const url = new URL(r.url);
  return `${r.method} ${url.pathname}${url.search}`;
};

// #region replay
export async function replay(
  requests: readonly (() => Request)[],
  legacy: Handler, modern: Handler, options: CompareOptions = {},
): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const make of requests) {
    // A Request body can be read once: build one per side.
    const [a, b] = await Promise.all([legacy(make()), modern(make())]);
    const differences = await compareResponses(a, b, options);
    if (differences.length > 0) {
      mismatches.push({ request: describe(make()), differences });
    }
  }
  return mismatches;
}
// #endregion

// #region shadow
export function shadow(
  legacy: Handler, modern: Handler,
  report: (m: Mismatch) => void, options: CompareOptions = {},
): Handler {
  return async (request) => {
    // Only reads: shadowing a POST would write everything twice.
    if (request.method !== 'GET') return legacy(request);
    const copy = request.clone();
    const response = await legacy(request);
    const kept = response.clone();
    // Not awaited: the user never waits for, or sees, the new side.
    void (async () => {
      const differences = await modern(copy)
        .then((ours) => compareResponses(kept, ours, options))
        .catch((error: unknown) => [`modern threw: ${String(error)}`]);
      if (differences.length) report({ request: describe(copy), differences });
    })();
    return response;
  };
}
// #endregion
