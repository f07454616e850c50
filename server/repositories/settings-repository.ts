import type { Db } from '../db/database.ts';

export function createSettingsRepository(db: Db) {
  const select = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const insertIfAbsent = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
  );

  return {
    /** The stored value, or `create()` stored first; concurrent starters agree on one value. */
    getOrCreate(key: string, create: () => string): string {
      const existing = select.get(key);
      if (existing !== undefined) return existing;
      insertIfAbsent.run(key, create());
      return select.get(key) ?? '';
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
