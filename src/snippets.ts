/**
 * Reads code shown on the site from real files. A reference is a path
 * relative to content/, optionally followed by #region-name; regions are
 * marked `// #region name` … `// #endregion` in TypeScript,
 * `# region name` … `# endregion` in Python and `-- region name` …
 * `-- endregion` in SQL. Missing files or regions fail
 * the build: a chapter can never show code that does not exist.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REGION_START = /^\s*(?:\/\/\s*#region|#\s*region|--\s*region)\s+(\S+)\s*$/;
const REGION_END = /^\s*(?:\/\/\s*#endregion|#\s*endregion|--\s*endregion)\b.*$/;

export interface Snippet {
  code: string;
  file: string;
  lang: 'ts' | 'python' | 'sql';
}

export function loadSnippet(ref: string, contentRoot = resolve(process.cwd(), 'content')): Snippet {
  const [file, region] = ref.split('#') as [string, string | undefined];
  const lang = file.endsWith('.py') ? 'python' : file.endsWith('.sql') ? 'sql' : 'ts';
  const source = readFileSync(resolve(contentRoot, file), 'utf8');
  return { code: dedent(region ? extractRegion(source, region, ref) : stripMarkers(source.split('\n'))), file, lang };
}

function extractRegion(source: string, region: string, ref: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => REGION_START.exec(l)?.[1] === region);
  if (start === -1) throw new Error(`snippet ${ref}: region "${region}" not found`);
  let depth = 0;
  for (let i = start + 1; i < lines.length; i++) {
    if (REGION_START.test(lines[i]!)) depth++;
    else if (REGION_END.test(lines[i]!)) {
      if (depth === 0) return stripMarkers(lines.slice(start + 1, i));
      depth--;
    }
  }
  throw new Error(`snippet ${ref}: region "${region}" is never closed`);
}

function stripMarkers(lines: string[]): string {
  return lines.filter((l) => !REGION_START.test(l) && !REGION_END.test(l)).join('\n').replace(/\s+$/, '');
}

function dedent(code: string): string {
  const lines = code.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents, Infinity);
  return lines.map((l) => l.slice(cut === Infinity ? 0 : cut)).join('\n').replace(/^\n+/, '');
}
