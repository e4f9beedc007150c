/**
 * vitest setup file for the graders: runs in the worker before the test
 * file (and so before the exercise it imports) and locks what assertions
 * depend on (see lock-graders.ts). An exercise that tries to change one of
 * them throws while it loads: it is reported as not loading, with a message
 * that names the property.
 */
import { chai, expect, vi } from 'vitest';
import { lockArray, lockGlobal, lockProperties, lockPrototypeChain } from './lock-graders.ts';

const JEST_MATCHERS = Symbol.for('$$jest-matchers-object');
const ASYMMETRIC_MATCHERS = Symbol.for('asymmetric-matchers-object');
const MATCHERS = Symbol.for('matchers-object');
const GLOBAL_EXPECT = Symbol.for('expect-global');

const registries = (globalThis as any)[JEST_MATCHERS] as { matchers: object; customEqualityTesters: unknown[] } | undefined;
if (registries) {
  lockProperties(registries.matchers, 'expect.extend registry');
  lockArray(registries.customEqualityTesters, 'expect.addEqualityTesters');
}
const asymmetric = (globalThis as any)[ASYMMETRIC_MATCHERS] as object | undefined;
if (asymmetric) lockProperties(asymmetric, 'expect (asymmetric matchers)');
for (const [key, label] of [
  [JEST_MATCHERS, 'the expect registry'],
  [ASYMMETRIC_MATCHERS, 'the asymmetric matcher registry'],
  [MATCHERS, 'the expect state'],
  [GLOBAL_EXPECT, 'the global expect'],
] as const) {
  lockGlobal(key, label);
}

// chai: every matcher is a method of Assertion.prototype.
lockProperties(chai.Assertion.prototype, 'chai.Assertion.prototype');
lockProperties(chai.Assertion, 'chai.Assertion');
lockProperties(chai.AssertionError.prototype, 'chai.AssertionError.prototype');
lockProperties(chai.config, 'chai.config');
lockProperties(chai.assert, 'chai.assert');
lockProperties(chai.expect, 'chai.expect');

// vitest's expect and vi, and the asymmetric matchers' classes.
lockProperties(expect, 'expect');
lockProperties(expect.not, 'expect.not');
lockProperties(vi, 'vi');
for (const [label, sample] of [
  ['expect.any', expect.any(String)],
  ['expect.anything', expect.anything()],
  ['expect.objectContaining', expect.objectContaining({})],
  ['expect.arrayContaining', expect.arrayContaining([])],
  ['expect.stringContaining', expect.stringContaining('')],
  ['expect.stringMatching', expect.stringMatching(/x/)],
  ['expect.closeTo', expect.closeTo(0)],
] as const) {
  lockPrototypeChain(sample as object, label);
}

// What deep equality (toEqual, toStrictEqual, toMatchObject) is built from.
for (const [target, label] of [
  [Object, 'Object'],
  [Array, 'Array'],
  [Reflect, 'Reflect'],
  [JSON, 'JSON'],
  [Number, 'Number'],
  [String, 'String'],
  [Symbol, 'Symbol'],
] as const) {
  lockProperties(target, label);
}

// What the graders' HTTP helpers read a handler's answer with.
for (const [target, label] of [
  [Response.prototype, 'Response.prototype'],
  [Request.prototype, 'Request.prototype'],
  [Headers.prototype, 'Headers.prototype'],
  [URL.prototype, 'URL.prototype'],
  [URLSearchParams.prototype, 'URLSearchParams.prototype'],
  [Response, 'Response'],
] as const) {
  lockProperties(target, label);
}
