import type { ItemsService, ServiceCollection } from '@aula/data/extension';

/**
 * The slice of Directus's extension API that the course API uses (Directus ships no types for it
 * here); its items are typed by `@aula/data`'s rows.
 */
export type Accountability = { user: string | null; role: string | null; roles?: string[]; admin: boolean } | null;

export type { ItemsOf, ItemsService, Query, Row, ServiceCollection } from '@aula/data/extension';

/**
 * The few Knex calls the course API makes itself (row locks Directus's services do not offer, and raw
 * SQL inside a transaction, with `?` bindings).
 */
export type Knex = ((table: string) => {
  where: (where: Record<string, unknown>) => { forUpdate: () => Promise<Record<string, unknown>[]> };
}) & { raw: <R>(sql: string, bindings?: readonly unknown[]) => Promise<{ rows: R[] }> };

/** Directus's Knex on PostgreSQL: transactions, and raw SQL (with `?` bindings) for what its services cannot say. */
export type Database = {
  transaction: <T>(fn: (trx: Knex) => Promise<T>) => Promise<T>;
  raw: <R>(sql: string, bindings?: readonly unknown[]) => Promise<{ rows: R[] }>;
};

export type EndpointContext = {
  services: {
    ItemsService: new <C extends ServiceCollection>(
      collection: C,
      options: { schema: unknown; accountability: Accountability; knex?: unknown },
    ) => ItemsService<C>;
  };
  getSchema: () => Promise<unknown>;
  env: Record<string, unknown>;
  logger: { info: (...a: unknown[]) => void; warn: (...a: unknown[]) => void; error: (...a: unknown[]) => void };
  database: Database;
};

export type Request = {
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  query: Record<string, unknown>;
  accountability: Accountability;
};
export type Response = {
  status: (code: number) => Response;
  json: (body: unknown) => void;
  set: (name: string, value: string) => Response;
};
export type Router = Record<'get' | 'post', (path: string, handler: (req: Request, res: Response) => void) => void>;
