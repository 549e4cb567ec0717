/**
 * The app's search over tiles it holds, timed in a process of its own (bench:tiles): a phone holds its
 * tiles and the app, not the benchmark's whole national set and brute-force index, whose garbage
 * collections would be timed as the search's. It fetches what the query points need from the tile
 * server once, then times a second search at each point: every tile is in memory, as in the app
 * after its first search there. Prints the answers (for the exactness check) and the times, as JSON.
 */
import { readFileSync } from 'node:fs';
import type { LatLng } from '@yz/shared';
import { TileClient } from '@yz/shared/tile-client';
import { httpTileFetch, memoryTileStore } from '../../tests/helpers/tiles';

async function main() {
  const [url, pointsFile, radius, limit, now] = process.argv.slice(2);
  if (!url || !pointsFile || !radius || !limit || !now) throw new Error('usage: tile-search.ts <tile server url> <points.json> <radius> <limit> <now ISO>');
  const points = JSON.parse(readFileSync(pointsFile, 'utf8')) as LatLng[];
  // No byte budget: the points span the country, far more than one phone keeps (a phone searches
  // where it is, and its budget holds a city's tiles many times over).
  const client = new TileClient(httpTileFetch(url), memoryTileStore(), Date.now, Number.POSITIVE_INFINITY);
  const at = new Date(now);
  const query = (point: LatLng) => ({ ...point, radius: Number(radius), limit: Number(limit) });
  for (const point of points) await client.search(query(point), at);
  const ms: number[] = [];
  const answers: string[][] = [];
  for (const point of points) {
    const t0 = performance.now();
    const answer = await client.search(query(point), at);
    ms.push(performance.now() - t0);
    answers.push(answer.items.map((i) => `${i.id}@${i.distanceMeters}`));
  }
  process.stdout.write(JSON.stringify({ ms, answers }));
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
