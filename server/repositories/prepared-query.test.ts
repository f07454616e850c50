// A prepared query binds each run's values where the stand-ins were, and keeps built-in constants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { preparedQuery } from './prepared-query.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.database.db
    .insertInto('settings')
    .values([
      { key: 'a', value: 'one' },
      { key: 'b', value: 'two' },
      { key: 'c', value: 'three' },
    ])
    .execute();
});
afterAll(() => test.close());

describe('preparedQuery', () => {
  it('runs with each call’s values, and keeps the constants it was built with', async () => {
    const { db } = test.database;
    let builds = 0;
    const valuesOf = preparedQuery(db, 2, (first: string, second: string) => {
      builds += 1;
      return db
        .selectFrom('settings')
        .select('value')
        .where('key', 'in', [first, second, 'c'])
        .orderBy('key');
    });
    expect((await valuesOf('a', 'b')).map((row) => row.value)).toEqual(['one', 'two', 'three']);
    expect((await valuesOf('b', 'x')).map((row) => row.value)).toEqual(['two', 'three']);
    expect((await valuesOf('x', 'y')).map((row) => row.value)).toEqual(['three']);
    expect(builds).toBe(1);
  });

  it('refuses a query that does not bind one of its values', async () => {
    const { db } = test.database;
    const ignoresItsValue = preparedQuery(db, 1, (_key: string) =>
      db.selectFrom('settings').select('value').where('key', '=', 'a'),
    );
    await expect(ignoresItsValue('b')).rejects.toThrow(/no parameter for value 0/);
  });
});
