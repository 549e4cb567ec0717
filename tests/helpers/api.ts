import type { PersonaId, Session } from '@yz/shared';

/** A plain HTTP client for tests: any method, optional token and JSON body, parsed JSON back. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

/** Sign in as a demo persona through the development login. */
export async function loginAs(baseUrl: string, persona: PersonaId): Promise<Session> {
  const res = await request<Session>(baseUrl, 'POST', '/auth/dev', { body: { persona } });
  if (res.status !== 200) throw new Error(`dev login as ${persona} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Tokens of the staff personas the review tests act as: district staff, another district's, city staff, an admin. */
export async function staffTokens(baseUrl: string) {
  const token = async (p: PersonaId) => (await loginAs(baseUrl, p)).token;
  const districtStaff = await token('district-staff');
  const otherDistrictStaff = await token('district-staff-other');
  const cityStaff = await token('city-staff');
  const admin = await token('admin');
  return { districtStaff, otherDistrictStaff, cityStaff, admin };
}

export type StaffTokens = Awaited<ReturnType<typeof staffTokens>>;

/** Sign in through the WeChat flow (the stack's fake WeChat server accepts any code once). */
export async function loginWechat(baseUrl: string, code: string): Promise<ApiResponse<Session>> {
  return request<Session>(baseUrl, 'POST', '/auth/wechat', { body: { code } });
}

let wechatUsers = 0;
/**
 * A person never seen before, signed in through the WeChat flow: the code's part before the '.'
 * names the WeChat user (dev/src/fake-wechat.ts), and it is new at every call. Throws unless 200.
 */
export async function newWechatUser(baseUrl: string, label: string): Promise<Session> {
  wechatUsers += 1;
  const res = await loginWechat(baseUrl, `${label}-${wechatUsers}-${Math.random().toString(36).slice(2)}.1`);
  if (res.status !== 200) throw new Error(`WeChat login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
