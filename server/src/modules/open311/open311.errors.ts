/** An error in the GeoReport v2 format: HTTP status and one description per problem. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly descriptions: string[],
  ) {
    super(descriptions.join('; '));
  }
}

/** An Open311 client resolved from its api_key. */
export interface Open311Client {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
  userId: string;
  username: string;
  displayName: string;
}
