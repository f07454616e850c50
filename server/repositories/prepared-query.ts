// Queries Kysely builds and compiles once, then runs with new values. Building and compiling a
// query costs about 25 µs a call, as much as running the statements of the hottest paths (who is
// calling, a list page) on SQLite. Only for queries whose text never depends on their values.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';

/** Stands for the value at `index` while the query is built: Kysely passes values through. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * `build` is called once, lazily, with a stand-in for each value; every parameter that is one of
 * them is bound to the matching argument on each run, any other keeps its built value.
 */
export function preparedQuery<Values extends readonly unknown[], Row>(
  db: Kysely<Schema>,
  arity: Values['length'],
  build: (...values: Values) => Compilable<Row>,
): (...values: Values) => Promise<Row[]> {
  let compiled: { query: CompiledQuery<Row>; bind: (values: Values) => unknown[] } | undefined;
  const prepare = () => {
    const slots = Array.from({ length: arity }, (_, index) => new Slot(index));
    const query = build(...(slots as unknown as Values)).compile();
    const unbound = slots.filter((slot) => !query.parameters.includes(slot));
    if (unbound.length > 0) {
      throw new Error(`prepared query has no parameter for value ${unbound[0]?.index}`);
    }
    const bind = (values: Values) =>
      query.parameters.map((parameter) =>
        parameter instanceof Slot ? values[parameter.index] : parameter,
      );
    return { query, bind };
  };
  return async (...values) => {
    compiled ??= prepare();
    const { query, bind } = compiled;
    const result = await db.executeQuery<Row>({ ...query, parameters: bind(values) });
    return result.rows;
  };
}
