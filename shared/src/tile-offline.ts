import type { Region } from './region';
import type { SavedDistrict, TileClient } from './tile-client';

/**
 * Keeping a district on the phone for offline use (下载本区县离线数据). Apart from the client because
 * only the offline-data page (a subpackage) saves or removes districts; the finder reads saved ones.
 * It imports types only, so the subpackage does not share (and split out of the finder's chunk) any
 * of the tile modules.
 */

/** Downloading a district: files done of all, and bytes so far. */
export type SaveProgress = (done: number, total: number, bytes: number) => void;

/** Bytes of a text as UTF-8, as the worker is told a download's size (tiles are a third Chinese: 3 bytes a character). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one 4-byte character: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

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
      const text = await client.keep(name);
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
  saved.stations = (await client.browseDistrict({ districtCode: region.code }, new Date())).items.length;
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
