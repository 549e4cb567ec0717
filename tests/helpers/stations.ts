import { Station, unknownAmenities, type LatLng } from '@yz/shared';

let counter = 0;

/**
 * A valid station (checked against the Station schema) with whatever the test cares about overridden.
 * Without an id each call gets a new one, so stations can be made in a loop.
 */
export function makeStation(overrides: Partial<Station> = {}): Station {
  counter += 1;
  const now = '2026-11-25T09:00:00+08:00';
  return Station.parse({
    id: `st-${String(counter).padStart(5, '0')}`,
    name: `测试驿站 ${counter}`,
    address: `江西省九江市都昌县测试路 ${counter} 号`,
    district: { code: '360428', name: '都昌县' },
    location: { lat: 29.2731, lng: 116.2041 },
    type: 'community',
    amenities: unknownAmenities(),
    hours: null,
    hoursNote: null,
    closure: null,
    phones: [],
    hostOrganisation: null,
    notice: null,
    photoUrl: null,
    status: 'active',
    lastVerifiedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  });
}

/** A station at an exact point. */
export const stationAt = (location: LatLng, overrides: Partial<Station> = {}) => makeStation({ ...overrides, location });
