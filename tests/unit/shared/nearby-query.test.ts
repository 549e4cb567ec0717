import { NEARBY_DEFAULT_LIMIT, NEARBY_DEFAULT_RADIUS, NEARBY_MAX_LIMIT, NEARBY_MAX_RADIUS, NearbyQuery } from '@yz/shared';

const OUTSIDE_CHINA = '这个位置不在服务范围内（仅限中国境内），请重新定位或选择城市';

/** The first issue of a failed parse, which the API turns into its 400 message and field. */
function firstIssue(input: Record<string, unknown>): { field: string; message: string } {
  const result = NearbyQuery.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.data)}`);
  const issue = result.error.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('NearbyQuery', () => {
  it('coerces query-string text to numbers and fills in the defaults', () => {
    expect(NearbyQuery.parse({ lat: '29.2731', lng: ' 116.2041 ' })).toEqual({
      lat: 29.2731,
      lng: 116.2041,
      radius: NEARBY_DEFAULT_RADIUS,
      limit: NEARBY_DEFAULT_LIMIT,
      locatedBy: 'device',
    });
    expect(NearbyQuery.parse({ lat: '29.2731', lng: '116.2041', radius: '500', limit: '5' })).toEqual({
      lat: 29.2731,
      lng: 116.2041,
      radius: 500,
      limit: 5,
      locatedBy: 'device',
    });
  });

  it('accepts numbers as well as text, and the limits themselves', () => {
    expect(NearbyQuery.parse({ lat: 39.92, lng: 116.44, radius: NEARBY_MAX_RADIUS, limit: NEARBY_MAX_LIMIT })).toEqual({
      lat: 39.92,
      lng: 116.44,
      radius: NEARBY_MAX_RADIUS,
      limit: NEARBY_MAX_LIMIT,
      locatedBy: 'device',
    });
    expect(NearbyQuery.parse({ lat: '39.92', lng: '116.44', radius: '1', limit: '1' })).toMatchObject({ radius: 1, limit: 1 });
  });

  it.each([
    ['missing lat', { lng: '116.2' }, 'lat', '缺少纬度'],
    ['empty lat', { lat: '', lng: '116.2' }, 'lat', '缺少纬度'],
    ['missing lng', { lat: '29.27' }, 'lng', '缺少经度'],
    ['non-numeric lat', { lat: 'abc', lng: '116.2' }, 'lat', '纬度必须是数字'],
    ['non-numeric lng', { lat: '29.27', lng: '116.2east' }, 'lng', '经度必须是数字'],
    ['infinite lat', { lat: '1e400', lng: '116.2' }, 'lat', '纬度必须是数字'],
    ['lat above 90', { lat: '90.5', lng: '116.2' }, 'lat', '纬度必须在 -90 到 90 之间'],
    ['lat below -90', { lat: '-91', lng: '116.2' }, 'lat', '纬度必须在 -90 到 90 之间'],
    ['lng above 180', { lat: '29.27', lng: '181' }, 'lng', '经度必须在 -180 到 180 之间'],
    ['radius 0', { lat: '29.27', lng: '116.2', radius: '0' }, 'radius', `搜索半径（米）必须在 1 到 ${NEARBY_MAX_RADIUS} 之间`],
    ['negative radius', { lat: '29.27', lng: '116.2', radius: '-5' }, 'radius', `搜索半径（米）必须在 1 到 ${NEARBY_MAX_RADIUS} 之间`],
    ['radius over the maximum', { lat: '29.27', lng: '116.2', radius: String(NEARBY_MAX_RADIUS + 1) }, 'radius', `搜索半径（米）必须在 1 到 ${NEARBY_MAX_RADIUS} 之间`],
    ['fractional limit', { lat: '29.27', lng: '116.2', limit: '1.5' }, 'limit', '返回数量必须是整数'],
    ['limit 0', { lat: '29.27', lng: '116.2', limit: '0' }, 'limit', `返回数量必须在 1 到 ${NEARBY_MAX_LIMIT} 之间`],
    ['limit over the maximum', { lat: '29.27', lng: '116.2', limit: String(NEARBY_MAX_LIMIT + 1) }, 'limit', `返回数量必须在 1 到 ${NEARBY_MAX_LIMIT} 之间`],
    ['a point in the Atlantic', { lat: '0', lng: '0' }, 'lat', OUTSIDE_CHINA],
    ['a point in Tokyo (east of the box)', { lat: '35.68', lng: '139.76' }, 'lat', OUTSIDE_CHINA],
    ['a point south of the box', { lat: '2', lng: '110' }, 'lat', OUTSIDE_CHINA],
  ])('refuses %s with the message for people', (_, input, field, message) => {
    expect(firstIssue(input)).toEqual({ field, message });
  });

  it('accepts points at the edges of the service area', () => {
    expect(NearbyQuery.safeParse({ lat: '3.5', lng: '73.4' }).success).toBe(true);
    expect(NearbyQuery.safeParse({ lat: '53.6', lng: '135.1' }).success).toBe(true);
    expect(NearbyQuery.safeParse({ lat: '53.61', lng: '135.1' }).success).toBe(false);
  });
});
