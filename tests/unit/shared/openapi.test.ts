import { CommonErrorCode, contract, describeAccess, ErrorCode, routeNames, type RouteDef, type RouteName } from '@yz/shared';
import { openApiDocument } from '@yz/shared/openapi';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean; schema: Json };

function operation(doc: Json, route: RouteDef): Json {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const op = paths[route.path]?.[route.method.toLowerCase()];
  if (!op) throw new Error(`${route.method} ${route.path} is missing from the document`);
  return op;
}

describe('openApiDocument', () => {
  // As a development server serves it: with the development-only routes.
  const doc = openApiDocument({ serverUrl: 'https://api.example.test', includeDevOnly: true });

  it('is an OpenAPI 3.1.0 document with the server it was given', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.example.test' }]);
    expect(openApiDocument().servers).toEqual([]);
  });

  it('has exactly the contract routes, each under its operationId', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const listed = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${String(op.operationId)}`),
    );
    const expected = routeNames.map((name) => `${contract[name].method} ${contract[name].path} ${name}`);
    expect(listed.sort()).toEqual(expected.sort());
    expect(routeNames).toEqual(expect.arrayContaining(['nearbyStations', 'getStation']));
  });

  it('leaves the development-only routes out unless asked, and marks them when in', () => {
    const plain = openApiDocument().paths as Record<string, Record<string, Json>>;
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      const listed = plain[route.path]?.[route.method.toLowerCase()];
      if (route.devOnly) {
        expect(listed).toBeUndefined();
        expect(operation(doc, route)['x-dev-only']).toBe(true);
      } else {
        expect(listed?.operationId).toBe(name);
      }
    }
    expect(routeNames.some((n) => (contract[n] as RouteDef).devOnly)).toBe(true);
  });

  it.each(routeNames)('%s declares who may call it, its domain and its error answer', (name) => {
    const route = contract[name] as RouteDef;
    const op = operation(doc, route);
    expect(op['x-access']).toEqual({ ...route.access, description: describeAccess(route.access) });
    expect(op['x-domain']).toBe(route.domain);
    expect(op.tags).toEqual([route.domain]);
    const responses = op.responses as Record<string, Json>;
    expect(Object.keys(responses).sort()).toEqual([String(route.status ?? 200), 'default'].sort());
    for (const code of route.errors ?? []) expect(String(responses.default?.description)).toContain(code);
  });

  it('describes the nearby query parameters with their ranges and which are required', () => {
    const params = operation(doc, contract.nearbyStations).parameters as Parameter[];
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ['lat', 'query', true],
      ['lng', 'query', true],
      ['radius', 'query', false],
      ['limit', 'query', false],
      ['locatedBy', 'query', false],
      ['amenities', 'query', false],
      ['type', 'query', false],
      ['openNow', 'query', false],
      ['q', 'query', false],
    ]);
    const byName = Object.fromEntries(params.map((p) => [p.name, p.schema]));
    expect(byName.lat).toMatchObject({ type: 'number', minimum: -90, maximum: 90 });
    expect(byName.lng).toMatchObject({ type: 'number', minimum: -180, maximum: 180 });
    expect(byName.radius).toMatchObject({ type: 'number', minimum: 1, maximum: 20000 });
    expect(byName.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
  });

  it('describes the station id as a required path parameter with its pattern', () => {
    const params = operation(doc, contract.getStation).parameters as Parameter[];
    expect(params).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{3,64}$' } }]);
  });

  it('public routes carry no security requirement', () => {
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      const op = operation(doc, route);
      if (route.access.kind === 'public') expect(op.security).toBeUndefined();
      else expect(op.security).toEqual([{ session: [] }]);
    }
  });
});

describe('file routes', () => {
  const doc = openApiDocument();
  it('describe a file request body and a file answer', () => {
    const upload = operation(doc, contract.uploadStationPhoto);
    expect(Object.keys((upload.requestBody as Json).content as Json).sort()).toEqual(['application/octet-stream', 'multipart/form-data']);
    const exported = operation(doc, contract.exportStations);
    expect(Object.keys(((exported.responses as Json)['200'] as Json).content as Json).sort()).toEqual(['application/geo+json', 'text/csv']);
  });
});

describe('error codes', () => {
  const doc = openApiDocument({ includeDevOnly: true });
  const catalogue = new Set<string>(Object.values(ErrorCode));

  it.each(routeNames)('%s answers only codes of the catalogue, each once, and lists them with the common ones', (name) => {
    const route = contract[name] as RouteDef;
    const own = route.errors ?? [];
    for (const code of own) expect(catalogue).toContain(code);
    expect(new Set(own).size).toBe(own.length);
    const listed = ((operation(doc, route).responses as Record<string, Json>).default as Json)['x-error-codes'];
    expect(listed).toEqual([...Object.keys(CommonErrorCode), ...own.filter((code) => !(code in CommonErrorCode))]);
  });

  it('has codes that are their own names, so a client may compare either', () => {
    for (const [key, code] of Object.entries(ErrorCode)) expect(code).toBe(key);
    expect([...catalogue]).toEqual(expect.arrayContaining(['STATION_NOT_FOUND', 'WISH_ALREADY_CLAIMED', 'RATE_LIMITED', 'INVALID_PARAMETER']));
  });

  it('documents the codes the services were found to throw but the contract did not list', () => {
    const errorsOf = (name: RouteName) => (contract[name] as RouteDef).errors ?? [];
    expect(errorsOf('recordVisit')).toContain('STATION_INACTIVE');
    expect(errorsOf('decideApplication')).toEqual(expect.arrayContaining(['APPLICATION_NOT_FOUND', 'ALREADY_MEMBER', 'APPLICANT_GONE']));
    expect(errorsOf('nearbyStations')).toEqual(expect.arrayContaining(['OUT_OF_SERVICE_AREA', 'UNKNOWN_AMENITY', 'KEYWORD_TOO_LONG']));
    expect(errorsOf('withdrawWish')).toContain('WISH_NOT_FOUND');
  });

  it('refuses a misspelt code at type-check time', () => {
    const route: RouteDef = {
      ...contract.getStation,
      // @ts-expect-error: not a code of the catalogue (the type-check fails if this line compiles)
      errors: ['STATION_NOT_FUOND'],
    };
    expect(route.errors).toEqual(['STATION_NOT_FUOND']);
  });
});
