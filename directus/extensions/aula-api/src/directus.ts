/** The slice of Directus's extension API that the course API uses (Directus ships no types for it here). */
export type Accountability = { user: string | null; role: string | null; roles?: string[]; admin: boolean } | null;

export type Query = {
  fields?: string[];
  filter?: Record<string, unknown>;
  sort?: string[];
  limit?: number;
  deep?: Record<string, unknown>;
};

export type ItemsService = {
  readOne: (key: string, query?: Query) => Promise<Record<string, any>>;
  readByQuery: (query: Query) => Promise<Record<string, any>[]>;
  createOne: (data: Record<string, unknown>) => Promise<string>;
  createMany: (data: Record<string, unknown>[]) => Promise<string[]>;
  updateOne: (key: string, data: Record<string, unknown>) => Promise<string>;
  updateByQuery: (query: Query, data: Record<string, unknown>) => Promise<string[]>;
  deleteOne: (key: string) => Promise<string>;
  deleteMany: (keys: string[]) => Promise<string[]>;
};

/** The few Knex calls the course API makes itself (row locks Directus's services do not offer). */
export type Knex = (table: string) => {
  where: (where: Record<string, unknown>) => { forUpdate: () => Promise<Record<string, unknown>[]> };
};

export type EndpointContext = {
  services: {
    ItemsService: new (
      collection: string,
      options: { schema: unknown; accountability: Accountability; knex?: unknown },
    ) => ItemsService;
  };
  getSchema: () => Promise<unknown>;
  env: Record<string, unknown>;
  logger: { info: (...a: unknown[]) => void; warn: (...a: unknown[]) => void; error: (...a: unknown[]) => void };
  database: { transaction: <T>(fn: (trx: Knex) => Promise<T>) => Promise<T> };
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
