/**
 * The nearby planner without a database, in a second: the benchmark's national set in memory, every
 * range read answered from a sorted array, the density hint built from the same stations. Prints read
 * amplification, queries per request, planning time and rounds, to tune platform/geo.ts quickly:
 *   npx tsx scripts/bench/plan-sim.ts 50000 '{"openNow":true}'
 */
import { DensityIndex } from '../../functions/src/stations/density';
import { StationService } from '../../functions/src/stations/service';
import { encodeGeohash, hashToKey, type KeyRange } from '../../functions/src/platform/geo';
import { nearbyRowOf, type NearbyRow } from '../../functions/src/stations/store';
import { benchCities, cityStations, queryPoints } from './national-dataset';

const N = Number(process.argv[2] ?? 50000);
const cities = benchCities(N);
const rows: { key: number; row: NearbyRow }[] = [];
const dens = new Map<string, Map<string, number>>();
for (const c of cities) for (const s of cityStations(c, '2026-11-25T09:00:00+08:00')) {
  const g = encodeGeohash(s.location!, 9);
  rows.push({ key: hashToKey(g), row: nearbyRowOf({ ...s, location: s.location! }) });
  const p = g.slice(0, 5); const m = dens.get(p) ?? new Map(); m.set(g.slice(5, 7), (m.get(g.slice(5, 7)) ?? 0) + 1); dens.set(p, m);
}
rows.sort((a, b) => a.key - b.key);
const keys = rows.map((r) => r.key);
function lb(t: number) { let lo = 0, hi = keys.length; while (lo < hi) { const m = (lo + hi) >> 1; if (keys[m]! < t) lo = m + 1; else hi = m; } return lo; }
let queries = 0;
const store = {
  async inRange(r: KeyRange) { queries++; const a = lb(r.lo), b = lb(r.hi); return { rows: rows.slice(a, b).map((x) => x.row), itemsRead: b - a }; },
} as never;
// density via a fake db: patch DensityIndex.view by constructing parse through a fake doc client
const fakeDb = { table: () => 'd', doc: { send: async (cmd: { input: { RequestItems: Record<string, { Keys: { cell: string }[] }> } }) => {
  const keysReq = cmd.input.RequestItems['d']!.Keys;
  return { Responses: { d: keysReq.filter((k) => dens.has(k.cell)).map((k) => ({ cell: k.cell, ...Object.fromEntries([...dens.get(k.cell)!].map(([s, n]) => ['n' + s, n])) })) } };
} } } as never;
const svc = new StationService(store, new DensityIndex(fakeDb));
(async () => {
  const pts = queryPoints(cities, 2000);
  let read = 0, ret = 0, q0 = 0, rounds = 0; const hist = new Map<number, number>(); const now = new Date('2026-11-25T10:00:00+08:00');
  const extra = process.argv[3] ? JSON.parse(process.argv[3]) : {};
  const t = Date.now();
  for (const p of pts) { const r = await svc.nearby({ lat: p.point.lat, lng: p.point.lng, radius: 3000, limit: 20, ...extra }, now); read += r.itemsRead; ret += r.items.length; rounds += r.rounds; hist.set(r.cellsRead, (hist.get(r.cellsRead) ?? 0) + 1); }
  console.log(`amp ${(read / ret).toFixed(2)} queries/req ${(queries / pts.length).toFixed(2)} ms/req ${((Date.now() - t) / pts.length).toFixed(2)} rounds ${(rounds / pts.length).toFixed(2)} hist ${JSON.stringify([...hist].sort((a, b) => a[0] - b[0]))}`);
})();
