import { createHash } from 'node:crypto';

/** Names of the Location entities the catalog generates start with this, as in Backstage. */
export const GENERATED_LOCATION_PREFIX = 'generated-';

/**
 * The name of the Location entity Backstage generates for a location: `generated-` and the SHA-1
 * of `<type>:<target>`. Registered locations and the targets of Location entities each have one.
 */
export function locationEntityName(type: string, target: string): string {
  return `${GENERATED_LOCATION_PREFIX}${createHash('sha1').update(`${type}:${target}`).digest('hex')}`;
}

/** The ref of that entity, always in the default namespace. */
export function locationEntityRef(type: string, target: string): string {
  return `location:default/${locationEntityName(type, target)}`;
}
