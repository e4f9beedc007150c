/**
 * An exercise's brief, parsed from the starter's opening comment.
 *
 * The brief has one home: the JSDoc comment at the top of
 * exercises/<chapter>/<name>.ts, which the learner reads in the editor. The
 * exercise page (src/pages/exercises/[name].astro) is generated from this
 * parse at build time, so the page and the editor can never disagree. A
 * comment that does not fit the format is an error naming the file and line
 * (test/runtime/brief.test.ts parses every starter), never a page that
 * silently drops part of the brief.
 *
 * The format, after each line's leading " * " is removed:
 *
 *   Exercise: <name> — <goal>.          (or "Capstone: …")
 *   paragraphs, separated by blank lines
 *       code indented four spaces or more (blank lines inside are kept)
 *   Requirements (the grader checks each one):     (or any lead ending ":")
 *     - an item, continued on lines indented four spaces,
 *         with lines indented six or more kept as they are (JSON, tables)
 *   paragraphs or code after the list (Tables:, Tools:, notes)
 */

export class BriefFormatError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: the opening comment does not fit the brief format: ${problem}`);
    this.name = 'BriefFormatError';
  }
}

export type CodeLang = 'python' | 'ts' | 'sql' | 'json' | 'text';
export type Block =
  | { kind: 'paragraph'; text: string }
  /** `label` names the pane: Django, FastAPI, Python, TypeScript, SQL, JSON or Sketch. */
  | { kind: 'code'; lang: CodeLang; label: string; code: string };
/** A requirement: prose (`text`) and lines kept as written (`pre`: a JSON body, a table of fields). */
export type ItemPart = { kind: 'text'; text: string } | { kind: 'pre'; text: string };
export type Requirement = ItemPart[];

export interface Brief {
  kind: 'Exercise' | 'Capstone';
  name: string;
  /** The title line's words after the dash, e.g. "your first handler". */
  goal: string;
  /** Everything before the requirements, in the order written. */
  intro: Block[];
  /** The sentence that introduces the list, unless it is just "Requirements …:". */
  lead: string | null;
  requirements: Requirement[];
  /** Paragraphs and code after the list: tables, tools, notes. */
  outro: Block[];
  /** The starter with its opening comment removed (what is left for the learner to edit). */
  code: string;
}

const TITLE = /^(Exercise|Capstone): ([a-z0-9-]+) — (.+?)\.?$/;
const ITEM = /^ {2}- /;
const REQUIREMENTS_LABEL = /^Requirements( \(the grader checks each one\))?:$/;
const TRAILING_LABEL = /\s*Requirements( \(the grader checks each one\))?:$/;

interface Line {
  text: string;
  /** 1-based line number in the starter file, for errors. */
  no: number;
}

const indentOf = (text: string) => text.length - text.trimStart().length;
/** Line i's text, "" past the end. */
const textAt = (lines: Line[], i: number) => lines[i]?.text ?? '';
const isBlank = (line: Line | undefined) => line !== undefined && line.text.trim() === '';

/** The comment's lines with " * " removed, and where the code after it starts. */
function commentLines(file: string, source: string): { lines: Line[]; rest: string } {
  const text = source.replace(/\r\n/g, '\n');
  if (!text.startsWith('/**\n')) throw new BriefFormatError(file, 1, 'the file must start with "/**" on a line of its own');
  const end = text.indexOf('\n */');
  if (end < 0) throw new BriefFormatError(file, 1, 'the opening comment never ends with " */"');
  const raw = text.slice(4, end).split('\n');
  const lines = raw.map((line, i) => {
    if (line !== ' *' && !line.startsWith(' * ')) throw new BriefFormatError(file, i + 2, 'every line must start with " * "');
    return { text: line.slice(3), no: i + 2 };
  });
  return { lines, rest: text.slice(end + 4).replace(/^\n+/, '') };
}

/** Which language an indented block is, from what only that language writes. */
export function codeLang(code: string): CodeLang {
  const lines = code.split('\n').filter((l) => l.trim() !== '');
  if (/^[{[]/.test(code)) return 'json';
  if (lines.every((l) => /^\s*(--|SELECT\b|WITH\b|INSERT\b|UPDATE\b)/.test(l))) return 'sql';
  if (lines.some((l) => /\b(const|let|export|function)\b|\bimport \{|=>|;\s*(\/\/.*)?$/.test(l))) return 'ts';
  if (lines.some((l) => /^\s*(def |class |async |@\w|import |from \w|with |return |[A-Za-z_][\w.]*(\[[^\]]*\])? = )/.test(l))) return 'python';
  return 'text';
}

function label(lang: CodeLang, before: Block | undefined): string {
  if (lang === 'ts') return 'TypeScript';
  if (lang === 'sql') return 'SQL';
  if (lang === 'json') return 'JSON';
  if (lang === 'text') return 'Sketch';
  const said = before?.kind === 'paragraph' ? before.text : '';
  if (/fastapi/i.test(said)) return 'FastAPI';
  if (/django/i.test(said)) return 'Django';
  return 'Python';
}

/** Paragraphs and code blocks of a run of lines that holds no list. */
function blocks(lines: Line[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    if (indentOf(textAt(lines, i)) >= 4) {
      const code: string[] = [];
      // Blank lines inside code belong to it when more code follows.
      const continues = (k: number) => {
        if (!isBlank(lines[k])) return indentOf(textAt(lines, k)) >= 4;
        const next = lines.slice(k).find((l) => !isBlank(l));
        return next !== undefined && indentOf(next.text) >= 4;
      };
      while (i < lines.length && continues(i)) {
        code.push(textAt(lines, i));
        i++;
      }
      const depth = Math.min(...code.filter((l) => l.trim() !== '').map(indentOf));
      const text = code.map((l) => l.slice(depth)).join('\n').trimEnd();
      const lang = codeLang(text);
      out.push({ kind: 'code', lang, label: label(lang, out.at(-1)), code: text });
      continue;
    }
    const words: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && indentOf(textAt(lines, i)) < 4) {
      words.push(textAt(lines, i).trim());
      i++;
    }
    out.push({ kind: 'paragraph', text: words.join(' ') });
  }
  return out;
}

function requirement(file: string, lines: Line[]): Requirement {
  const parts: Requirement = [];
  lines.forEach((line, i) => {
    const text = i === 0 ? line.text.slice(4) : line.text;
    const depth = i === 0 ? 4 : indentOf(text);
    if (i > 0 && depth < 4) throw new BriefFormatError(file, line.no, 'a requirement continues on lines indented four spaces');
    const kind = depth >= 6 ? 'pre' : 'text';
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += kind === 'pre' ? `\n${text}` : ` ${text.trim()}`;
    else parts.push({ kind, text: kind === 'pre' ? text : text.trim() });
  });
  parts.forEach((part, i) => {
    if (part.kind !== 'pre') return;
    const lines = part.text.split('\n');
    const depth = Math.min(...lines.map(indentOf));
    part.text = lines.map((l) => l.slice(depth)).join('\n');
    // `200 {"page": 1, "invoices": [` continued below: the body's opening
    // belongs with the rest of the body, one space out so it nests.
    const before = parts[i - 1];
    const open = before?.kind === 'text' ? unclosedFrom(before.text) : -1;
    if (before && open >= 0) {
      part.text = `${before.text.slice(open)}\n${part.text.replace(/^/gm, ' ')}`;
      before.text = before.text.slice(0, open).trimEnd();
    }
  });
  return parts.filter((p) => p.text !== '');
}

/** Where the outermost bracket still open at the end of `text` opens (outside "strings"), or -1. */
function unclosedFrom(text: string): number {
  const stack: number[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '{' || ch === '[') stack.push(i);
    else if ((ch === '}' || ch === ']') && stack.length > 0) stack.pop();
  }
  return stack[0] ?? -1;
}

/** Parse a starter's opening comment; `file` names it in errors. */
export function parseBrief(file: string, source: string): Brief {
  const { lines, rest } = commentLines(file, source);
  const title = TITLE.exec(lines[0]?.text ?? '');
  if (!title) throw new BriefFormatError(file, 2, 'the first line must be "Exercise: <name> — <goal>." (or "Capstone: …")');
  const [, kind = '', name = '', goal = ''] = title;
  if (!isBlank(lines[1])) throw new BriefFormatError(file, 3, 'a blank line must follow the title line');

  const first = lines.findIndex((l) => ITEM.test(l.text));
  if (first < 0) throw new BriefFormatError(file, 2, 'no requirements list: items start with "  - "');
  let end = first;
  while (end < lines.length && !isBlank(lines[end]) && (ITEM.test(textAt(lines, end)) || indentOf(textAt(lines, end)) >= 4)) end++;
  const after = lines.slice(end);
  const stray = after.find((l) => ITEM.test(l.text));
  if (stray) throw new BriefFormatError(file, stray.no, 'a second list: the requirements are one list, without blank lines');

  const items: Line[][] = [];
  for (const line of lines.slice(first, end)) {
    if (ITEM.test(line.text)) items.push([line]);
    else items.at(-1)!.push(line);
  }

  const intro = blocks(lines.slice(2, first));
  const leadBlock = intro.at(-1);
  if (leadBlock?.kind !== 'paragraph' || !leadBlock.text.endsWith(':')) {
    throw new BriefFormatError(file, first + 2, 'the list must follow a paragraph ending in ":" ("Requirements (the grader checks each one):")');
  }
  let lead: string | null = null;
  if (REQUIREMENTS_LABEL.test(leadBlock.text)) intro.pop();
  else if (TRAILING_LABEL.test(leadBlock.text)) leadBlock.text = leadBlock.text.replace(TRAILING_LABEL, '');
  // A lead that starts in lower case finishes the sentence around the code
  // above it ("… MIDDLEWARE = [...] and Django's handler builds …"): it stays there.
  else if (/^[a-z]/.test(leadBlock.text)) lead = null;
  else lead = (intro.pop() as { text: string }).text;

  return {
    kind: kind as Brief['kind'],
    name,
    goal,
    intro,
    lead,
    requirements: items.map((item) => requirement(file, item)),
    outro: blocks(after),
    code: rest,
  };
}
