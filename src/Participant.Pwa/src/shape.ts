// Shape checks for JSON off the wire, declared once per message in types.ts.
//
// The app checks leniently: a field it does not know is ignored, and an enum that only picks a
// label (a delivery method, a form field's kind) takes values it does not know yet, so a newer
// server never makes an older app drop a message. The contract test checks strictly: there an
// unknown field or enum value is an error, so a field renamed on the server's side only (or
// the app's side only) fails a test instead of being silently ignored.

export interface CheckContext {
  /** The contract test's mode: unknown fields and unknown enum values are problems too. */
  readonly strict: boolean;
  readonly problems: string[];
  /** Strict mode: collects `Type.field` for every known field present, for the coverage check. */
  readonly seen?: Set<string>;
}

export type Check = (value: unknown, path: string, context: CheckContext) => void;

/** An object shape, with what the contract test needs to know about its fields. */
export interface ObjectCheck extends Check {
  readonly typeName: string;
  readonly keys: readonly string[];
  /** Fields the app reads although the server does not send them yet. */
  readonly aheadOfServer: readonly string[];
}

/** Every object shape declared, for the contract test's coverage check. */
export const objectShapes: ObjectCheck[] = [];

/** What is wrong with a value; empty when it conforms. */
export function problems(
  check: Check,
  value: unknown,
  options: { strict?: boolean; seen?: Set<string> } = {},
): string[] {
  const context: CheckContext = { strict: options.strict ?? false, problems: [], seen: options.seen };
  check(value, '$', context);
  return context.problems;
}

export function conforms(check: Check, value: unknown): boolean {
  return problems(check, value).length === 0;
}

const expect =
  (what: string, test: (value: unknown) => boolean): Check =>
  (value, path, context) => {
    if (!test(value)) context.problems.push(`${path}: expected ${what}, got ${JSON.stringify(value)}`);
  };

export const string = expect('a string', (v) => typeof v === 'string');
export const nonEmptyString = expect('a non-empty string', (v) => typeof v === 'string' && v.length > 0);
export const integer = expect('an integer', (v) => Number.isInteger(v));
export const number = expect('a number', (v) => typeof v === 'number' && Number.isFinite(v));
export const boolean = expect('a boolean', (v) => typeof v === 'boolean');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object of strings under any keys: localised text, a form's answers. */
export const stringMap = expect(
  'an object of strings',
  (v) => isRecord(v) && Object.values(v).every((s) => typeof s === 'string'),
);

/**
 * One of these strings. `open`: the app takes values it does not know (it only picks a label by
 * it); only the contract test insists on the list.
 */
export function oneOf(values: readonly string[], kind: 'closed' | 'open' = 'closed'): Check {
  return (value, path, context) => {
    if (typeof value !== 'string') context.problems.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
    else if ((kind === 'closed' || context.strict) && !values.includes(value))
      context.problems.push(`${path}: "${value}" is not one of ${values.map((v) => `"${v}"`).join(', ')}`);
  };
}

/**
 * An array of items. `checkedByCaller`: the app only needs an array here and checks each item
 * itself, dropping a bad one instead of the whole list; the contract test checks the items too.
 */
export function arrayOf(item: Check, kind: 'checked' | 'checkedByCaller' = 'checked'): Check {
  return (value, path, context) => {
    if (!Array.isArray(value)) {
      context.problems.push(`${path}: expected an array, got ${JSON.stringify(value)}`);
      return;
    }
    if (kind === 'checkedByCaller' && !context.strict) return;
    value.forEach((v, i) => {
      item(v, `${path}[${i}]`, context);
    });
  };
}

/** The field may be missing. */
export function optional(check: Check): Check {
  return (value, path, context) => {
    if (value !== undefined) check(value, path, context);
  };
}

/** The field may be null. */
export function nullable(check: Check): Check {
  return (value, path, context) => {
    if (value !== null) check(value, path, context);
  };
}

const AHEAD = Symbol('aheadOfServer');
type AheadCheck = Check & { [AHEAD]: true };

/** A field the app reads although no server sends it yet (always optional). */
export function aheadOfServer(check: Check): Check {
  const ahead = optional(check) as AheadCheck;
  ahead[AHEAD] = true;
  return ahead;
}

/** One check per field of `T`, no more, no fewer: the compiler keeps a shape and its interface together. */
export type Fields<T> = { readonly [K in keyof Required<T>]: Check };

/** A JSON object with these fields; in strict mode no others. */
export function object<T>(typeName: string, fields: Fields<T>): ObjectCheck {
  const entries = Object.entries(fields) as [string, Check][];
  const check: Check = (value, path, context) => {
    if (!isRecord(value)) {
      context.problems.push(`${path}: expected an object (${typeName}), got ${JSON.stringify(value)}`);
      return;
    }
    for (const [key, field] of entries) field(value[key], `${path}.${key}`, context);
    if (!context.strict) return;
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(fields, key)) context.seen?.add(`${typeName}.${key}`);
      else context.problems.push(`${path}.${key}: ${typeName} has no field "${key}"`);
    }
  };
  const shape: ObjectCheck = Object.assign(check, {
    typeName,
    keys: entries.map(([key]) => key),
    aheadOfServer: entries.filter(([, field]) => AHEAD in field).map(([key]) => key),
  });
  objectShapes.push(shape);
  return shape;
}
