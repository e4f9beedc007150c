/**
 * The learner's TypeScript → JavaScript, in the worker, with sucrase: it
 * removes the types and nothing else (ES syntax left as written), and keeps
 * every line where it was, so a line number in an error or stack is a line of
 * the learner's file. A file that does not parse is reported with its
 * line:column, as the editor shows them (1-based).
 */
import { transform } from 'sucrase';

export type Stripped = { ok: true; code: string } | { ok: false; message: string };

export function strip(source: string, file: string): Stripped {
  try {
    return { ok: true, code: transform(source, { transforms: ['typescript'], disableESTransforms: true }).code };
  } catch (error) {
    const { message, loc } = error as { message?: string; loc?: { line: number; column: number } };
    // sucrase's message ends with "(line:column)"; the location goes in front, where editors and terminals look for it.
    const text = String(message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, message: loc ? `${file}:${loc.line}:${loc.column}: ${text}` : `${file}: ${text}` };
  }
}

/**
 * Where each `import … from '<package>'` / `export … from` / `import('<package>')`
 * of the learner's (stripped) code points: `resolve(specifier)` answers a URL,
 * or throws to refuse it. Only string-literal specifiers exist in ES module
 * syntax, so a pattern over the stripped code finds them all; one inside a
 * string or comment is rewritten too, which changes nothing it does.
 */
export function rewriteImports(code: string, resolve: (specifier: string) => string): string {
  return code
    .replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g, (_all, head: string, quote: string, specifier: string) => `${head}${quote}${resolve(specifier)}${quote}`);
}
