import { NO_BOARD_FIGURES, type BoardFigures } from '@yz/shared';
import type { BoardStore } from './store';

/** Per-station figures of the notice board over a period (BoardFigures in shared/src/board.ts says what counts). */
export interface StationBoardFigures {
  stationId: string;
  stationName: string;
  districtCode: string;
  figures: BoardFigures;
}

export async function boardFiguresOf(store: Pick<BoardStore, 'postedInRegion'>, regionCode: string, since: Date, now: Date): Promise<StationBoardFigures[]> {
  const posts = await store.postedInRegion(regionCode, since.toISOString());
  const nowIso = now.toISOString();
  const byStation = new Map<string, StationBoardFigures>();
  for (const p of posts) {
    const row = byStation.get(p.stationId) ?? { stationId: p.stationId, stationName: p.stationName, districtCode: p.districtCode, figures: { ...NO_BOARD_FIGURES } };
    const f = row.figures;
    if (p.kind === 'job') {
      f.jobsPosted += 1;
      f.phoneReveals += p.phoneReveals ?? 0;
    } else {
      if (p.startsAt <= nowIso) f.eventsHeld += 1;
      f.placesReserved += p.reserved ?? 0;
      f.checkedIn += p.checkedIn ?? 0;
    }
    byStation.set(p.stationId, row);
  }
  return [...byStation.values()];
}
