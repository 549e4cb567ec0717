import type { Region } from './region';
import { prepareFilters } from './station-filters';
import { utf8Bytes } from './tile-cache';
import { TilesUnavailable, type SavedDistrict, type TileClient } from './tile-client';
import { districtList } from './tiles';

/**
 * Keeping a district on the phone for offline use (下载本区县离线数据). Apart from the client because
 * only the offline-data page (a subpackage) saves or removes districts; the finder reads saved ones.
 */

/** Downloading a district: files done of all, and bytes so far. */
export type SaveProgress = (done: number, total: number, bytes: number) => void;

/** Files fetched side by side while saving a district. */
const SAVE_CONCURRENCY = 4;

/**
 * Keeps every file of a district, reporting files done of all; saving it again updates it to the
 * newest data. Its files are never dropped by the byte budget until it is removed. A district with
 * no station is not kept (its `stations` is 0).
 */
export async function saveDistrict(client: TileClient, region: Pick<Region, 'code' | 'name'>, onProgress: SaveProgress = () => undefined): Promise<SavedDistrict> {
  // The manifest is asked of the network now, whatever its age: the worker wants the newest data.
  const plan = await client.districtPlan(region.code, true);
  if (!plan) {
    onProgress(0, 0, 0);
    return { code: region.code, name: region.name, savedAt: Date.now(), builtAt: '', stations: 0, bytes: 0, files: [], index: '', tiles: [] };
  }
  if (plan.offline) throw new TilesUnavailable();
  const files = [...plan.shards, plan.index, ...plan.tiles];
  const saved: SavedDistrict = { code: region.code, name: region.name, savedAt: Date.now(), builtAt: plan.builtAt, stations: 0, bytes: 0, files, index: plan.index, tiles: plan.tiles };
  const all = await client.savedDistricts();
  const others = all.filter((d) => d.code !== region.code);
  const previous = all.find((d) => d.code === region.code);
  // Pinned before fetching (with what an update replaces), so the budget never drops a file being saved.
  await client.writeSavedDistricts([...others, { ...saved, files: [...new Set([...files, ...(previous?.files ?? [])])] }]);
  onProgress(0, files.length, 0);
  const queue = [...files];
  let done = 0;
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const text = await client.fileText(name, false);
      saved.bytes += utf8Bytes(text);
      done += 1;
      onProgress(done, files.length, saved.bytes);
    }
  };
  try {
    await Promise.all(Array.from({ length: SAVE_CONCURRENCY }, worker));
  } catch (error) {
    await client.writeSavedDistricts(previous ? [...others, previous] : others);
    throw error;
  }
  saved.stations = districtList(await client.districtRows(plan, false), region.code, prepareFilters({}, new Date())).length;
  await client.writeSavedDistricts([...others, saved]);
  // Files the update replaced and no other saved district needs go now, not when the budget gets to them.
  const kept = new Set([...files, ...others.flatMap((d) => d.files)]);
  await client.forgetFiles((previous?.files ?? []).filter((n) => !kept.has(n)));
  return saved;
}

/** Forgets a saved district and frees its files (those no other saved district needs). */
export async function removeSavedDistrict(client: TileClient, code: string): Promise<void> {
  const all = await client.savedDistricts();
  const gone = all.find((d) => d.code === code);
  if (!gone) return;
  const rest = all.filter((d) => d.code !== code);
  await client.writeSavedDistricts(rest);
  const kept = new Set(rest.flatMap((d) => d.files));
  await client.forgetFiles(gone.files.filter((n) => !kept.has(n)));
}
