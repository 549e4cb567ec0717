import iconv from 'iconv-lite';
import { lookupDistrict } from '../../../functions/src/platform/regions';
import { headerKey, mapColumns } from '../../../functions/src/stations/import/columns';
import { decodeCsvBytes } from '../../../functions/src/stations/import/decode';
import { amenitiesText, parseAmenities, parseCoordinatePair, parseCoordinates, parsePhones, parseStationType } from '../../../functions/src/stations/import/fields';
import { normaliseAddress, stationKey } from '../../../functions/src/stations/identity';

/** The cells of real station lists: phones, amenities, coordinates, headers, encodings, districts. */

describe('phones', () => {
  it.each([
    ['0792-5222123、13907920000', ['0792-5222123', '13907920000']],
    ['0792-5222123，13907920000/0792-5222124', ['0792-5222123', '13907920000', '0792-5222124']],
    ['0792-5222123 13907920000', ['0792-5222123', '13907920000']],
    ['0792 5222123', ['0792 5222123']],
    ['电话：0792-5222123；手机13907920000', ['0792-5222123', '13907920000']],
    ['0792-5222123转801', ['0792-5222123转801']],
    ['0792-5222123、0792-5222123', ['0792-5222123']],
  ])('%s', (cell, phones) => {
    expect(parsePhones(cell)).toEqual({ phones, invalid: [] });
  });

  it('keeps what is not a phone number apart', () => {
    expect(parsePhones('0792-5222123、找张师傅')).toEqual({ phones: ['0792-5222123'], invalid: ['找张师傅'] });
  });
});

describe('amenities', () => {
  it('listed ones are there, "无…" ones are not, the rest stay unknown', () => {
    expect(parseAmenities('热水、卫生间，手机充电 无微波炉 无线网络')).toEqual({
      yes: ['hot_water', 'toilet', 'phone_charging', 'wifi'],
      no: ['microwave'],
      unknown: [],
    });
    expect(parseAmenities('空调/暖气、按摩椅').unknown).toEqual(['按摩椅']);
  });

  it('writes a cell that reads back to the same amenities', () => {
    const amenities = Object.fromEntries(
      ['hot_water', 'drinking_water', 'microwave', 'toilet', 'air_conditioning', 'seating', 'phone_charging', 'ebike_charging', 'first_aid', 'umbrella', 'reading_corner', 'wifi', 'job_board', 'legal_aid', 'womens_care'].map(
        (a, i) => [a, ['yes', 'no', 'unknown'][i % 3]],
      ),
    ) as Parameters<typeof amenitiesText>[0];
    const back = parseAmenities(amenitiesText(amenities));
    expect(back.unknown).toEqual([]);
    for (const [a, v] of Object.entries(amenities)) {
      expect([back.yes.includes(a as never) ? 'yes' : back.no.includes(a as never) ? 'no' : 'unknown', a]).toEqual([v, a]);
    }
  });
});

describe('station types', () => {
  it('by label, by key, by a common word', () => {
    expect(parseStationType('银行网点')).toBe('bank');
    expect(parseStationType('police_booth')).toBe('police_booth');
    expect(parseStationType('便利店')).toBe('shop');
    expect(parseStationType('爱心驿站')).toBeNull();
  });
});

describe('coordinates', () => {
  it('reads them, puts swapped columns right, refuses the rest', () => {
    expect(parseCoordinates('29.271245', '116.201522')).toEqual({ kind: 'ok', location: { lat: 29.271245, lng: 116.201522 }, note: null });
    expect(parseCoordinates('116.201522', '29.271245')).toMatchObject({ kind: 'ok', location: { lat: 29.271245, lng: 116.201522 } });
    expect(parseCoordinates('', '')).toEqual({ kind: 'none' });
    expect(parseCoordinates('29.27', '')).toMatchObject({ kind: 'bad', reason: '只有纬度没有经度' });
    expect(parseCoordinates('48.85', '2.35')).toMatchObject({ kind: 'bad' });
    expect(parseCoordinates('二十九', '116')).toMatchObject({ kind: 'bad' });
    expect(parseCoordinatePair('116.201522,29.271245')).toMatchObject({ kind: 'ok', location: { lat: 29.271245, lng: 116.201522 } });
  });
});

describe('headers', () => {
  it('understands Chinese and English names, with units and notes', () => {
    const map = mapColumns(['名称', 'Address', '区县', '纬度（GCJ-02）', 'lng_gcj02', '营业时间', '联系电话', 'batch']);
    expect(map.byIndex).toEqual(['name', 'address', 'district', 'lat', 'lng', 'hours', 'phone', null]);
    expect(map.ignored).toEqual(['batch']);
    expect(headerKey('\uFEFF名称')).toBe('名称');
  });
});

describe('encodings', () => {
  const text = '名称,地址\n都昌县智能化工会户外劳动者驿站,都昌镇东风大道348号\n';
  it('reads UTF-8 with and without a BOM, GBK and UTF-16', () => {
    expect(decodeCsvBytes(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvBytes(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('districts and station identity', () => {
  it('finds a district by code, name, short name or full path, inside the caller\'s region', () => {
    expect(lookupDistrict('360428')).toEqual({ code: '360428', name: '都昌县' });
    expect(lookupDistrict('都昌县')).toEqual({ code: '360428', name: '都昌县' });
    expect(lookupDistrict('都昌')).toEqual({ code: '360428', name: '都昌县' });
    expect(lookupDistrict('江西省九江市都昌县')).toEqual({ code: '360428', name: '都昌县' });
    expect(lookupDistrict('琅琊区', { regionCode: '36' })).toBeNull();
    expect(lookupDistrict('3604')).toBeNull();
    expect(lookupDistrict('火星区')).toBeNull();
    // The national table, not only the demo regions: a name shared by two cities needs the region.
    expect(lookupDistrict('海淀区')).toEqual({ code: '110108', name: '海淀区' });
    expect(lookupDistrict('朝阳区')).toBeNull();
    expect(lookupDistrict('朝阳区', { regionCode: '11' })).toEqual({ code: '110105', name: '朝阳区' });
  });

  it('treats the same name and address as the same station however written', () => {
    const district = { code: '360428' };
    expect(normaliseAddress('江西省九江市都昌县都昌镇东风大道348号', '360428')).toBe('都昌镇东风大道348号');
    expect(stationKey({ name: '都昌县 智能化工会驿站（东风）', address: '江西省九江市都昌县都昌镇东风大道３４８号', district })).toBe(
      stationKey({ name: '都昌县智能化工会驿站(东风)', address: '都昌镇东风大道348号', district }),
    );
    expect(stationKey({ name: 'A', address: '东风大道348号', district })).not.toBe(stationKey({ name: 'A', address: '东风大道349号', district }));
  });
});
