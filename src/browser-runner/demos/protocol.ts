/** Messages between the Run panel (page) and a demo's Web Worker. */
import type { DemoCall, DemoReply } from './exchange.ts';

export interface DemoAsk {
  id: number;
  call: DemoCall;
}

export type DemoAnswer =
  | { id: number; ok: true; reply: DemoReply }
  /** The handler threw (a server would answer 500), or the demo could not start (its database did not load). */
  | { id: number; ok: false; error: string };
