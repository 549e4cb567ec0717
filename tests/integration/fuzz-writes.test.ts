import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { contract, PERSONA_IDS, type RouteDef } from '@yz/shared';
import * as fc from 'fast-check';
import * as z from 'zod';
import { tables, type TableName } from '../../functions/src/tables';
import { loginAs } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Property-based fuzzing of every write route (POST / PUT / PATCH / DELETE) with malformed input
 * derived from the route's own zod schemas (contract: `params`, `query`, `body`), sent over HTTP to the
 * real handlers as each dev persona and anonymously.
 *
 * Each schema is turned into its JSON Schema (zod's `toJSONSchema`), and from that into a fast-check
 * arbitrary of values that are mostly the right shape with a wrong part: a field of the wrong type, a
 * string one character over its limit, a number out of range, an enum value that is not one, hidden
 * characters, a missing field, an unknown field; plus whole bodies that are not JSON or not objects. A
 * request is kept only if the route's schema refuses at least one of its parts, so every request sent
 * is malformed by the contract's own definition.
 *
 * Asserted: never a 5xx; every 4xx is `{ code, message }` with a Chinese message; and nothing was
 * written. The last is checked soundly and cheaply: this stack's tables are small (a handful of seed
 * items), so every table but the rate-limit counters (which count attempts by design) is read whole
 * before and after and compared by hash.
 *
 * Routes with nothing to malform (no params, query or body: log out, delete my account) are left out.
 * The seed is printed; FUZZ_SEED=<n> replays a run.
 */

const PER_ROUTE = 300;
const PARALLEL = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

type Json = Record<string, unknown>;
type Persona = (typeof PERSONA_IDS)[number] | 'anonymous';

const HAN = /[\u4e00-\u9fff]/;
const WRONG_TYPE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
);
/** Strings the shared text type must refuse, and some that look like other things. */
const NASTY_TEXT = fc.constantFrom('', ' ', '\u0000', 'a\u001b[31m', '\u202e反转', '零\u200b宽', '\ud800', '=1+1', '<script>', '../../etc', '9'.repeat(40), '１２３', 'null', '0');

function arbitraryFor(node: Json, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return WRONG_TYPE;
  const variants = [...((node.anyOf ?? node.oneOf ?? []) as Json[]), ...((node.allOf ?? []) as Json[])];
  if (variants.length > 0) return fc.oneof(...variants.map((v) => arbitraryFor(v, depth + 1)), WRONG_TYPE);
  if (Array.isArray(node.enum)) return fc.oneof(fc.constantFrom(...(node.enum as unknown[])), fc.constantFrom('bogus', '', 'OPEN'), WRONG_TYPE);
  if ('const' in node) return fc.oneof(fc.constant(node.const), WRONG_TYPE);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const props = (node.properties ?? {}) as Record<string, Json>;
      const keys = Object.keys(props);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryFor(props[k]!, depth + 1)])), { requiredKeys: [] });
      return fc.oneof(
        { weight: 6, arbitrary: record },
        { weight: 1, arbitrary: record.map((r) => ({ ...(r as Json), unexpected: 1 })) },
        { weight: 1, arbitrary: WRONG_TYPE },
      );
    }
    case 'array': {
      const items = arbitraryFor((node.items ?? {}) as Json, depth + 1);
      const max = typeof node.maxItems === 'number' ? node.maxItems + 1 : 4;
      return fc.oneof({ weight: 4, arbitrary: fc.array(items, { maxLength: Math.min(max, 12) }) }, { weight: 1, arbitrary: WRONG_TYPE });
    }
    case 'string': {
      const max = typeof node.maxLength === 'number' ? node.maxLength : 40;
      const min = typeof node.minLength === 'number' ? node.minLength : 0;
      return fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.constant('字'.repeat(Math.min(max + 1, 2_000))),
        fc.constant('a'.repeat(Math.max(0, min - 1))),
        NASTY_TEXT,
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        WRONG_TYPE,
      );
    }
    case 'integer':
    case 'number': {
      const lo = typeof node.minimum === 'number' ? node.minimum : -1e6;
      const hi = typeof node.maximum === 'number' ? node.maximum : 1e6;
      return fc.oneof(fc.integer({ min: -1_000, max: 1_000 }), fc.constantFrom(lo - 1, hi + 1, 0.5, -0, Number.MAX_SAFE_INTEGER + 2, 1e308), fc.string({ maxLength: 4 }), WRONG_TYPE);
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0), WRONG_TYPE);
    default:
      return WRONG_TYPE;
  }
}

function schemaArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  return arbitraryFor(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json, 0);
}

/**
 * Path and query parts travel as UTF-8 text: stringify whatever was drawn, and replace lone surrogates
 * the way the URL encoder would (the body keeps them: JSON escapes them).
 */
const asText = (v: unknown): string =>
  (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v)).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

interface FuzzRequest {
  path: string;
  query: string;
  /** Raw body text, or undefined for none. */
  body: string | undefined;
  persona: Persona;
}

function requestsFor(route: RouteDef, personas: Persona[], seed: number): FuzzRequest[] {
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const params = route.params ? schemaArbitrary(route.params) : fc.constant({});
  const query = route.query ? schemaArbitrary(route.query) : fc.constant({});
  const body = route.body
    ? fc.oneof(
        { weight: 8, arbitrary: schemaArbitrary(route.body).map((v) => (v === undefined ? undefined : JSON.stringify(v))) },
        { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'not json', '[]', 'null', '""', '   ', '{"__proto__":{"x":1}}') },
      )
    : fc.constant(undefined);
  const drawn = fc.tuple(params, query, body).map(([p, q, b]) => {
    // Path segments as the server will see them; a dot segment would be resolved away by the URL.
    const pathParams = Object.fromEntries(paramNames.map((n) => [n, asText((p as Json | null)?.[n])]).map(([n, v]) => [n, v === '.' || v === '..' ? `${v}x` : v]));
    const queryParams = Object.entries(typeof q === 'object' && q !== null && !Array.isArray(q) ? (q as Json) : { q: q }).map(([k, v]) => [k, asText(v)] as const);
    return { pathParams, queryParams, body: b };
  });
  const malformed = drawn.filter(({ pathParams, queryParams, body: b }) => {
    const paramsBad = route.params ? !route.params.safeParse(pathParams).success : false;
    const queryBad = route.query ? !route.query.safeParse(Object.fromEntries(queryParams.filter(([, v]) => v !== ''))).success : false;
    let bodyBad = false;
    if (route.body) {
      try {
        bodyBad = b === undefined || b.trim() === '' || !route.body.safeParse(JSON.parse(b)).success;
      } catch {
        bodyBad = true;
      }
    }
    return paramsBad || queryBad || bodyBad;
  });
  return fc.sample(malformed, { numRuns: PER_ROUTE, seed }).map(({ pathParams, queryParams, body: b }, i) => ({
    path: route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(pathParams[n] ?? '')),
    query: queryParams.length > 0 ? `?${new URLSearchParams(queryParams.map(([k, v]) => [k, v])).toString()}` : '',
    body: b,
    persona: personas[i % personas.length]!,
  }));
}

let stack: TestStack;
const tokens = new Map<Persona, string | null>();

/** Every table but the rate-limit counters, item by item, as one hash per table. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(tables) as TableName[]) {
    if (name === 'rateLimits') continue;
    const hashes: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table(name), ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) hashes.push(createHash('sha256').update(JSON.stringify(item, Object.keys(item).sort())).digest('hex'));
      start = page.LastEvaluatedKey;
    } while (start);
    out[name] = `${hashes.length}:${createHash('sha256').update(hashes.sort().join()).digest('hex').slice(0, 16)}`;
  }
  return out;
}

beforeAll(async () => {
  stack = await startTestStack();
  // Something to aim at: a station the host persona keeps and a wish-capable worker on file.
  await putStations(stack, [makeStation({ id: 'amap-B0J3R71OZC', district: { code: '360428', name: '都昌县' } })]);
  await hardshipWorkerOnFile(stack.url);
  for (const persona of PERSONA_IDS) tokens.set(persona, (await loginAs(stack.url, persona)).token);
  tokens.set('anonymous', null);
});
afterAll(async () => {
  await stack?.stop();
});

it(`sends ${PER_ROUTE} malformed requests to every write route as every persona: no 5xx, Chinese 4xx, nothing written`, async () => {
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);
  const routes = Object.entries(contract as Record<string, RouteDef>).filter(
    ([, r]) => r.method !== 'GET' && (r.params || r.query || r.body),
  );
  const personas: Persona[] = [...PERSONA_IDS, 'anonymous'];
  const before = await snapshot();

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = performance.now();
  for (const [index, [name, route]] of routes.entries()) {
    const batch = requestsFor(route, personas, SEED + index);
    expect(batch).toHaveLength(PER_ROUTE);
    let validationAnswers = 0;
    for (let i = 0; i < batch.length; i += PARALLEL) {
      await Promise.all(
        batch.slice(i, i + PARALLEL).map(async (req) => {
          const token = tokens.get(req.persona);
          const res = await fetch(`${stack.url}${req.path}${req.query}`, {
            method: route.method,
            headers: {
              ...(req.body !== undefined ? { 'content-type': route.bodyKind === 'file' ? 'image/jpeg' : 'application/json' } : {}),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: req.body,
          });
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          const where = `${name} ${route.method} ${req.path}${req.query} as ${req.persona} body ${String(req.body).slice(0, 200)}`;
          if (res.status >= 500 || res.status < 400) {
            failures.push(`${where} → ${res.status} ${text.slice(0, 200)}`);
            return;
          }
          if (res.status === 400) validationAnswers += 1;
          let parsed: { code?: unknown; message?: unknown } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            /* reported below */
          }
          if (typeof parsed.code !== 'string' || typeof parsed.message !== 'string' || !HAN.test(parsed.message)) {
            failures.push(`${where} → ${res.status} without a Chinese { code, message }: ${text.slice(0, 200)}`);
          }
        }),
      );
    }
    // The requests reached validation for someone: not every answer was a role refusal.
    if (validationAnswers === 0) failures.push(`${name}: no request was refused as invalid input (400); the fuzz did not reach validation`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${sent} requests to ${routes.length} write routes in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

  expect(failures.slice(0, 20)).toEqual([]);
  expect(sent).toBe(routes.length * PER_ROUTE);
  expect(await snapshot()).toEqual(before);
}, 300_000);
