import type { Me } from '@yz/shared';

/** Who keeps a station's posts: its hosts, staff whose region holds it, admins (the API checks the same). */
export const keepsPost = (me: Me | null, post: { station: { id: string }; districtCode: string }) =>
  me !== null && (me.hostStations.includes(post.station.id) || me.staffScopes.some((scope) => post.districtCode.startsWith(scope)) || me.isAdmin);
