/**
 * What Node tells the graders about a process and a browser does not: how
 * many listeners an EventTarget has (node:events getEventListeners) and how
 * many timers are running (process.getActiveResourcesInfo). The runtime calls
 * install() once per worker, before any grader or learner code runs; from then
 * on every addEventListener/removeEventListener and setTimeout/setInterval/
 * clear* goes through these wrappers and is counted. The browser's own
 * behaviour is unchanged: the wrappers only keep books and call through.
 */
type Listener = EventListenerOrEventListenerObject;
interface Entry { listener: Listener; capture: boolean; native: Listener }

const listeners = new WeakMap<EventTarget, Map<string, Entry[]>>();
const activeTimers = new Set<unknown>();
let installed = false;

/**
 * Forced collections run since the worker started (twins/control.ts
 * collectGarbage). A worker that has run one is retired after its grade:
 * in Chromium, signals a grader's second run in the same worker had
 * released stayed reachable after gc() (run-group's and map-limit's
 * garbage tests failed on every re-grade, never on a first grade; the
 * holder was not found). A fresh worker makes the next grade a first one.
 */
export const forcedCollections = { count: 0 };

/** The timers as they were before install() wraps them: the worker's heartbeat must not count as a learner's timer. */
export const native = {
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
};

const captureOf = (options?: boolean | AddEventListenerOptions | EventListenerOptions) => (typeof options === 'boolean' ? options : !!options?.capture);

function entriesOf(target: EventTarget, type: string): Entry[] {
  let byType = listeners.get(target);
  if (!byType) listeners.set(target, (byType = new Map()));
  let entries = byType.get(type);
  if (!entries) byType.set(type, (entries = []));
  return entries;
}

/** How many listeners for `type` the target has right now (what getEventListeners(target, type).length says in Node). */
export function listenerCount(target: EventTarget, type: string): number {
  return listeners.get(target)?.get(type)?.length ?? 0;
}

/** Timers (setTimeout not yet fired or cleared, setInterval not cleared) started since install(). */
export function activeTimerCount(): number {
  return activeTimers.size;
}

/**
 * Stops every timer still running: what ending a worker thread does to them
 * on the CLI (a fresh worker per test file). Called after each grade, so an
 * interval the last attempt left running cannot throw into the next one.
 * The runtime's own timers (vitest's timeouts, the heartbeat) are native ones,
 * never in these books.
 */
export function clearTimersLeftBehind(): number {
  const left = activeTimers.size;
  for (const id of activeTimers) {
    native.clearTimeout(id as number);
    native.clearInterval(id as number);
  }
  activeTimers.clear();
  return left;
}

export function install(): void {
  if (installed) return;
  installed = true;
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  proto.addEventListener = function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions) {
    if (!listener) return add.call(this, type, listener, options);
    const capture = captureOf(options);
    const entries = entriesOf(this, type);
    // The same listener twice (same capture) is one listener, as in the DOM.
    if (entries.some((e) => e.listener === listener && e.capture === capture)) return;
    const once = typeof options === 'object' && !!options.once;
    const target = this;
    const drop = () => {
      const i = entries.indexOf(entry);
      if (i >= 0) entries.splice(i, 1);
    };
    // A `once` listener leaves when it fires: the native side gets a wrapper that strikes it from the books first.
    const native: Listener = once
      ? function (this: unknown, event: Event) {
          drop();
          return typeof listener === 'function' ? listener.call(target, event) : listener.handleEvent(event);
        }
      : listener;
    const entry: Entry = { listener, capture, native };
    entries.push(entry);
    // { signal }: the listener leaves when that signal aborts.
    const signal = typeof options === 'object' ? options.signal : undefined;
    if (signal) {
      if (signal.aborted) return void drop();
      add.call(signal, 'abort', drop, { once: true });
    }
    return add.call(this, type, native, options);
  };
  proto.removeEventListener = function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | EventListenerOptions) {
    const capture = captureOf(options);
    const entries = listeners.get(this)?.get(type);
    const i = entries?.findIndex((e) => e.listener === listener && e.capture === capture) ?? -1;
    if (i < 0 || !entries) return remove.call(this, type, listener, options);
    const [entry] = entries.splice(i, 1);
    return remove.call(this, type, entry!.native, options);
  };

  const g = globalThis as any;
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = g;
  g.setTimeout = function (handler: unknown, ms?: number, ...args: unknown[]) {
    const fire = typeof handler === 'function' ? (...a: unknown[]) => (activeTimers.delete(id), (handler as Function)(...a)) : handler;
    const id = st.call(globalThis, fire, ms, ...args);
    activeTimers.add(id);
    return id;
  };
  g.setInterval = function (...args: unknown[]) {
    const id = si.apply(globalThis, args);
    activeTimers.add(id);
    return id;
  };
  g.clearTimeout = function (id: unknown) {
    activeTimers.delete(id);
    return ct.call(globalThis, id);
  };
  g.clearInterval = function (id: unknown) {
    activeTimers.delete(id);
    return ci.call(globalThis, id);
  };
  // Node's setImmediate, which graders and learners' code call (error-boundary's
  // grader awaits one inside a handler): one macrotask through a MessageChannel,
  // counted as a running timer until it fires or is cleared, as Node counts an
  // 'Immediate'. Browsers have none; without this the call would throw a
  // ReferenceError and a test could pass for the wrong reason.
  {
    g.setImmediate = function (handler: (...a: unknown[]) => void, ...args: unknown[]) {
      const id = {}; // an object, never equal to a timer's number
      activeTimers.add(id);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        if (!activeTimers.has(id)) return; // cleared (or stopped after the grade) before it fired
        activeTimers.delete(id);
        handler(...args);
      };
      channel.port2.postMessage(null);
      return id;
    };
    g.clearImmediate = function (id: object | undefined) {
      if (id) activeTimers.delete(id);
    };
  }
}

/** One macrotask, through a MessageChannel: fake timers do not touch it, and browsers do not clamp it as they clamp nested setTimeout(0). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
