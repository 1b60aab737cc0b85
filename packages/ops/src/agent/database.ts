import pg from 'pg';

/** The database a URL names, and a URL to the same server's maintenance database. */
function split(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name))
    throw new Error(`the database name in the URL is not one Aula makes: ${name}`);
  u.pathname = '/postgres';
  return { name, admin: u.toString() };
}

/**
 * Drops and creates again the database `url` names (its sessions ended first): what a restore onto a
 * host's own database starts from. The owner is the URL's user.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const { name, admin } = split(url);
  const user = decodeURIComponent(new URL(url).username || 'postgres');
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" OWNER "${user.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
