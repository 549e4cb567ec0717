import { describeAccess } from './access';
import { contract, routeNames, type RouteDef } from './contract';
import { ApiErrorBody, CommonErrorCode, type ErrorCode } from './errors';
import './zod-config';
import * as z from 'zod';

/**
 * The OpenAPI 3.1 document, derived from the contract. Kept out of the package index so the
 * mini-program bundle never carries it.
 */

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const schema = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

function parametersOf(route: RouteDef): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, type] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!type) continue;
    const schema = schemaOf(type, 'input');
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
    }
  }
  return out;
}

/** The codes a route may answer with: the common ones, then its own (each once). */
export function errorCodesOf(route: RouteDef): ErrorCode[] {
  return [...new Set<ErrorCode>([...(Object.keys(CommonErrorCode) as ErrorCode[]), ...(route.errors ?? [])])];
}

export function openApiDocument(opts: { serverUrl?: string; includeDevOnly?: boolean } = {}): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorSchema = schemaOf(ApiErrorBody, 'output');
  for (const name of routeNames) {
    const route = contract[name] as RouteDef;
    if (route.devOnly && !opts.includeDevOnly) continue;
    const status = String(route.status ?? 200);
    const operation: JsonSchema = {
      operationId: name,
      summary: route.summary,
      tags: [route.domain],
      parameters: parametersOf(route),
      responses: {
        [status]:
          status === '204'
            ? { description: 'No content' }
            : route.responseKind === 'file'
              ? {
                  description: 'The file itself (Content-Disposition names it)',
                  content: { 'text/csv': { schema: { type: 'string' } }, 'application/geo+json': { schema: { type: 'object' } } },
                }
              : { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } },
        default: {
          description: `Error: ${errorCodesOf(route).join(', ')}`,
          content: { 'application/json': { schema: errorSchema } },
          'x-error-codes': errorCodesOf(route),
        },
      },
      'x-access': { ...route.access, description: describeAccess(route.access) },
      'x-domain': route.domain,
      ...(route.devOnly ? { 'x-dev-only': true } : {}),
    };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    }
    if (route.bodyKind === 'file') {
      const file = { type: 'string', format: 'binary' };
      operation.requestBody = {
        required: true,
        description: 'The file: the raw bytes, or a multipart form with one file part (as wx.uploadFile sends it)',
        content: { 'application/octet-stream': { schema: file }, 'multipart/form-data': { schema: { type: 'object', properties: { file } } } },
      };
    }
    if (route.access.kind !== 'public') operation.security = [{ session: [] }];
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Yizhan API（驿站）', version: '0.1.0', description: '户外劳动者驿站、网上入会与微心愿的接口' },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
    paths,
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
