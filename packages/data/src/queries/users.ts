import type { Api } from '../api.ts';

/** Directus's own users (`/users`, not an item collection of the schema): the fields the set-up writes. */
export type UserFields = {
  email?: string;
  password?: string | undefined;
  first_name?: string;
  language?: string;
  status?: 'active' | 'suspended' | 'invited' | 'draft' | 'archived';
  role?: string;
  token?: string;
};

/** The key of the user with this e-mail address, if there is one. */
export async function findUserIdByEmail(api: Api, email: string): Promise<string | undefined> {
  const [found] = await api.request<{ id: string }[]>(
    'GET',
    `/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=id`,
  );
  return found?.id;
}

export async function createUser(api: Api, user: UserFields): Promise<void> {
  await api.request('POST', '/users', user);
}

export async function updateUser(api: Api, userId: string, fields: UserFields): Promise<void> {
  await api.request('PATCH', `/users/${userId}`, fields);
}
