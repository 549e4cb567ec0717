import gcoord from 'gcoord';
import type { LatLng } from '@yz/shared';

/**
 * The phone's side of location in the H5 runtime: the browser's navigator.geolocation, which
 * Taro.getLocation calls. Only this device API is replaced; everything the page does with the fix
 * (services/location.h5.ts converts WGS-84 to GCJ-02) runs as shipped.
 */

type Geolocation = Pick<globalThis.Geolocation, 'getCurrentPosition'>;

function install(getCurrentPosition: Geolocation['getCurrentPosition']): jest.Mock {
  const mock = jest.fn(getCurrentPosition);
  Object.defineProperty(window.navigator, 'geolocation', { configurable: true, value: { getCurrentPosition: mock } });
  return mock;
}

function position(at: LatLng): GeolocationPosition {
  const coords = { latitude: at.lat, longitude: at.lng, accuracy: 15, altitude: null, altitudeAccuracy: null, heading: null, speed: null };
  return { coords: { ...coords, toJSON: () => coords }, timestamp: Date.now(), toJSON: () => ({ coords, timestamp: Date.now() }) };
}

/** What a browser reports standing at a GCJ-02 point (the stations' datum): the WGS-84 fix for it. */
function wgs84Of(gcj02: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([gcj02.lng, gcj02.lat], gcoord.GCJ02, gcoord.WGS84);
  return { lat, lng };
}

/** Location allowed: the browser answers with the fix for this GCJ-02 point. */
export function allowLocation(at: LatLng): jest.Mock {
  const fix = wgs84Of(at);
  return install((success) => setTimeout(() => success(position(fix)), 0));
}

/** Location refused, as a browser refuses it (PERMISSION_DENIED). */
export function denyLocation(): jest.Mock {
  const error = { code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError;
  return install((_success, failure) => setTimeout(() => failure?.(error), 0));
}
