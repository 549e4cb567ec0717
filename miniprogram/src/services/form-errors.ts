import { ApiError, errorMessage } from './api';

/**
 * The messages a form shows in red: under the field they are about, or under the whole form ('form').
 * Field keys are the schema's paths ('name', 'members.0' with depth 2), as the server names them.
 */

/** One thing a schema refused (a zod issue): where, and the Chinese message. */
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** What the schema refused, the first message of each field, keyed by the first `depth` steps of its path. */
export function issuesByField<F extends string>(issues: readonly Issue[], depth = 1): Partial<Record<F | 'form', string>> {
  const found: Record<string, string> = {};
  for (const issue of issues) found[issue.path.slice(0, depth).map(String).join('.') || 'form'] ??= issue.message;
  return found as Partial<Record<F | 'form', string>>;
}

/**
 * Why the server refused a submit: under the field it named (its first `depth` steps, when given), or,
 * for anything else (the network, a rule about the whole form), under the whole form.
 */
export function refusalByField<F extends string>(e: unknown, depth?: number): Partial<Record<F | 'form', string>> {
  if (e instanceof ApiError && e.field) return { [depth === undefined ? e.field : e.field.split('.').slice(0, depth).join('.')]: e.message } as Partial<Record<F | 'form', string>>;
  return { form: errorMessage(e) } as Partial<Record<F | 'form', string>>;
}
