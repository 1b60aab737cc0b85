import { ROLE_NAMES, type RoleKey } from '@aula/domain';
import type { Api } from '../api.ts';
import { type Permission, type PolicyDef, policies } from './permissions.ts';

type Row = { id: string; name: string };
type PermissionRow = Permission & { id: number };

const q = (name: string) => `filter[name][_eq]=${encodeURIComponent(name)}`;

async function ensure(
  api: Api,
  collection: 'roles' | 'policies',
  body: Record<string, unknown> & { name: string },
  changes: string[],
) {
  const [found] = await api.request<Row[]>('GET', `/${collection}?${q(body.name)}&fields=id,name`);
  if (found) {
    if (collection === 'policies') await api.request('PATCH', `/policies/${found.id}`, body);
    return found.id;
  }
  changes.push(`${collection === 'roles' ? 'role' : 'policy'} ${body.name}`);
  return (await api.request<Row>('POST', `/${collection}`, body)).id;
}

/** A permission's identity and content, independent of row ids and key order. */
function signature(p: Permission): string {
  return JSON.stringify([
    p.collection,
    p.action,
    [...(p.fields ?? [])].sort(),
    p.permissions ?? null,
    p.validation ?? null,
    p.presets ?? null,
  ]);
}

async function syncPermissions(api: Api, policyId: string, policy: PolicyDef, changes: string[]) {
  const current = await api.request<PermissionRow[]>(
    'GET',
    `/permissions?filter[policy][_eq]=${policyId}&limit=-1&fields=id,collection,action,fields,permissions,validation,presets`,
  );
  const wanted = new Map(policy.permissions.map((p) => [signature(p), p]));
  const stale = current.filter((p) => !wanted.delete(signature(p)));
  if (stale.length > 0)
    await api.request(
      'DELETE',
      '/permissions',
      stale.map((p) => p.id),
    );
  if (wanted.size > 0) {
    await api.request(
      'POST',
      '/permissions',
      [...wanted.values()].map((p) => ({ ...p, policy: policyId })),
    );
  }
  if (stale.length + wanted.size > 0) changes.push(`permissions of ${policy.name}: -${stale.length} +${wanted.size}`);
}

/** Roles, policies and permissions exactly as `permissions.ts` says; returns the role ids by key. */
export async function applyPermissions(api: Api): Promise<{ roles: Record<RoleKey, string>; changes: string[] }> {
  const changes: string[] = [];
  const roles = {} as Record<RoleKey, string>;
  for (const [key, name] of Object.entries(ROLE_NAMES) as [RoleKey, string][]) {
    roles[key] = await ensure(api, 'roles', { name, icon: key === 'student' ? 'school' : 'badge' }, changes);
  }
  for (const policy of policies) {
    const { permissions: _, role, ...fields } = policy;
    const policyId = await ensure(api, 'policies', { ...fields, enforce_tfa: false }, changes);
    if (role) {
      const linked = await api.request<unknown[]>(
        'GET',
        `/access?filter[role][_eq]=${roles[role]}&filter[policy][_eq]=${policyId}&fields=id`,
      );
      if (linked.length === 0) {
        await api.request('POST', '/access', { role: roles[role], policy: policyId });
        changes.push(`access ${ROLE_NAMES[role]} → ${policy.name}`);
      }
    }
    await syncPermissions(api, policyId, policy, changes);
  }
  return { roles, changes };
}
