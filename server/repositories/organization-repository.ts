import type { Executor } from './repositories.ts';

export interface OrganizationRecord {
  id: string;
  name: string;
  tier: string;
  createdAt: string;
  updatedAt: string;
}

export function createOrganizationRepository({ db }: Executor) {
  return {
    async insert(organization: { id: string; name: string; createdAt: string }): Promise<void> {
      await db
        .insertInto('organizations')
        .values({
          id: organization.id,
          name: organization.name,
          created_at: organization.createdAt,
          updated_at: organization.createdAt,
        })
        .execute();
    },
    async findById(id: string): Promise<OrganizationRecord | undefined> {
      const row = await db
        .selectFrom('organizations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          name: row.name,
          tier: row.tier,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }
      );
    },
    async count(): Promise<number> {
      const row = await db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
