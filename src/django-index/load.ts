/**
 * The index of the real guide: the ready chapters' MDX (from the manifest),
 * their Django snippets (src/snippets.ts, as the comparisons show them) and
 * the exercises' briefs from the starters as shipped
 * (src/workbook/pristine-starters.json, as the exercise pages do).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exercises, paths, readyChapters } from '../curriculum.ts';
import { loadSnippet } from '../snippets.ts';
import { parseBrief } from '../workbook/brief.ts';
import { StartersManifest } from '../workbook/starters.ts';
import { collectIndex, type ChapterInput, type ExerciseInput, type IndexEntry } from './collect.ts';

export function chapterInputs(root = process.cwd()): ChapterInput[] {
  return readyChapters.map((c) => {
    const file = `content/${c.slug}/index.mdx`;
    return { slug: c.slug, number: c.number, title: c.title, file, mdx: readFileSync(resolve(root, file), 'utf8') };
  });
}

export function exerciseInputs(root = process.cwd()): ExerciseInput[] {
  const starters = StartersManifest.parse(JSON.parse(readFileSync(resolve(root, 'src/workbook/pristine-starters.json'), 'utf8')));
  return exercises.map((e) => {
    const path = paths.starter(e);
    const text = starters.exercises[e.name]?.find((f) => f.path === path)?.text;
    if (text === undefined) throw new Error(`${e.name}: ${path} is not in src/workbook/pristine-starters.json (run npm run starters:manifest)`);
    return { name: e.name, title: e.title, chapter: e.chapter, brief: parseBrief(path, text) };
  });
}

export function loadIndex(root = process.cwd()): IndexEntry[] {
  return collectIndex(chapterInputs(root), exerciseInputs(root), (ref) => loadSnippet(ref, resolve(root, 'content')).code);
}
