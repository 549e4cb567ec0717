import type { ApiErrorBody } from '@yz/shared';

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** GET a path of the local API and parse the body as JSON (every answer of the API is JSON). */
export async function getJson<T = unknown>(baseUrl: string, pathAndQuery: string): Promise<JsonResponse<T>> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`GET ${pathAndQuery} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export type ErrorResponse = JsonResponse<ApiErrorBody>;
