/** Collects named checks and prints them, ending with "N passed, N failed". */
import { bold, dim, green, red } from '../workbook/cli/style.ts';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it failed, or a short note when it passed. */
  detail?: string;
}

export class Report {
  readonly results: CheckResult[] = [];

  section(title: string) {
    console.log(`\n${bold(title)}`);
  }

  add(name: string, ok: boolean, detail?: string) {
    this.results.push({ name, ok, detail });
    const mark = ok ? green('✔') : red('✘');
    console.log(`  ${mark} ${name}${detail ? (ok ? dim(` — ${detail}`) : `\n      ${red(detail.split('\n').join('\n      '))}`) : ''}`);
  }

  get failed() {
    return this.results.filter((r) => !r.ok).length;
  }

  summary(): string {
    const passed = this.results.length - this.failed;
    return `${passed} passed, ${this.failed} failed`;
  }
}
