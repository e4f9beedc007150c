/**
 * Code on the site comes from checked files, never pasted into MDX: a
 * fenced block longer than three lines fails (a one-line shell command is
 * fine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report.ts';

export const MAX_FENCE_LINES = 3;

export function mdxFiles(dir = 'content'): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(dir, f));
}

export function longFences(source: string): { line: number; length: number }[] {
  const found: { line: number; length: number }[] = [];
  let open: { line: number; fence: string } | null = null;
  source.split('\n').forEach((text, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (!marker) return;
    if (!open) open = { line: i + 1, fence: marker };
    else if (marker.startsWith(open.fence[0]!) && marker.length >= open.fence.length) {
      const length = i - open.line;
      if (length > MAX_FENCE_LINES) found.push({ line: open.line, length });
      open = null;
    }
  });
  return found;
}

export function checkMdx(report: Report) {
  const problems = mdxFiles().flatMap((file) =>
    longFences(readFileSync(file, 'utf8')).map((f) => `${file}:${f.line}: a ${f.length}-line code block is pasted into MDX — put it in a checked file and use <Snippet>/<Compare>`),
  );
  report.add(`no pasted code blocks longer than ${MAX_FENCE_LINES} lines in MDX`, problems.length === 0, problems.join('\n') || undefined);
}
