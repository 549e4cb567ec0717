import { alwaysOpenHours, failedFilters, foldText, matchesKeyword, prepareFilters, unknownAmenities, NearbyQuery } from '@yz/shared';

describe('keyword folding', () => {
  it('folds full-width letters and digits, case and every kind of space', () => {
    expect(foldText('Ａ座　１２号 Ｂ')).toBe('a座12号b');
    expect(foldText('琅琊 大道')).toBe('琅琊大道');
    expect(matchesKeyword(foldText(' 琅琊大道 '), '滁州琅琊大道工会户外劳动者服务站')).toBe(true);
    expect(matchesKeyword(foldText('ｂ座'), '延安路12号B座')).toBe(true);
    expect(matchesKeyword(foldText('醉翁'), '延安路12号B座')).toBe(false);
    expect(matchesKeyword('', 'anything')).toBe(true);
  });
});

describe('failedFilters', () => {
  const row = {
    name: '琅琊大道爱心驿站',
    address: '安徽省滁州市琅琊区琅琊大道1号',
    type: 'community' as const,
    amenities: { ...unknownAmenities(), hot_water: 'yes' as const, toilet: 'no' as const },
    hours: alwaysOpenHours(),
    closure: null,
  };
  const now = new Date('2026-11-25T10:00:00+08:00');
  it('names each filter a station fails, and none when it matches', () => {
    expect(failedFilters(row, prepareFilters({ amenities: ['hot_water'], openNow: true, type: ['community'], q: '爱心' }, now))).toEqual([]);
    expect(failedFilters(row, prepareFilters({ amenities: ['hot_water', 'toilet', 'wifi'] }, now))).toEqual(['amenity:toilet', 'amenity:wifi']);
    expect(failedFilters(row, prepareFilters({ type: ['bank', 'mall'], q: '醉翁' }, now))).toEqual(['type', 'q']);
    expect(failedFilters({ ...row, closure: { reason: '装修', since: '2026-11-01T00:00:00+08:00', until: null } }, prepareFilters({ openNow: true }, now))).toEqual([
      'openNow',
    ]);
    expect(failedFilters({ ...row, hours: null }, prepareFilters({ openNow: true }, now))).toEqual(['openNow']);
  });
});

describe('NearbyQuery filters', () => {
  it('reads comma lists and flags from the query string, dropping repeats', () => {
    const q = NearbyQuery.parse({ lat: '29.27', lng: '116.2', amenities: 'hot_water,toilet,hot_water', type: 'bank', openNow: '1', q: ' 驿站 ' });
    expect(q).toMatchObject({ amenities: ['hot_water', 'toilet'], type: ['bank'], openNow: true, q: '驿站', locatedBy: 'device' });
  });
});
