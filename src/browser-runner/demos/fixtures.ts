/**
 * The graders' fixtures behind each DemoDatabase name (Node only: the
 * snippet test seeds PGlite with them, the site build snapshots them).
 */
import { billing } from '../../../test/fixtures/billing.ts';
import type { Fixture } from '../../workbook/testing/engines.ts';
import type { DemoDatabase } from './demo.ts';

export const DEMO_FIXTURES: Record<DemoDatabase, Fixture> = { billing };
