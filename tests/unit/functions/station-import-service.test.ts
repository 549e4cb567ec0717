import type { ImportReport, Station } from '@yz/shared';
import { StationImporter, type ImportOptions } from '../../../functions/src/stations/import/service';
import { StationKeeping } from '../../../functions/src/stations/station-writes';
import { InMemoryStationStore } from '../adapters/station-store';
import { makeStation } from '../../helpers/stations';
import { codeOf, later, NOW } from '../../helpers/service-rules';

/**
 * The importer's rules on the in-memory station store, written through the real StationKeeping: which
 * station a row describes (编号, or district + name + address however they are written), that a list
 * naming one station twice imports it once, that a row changes only what it says, that importing twice
 * changes nothing, that a host's edit made meanwhile survives, and what the report says row by row.
 * Real files (GBK, messy lists) over HTTP and DynamoDB: tests/integration/station-import.test.ts.
 */

const DUCHANG = { code: '360428', name: '都昌县' };
const HEADER = '编号,名称,地址,纬度,经度,开放时间,电话';

function setup(stations: Station[] = []) {
  const store = new InMemoryStationStore();
  void store.putMany(stations);
  const keeping = new StationKeeping({
    store,
    photos: {
      put: () => Promise.reject(new Error('the importer stores no photos')),
      delete: () => Promise.reject(new Error('the importer stores no photos')),
    },
  });
  const importer = new StationImporter({ store, keeping });
  const run = (lines: string[], opts: Partial<ImportOptions> = {}, at = NOW) =>
    importer.importFile(new TextEncoder().encode([HEADER, ...lines].join('\n')), {
      regionCode: DUCHANG.code,
      dryRun: false,
      actor: { userId: 'u_staff', role: 'import' },
      now: at,
      ...opts,
    });
  return { store, run };
}

const outcomes = (report: ImportReport) => report.rows.map((r) => [r.row, r.outcome, r.change]);

describe('importing a station list', () => {
  it('creates the stations of a new list, each with a first history entry, and says so row by row', async () => {
    const { store, run } = setup();
    const report = await run([',东湖驿站,县府南路1号,29.27,116.2,08:00-18:00,0792-5222123', ',北山驿站,北山路2号,,,,']);
    expect(outcomes(report)).toEqual([
      [2, 'imported', 'created'],
      [3, 'imported', 'created'],
    ]);
    expect(report.totals).toMatchObject({ imported: 2, rejected: 0 });
    // No coordinates: kept, waiting to be located, with the reason as a warning.
    const north = store.stations.where((s) => s.name === '北山驿站')[0]!;
    expect(north.status).toBe('needs_location');
    expect(report.rows[1]!.warnings.join()).toContain('没有经纬度');
    expect(report.withWarnings).toBe(1);
    expect(store.entries.map((e) => e.action)).toEqual(['import', 'import']);
  });

  it('changes nothing the second time the same list is imported', async () => {
    const { store, run } = setup();
    const lines = [',东湖驿站,县府南路1号,29.27,116.2,08:00-18:00,0792-5222123'];
    await run(lines);
    const again = await run(lines, {}, later(60));
    expect(outcomes(again)).toEqual([[2, 'unchanged', 'none']]);
    expect(store.entries).toHaveLength(1);
  });

  it('finds a station by its name and address written another way, and keeps its text', async () => {
    const existing = makeStation({ id: 'st-east', name: '东湖驿站', address: '县府南路1号', district: DUCHANG });
    const { store, run } = setup([existing]);
    const report = await run([',东湖 驿站,县府南路１号,,,08:00-18:00,']);
    expect(outcomes(report)).toEqual([[2, 'updated', 'updated']]);
    expect(report.rows[0]!.stationId).toBe('st-east');
    const now = (await store.get('st-east'))!;
    expect([now.name, now.address, now.version]).toEqual(['东湖驿站', '县府南路1号', existing.version + 1]);
    expect(now.hours).not.toBeNull();
  });

  it('changes only what a row says: empty cells keep what a host entered', async () => {
    const existing = makeStation({ id: 'st-east', name: '东湖驿站', address: '县府南路1号', district: DUCHANG, phones: ['0792-5222123'] });
    const { store, run } = setup([existing]);
    await run(['st-east,东湖驿站,县府南路1号,,,,']);
    const now = (await store.get('st-east'))!;
    expect(now.phones).toEqual(['0792-5222123']);
    expect(now.location).toEqual(existing.location);
  });

  it('imports a station named twice in one list once, and says which row won', async () => {
    const { store, run } = setup();
    const report = await run([',东湖驿站,县府南路1号,,,,', ',东湖驿站,县府南路1号,,,,0792-5222999', 'st-x,西湖驿站,西湖路3号,,,,', 'st-x,西湖驿站二,西湖路4号,,,,']);
    expect(outcomes(report)).toEqual([
      [2, 'imported', 'created'],
      [3, 'rejected', 'none'],
      [4, 'imported', 'created'],
      [5, 'rejected', 'none'],
    ]);
    expect(report.rows[1]!.reasons[0]).toContain('与第 2 行是同一个驿站');
    expect(report.rows[3]!.reasons[0]).toContain('与第 4 行是同一个驿站');
    expect(store.stations.where()).toHaveLength(2);
  });

  it('refuses a row whose 编号 names one station and whose name and address another', async () => {
    const { run } = setup([makeStation({ id: 'st-east', name: '东湖驿站', address: '县府南路1号', district: DUCHANG }), makeStation({ id: 'st-west', district: DUCHANG })]);
    const report = await run(['st-west,东湖驿站,县府南路1号,,,,']);
    expect(outcomes(report)).toEqual([[2, 'rejected', 'none']]);
    expect(report.rows[0]!.reasons[0]).toBe('名称和地址与已有驿站 st-east 相同，但编号是 st-west，请核对编号');
  });

  it('refuses to touch a station outside the region being imported', async () => {
    const langya = makeStation({ id: 'st-langya', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.31 } });
    const { store, run } = setup([langya]);
    const report = await run([`st-langya,${langya.name},${langya.address},,,,0792-5222123`]);
    expect(report.rows[0]!.outcome).toBe('rejected');
    expect(report.rows[0]!.reasons[0]).toContain('不在本次导入的地区内');
    expect((await store.get('st-langya'))!.version).toBe(langya.version);
  });

  it('updates a station no longer in use without taking it back into use', async () => {
    const { store, run } = setup([makeStation({ id: 'st-old', name: '旧驿站', address: '老街1号', district: DUCHANG, status: 'inactive' })]);
    const report = await run(['st-old,旧驿站,老街1号,,,08:00-18:00,']);
    expect(report.rows[0]!.warnings).toContain('这个驿站已停用，导入只更新信息，不会重新启用');
    expect((await store.get('st-old'))!.status).toBe('inactive');
  });

  it('keeps a host’s edit made between the import’s read and its write, and applies the row on top', async () => {
    const existing = makeStation({ id: 'st-east', name: '东湖驿站', address: '县府南路1号', district: DUCHANG, phones: [], notice: null });
    const { store, run } = setup([existing]);
    store.meanwhile = () => {
      store.stations.update('st-east', (s) => {
        s.notice = '今天下午停水';
        s.version += 1;
      });
    };
    const report = await run(['st-east,东湖驿站,县府南路1号,,,,0792-5222123']);
    expect(outcomes(report)).toEqual([[2, 'updated', 'updated']]);
    const now = (await store.get('st-east'))!;
    expect([now.notice, now.phones, now.version]).toEqual(['今天下午停水', ['0792-5222123'], existing.version + 2]);
  });

  it('writes nothing on a dry run, and reports what it would do', async () => {
    const { store, run } = setup([makeStation({ id: 'st-east', name: '东湖驿站', address: '县府南路1号', district: DUCHANG })]);
    const report = await run(['st-east,东湖驿站,县府南路1号,,,,0792-5222123', ',北山驿站,北山路2号,,,,'], { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(outcomes(report)).toEqual([
      [2, 'updated', 'updated'],
      [3, 'imported', 'created'],
    ]);
    expect(report.rows[1]!.stationId).toBeNull();
    expect(store.stations.where()).toHaveLength(1);
    expect(store.entries).toEqual([]);
  });

  it('when an id in a batch of new stations is taken meanwhile, refuses that row and creates the others', async () => {
    const { store, run } = setup();
    store.meanwhile = () => void store.putMany([makeStation({ id: 'st-b', district: DUCHANG })]);
    const report = await run(['st-a,甲驿站,甲路1号,,,,', 'st-b,乙驿站,乙路2号,,,,', 'st-c,丙驿站,丙路3号,,,,']);
    expect(outcomes(report)).toEqual([
      [2, 'imported', 'created'],
      [3, 'rejected', 'none'],
      [4, 'imported', 'created'],
    ]);
    expect(report.rows[1]!.reasons[0]).toBe('编号 st-b 已被另一个驿站使用');
  });

  it('refuses rows it cannot read with the reason, and a file over the row limit as a whole', async () => {
    const { run } = setup();
    const report = await run([',,县府南路1号,,,,', 'bad id!,东湖驿站,县府南路1号,,,,']);
    expect(report.rows.map((r) => r.reasons[0])).toEqual(['缺少名称', '编号“bad id!”格式不正确（3–64 位字母、数字、- 或 _）']);
    expect(report.totals.rejected).toBe(2);
    expect(await codeOf(run([',甲,甲路,,,,', ',乙,乙路,,,,'], { maxRows: 1 }))).toBe('IMPORT_TOO_MANY_ROWS');
  });
});
