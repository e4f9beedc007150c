/**
 * The learner's own progress on the guide's pages, under `npm run dev` only.
 *
 * What a page shows is what `npm run report` would say: the same report
 * (buildReport), the same statuses in the same words ("solved", "solved
 * before", "attempted", "not started"), the same week line. It is read from
 * .workbook/state.json on every request, so a page reloaded after
 * `npm test` is up to date.
 *
 * The published site is built by `astro build`, where import.meta.env.DEV is
 * false: devProgress() returns null, so no page gets status markup, and
 * nothing here ever runs in the browser (no script, no storage).
 *
 * Reading never writes: a damaged state file is left for the next `npm test`
 * or `npm run report` to keep aside and recover (state.ts); the page shows
 * no progress rather than a guess.
 */
import { readFileSync } from 'node:fs';
import { buildReport, firstSolveCell, type ProgressReport, type ReportStatus, type ReportedExercise } from './report.ts';
import { recoverState, stateFile } from './state.ts';
import { count } from '../plural.ts';

/**
 * Where .workbook/ is looked for, when set; otherwise the directory
 * `npm run dev` runs in (as for every workbook command). Tests point it at a
 * temporary folder so a learner's real progress is never read or touched.
 */
export const PROGRESS_ROOT_ENV = 'WORKBOOK_PROGRESS_ROOT';

/**
 * Marks every element that shows progress. The production-build check
 * (builtSiteShowsProgress) looks for it, and for the sidebar badge's class.
 */
export const PROGRESS_ATTRIBUTE = 'data-workbook-progress';
export const SIDEBAR_BADGE_CLASS = 'wb-progress-badge';

/**
 * The report for the state file under `root`, or null when the file cannot
 * be read as progress at all (not JSON, not an object, a directory, no
 * permission). A missing file is a fresh clone: everything "not started".
 * A file with some invalid fields keeps the rest, as `npm run report` does.
 */
export function readProgress(root: string, now = new Date()): ProgressReport | null {
  let text: string;
  try {
    text = readFileSync(stateFile(root), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    text = '{}';
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const dropped: string[] = [];
  const state = recoverState(raw, dropped);
  if (dropped.includes('the whole file')) return null;
  return buildReport(state, now);
}

/** The progress to show on a page being rendered: only under `astro dev`, null in a build. */
export function devProgress(env: Record<string, string | undefined> = process.env): ProgressReport | null {
  if (!import.meta.env.DEV) return null;
  return readProgress(env[PROGRESS_ROOT_ENV] || process.cwd());
}

export function exerciseProgress(report: ProgressReport | null, name: string): ReportedExercise | null {
  return report?.exercises.find((e) => e.name === name) ?? null;
}

/** A mark beside the words, so a status never depends on colour (the CLI's ✔ and ·). */
const ICON: Record<ReportStatus, string> = { solved: '✔', 'solved before': '↩', attempted: '◐', 'not started': '·' };

export interface StatusView {
  status: ReportStatus;
  icon: string;
  /** The status in the report's words, with the attempt count once there are attempts. */
  text: string;
  /** Starlight badge variant for the sidebar. */
  variant: 'success' | 'caution' | 'note' | 'default';
}

export function statusView(e: ReportedExercise): StatusView {
  const attempts = e.attempts > 0 && e.status !== 'not started' ? ` · ${count(e.attempts, 'attempt')}` : '';
  const variant = e.status === 'solved' ? 'success' : e.status === 'attempted' ? 'caution' : e.status === 'solved before' ? 'note' : 'default';
  return { status: e.status, icon: ICON[e.status], text: `${e.status}${attempts}`, variant };
}

/** "Day 2 of 5: 3 of 4 exercises solved · 6 of 21 overall", as `npm test` and `npm run report` open. */
export function weekLine(report: ProgressReport): string {
  const { week } = report;
  return `Day ${week.day} of ${week.of}: ${week.solvedToday} of ${week.exercisesToday} exercises solved · ${report.solved} of ${report.total} overall`;
}

/** A time as the learner's own clock shows it (the dev server runs on their machine). */
export function shownTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The exercise page's detail after the status: since when it passes, the
 * report's "first solve" column, hints revealed. Empty parts are left out.
 */
export function exerciseDetails(e: ReportedExercise): string[] {
  const parts: string[] = [];
  if (e.solvedAt) parts.push(`passing since ${shownTime(e.solvedAt)}`);
  if (e.status === 'solved before' && e.firstSolvedAt) parts.push(`passed on ${shownTime(e.firstSolvedAt)}, fails now`);
  if (e.firstSolvedAt) parts.push(`first solve: ${firstSolveCell(e)}`);
  if (e.hintsShown > 0) parts.push(`${count(e.hintsShown, 'hint')} revealed`);
  return parts;
}

/** Sidebar badges: one per exercise the learner has touched (21 "not started" badges would be noise). */
export function sidebarBadge(e: ReportedExercise | null): { text: string; variant: StatusView['variant']; class: string } | undefined {
  if (!e || e.status === 'not started') return undefined;
  const view = statusView(e);
  return { text: `${view.icon} ${e.status}`, variant: view.variant, class: SIDEBAR_BADGE_CLASS };
}

/**
 * What in a built page shows progress: an element with the progress
 * attribute, a sidebar badge with its class. Empty for a correct production
 * build. Elements only, not the stylesheet's selectors for them.
 */
export function progressMarkup(html: string): string[] {
  const tags = [
    new RegExp(`<[a-z][^>]*\\s${PROGRESS_ATTRIBUTE}(?=[\\s=>/])[^>]*>`, 'g'),
    new RegExp(`<[a-z][^>]*\\sclass="[^"]*\\b${SIDEBAR_BADGE_CLASS}\\b[^"]*"[^>]*>`, 'g'),
  ];
  return tags.flatMap((tag) => [...html.matchAll(tag)].map((m) => m[0]));
}

/** The parts of Starlight's sidebar entries (StarlightRouteData['sidebar']) the badges need. */
export type SidebarEntry =
  | { type: 'link'; href: string; badge?: { text: string; variant: string; class?: string } | undefined }
  | { type: 'group'; label: string; entries: SidebarEntry[]; badge?: { text: string; variant: string; class?: string } | undefined };

const EXERCISE_HREF = /^\/exercises\/([^/]+)\/$/;

/**
 * Puts a status badge on each exercise link the learner has touched, and the
 * overall count on the group holding them. Mutates the (per-request) sidebar
 * Starlight gives its route middleware; returns how many badges it added.
 */
export function addSidebarBadges(entries: SidebarEntry[], report: ProgressReport): number {
  let added = 0;
  for (const entry of entries) {
    if (entry.type === 'group') {
      const inside = addSidebarBadges(entry.entries, report);
      const holdsExercises = entry.entries.some((e) => e.type === 'link' && EXERCISE_HREF.test(e.href));
      if (holdsExercises && inside > 0) {
        // The group is collapsed by default: its badge says how far along the learner is without opening it.
        entry.badge = { text: `${report.solved} of ${report.total} solved`, variant: 'note', class: SIDEBAR_BADGE_CLASS };
        added += 1;
      }
      added += inside;
      continue;
    }
    const name = EXERCISE_HREF.exec(entry.href)?.[1];
    const badge = name ? sidebarBadge(exerciseProgress(report, name)) : undefined;
    if (badge) {
      entry.badge = badge;
      added += 1;
    }
  }
  return added;
}
