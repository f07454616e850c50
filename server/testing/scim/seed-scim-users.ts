// Many provisioned users straight into the database: tests and the probe need groups of thousands
// of members, which the endpoint would take far longer to create one POST at a time.
import type { Storage } from '../../repositories/repositories.ts';

/** Inserts `count` provisioned users of `organizationId` and answers their ids, in id order. */
export async function seedScimUsers(
  storage: Storage,
  organizationId: string,
  count: number,
  options: { prefix?: string; attributes?: (index: number) => Record<string, unknown> } = {},
): Promise<string[]> {
  const { prefix = 'seeded', attributes = () => ({}) } = options;
  const at = new Date(0).toISOString();
  const ids = Array.from(
    { length: count },
    (_, index) => `${prefix}-${String(index).padStart(6, '0')}`,
  );
  await storage.transaction(async (repos) => {
    for (const [index, id] of ids.entries()) {
      const userName = `${id}@many.test`;
      await repos.users.insert({
        id,
        organizationId,
        name: `User ${id}`,
        email: userName,
        role: 'ORGANIZATION_ROLE_MEMBER',
        createdAt: at,
      });
      await repos.scimUsers.insert(
        {
          id,
          organizationId,
          userName,
          userNameKey: userName,
          externalId: null,
          active: true,
          attributes: JSON.stringify({ userName, ...attributes(index) }),
          at,
        },
        null,
      );
    }
  });
  return ids;
}
