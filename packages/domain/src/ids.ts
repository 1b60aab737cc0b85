const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Item keys are UUIDs; anything else in a URL is simply "not found" (and never reaches SQL). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
