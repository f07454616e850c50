// Server-wide settings every instance shares, e.g. the page-token signing secret.
import type { Executor } from './repositories.ts';

export function createSettingsRepository({ db }: Executor) {
  const select = async (key: string) =>
    (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())
      ?.value;

  return {
    /** The stored value, or `create()` stored first; concurrent starters (any instance) agree. */
    async getOrCreate(key: string, create: () => string): Promise<string> {
      const existing = await select(key);
      if (existing !== undefined) return existing;
      await db
        .insertInto('settings')
        .values({ key, value: create() })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .execute();
      return (await select(key)) ?? '';
    },
    /** Stores `value` under `key`, replacing what was there. */
    async put(key: string, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
        .execute();
    },
    /** Stores `value` unless the key exists; true when this call stored it. */
    async claim(key: string, value: string): Promise<boolean> {
      const result = await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
