import {
  COVERAGE_CELL_PRECISION,
  COVERAGE_WALK_METERS,
  LOCAL_MEMBER_PASS_PUBLIC_KEY,
  MEMBER_PASS_CLOCK_SKEW_SECONDS,
  MEMBER_SCAN_REPORT_HOURS,
  NO_BOARD_FIGURES,
  QR_SCENE_MAX,
  VISIT_WINDOW_HOURS,
  type NearbyStation,
  type Station,
} from '@yz/shared';
import { ActivityService } from '../../../functions/src/activity/service';
import type { Stage } from '../../../functions/src/platform/config';
import { localSecrets } from '../../../functions/src/platform/config';
import { notFound } from '../../../functions/src/platform/errors';
import { encodeGeohash } from '../../../functions/src/platform/geo';
import { MemberPassSigner } from '../../../functions/src/membership/member-pass';
import type { StationBoardFigures } from '../../../functions/src/board/ports';
import { ActivityWorld } from '../adapters/activity-stores';
import { makeStation } from '../../helpers/stations';
import { codeOf, later, NOW, principal } from '../../helpers/service-rules';

/**
 * The rules of visits, member scans, problem reports and coverage on the in-memory stores: a visit
 * counts once per person and station in VISIT_WINDOW_HOURS, on the Shanghai date; a member code counts
 * only when the server's own check of it passes at the time it was scanned; reports are answered only on
 * their own station; coverage gaps are the searched cells with no open station within walking distance.
 * The HTTP and DynamoDB side: tests/integration/reports-visits.test.ts, member-pass.test.ts, coverage.test.ts.
 */

const DUCHANG = { code: '360428', name: '都昌县' };
const LANGYA = { code: '341102', name: '琅琊区' };

const station = (id: string, district = DUCHANG, status: Station['status'] = 'active') => makeStation({ id, name: `驿站 ${id}`, district, status });

function setup(opts: { stage?: Stage; nearestOpen?: (at: { lat: number; lng: number }) => { id: string; name: string; distanceMeters: number } | null } = {}) {
  const world = new ActivityWorld();
  const stations = new Map([station('st-a'), station('st-b'), station('st-shut', DUCHANG, 'inactive'), station('st-ly', LANGYA)].map((s) => [s.id, s]));
  const board: StationBoardFigures[] = [];
  const qrCalls: { scene: string; envVersion: string; checkPath: boolean }[] = [];
  const service = new ActivityService({
    stations: {
      get: async (id) => {
        const s = stations.get(id);
        if (!s) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站');
        return s;
      },
      nearby: async (query) => {
        const open = opts.nearestOpen?.({ lat: query.lat, lng: query.lng }) ?? null;
        return { items: open ? [open as NearbyStation] : [], radius: query.radius ?? 0, relax: [], itemsRead: 0, cellsRead: 0, rounds: 0, nearestDistrict: null };
      },
    },
    reports: world.reportStore,
    reporters: world.reporterRecords,
    visits: world.visitStore,
    searches: world.searchCounts,
    memberPassPublicKey: LOCAL_MEMBER_PASS_PUBLIC_KEY,
    wechat: {
      wxaCodeUnlimited: async (req) => {
        qrCalls.push({ scene: req.scene, envVersion: req.envVersion, checkPath: req.checkPath });
        return { contentType: 'image/png', image: Buffer.from('png') };
      },
    },
    stage: opts.stage ?? 'local',
    boardFigures: async () => board,
  });
  return { world, service, stations, board, qrCalls };
}

const worker = principal('u_a');

describe('visits', () => {
  it('count once per person and station within the window, and again from its end on', async () => {
    const { service } = setup();
    const minutes = VISIT_WINDOW_HOURS * 60;
    expect((await service.recordVisit(worker, 'st-a', NOW)).counted).toBe(true);
    expect((await service.recordVisit(worker, 'st-a', later(minutes - 1))).counted).toBe(false);
    expect((await service.recordVisit(worker, 'st-a', later(minutes))).counted).toBe(true);
  });

  it('count separately for another person and another station', async () => {
    const { service } = setup();
    await service.recordVisit(worker, 'st-a', NOW);
    expect((await service.recordVisit(principal('u_b'), 'st-a', later(1))).counted).toBe(true);
    expect((await service.recordVisit(worker, 'st-b', later(1))).counted).toBe(true);
  });

  it('are counted on the Shanghai date', async () => {
    const { service } = setup();
    // 15:59 UTC is 23:59 in Shanghai; 16:00 UTC is the next day there.
    expect((await service.recordVisit(worker, 'st-a', new Date('2026-12-05T15:59:00Z'))).date).toBe('2026-12-05');
    expect((await service.recordVisit(principal('u_b'), 'st-a', new Date('2026-12-05T16:00:00Z'))).date).toBe('2026-12-06');
  });

  it('are not counted at a station that is no longer in use', async () => {
    const { world, service } = setup();
    expect(await codeOf(service.recordVisit(worker, 'st-shut', NOW))).toBe('STATION_INACTIVE');
    expect(world.scans.size).toBe(0);
  });

  it('are remembered as scans even when not counted (presence for confirmations)', async () => {
    const { world, service } = setup();
    await service.recordVisit(worker, 'st-a', NOW);
    await service.recordVisit(worker, 'st-a', later(30));
    expect(world.scans.get('st-a#u_a')).toBe(later(30).getTime());
  });

  it('are summed per station over the last days, days without visits as zero', async () => {
    const { service } = setup();
    await service.recordVisit(worker, 'st-a', new Date('2026-12-03T02:00:00Z'));
    await service.recordVisit(worker, 'st-a', NOW);
    await service.recordVisit(principal('u_b'), 'st-a', NOW);
    const out = await service.stationVisits('st-a', 4, NOW);
    expect(out.days).toEqual([
      { date: '2026-12-02', visits: 0 },
      { date: '2026-12-03', visits: 1 },
      { date: '2026-12-04', visits: 0 },
      { date: '2026-12-05', visits: 2 },
    ]);
    expect(out.total).toBe(3);
  });

  it('of a region join the board figures station by station, busiest first, a board-only station included', async () => {
    const { service, board } = setup();
    await service.recordVisit(worker, 'st-a', NOW);
    await service.recordVisit(worker, 'st-b', NOW);
    await service.recordVisit(principal('u_b'), 'st-b', NOW);
    await service.recordVisit(worker, 'st-ly', NOW);
    const figures = { ...NO_BOARD_FIGURES, eventsHeld: 2 };
    board.push({ stationId: 'st-a', stationName: '驿站 st-a', districtCode: DUCHANG.code, figures }, { stationId: 'st-x', stationName: '驿站 st-x', districtCode: DUCHANG.code, figures });
    const out = await service.regionVisits('3604', 1, NOW);
    expect(out.total).toBe(3);
    expect(out.stations.map((s) => [s.stationId, s.visits, s.board.eventsHeld])).toEqual([
      ['st-b', 2, 0],
      ['st-a', 1, 2],
      ['st-x', 0, 2],
    ]);
  });
});

describe('member scans', () => {
  let pass: string;
  beforeAll(async () => {
    const signer = new MemberPassSigner(localSecrets().memberPassKey, LOCAL_MEMBER_PASS_PUBLIC_KEY);
    pass = (await signer.issue({ memberNo: '3604282026000001', maskedName: '周*梅' }, NOW)).content;
  });

  it('count a card the server checks again, once per card and station in the window', async () => {
    const { service } = setup();
    const first = await service.recordMemberScan('st-a', pass, undefined, NOW);
    expect(first).toMatchObject({ counted: true, date: '2026-12-05', memberNo: '3604282026000001', name: '周*梅' });
    expect((await service.recordMemberScan('st-a', pass, undefined, later(1))).counted).toBe(false);
    expect((await service.recordMemberScan('st-b', pass, undefined, later(1))).counted).toBe(true);
    expect((await service.stationMemberScans('st-a', 2, later(2))).total).toBe(1);
  });

  it('are checked at the time the phone scanned, reported up to MEMBER_SCAN_REPORT_HOURS later', async () => {
    const { service } = setup();
    const reportedAt = later(MEMBER_SCAN_REPORT_HOURS * 60);
    await expect(service.recordMemberScan('st-a', pass, NOW.toISOString(), reportedAt)).resolves.toMatchObject({ counted: true });
    expect(await codeOf(service.recordMemberScan('st-b', pass, NOW.toISOString(), new Date(reportedAt.getTime() + 1000)))).toBe('MEMBER_PASS_EXPIRED');
  });

  it('refuse a scan time ahead of the server beyond the clock skew', async () => {
    const { service } = setup();
    const ahead = new Date(NOW.getTime() + (MEMBER_PASS_CLOCK_SKEW_SECONDS + 1) * 1000).toISOString();
    expect(await codeOf(service.recordMemberScan('st-a', pass, ahead, NOW))).toBe('INVALID_PARAMETER');
  });

  it('refuse a code that is stale at its scan time, or forged', async () => {
    const { service, world } = setup();
    expect(await codeOf(service.recordMemberScan('st-a', pass, undefined, later(60)))).toBe('MEMBER_PASS_EXPIRED');
    expect(await codeOf(service.recordMemberScan('st-a', `${pass.slice(0, -4)}AAAA`, undefined, NOW))).toBe('MEMBER_PASS_INVALID');
    expect(world.memberScans.size).toBe(0);
  });

  it('are not counted at a station no longer in use', async () => {
    const { service } = setup();
    expect(await codeOf(service.recordMemberScan('st-shut', pass, undefined, NOW))).toBe('STATION_INACTIVE');
  });
});

describe('problem reports', () => {
  it('are filed under the station’s district and listed newest first to their sender', async () => {
    const { service } = setup();
    await service.reportProblem(worker, 'st-a', { kind: 'closed' }, NOW);
    const second = await service.reportProblem(worker, 'st-b', { kind: 'amenity_missing', amenity: 'hot_water' }, later(1));
    expect(second).toMatchObject({ districtCode: DUCHANG.code, amenity: 'hot_water', status: 'open' });
    expect((await service.myReports(worker)).items.map((r) => r.stationId)).toEqual(['st-b', 'st-a']);
    expect((await service.regionReports('3604', 10)).items).toHaveLength(2);
  });

  it('are answered as the host by the station’s host and as the union by staff; resolving closes them', async () => {
    const { service } = setup();
    const report = await service.reportProblem(worker, 'st-a', { kind: 'closed' }, NOW);
    const host = principal('u_host', { roles: ['worker', 'host'], hostStations: ['st-a'] });
    expect((await service.replyToReport(host, 'st-a', report.id, '已开门', false, later(1))).reply).toMatchObject({ by: 'host', message: '已开门' });
    const done = await service.replyToReport(principal('u_staff', { roles: ['staff'], staffScopes: ['360428'] }), 'st-a', report.id, '已处理', true, later(2));
    expect(done).toMatchObject({ status: 'resolved', reply: { by: 'staff' }, resolvedAt: done.reply!.at });
  });

  it('of another station are not found', async () => {
    const { service } = setup();
    const report = await service.reportProblem(worker, 'st-a', { kind: 'closed' }, NOW);
    expect(await codeOf(service.replyToReport(principal('u_host', { hostStations: ['st-b'] }), 'st-b', report.id, '?', true, later(1)))).toBe('REPORT_NOT_FOUND');
    expect((await service.stationReports('st-a', 10, undefined, 'open')).items).toHaveLength(1);
  });
});

describe('coverage', () => {
  const cell = (lat: number, lng: number) => encodeGeohash({ lat, lng }, COVERAGE_CELL_PRECISION);

  it('lists the searched cells with no open station within a walk, most searched first', async () => {
    const far = cell(29.3, 116.25);
    const near = cell(29.27, 116.2);
    const { service } = setup({
      nearestOpen: (at) => (Math.abs(at.lat - 29.27) < 0.01 ? { id: 'st-a', name: '驿站 st-a', distanceMeters: COVERAGE_WALK_METERS } : { id: 'st-a', name: '驿站 st-a', distanceMeters: COVERAGE_WALK_METERS + 1 }),
    });
    for (const [c, n] of [[far, 2], [near, 5]] as const) for (let i = 0; i < n; i += 1) await service.coverageBeacon({ cell: c, districtCode: DUCHANG.code, found: false }, NOW);
    await service.coverageBeacon({ cell: cell(32.3, 118.3), districtCode: LANGYA.code, found: false }, NOW);
    const report = await service.coverage('360428', 7, NOW);
    expect(report).toMatchObject({ cellsWithSearches: 2, searches: 7, cellsChecked: 2, from: '2026-11-29', to: '2026-12-05' });
    expect(report.gaps.map((g) => [g.cell, g.searches, g.nearestOpen?.distanceMeters])).toEqual([[far, 2, COVERAGE_WALK_METERS + 1]]);
  });

  it('says when no open station is near at all', async () => {
    const { service } = setup();
    await service.coverageBeacon({ cell: cell(29.3, 116.25), districtCode: DUCHANG.code, found: false }, NOW);
    expect((await service.coverage('36', 1, NOW)).gaps[0]!.nearestOpen).toBeNull();
  });
});

describe('station QR codes', () => {
  it('are the released page in production and a development version elsewhere', async () => {
    for (const [stage, envVersion, checkPath] of [['prod', 'release', true], ['dev', 'trial', false], ['local', 'develop', false]] as const) {
      const { service, qrCalls } = setup({ stage });
      const out = await service.qrCode('st-a');
      expect(out.image).toBe(`data:image/png;base64,${Buffer.from('png').toString('base64')}`);
      expect(qrCalls).toEqual([{ scene: 'st-a', envVersion, checkPath }]);
    }
  });

  it('are refused for an id longer than a scene holds', async () => {
    const { service, stations, qrCalls } = setup();
    const long = `st-${'x'.repeat(QR_SCENE_MAX)}`;
    stations.set(long, station(long));
    expect(await codeOf(service.qrCode(long))).toBe('QR_SCENE_TOO_LONG');
    expect(qrCalls).toEqual([]);
  });
});
