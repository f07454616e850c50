// Many provisioned users straight into the database: tests and the probe need groups of thousands
// of members, which the endpoint would take far longer to create one POST at a time.
import type Database from 'better-sqlite3';

/** Inserts `count` provisioned users of `organizationId` and answers their ids, in id order. */
export function seedScimUsers(
  db: Database.Database,
  organizationId: string,
  count: number,
  prefix = 'seeded',
): string[] {
  const at = new Date(0).toISOString();
  const ids = Array.from(
    { length: count },
    (_, index) => `${prefix}-${String(index).padStart(6, '0')}`,
  );
  const member = db.prepare(
    `INSERT INTO users (id, organization_id, name, email, role, created_at)
     VALUES (?, ?, ?, ?, 'ORGANIZATION_ROLE_MEMBER', ?)`,
  );
  const scimUser = db.prepare(
    `INSERT INTO scim_users (user_id, organization_id, user_name, user_name_key, attributes,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const id of ids) {
      const userName = `${id}@many.test`;
      member.run(id, organizationId, `User ${id}`, userName, at);
      scimUser.run(id, organizationId, userName, userName, JSON.stringify({ userName }), at, at);
    }
  })();
  return ids;
}
