import type { Station, StationSummary } from '@yz/shared';

/** What a list row shows of a station (a district page's summary; the nearby row, whose location is set). */
export function summaryOf(station: Station): StationSummary {
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district,
    type: station.type,
    amenities: station.amenities,
    hours: station.hours,
    hoursNote: station.hoursNote,
    closure: station.closure,
    phones: station.phones,
    notice: station.notice,
    updatedAt: station.updatedAt,
    confirmations: station.confirmations ?? null,
    location: station.location,
  };
}
