/**
 * Makes the grader's machinery read-only, so an exercise cannot switch its
 * grader off: one line such as `chai.Assertion.prototype.assert = () => {}`
 * in an exercise used to make every assertion pass.
 *
 * Runs in the worker (guard-setup.ts) before the test file, and so before
 * the exercise, is imported. What it locks, and why each:
 *   - chai's Assertion prototype and statics, config and assert: every
 *     `expect(...)` matcher is a method there;
 *   - vitest's `expect` and `vi` (their helpers: extend, soft, poll, not,
 *     any, objectContaining, fn, …), the prototypes of the asymmetric
 *     matchers, the registries `expect.extend` and `expect.addEqualityTesters`
 *     write to, and the global slots that hold those registries;
 *   - the static helpers that deep equality relies on (Object.is,
 *     Object.keys, Array.isArray, Reflect.*, …);
 *   - the Web classes the graders' HTTP helpers read responses with
 *     (Response, Request, Headers, URL, URLSearchParams prototypes).
 *
 * A locked property keeps its value, and assigning it throws an error that
 * names it. Assigning the same name on an object that merely inherits it
 * still works (it creates the object's own property, as it would have), so
 * legitimate code that overrides an inherited method is unaffected.
 * Deliberately not locked: Object.prototype, Array.prototype and friends
 * (hot paths of every library; patching them breaks the learner's own code
 * before it fools a grader).
 */

export class LockedByGraderError extends Error {
  override name = 'LockedByGraderError';
}

const lockedMessage = (name: string) =>
  `${name} belongs to the grader: an exercise cannot change it (so it cannot switch its grader's assertions off). Remove that line.`;

/** Locks every own property of `target`; `label` names it in the error. Idempotent. */
export function lockProperties(target: object, label: string): void {
  for (const key of Reflect.ownKeys(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || !descriptor.configurable) continue;
    const name = `${label}.${String(key)}`;
    if (!('value' in descriptor) || descriptor.writable === false) {
      // Accessors keep their getter and setter; read-only values stay as they are. Neither can be redefined.
      Object.defineProperty(target, key, { configurable: false });
      continue;
    }
    const value: unknown = descriptor.value;
    Object.defineProperty(target, key, {
      enumerable: descriptor.enumerable,
      configurable: false,
      get: () => value,
      set(this: object, next: unknown) {
        if (this === target) throw new LockedByGraderError(lockedMessage(name));
        Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

/** Locks the prototype chain of `instance` up to (not including) Object.prototype. */
export function lockPrototypeChain(instance: object, label: string): void {
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    lockProperties(proto, `${label} (${proto.constructor?.name ?? 'prototype'})`);
  }
}

/** An array nothing may add to; pushing onto it throws a named error rather than a bare TypeError. */
export function lockArray(array: unknown[], label: string): void {
  if (Object.isFrozen(array)) return;
  Object.defineProperty(array, 'push', {
    value: () => {
      throw new LockedByGraderError(lockedMessage(label));
    },
  });
  Object.freeze(array);
}

/** Makes a global slot (a property of globalThis) impossible to replace. */
export function lockGlobal(key: PropertyKey, label: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
  if (!descriptor || !descriptor.configurable) return;
  if ('value' in descriptor) {
    Object.defineProperty(globalThis, key, {
      configurable: false,
      enumerable: descriptor.enumerable,
      get: () => descriptor.value,
      set: () => {
        throw new LockedByGraderError(lockedMessage(label));
      },
    });
  } else {
    Object.defineProperty(globalThis, key, { configurable: false });
  }
}
