/**
 * "Timed out" means the learner's code hung, never that the machine was
 * busy: two full gradings at once on this machine, one with a real
 * `while (true) {}` in place of greet (src/workbook/grading/stress.ts).
 */
import { checkTimeoutsUnderLoad } from '../../workbook/grading/stress.ts';
import type { Report } from '../report.ts';

export async function checkLoad(report: Report) {
  for (const check of await checkTimeoutsUnderLoad()) report.add(check.label, check.ok, check.detail);
}
