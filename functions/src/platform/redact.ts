/**
 * Personal data never reaches a log line, even when someone logs a whole object by mistake: any key
 * below (case, `_` and `-` ignored, at any depth) has its value replaced before the line is written.
 */

export const REDACTED = '[redacted]';

const PERSONAL_KEYS = [
  // who someone is
  'name',
  'realName',
  'idNumber',
  'idCard',
  'mobile',
  'phone',
  'phoneNumber',
  // WeChat identity and session
  'openid',
  'unionid',
  'sessionKey',
  // credentials
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'appSecret',
  'secret',
  'password',
];

const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
const personal = new Set(PERSONAL_KEYS.map(normalise));

export const isPersonalKey = (key: string): boolean => personal.has(normalise(key));

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A JSON.stringify replacer. JSON.stringify asks it about each value before descending into it, so
 * an object is swapped for a copy whose personal keys are masked, and the copy's own children are
 * asked about in turn. Error-shaped objects keep their `name` (TypeError is not a person's name).
 */
export function createRedactingReplacer(): (key: string, value: unknown) => unknown {
  // One copy per original object within a line, so circular references stay recognisable to the
  // serializer that calls us (it drops a value that is one of its own ancestors).
  let copies = new WeakMap<object, Plain>();
  return (key, value) => {
    if (key === '') copies = new WeakMap();
    if (!isPlainObject(value)) return value;
    const known = copies.get(value);
    if (known) return known;
    const errorShaped = typeof value.stack === 'string';
    const copy: Plain = {};
    copies.set(value, copy);
    for (const [k, v] of Object.entries(value)) {
      copy[k] = isPersonalKey(k) && !(errorShaped && k === 'name') && v !== undefined && v !== null ? REDACTED : v;
    }
    return copy;
  };
}
