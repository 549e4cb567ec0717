import { BatchApproveBody, contract, routeNames, type RouteName } from '@yz/shared';
import type * as z from 'zod';

/**
 * The edit lock (docs/data-model.md, "Versions and the edit lock"): every route that changes a shared
 * record names the version it read, under the name its clients send, and refuses a missing or
 * malformed one with a message naming the record. Written by hand, so a route that loses its lock fails.
 */
const LOCKED: Record<string, { field: 'version' | 'expectedVersion'; in: 'body' | 'query'; record: string }> = {
  updateStationHours: { field: 'expectedVersion', in: 'body', record: '驿站' },
  closeStation: { field: 'expectedVersion', in: 'body', record: '驿站' },
  reopenStation: { field: 'expectedVersion', in: 'body', record: '驿站' },
  updateStationNotice: { field: 'expectedVersion', in: 'body', record: '驿站' },
  updateStationAmenities: { field: 'expectedVersion', in: 'body', record: '驿站' },
  updateStationPhones: { field: 'expectedVersion', in: 'body', record: '驿站' },
  uploadStationPhoto: { field: 'expectedVersion', in: 'query', record: '驿站' },
  removeStationPhoto: { field: 'expectedVersion', in: 'query', record: '驿站' },
  verifyStation: { field: 'expectedVersion', in: 'body', record: '驿站' },
  updateStationProfile: { field: 'expectedVersion', in: 'body', record: '驿站' },
  deactivateStation: { field: 'expectedVersion', in: 'body', record: '驿站' },
  activateStation: { field: 'expectedVersion', in: 'body', record: '驿站' },
  resubmitApplication: { field: 'version', in: 'body', record: '申请' },
  decideApplication: { field: 'version', in: 'body', record: '申请' },
  updateHardshipFile: { field: 'version', in: 'body', record: '档案' },
  changeHardshipStatus: { field: 'version', in: 'body', record: '档案' },
  addHardshipAssistance: { field: 'version', in: 'body', record: '档案' },
  editWish: { field: 'version', in: 'body', record: '心愿' },
  withdrawWish: { field: 'version', in: 'body', record: '心愿' },
  confirmWishReceived: { field: 'version', in: 'body', record: '心愿' },
  thankWish: { field: 'version', in: 'body', record: '心愿' },
  cancelClaim: { field: 'version', in: 'body', record: '心愿' },
  deliverWish: { field: 'version', in: 'body', record: '心愿' },
  moderateWish: { field: 'version', in: 'body', record: '心愿' },
  closeWish: { field: 'version', in: 'body', record: '心愿' },
};

const shapeOf = (schema: unknown): Record<string, z.ZodType> | undefined =>
  schema && typeof schema === 'object' && 'shape' in schema ? (schema as { shape: Record<string, z.ZodType> }).shape : undefined;

const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

/** The lock's answers: what a missing, zero, fractional and good version get. */
function expectLock(schema: z.ZodType, record: string) {
  expect(messageOf(schema, undefined)).toBe(`缺少${record}版本`);
  expect(messageOf(schema, 0)).toMatch(new RegExp(`^${record}版本`));
  expect(messageOf(schema, 1.5)).toBe(`${record}版本必须是整数`);
  expect(schema.parse(3)).toBe(3);
}

test('exactly the routes listed carry a version field, under the name listed', () => {
  const found: string[] = [];
  for (const name of routeNames) {
    const route = contract[name] as { body?: unknown; query?: unknown };
    for (const where of ['body', 'query'] as const) {
      const shape = shapeOf(route[where]);
      for (const field of ['version', 'expectedVersion'] as const) if (shape && field in shape) found.push(`${name} ${where}.${field}`);
    }
  }
  expect(found.sort()).toEqual(Object.entries(LOCKED).map(([name, lock]) => `${name} ${lock.in}.${lock.field}`).sort());
});

test.each(Object.entries(LOCKED))('%s refuses a missing or malformed version, naming the record', (name, lock) => {
  const route = contract[name as RouteName] as { body?: unknown; query?: unknown };
  const field = shapeOf(route[lock.in])?.[lock.field];
  if (!field) throw new Error(`${name} has no ${lock.in}.${lock.field}`);
  expectLock(field, lock.record);
});

test('each item of a batch approval names the version of its application', () => {
  const item = BatchApproveBody.shape.items.element.shape.version;
  expectLock(item, '申请');
});

test('the query form of the lock takes the number as text', () => {
  const field = shapeOf(contract.removeStationPhoto.query)?.expectedVersion;
  expect(field?.parse('4')).toBe(4);
});
