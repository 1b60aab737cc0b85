/** Role names exactly as they exist in Directus; permissions are seeded per role by `directus/src/setup`. */
export const ROLE_NAMES = {
  administrator: 'Administrator',
  contentManager: 'Content Manager',
  student: 'Student',
  generator: 'Generator',
  pipeline: 'Pipeline',
} as const;
export type RoleKey = keyof typeof ROLE_NAMES;
export type RoleName = (typeof ROLE_NAMES)[RoleKey];
