import { districtsIn, knownProvinces, regionName, type Me } from '@yz/shared';

/** The regions a staff member works in, each scope followed by its districts: for pickers. */
export function regionOptions(me: Me): { code: string; label: string }[] {
  const scopes = me.isAdmin && me.staffScopes.length === 0 ? knownProvinces() : me.staffScopes;
  const options: { code: string; label: string }[] = [];
  for (const scope of scopes) {
    options.push({ code: scope, label: regionName(scope) ?? scope });
    if (scope.length < 6) for (const d of districtsIn(scope)) options.push({ code: d.code, label: `　${d.name}` });
  }
  return options.filter((o, i) => options.findIndex((x) => x.code === o.code) === i);
}

/** The districts a new station can be put in. */
export function districtOptions(me: Me): { code: string; name: string }[] {
  const scopes = me.isAdmin && me.staffScopes.length === 0 ? [''] : me.staffScopes;
  const all = scopes.flatMap((s) => districtsIn(s));
  return all.filter((d, i) => all.findIndex((x) => x.code === d.code) === i);
}
